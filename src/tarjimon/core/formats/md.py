"""Markdown articles: blocks separated by blank lines are paragraphs.

A heading's or list item's marker (`## `, `- `, `1. `, `> `) is kept as the paragraph's prefix so that
export puts it back; headings and list items start their own paragraph even without a blank line before
them. The newsroom header line is understood as in plain text.
"""

from __future__ import annotations

import re
from pathlib import Path

from tarjimon.core.files import atomic_write
from tarjimon.core.formats.base import DocumentView, target_file_name
from tarjimon.core.formats.txt import paragraph_texts, parse_header, translated_text
from tarjimon.core.models.article import Article, Paragraph
from tarjimon.core.text.tags import strip_tags
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


def markdown_text(view: DocumentView) -> str:
    """The translation of an article imported from another format (txt, docx, odt...) as Markdown: a blank
    line between paragraphs (a text file's single line breaks would run them into one Markdown paragraph),
    headings as `# `, list items as `- `, the newsroom header line kept as the first line, and a paragraph
    starting with what Markdown reads as markup (`1. `, `# `, `- `) escaped."""
    texts = paragraph_texts(view)
    parts: list[str] = []
    for i, para in enumerate(view.paragraphs):
        if i not in texts:
            continue
        text = strip_tags(texts[i])
        if para.kind == "title" and "date" in view.document.meta:
            parts.append(f" date {view.document.meta['date']} {text}")
        elif para.kind in ("title", "heading"):
            parts.append("# " + text)
        elif para.kind == "list":
            parts.append("- " + text)
        else:
            parts.append(_escaped(text))
    return "\n\n".join(parts) + "\n"


# A paragraph start Markdown would read as a heading, list item, quote or rule: its mark is group 1 or 2.
_MD_MARKUP = re.compile(r"^(?:\d+([.)])\s|([#>+*-])(?=\s|$))")


def _escaped(text: str) -> str:
    """`text` with a backslash before the mark Markdown would read as markup: `1\\. ` `\\- ` `\\# `."""
    m = _MD_MARKUP.match(text)
    if m is None:
        return text
    at = m.start(1) if m.group(1) else m.start(2)
    return text[:at] + "\\" + text[at:]


class MarkdownExporter:
    """`export --format md`: the article as Markdown, its headings and list markers back in place (an article
    imported from Markdown as it was written; one from another format with Markdown's paragraphs)."""

    name = "md"
    extension = ".md"

    def write(self, view: DocumentView, path: Path) -> None:
        markdown = view.original_format == "md" or Path(view.document.name).suffix.lower() in (".md", ".markdown")
        text = translated_text(view) if markdown else markdown_text(view)
        atomic_write(path, text.encode("utf-8"))

    def file_name(self, view: DocumentView) -> str:
        return target_file_name(view, ".md")
