"""Review from the command line: `history` (versions of a target, a word diff, restore), `comment add|list|resolve`
and `config` (project settings such as what a confirm does with repetitions)."""

from __future__ import annotations

import argparse
from typing import Any

from tarjimon.cli.common import add_dirs, add_json, find_document, open_project, print_json, say, whole_number
from tarjimon.core.errors import NotFound, TarjimonError
from tarjimon.core.models import Comment, Segment
from tarjimon.core.segment_places import Place, project_places
from tarjimon.core.text.visible import visible
from tarjimon.core.workbench import Workbench
from tarjimon.core.workbench.review import REPETITION_MODES, Version, marked

# Settings `tarjimon config` may change, with the values each takes (None: any text).
SETTINGS: dict[str, tuple[str, ...] | None] = {"repetitions": REPETITION_MODES, "weights": None}


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("history", help="versions of a target, compared word by word",
                       description="Every version of segment SEG's target (SEG counts from 1 in document DOC): "
                       "who, when, status, and a word diff against the version before it ([-deleted-] "
                       "{+inserted+}). --restore N makes version N the current text again (a new version).")
    _segment_args(p)
    p.add_argument("--target", required=True, metavar="LANG")
    p.add_argument("--against", choices=("previous", "current"), default="previous",
                   help="diff each version against the previous one (default) or the current text")
    p.add_argument("--restore", type=int, metavar="N", help="restore version N")
    add_dirs(p)
    add_json(p)
    p.set_defaults(func=cmd_history)

    c = sub.add_parser("comment", help="reviewers' comments on segments",
                       description="Reviewers' comments on a segment: on one target language (--target) or on "
                       "the whole segment. They show in the workbench and are exported as notes (XLIFF, PO).")
    csub = c.add_subparsers(dest="comment_command", metavar="ACTION", required=True)
    p = csub.add_parser("add", help="comment on a segment", description="Add a comment to segment SEG of DOC.")
    _segment_args(p)
    p.add_argument("text")
    p.add_argument("--target", metavar="LANG", help="the target language it is about (default: the segment)")
    add_dirs(p)
    add_json(p)
    p.set_defaults(func=cmd_comment_add)
    p = csub.add_parser("list", help="list comments", description="The project's open comments (--all: "
                        "resolved ones too, and those kept from sentences a re-import or a document removal took "
                        "away), in reading order; DOC (a document's) and SEG (one segment's) narrow them down.")
    p.add_argument("name")
    p.add_argument("doc", nargs="?")
    p.add_argument("seg", nargs="?", type=int)
    p.add_argument("--target", metavar="LANG", help="comments on this language and on whole segments")
    p.add_argument("--all", action="store_true", help="resolved comments too, and those on removed sentences")
    add_dirs(p)
    add_json(p)
    p.set_defaults(func=cmd_comment_list)
    p = csub.add_parser("resolve", help="mark a comment resolved", description="Mark comment ID resolved "
                        "(--reopen: open it again).")
    p.add_argument("name")
    p.add_argument("id", type=whole_number(1))
    p.add_argument("--reopen", action="store_true")
    add_dirs(p)
    add_json(p)
    p.set_defaults(func=cmd_comment_resolve)

    p = sub.add_parser("config", help="show or change a project's settings",
                       description="Without KEY: every setting. With KEY and VALUE: change it. "
                       f"repetitions: {' | '.join(REPETITION_MODES)} (what confirming a target does with the same "
                       "sentence's empty targets elsewhere: fill them, ask, never); weights: the pay grid of stats --analysis "
                       "(\"rep=20,101=10,100=30,95=40,85=60,75=80,50=100,new=100\": percent of a new word's rate).")
    p.add_argument("name")
    p.add_argument("key", nargs="?")
    p.add_argument("value", nargs="?")
    add_dirs(p)
    add_json(p)
    p.set_defaults(func=cmd_config)


def _segment_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("name")
    p.add_argument("doc", help="the document's name (or id)")
    p.add_argument("seg", type=int, help="the segment's number in the document, from 1")


def find_segment(project: Workbench, doc: str, seg: int) -> Segment:
    """Segment number `seg` (from 1) of document `doc` (its name, or its number in `tarjimon documents`)."""
    document = find_document(project, doc)
    segments = project.segments(document.id)
    if not 1 <= seg <= len(segments):
        raise NotFound(f"no segment {seg} in document {document.name!r} (1 to {len(segments)})")
    return segments[seg - 1]


def _version(v: Version) -> dict[str, Any]:
    return {"version": v.number, "text": v.text, "status": v.status, "author": v.author, "when": v.changed_at,
            "origin": v.origin, "came_from": v.came_from, "current": v.current, "compared_with": v.compared_with,
            "diff": [list(piece) for piece in v.diff], "marked": marked(v.diff) if v.compared_with else v.text}


