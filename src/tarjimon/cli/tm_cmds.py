"""Translation memory commands: tm import|export|search|concordance, and pretranslate."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from tarjimon.cli import team_cmds, tm_unit_cmds
from tarjimon.cli.common import (
    add_dirs,
    add_json,
    open_project,
    print_json,
    read_stdin,
    say,
    stdout_file,
    whole_number,
)
from tarjimon.cli.team_cmds import offline_warning
from tarjimon.core import langs
from tarjimon.core.config import check_name
from tarjimon.core.errors import NotFound, TarjimonError
from tarjimon.core.text.counts import counted
from tarjimon.core.text.visible import visible
from tarjimon.core.textio import read_text
from tarjimon.core.workbench import file_formats


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    tm = sub.add_parser("tm", help="translation memory", description="The project's translation memory.")
    tsub = tm.add_subparsers(dest="tm_command", metavar="TM_COMMAND")
    tm.set_defaults(func=lambda args: (tm.print_help(sys.stderr), 2)[1])

    reads = ", ".join(file_formats.labels("units", "read"))
    p = tsub.add_parser("import", help=f"import {reads} files", description=f"Import {reads} files "
                        "(TMX 1.4b/1.1) into the project's TM. Each file is all or nothing.")
    p.add_argument("name")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--source-lang", metavar="LANG", help="PO only: the language of msgid (default: the project's)")
    p.add_argument("--target-lang", metavar="LANG", help="PO only: the language of msgstr (default: its header)")
    add_dirs(p)
    add_json(p)
    p.set_defaults(func=cmd_import)

    writes = ", ".join(file_formats.labels("units", "write"))
    p = tsub.add_parser("export", help=f"export the TM as {writes}", description="Write the TM as "
                        f"{writes} (TMX 1.4b), in the format the file's extension names.")
    p.add_argument("name")
    p.add_argument("-o", "--output", required=True, metavar="FILE.tmx")
    p.add_argument("--force", action="store_true", help="replace FILE.tmx if it exists")
    p.add_argument("--target", metavar="LANG", help="only units with this target language")
    add_dirs(p)
    add_json(p)
    p.set_defaults(func=cmd_export)

    p = tsub.add_parser("optimize", help="merge the TM index's rows (faster lookups after big imports); index units again without their tags",
                        description="Merge each stem's rows of the TM's search index (one per import batch and per "
                        "confirmed unit) into one: lookups read fewer, longer rows and find the same matches. Units whose source has tags "
                        "written in it (<b>, {1}, %%s) and were indexed with them (before Tarjimon's twelfth session) are indexed "
                        "again without them: on a project connected to a team TM, the server's units too.")
    p.add_argument("name")
    add_dirs(p)
    add_json(p)
    p.set_defaults(func=cmd_optimize)

    p = tsub.add_parser("search", help="fuzzy matches for a sentence", description="Fuzzy TM matches, best first "
                        "(100 = identical source, 101 = identical with the same context).")
    p.add_argument("name")
    p.add_argument("text", nargs="?", help="the sentence (or use --queries)")
    p.add_argument("--queries", metavar="FILE", help="one query per line; prints one JSON line per query")
    p.add_argument("--target", required=True, metavar="LANG")
    p.add_argument("--limit", type=whole_number(1), default=5, metavar="N")
    p.add_argument("--min", type=int, default=50, metavar="SCORE", dest="min_score")
    add_dirs(p)
    add_json(p)
    p.set_defaults(func=cmd_search)

    p = tsub.add_parser("concordance", help="units containing a word or phrase",
                        description="Units whose source or target contains TEXT (any inflected form).")
    p.add_argument("name")
    p.add_argument("text")
    p.add_argument("--target", metavar="LANG")
    p.add_argument("--limit", type=whole_number(1), default=50, metavar="N")
    add_dirs(p)
    add_json(p)
    p.set_defaults(func=cmd_concordance)
    team_cmds.register_tm(tsub)  # tm connect|disconnect|status|push
    tm_unit_cmds.register_tm(tsub)  # tm list|edit|delete

    p = sub.add_parser("pretranslate", help="fill empty targets from the TM",
                       description="Fill empty targets: 100/101%% matches as translated; with --min N (< 100) "
                       "fuzzy matches >= N as draft.")
    p.add_argument("name")
    p.add_argument("--target", metavar="LANG", help="one target language (default: all)")
    p.add_argument("--min", type=int, default=100, metavar="N", dest="min_score")
    add_dirs(p)
    add_json(p)
    p.set_defaults(func=cmd_pretranslate)


class _Bar:
    """A progress line on stderr, only when stderr is a terminal."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.on = sys.stderr.isatty()
        self.shown = False

    def __call__(self, done: int, total: int | None = None) -> None:
        if not self.on:
            return
        text = f"\r{visible(self.label)}: {done:,}" + (f"/{total:,}" if total else " units")
        sys.stderr.write(text)
        sys.stderr.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()


