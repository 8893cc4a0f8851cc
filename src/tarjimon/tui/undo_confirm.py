"""Undo of a confirm: Enter on the wrong text commits it at once and moves on, and the editor's own undo
(Ctrl+Z) starts afresh in the next cell, so it could not bring the target back. Now Ctrl+Z right after the
confirm (in the cell it moved to, nothing typed there yet), or the palette's "Undo the last confirm" anywhere,
goes back to the confirmed target and puts back its text and status from before the confirm (a new version:
the confirmed text stays in the history). The TM keeps the unit the confirm gave it (Ctrl+B deletes it)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from tarjimon.core.errors import TarjimonError

if TYPE_CHECKING:
    from tarjimon.tui.workbench import WorkbenchScreen

    _Base = WorkbenchScreen
else:
    _Base = object


@dataclass(frozen=True)
class LastConfirm:
    """A confirm, and the target as it was before it."""

    index: int
    lang: str
    before: str
    before_status: str
    confirmed: str


class UndoConfirm(_Base):
    """Mixed into WorkbenchScreen (PendingSaves records each confirm with `confirmed_now`)."""

    last_confirm: LastConfirm | None = None
    _confirm_landed: tuple[int, str] | None = None  # the cell the confirm moved on to

    def confirmed_now(self, index: int, lang: str, before: str, before_status: str, text: str) -> None:
        self.last_confirm = LastConfirm(index, lang, before, before_status, text)
        self._confirm_landed = None
        self.call_later(self._landed)  # after the confirm's move

    def _landed(self) -> None:
        self._confirm_landed = (self.row_index, self.lang)

    def undo_right_after_confirm(self) -> bool:
        """Ctrl+Z with nothing to undo in the editor: the confirm just made, if the translator is still in the
        cell it moved on to (True: done)."""
        if self.last_confirm is None or self._confirm_landed != (self.row_index, self.lang):
            return False
        self.action_undo_confirm()
        return True

    def action_undo_confirm(self) -> None:
        last = self.last_confirm
        if last is None or self.read_only or not self.rows:
            self.notify("No confirm to undo", timeout=2)
            return
        if last.index >= len(self.rows) or self.rows[last.index].targets[last.lang].text != last.confirmed:
            self.notify("That target changed since its confirm: Ctrl+A lists its versions", severity="warning")
            self.last_confirm = None
            return
        self.last_confirm = self._confirm_landed = None
        self.goto(last.index, last.lang)
        try:
            status = last.before_status if last.before.strip() else "empty"
            self.confirmed_quietly = True
            done = self._save(last.before, status if status != "empty" else "draft")
        except TarjimonError:
            return
        finally:
            self.confirmed_quietly = False
        self.editor.show_target(done.saved.text, last.lang, last.index + 1, done.saved.status, self.read_only)
        self._ask_qa()
        where = self.grid.label(last.index + 1)
        self.notify(f"Confirm undone: {where} {last.lang} is {done.saved.status} again (the TM keeps the unit: "
                    "Ctrl+B deletes it)", timeout=5)

    confirmed_quietly = False  # an undo's own save is not a confirm to undo
