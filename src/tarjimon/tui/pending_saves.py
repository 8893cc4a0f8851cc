"""Saving targets: a confirmed one at once, a draft right after the move's frame, and targets typed while
another process (a long import) holds the project's write lock.

A confirmed target (Enter, F9) is committed before anything else happens, with its row in the TM outbox (one
transaction); the TM gets it in a worker thread (`deliver_to_tm`): a 13-million-character segment's unit took
the TM 4-5 s, the screen's thread with it. A kill -9 before the TM took it loses nothing: the outbox is
delivered when the project opens next. A draft left behind by a move
(Ctrl+Down, a click...) is shown in the grid at once and committed right after the frame that shows the move,
before any other key or message is handled (`keep_draft`, `flush_drafts`): the commit (~0.7 ms of the UI thread)
is then not in the time from the key to the next segment on screen. Every other save (`save_draft`: Ctrl+S,
autosave, quitting, any action that reads the project) commits the drafts still due first.

The workbench never freezes on the lock and never loses what was typed: a save that meets a busy project
keeps the target in memory (shown as a draft, the header saying it is waiting), retries every second, and
commits it with its intended status (a confirmed target is confirmed) as soon as the lock frees.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

from tarjimon.core.errors import Busy, TarjimonError
from tarjimon.core.models import AUTOSAVED, SegmentRow, Translation
from tarjimon.core.workbench import Confirmed
from tarjimon.core.workbench.backends import team_note

if TYPE_CHECKING:
    from tarjimon.tui.workbench import WorkbenchScreen

    _Base = WorkbenchScreen
else:
    _Base = object

#: How long a save on the UI thread waits for the write lock before keeping the target in memory.
BUSY_WAIT = 0.3
RETRY_SECONDS = 1.0
CONFIRMED = ("translated", "reviewed")


class TMTook(Message):
    """(From the TM delivery worker.) The TM took `taken` confirmed targets; `note`: a team TM that is offline."""

    def __init__(self, taken: int, note: str | None) -> None:
        super().__init__()
        self.taken = taken
        self.note = note


class PendingSaves(_Base):
    """Mixed into WorkbenchScreen."""

    _drafts_due: dict[tuple[int, str], str]

    # ---- drafts and confirmed targets ---------------------------------------------------------------
    def save_draft(self) -> bool:
        """Save the editor's text as a draft if it changed since the last save (and the drafts still due); True
        if it did."""
        self.flush_drafts()
        if self.read_only or not self.rows:
            return False
        text = self.editor.text
        if text == self.stored and not self._autosaved(self.row_index, self.lang):
            return False
        self._save(text, "draft")
        return True

    def autosave(self) -> bool:
        """(Every few seconds.) The editor's text saved as a draft for crash safety, if it changed, but not as a
        version of the target (origin AUTOSAVED): the history holds what a translator calls a version (a
        confirm, a draft left by a move or Ctrl+S, a replace), not a snapshot every three seconds of typing."""
        self.flush_drafts()
        if self.read_only or not self.rows:
            return False
        text = self.editor.text
        if text == self.stored:
            return False
        self._save(text, "draft", AUTOSAVED)
        return True

    def _autosaved(self, index: int, lang: str) -> bool:
        """Whether the cell holds a draft only autosaved (leaving it or Ctrl+S makes it a version)."""
        return self.rows[index].targets[lang].origin == AUTOSAVED

    def keep_draft(self) -> None:
        """(Leaving a cell.) The editor's text, if it changed, shown as the cell's draft now and committed right
        after the next frame (`flush_drafts`)."""
        if self.read_only or not self.rows:
            return
        text = self.editor.text
        index, lang = self.row_index, self.lang
        if text == self.stored and not self._autosaved(index, lang):
            return
        if not self._drafts_due:
            self.call_after_refresh(self.flush_drafts)  # (in case no frame is drawn: a dialog on top)
        self._drafts_due[(index, lang)] = text
        self.stored = text
        self._set_target(index, Translation(self.rows[index].segment.id, lang, text,
                                            "draft" if text.strip() else "empty"))  # fmt: skip

    def flush_drafts(self) -> None:
        """Commit the drafts `keep_draft` showed, in the order they were left."""
        while self._drafts_due:
            (index, lang), text = next(iter(self._drafts_due.items()))
            del self._drafts_due[(index, lang)]
            try:
                self._save_cell(index, lang, text, "draft")
            except TarjimonError:
                pass  # said in a notification; the text stays in the grid (and in the editor if it goes back)

    def _save(self, text: str, status: str, origin: str = "") -> Confirmed:
        """Commit the current cell's target now (a confirm is remembered: Ctrl+Z right after undoes it)."""
        self.flush_drafts()
        before = self.rows[self.row_index].targets[self.lang]
        done = self._save_cell(self.row_index, self.lang, text, status, origin)
        if status in CONFIRMED and not self.confirmed_quietly:
            self.confirmed_now(self.row_index, self.lang, before.text, before.status, done.saved.text)
        return done

    def _save_cell(self, index: int, lang: str, text: str, status: str, origin: str = "") -> Confirmed:
        current = (index, lang) == (self.row_index, self.lang)
        try:
            done = self.project.confirm(self.rows[index].segment.id, lang, text, status, origin, deliver=False)
        except Busy as exc:  # an import holds the write lock: keep the target, save it when it ends
            done = self.keep_pending(index, lang, text, status, exc)
            if current:
                self.stored = text
                self.editor.set_label(lang, index + 1, done.saved.status)
            return done
        except TarjimonError as exc:
            self.notify(str(exc), severity="error")
            raise
        saved = done.saved
        self._set_target(index, saved)
        if current:
            self.stored = saved.text
            self.editor.set_label(lang, index + 1, saved.status)
        if saved.status in CONFIRMED:
            self.deliver_to_tm()
        return done

    # ---- the TM gets the confirmed targets ------------------------------------------------------------
    def deliver_to_tm(self) -> None:
        """The confirmed targets committed (each with its TM outbox row) go to the TM in a worker thread."""
        self.run_worker(self._deliver_queued, thread=True, group="confirm-tm")

    def _deliver_queued(self) -> None:
        """(A worker thread; one delivery at a time, see TMDelivery.) The outbox to the TM."""
        taken = self.project.deliver_queued()
        if not self.project.delivery.closed:  # (the app quit meanwhile: the project is closed)
            self.post_message(TMTook(taken, team_note(self.project)))

    def on_tmtook(self, message: TMTook) -> None:
        if message.taken and self.rows:
            # The TM has new units: cached answers may lack them. The current cell's is asked again, its matches
            # kept (Alt+1 still inserts one) until the new answer replaces them.
            self.forget_lookups()
            self._ask(self._request_for(self.row_index), [])
        if message.note:  # a team TM whose server did not answer: say so, the targets are queued
            self.notify(f"Team TM {message.note}", severity="warning", timeout=4)
        self.show_team_state()  # type: ignore[attr-defined]

    def _set_target(self, index: int, saved: Translation) -> None:
        row = self.rows[index]
        self.rows[index] = SegmentRow(row.segment, {**row.targets, saved.lang: saved})
        self.grid.update_row(index, self.rows[index])

    # ---- a busy project ---------------------------------------------------------------------------

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
        busy = "project is busy"
        for (index, lang), (text, status) in list(self.pending.items()):
            try:
                done_now = self.project.confirm(self.rows[index].segment.id, lang, text, status, deliver=False)
            except Busy as exc:
                busy = exc.message  # (the same words as when the first target was kept)
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
            self.sub_title = f"waiting: {busy} · {len(self.pending)} target(s) kept, saved when it ends"
            return False
        if self.pending_timer is not None:
            self.pending_timer.stop()
            self.pending_timer = None
        if done:
            self.deliver_to_tm()
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
