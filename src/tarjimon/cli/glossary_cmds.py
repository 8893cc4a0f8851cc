"""Glossaries: list, import, export, add, show, edit, remove, attach, find."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from tarjimon.cli.common import (
    add_dirs,
    add_json,
    building,
    glossaries_folder,
    keep_until_exit,
    open_project,
    print_json,
    read_stdin,
    say,
    stdout_file,
    stub,
    whole_number,
)
from tarjimon.cli.glossary_scope import add_project_option as _project_option
from tarjimon.cli.glossary_scope import glossaries_for as _shared
from tarjimon.cli.glossary_scope import project_glossaries as _project_glossaries
from tarjimon.core import langs
from tarjimon.core.errors import NotFound, TarjimonError
from tarjimon.core.text.counts import counted
from tarjimon.core.text.visible import visible

if TYPE_CHECKING:
    from tarjimon.core.models.glossary import Concept


#: Languages shown in `glossary add --help`; every other known language code is accepted too.
_SHOWN = ("uz", "kk", "ru", "en")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    g = sub.add_parser(
        "glossary", help="shared glossaries", description="Shared glossaries and term recognition."
    )
    add_dirs(g)
    gsub = g.add_subparsers(dest="glossary_command", metavar="COMMAND")
    g.set_defaults(func=lambda args: (g.print_help(sys.stderr), 2)[1])
    for name, build in _SUBCOMMANDS:  # (cli.main: only the subcommand run is built in full)
        if building(sub, name, _NAMES):
            build(gsub)
        else:
            stub(gsub, name)


def _list_parser(gsub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = gsub.add_parser("list", help="list shared glossaries", description="List the shared glossaries.")
    _project_option(p)
    add_dirs(p)
    add_json(p)
    p.set_defaults(func=cmd_list)


def _import_parser(gsub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from tarjimon.core.workbench import file_formats  # (the format registry: only for this parser)

    reads = ", ".join(file_formats.labels("concepts", "read"))
    p = gsub.add_parser(
        "import", help=f"import {reads}", description=f"Import a glossary file ({reads}) into glossary NAME "
        "(created if new). Concepts with the same first term merge their synonyms. All or nothing.",
    )  # fmt: skip
    p.add_argument("name")
    p.add_argument("file")
    p.add_argument("--langs", metavar="SRC,TGT", help="languages of a table without header row "
                   "(OmegaT's glossaries: source term, target term, comment)")
    p.add_argument("--dry-run", action="store_true", help="show the columns understood and the concept count; "
                   "write nothing")
    _project_option(p)
    add_dirs(p)
    add_json(p)
    p.set_defaults(func=cmd_import)


def _export_parser(gsub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from tarjimon.core.workbench import file_formats  # (the format registry: only for this parser)

    p = gsub.add_parser("export", help=f"export to {', '.join(file_formats.labels('concepts', 'write'))}",
                        description="Export glossary NAME in the format the file's extension names.")
    p.add_argument("name")
    p.add_argument("-o", "--output", required=True, metavar="FILE",
                   help=", ".join(f"FILE{ext}" for ext in file_formats.extensions("concepts", "write")))
    p.add_argument("--format", metavar="NAME", help="instead of the extension: "
                   + ", ".join(file_formats.names("concepts", "write")) + " (tbx2: TBX v2, martif)")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    _project_option(p)
    add_dirs(p)
    add_json(p)
    p.set_defaults(func=cmd_export)


def _add_parser(gsub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = gsub.add_parser(
        "add", help="add one concept", description="Add one concept: --uz TERM --kk TERM --ru TERM --en TERM "
        "(any language code works; repeat an option for synonyms, preferred first).",
    )  # fmt: skip
    p.add_argument("name")
    _term_options(p)
    p.add_argument("--note", default="")
    p.add_argument("--domain", default="")
    p.add_argument("--status", default="", help="preferred, admitted or forbidden")
    p.add_argument("--pos", default="", help="part of speech")
    _project_option(p)
    add_dirs(p)
    add_json(p)
    p.set_defaults(func=cmd_add)


def _show_parser(gsub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = gsub.add_parser(
        "show", help="concepts by a term or an id", description="Show the concepts of glossary NAME that have "
        "a term containing QUERY (case aside; an Uzbek term in either script), or whose id is QUERY, with their "
        "ids (for glossary edit and remove). Terms equal to QUERY first.",
    )  # fmt: skip
    p.add_argument("name")
    p.add_argument("query", metavar="TERM|ID")
    p.add_argument("--limit", type=whole_number(1), default=50, help="at most this many concepts (default 50)")
    _project_option(p)
    add_dirs(p)
    add_json(p)
    p.set_defaults(func=cmd_show)


def _edit_parser(gsub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = gsub.add_parser(
        "edit", help="change one concept", description="Change concept ID of glossary NAME (ids: glossary "
        "show): --kk TERM sets its Kazakh terms (repeat for synonyms, preferred first; --kk '' clears them), "
        "--note/--domain/--status/--pos/--definition set a field ('' clears it). Languages and fields not given stay. Only "
        "the concept's line of the file changes; a new first term gives the concept a new id.",
    )  # fmt: skip
    p.add_argument("name")
    p.add_argument("id")
    _term_options(p)
    p.add_argument("--note", default=None)
    p.add_argument("--domain", default=None)
    p.add_argument("--status", default=None, help="preferred, admitted or forbidden ('' clears it)")
    p.add_argument("--pos", default=None, help="part of speech")
    p.add_argument("--definition", default=None, help="the concept's definition ('' clears it)")
    _project_option(p)
    add_dirs(p)
    add_json(p)
    p.set_defaults(func=cmd_edit)


def _remove_parser(gsub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = gsub.add_parser("remove", help="delete one concept", description="Remove concept ID (ids: glossary "
                        "show) from glossary NAME: its line of the file goes, nothing else changes.")  # fmt: skip
    p.add_argument("name")
    p.add_argument("id")
    _project_option(p)
    add_dirs(p)
    add_json(p)
    p.set_defaults(func=cmd_remove)


def _attach_parser(gsub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = gsub.add_parser("attach", help="a project uses a glossary", description="Record in PROJECT's "
                        "project.toml that it uses shared glossary NAME.")  # fmt: skip
    p.add_argument("project")
    p.add_argument("name")
    add_dirs(p)
    add_json(p)
    p.set_defaults(func=cmd_attach)


def _find_parser(gsub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = gsub.add_parser("find", help="term occurrences in a text", description="Find glossary NAME's terms "
                        "in a text, in inflected forms and either Uzbek script.")  # fmt: skip
    p.add_argument("name")
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--text", metavar="T")
    src.add_argument("--text-file", metavar="F")
    # (the text as a word, like tm search's: one starting with "-" follows `--`, `find NAME --lang uz -- -5%`)
    src.add_argument("words", nargs="?", metavar="TEXT", help="the text (instead of --text)")
    p.add_argument("--lang", required=True, help="the text's language")
    p.add_argument("--no-fuzzy", action="store_true", help="no typo-tolerant matches")
    _project_option(p)
    add_dirs(p)
    add_json(p)
    p.set_defaults(func=cmd_find)


_SUBCOMMANDS = (("list", _list_parser), ("import", _import_parser), ("export", _export_parser), ("add", _add_parser), ("show", _show_parser), ("edit", _edit_parser), ("remove", _remove_parser), ("attach", _attach_parser), ("find", _find_parser))
_NAMES = [name for name, _build in _SUBCOMMANDS]


def _term_options(p: argparse.ArgumentParser) -> None:
    for code in sorted(langs.KNOWN_LANGUAGES):
        if code in ("mul", "und"):
            continue
        shown = f"term in {langs.display_name(code)}" if code in _SHOWN else argparse.SUPPRESS
        p.add_argument(f"--{code}", dest=f"term_{code}", action="append", metavar="TERM", help=shown)


#: The options of glossary add/edit that are not a language's terms.
_FIELDS = ("note", "domain", "status", "pos", "definition", "json", "help", "projects-dir", "glossaries-dir", "project")


def term_tags(argv: list[str]) -> list[str]:
    """argv with each term option of `glossary add|edit` spelt as its language's code: `--KK`, `--ru-RU`,
    `--ru_RU=…`, `--uz-Cyrl` become `--kk`, `--ru`, `--ru=…`, `--uz` (tags are case-insensitive and a region
    or script variant counts as its language, as everywhere a language is taken)."""
    out = []
    for at, word in enumerate(argv):
        if word == "--":
            return out + argv[at:]
        name, sep, value = word[2:].partition("=")
        if word.startswith("--") and name.lower() not in _FIELDS and langs.is_known(name):
            word = f"--{langs.normalize(name)}{sep}{value}"
        out.append(word)
    return out


def _concept_json(c: Concept) -> dict[str, object]:
    from tarjimon.core.workbench.glossaries import term_history

    history = term_history(c)  # who made or changed it, when (a TBX's transactions)
    return {"id": c.id, "terms": {k: list(v) for k, v in c.terms.items()}, "note": c.note, "domain": c.domain,
            "status": c.status, "pos": c.pos, **({"transactions": history} if history else {})}  # fmt: skip


def _concept_line(c: Concept) -> str:
    terms = "  ".join(f"{visible(lang)}: {visible(' | '.join(ts))}" for lang, ts in c.terms.items() if ts)
    fields = "  ".join(f"{k}: {visible(v)}" for k, v in (("domain", c.domain), ("status", c.status), ("pos", c.pos),
                                                ("note", c.note)) if v)  # fmt: skip
    return f"{visible(c.id)}\t{terms}" + (f"\t{fields}" if fields else "")


def cmd_show(args: argparse.Namespace) -> int:
    from tarjimon.core.workbench.glossaries import term_history_lines

    found = _shared(args).show(args.name, args.query, max(1, args.limit))
    if args.json:
        print_json([_concept_json(c) for c in found])
    else:
        for c in found:
            print(_concept_line(c))
            for line in term_history_lines(c):  # a TBX's transactions: who made or changed it, when
                print(f"\t{line}")
        if not found:
            say(f"{args.name}: no concept has a term containing {args.query!r}")
    return 0


def cmd_edit(args: argparse.Namespace) -> int:
    terms = {k[5:]: v for k, v in vars(args).items() if k.startswith("term_") and v is not None}
    fields = {k: getattr(args, k) for k in ("note", "domain", "status", "pos", "definition")}
    if not terms and all(v is None for v in fields.values()):
        raise TarjimonError("nothing to change: give terms (--kk TERM, --kk '' clears) or "
                            "--note/--domain/--status/--pos/--definition")  # fmt: skip
    change = _shared(args).edit(args.name, args.id, terms, **fields)
    assert change.new is not None
    if args.json:
        print_json({"glossary": args.name, "was": change.old.id, **_concept_json(change.new)})
    else:
        renamed = f" (its id is now {change.new.id})" if change.new.id != change.old.id else ""
        say(f"{args.name}: concept {visible(change.old.id)} changed{renamed}")
        print(_concept_line(change.new))
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    old = _shared(args).remove(args.name, args.id)
    if args.json:
        print_json({"glossary": args.name, "removed": _concept_json(old)})
    else:
        say(f"{args.name}: concept {visible(old.id)} removed")
        print(_concept_line(old))
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    names = _project_glossaries(args, args.project) if args.project else None
    infos = _shared(args).catalogue(names)
    if args.json:
        print_json([{"name": i.name, "concepts": i.concepts, "langs": list(i.langs), "path": i.path,
                     **({"problem": i.problem} if i.problem else {})} for i in infos])
    else:
        for i in infos:
            shown = "unreadable (below)" if i.problem else counted(i.concepts, "concept")
            print(f"{visible(i.name)}\t{shown}\t{visible(','.join(i.langs))}")
    for i in infos:  # every glossary listed; then each that cannot be read, with its one-line error: exit 2
        if i.problem:
            print(f"tarjimon: {visible(i.problem)}", file=sys.stderr)
    return 2 if any(i.problem for i in infos) else 0


def cmd_import(args: argparse.Namespace) -> int:
    pair = None
    if args.langs:
        given = langs.parse_list(args.langs, source="--langs")
        if len(given) != 2:
            raise TarjimonError("--langs: give two languages, the source's and the target's (e.g. en,uz)")
        pair = (given[0], given[1])
    shared = _shared(args)
    if args.dry_run:
        columns, count = shared.preview(args.file, pair)
        if args.json:
            print_json({"file": args.file, "columns": columns, "concepts": count})
        else:
            for line in columns:
                print(visible(line))
            print(f"{count} concepts (dry run: nothing written)")
        return 0
    added, merged = shared.import_file(args.name, args.file, pair)
    if args.json:
        print_json({"glossary": args.name, "added": added, "merged": merged})
    else:
        say(f"{args.name}: {added} concept{'' if added == 1 else 's'} added, {merged} merged")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    with stdout_file(args.output, "glossary.tsv", as_json=args.json) as out:  # (-o -: TSV unless --format)
        said: list[str] = []
        n = _shared(args).export(args.name, out, args.format, overwrite=args.force or args.output == "-", said=said)
    if args.json:
        print_json({"glossary": args.name, "file": args.output, "concepts": n, "not_written": " ".join(said)})
    else:
        say(f"{args.name}: {n} concept{'' if n == 1 else 's'} written to {visible(args.output)}")
        for line in said:
            say(f"{args.name}: {line}")
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    terms = {k[5:]: v for k, v in vars(args).items() if k.startswith("term_") and v}
    blank = next((k for k, v in terms.items() if any(not t.strip() for t in v)), None)
    if blank is not None:  # `--uz ''` was accepted and the concept stored without its uz term
        raise TarjimonError(f"--{blank}: an empty term (give the term, or leave --{blank} out)")
    if not terms:
        raise TarjimonError("give at least one term, e.g. --uz TERM --kk TERM")
    stored, merged = _shared(args).add(args.name, terms, args.note, args.domain,
                                                                    args.status, args.pos)
    if args.json:
        print_json({"glossary": args.name, "concept": stored.id, "merged": merged,
                    "terms": {k: list(v) for k, v in stored.terms.items()}})  # fmt: skip
    else:
        say(f"{args.name}: concept {'merged' if merged else 'added'} ({visible(stored.id)})")
    return 0


def cmd_attach(args: argparse.Namespace) -> int:
    from tarjimon.core.config import check_name, install_starter_glossary
    from tarjimon.core.workbench.glossaries import SharedGlossaries

    check_name(args.project)
    if args.name == "project":  # the name the workbench gives the project's own glossary (its glossary.tsv)
        raise TarjimonError("'project' is the name of each project's own glossary: attach a shared glossary "
                            "under another name (glossary export project --project P -o X.tsv, then glossary import X X.tsv)")
    folder = glossaries_folder(args)
    if not SharedGlossaries(folder).exists(args.name) and install_starter_glossary(folder, args.name) is None:
        raise NotFound(f"no glossary named {args.name!r} in {folder}")
    with open_project(args, args.project) as project:
        if args.name not in project.config.glossaries:
            project.config.glossaries.append(args.name)
            project.save_config()
        if args.json:
            print_json({"project": project.name, "glossaries": list(project.config.glossaries)})
        else:
            say(f"{project.name} uses glossaries: {visible(', '.join(project.config.glossaries))}")
    return 0


def cmd_find(args: argparse.Namespace) -> int:
    from tarjimon.core.textio import read_text

    lang = langs.normalize(args.lang, source="--lang")
    given = args.text if args.text is not None else args.words
    if given is None:  # --text-file F (`-`: stdin, as --queries and segment read it)
        given = read_stdin() if args.text_file == "-" else read_text(args.text_file)[0]
    text = given
    glossary = _shared(args).finder(args.name, lang)
    hits = glossary.find(text, lang, fuzzy=not args.no_fuzzy)
    keep_until_exit(glossary)  # (read only: the process ends without freeing its index)
    if args.json:
        print_json([h.to_json() for h in hits])
    else:
        for h in hits:
            targets = "  ".join(f"{visible(k)}: {visible(v)}" for k, v in h.targets.items())
            print(f"{h.start}-{h.end}\t{visible(h.text)}\t{visible(h.term)}\t{h.score} {h.kind}\t{targets}")
    return 0
