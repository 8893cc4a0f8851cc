"""Browsing and correcting a TM, as every backend does it: a page of units (newest first) whose source or target
contains some text, of one language pair and origin; and the rule for an edited unit's texts.

A backend supplies two reads: `_rows(before, source_lang, target_lang, limit)`, light rows (id, source,
target, origin) with an id below `before`, newest first (keyset paging on the primary key: page 1,000 of a
million units costs what page 1 costs), and `_units(ids)`, the units of the rows kept. The filtering is
here, so every backend finds the same units. Text matches case-insensitively, and
Uzbek across scripts (the query is also tried in the other script): "toshkent" finds "Тошкентга".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tarjimon.core import langs
from tarjimon.core.errors import TarjimonError
from tarjimon.core.models.tm import Unit
from tarjimon.core.translit import to_cyrillic, to_latin

CHUNK = 2000  # rows read per step while filtering


@dataclass(frozen=True)
class UnitQuery:
    """What the TM browser asks for: text in the source or target, a language pair, an origin (substring)."""

    text: str = ""
    source_lang: str | None = None
    target_lang: str | None = None
    origin: str = ""

    def needles(self) -> list[str]:
        q = " ".join(self.text.split()).casefold()
        if not q:
            return []
        found = {q, to_latin(q).casefold(), to_cyrillic(q).casefold()}
        return sorted(found)


def _contains(hay: str, needles: list[str]) -> bool:
    for n in needles:
        if n in hay:
            return True
    if "  " in hay or "\n" in hay or "\t" in hay:  # text as written: compare with its spaces collapsed
        hay = " ".join(hay.split())
        for n in needles:
            if n in hay:
                return True
    return False


Row = tuple[int, str, str, str]  # id, source, target, origin: what filtering needs, cheap to read
Rows = Callable[[int | None, str | None, str | None, int], list[Row]]
Units = Callable[[list[int]], list[Unit]]


def browse(rows: Rows, units: Units, query: UnitQuery, *, before: int | None = None, limit: int = 50) -> list[Unit]:
    """Up to `limit` units matching `query` with an id below `before` (None: from the newest), newest first.

    `rows(before, source_lang, target_lang, n)` gives the next `n` light rows newest first; `units(ids)` the
    units of the ids kept. Filtering reads light rows only (a search through 100,000 units reads no unit)."""
    sl = langs.primary(query.source_lang) if query.source_lang else None
    tl = langs.primary(query.target_lang) if query.target_lang else None
    needles = query.needles()
    origin = query.origin.casefold()
    kept: list[int] = []
    cursor = before
    while len(kept) < limit:
        chunk = rows(cursor, sl, tl, CHUNK if (needles or origin) else limit - len(kept))
        if not chunk:
            break
        for uid, source, target, unit_origin in chunk:
            if origin and origin not in unit_origin.casefold():
                continue
            if needles and not _contains(f"{source}\x00{target}".casefold(), needles):
                continue
            kept.append(uid)
            if len(kept) == limit:
                break
        cursor = chunk[-1][0]
    found = {u.id: u for u in units(kept)} if kept else {}
    return [found[i] for i in kept if i in found]


def rows_sql(mark: str, before: int | None, source_lang: str | None, target_lang: str | None,
             limit: int) -> tuple[str, tuple[object, ...]]:
    """The light-rows query both SQL backends run (`mark`: their placeholder), keyset-paged on the id."""
    where: list[str] = [f"id < {mark}"]
    args: list[object] = [before if before is not None else 2**63 - 1]
    if source_lang:
        where.append(f"source_lang = {mark}")
        args.append(source_lang)
    if target_lang:
        where.append(f"target_lang = {mark}")
        args.append(target_lang)
    return (f"SELECT id, source, target, origin FROM tm_units WHERE {' AND '.join(where)} ORDER BY id DESC"
            f" LIMIT {mark}", (*args, limit))


def edited_texts(unit: Unit, source: str | None, target: str | None) -> tuple[str, str, str | None, str | None]:
    """The texts of a unit after an edit: (source, target, source markup, target markup).

    A changed text loses its inline markup (the translator typed plain text); an empty one is refused."""
    new_source = unit.source if source is None else source.strip()
    new_target = unit.target if target is None else target.strip()
    if not new_source or not new_target:
        raise TarjimonError("a TM unit needs a source and a target (delete the unit instead)")
    src_markup = unit.source_markup if new_source == unit.source else None
    tgt_markup = unit.target_markup if new_target == unit.target else None
    return new_source, new_target, src_markup, tgt_markup


__all__ = ["UnitQuery", "browse", "edited_texts", "rows_sql"]
