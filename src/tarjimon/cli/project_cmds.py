"""Projects and documents: new, list, import, export, stats."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from tarjimon.cli.common import (
    add_dirs,
    add_json,
    add_own,
    building,
    open_project,
    print_json,
    projects_folder,
    say,
    stdout_file,
)
from tarjimon.core import langs
from tarjimon.core.config import list_projects
from tarjimon.core.errors import TarjimonError
from tarjimon.core.text.counts import counted
from tarjimon.core.text.visible import visible

if TYPE_CHECKING:
    from tarjimon.core.workbench import Workbench


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("new", help="create a project", description="Create a project.")
    p.add_argument("name")
    p.add_argument("--source", required=True, help="source language, e.g. uz")
    p.add_argument("--targets", required=True, help="target languages, comma-separated, e.g. kk,ru,en")
    add_dirs(p)
    add_json(p)
    p.set_defaults(func=cmd_new)

    p = sub.add_parser("list", help="list projects", description="List the projects.")
    add_dirs(p)
    add_json(p)
    p.set_defaults(func=cmd_list)
    if building(sub, "import") or building(sub, "export"):  # (their help names the formats: the registry)
        _import_export(sub)

    p = sub.add_parser("stats", help="project statistics", description="Segments, words and progress.")
    p.add_argument("name")
    p.add_argument("--html", metavar="FILE", help="also write progress charts and QA findings as an HTML page")
    p.add_argument("--analysis", action="store_true",
                   help="what to bill: per target language, the words of every document by TM match band "
                   "(repetitions, 101%%, 100%%, 95-99%%, 85-94%%, 75-84%%, 50-74%%, no match) and weighted by a pay grid")
    p.add_argument("--weights", metavar="GRID",
                   help="the pay grid for --analysis, percent of a new word's rate per band: "
                   "\"rep=20,101=10,100=30,95=40,85=60,75=80,50=100,new=100\" (the default; bands left out keep it; "
                   "a project keeps its own: config NAME weights GRID)")
    add_own(p)
    add_dirs(p)
    add_json(p)
    p.set_defaults(func=cmd_stats)


def _import_export(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from tarjimon.core.workbench import file_formats

    p = sub.add_parser(
        "import",
        help="add documents to a project",
        description=f"Import articles ({', '.join(file_formats.names('document', 'read'))}). "
        "Re-importing a document keeps the translations of "
        "sentences that did not change. In a Word or OpenDocument file, bold, italic, links and other "
        "formatting become inline tags (⟨1⟩text⟨/1⟩) and footnote marks, tabs and pictures standalone tags (⟨2/⟩): "
        "the workbench inserts them with F10 and QA checks that each target keeps them. A bilingual XLIFF file "
        "(1.2, sdlxliff, mqxliff, 2.0) keeps its own segments (no joins or splits), its codes become tags the same "
        "way, and its targets come with their states into the target of its language. A gettext PO file the "
        "same: each msgid (and plural form) a segment, its msgstr the target (fuzzy: a draft); `export --format po` "
        "writes it back into that file, only the changed msgstrs and fuzzy flags rewritten.",
    )
    p.add_argument("name")
    p.add_argument("files", nargs="+", metavar="FILE")
    add_dirs(p)
    add_json(p)
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("export", help="export translations",
                       description="Export one file per document. docx and odt rebuild the Word or OpenDocument "
                       "file the document was imported from (kept in the project) with the target language in it: "
                       "styles, tables, headers and pictures as they were, each tag's formatting or link back on "
                       "its text. In every format that rebuilds the article (txt, md, docx, odt), drafts and "
                       "untranslated segments are refused unless --include-drafts / --fill-source. xliff (1.2) and "
                       "xliff2 (2.0): a document imported from an XLIFF file of that version is written back into "
                       "that file (ids, notes, codes and other tools' extensions kept; targets and states filled, an "
                       "untouched target as it was); any other document becomes a new XLIFF file, a unit per "
                       "segment. original: each document in the format it was imported from. In a mixed project, "
                       "docx and odt write the documents imported from such a file and each other one in its own "
                       "format, saying so.")  # fmt: skip
    p.add_argument("name")
    p.add_argument("--format", required=True,
                   help=", ".join([*file_formats.names("document", "write"), "original (each document's own)"]))
    p.add_argument("--document", action="append", metavar="NAME",
                   help="export only this document (as `documents` lists it); repeat for several")
    p.add_argument("--target", required=True, metavar="LANG")
    p.add_argument("-o", "--output", required=True, metavar="DIR")
    p.add_argument("--force", action="store_true", help="replace files that already exist in DIR")
    p.add_argument("--include-drafts", action="store_true",
                   help="txt, md, docx, odt: write draft targets too (refused otherwise, naming the segments)")
    p.add_argument("--fill-source", action="store_true",
                   help="txt, md, docx, odt: write the source text of untranslated segments (refused otherwise)")
    add_dirs(p)
    add_json(p)
    p.set_defaults(func=cmd_export)


def cmd_new(args: argparse.Namespace) -> int:
    from tarjimon.core.workbench import Workbench

    source = langs.normalize(args.source, source="--source")
    targets = langs.parse_list(args.targets, source="--targets")
    given = [t.strip() for t in args.targets.split(",") if t.strip()]
    if len(given) != len(targets):  # kk,kk or kk,kk-KZ: said, not silently made one
        n, again = next((n, t) for n, t in enumerate(given)
                        if langs.normalize(t) in (langs.normalize(u) for u in given[:n]))  # fmt: skip
        first = next(u for u in given[:n] if langs.normalize(u) == langs.normalize(again))
        same = "is given twice" if again == first else f"is {first} again"
        raise TarjimonError(f"--targets {args.targets}: {again} {same} (give each target language once)")
    with Workbench.create(projects_folder(args), args.name, source, targets) as project:
        if args.json:
            print_json({"name": project.name, "source": project.source_lang, "targets": project.target_langs,
                        "path": str(project.folder)})
        else:
            say(f"created project {project.name} ({source} → {', '.join(targets)}) in {project.folder}")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    folder = projects_folder(args)
    configs = list_projects(folder)
    if args.json:
        print_json([{"name": c.name, "source": c.source, "targets": c.targets, "glossaries": c.glossaries}
                    for c in configs])
        return 0
    if not configs:
        say(f"no projects in {folder} (create one with: tarjimon new NAME --source uz --targets kk,ru,en)")
    for c in configs:
        print(f"{visible(c.name)}\t{visible(c.source)} → {visible(','.join(c.targets))}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    paths = [Path(f) for f in args.files]
    with open_project(args) as project:
        # All or nothing: every file is read and segmented before anything is written.
        reports = project.import_files(paths)
        for path, r in zip(paths, reports, strict=True):
            if not args.json:
                enc = f" (read as {r.encoding})" if r.encoding not in ("utf-8", "utf-8-sig") else ""
                targets = f", {counted(r.targets, 'target')}" if r.targets else ""
                if r.targets_kept:
                    targets += f" ({r.targets_kept} of the file's not taken: the project's differ)"
                if r.reimport:
                    say(f"{visible(path)}: re-imported{enc}: {counted(r.segments, 'segment')}, {r.unchanged} unchanged, "
                        f"{r.changed} changed or new, {r.removed} removed{targets}")
                else:
                    say(f"{visible(path)}: imported {counted(r.segments, 'segment')}{enc}{targets}")
        if project.sharing is not None and any(r.reimport and (r.changed or r.removed) for r in reports):
            _outside_the_story(project)
        if args.json:
            print_json([r.__dict__ for r in reports])
    return 0


def _outside_the_story(project: Workbench) -> None:
    """A re-import on a desk of a shared story: say which of its segments the story no longer shares."""
    assert project.sharing is not None
    try:
        n = project.sharing.outside()
    except TarjimonError:  # (the server does not answer: `tm status` says it when it does)
        return
    if n:
        say(f"warning: {counted(n, 'segment')} of this desk differ from the shared story {project.sharing.name!r} "
            "(re-imported here): their targets stay on this desk; to share this version, share it as a new story")


def cmd_export(args: argparse.Namespace) -> int:
    from tarjimon.core.workbench.exporting import ExportPolicy

    with open_project(args) as project:
        lang = langs.normalize(args.target, source="--target")
        fmt = args.format.lower()
        policy = ExportPolicy(include_drafts=args.include_drafts, fill_source=args.fill_source)
        piped = args.output == "-"  # one document's file to stdout (the report then goes to stderr)
        count = len(set(args.document)) if args.document else len(project.documents())
        if piped and count != 1:
            raise TarjimonError(f"-o - writes one document to stdout; project {project.name!r} has "
                                f"{count}: give a folder (-o DIR) or one --document")
        with stdout_file(args.output, "", as_json=args.json) as out:
            report = project.export_report(fmt, lang, out, overwrite=args.force, policy=policy,
                                           documents=args.document)  # (-o -: a scratch folder)
        written = report.files
        if args.json:
            print_json(report.as_json())
        else:
            for p in written if not piped else ():
                say(f"wrote {visible(p)}")
            for line in report.lines():
                (say if piped else print)(visible(line))
        if not written:
            raise TarjimonError(f"project {project.name!r} has no documents to export")
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    if (args.weights is not None or args.own) and not args.analysis:
        raise TarjimonError(f"{'--weights' if args.weights is not None else '--include-own'} goes with --analysis")
    with open_project(args) as project:
        data = project.stats()
        bills = project.billing(args.weights, own=args.own) if args.analysis else None
        if args.html:
            from tarjimon.cli.analysis_cmds import write_html

            say(f"wrote {write_html(args.html, project.stats_html())}")
    if bills is not None:
        from tarjimon.cli.analysis_cmds import bill_json, print_bill

        data["analysis"] = bill_json(bills)
    if args.json:
        print_json(data)
        return 0
    print(f"{visible(data['project'])}: {counted(data['documents'], 'document')}, {counted(data['segments'], 'segment')}, "
          f"{counted(data['words'], 'word')}, {counted(data['tm_units'], 'TM unit')}")
    print(f"  repetitions: {data['repetitions']} · open comments: {data['open_comments']}")
    for lang, c in data["languages"].items():
        print(f"  {lang}: {c['progress']:5.1f}%  translated {c['translated']}, reviewed {c['reviewed']}, "
              f"draft {c['draft']}, empty {c['empty']}"
              + (f" ({counted(c['unused_forms'], 'plural form')} {lang} has not, not counted)" if c.get("unused_forms") else ""))
    if bills is not None:
        print_bill(bills)
    return 0
