"""Domain objects the storage returns: frozen dataclasses, never database rows. The project's (documents,
segments, targets...) live in models/project.py and are named here when first asked for: a command that never
meets them (`tarjimon glossary find`) does not build their classes (~5-10 ms of its start)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

STATUSES = ("empty", "draft", "translated", "reviewed")
# The origin of a draft the workbench saved on its own (every few seconds, for crash safety): kept as the
# target, but not a version of it; the next save of that target replaces it without putting it in the history.
AUTOSAVED = "autosave"

if TYPE_CHECKING:
    from tarjimon.core.models.project import (
        Comment,
        Document,
        HistoryEntry,
        ImportReport,
        Segment,
        SegmentRow,
        Translation,
    )

#: The project's classes (models/project.py), imported when first named (PEP 562).
__all__ = ["AUTOSAVED", "STATUSES", "Comment", "Document", "HistoryEntry", "ImportReport", "Segment", "SegmentRow",
           "Translation"]  # fmt: skip


def __getattr__(name: str) -> Any:
    if name in __all__:
        from tarjimon.core.models import project

        return getattr(project, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