def cmd_import(args: argparse.Namespace) -> int:
    check_name(args.name)
    for name in args.files:  # every file's format checked before anything is imported
        file_formats.check(name, "units", "read")
    with open_project(args) as project:
        results = []
        tm = project.tm_for_import()  # (a refused file leaves a project without a TM without one)
        for name in args.files:
            bar = _Bar(Path(name).name)
            try:
                r = tm.import_file(name, source_lang=args.source_lang, target_lang=args.target_lang,
                                           progress=bar)
            finally:
                bar.close()
            results.append(r)
            if not args.json:
                why = "; ".join(f"{n} {visible(reason)}" for reason, n in r.reasons.items())
                say(f"{visible(name)}: {counted(r.added, 'unit')} added, {counted(r.duplicates, 'duplicate')}, {r.skipped} skipped "
                    + (f"[{why}] " if why else "") + f"({r.seconds:.1f} s)")
        if args.json:
            print_json({"files": [{"file": r.path, "format": r.format, "added": r.added, "duplicates": r.duplicates,
                                   "skipped": r.skipped, "skipped_why": r.reasons} for r in results], "tm_units": tm.count()})
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    with open_project(args) as project, stdout_file(args.output, "tm.tmx", as_json=args.json) as out:
        target = langs.normalize(args.target, source="--target") if args.target else None
        n, dropped = file_formats.export_tm(project.tm, out, target, project.source_lang,
                                          overwrite=args.force or args.output == "-")
        if dropped:
            say(f"warning: {dropped} characters XML 1.0 cannot hold were left out")
        if args.json:
            print_json({"file": args.output, "units": n, "dropped_characters": dropped})
        else:
            say(f"wrote {n} units to {visible(args.output)}")
    return 0


def cmd_optimize(args: argparse.Namespace) -> int:
    from tarjimon.core.workbench import maintenance

    with open_project(args) as project:
        team = maintenance.optimize_team_tm(project)  # (first: a server that does not answer changes nothing)
        n, rekeyed = maintenance.optimize_tm(project)
    if args.json:
        print_json({"lists_merged": n, "units_rekeyed": rekeyed} | ({} if team is None else {"team_units_rekeyed": team}))
    else:
        say(f"{args.name}: {n} index lists merged into one row each"
            + (f"; {counted(rekeyed, 'unit')} with tags in their source indexed again without them" if rekeyed else "")
            + (f"; team TM: {counted(team, 'unit')} indexed again without their tags" if team else ""))
    return 0


def _queries(path: str) -> list[str]:
    if path == "-":
        text = read_stdin()
    else:
        try:
            text, _ = read_text(path)
        except NotFound as exc:
            raise NotFound("no such file", path=path) from exc
    # Every line is a query, a blank one included (its answer has no matches), so that output line N
    # answers input line N; only the piece after a final newline is not a line.
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def cmd_search(args: argparse.Namespace) -> int:
    if not 0 <= args.min_score <= 101:  # (as pretranslate: `--min 800` for 80 is a typo, not "no matches")
        raise TarjimonError("--min must be between 0 and 101")
    target = langs.normalize(args.target, source="--target")
    if (args.text is None) == (args.queries is None):
        raise TarjimonError("give either TEXT or --queries FILE")
    queries = [args.text] if args.text is not None else _queries(args.queries)
    with open_project(args) as project:
        project.target(target, source="--target")
        for n, q in enumerate(queries):
            matches = project.tm.lookup(q, target, limit=args.limit, min_score=args.min_score) if q.strip() else []
            if n == 0:
                offline_warning(project)
            if args.json or args.queries:
                sys.stdout.write(json.dumps({"query": q, "matches": [m.as_json() for m in matches]},
                                            ensure_ascii=False) + "\n")
                continue
            if not matches:
                print(f"no matches >= {args.min_score} for: {visible(q)}")
            from tarjimon.core.text.tags import is_written_tag as is_tag

            for m in matches:
                pens = f"  (-{', -'.join(m.penalties)})" if m.penalties else ""
                print(f"{m.score:3d}%  {visible(m.source_display)}{pens}")
                print(f"      → {visible(m.target_display)}")
                changed = [(f"{'-' if op == 'delete' else '+'}{w}", is_tag(w)) for op, w in m.diff if op != "equal"]
                words, tags = [c for c, tag in changed if not tag], [c for c, tag in changed if tag]
                if words:
                    print(f"      differs: {visible(' '.join(words))}")
                if tags:  # inline tags (⟨1⟩, {0}, <b>) apart from the words
                    print(f"      tags: {visible(' '.join(tags))}")
                print(f"      from {visible(m.origin)}" if m.origin else "")
    return 0


def _mark(text: str, spans: tuple[tuple[int, int], ...]) -> str:
    out, last = [], 0
    for s, e in spans:
        out.append(text[last:s] + "[" + text[s:e] + "]")
        last = e
    return "".join(out) + text[last:]


def cmd_concordance(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        target = langs.normalize(args.target, source="--target") if args.target else None
        hits = project.tm.concordance(args.text, target_lang=target, limit=args.limit)
        offline_warning(project)
        if args.json:
            print_json([h.as_json() for h in hits])
            return 0
        if not hits:
            say(f"no units contain {args.text!r}")
        for h in hits:
            print(f"{h.source_lang}: {visible(_mark(h.source, h.source_spans))}")
            print(f"{h.target_lang}: {visible(_mark(h.target, h.target_spans))}")
            print()
    return 0


def cmd_pretranslate(args: argparse.Namespace) -> int:
    if not 0 <= args.min_score <= 101:
        raise TarjimonError("--min must be between 0 and 101")
    with open_project(args) as project:
        targets = [project.target(args.target, source="--target")] if args.target else None
        bar = _Bar("pretranslate")
        try:
            report = project.pretranslate(targets, args.min_score, progress=bar)
        finally:
            bar.close()
        if args.json:
            print_json(report.as_json())
        else:
            for lang, c in report.as_json().items():
                say(f"{lang}: {c['translated']} translated from 100/101% matches, {c['draft']} drafts from fuzzy "
                    f"matches, {c['empty']} still empty")
    return 0
