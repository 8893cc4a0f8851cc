"""Writing any backend's units as TMX 1.4b (valid against the DTD), with context, origin, notes and props."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tarjimon.core import langs
from tarjimon.core.files import atomic_writer
from tarjimon.core.formats import tmx
from tarjimon.core.formats.tmx_units import write_unit

if TYPE_CHECKING:
    from tarjimon.core.tm.api import TranslationMemory


def export_tmx(tm: TranslationMemory, path: Path, target_lang: str | None = None, *,
               overwrite: bool = True) -> tuple[int, int]:
    """Write the units of `tm` (of one target language) to `path`; (units written, characters dropped).

    Streamed through core/files.atomic_writer: never through a symlink, nothing left behind on an error, an
    existing file replaced only with `overwrite`."""
    tl = langs.primary(target_lang) if target_lang else None
    status = tm.status()
    srcs = {s for s, _ in status.pairs}
    srclang = tm.source_lang or (next(iter(srcs)) if len(srcs) == 1 else "*all*")
    with atomic_writer(path, overwrite=overwrite) as f, tmx.TmxWriter(f, srclang) as w:
        for u in tm.units(tl):
            write_unit(w, u)
    return w.count, w.dropped


__all__ = ["export_tmx", "write_unit"]
