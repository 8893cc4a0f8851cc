"""F1: every key of the workbench, from the same table as the bindings."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tarjimon.tui.keys import CONFIRM, EDIT, EDITOR_KEYS, FILL, FIND, KEYS, MOVE, VIEW, key_label


def help_rows() -> list[tuple[str, str]]:
    """(keys, what they do) as F1 lists them, by group; a group's heading has empty keys."""
    rows: list[tuple[str, str]] = []
    for group in (CONFIRM, MOVE, FILL, FIND, EDIT, VIEW):
        rows.append(("", group))
        for key in KEYS:
            if key.group != group or key.id.startswith("insert-match-"):
                continue
            rows.append((key_label(key.keys), key.description))
            if key.id == "next-match":
                rows.append(("Alt+1 … Alt+9", "Insert TM match 1-9 (where the terminal sends Alt)"))
    rows.append(("", "In the editor"))
    rows += EDITOR_KEYS
    rows.append(("", "In Add term (Ctrl+T)"))
    rows += [
        ("← / →", "Pick the previous / next source word (or click one)"),
        ("Shift+← / Shift+→", "Pick a word fewer / more (or Shift+click)"),
        ("Home / End", "Pick the first / last word"),
        ("a letter", "Type the source term instead"),
        ("Tab", "The next field (its text kept; the cursor at its end)"),
        ("Enter / Ctrl+S", "Add the term; it shows in the Glossary panel at once"),
        ("Esc", "Cancel"),
    ]
    rows.append(("", "In Split or join (Insert)"))
    rows += [
        ("← / → , Ctrl+← / Ctrl+→", "Move the split point by a letter / a word"),
        ("Tab / Shift+Tab", "The next / previous punctuation mark"),
        ("Enter", "Split here (the targets are cut at the matching mark, or kept whole in the first part)"),
        ("J", "Join with the next segment of the paragraph"),
        ("Esc", "Cancel"),
    ]
    rows.append(("", "In Find and replace (Ctrl+W)"))
    rows += [
        ("Enter", "Preview every change (segment, before → after); nothing is written yet"),
        ("Ctrl+S", "Replace all that the preview shows, in one step"),
        ("Ctrl+R", "Undo the last replace (targets edited since are kept, and named)"),
        ("Esc", "Close"),
    ]
    rows.append(("", "In Concordance (Ctrl+K)"))
    rows += [("↓ / ↑, Enter", "Choose a unit found; Enter puts its target into the editor")]
    return rows


def key_table() -> Table:
    table = Table(box=None, show_header=False, padding=(0, 2, 0, 0), expand=True)
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for keys, text in help_rows():
        if keys:
            table.add_row(keys, text)
        else:
            table.add_row("", "")
            table.add_row(Text(text, style="bold underline"), "")
    return table


class HelpScreen(ModalScreen[None]):
    """The key map."""

    BINDINGS = [Binding("escape,f1,q", "dismiss", "Close", id="close-help")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box", classes="dialog") as box:
            box.border_title = "Tarjimon keys"
            box.border_subtitle = "Esc closes"
            yield Static(
                "Enter confirms a target (● translated) and F9 marks it reviewed (✔); both go on to the next"
                " segment (Ctrl+O: to the next language of the same segment). Leaving a target unconfirmed keeps"
                " it as a draft (◐, saved every few seconds as well). Every action is also in the command"
                " palette (Ctrl+P). Alt keys are second keys: some terminals do not send Alt.",
                classes="help-intro",
            )
            yield Static(key_table())
