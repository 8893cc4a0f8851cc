"""`tarjimon segments list|join|split` (joining and splitting a document's segments) and `tarjimon replace`
(project-wide find and replace in targets, with a preview and an undo)."""

from __future__ import annotations

import argparse
from typing import Any

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
from tarjimon.core.errors import BadInput
from tarjimon.core.segment_places import project_places
from tarjimon.core.text.visible import visible
from tarjimon.core.workbench import Workbench, open_workbench


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("segments", help="list, join or split a document's segments",
                       description="List a document's segments, join one with the next of its paragraph, or "
                       "split one in two. A re-import of the document makes the joins and splits again.")
    verbs = p.add_subparsers(dest="verb", metavar="VERB", required=True)
    for verb, text in (("list", "the segments of a project (or one document) with their numbers"),
                       ("join", "join segment N of DOC with the next one (targets joined per language)"),
                       ("split", "split segment N of DOC in two (--at K or --before TEXT)")):
        v = verbs.add_parser(verb, help=text, description=text[0].upper() + text[1:] + ".")
        v.add_argument("name", metavar="NAME")
        v.add_argument("doc", metavar="DOC", nargs="?" if verb == "list" else None, help="document name")
        if verb != "list":
            v.add_argument("number", metavar="N", type=int, help="the segment's number in the document (1-based)")
        if verb == "split":
            v.add_argument("--at", type=int, metavar="K", help="split after K characters of the source")
            v.add_argument("--before", metavar="TEXT", help="split before the first TEXT in the source")
        add_json(v)
        add_dirs(v)
        v.set_defaults(func=cmd_segments)

    r = sub.add_parser("replace", help="find and replace in targets (preview, apply, undo)",
                       description="Replace text in the project's targets: every change is listed (segment, "
                       "before -> after), then applied in one transaction and recorded in the history; confirmed "
                       "targets go to the TM. `--dry-run` only lists; `replace NAME --undo` puts back the last "
                       "replace (a target edited since is skipped and named).",
                       usage="tarjimon replace [-h] NAME FIND REPLACE [--target LANG] [--regex] [--whole-word] "
                       "[--case] [--dry-run] [--json] | NAME --undo")
    r.add_argument("name", metavar="NAME")
    r.add_argument("find", metavar="FIND", nargs="?")
    r.add_argument("replacement", metavar="REPLACE", nargs="?")
    r.add_argument("--target", metavar="LANG", action="append", help="only this target language (repeatable)")
    r.add_argument("--regex", action="store_true", help="FIND is a regular expression (REPLACE may use \\1)")
    r.add_argument("--whole-word", action="store_true", help="whole words only")
    r.add_argument("--case", action="store_true", help="case-sensitive")
    r.add_argument("--dry-run", action="store_true", help="list the changes, write nothing")
    r.add_argument("--undo", action="store_true", help="undo the last replace")
    add_json(r)
    add_dirs(r)
    r.set_defaults(func=cmd_replace)


def _open(args: argparse.Namespace, write: bool) -> Workbench:
    # Writes take the edit lock: an open workbench would not see segments change under it.
    return open_workbench(projects_folder(args), check_name(args.name), glossaries_dir=glossaries_folder(args),
                          lock=write)


def cmd_segments(args: argparse.Namespace) -> int:
    with _open(args, args.verb != "list") as project:
        if args.verb == "list":
            return _list(project, args)
        doc = find_document(project, args.doc)
        segs = project.segments(doc.id)
        if not 1 <= args.number <= len(segs):
            raise BadInput(f"{doc.name} has segments 1-{len(segs)}, not {args.number}")
        seg = segs[args.number - 1]
        if args.verb == "join":
            done = project.join_segments(seg.id)
        else:
            done = project.split_segment(seg.id, _split_at(seg.source, args))
        out = {"segments": [{"id": s.id, "number": args.number + i, "source": s.source}
                            for i, s in enumerate(done.segments)],
               "targets": [{"segment": t.segment_id, "lang": t.lang, "text": t.text, "status": t.status}
                           for t in done.targets], "cut_at_punctuation": done.cut}
    if args.json:
        print_json(out)
    else:
        for s in out["segments"]:
            print(f"{s['number']}\t{visible(s['source'])}")
        if args.verb == "split":
            whole = sorted({t["lang"] for t in out["targets"]} - set(done.cut))
            if done.cut:
                say(f"targets cut at the matching punctuation: {', '.join(done.cut)}")
            if whole:
                say(f"targets kept whole in the first part (re-split them): {', '.join(whole)}")
    return 0


