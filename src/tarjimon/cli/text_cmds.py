"""Text tools: segment and translit."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tarjimon.cli.common import add_json, print_json, read_stdin
from tarjimon.core import langs
from tarjimon.core.errors import BadInput
from tarjimon.core.textio import read_text


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "segment",
        help="split a text file into sentences",
        description="Print the sentences of a text file, one per line (each line of the file is a paragraph).",
    )
    p.add_argument("file", metavar="FILE", help="a text file, or - for standard input")
    p.add_argument("--lang", required=True, help="uz, uz-Latn, kk, ru, en ...")
    add_json(p)
    p.set_defaults(func=cmd_segment)

    p = sub.add_parser(
        "translit",
        help="convert Uzbek between Cyrillic and Latin",
        description="Convert Uzbek text between Cyrillic and the official Latin alphabet.",
    )
    p.add_argument("text", metavar="TEXT", help="the text, or - to read standard input")
    p.add_argument("--to", required=True, choices=["latin", "cyrillic"])
    add_json(p)
    p.set_defaults(func=cmd_translit)


def _read_input(name: str) -> str:
    return read_stdin() if name == "-" else read_text(Path(name))[0]


def cmd_segment(args: argparse.Namespace) -> int:
    from tarjimon.core.segment import split
    from tarjimon.core.text.header import header_title_start

    langs.normalize(args.lang, source="--lang")
    text = _read_input(args.file)
    title = header_title_start(text)
    if title >= 0:  # the newsroom header line: its headline is a sentence, its "date 2026-01-05" none
        text = text[title:]
    sentences: list[str] = []
    for line in text.split("\n"):
        if line.strip():
            sentences.extend(split(line, args.lang))
    if args.json:
        print_json(sentences)
    else:
        for s in sentences:
            print(s)
    return 0


def cmd_translit(args: argparse.Namespace) -> int:
    from tarjimon.core.text.header import header_title_start
    from tarjimon.core.translit import to_cyrillic, to_latin

    text = _read_input("-") if args.text == "-" else args.text
    if "\x00" in text:
        raise BadInput("binary input", path="<stdin>")
    convert = to_latin if args.to == "latin" else to_cyrillic
    title = max(header_title_start(text), 0)  # the newsroom header's "date" stays: import reads it
    out = text[:title] + convert(text[title:])
    if args.json:
        print_json({"to": args.to, "text": out})
        return 0
    sys.stdout.write(out if out.endswith("\n") else out + "\n")
    return 0
