"""Errors a user can cause. The CLI prints them as one line and exits 2."""

from __future__ import annotations

import unicodedata
from pathlib import Path

# the bidirectional embeddings, overrides and isolates: they make a name read otherwise than it is spelt
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def has_control(text: str) -> bool:
    """Whether `text` holds a control character (C0, DEL, C1) or a bidirectional override."""
    return any(unicodedata.category(ch) == "Cc" or ch in _BIDI for ch in text)


def visible(text: str) -> str:
    """`text` with those characters but tab written as escapes (\\x1b, \\u202e), so printing it cannot drive the
    terminal (a file name can hold ESC ] 0 ; ... BEL, which retitles it; OSC 52 writes the clipboard)."""
    if not has_control(text):
        return text
    return "".join(ch.encode("unicode_escape").decode("ascii")
                   if (unicodedata.category(ch) == "Cc" and ch != "\t") or ch in _BIDI else ch for ch in text)


class TarjimonError(Exception):
    """A user's mistake or bad input: shown as one line, never as a traceback.

    `path` and `line` name where the problem is, when a file is involved.
    """

    exit_code = 2

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = self.path + (f":{self.line}" if self.line else "") + ": "
        return where + self.message


class BadInput(TarjimonError):
    """A file that cannot be read as what it claims to be (encoding, syntax, binary junk)."""


class NotFound(TarjimonError):
    """A project, document, glossary or file that does not exist."""


class ProjectLocked(TarjimonError):
    """The project is open for editing elsewhere."""


class Busy(TarjimonError):
    """Another process holds the project's write lock (a long import): try again when it is done."""
