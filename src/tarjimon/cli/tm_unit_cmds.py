"""Correcting the TM by hand: `tarjimon tm list|edit|delete` (joins the `tm` group made by tm_cmds)."""

from __future__ import annotations

import argparse

from tarjimon.cli.common import add_dirs, add_json, open_project, print_json, say, whole_number
from tarjimon.core import langs
from tarjimon.core.text.visible import visible


def register_tm(tsub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """tm list|edit|delete: tm_cmds calls this with its group's subparsers."""
    p = tsub.add_parser("list", help="units of the TM, newest first",
                        description="Units of the TM, newest first, with their id (for tm edit/delete), origin, "
                        "date and how many confirmed targets of the project use them.")
    p.add_argument("name")
    p.add_argument("--text", default="", help="only units whose source or target contains TEXT (any case; "
                   "Uzbek in either script)")
    p.add_argument("--target", metavar="LANG", help="only units with this target language")
    p.add_argument("--origin", default="", help="only units whose origin contains ORIGIN")
    p.add_argument("--before", type=whole_number(1), metavar="ID", help="the page after this id (paging)")
    p.add_argument("--limit", type=whole_number(1), default=50, metavar="N")
    add_dirs(p)
    add_json(p)
    p.set_defaults(func=cmd_list)

    p = tsub.add_parser("edit", help="correct a TM unit's target (or source)",
                        description="Correct unit ID (its id from tm list or search --json): a new target and/or "
                        "source. An identical unit that already exists takes its place.")
    p.add_argument("name")
    p.add_argument("id", type=whole_number(1))
    p.add_argument("--target-text", metavar="TEXT", help="the corrected target")
    p.add_argument("--source-text", metavar="TEXT", help="the corrected source")
    add_dirs(p)
    add_json(p)
    p.set_defaults(func=cmd_edit)

    p = tsub.add_parser("delete", help="remove wrong units from the TM",
                        description="Remove units by id (from tm list or search --json).")
    p.add_argument("name")
    p.add_argument("ids", type=whole_number(1), nargs="+", metavar="ID")
    add_dirs(p)
    add_json(p)
    p.set_defaults(func=cmd_delete)


def cmd_list(args: argparse.Namespace) -> int:
    from tarjimon.core.workbench.tm_units import UnitQuery

    with open_project(args) as project:
        target = langs.normalize(args.target, source="--target") if args.target else None
        page = project.tm_units.page(UnitQuery(args.text, None, target, args.origin), before=args.before,
                                     limit=max(1, args.limit))
        if args.json:
            print_json([b.as_json() for b in page])
            return 0
        if not page:
            say("no units")
        for b in page:
            u = b.unit
            print(f"#{u.id}  {u.source_lang}>{u.target_lang}  {visible(u.origin or 'tm')}  {u.changed_at[:10]}  used {b.uses}")
            print(f"  {visible(u.source)}\n  → {visible(u.target)}")
        if len(page) == args.limit:
            say(f"more: --before {page[-1].unit.id}")
    return 0


def cmd_edit(args: argparse.Namespace) -> int:
    from tarjimon.core.workbench.tm_units import unit_json  # (imports the TMX format: only here)

    with open_project(args) as project:
        before = project.tm_units.unit(args.id)
        after = project.tm_units.edit(args.id, source=args.source_text, target=args.target_text)
        if args.json:
            print_json(unit_json(after) | {"was": unit_json(before)})
        else:
            merged = f" (merged into the identical unit #{after.id})" if after.id != before.id else ""
            say(f"unit #{args.id} changed{merged}:\n  {visible(after.source)}\n  → {visible(after.target)}")
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    from tarjimon.core.workbench.tm_units import unit_json  # (imports the TMX format: only here)

    with open_project(args) as project:
        units = [project.tm_units.unit(i) for i in args.ids]  # every id checked before anything is deleted
        for u in units:
            project.tm_units.delete(u.id)
        if args.json:
            print_json({"deleted": [unit_json(u) for u in units], "tm_units": project.tm.count()})
        else:
            for u in units:
                say(f"deleted unit #{u.id}: {visible(u.source)} → {visible(u.target)}")
    return 0
