"""Reading a TM file into any backend: the format registry picks the reader, tm/units.py the pairs to keep,
and the backend stores them all or nothing (`import_units`, or its own fast path for a big TMX)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from tarjimon.core import files
from tarjimon.core.models.tm import NewUnit
from tarjimon.core.tm.units import UnitFilter

if TYPE_CHECKING:
    from tarjimon.core.tm.api import Progress, TranslationMemory

BIG_FILE = 20 * 1024 * 1024


def tm_format(path: Path) -> str:
    """The TM format of a file: "po" or "tmx"."""
    return "po" if path.suffix.lower() in (".po", ".pot") else "tmx"


def read_units(path: Path, keep: UnitFilter, *, source_lang: str | None = None, target_lang: str | None = None,
               skipped: list[int]) -> tuple[str, Iterator[NewUnit]]:
    """(format, the units of `path` that `keep` keeps); `skipped[0]` counts the rest as they are read."""
    fmt = tm_format(path)
    if fmt == "po":
        return fmt, keep.po_units(path, source_lang, target_lang, skipped)
    return fmt, keep.tmx_units(path, skipped)


def import_file(tm: TranslationMemory, path: Path, *, source_lang: str | None = None, target_lang: str | None = None,
                progress: Progress | None = None) -> tuple[str, int, int, int]:
    """Import one file into `tm`; (format, added, duplicates, skipped)."""
    files.check_input_file(path, 8 << 30)  # a device, FIFO or folder is refused before any read
    skipped = [0]
    fmt, units = read_units(path, UnitFilter(tm.source_lang, tm.target_langs), source_lang=source_lang,
                            target_lang=target_lang, skipped=skipped)
    if fmt == "tmx":
        done = tm.import_fast(path)
        if done is not None:
            if progress is not None:
                progress(done[0])
            return fmt, done[0], done[1], done[2]
    big = path.exists() and path.stat().st_size > BIG_FILE
    added, duplicates = tm.import_units(units, progress=progress, big=big)
    return fmt, added, duplicates, skipped[0]
