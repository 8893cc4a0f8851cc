"""`tarjimon demo`: (re)create the demo project."""

from __future__ import annotations

import argparse

from tarjimon.cli.common import add_dirs, add_json, print_json, projects_folder, say
from tarjimon.demo import DEMO_NAME, build_demo


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "demo",
        help="create the demo project",
        description="Create the demo project (a short Uzbek news story with kk, ru, en targets partly done).",
    )
    p.add_argument("--name", default=DEMO_NAME)
    p.add_argument("--reset", action="store_true", help="replace an existing demo project")
    add_dirs(p)
    add_json(p)
    p.set_defaults(func=cmd_demo)


def cmd_demo(args: argparse.Namespace) -> int:
    with build_demo(projects_folder(args), args.name, replace=args.reset) as project:
        stats = project.stats()
    if args.json:
        print_json({"name": args.name, "path": str(projects_folder(args) / args.name),
                    "segments": stats["segments"], "tm_units": stats["tm_units"]})
        return 0
    say(f"demo project {args.name!r} ready in {projects_folder(args) / args.name}: "
        f"{stats['segments']} segments, {stats['tm_units']} TM units")
    return 0
