"""Browsing and correcting a TM, as every backend does it: a page of units (newest first) whose source or target
contains some text, of one language pair and origin; and the rule for an edited unit's texts.

A backend supplies one read: `_page(before, source_lang, target_lang, limit)`, the units with an id below
`before`, newest first (keyset paging on the primary key: page 1,000 of a million units costs what page 1
costs). The filtering is here, so every backend finds the same units. Text matches case-insensitively, and
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

    def matcher(self) -> Callable[[Unit], bool]:
        needles = self.needles()
        origin = self.origin.casefold()

        def keep(u: Unit) -> bool:
            if origin and origin not in u.origin.casefold():
                return False
            if not needles:
                return True
            hay = " ".join(u.source.split()).casefold() + "\x00" + " ".join(u.target.split()).casefold()
            return any(n in hay for n in needles)

        return keep


Page = Callable[[int | None, str | None, str | None, int], list[Unit]]


def browse(page: Page, query: UnitQuery, *, before: int | None = None, limit: int = 50) -> list[Unit]:
    """Up to `limit` units matching `query` with an id below `before` (None: from the newest), newest first."""
    sl = langs.primary(query.source_lang) if query.source_lang else None
    tl = langs.primary(query.target_lang) if query.target_lang else None
    keep = query.matcher()
    out: list[Unit] = []
    cursor = before
    while len(out) < limit:
        rows = page(cursor, sl, tl, CHUNK if (query.text or query.origin) else limit - len(out))
        if not rows:
            break
        for u in rows:
            if keep(u):
                out.append(u)
                if len(out) == limit:
                    break
        cursor = rows[-1].id
    return out


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


__all__ = ["UnitQuery", "browse", "edited_texts"]
