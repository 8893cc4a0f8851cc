"""Moved: article reading lives in formats/txt.py and formats/md.py, the dataclasses in models/article.py.

This shim keeps `from tarjimon.core.articles import ...` working for branches written before the move;
new code imports from the new places.
"""

from __future__ import annotations

from tarjimon.core.formats import md, txt
from tarjimon.core.formats.txt import render
from tarjimon.core.models.article import Article, Paragraph


def parse(text: str, fmt: str = "txt") -> Article:
    """Parse an article's text; `fmt` is "txt" or "md"."""
    return md.parse(text) if fmt == "md" else txt.parse(text)


__all__ = ["Article", "Paragraph", "parse", "render"]
