"""The newsroom header line of an article: ` date 2026-01-05 Title of the story` (Kazinform's files), its first
non-empty line. Import (formats/txt, formats/md) reads it as the document's date and a title segment; the text
tools (`tarjimon translit`, `tarjimon segment`) leave its `date 2026-01-05` alone."""

from __future__ import annotations

import re

#: The header line: group 1 the date, group 2 the headline.
HEADER_RE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\s+(.+?)\s*$")


def header_title_start(text: str) -> int:
    """Where the headline of the newsroom header line starts in `text` (its first non-empty line), or -1 when
    the text has no header."""
    m = re.match(r"\ufeff?(?:[ \t]*\n)*", text)
    start = m.end() if m else 0
    end = text.find("\n", start)
    header = HEADER_RE.match(text[start : len(text) if end < 0 else end])
    return start + header.start(2) if header else -1