def cmd_history(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        segment = find_segment(project, args.doc, args.seg)
        if args.restore is not None:
            project.lock()  # not while a workbench edits the project
            done = project.review.restore(segment.id, args.target, args.restore)
            say(f"restored version {args.restore}: {visible(done.saved.text)}")
        versions = project.review.versions(segment.id, args.target, against=args.against)
        place, lang = project_places(project)[segment.id], project.target(args.target)
    if args.json:
        print_json({"segment": args.seg, **place.to_json(), "id": segment.id, "source": segment.source,
                    "versions": [_version(v) for v in versions]})
        return 0
    print(f"{visible(place.label)} · {lang}")
    print(f"source: {visible(segment.source)}")
    if not versions:
        print("no versions yet")
    for v in versions:
        who = v.came_from
        now = " (current)" if v.current else ""
        origin = v.origin if who in (v.author, "?") else ""  # an import or pretranslate says it in `who`
        print(f"v{v.number}{now}  {v.changed_at[:19]}  {visible(who)}  {v.status}{'  ' + visible(origin) if origin else ''}")
        print(f"    {visible(marked(v.diff) if v.compared_with else v.text)}")
    return 0


def _comment(c: Comment, where: dict[int, Place]) -> dict[str, Any]:
    """A comment in --json: its segment named as everywhere ("document", "index" from 1, "place"; "segment" is
    the index too, its first name), none of them for a comment kept from a removed sentence."""
    place = None if c.removed else where.get(c.segment_id)
    return {"id": c.id, "document": place.document if place else c.document, "segment": place.index if place else None,
            "index": place.index if place else None, "place": place.label if place else None,
            "target": c.lang or None, "text": c.text,
            "author": c.author, "created_at": c.created_at, "resolved_at": c.resolved_at or None,
            "resolved_by": c.resolved_by or None, "removed": c.removed or None,
            "removed_source": c.source if c.removed else None}


def _print_comment(c: Comment, where: dict[int, Place]) -> None:
    place = where.get(c.segment_id)
    shown = visible(f"{c.document}: on a removed sentence" if c.removed else place.label if place else "?")
    state = f"resolved by {visible(c.resolved_by)}" if not c.open else "open"
    print(f"#{c.id}  {shown}  {c.lang or 'all languages'}  {visible(c.author)}  {c.created_at[:16]}  {state}")
    if c.removed:
        print(f"    ({visible(c.removed)}) «{visible(c.source)}»")
    print(f"    {visible(c.text)}")


def cmd_comment_add(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        segment = find_segment(project, args.doc, args.seg)
        comment = project.review.add_comment(segment.id, args.text, args.target or "")
        if args.json:
            print_json(_comment(comment, project_places(project)))
        else:
            say(f"comment #{comment.id} added to {visible(project_places(project)[segment.id].label)}")
    return 0


def cmd_comment_list(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        segment_id, document = None, None
        if args.doc is not None:
            if args.seg is None:  # a whole document's comments (those on its removed sentences too, with --all)
                document = find_document(project, args.doc).name
            else:
                segment_id = find_segment(project, args.doc, args.seg).id
        found = project.review.comments(segment_id, lang=args.target, include_resolved=args.all,
                                        include_removed=args.all)
        where = project_places(project)
        if document is not None:
            found = [c for c in found if (c.document if c.removed else getattr(where.get(c.segment_id), "document",
                                                                                None)) == document]
        if args.json:
            print_json([_comment(c, where) for c in found])
            return 0
    if not found:
        say("no open comments" if not args.all else "no comments")
    for c in found:
        _print_comment(c, where)
    return 0


def cmd_comment_resolve(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        comment = project.review.resolve(args.id, reopen=args.reopen)
        if args.json:
            print_json(_comment(comment, project_places(project)))
        else:
            say(f"comment #{comment.id} {'reopened' if comment.open else 'resolved'}")
    return 0


def cmd_config(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        if args.key is not None:
            if args.key not in SETTINGS:
                raise TarjimonError(f"no setting {args.key!r} (settings: {', '.join(SETTINGS)})")
            if args.value is None:
                raise TarjimonError(f"give a value: config {args.name} {args.key} VALUE")
            if args.key == "repetitions":
                project.review.set_repetition_mode(args.value)
            elif args.key == "weights":  # the pay grid of `stats --analysis`
                project.set_weights(args.value)
        settings = {"repetitions": project.review.repetition_mode, **project.config.settings}
    if args.json:
        print_json(settings)
        return 0
    for key, value in settings.items():
        print(f"{visible(key)} = {visible(value)}")
    return 0
