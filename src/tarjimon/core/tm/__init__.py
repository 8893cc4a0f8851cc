"""Translation memory: the interface every backend offers (api.py) and what they share above the storage (base.py):
matching keys (text.py), scoring (scoring.py, ranking.py), which units a file gives (units.py), file import
(importing.py) and TMX export (exporting.py). Backends live below: sqlite/ (the project's own TM).

Public API: :class:`TranslationMemory` (the Protocol), :class:`MemoryBase`, :class:`TMStatus` and the domain
objects :class:`Match`, :class:`ConcordanceHit`, :class:`ImportResult`, :class:`Unit`, :class:`NewUnit`.

They are imported when first asked for (PEP 562), not with the package: importing tm.api (the Protocol the
workbench names) does not load base.py and its scoring (numpy, the TMX formats: ~0.1 s), which only a command
that opens the TM needs (`tarjimon stats`, `qa` and `export` do not).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tarjimon.core.models.tm import ConcordanceHit, ImportResult, Match, NewUnit, Unit
    from tarjimon.core.tm.api import TMStatus, TranslationMemory
    from tarjimon.core.tm.base import MemoryBase

__all__ = ["ConcordanceHit", "ImportResult", "Match", "MemoryBase", "NewUnit", "TMStatus", "TranslationMemory",
           "Unit"]

_HOME = {
    **dict.fromkeys(("ConcordanceHit", "ImportResult", "Match", "NewUnit", "Unit"), "tarjimon.core.models.tm"),
    "TMStatus": "tarjimon.core.tm.api", "TranslationMemory": "tarjimon.core.tm.api",
    "MemoryBase": "tarjimon.core.tm.base",
}  # fmt: skip


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value
