"""A project's own data: documents, segments, targets and their history in its SQLite database.

- repository.py: all the SQL on those tables (returns tarjimon.core.models objects);
- schema.py: their migrations; align.py: which sentences a re-import keeps; stats.py: `tarjimon stats`;
- lock.py: the edit lock (one workbench edits a project at a time).

This layer knows nothing of the TM, the glossaries or the formats: the workbench facade
(tarjimon.core.workbench) composes them.
"""

from __future__ import annotations

from tarjimon.core.project.lock import EditLock
from tarjimon.core.project.repository import ProjectRepository

__all__ = ["EditLock", "ProjectRepository"]
