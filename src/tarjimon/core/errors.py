"""Errors a user can cause. The CLI prints them as one line and exits 2."""

from __future__ import annotations

from pathlib import Path


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
