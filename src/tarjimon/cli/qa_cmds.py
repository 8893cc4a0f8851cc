"""`tarjimon qa NAME [--target LANG] [--json]`: the QA checks of a project's targets; exit 1 when any."""

from __future__ import annotations

import argparse
from itertools import groupby

from tarjimon.cli.common import add_dirs, add_json, open_project, print_json
from tarjimon.core.models.qa import Finding

_MARK = {"error": "E", "warning": "W", "info": "i"}


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "qa",
        help="check the targets (numbers, terms, punctuation...)",
        description="Run the QA checks over every non-empty target; exit 1 when there are findings.",
    )
    p.add_argument("name", metavar="NAME")
    p.add_argument("--target", metavar="LANG", help="only this target language")
    add_json(p)
    add_dirs(p)
    p.set_defaults(func=cmd_qa)


def cmd_qa(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        targets = [project.target(args.target, source="--target")] if args.target else None
        findings = project.qa(targets)
    if args.json:
        print_json([f.to_json() for f in findings])
    else:
        print_findings(findings)
    return 1 if findings else 0


def print_findings(findings: list[Finding]) -> None:
    """Findings grouped by segment: the source once, then each finding with its language and check."""
    if not findings:
        print("no findings")
        return
    for segment, group in groupby(sorted(findings, key=lambda f: f.segment), key=lambda f: f.segment):
        items = list(group)
        print(f"segment {segment}: {items[0].source}")
        for f in items:
            print(f"  {_MARK.get(f.severity, '?')} {f.lang} {f.check}: {f.message}")
            print(f"      {f.target}")
    counts = {s: sum(f.severity == s for f in findings) for s in _MARK}
    print(", ".join(f"{n} {s}{'s' if n != 1 else ''}" for s, n in counts.items() if n))
