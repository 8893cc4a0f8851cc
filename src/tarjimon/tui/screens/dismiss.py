"""Dismiss a QA finding of the current target with a reason (Alt+I, or the palette): pick the finding, type
why, Enter. It stays dismissed for this text and comes back when the text changes."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList


class DismissScreen(ModalScreen[tuple[Any, str] | None]):
    """The current target's findings to choose from, and a reason; returns (finding, reason) or None."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="cancel-dismiss")]

    def __init__(self, findings: list[Any], focus: int = 0) -> None:
        super().__init__()
        self.findings = list(findings)
        self.focus = focus if 0 <= focus < len(self.findings) else 0  # the finding F8 is on: picked first

    def compose(self) -> ComposeResult:
        with Vertical(id="dismiss-box", classes="dialog") as box:
            box.border_title = "Dismiss a QA finding"
            box.border_subtitle = "↑↓ picks · Enter in the reason dismisses · Esc cancels"
            yield OptionList(*[f"{f.check}: {f.message}" for f in self.findings], id="dismiss-findings")
            yield Input(placeholder="why this finding is wrong here (required)", id="dismiss-reason")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = self.focus if self.findings else None
        self.query_one(Input).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        reason = event.value.strip()
        index = self.query_one(OptionList).highlighted
        if not reason:
            self.notify("A reason is needed", severity="warning")
            return
        if index is None or not self.findings:
            self.dismiss(None)
            return
        self.dismiss((self.findings[index], reason))
