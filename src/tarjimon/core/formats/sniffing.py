"""Telling a file's format from its first bytes, without parsing it.

Decisive evidence: leading magic bytes (SQLite, PDF), a zip member (DOCX, XLSX, ODT) and an XML root
element (tmx, martif/tbx/TBX, xliff). The root is found with a regular expression over the raw prolog, never
with an XML parser, so a hostile DOCTYPE is only looked at here; the format's reader refuses it.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Protocol, TypeVar


class Recognisable(Protocol):
    """What sniffing needs of a format (registry.Format has it)."""

    @property
    def magic(self) -> tuple[bytes, ...]: ...

    @property
    def zip_member(self) -> str: ...

    @property
    def xml_roots(self) -> tuple[str, ...]: ...


F = TypeVar("F", bound=Recognisable)
HEAD_BYTES = 4096
_ZIP = b"PK\x03\x04"
# Skipped before the root element: the XML declaration, processing instructions, comments, a DOCTYPE
# (with or without an internal subset), whitespace.
_PROLOG = re.compile(r"\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>)", re.DOTALL)
_ROOT = re.compile(r"\s*<([A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)")


def head_bytes(path: str | Path, size: int = HEAD_BYTES) -> bytes:
    """The first `size` bytes of a regular file (b"" for anything else: a missing file, a FIFO, a folder)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return b""
        with open(path, "rb") as f:
            return f.read(size)
    except OSError:
        return b""


def head_text(path: str | Path) -> str:
    """The first bytes as text, for sniffers (UTF-16 by its BOM, else UTF-8 with bad bytes replaced)."""
    return decoded(head_bytes(path))


def decoded(head: bytes) -> str:
    """First bytes as text, as head_text reads them."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return head.decode("utf-16", errors="replace")
    if head[:2] in (b"<\x00", b"\x00<"):
        return head.decode("utf-16-le" if head[0] == 0x3C else "utf-16-be", errors="replace")
    return head.decode("utf-8", errors="replace").lstrip("\ufeff")


def xml_root(head: bytes) -> str | None:
    """The local name of the root element when `head` starts like an XML document, else None."""
    text = decoded(head)
    pos = 0
    while True:
        m = _PROLOG.match(text, pos)
        if not m or m.end() == pos:
            break
        pos = m.end()
    m = _ROOT.match(text, pos)
    return m.group(2) if m else None


def _zip_has(path: str | Path, member: str) -> bool:
    name, _, content = member.partition("=")
    try:
        with zipfile.ZipFile(path) as zf:
            if name not in zf.namelist():
                return False
            if not content:
                return True
            with zf.open(name) as f:
                return f.read(len(content) + 1).decode("ascii", errors="replace").strip() == content
    except (OSError, zipfile.BadZipFile, RuntimeError, ValueError):
        return False


def decisive(path: str | Path, formats: Iterable[F], head: bytes | None = None) -> F | None:
    """The format the content of `path` proves, or None when the first bytes do not settle it. `head`: its
    first bytes when they are not the file's own (the file inside a gzip file, formats/gzipped.py)."""
    inner = head is not None
    head = head_bytes(path) if head is None else head
    if not head:
        return None
    formats = list(formats)
    for f in formats:
        if f.magic and head.startswith(f.magic):
            return f
    if head.startswith(_ZIP):
        if inner:  # a zip inside a gzip file: not something any format here reads
            return None
        return next((f for f in formats if f.zip_member and _zip_has(path, f.zip_member)), None)
    root = xml_root(head) if b"<" in head[:512] or head[:2] in (b"\xff\xfe", b"\xfe\xff") else None
    if root:
        return next((f for f in formats if root in f.xml_roots), None)
    return None
