"""Targets typed while another process (a long import) holds the project's write lock.

The workbench never freezes on the lock and never loses what was typed: a save that meets a busy project
keeps the target in memory (shown as a draft, the header saying it is waiting), retries every second, and
commits it with its intended status (a confirmed target is confirmed) as soon as the lock frees.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tarjimon.core.errors import Busy
from tarjimon.core.models import Translation
from tarjimon.core.workbench import Confirmed

if TYPE_CHECKING:
    from tarjimon.tui.workbench import WorkbenchScreen

    _Base = WorkbenchScreen
else:
    _Base = object

#: How long a save on the UI thread waits for the write lock before keeping the target in memory.
BUSY_WAIT = 0.3
RETRY_SECONDS = 1.0


class PendingSaves(_Base):
    """Mixed into WorkbenchScreen."""

    def keep_pending(self, index: int, lang: str, text: str, status: str, exc: Busy) -> Confirmed:
        """The save met a busy project: keep (text, status) to save later; return what the grid shows."""
        first = not self.pending
        self.pending[(index, lang)] = (text, status)
        shown = Translation(
            self.rows[index].segment.id, lang, text, "draft" if text.strip() else "empty", "", ""
        )
        self._set_target(index, shown)
        if self.pending_timer is None:
            self.pending_timer = self.set_interval(RETRY_SECONDS, self.flush_pending)
        self.sub_title = f"waiting: {exc.message} · {len(self.pending)} target(s) kept, saved when it ends"
        if first:
            self.notify(f"{exc.message}. Keep working: your targets are kept and saved when it ends.",
                        severity="warning", timeout=8)  # fmt: skip
        return Confirmed(shown)

    def flush_pending(self) -> bool:
        """Save the kept targets in the order typed; True when none is left."""
        done = 0
        for (index, lang), (text, status) in list(self.pending.items()):
            try:
                done_now = self.project.confirm(self.rows[index].segment.id, lang, text, status)
            except Busy:
                break
            saved = done_now.saved
            del self.pending[(index, lang)]
            done += 1
            self._set_target(index, saved)
            if (index, lang) == (self.row_index, self.lang):
                self.query_one("#editor").set_label(lang, index + 1, saved.status)  # type: ignore[attr-defined]
            if done_now.filled:  # said, and undoable, as after any confirm (the "ask" mode asks only then)
                self.after_repetitions(index, done_now)  # type: ignore[attr-defined]
        if self.pending:
            self.sub_title = (
                f"waiting: project is busy · {len(self.pending)} target(s) kept, saved when it ends"
            )
            return False
        if self.pending_timer is not None:
            self.pending_timer.stop()
            self.pending_timer = None
        if done:
            self.sub_title = ""
            self.notify(f"The project is free again: {done} kept target(s) saved", timeout=5)
        return True

    def ready_to_quit(self, wait: float = 10.0) -> bool:
        """Before quitting: save the kept targets, waiting up to `wait` seconds; False (and say so) if busy."""
        if not self.pending:
            return True
        self.project.store.set_busy_timeout(wait)
        try:
            if self.flush_pending():
                return True
        finally:
            self.project.store.set_busy_timeout(BUSY_WAIT)
        self.notify(f"Not quitting: {len(self.pending)} target(s) still wait for the import to end. "
                    "Try again in a moment.", severity="error", timeout=8)  # fmt: skip
        return False
