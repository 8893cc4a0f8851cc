"""The translation memory's interface: what every backend offers.

`TranslationMemory` is the contract the workbench, the CLI and the TUI hold (a `Protocol`); tm/base.py's
`MemoryBase` is the shared layer every backend inherits (scoring, file import, TMX export above the storage).

The SQLite backend (tm/sqlite/) keeps the units in the project's database; a team backend (PostgreSQL) keeps
them on a server. The project's own database stays the source of truth for confirmed targets: the workbench
queues every confirmed target and hands it to `confirm()` after the target is committed, retrying what a
backend did not take (see core/workbench/confirm.py), so `confirm()` never shares a transaction with the
project.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from tarjimon.core.models.tm import ConcordanceHit, ImportResult, Match, NewUnit, Unit
from tarjimon.core.tm.browse import UnitQuery

Progress = Callable[[int], None]


@dataclass(frozen=True)
class TMStatus:
    """What `tarjimon tm status` shows of a TM: where it lives, how big it is, whether it is reachable."""

    backend: str  # "sqlite", "postgresql", ...
    location: str  # a file path or a server (never a password)
    units: int
    pairs: list[tuple[str, str]] = field(default_factory=list)
    online: bool = True
    pending: int = 0  # confirmed targets waiting to be delivered (a remote TM that was unreachable)
    detail: dict[str, Any] = field(default_factory=dict)


@runtime_checkable
class TranslationMemory(Protocol):
    """A translation memory, whatever stores it."""

    source_lang: str | None
    target_langs: list[str] | None

    def count(self) -> int:
        """How many units the TM holds."""
        ...

    def status(self) -> TMStatus:
        """Where the TM lives, its size and whether it is reachable."""
        ...

    def unit(self, unit_id: int) -> Unit:
        """One unit by id (TarjimonError if there is none)."""
        ...

    def units(self, target_lang: str | None = None) -> Iterator[Unit]:
        """Every unit (of one target language), oldest first."""
        ...

    def lookup(self, text: str, target_lang: str, *, limit: int = 5, min_score: int = 50,
               context: tuple[str | None, str | None] | None = None,
               source_lang: str | None = None) -> list[Match]:
        """The best matches for a sentence, best first."""
        ...

    def concordance(self, text: str, *, target_lang: str | None = None, limit: int = 50,
                    source_lang: str | None = None) -> list[ConcordanceHit]:
        """Units whose source or target contains the words of `text` (any inflected form)."""
        ...

    def add(self, source: str, target: str, source_lang: str, target_lang: str, *, origin: str = "",
            context: tuple[str | None, str | None] = (None, None), notes: list[str] | None = None) -> int:
        """Add one unit (or find the identical one); return its id."""
        ...

    def confirm(self, unit: NewUnit) -> int:
        """Record a target confirmed in a project (unit.segment_id set): update that segment's unit or add one."""
        ...

    def delete(self, unit_id: int) -> None:
        """Remove one unit (a wrong translation)."""
        ...

    def edit(self, unit_id: int, *, source: str | None = None, target: str | None = None) -> Unit:
        """Correct a unit's target (or source) text; return the unit as stored. When the corrected unit is
        identical to another one, that one is kept and this one removed (its id is returned)."""
        ...

    def browse(self, query: UnitQuery | None = None, *, before: int | None = None, limit: int = 50) -> list[Unit]:
        """A page of units matching `query` (text in the source or target, language pair, origin), newest
        first, with ids below `before` (None: from the newest). The next page: `before=page[-1].id`."""
        ...

    def import_units(self, units: Iterable[NewUnit], *, progress: Progress | None = None,
                     big: bool = False) -> tuple[int, int]:
        """Add many units, all or nothing; return (added, duplicates)."""
        ...

    def import_fast(self, path: Path) -> tuple[int, int, int] | None:
        """A backend's own fast path for a big TMX file: (added, duplicates, skipped), or None."""
        ...

    def import_file(self, path: str | Path, *, source_lang: str | None = None, target_lang: str | None = None,
                    progress: Progress | None = None) -> ImportResult:
        """Import a TM file (TMX, PO), all or nothing."""
        ...

    def export_tmx(self, path: str | Path, target_lang: str | None = None, *, overwrite: bool = True) -> int:
        """Write the TM (or the units of one target language) as TMX 1.4b; return the number of units.

        An existing file is replaced only with `overwrite`."""
        ...

    def close(self) -> None:
        """Release connections."""
        ...


__all__ = ["Progress", "TMStatus", "TranslationMemory", "UnitQuery"]
