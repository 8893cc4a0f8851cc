"""`tarjimon qa NAME [--target LANG] [--json]`: the QA checks of a project's targets; exit 1 when any.
`tarjimon qa ignore NAME SEGMENT LANG CHECK --reason TEXT` dismisses one finding for the target's current text;
`tarjimon qa ignored NAME` lists the dismissed ones; `tarjimon qa --checks` lists the checks."""

from __future__ import annotations

import argparse
from itertools import groupby

from tarjimon.cli.common import add_dirs, add_json, open_project, print_json, say
from tarjimon.core.errors import TarjimonError
from tarjimon.core.models.qa import Finding, Ignored
from tarjimon.core.segment_places import Place, project_places
from tarjimon.core.text.visible import visible
from tarjimon.core.workbench import checks_registry

_MARK = {"error": "E", "warning": "W", "info": "i"}
USAGE = "NAME | ignore NAME SEGMENT LANG CHECK --reason TEXT | ignored NAME"


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "qa",
        help="check the targets (numbers, terms, names, spelling, across targets...)",
        description="Run the QA checks over every non-empty target; exit 1 when there are findings. "
        "`qa ignore NAME SEGMENT LANG CHECK --reason TEXT` dismisses a finding for the target's current text "
        "(it comes back when the text changes); `qa ignored NAME` lists them; `qa --checks` lists the checks.",
        usage=f"tarjimon qa [-h] [--target LANG] [--json] [--no-spelling] [--checks] {USAGE}",
    )
    p.add_argument("words", nargs="*", metavar="NAME")
    p.add_argument("--target", metavar="LANG", help="only this target language")
    p.add_argument("--reason", help="why a finding is dismissed (qa ignore)")
    p.add_argument("--no-spelling", action="store_true", help="skip the spelling check")
    p.add_argument("--checks", action="store_true", help="list the checks (id, severity, scope) and exit")
    add_json(p)
    add_dirs(p)
    p.set_defaults(func=cmd_qa)


def cmd_qa(args: argparse.Namespace) -> int:
    words = list(args.words)
    if args.checks:
        return _list_checks(args.json)
    if words[:1] == ["ignore"]:
        return _ignore(args, words[1:])
    if words[:1] == ["ignored"]:
        return _ignored(args, words[1:])
    if len(words) != 1:
        raise TarjimonError(f"usage: tarjimon qa {USAGE}")
    with open_project(args, words[0]) as project:
        targets = [project.target(args.target, source="--target")] if args.target else None
        findings = project.qa(targets, spelling=not args.no_spelling)
        where = project_places(project)
    if args.json:
        print_json([_json(f, where) for f in findings])
    else:
        print_findings(findings, where)
    return 1 if findings else 0


def _list_checks(as_json: bool) -> int:
    checks = checks_registry()
    if as_json:
        print_json([c.to_json() for c in checks])
    else:
        for c in checks:
            print(f"{c.id:22} {c.severity:8} {c.scope:8} {c.description}")
    return 0


def _ignore(args: argparse.Namespace, words: list[str]) -> int:
    if len(words) != 4:
        raise TarjimonError("usage: tarjimon qa ignore NAME SEGMENT LANG CHECK --reason TEXT")
    name, segment, lang, check = words
    with open_project(args, name) as project:
        where = project_places(project)
        item = project.ignore_finding(_segment_id(segment, where), lang, check, args.reason or "")
    if args.json:
        print_json(_json(item, where))
    else:
        shown = where[item.segment].label if item.segment in where else f"segment {item.segment}"
        say(f"dismissed {visible(check)} on {visible(shown)} {item.lang}: {visible(item.reason)}")
    return 0


def _ignored(args: argparse.Namespace, words: list[str]) -> int:
    if len(words) != 1:
        raise TarjimonError("usage: tarjimon qa ignored NAME")
    with open_project(args, words[0]) as project:
        items = project.ignored_findings()
        where = project_places(project)
    if args.json:
        print_json([_json(i, where) for i in items])
    else:
        for i in items:
            shown = visible(where[i.segment].label) if i.segment in where else f"segment {i.segment}"
            print(f"{shown} {i.lang} {visible(i.check)}: {visible(i.reason)} ({i.created_at})")
        if not items:  # (an empty listing prints nothing on stdout, as comment list, glossary show, tm list)
            say("no dismissed findings")
    return 0


def _json(finding: Finding | Ignored, where: dict[int, Place]) -> dict[str, object]:
    """A finding as `qa --json` prints it: "segment" the id (`qa ignore`), "document", "index" (from 1 in the
    document) and "place" ("segment 12", "a.txt #12") as every command and the workbench name it."""
    out = finding.to_json()
    place = where.get(finding.segment)
    if place is not None:
        out.update(place.to_json())
    return out


def _segment_id(typed: str, where: dict[int, Place]) -> int:
    """`qa ignore`'s SEGMENT: the id `qa --json` prints, or the segment as `qa` names it: DOC#N, "DOC #N" (in a
    one-document project "segment N" or #N)."""
    if typed.isdigit():
        return int(typed)
    doc, _, number = typed.rpartition("#")
    doc = doc.strip()
    if not doc and typed.startswith("segment "):  # "segment 12", as qa names it in a one-document project
        number = typed.removeprefix("segment ")
    for sid, place in where.items():
        if number.strip() == str(place.index) and doc in (place.document, "" if not place.several else None):
            return sid
    raise TarjimonError(f"SEGMENT must be a segment id or DOC#N as qa names it, not {typed!r}")


def print_findings(findings: list[Finding], where: dict[int, Place]) -> None:
    """Findings grouped by segment in reading order: the source once, then each finding with its language and
    check. A segment is named as everywhere (`segment 12`, `article.txt #12` in a project of several
    documents: segment_places.py), with its id (`qa ignore` takes either) when that differs (after a join or a
    split, or in a later document)."""
    if not findings:
        print("no findings")
        return
    order = {sid: n for n, sid in enumerate(where)}
    in_order = sorted(findings, key=lambda f: (order.get(f.segment, f.segment), f.segment))
    for segment, group in groupby(in_order, key=lambda f: f.segment):
        items = list(group)
        place = where.get(segment)
        shown = visible(place.label) if place is not None else f"segment {segment}"
        same = place is not None and place.index == segment
        print(f"{shown}{'' if same else f' (id {segment})'}: {visible(items[0].source)}")
        for (_lang, target), same in groupby(items, key=lambda f: (f.lang, f.target)):  # the target once, after
            for f in same:                                                              # its findings
                print(f"  {_MARK.get(f.severity, '?')} {f.lang} {f.check}: {visible(f.message)}")
            print(f"      {visible(target)}")
    counts = {s: sum(f.severity == s for f in findings) for s in _MARK}
    print(", ".join(f"{n} {s}{'s' if n != 1 else ''}" for s, n in counts.items() if n))
