"""Writing any backend's units as TMX 1.4b (valid against the DTD), with context, origin, notes and props."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tarjimon.core import files, langs
from tarjimon.core.formats import tmx
from tarjimon.core.models.tm import Unit

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
    with files.atomic_writer(path, overwrite=overwrite) as f, tmx.TmxWriter(f, srclang) as w:
        for u in tm.units(tl):
            write_unit(w, u)
    return w.count, w.dropped


def write_unit(w: tmx.TmxWriter, u: Unit) -> None:
    """Write one Unit as a tu, with its context, origin, notes and props."""
    props = [list(p) for p in u.props.get("tu", [])]
    if u.context[0] is not None:
        props.append(["x-context-prev", u.context[0]])
    if u.context[1] is not None:
        props.append(["x-context-next", u.context[1]])
    if u.origin:
        props.append(["x-origin", u.origin])
    if u.fuzzy:
        props.append(["x-fuzzy", "1"])
    w.unit(
        (u.source_tag or u.source_lang, u.source, u.source_markup),
        (u.target_tag or u.target_lang, u.target, u.target_markup),
        props=props,
        notes=list(u.notes),
        source_extra=(u.props.get("src_notes", []), u.props.get("src", [])),
        target_extra=(u.props.get("tgt_notes", []), u.props.get("tgt", [])),
        created=u.created_at,
        changed=u.changed_at,
    )
