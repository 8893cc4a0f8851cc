"""`tarjimon analyse NAME [--json] [--html FILE]`: how much of each document the TM covers, per target
language, in the bands CAT tools report; and the HTML writer `stats --html` shares."""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path
from typing import Any

from tarjimon.cli.common import add_dirs, add_json, add_own, open_project, print_json, say
from tarjimon.core.errors import TarjimonError
from tarjimon.core.text.counts import counted
from tarjimon.core.text.visible import visible


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "analyse",
        help="match analysis against the TM (repetitions, 101%%, 100%%, fuzzy bands, no match)",
        description="Per document and target language: segments, words and characters in the bands "
        "repetitions, 101%%, 100%%, 95-99%%, 85-94%%, 75-84%%, 50-74%% and no match, against the project's TM "
        "as it was when the document was imported (the units its own confirmed targets made are left out).",
    )
    p.add_argument("name", metavar="NAME")
    p.add_argument("--html", metavar="FILE", help="also write the analysis as an HTML page")
    add_own(p)
    add_json(p)
    add_dirs(p)
    p.set_defaults(func=cmd_analyse)


def check_html_path(path: str) -> Path:
    """Refuse, before any work, a report path that is a symlink or a folder, or whose folder is missing."""
    out = Path(path)
    if out.is_symlink() or out.is_dir():
        raise TarjimonError("refusing to write over a symlink or a folder", path=str(out))
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise TarjimonError("no such folder", path=str(folder))
    return out


def write_html(path: str, text: str) -> Path:
    """Write an HTML report atomically (a temporary file in the same folder, then renamed); a symlink or a
    folder at `path`, or a missing folder, is refused with one line."""
    out = check_html_path(path)
    folder = out.parent if str(out.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, out)
    except OSError as exc:
        raise TarjimonError(f"cannot write the report: {exc.strerror or exc}", path=str(out)) from None
    return out


def cmd_analyse(args: argparse.Namespace) -> int:
    if args.html:
        check_html_path(args.html)
    with open_project(args) as project:
        analysis = project.analyse(own=args.own)
        html = project.analysis_html(analysis) if args.html else ""
    if args.html:
        say(f"wrote {write_html(args.html, html)}")
    if args.json:
        print_json(analysis.to_json())
        return 0
    bands = analysis.to_json()["bands"]
    print(f"counted {analysis.against}")
    for doc in analysis.documents:
        total = doc.total
        own = f"; its own match left out on {counted(doc.own_left_out, 'segment')}" if doc.own_left_out else ""
        print(f"{visible(doc.document)} -> {doc.lang}: {total.segments} segments, {total.words} words, "
              f"{total.characters} characters{own}")
        for band in bands:
            c = doc.bands[band]
            share = 100 * c.words / (total.words or 1)
            print(f"  {band:12} {c.segments:6} seg {c.words:7} words {c.characters:8} chars {share:5.1f}%")
    return 0


def bill_json(bills: list[Any]) -> dict[str, Any]:
    """`stats --analysis --json`: the pay grid and, per target language, the bands with their weighted words."""
    weights = bills[0].weights if bills else {}
    return {"weights": weights, "against": bills[0].against if bills else "",
            "languages": {b.lang: b.to_json() for b in bills}}


def print_bill(bills: list[Any]) -> None:
    """`stats --analysis`: per target language, the job's words by match band and weighted by the pay grid."""
    if not bills:
        return
    print("words by TM match band, every document; weighted = words x pay (a new word: 100%)")
    print(f"  counted {bills[0].against}")
    for b in bills:
        total = b.total
        print(f"  {b.lang}: {counted(b.documents, 'document')}, {counted(total.segments, 'segment')}, "
              f"{counted(total.words, 'word')}: {b.total_weighted:.1f} weighted words")
        print(f"    {'band':12} {'segments':>8} {'words':>7} {'characters':>10} {'pay':>5} {'weighted':>9}")
        for band, c in b.bands.items():
            print(f"    {band:12} {c.segments:8} {c.words:7} {c.characters:10} {b.weights[band]:4}% "
                  f"{b.weighted(band):9.1f}")
