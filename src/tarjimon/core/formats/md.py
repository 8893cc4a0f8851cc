"""Markdown articles: blocks separated by blank lines are paragraphs.

A heading's or list item's marker (`## `, `- `, `1. `, `> `) is kept as the paragraph's prefix so that
export puts it back; headings and list items start their own paragraph even without a blank line before
them. The newsroom header line is understood as in plain text.
"""

from __future__ import annotations

import re
from pathlib import Path

from tarjimon.core.files import atomic_write
from tarjimon.core.formats.base import DocumentView
from tarjimon.core.formats.txt import parse_header, translated_text
from tarjimon.core.models.article import Article, Paragraph
from tarjimon.core.textio import read_text

_MD_PREFIX = re.compile(r"^(#{1,6}\s+|[-*+]\s+|\d+[.)]\s+|>\s?)")


def read_article(path: str | Path) -> tuple[Article, str]:
    """Read a .md article; return it and the encoding it was read in."""
    text, encoding = read_text(path)
    return parse(text), encoding


def parse(text: str) -> Article:
    """Parse a Markdown article."""
    article, lines = parse_header(text)
    article.paragraphs.extend(block_paragraphs(lines))
    return article


def block_paragraphs(lines: list[str]) -> list[Paragraph]:
    out: list[Paragraph] = []
    block: list[str] = []
    blank = 0

    def flush() -> None:
        nonlocal block, blank
        if block:
            first = block[0].strip()
            m = _MD_PREFIX.match(first)
            prefix = m.group(1) if m else ""
            body = " ".join(" ".join(block).split())
            body = body[len(prefix.strip()) :].strip() if prefix else body
            kind = "heading" if prefix.startswith("#") else "body"
            out.append(Paragraph(text=body, prefix=prefix, blank_before=blank if out else 0, kind=kind))
            block = []
            blank = 0

    for line in lines:
        stripped = line.strip()
        if not stripped:
            flush()
            blank += 1
            continue
        if block and _MD_PREFIX.match(stripped):
            flush()
        block.append(stripped)
        if stripped.startswith("#"):
            flush()
    flush()
    return out


class MarkdownExporter:
    """`export --format md`: the article as Markdown, its headings and list markers back in place."""

    name = "md"
    extension = ".md"

    def write(self, view: DocumentView, path: Path) -> None:
        atomic_write(path, translated_text(view).encode("utf-8"))

    def file_name(self, view: DocumentView) -> str:
        return f"{Path(view.document.name).stem}.{view.target_lang}.md"
