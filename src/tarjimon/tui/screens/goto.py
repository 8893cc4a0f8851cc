"""Ctrl+G: go to segment number N of the current document, or to DOC #N (segments are numbered in their
document, as `tarjimon qa`, `segments list` and `history` number them)."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from tarjimon.core.segment_places import Place
from tarjimon.tui.plain import plain


def find_row(typed: str, places: list[Place], current: int) -> int | str:
    """The row (from 1, as the workbench counts rows) that `typed` names: "N" in the document of row `current`,
    "DOC #N" or "DOC N" in the document whose name starts with DOC (any case); else what is wrong, in words."""
    name, _, number = typed.strip().rpartition("#" if "#" in typed else " ")
    name, number = name.strip().casefold(), number.strip()
    if not number.isdigit():
        return f"no segment {typed.strip()}: type N, or DOC #N"
    docs = list(dict.fromkeys(p.document for p in places))
    if name:
        doc = next((d for d in docs if d.casefold() == name), None) or next(
            (d for d in docs if d.casefold().startswith(name)), None)
        if doc is None:
            return f"no document {name}: {', '.join(docs)}"
    else:
        doc = places[current - 1].document if 1 <= current <= len(places) else (docs[0] if docs else "")
    rows = [n for n, p in enumerate(places, 1) if p.document == doc]
    if not 1 <= int(number) <= len(rows):
        where = f" in {doc}" if len(docs) > 1 else ""
        return f"no segment {number}{where}: 1 to {len(rows)}"
    return rows[int(number) - 1]


class GotoScreen(ModalScreen[int | None]):
    """Answers a row number (1-based, in the workbench's rows) or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel-goto")]
    AUTO_FOCUS = "#goto-number"

    def __init__(self, places: list[Place], current: int) -> None:
        super().__init__()
        self.places = places
        self.current = current  # the current row (from 1)

    def compose(self) -> ComposeResult:
        with Vertical(id="goto-box", classes="dialog") as box:
            box.border_title = "Go to segment"
            box.border_subtitle = "Enter goes · Esc cancels"
            here = self.places[self.current - 1] if 1 <= self.current <= len(self.places) else Place("", 0)
            count = sum(p.document == here.document for p in self.places)
            where = f" in {here.document}" if here.several else ""
            yield Label(plain(f"Segment number{where} (1-{count}; now {here.index})"
                              + (", or DOC #N" if here.several else "")))
            yield Input(placeholder=str(here.index), id="goto-number")
            yield Label("", id="goto-message")

    def on_key(self, event: events.Key) -> None:
        """Keys typed right after Ctrl+G can reach the dialog before its field has the focus: they are
        the number all the same."""
        field = self.query_one("#goto-number", Input)
        if field.has_focus:
            return
        if event.character and event.character.isprintable():
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
        found = find_row(value, self.places, self.current)
        if isinstance(found, str):
            self.query_one("#goto-message", Label).update(plain(found))
            return
        self.dismiss(found)

    def action_cancel(self) -> None:
        self.dismiss(None)
