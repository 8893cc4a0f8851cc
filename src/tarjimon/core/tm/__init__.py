"""Translation memory: the interface every backend offers (api.py) and what they share above the storage (base.py):
matching keys (text.py), scoring (scoring.py, ranking.py), which units a file gives (units.py), file import
(importing.py) and TMX export (exporting.py). Backends live below: sqlite/ (the project's own TM).

Public API: :class:`TranslationMemory` (the Protocol), :class:`MemoryBase`, :class:`TMStatus` and the domain
objects :class:`Match`, :class:`ConcordanceHit`, :class:`ImportResult`, :class:`Unit`, :class:`NewUnit`.
"""

from __future__ import annotations

from tarjimon.core.models.tm import ConcordanceHit, ImportResult, Match, NewUnit, Unit
from tarjimon.core.tm.api import TMStatus, TranslationMemory
from tarjimon.core.tm.base import MemoryBase

__all__ = ["ConcordanceHit", "ImportResult", "Match", "MemoryBase", "NewUnit", "TMStatus", "TranslationMemory",
           "Unit"]