def _split_at(source: str, args: argparse.Namespace) -> int:
    if (args.at is None) == (args.before is None):
        raise BadInput("say where to split: --at K (characters) or --before TEXT")
    if args.at is not None:
        return int(args.at)
    at = source.find(args.before)
    if at <= 0:
        raise BadInput(f"{args.before!r} is not inside the source after its start: {source}")
    return at


def _list(project: Workbench, args: argparse.Namespace) -> int:
    doc_id = find_document(project, args.doc).id if args.doc else None
    where = project_places(project)  # (numbered over each whole document, also when one is listed)
    plurals = project.plural_kinds(doc_id)  # a PO plural message's forms: "one", "few", "many" per target
    rows: list[dict[str, Any]] = []
    for row in project.rows(doc_id):
        seg = row.segment
        place = where[seg.id]
        rows.append({"document": place.document, "number": place.index, "index": place.index, "place": place.label,
                     "id": seg.id, "source": seg.source, "targets": {k: t.status for k, t in row.targets.items()},
                     **({"plural": plurals[seg.id]} if seg.id in plurals else {})})
    if args.json:
        print_json(rows)
    else:
        for r in rows:
            kinds = r.get("plural")
            shown = "\tplural: " + ", ".join(f"{k} {v}" for k, v in kinds.items()) if kinds else ""
            print(f"{visible(r['document'])}\t{r['number']}\t{visible(r['source'])}{shown}")
    return 0


def cmd_replace(args: argparse.Namespace) -> int:
    if args.undo:
        if args.find is not None:
            raise BadInput("replace NAME --undo takes no FIND or REPLACE")
        with _open(args, True) as project:
            report = project.undo_replace()
        _print_report(report.to_json(), args.json, "put back")
        return 0
    if args.find is None or args.replacement is None:
        raise BadInput("usage: tarjimon replace NAME FIND REPLACE [--target LANG] ... | NAME --undo")
    options = {"regex": args.regex, "whole_word": args.whole_word, "case": args.case}
    with _open(args, not args.dry_run) as project:
        langs = [project.target(t, source="--target") for t in args.target] if args.target else None
        changes = project.plan_replace(args.find, args.replacement, langs, **options)
        if args.dry_run or not changes:
            if args.json:
                print_json({"dry_run": args.dry_run, "changes": [c.to_json() for c in changes]})
            else:
                for c in changes:
                    print(f"{_where(c.to_json())}\t{c.lang}\t{visible(c.before)}\t→\t{visible(c.after)}")
                say(f"{len(changes)} target{'s' if len(changes) != 1 else ''} would change" if changes
                    else "nothing to replace")
            return 0
        report = project.replace(args.find, args.replacement, changes, **options)
    _print_report(report.to_json(), args.json, "changed")
    return 0


def _where(change: dict) -> str:  # type: ignore[type-arg]
    """A change's segment as every face names it: its number ("12"), or "b.txt #3" with several documents."""
    return visible(str(change.get("place") or change["number"]).removeprefix("segment "))


def _print_report(data: dict, as_json: bool, verb: str) -> None:  # type: ignore[type-arg]
    if as_json:
        print_json(data)
        return
    for c in data["changed"]:
        before, after = (c["after"], c["before"]) if verb == "put back" else (c["before"], c["after"])
        print(f"{_where(c)}\t{c['lang']}\t{visible(before)}\t→\t{visible(after)}")
    for c in data["skipped"]:
        say(f"skipped {visible(c.get('place') or 'segment ' + str(c['number']))} {c['lang']}: {visible(c['reason'])}")
    n = len(data["changed"])
    say(f"{verb} {n} target{'s' if n != 1 else ''} (replace {data['batch']}; undo: tarjimon replace NAME --undo)"
        if verb == "changed" else f"{verb} {n} target{'s' if n != 1 else ''} of replace {data['batch']}")



