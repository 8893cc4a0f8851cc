"""Ctrl+G: go to segment number N."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from tarjimon.tui.plain import plain


class GotoScreen(ModalScreen[int | None]):
    """Answers a segment number (1-based) or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel-goto")]
    AUTO_FOCUS = "#goto-number"

    def __init__(self, count: int, current: int) -> None:
        super().__init__()
        self.count = count
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="goto-box", classes="dialog") as box:
            box.border_title = "Go to segment"
            box.border_subtitle = "Enter goes · Esc cancels"
            yield Label(f"Segment number (1-{self.count}; now {self.current})")
            yield Input(placeholder=str(self.current), type="integer", id="goto-number")
            yield Label("", id="goto-message")

    def on_key(self, event: events.Key) -> None:
        """Keys typed right after Ctrl+G can reach the dialog before its field has the focus: they are
        the number all the same."""
        field = self.query_one("#goto-number", Input)
        if field.has_focus:
            return
        if event.character and event.character.isdigit():
            event.stop()
            field.insert_text_at_cursor(event.character)
        elif event.key == "enter":
            event.stop()
            self._go(field.value)
        field.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self._go(event.value)

    def _go(self, typed: str) -> None:
        value = typed.strip()
        if not value:
            self.dismiss(None)
            return
        number = int(value) if value.lstrip("-").isdigit() else 0
        if not 1 <= number <= self.count:
            self.query_one("#goto-message", Label).update(plain(f"no segment {value}: 1 to {self.count}"))
            return
        self.dismiss(number)

    def action_cancel(self) -> None:
        self.dismiss(None)
