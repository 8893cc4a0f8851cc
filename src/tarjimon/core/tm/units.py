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
from tarjimon.core.formats import tmx, tmx_units
from tarjimon.core.formats.po_units import read_po
from tarjimon.core.formats.tmx_units import (
    TU_ATTRS,
    context_names,
    not_a_translation,
    tu_context,
    tu_pairs,
    variant_extras,
)
from tarjimon.core.models.tm import NewUnit

# why a pair was not made (tmx_units.tu_pairs says it for TMX; PO and other formats use the same words)
SAME_LANGUAGE, EMPTY_TARGET, OTHER_PAIR = tmx_units.SAME_LANGUAGE, tmx_units.EMPTY_TARGET, tmx_units.OTHER_PAIR
OBSOLETE = "obsolete entry (#~)"
primary = tmx_units.primary


def dumps(value: Any) -> str | None:
    """JSON for a unit's notes/props; None for empty values (saves space at a million units)."""
    return json.dumps(value, ensure_ascii=False) if value else None


class UnitFilter:
    """The language pairs a TM keeps (`source_lang`, `target_langs` as primary subtags; None keeps all)."""

    def __init__(self, source_lang: str | None, target_langs: list[str] | None) -> None:
        self.source_lang = source_lang
        self.target_langs = target_langs
        self.reasons: Counter[str] = Counter()  # why pairs were skipped, for the import's report
        self._props_json: dict[tuple[tuple[str, str], ...], str | None] = {}  # tu_attrs -> the unit's props

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
            if p.obsolete:
                self.skip(skipped, OBSOLETE)
                continue
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
        """The units of one tu the TM keeps: the pairs of formats/tmx_units.tu_pairs (the one pairing rule)
        whose languages the TM keeps, each reason a pair was not made counted."""
        simple = not (rec.props or rec.notes or rec.attrs)
        if simple:
            for var in rec.variants:
                if var.props or var.notes or var.attrs:
                    simple = False
                    break
        if simple:  # the common tu of a big file: nothing but the two segs and their dates
            context: list[str | None] = [None, None]
            tu_props: list[list[str]] = []
        else:
            context, tu_props = tu_context(rec)
        created = tmx.iso_date(rec.created) if rec.created else None
        changed = tmx.iso_date(rec.changed) if rec.changed else None
        notes = dumps(rec.notes) if rec.notes else None
        attrs = {k: v for k, v in rec.attrs.items() if k in TU_ATTRS} if rec.attrs else {}
        for found in tu_pairs(rec, head_src, self.source_lang):
            if isinstance(found, str):
                self.skip(skipped, found)
                continue
            src, v, sl, tl = found
            if sl == tl:
                why: str | None = SAME_LANGUAGE
            elif (self.source_lang and sl != self.source_lang) or (self.target_langs and tl not in self.target_langs):
                why = OTHER_PAIR
            else:
                why = None if src.plain and v.plain else not_a_translation(found)  # (the call only when needed)
            if why:
                self.skip(skipped, why)
                continue
            props = None
            if not simple:
                extra: dict[str, Any] = {"tu": tu_props} if tu_props else {}
                if names := context_names(rec):  # OmegaT's prev/next, memoQ's x-context-pre/-post
                    extra["context_names"] = names
                # who made and changed it: the tu's, else the target tuv's (OmegaT writes them there)
                both = {**src.attrs, **v.attrs, **attrs} if src.attrs or v.attrs else attrs
                if both:
                    extra["tu_attrs"] = both
                extra.update(variant_extras(src, v))
                if len(extra) == 1 and both:  # who made it, nothing else (OmegaT's tus): a few distinct values
                    key = tuple(both.items())
                    props = self._props_json.get(key)
                    if props is None:
                        if len(self._props_json) > 4096:  # (ids that differ per unit: MateCat's tuid)
                            self._props_json.clear()
                        props = self._props_json[key] = dumps(extra)
                else:
                    props = dumps(extra)
            yield NewUnit(
                sl, tl, src.tag, v.tag, src.plain, v.plain, src.markup, v.markup, context[0], context[1],
                origin=path.name, notes=notes, props=props,
                created_at=(tmx.iso_date(src.created) if src.created else None) or created
                or (tmx.iso_date(v.created) if v.created else None),
                changed_at=(tmx.iso_date(v.changed) if v.changed else None) or changed or created,
            )
