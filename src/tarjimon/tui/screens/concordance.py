"""Ctrl+K: concordance search over the TM: units whose source or target contains the words."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tarjimon.core.workbench.lookups import Lookups
from tarjimon.tui.plain import signs


def render_hits(hits: list[Any], query: str, chosen: int = -1) -> Text:
    """Each unit's source and target, the searched words highlighted; the chosen unit (↓/↑) marked ▶."""
    if not hits:
        return Text(
            f"nothing in the TM contains “{query}”" if query else "type words and press Enter", style="dim"
        )
    out = Text()
    for n, hit in enumerate(hits):
        if n:
            out.append("\n")
        src = Text(hit.source)
        for start, end in getattr(hit, "source_spans", ()):
            src.stylize("bold reverse", start, end)
        tgt = Text(hit.target)
        for start, end in getattr(hit, "target_spans", ()):
            tgt.stylize("bold reverse", start, end)
        mark = "▶ " if n == chosen else "  "
        out.append(f"{mark}{hit.source_lang} ", style="bold" if n == chosen else "dim")
        out.append_text(src)
        out.append(f"\n{mark}{hit.target_lang} ", style="bold" if n == chosen else "dim")
        if n == chosen:
            tgt.stylize("underline")
        out.append_text(tgt)
        out.append("\n")
    return signs(out)  # (a TM unit's control characters: drawn as signs)


class ConcordanceScreen(ModalScreen[str | None]):
    """A search box and the TM units found; the search runs in a worker. ↓/↑ choose a unit and Enter
    answers its target (the workbench inserts it at the cursor); typing again starts a new search."""

    BINDINGS = [
        Binding("escape", "close", "Close", id="close-concordance"),
        Binding("down", "choose(1)", "Choose a unit", id="concordance-down"),
        Binding("up", "choose(-1)", show=False, id="concordance-up"),
    ]

    class Found(Message):
        def __init__(self, query: str, hits: list[Any]) -> None:
            super().__init__()
            self.query = query
            self.hits = hits

    def __init__(self, lookups: Lookups, lang: str | None, query: str = "") -> None:
        super().__init__()
        self.lookups = lookups
        self.lang = lang
        self.initial = query
        self.hits: list[Any] = []
        self.query_text = ""
        self.chosen = -1  # the unit ↓/↑ chose (-1: none; Enter searches)

    def compose(self) -> ComposeResult:
        with Vertical(id="concordance-box", classes="dialog") as box:
            box.border_title = f"Concordance · TM ({self.lang})"
            box.border_subtitle = "Enter searches · ↓↑ choose, Enter inserts the target · Esc closes"
            yield Input(self.initial, placeholder="words to find in the TM", id="concordance-query")
            with VerticalScroll(id="concordance-results"):
                yield Static(render_hits([], ""), id="concordance-hits")

    def on_mount(self) -> None:
        if self.initial:
            self.search(self.initial)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if 0 <= self.chosen < len(self.hits) and event.value == self.query_text:
            self.dismiss(self.hits[self.chosen].target)
            return
        self.search(event.value)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.value != self.query_text and self.chosen >= 0:
            self.chosen = -1
            self._show()

    def action_choose(self, delta: int) -> None:
        if not self.hits:
            return
        self.chosen = max(0, min(len(self.hits) - 1, self.chosen + delta))
        self._show()

    def action_close(self) -> None:
        self.dismiss(None)

    def _show(self) -> None:
        self.query_one("#concordance-hits", Static).update(render_hits(self.hits, self.query_text, self.chosen))

    @work(thread=True, exclusive=True)
    def search(self, query: str) -> None:
        try:
            hits = self.lookups.concordance(query, self.lang)
        except Exception as exc:  # shown, not raised
            self.app.call_from_thread(self.notify, f"Concordance failed: {exc}", severity="error")
            hits = []
        self.post_message(self.Found(query, hits))

    def on_concordance_screen_found(self, message: Found) -> None:
        self.hits, self.query_text, self.chosen = message.hits, message.query, -1
        self._show()
        found = len(message.hits)
        self.query_one(
            "#concordance-box"
        ).border_title = f"Concordance · TM ({self.lang}) · {found} unit{'' if found == 1 else 's'}"
