"""A parallel import's worker reading one part of a TMX file the normal way: `Part`, the bytes lxml reads
(the part with the `<tmx><body>` before it and `</body></tmx>` after it, where needed), and `records`, the tus
of a part read by the streaming reader (tmx.read_tmx) when the fast reader (tmx_fast) hands it over."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from tarjimon.core.formats import tmx


class Part:
    """A file-like view of prefix + file[a:b] + suffix (what lxml reads for one part), read in chunks."""

    def __init__(self, f: IO[bytes], a: int, b: int, prefix: bytes, suffix: bytes) -> None:
        self.f = f
        self.left = b - a
        f.seek(a)
        self.prefix, self.suffix = prefix, suffix

    def read(self, n: int = -1) -> bytes:
        if self.prefix:
            out, self.prefix = self.prefix, b""
            return out
        if self.left > 0:
            size = self.left if n is None or n < 0 else min(n, self.left)
            out = self.f.read(size)
            self.left -= len(out)
            if out:
                return out
            self.left = 0
        out, self.suffix = self.suffix, b""
        return out


def records(f: IO[bytes], path: Path, a: int, b: int, prefix: bytes, suffix: bytes) -> Iterator[Any]:
    """The tus of file[a:b] read by the normal streaming reader (its header dropped)."""
    records = tmx.read_tmx(path, source=Part(f, a, b, prefix, suffix))  # type: ignore[arg-type]
    next(records)
    yield from records
