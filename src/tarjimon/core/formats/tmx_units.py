"""TMX files as TM units: tmx.read_tmx's tus paired into `Unit`s, and `Unit`s written as tus.

Reading pairs each tu's source variant (the tu's or header's srclang, else `source_lang`, else the first
variant) with every other variant, so a tu in three languages gives two units and en-US/en-GB variants of
one tu are both kept. Context props (x-context-prev/-next, memoQ's x-context-pre/-post) become the unit's
context, x-origin its origin, x-fuzzy its flag; other props and notes are kept in `props`/`notes` the way
the TM stores them, so write -> read gives the same unit.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from tarjimon.core import langs
from tarjimon.core.files import atomic_writer
from tarjimon.core.formats import tmx
from tarjimon.core.models.tm import Unit

TU_ATTRS = tmx.TU_ATTRS
CONTEXT_PROPS = {"x-context-prev": 0, "prev": 0, "x-context-pre": 0, "x-context-next": 1, "next": 1,
                 "x-context-post": 1}  # fmt: skip


def read_units(path: str | Path, *, source_lang: str | None = None, target_lang: str | None = None) -> Iterator[Unit]:
    """Every source -> target pair of a TMX file (of `target_lang` only, when given), streaming."""
    records = tmx.read_tmx(path)
    header = next(records)
    head_src = header.get("srclang") if isinstance(header, dict) else None
    wanted = langs.primary(target_lang) if target_lang else None
    for rec in records:
        assert isinstance(rec, tmx.TranslationUnitRecord)
        for unit in units_of(rec, head_src, source_lang):
            if wanted is None or unit.target_lang == wanted:
                yield unit


def units_of(rec: tmx.TranslationUnitRecord, head_src: str | None, source_lang: str | None = None) -> list[Unit]:
    """The units of one tu."""
    if len(rec.variants) < 2:
        return []
    declared = rec.srclang or head_src
    if not declared or declared.strip().lower() == "*all*":
        declared = source_lang
    want = langs.primary(declared) if declared else None
    src = next((v for v in rec.variants if want and langs.primary(v.tag) == want), rec.variants[0])
    context: list[str | None] = [None, None]
    origin, fuzzy, tu_props = "", False, []
    for typ, value in rec.props:
        if typ in CONTEXT_PROPS:
            context[CONTEXT_PROPS[typ]] = value
        elif typ == "x-origin":
            origin = value
        elif typ == "x-fuzzy":
            fuzzy = value not in ("", "0")
        else:
            tu_props.append(list((typ, value)))
    out = []
    for v in rec.variants:
        if v is src:
            continue
        props: dict[str, object] = {"tu": tu_props} if tu_props else {}
        attrs = {k: val for k, val in rec.attrs.items() if k in TU_ATTRS}
        if attrs:
            props["tu_attrs"] = attrs
        for name, var in (("src", src), ("tgt", v)):
            if var.props:
                props[name] = var.props
            if var.notes:
                props[name + "_notes"] = var.notes
        created = tmx.iso_date(src.created or rec.created) or ""
        out.append(Unit(
            0, src.plain, v.plain, langs.primary(src.tag), langs.primary(v.tag), src.tag, v.tag, src.markup,
            v.markup, (context[0], context[1]), origin, tuple(rec.notes), props, fuzzy, created,
            tmx.iso_date(v.changed or rec.changed) or created,
        ))  # fmt: skip
    return out


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
        created=u.created_at or None,
        changed=u.changed_at or None,
        attrs=u.props.get("tu_attrs") or None,
    )


def write_units(units: Iterable[Unit], path: str | Path, *, srclang: str) -> int:
    """Write `units` as TMX 1.4b (atomically, streaming); return how many were written."""
    with atomic_writer(path) as f, tmx.TmxWriter(f, srclang) as w:
        for u in units:
            write_unit(w, u)
    return w.count
