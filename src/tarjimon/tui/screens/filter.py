"""Ctrl+F: search and filter segments by text, status, QA findings and language."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select

from tarjimon.tui.navigation import STATUS_CHOICES, Filter


class FilterScreen(ModalScreen[Filter | None]):
    """Answers a Filter, or None when cancelled."""

    # Ctrl+S filters from anywhere in the dialog, as it saves in the other dialogs: Enter on a status or QA box
    # opens its list again, and the Filter button was five Tabs away.
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="cancel-filter"),
        Binding("ctrl+s", "apply", "Filter", id="apply-filter"),
    ]

    def __init__(self, current: Filter, langs: list[str]) -> None:
        super().__init__()
        self.current = current
        self.langs = langs

    def compose(self) -> ComposeResult:
        with Vertical(id="filter-box", classes="dialog") as box:
            box.border_title = "Search and filter segments"
            box.border_subtitle = "Enter in the text or Ctrl+S filters · Esc cancels"
            yield Label("Text (source or targets)")
            yield Input(self.current.text, placeholder="word or phrase", id="filter-text")
            with Horizontal(classes="row"):
                with Vertical():
                    yield Label("Status")
                    yield Select(
                        [(s, s) for s in STATUS_CHOICES],
                        value=self.current.status,
                        allow_blank=False,
                        id="filter-status",
                    )
                with Vertical():
                    yield Label("QA")
                    yield Select(
                        [("any", "any"), ("with findings", "findings")],
                        value="findings" if self.current.findings else "any",
                        allow_blank=False,
                        id="filter-qa",
                    )
                with Vertical():
                    yield Label("In")
                    options = [("any", "any"), ("source", "source")] + [(lg, lg) for lg in self.langs]
                    yield Select(options, value=self.current.lang, allow_blank=False, id="filter-lang")
            with Horizontal(classes="buttons"):
                yield Button("Filter", variant="primary", id="apply")
                yield Button("Show all", id="clear")
                yield Button("Cancel", id="cancel")

    def _filter(self) -> Filter:
        return Filter(
            self.query_one("#filter-text", Input).value,
            str(self.query_one("#filter-status", Select).value),
            str(self.query_one("#filter-lang", Select).value),
            self.query_one("#filter-qa", Select).value == "findings",
        )

    def on_input_submitted(self) -> None:
        self.dismiss(self._filter())

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "apply":
            self.dismiss(self._filter())
        elif event.button.id == "clear":
            self.dismiss(Filter())
        else:
            self.dismiss(None)

    def action_apply(self) -> None:
        self.dismiss(self._filter())

    def action_cancel(self) -> None:
        self.dismiss(None)
