"""An article as read from a file, before segmentation: metadata and paragraphs in order.

Every document reader (txt, md; later docx, odt, xliff) returns one; the importer segments its paragraphs
and document exporters get the paragraphs back to rebuild the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Paragraph:
    """One paragraph: its text (joined to one line), the markup before it, and the blank lines before it."""

    text: str
    prefix: str = ""
    blank_before: int = 0
    kind: str = "body"  # "title" (the newsroom header's headline), "heading", "list" (an item) or "body"


@dataclass
class Article:
    """A parsed article: metadata and paragraphs in order (the title, if any, first)."""

    meta: dict[str, str] = field(default_factory=dict)
    paragraphs: list[Paragraph] = field(default_factory=list)
    original: bytes | None = None  # the file's bytes, when export rebuilds the original file (docx, odt)
