"""What every TM backend shares above its storage: scoring (tm/ranking.py, so every backend gives the same
scores), reading files into units (tm/importing.py) and writing TMX (tm/exporting.py).

A backend subclasses `MemoryBase` and implements the storage primitives:
- `_candidates(text, source_lang, target_lang)`: the units most likely to match (an index of its own), or
  `_candidate_keys`: their ids and keys first, the whole units of the few ranking reaches after;
- `count`, `status`, `unit`, `units`, `concordance`, `add`, `confirm`, `delete`, `edit`, `import_units`, `close`;
- `_rows(before, source_lang, target_lang, limit)`: light rows (id, source, target, origin) with ids below
  `before`, newest first, and `_units(ids)`: the TM browser's paging (its filtering is shared, tm/browse.py);
- optionally `import_fast(path)`, its own fast path for a big TMX file.
The backend contract suite (tests/tm/test_contract.py) is what a new backend must pass.
"""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from tarjimon.core import langs
from tarjimon.core.models.tm import Candidate, ConcordanceHit, ImportResult, Match, NewUnit, Unit
from tarjimon.core.tm.api import Progress, TMStatus
from tarjimon.core.tm.browse import UnitQuery, browse
from tarjimon.core.tm.ranking import rank_keys


class MemoryBase(ABC):
    """The shared layer every backend inherits: scoring, file import and TMX export on top of its storage."""

    source_lang: str | None
    target_langs: list[str] | None
    last_export_dropped: int = 0
    last_import_stats: dict[str, Any]

    def __init__(self, source_lang: str | None = None, target_langs: Iterable[str] | None = None) -> None:
        self.source_lang = langs.primary(source_lang) if source_lang else None
        self.target_langs = [langs.primary(t) for t in target_langs] if target_langs else None
        self.last_export_dropped = 0
        self.last_import_stats = {}

    # ---- what a backend implements -----------------------------------------------------------------
    @abstractmethod
    def _candidates(self, text: str, source_lang: str, target_lang: str) -> list[Candidate]:
        """The units most likely to match `text`, best first (ties keep this order)."""

    @abstractmethod
    def count(self) -> int: ...

    @abstractmethod
    def status(self) -> TMStatus: ...

    @abstractmethod
    def unit(self, unit_id: int) -> Unit: ...

    @abstractmethod
    def units(self, target_lang: str | None = None) -> Iterator[Unit]: ...

    @abstractmethod
    def concordance(self, text: str, *, target_lang: str | None = None, limit: int = 50,
                    source_lang: str | None = None) -> list[ConcordanceHit]: ...

    @abstractmethod
    def add(self, source: str, target: str, source_lang: str, target_lang: str, *, origin: str = "",
            context: tuple[str | None, str | None] = (None, None), notes: list[str] | None = None) -> int: ...

    @abstractmethod
    def confirm(self, unit: NewUnit) -> int: ...

    @abstractmethod
    def delete(self, unit_id: int) -> None: ...

    @abstractmethod
    def edit(self, unit_id: int, *, source: str | None = None, target: str | None = None) -> Unit: ...

    @abstractmethod
    def _rows(self, before: int | None, source_lang: str | None, target_lang: str | None,
              limit: int) -> list[tuple[int, str, str, str]]:
        """Up to `limit` (id, source, target, origin) with an id below `before` (None: any), of a pair if
        given, newest first."""

    @abstractmethod
    def _units(self, ids: list[int]) -> list[Unit]:
        """The units of these ids (any order; missing ones left out)."""

    @abstractmethod
    def import_units(self, units: Iterable[NewUnit], *, progress: Progress | None = None,
                     big: bool = False) -> tuple[int, int]: ...

    def close(self) -> None:  # noqa: B027 - a backend without connections has nothing to close
        """Release connections."""

    # ---- shared above the storage ------------------------------------------------------------------
    def lookup(self, text: str, target_lang: str, *, limit: int = 5, min_score: int = 50,
               context: tuple[str | None, str | None] | None = None,
               source_lang: str | None = None) -> list[Match]:
        """The best matches for a sentence, best first (score >= min_score, at most `limit`)."""
        sl = langs.primary(source_lang or self.source_lang or "en")
        tl = langs.primary(target_lang)
        keys, fetch = self._candidate_keys(text, sl, tl)
        if not keys:
            return []
        return rank_keys(text, sl, keys, fetch, limit=limit, min_score=min_score, context=context)

    def _candidate_keys(self, text: str, source_lang: str, target_lang: str
                        ) -> tuple[list[tuple[int, str]], Callable[[list[int]], dict[int, Candidate]]]:
        """The candidates' (id, matching key) in the index's order, and how to read whole candidates by id
        (ranking reads ~11 of the 60). This default takes them from `_candidates`; a backend may read the keys
        alone first (tm/sqlite)."""
        found = self._candidates(text, source_lang, target_lang)
        by_id = {c.id: c for c in found}
        return [(c.id, c.skey) for c in found], lambda ids: {i: by_id[i] for i in ids if i in by_id}

    def browse(self, query: UnitQuery | None = None, *, before: int | None = None, limit: int = 50) -> list[Unit]:
        """A page of units matching `query`, newest first, with ids below `before` (tm/browse.py)."""
        return browse(self._rows, self._units, query or UnitQuery(), before=before, limit=limit)

    def import_file(self, path: str | Path, *, source_lang: str | None = None, target_lang: str | None = None,
                    progress: Progress | None = None) -> ImportResult:
        """Import a TMX or PO file, all or nothing. PO: msgid is in `source_lang` (default: the TM's source
        language), msgstr in the header's Language (or `target_lang`)."""
        from tarjimon.core.tm.importing import import_file  # (the file formats: a lookup needs none of them)

        started = time.perf_counter()
        reasons: Counter[str] = Counter()
        fmt, added, duplicates, skipped = import_file(self, Path(path), source_lang=source_lang,
                                                      target_lang=target_lang, progress=progress, reasons=reasons)
        return ImportResult(str(path), fmt, added, duplicates, skipped, time.perf_counter() - started,
                            dict(reasons))

    def import_fast(self, path: Path) -> tuple[int, int, int] | None:
        """A backend's own fast path for a big TMX file: (added, duplicates, skipped), or None to read it unit
        by unit (the default)."""
        return None

    def export_tmx(self, path: str | Path, target_lang: str | None = None, *, overwrite: bool = True) -> int:
        """Write the TM (or its units of one target language) as TMX 1.4b; return the number of units.

        Characters XML 1.0 forbids are dropped; how many is in `last_export_dropped`. An existing file is
        replaced only with `overwrite`.
        """
        from tarjimon.core.tm.exporting import export_tmx

        count, dropped = export_tmx(self, Path(path), target_lang, overwrite=overwrite)
        self.last_export_dropped = dropped
        return count


__all__ = ["MemoryBase"]
