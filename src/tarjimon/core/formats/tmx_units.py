"""TMX files as TM units: tmx.read_tmx's tus paired into `Unit`s, and `Unit`s written as tus.

`tu_pairs` is THE pairing rule of a tu, used by `read_units` here and by every TM import (tm/units.py, also in
the parallel workers): the source variant is the one in the tu's srclang, else the header's, else the caller's
source language; with none of these (or `*all*`), every language of the tu is a source in turn. Each source
is paired with every other variant. `read_units` keeps every pair (en-US -> en-GB, an empty target: the file's
content, unchanged); a TM import (tm/units.py) keeps only translations (`not_a_translation` says why not) in
the languages it holds, and counts every pair it leaves out with the reason. Context props
(x-context-prev/-next, memoQ's x-context-pre/-post, on the tu or, as MateCat writes them, on a tuv) become the
unit's context (`tu_context`); in `read_units`, x-origin becomes its origin and x-fuzzy its flag; other props and
notes are kept in `props`/`notes` the way the TM stores them, so write -> read gives the same unit.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from tarjimon.core import langs
from tarjimon.core.files import atomic_writer
from tarjimon.core.formats import tmx
from tarjimon.core.formats.tmx_document import tmx_markup
from tarjimon.core.models.tm import Unit

TU_ATTRS = tmx.TU_ATTRS
CONTEXT_PROPS = {"x-context-prev": 0, "prev": 0, "x-context-pre": 0, "x-context-next": 1, "next": 1,
                 "x-context-post": 1}  # fmt: skip
_CONTEXT_OUT = ["x-context-prev", "x-context-next"]


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


NO_SOURCE = "no variant in the source language"
SAME_LANGUAGE = "same language on both sides (a script or regional variant is not a translation pair)"
EMPTY_TARGET = "empty target"
EMPTY_SOURCE = "empty source"
OTHER_PAIR = "language pair not in the project"
_PRIMARY: dict[str, str] = {}


def primary(tag: str) -> str:
    """langs.primary, memoised: a million tuvs carry a handful of distinct tags."""
    got = _PRIMARY.get(tag)
    if got is None:
        got = _PRIMARY[tag] = langs.primary(tag)
    return got


Pair = tuple[tmx.Variant, tmx.Variant, str, str]  # source variant, target variant, their primary subtags


def tu_pairs(rec: tmx.TranslationUnitRecord, head_src: str | None, source_lang: str | None = None) -> list[Pair | str]:
    """Every (source, target) pair of one tu (see the module's docstring), and NO_SOURCE for a source language
    the tu has no variant in. Pairs of one language and empty targets are pairs too: `read_units` keeps them
    (write -> read gives the same units), a TM import says why it does not (`not_a_translation`). A list, not
    a generator: a big TMX import calls this a million times."""
    variants = rec.variants
    if not variants:
        return []
    declared = rec.srclang or head_src
    if len(variants) == 2 and declared:  # the common tu, one source and one target: decided at once
        a, b = variants
        sl, la, lb = primary(declared), primary(a.tag), primary(b.tag)
        if la != lb and sl in (la, lb):
            return [(a, b, la, lb) if la == sl else (b, a, lb, la)]
    vlangs = [primary(v.tag) for v in variants]
    if declared and declared.strip().lower() != "*all*":
        sources = [primary(declared)]
    elif source_lang:
        sources = [primary(source_lang)]
    else:
        sources = list(dict.fromkeys(vlangs))
    out: list[Pair | str] = []
    for sl in sources:
        if sl not in vlangs:
            out.append(NO_SOURCE)
            continue
        src = variants[vlangs.index(sl)]
        out.extend((src, v, sl, tl) for v, tl in zip(variants, vlangs, strict=True) if v is not src)
    return out


def not_a_translation(pair: Pair) -> str | None:
    """Why a pair is no translation (one language on both sides, an empty side), or None."""
    src, tgt, sl, tl = pair
    if sl == tl:
        return SAME_LANGUAGE
    if not tgt.plain and not tgt.markup:
        return EMPTY_TARGET
    if not src.plain and not src.markup:
        return EMPTY_SOURCE
    return None


def _unwrap_seg(value: str) -> str:
    value = value.strip()
    if value.startswith("<seg>") and value.endswith("</seg>"):
        return value[5:-6]
    return value


def tu_context(rec: tmx.TranslationUnitRecord) -> tuple[list[str | None], list[list[str]]]:
    """A tu's context ([previous, next] source text) and its other props."""
    context: list[str | None] = [None, None]
    tu_props = []
    for typ, value in rec.props:
        if typ in CONTEXT_PROPS:
            context[CONTEXT_PROPS[typ]] = value
        else:
            tu_props.append([typ, value])
    for v in rec.variants:  # MateCat writes them on the source tuv, the value wrapped in <seg>
        for typ, value in v.props:
            if typ in CONTEXT_PROPS and context[CONTEXT_PROPS[typ]] is None:
                context[CONTEXT_PROPS[typ]] = _unwrap_seg(value)
    return context, tu_props


def context_names(rec: tmx.TranslationUnitRecord) -> list[str] | None:
    """The names a tu's context props had, where they are not x-context-prev/-next (OmegaT's prev/next of an
    alternative translation, memoQ's x-context-pre/-post): a unit keeps them (props "context_names") and
    `write_unit` writes its context back under them, so that the tool reads it as its own again."""
    names = list(_CONTEXT_OUT)
    for typ, _value in rec.props:
        if typ in CONTEXT_PROPS:
            names[CONTEXT_PROPS[typ]] = typ
    return None if names == _CONTEXT_OUT else names


def variant_extras(src: tmx.Variant, tgt: tmx.Variant) -> dict[str, Any]:
    """The props and notes of a pair's two tuvs, as a unit keeps them."""
    extra: dict[str, Any] = {}
    for name, var in (("src", src), ("tgt", tgt)):
        if var.props:
            extra[name] = var.props
        if var.notes:
            extra[name + "_notes"] = var.notes
    return extra


def units_of(rec: tmx.TranslationUnitRecord, head_src: str | None, source_lang: str | None = None) -> list[Unit]:
    """The units of one tu (`tu_pairs`)."""
    context, props_left = tu_context(rec)
    origin, fuzzy, tu_props = "", False, []
    for typ, value in props_left:
        if typ == "x-origin":
            origin = value
        elif typ == "x-fuzzy":
            fuzzy = value not in ("", "0")
        else:
            tu_props.append([typ, value])
    attrs = {k: val for k, val in rec.attrs.items() if k in TU_ATTRS}
    out = []
    for found in tu_pairs(rec, head_src, source_lang):
        if isinstance(found, str):  # no source variant: no unit
            continue
        src, v, sl, tl = found
        props: dict[str, object] = {"tu": tu_props} if tu_props else {}
        if names := context_names(rec):
            props["context_names"] = names
        # who made and changed it: the tu's, else the target tuv's (OmegaT), else the source tuv's
        both = {**src.attrs, **v.attrs, **attrs} if src.attrs or v.attrs else attrs
        if both:
            props["tu_attrs"] = both
        props.update(variant_extras(src, v))
        created = tmx.iso_date(src.created or rec.created or v.created) or ""
        out.append(Unit(
            0, src.plain, v.plain, sl, tl, src.tag, v.tag, src.markup, v.markup, (context[0], context[1]), origin,
            tuple(rec.notes), props, fuzzy, created, tmx.iso_date(v.changed or rec.changed) or created,
        ))  # fmt: skip
    return out


def _seg(text: str, markup: str | None) -> tuple[str, str | None]:
    """(text, markup) of one side of a unit. A unit confirmed in a project from a tagged segment (a Word
    file's bold run, an XLIFF's codes) holds its tags as ⟨1⟩…⟨/1⟩ and no TMX markup: they are written as
    TMX's inline elements (bpt/ept, ph, it), which other tools protect, not as those characters."""
    return (text, markup) if markup is not None else tmx_markup(text)


def write_unit(w: tmx.TmxWriter, u: Unit) -> None:
    """Write one Unit as a tu, with its context, origin, notes and props."""
    props = [list(p) for p in u.props.get("tu", [])]
    names = u.props.get("context_names") or _CONTEXT_OUT  # (the names the file it came from gave them)
    if u.context[0] is not None:
        props.append([names[0], u.context[0]])
    if u.context[1] is not None:
        props.append([names[1], u.context[1]])
    if u.origin:
        props.append(["x-origin", u.origin])
    if u.fuzzy:
        props.append(["x-fuzzy", "1"])
    w.unit(
        (u.source_tag or u.source_lang, *_seg(u.source, u.source_markup)),
        (u.target_tag or u.target_lang, *_seg(u.target, u.target_markup)),
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
