"""Keeping a project safe: backup, restore, check."""

from __future__ import annotations

import argparse
from pathlib import Path

from tarjimon.cli.common import (
    add_dirs,
    add_json,
    glossaries_folder,
    open_project,
    print_json,
    projects_folder,
    say,
)
from tarjimon.core.config import check_name
from tarjimon.core.store import now
from tarjimon.core.text.visible import visible
from tarjimon.core.workbench import maintenance


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("backup", help="a consistent copy of a project", description="Copy project NAME's "
                       "database (with its project.toml) to one file, consistent even while it is in use.")  # fmt: skip
    p.add_argument("name")
    p.add_argument("-o", "--output", metavar="FILE", help="default: NAME-YYYYMMDDTHHMMSS.tarjimon.db here")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    add_dirs(p)
    add_json(p)
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("restore", help="restore a project from a backup", description="Restore project NAME "
                       "from FILE (made by `tarjimon backup`). An existing project is replaced only with --force, "
                       "after a safety copy of it: NAME/backups/before-restore-YYYYMMDDTHHMMSSZ.db (never "
                       "overwritten; the command prints where).")  # fmt: skip
    p.add_argument("name")
    p.add_argument("file")
    p.add_argument("--force", action="store_true", help="replace the existing project")
    add_dirs(p)
    add_json(p)
    p.set_defaults(func=cmd_restore)

    p = sub.add_parser("check", help="check a project's database", description="SQLite's integrity check, "
                       "rows that lost their owner, the TM index against its units. Exit 1 when something is "
                       "wrong; --repair fixes orphans and the index (after a safety copy in NAME/backups/).")  # fmt: skip
    p.add_argument("name")
    p.add_argument("--repair", action="store_true")
    add_dirs(p)
    add_json(p)
    p.set_defaults(func=cmd_check)


def cmd_backup(args: argparse.Namespace) -> int:
    check_name(args.name)
    stamp = now().split("+")[0].replace("-", "").replace(":", "")
    out = Path(args.output or f"{args.name}-{stamp}.tarjimon.db")
    with open_project(args) as project:
        maintenance.backup(project, out, overwrite=args.force)
    if args.json:
        print_json({"project": args.name, "file": str(out)})
    else:
        say(f"{args.name}: backed up to {visible(out)}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    saved = maintenance.restore(projects_folder(args), args.name, args.file, overwrite=args.force,
                                glossaries_dir=glossaries_folder(args))  # fmt: skip
    if args.json:
        kept = str(saved.resolve()) if saved else None
        print_json({"project": args.name, "file": args.file, "safety_copy": kept, "replaced_kept_in": kept})
        return 0
    say(f"{args.name}: restored from {visible(args.file)}")
    if saved:  # where the project as it was stands, whole (it is never pruned or overwritten)
        say(f"{args.name}: the project as it was before the restore is kept in {visible(saved.resolve())}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        report = maintenance.check(project, repair=args.repair)
    if args.json:
        print_json(report)
    else:
        # the check's report is its result: on stdout, as its --json (stderr is for errors)
        for line in report.get("problems_before", []):
            print(f"{args.name}: found: {visible(line)}")
        if report["repaired"]:
            print(f"{args.name}: repaired ({report.get('orphans_removed', 0)} orphan rows removed, "
                  f"{report.get('postings_dropped', 0)} index entries dropped, "
                  f"{report.get('foreign_dropped', 0)} triggers or views dropped; backup: {report['backup']})")
        for line in report["problems"]:
            print(f"{args.name}: {visible(line)}")
        if not report["problems"]:
            tm = report["tm"]
            print(f"{args.name}: ok ({tm['units']} TM units, {tm['postings_entries']} index entries)")
    return 1 if report["problems"] else 0
