"""Which units a TM keeps from a file: TMX translation units and PO entries -> `NewUnit`s for the language
pairs a TM needs (its source language and target languages; None keeps every pair).

Shared by every backend's import and by the SQLite backend's parallel workers (tm/sqlite/partworker.py), so a
unit is selected the same way whichever path reads it.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tarjimon.core import langs
from tarjimon.core.errors import BadInput
from tarjimon.core.formats import tmx
from tarjimon.core.formats.po_units import read_po
from tarjimon.core.formats.tmx_units import CONTEXT_PROPS as _CONTEXT_PROPS
from tarjimon.core.formats.tmx_units import TU_ATTRS
from tarjimon.core.models.tm import NewUnit

SAME_LANGUAGE = "same language on both sides (a script or regional variant is not a translation pair)"
EMPTY_TARGET = "empty target"
OTHER_PAIR = "language pair not in the project"
_PRIMARY: dict[str, str] = {}


def primary(tag: str) -> str:
    """langs.primary, memoised: a million tuvs carry a handful of distinct tags."""
    got = _PRIMARY.get(tag)
    if got is None:
        got = _PRIMARY[tag] = langs.primary(tag)
    return got



def _unwrap_seg(value: str) -> str:
    value = value.strip()
    if value.startswith("<seg>") and value.endswith("</seg>"):
        return value[5:-6]
    return value


def dumps(value: Any) -> str | None:
    """JSON for a unit's notes/props; None for empty values (saves space at a million units)."""
    return json.dumps(value, ensure_ascii=False) if value else None


