"""Ctrl+G: go to segment number N."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label


class GotoScreen(ModalScreen[int | None]):
    """Answers a segment number (1-based) or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel-goto")]

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

    def on_input_submitted(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        if not value:
            self.dismiss(None)
            return
        number = int(value) if value.lstrip("-").isdigit() else 0
        if not 1 <= number <= self.count:
            self.query_one("#goto-message", Label).update(f"no segment {value}: 1 to {self.count}")
            return
        self.dismiss(number)

    def action_cancel(self) -> None:
        self.dismiss(None)
