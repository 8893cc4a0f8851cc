"""Gzip-compressed exchange files (`memory.tmx.gz`, `terms.tbx.gz`, `terms.tsv.gz`), as TM exchanges and some
tools hand them out: `tm import` and `glossary import` read them as the file inside.

The uncompressed stream is first counted, never kept (nothing written, memory one chunk): it is held to the
same limit the format has for a plain file, and to at most RATIO times the compressed size past the first FLOOR
bytes. No real exchange file comes near (the 1M-unit TMX files here compress 3.6-6x), while a gzip bomb (a
repeated tu ~300x, whitespace ~1000x) is refused there, having written nothing. Then the file inside is
streamed into a private scratch folder, and the readers take it as any other file (the registry, the streaming
TMX reader and its parallel fast path, the TBX and table readers); the folder is removed afterwards. Errors
name the .gz file.
"""

from __future__ import annotations

import gzip
import shutil
import tempfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from tarjimon.core import files
from tarjimon.core.errors import BadInput, TarjimonError

MAGIC = b"\x1f\x8b"
RATIO = 40  # uncompressed bytes per compressed byte past FLOOR
FLOOR = 32 << 20
_CHUNK = 1 << 20


def is_gzip(head: bytes) -> bool:
    """Whether a file's first bytes are a gzip member's (magic and the deflate method)."""
    return head[:3] == MAGIC + b"\x08"


def inner_name(path: Path) -> str:
    """The name of the file inside: `memory.tmx.gz` -> `memory.tmx` (`.tgz`-like names: `memory`)."""
    name = path.name
    for suffix in (".gz", ".gzip", ".z"):
        if name.lower().endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def head(path: Path, size: int) -> bytes:
    """The first `size` bytes of the file inside (b"" when the gzip stream is unreadable there)."""
    try:
        with gzip.open(path, "rb") as f:
            return f.read(size)
    except (OSError, EOFError, zlib.error):
        return b""


def _limit(path: Path, limit: int) -> int:
    return min(limit, max(FLOOR, RATIO * files.check_input_file(path, limit)))


def _unpacked(path: Path, most: int, out: BinaryIO | None) -> int:
    """Stream the file inside `path` into `out` (None: only count it); its size. BadInput past `most` bytes,
    or for a damaged stream."""
    size = 0
    try:
        with gzip.open(path, "rb") as src:
            while chunk := src.read(_CHUNK):
                size += len(chunk)
                if size > most:
                    raise BadInput(f"gzip-compressed file that unpacks to more than {most:,} bytes, the limit for "
                                   f"{path.stat().st_size:,} compressed bytes (a gzip bomb?): nothing imported",
                                   path=path)  # fmt: skip
                if out is not None:
                    out.write(chunk)
    except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
        raise BadInput(f"damaged gzip file ({exc or 'it ends too soon'}): nothing imported", path=path) from exc
    return size


@contextmanager
def plain(path: str | Path, limit: int) -> Iterator[Path]:
    """`path` itself when it is not gzip-compressed; else the file inside, streamed into a scratch folder
    (under the name without .gz), removed on exit. BadInput naming `path` for a broken gzip stream or one that
    grows past the limits (the module); a BadInput the caller raises about the scratch file names `path`."""
    path = Path(path)
    files.check_input_file(path, limit)  # a device, FIFO or folder refused before any read
    with open(path, "rb") as f:
        if not is_gzip(f.read(3)):
            yield path
            return
    _unpacked(path, _limit(path, limit), None)  # counted first: a bomb refused before a byte is written
    scratch = Path(tempfile.mkdtemp(prefix="tarjimon-gunzip-"))
    inner = scratch / inner_name(path)
    try:
        try:
            with open(inner, "xb") as out:
                _unpacked(path, _limit(path, limit), out)
        except OSError as exc:
            raise files.disk_error(exc, scratch) from exc
        try:
            yield inner
        except TarjimonError as exc:  # the reader's words about the scratch file are about the .gz file
            if exc.path and Path(exc.path) == inner:
                exc.path = str(path)
                exc.message = exc.message.replace(str(inner), str(path))
            raise
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


__all__ = ["FLOOR", "RATIO", "head", "inner_name", "is_gzip", "plain"]
