"""Correcting the project's TM by hand: the TM browser's pages (with each unit's use in the project), editing
a wrong unit, deleting one and undoing the last delete. The TUI (TM panel, TM browser) and `tarjimon tm
edit|delete|list` go through here.

Undo re-adds the deleted unit with everything it had (texts, markup, languages, context, origin, notes,
dates), so it comes back as it was; only its id is new.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from tarjimon.core.errors import TarjimonError
from tarjimon.core.models.tm import NewUnit, Unit
from tarjimon.core.tm.api import UnitQuery

Workbench = Any  # the facade (facade.py imports this module: no import back)


@dataclass(frozen=True)
class BrowsedUnit:
    """A unit as the TM browser shows it: the unit and how many confirmed targets of the project use it."""

    unit: Unit
    uses: int

    def as_json(self) -> dict[str, Any]:
        return unit_json(self.unit) | {"uses": self.uses}


def unit_json(u: Unit) -> dict[str, Any]:
    """The JSON object `tarjimon tm list|edit|delete --json` prints for a unit."""
    return {"id": u.id, "source": u.source, "target": u.target, "source_lang": u.source_lang,
            "target_lang": u.target_lang, "origin": u.origin, "created_at": u.created_at,
            "changed_at": u.changed_at}


def _restorable(u: Unit) -> NewUnit:
    return NewUnit(u.source_lang, u.target_lang, u.source_tag or u.source_lang, u.target_tag or u.target_lang,
                   u.source, u.target, source_markup=u.source_markup, target_markup=u.target_markup,
                   context_prev=u.context[0], context_next=u.context[1], origin=u.origin,
                   notes=json.dumps(list(u.notes), ensure_ascii=False) if u.notes else None,
                   props=json.dumps(u.props, ensure_ascii=False) if u.props else None, fuzzy=u.fuzzy,
                   created_at=u.created_at or None, changed_at=u.changed_at or None)


class TMUnits:
    """The project's TM as a translator corrects it (`Workbench.tm_units`)."""

    def __init__(self, workbench: Workbench) -> None:
        self.workbench = workbench
        self.last_deleted: Unit | None = None

    def page(self, query: UnitQuery | None = None, *, before: int | None = None,
             limit: int = 50) -> list[BrowsedUnit]:
        """A page of units, newest first (ids below `before`), each with its use in the project."""
        repo = self.workbench.repo
        return [BrowsedUnit(u, repo.target_uses(u.source, u.target_lang, u.target))
                for u in self.workbench.tm.browse(query, before=before, limit=limit)]

    def unit(self, unit_id: int) -> Unit:
        return self.workbench.tm.unit(unit_id)

    def edit(self, unit_id: int, *, source: str | None = None, target: str | None = None) -> Unit:
        """Correct a unit's target (or source); return it as stored (an identical unit absorbs it)."""
        if source is None and target is None:
            raise TarjimonError("nothing to change: give a new target (or source)")
        return self.workbench.tm.edit(unit_id, source=source, target=target)

    def delete(self, unit_id: int) -> Unit:
        """Remove a wrong unit; it is kept for `undo_delete` until the next delete."""
        unit = self.workbench.tm.unit(unit_id)
        self.workbench.tm.delete(unit_id)
        self.last_deleted = unit
        return unit

    def undo_delete(self) -> Unit:
        """Put the last deleted unit back as it was; return it (with its new id)."""
        unit = self.last_deleted
        if unit is None:
            raise TarjimonError("no deleted TM unit to bring back")
        tm = self.workbench.tm
        tm.import_units([_restorable(unit)])
        self.last_deleted = None
        query = UnitQuery(source_lang=unit.source_lang, target_lang=unit.target_lang)
        for found in tm.browse(query, limit=50):
            if (found.source, found.target) == (unit.source, unit.target):
                return found
        for found in tm.browse(UnitQuery(unit.source, unit.source_lang, unit.target_lang), limit=50):
            if (found.source, found.target) == (unit.source, unit.target):
                return found
        return unit


__all__ = ["BrowsedUnit", "TMUnits", "UnitQuery", "unit_json"]
