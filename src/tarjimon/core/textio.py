"""Reading users' text files: the encodings we accept and how we tell junk from text.

Accepted: UTF-8 (with or without BOM), UTF-16 with a BOM, and Windows-1251 Cyrillic, which is detected
only when the bytes are not UTF-8 and decode to text that is overwhelmingly Cyrillic letters, spaces and
punctuation (a Latin-1 or binary file does not pass). Everything else is refused with a one-line error.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from tarjimon.core.errors import BadInput, NotFound

MAX_TEXT_BYTES = 50 * 1024 * 1024

# Control characters that never occur in a text file (tab, newline, carriage return, form feed are fine).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def read_bytes(path: str | Path, *, limit: int = MAX_TEXT_BYTES) -> bytes:
    """Read a file's bytes, refusing missing files, folders and files over `limit`."""
    p = Path(path)
    if not p.exists():
        raise NotFound("no such file", path=p)
    if p.is_dir():
        raise BadInput("is a folder, not a file", path=p)
    try:
        size = p.stat().st_size
        if size > limit:
            raise BadInput(f"file too large ({size} bytes; the limit is {limit})", path=p)
        return p.read_bytes()
    except OSError as exc:
        raise BadInput(f"cannot read file ({exc.strerror or exc})", path=p) from exc


def decode_text(data: bytes, path: str | Path) -> tuple[str, str]:
    """Decode a text file's bytes; return (text, encoding name). Raise BadInput for anything else."""
    if data.startswith(codecs.BOM_UTF8):
        text, enc = _strict(data[3:], "utf-8", path), "utf-8-sig"
    elif data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        text, enc = _strict(data, "utf-16", path), "utf-16"
    else:
        try:
            text, enc = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as exc:
            guessed = _cp1251(data)
            if guessed is None:
                line = data[: exc.start].count(b"\n") + 1
                raise BadInput(
                    "not UTF-8, UTF-16 or Windows-1251 text (binary or unknown encoding)", path=path, line=line
                ) from exc
            text, enc = guessed, "windows-1251"
    bad = _CONTROL.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        raise BadInput("binary data (control characters) in a text file", path=path, line=line)
    return text.replace("\r\n", "\n").replace("\r", "\n"), enc


def read_text(path: str | Path) -> tuple[str, str]:
    """Read a user's text file; return (text with \\n line ends, encoding name)."""
    return decode_text(read_bytes(path), path)


def _strict(data: bytes, encoding: str, path: str | Path) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise BadInput(f"invalid {encoding.upper()} text", path=path, line=line) from exc


def _cp1251(data: bytes) -> str | None:
    """Decode as Windows-1251 only if the result looks like Cyrillic prose, else None."""
    if b"\x00" in data:
        return None
    try:
        text = data.decode("cp1251")
    except UnicodeDecodeError:
        return None
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return None
    cyrillic = sum(1 for c in letters if "\u0400" <= c <= "\u04ff")
    # High bytes in cp1251 are mostly Cyrillic letters; in Latin-1 prose or binary data they are not.
    high = [c for c in text if ord(c) > 0x7F]
    high_cyr = sum(1 for c in high if "\u0400" <= c <= "\u04ff")
    if cyrillic / len(letters) < 0.5 or (high and high_cyr / len(high) < 0.9):
        return None
    return text