class UnitFilter:
    """The language pairs a TM keeps (`source_lang`, `target_langs` as primary subtags; None keeps all)."""

    def __init__(self, source_lang: str | None, target_langs: list[str] | None) -> None:
        self.source_lang = source_lang
        self.target_langs = target_langs
        self.reasons: Counter[str] = Counter()  # why pairs were skipped, for the import's report

    def skip(self, skipped: list[int], reason: str) -> None:
        skipped[0] += 1
        self.reasons[reason] += 1

    def kept_pair(self, sl: str, tl: str) -> bool | None:
        """True when the TM keeps sl -> tl, False when it keeps the reverse tl -> sl, None for neither."""
        if (not self.source_lang or sl == self.source_lang) and (not self.target_langs or tl in self.target_langs):
            return True
        if self.source_lang and tl == self.source_lang and (not self.target_langs or sl in self.target_langs):
            return False
        return None

    def po_units(self, path: Path, source_lang: str | None, target_lang: str | None,
                 skipped: list[int]) -> Iterator[NewUnit]:
        """The entries of a PO file as units: msgid in `source_lang` (default: the TM's source language, or
        English, the msgid language of gettext catalogs, when the msgstrs are in that language), msgstr in the header's Language (or `target_lang`). A catalog translated into the
        TM's source language (an `uz@cyrillic.po` for an Uzbek project) is kept reversed: Uzbek -> English."""
        header_lang, pairs = read_po(path)
        tgt_tag = target_lang or header_lang
        if not tgt_tag and self.target_langs and len(self.target_langs) == 1:
            tgt_tag = self.target_langs[0]
        if not tgt_tag:
            raise BadInput("the PO has no Language header; name the target language (--target-lang)", path=path)
        src_tag = source_lang or self.source_lang or "en"
        if not source_lang and langs.primary(tgt_tag) == langs.primary(src_tag):
            src_tag = "en"  # a catalog translated into the TM's source language: its msgids are English
        sl, tl = langs.primary(src_tag), langs.primary(tgt_tag)
        way = self.kept_pair(sl, tl) if sl != tl else None
        for p in pairs:
            if way is None:
                self.skip(skipped, SAME_LANGUAGE if sl == tl else OTHER_PAIR)
                continue
            if not p.target:
                self.skip(skipped, EMPTY_TARGET)
                continue
            if way:
                yield NewUnit(sl, tl, src_tag, tgt_tag, p.source, p.target, origin=path.name,
                              notes=dumps(p.notes), props=dumps({"tu": p.props}), fuzzy=p.fuzzy)
            else:
                yield NewUnit(tl, sl, tgt_tag, src_tag, p.target, p.source, origin=path.name,
                              notes=dumps(p.notes), props=dumps({"tu": p.props}), fuzzy=p.fuzzy)

    def tmx_units(self, path: Path, skipped: list[int]) -> Iterator[NewUnit]:
        """The units of a TMX file, read by the streaming reader (entities refused, inline codes kept)."""
        records = tmx.read_tmx(path)
        header = next(records)
        assert isinstance(header, dict)
        head_src = header.get("srclang")
        for rec in records:
            assert isinstance(rec, tmx.TranslationUnitRecord)
            yield from self.pairs(rec, head_src, path, skipped)

    def pairs(self, rec: tmx.TranslationUnitRecord, head_src: str | None, path: Path,
              skipped: list[int]) -> Iterator[NewUnit]:
        """The units of one tu: its source variant (the tu's srclang, the header's, or the TM's source language)
        paired with every other variant whose language the TM keeps."""
        declared = rec.srclang or head_src
        variants = rec.variants
        if not variants:
            return
        if len(variants) == 2 and declared and not rec.props and not rec.notes and declared != "*all*" \
                and not rec.attrs:
            # the common tu: one source, one target, nothing else (a fast path for big files)
            a, b = variants
            if not (a.props or a.notes or b.props or b.notes):
                sl = primary(declared)
                la, lb = primary(a.tag), primary(b.tag)
                if la != lb and sl in (la, lb) and a.plain and b.plain:
                    src, tgt, tl = (a, b, lb) if la == sl else (b, a, la)
                    if (self.source_lang and sl != self.source_lang) or (
                        self.target_langs and tl not in self.target_langs
                    ):
                        self.skip(skipped, OTHER_PAIR)
                        return
                    created = tmx.iso_date(src.created or rec.created) if (src.created or rec.created) else None
                    changed = tmx.iso_date(tgt.changed or rec.changed) if (tgt.changed or rec.changed) else None
                    yield NewUnit(sl, tl, src.tag, tgt.tag, src.plain, tgt.plain, src.markup, tgt.markup,
                                  origin=path.name, created_at=created, changed_at=changed or created)
                    return
        vlangs = [primary(v.tag) for v in variants]
        if declared and declared.strip().lower() != "*all*":
            sources = [primary(declared)]
        elif self.source_lang:
            sources = [self.source_lang]
        else:
            sources = list(dict.fromkeys(vlangs))
        context: list[str | None] = [None, None]
        tu_props = []
        for typ, value in rec.props:
            if typ in _CONTEXT_PROPS:
                context[_CONTEXT_PROPS[typ]] = value
            else:
                tu_props.append([typ, value])
        for v in variants:  # MateCat writes them on the source tuv, the value wrapped in <seg>
            for typ, value in v.props:
                if typ in _CONTEXT_PROPS and context[_CONTEXT_PROPS[typ]] is None:
                    context[_CONTEXT_PROPS[typ]] = _unwrap_seg(value)
        created = tmx.iso_date(rec.created) if rec.created else None
        changed = tmx.iso_date(rec.changed) if rec.changed else None
        notes = dumps(rec.notes)
        attrs = {k: v for k, v in rec.attrs.items() if k in TU_ATTRS}
        for sl in sources:
            if sl not in vlangs:
                self.skip(skipped, "no variant in the source language")
                continue
            src = variants[vlangs.index(sl)]
            for v, tl in zip(variants, vlangs, strict=True):
                if v is src:
                    continue
                if tl == sl:
                    self.skip(skipped, SAME_LANGUAGE)
                    continue
                if (self.source_lang and sl != self.source_lang) or (self.target_langs and tl not in self.target_langs):
                    self.skip(skipped, OTHER_PAIR)
                    continue
                if not v.plain and not v.markup or not src.plain and not src.markup:
                    self.skip(skipped, EMPTY_TARGET if src.plain or src.markup else "empty source")
                    continue
                extra: dict[str, Any] = {}
                if tu_props:
                    extra["tu"] = tu_props
                if attrs:
                    extra["tu_attrs"] = attrs
                if src.props or src.notes or v.props or v.notes:
                    for name, var in (("src", src), ("tgt", v)):
                        if var.props:
                            extra[name] = var.props
                        if var.notes:
                            extra[name + "_notes"] = var.notes
                yield NewUnit(
                    sl, tl, src.tag, v.tag, src.plain, v.plain, src.markup, v.markup, context[0], context[1],
                    origin=path.name, notes=notes, props=dumps(extra),
                    created_at=(tmx.iso_date(src.created) if src.created else None) or created,
                    changed_at=(tmx.iso_date(v.changed) if v.changed else None) or changed or created,
                )

