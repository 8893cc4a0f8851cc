"""The workbench's way into the alignment review: "Review a pending alignment" (the command palette).

`tarjimon align` keeps an alignment with pairs below `--min` in the project (core/workbench/align_pending.py).
This action lists them (one at once opens), reads the chosen one in a worker and pushes the review screen
(tui/align_review.py); a saved review adds the accepted pairs to the TM and drops the pending file, a
closed one keeps it for later.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from tarjimon.core.errors import TarjimonError
from tarjimon.tui.plain import plain

# The alignment stack (core/align, the review screen: ~0.1 s of imports) is imported when a pending alignment is
# looked for, in the worker thread, not by every workbench as it opens.
if TYPE_CHECKING:
    from tarjimon.core.workbench.align_pending import PendingAlignment
    from tarjimon.tui.workbench import WorkbenchScreen

    _Base = WorkbenchScreen
else:
    _Base = object

NOTHING_PENDING = "No alignment is waiting for review (`tarjimon align` keeps those with pairs below --min)"


class PendingPicker(ModalScreen["PendingAlignment | None"]):
    """Choose one of the pending alignments (Enter), or Esc."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="align-pending-cancel")]
    DEFAULT_CSS = """
    PendingPicker { align: center middle; }
    PendingPicker > Vertical { width: 90%; max-width: 120; height: auto; max-height: 80%;
                               border: round $accent; background: $surface; padding: 0 1; }
    PendingPicker OptionList { height: auto; max-height: 20; }
    """

    def __init__(self, pending: list[PendingAlignment]) -> None:
        super().__init__()
        self.pending = pending

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Alignments waiting for review (Enter opens one, Esc closes)")
            yield OptionList(*[Option(plain(p.title + (f" · {p.saved}" if p.saved else "")), id=str(n))
                               for n, p in enumerate(self.pending)], id="align-pending-list")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.pending[int(event.option.id or 0)])

    def action_cancel(self) -> None:
        self.dismiss(None)


class AlignPendingActions(_Base):
    """Mixed into WorkbenchScreen: open the review of an alignment `tarjimon align` kept for later."""

    def action_align_review(self) -> None:
        """The alignments waiting for review; one opens at once."""
        self._find_pending()

    @work(thread=True, exclusive=True, group="align-pending")
    def _find_pending(self) -> None:
        from tarjimon.core.workbench.align_pending import pending_alignments

        try:
            found = pending_alignments(self.project.folder)
        except TarjimonError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error")
            return
        self.app.call_from_thread(self._offer_pending, found)

    def _offer_pending(self, found: list[PendingAlignment]) -> None:
        if not found:
            self.notify(NOTHING_PENDING)
        elif len(found) == 1:
            self._open_pending(found[0])
        else:
            self.app.push_screen(PendingPicker(found), self._picked_pending)

    def _picked_pending(self, pending: PendingAlignment | None) -> None:
        if pending is not None:
            self._open_pending(pending)

    @work(thread=True, exclusive=True, group="align-pending")
    def _open_pending(self, pending: PendingAlignment) -> None:
        from tarjimon.core.workbench.align_pending import open_pending
        from tarjimon.tui.align_review import AlignReviewScreen

        try:
            alignment = open_pending(pending)
        except TarjimonError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error")
            return
        screen = AlignReviewScreen(self.project, alignment, pending.min_confidence)
        self.app.call_from_thread(self.app.push_screen, screen, lambda result: self._reviewed(pending, result))

    def _reviewed(self, pending: PendingAlignment, result: tuple[int, int] | None) -> None:
        if result is None:
            self.notify("Alignment review closed; it stays pending")
            return
        from tarjimon.core.workbench.align_pending import drop_pending

        try:
            drop_pending(pending)
        except OSError as exc:
            self.notify(f"{pending.path}: could not remove it ({exc.strerror or exc})", severity="warning")
        added, duplicates = result
        self.notify(f"TM: {added} units stored ({duplicates} already there)")
        self.forget_lookups()
        self._ask_lookups()
