"""Reading a TM file into any backend: the format registry picks the reader, tm/units.py the pairs to keep,
and the backend stores them all or nothing (`import_units`, or its own fast path for a big TMX)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from tarjimon.core import files
from tarjimon.core.formats import gzipped, registry
from tarjimon.core.formats.registry import Format
from tarjimon.core.models.tm import NewUnit, Unit
from tarjimon.core.tm.units import EMPTY_TARGET, OTHER_PAIR, UnitFilter, dumps

if TYPE_CHECKING:
    from tarjimon.core.tm.api import Progress, TranslationMemory

BIG_FILE = 20 * 1024 * 1024


def tm_format(path: Path) -> Format:
    """The TM format of a file, as the registry finds it (BadInput naming the file when it is none)."""
    return registry.for_path(path, kind="units", purpose="read")


def read_units(path: Path, keep: UnitFilter, *, source_lang: str | None = None, target_lang: str | None = None,
               skipped: list[int]) -> tuple[str, Iterator[NewUnit]]:
    """(format, the units of `path` that `keep` keeps); `skipped[0]` counts the rest as they are read."""
    found = tm_format(path)
    if found.name == "po":
        return found.name, keep.po_units(path, source_lang, target_lang, skipped)
    if found.name == "tmx":
        return found.name, keep.tmx_units(path, skipped)
    # any other format the registry reads as units (formats/base.py: read_units); XLIFF's untranslated
    # segments too, to be counted as skipped
    extra = {"untranslated": True} if found.name == "xliff" else {}
    units = found.reader("units")(path, source_lang=source_lang or keep.source_lang, target_lang=target_lang, **extra)
    return found.name, _kept(units, keep, path, skipped)


def _kept(units: Iterable[Unit], keep: UnitFilter, path: Path, skipped: list[int]) -> Iterator[NewUnit]:
    for u in units:
        if not u.target and not u.target_markup:  # (first: an untranslated segment may name no target language)
            keep.skip(skipped, EMPTY_TARGET)
            continue
        if (keep.source_lang and u.source_lang != keep.source_lang) or (
            keep.target_langs and u.target_lang not in keep.target_langs
        ):
            keep.skip(skipped, OTHER_PAIR)
            continue
        yield NewUnit(u.source_lang, u.target_lang, u.source_tag, u.target_tag, u.source, u.target, u.source_markup,
                      u.target_markup, u.context[0], u.context[1], origin=u.origin or path.name,
                      notes=dumps(list(u.notes)), props=dumps(u.props), fuzzy=u.fuzzy,
                      created_at=u.created_at or None, changed_at=u.changed_at or None)  # fmt: skip


def import_file(tm: TranslationMemory, path: Path, *, source_lang: str | None = None, target_lang: str | None = None,
                progress: Progress | None = None,
                reasons: dict[str, int] | None = None) -> tuple[str, int, int, int]:
    """Import one file into `tm`; (format, added, duplicates, skipped). Why pairs were skipped is counted
    into `reasons` when given (not by a backend's parallel fast path)."""
    with gzipped.plain(path, 8 << 30) as plain:  # a .tmx.gz: the TMX inside, bounded (a gzip bomb refused)
        return _import_plain(tm, plain, source_lang=source_lang, target_lang=target_lang, progress=progress,
                             reasons=reasons)  # fmt: skip


def _import_plain(tm: TranslationMemory, path: Path, *, source_lang: str | None, target_lang: str | None,
                  progress: Progress | None, reasons: dict[str, int] | None) -> tuple[str, int, int, int]:  # fmt: skip
    files.check_input_file(path, 8 << 30)  # a device, FIFO or folder is refused before any read
    skipped = [0]
    keep = UnitFilter(tm.source_lang, tm.target_langs)
    if reasons is not None:
        keep.reasons = reasons  # type: ignore[assignment]
    fmt, units = read_units(path, keep, source_lang=source_lang, target_lang=target_lang, skipped=skipped)
    if fmt == "tmx":
        done = tm.import_fast(path)
        if done is not None:
            if progress is not None:
                progress(done[0])
            return fmt, done[0], done[1], done[2]
    big = path.exists() and path.stat().st_size > BIG_FILE
    added, duplicates = tm.import_units(units, progress=progress, big=big)
    return fmt, added, duplicates, skipped[0]
