"""Correct one TM unit: its target (and source) in two fields, Enter or Ctrl+S saves, Esc cancels."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from tarjimon.tui.plain import plain


class TMUnitEditScreen(ModalScreen[tuple[str, str] | None]):
    """Answers (source, target) as typed, or None when cancelled."""

    AUTO_FOCUS = "#unit-target"
    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel", id="cancel-unit-edit"),
        Binding("ctrl+s", "save", "Save", id="save-unit-edit"),
    ]

    def __init__(self, unit: Any) -> None:
        super().__init__()
        self.unit = unit

    def compose(self) -> ComposeResult:
        u = self.unit
        with Vertical(id="unit-edit-box", classes="dialog") as box:
            box.border_title = f"TM unit #{u.id} · {u.source_lang} → {u.target_lang}"
            box.border_subtitle = "Enter or Ctrl+S saves · Tab moves · Esc cancels"
            yield Static(plain(f"from {u.origin or 'tm'} · changed {u.changed_at[:16].replace('T', ' ')}"), classes="dim")
            yield Label(f"Target ({u.target_lang})")
            yield Input(u.target, id="unit-target", select_on_focus=False)
            yield Label(f"Source ({u.source_lang})")
            yield Input(u.source, id="unit-source", select_on_focus=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_save()

    def action_save(self) -> None:
        source = self.query_one("#unit-source", Input).value.strip()
        target = self.query_one("#unit-target", Input).value.strip()
        if not source or not target:
            self.notify("A unit needs a source and a target (delete it instead)", severity="warning")
            return
        self.dismiss((source, target))
