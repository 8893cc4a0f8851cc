"""The edit lock: one workbench edits a project at a time; a second one opens it read-only.

An OS file lock (flock) on `.edit.lock` in the project folder, so a killed process never leaves a stale lock.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from typing import IO

from tarjimon.core.errors import ProjectLocked
from tarjimon.core.files import open_for_lock

LOCK_NAME = ".edit.lock"


class EditLock:
    """The edit lock of one project folder."""

    def __init__(self, folder: Path, project_name: str) -> None:
        self.path = folder / LOCK_NAME
        self.project_name = project_name
        self._handle: IO[str] | None = None

    @property
    def held(self) -> bool:
        return self._handle is not None

    def acquire(self) -> None:
        """Take the lock; raise ProjectLocked if another process holds it."""
        if self._handle is not None:
            return
        # never through a symlink planted at .edit.lock (project folders travel through git and zip)
        handle = os.fdopen(open_for_lock(self.path), "a+", encoding="utf-8")
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            handle.seek(0)
            holder = handle.read().strip()
            handle.close()
            raise ProjectLocked(
                f"project {self.project_name!r} is open for editing elsewhere" + (f" ({holder})" if holder else "")
            ) from exc
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}")
        handle.flush()
        self._handle = handle

    def release(self) -> None:
        if self._handle is not None:
            fcntl.flock(self._handle.fileno(), fcntl.LOCK_UN)
            self._handle.close()
            self._handle = None
