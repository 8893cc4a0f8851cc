"""F1: every key of the workbench, from the same table as the bindings."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tarjimon.tui.keys import KEYS, key_label


def key_table() -> Table:
    table = Table(box=None, show_header=False, padding=(0, 2, 0, 0), expand=True)
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for key in KEYS:
        if key.id.startswith("insert-match-"):
            continue
        label = key_label(key.keys)
        if key.id == "insert-match":
            label, text = "Alt+1 … Alt+9", "Insert TM match 1-9 (Ctrl+1…9 where the terminal sends it)"
        else:
            text = key.description
        table.add_row(label, text)
    table.add_row("Ctrl+Z / Ctrl+Y", "Undo / redo in the target")
    table.add_row("Ctrl+P", "Command palette: every action by name")
    table.add_row("Mouse", "Click a cell to edit it; wheel scrolls")
    table.add_row("", "")
    table.add_row("In Add term (Ctrl+T)", "")
    table.add_row("← / →", "Pick the previous / next source word (or click one)")
    table.add_row("Shift+← / Shift+→", "Pick a word fewer / more (or Shift+click)")
    table.add_row("Home / End", "Pick the first / last word")
    table.add_row("a letter", "Type the source term instead")
    table.add_row("Enter / Ctrl+S", "Add the term; it shows in the Glossary panel at once")
    table.add_row("Esc", "Cancel")
    return table


class HelpScreen(ModalScreen[None]):
    """The key map."""

    BINDINGS = [Binding("escape,f1,q", "dismiss", "Close", id="close-help")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box", classes="dialog") as box:
            box.border_title = "Tarjimon keys"
            box.border_subtitle = "Esc closes"
            yield Static(
                "Enter confirms a target and moves to the next segment; leaving a target unconfirmed keeps it"
                " as a draft (saved every few seconds as well). Status marks: ○ empty  ◐ draft  ● translated"
                "  ✔ reviewed.\n",
                classes="help-intro",
            )
            yield Static(key_table())
