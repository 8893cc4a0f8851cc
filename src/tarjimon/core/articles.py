"""Articles as the newsroom writes them: an optional header line, then paragraphs.

The Kazinform header looks like ` date 2026-01-05 Title of the story`: it becomes document metadata
(the date) and a title segment. Plain text: each non-empty line is a paragraph. Markdown: blocks separated
by blank lines are paragraphs; a heading's or list item's marker is kept as the paragraph's prefix so that
export puts it back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_HEADER = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\s+(.+?)\s*$")
_MD_PREFIX = re.compile(r"^(#{1,6}\s+|[-*+]\s+|\d+[.)]\s+|>\s?)")


@dataclass(frozen=True)
class Paragraph:
    """One paragraph: its text (joined to one line), the markup before it, and the blank lines before it."""

    text: str
    prefix: str = ""
    blank_before: int = 0
    kind: str = "body"


@dataclass
class Article:
    """A parsed article: metadata and paragraphs in order (the title, if any, first)."""

    meta: dict[str, str] = field(default_factory=dict)
    paragraphs: list[Paragraph] = field(default_factory=list)


def parse(text: str, fmt: str = "txt") -> Article:
    """Parse an article's text; `fmt` is "txt" or "md"."""
    text = text.lstrip("\ufeff")
    lines = text.split("\n")
    article = Article()
    # The newsroom header is the first non-empty line.
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is not None:
        m = _HEADER.match(lines[first])
        if m:
            article.meta["date"] = m.group(1)
            article.meta["title"] = m.group(2)
            article.paragraphs.append(Paragraph(text=m.group(2), kind="title"))
            lines = lines[first + 1 :]
    if fmt == "md":
        article.paragraphs.extend(_md_paragraphs(lines))
    else:
        article.paragraphs.extend(_txt_paragraphs(lines))
    return article


def _txt_paragraphs(lines: list[str]) -> list[Paragraph]:
    out: list[Paragraph] = []
    blank = 0
    for line in lines:
        if not line.strip():
            blank += 1
            continue
        out.append(Paragraph(text=" ".join(line.split()), blank_before=blank if out else 0))
        blank = 0
    return out


def _md_paragraphs(lines: list[str]) -> list[Paragraph]:
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
        # Headings and list items start their own block even without a blank line before them.
        if block and _MD_PREFIX.match(stripped):
            flush()
        block.append(stripped)
        if stripped.startswith("#"):
            flush()
    flush()
    return out


def render(paragraphs: list[tuple[Paragraph, str]], meta: dict[str, str]) -> str:
    """Put paragraphs (each with its translated text) back together as a text file.

    The header line is rebuilt when the article had one, with the translated title.
    """
    parts: list[str] = []
    for i, (para, text) in enumerate(paragraphs):
        if para.kind == "title" and "date" in meta:
            parts.append(f" date {meta['date']} {text}")
            continue
        sep = "\n" * para.blank_before if i else ""
        parts.append(sep + para.prefix + text)
    return "\n".join(parts) + "\n"
