"""Translation memory: units in the project's SQLite, a persisted stem index, TMX 1.4b and PO in, TMX out.

Public API: :class:`TranslationMemory` (lookup, concordance, count, import_file, export_tmx, add) and the
dataclasses :class:`Match`, :class:`ConcordanceHit`, :class:`ImportResult`, :class:`Unit`.
"""

from __future__ import annotations

from tarjimon.core.models.tm import ConcordanceHit, ImportResult, Match, Unit
from tarjimon.core.tm.sqlite.backend import TranslationMemory

__all__ = ["ConcordanceHit", "ImportResult", "Match", "TranslationMemory", "Unit"]
