"""Documents of a project: `tarjimon documents NAME` lists them, `tarjimon remove NAME DOC` removes one."""

from __future__ import annotations

import argparse
import sys

from tarjimon.cli.common import (
    add_dirs,
    add_json,
    find_document,
    glossaries_folder,
    print_json,
    projects_folder,
    say,
)
from tarjimon.core.config import check_name
from tarjimon.core.errors import ProjectLocked, TarjimonError
from tarjimon.core.text.counts import counted
from tarjimon.core.text.visible import visible
from tarjimon.core.workbench import open_workbench
from tarjimon.core.workbench.documents import document_infos


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("documents", help="list a project's documents",
                       description="The project's documents in import order, with their segments and, per target "
                       "language, how many targets are translated, reviewed, draft and empty.")
    p.add_argument("name")
    add_dirs(p)
    add_json(p)
    p.set_defaults(func=cmd_documents)

    p = sub.add_parser("remove", help="remove a document from a project",
                       description="Remove document DOC (its name, as `tarjimon documents` lists it, or its number "
                       "there). Its targets are kept in the history and the units its confirmed targets became stay "
                       "in the TM. Asks first unless --yes; refused while the project is open in a workbench.")
    p.add_argument("name")
    p.add_argument("document", metavar="DOC")
    p.add_argument("--yes", "-y", action="store_true", help="do not ask")
    add_dirs(p)
    add_json(p)
    p.set_defaults(func=cmd_remove)


def cmd_documents(args: argparse.Namespace) -> int:
    with open_workbench(projects_folder(args), check_name(args.name), glossaries_dir=glossaries_folder(args)) as wb:
        infos = document_infos(wb)
        if args.json:
            print_json([i.as_json() for i in infos])
            return 0
        if not infos:
            say(f"project {wb.name!r} has no documents (add one with: tarjimon import {wb.name} FILE)")
        for n, info in enumerate(infos, 1):
            done = "  ".join(f"{lang} {c['translated'] + c['reviewed']}/{info.segments - c.get('unused_forms', 0)}"
                             + (f" ({c['draft']} draft)" if c["draft"] else "") for lang, c in info.languages.items())
            print(f"{n}\t{visible(info.document.name)}\t{info.segments} segments\t{done}")
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    try:
        wb = open_workbench(projects_folder(args), check_name(args.name), glossaries_dir=glossaries_folder(args),
                            lock=True)
    except ProjectLocked as exc:
        raise TarjimonError(f"{exc}: close it there, or remove the document from its document picker") from None
    with wb:
        name = find_document(wb, args.document).name
        info = next(i for i in document_infos(wb) if i.document.name == name)
        done = sum(c["translated"] + c["reviewed"] + c["draft"] for c in info.languages.values())
        if not args.yes:
            if not sys.stdin.isatty():
                raise TarjimonError(f"remove {visible(name)} ({counted(info.segments, 'segment')}, {counted(done, 'target')}) from {wb.name}? "
                                    "add --yes to remove it")
            sys.stderr.write(f"Remove {visible(name)} ({counted(info.segments, 'segment')}, {counted(done, 'target')}) from {wb.name}? "
                             "Its targets stay in the history, its units in the TM. [y/N] ")
            sys.stderr.flush()
            if sys.stdin.readline().strip().lower() not in ("y", "yes"):
                say("nothing removed")
                return 1
        removed = wb.remove_document(name)
        if args.json:
            print_json(removed.as_json())
        else:
            say(f"removed {visible(removed.name)}: {counted(removed.segments, 'segment')}; {counted(removed.targets_in_history, 'target')} kept in "
                f"the history; the TM keeps its {counted(removed.tm_units, 'unit')}")
    return 0
