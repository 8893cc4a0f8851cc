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


def render_hits(hits: list[Any], query: str) -> Text:
    """Each unit's source and target, the searched words highlighted."""
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
        out.append(f"{hit.source_lang} ", style="dim")
        out.append_text(src)
        out.append(f"\n{hit.target_lang} ", style="dim")
        out.append_text(tgt)
        out.append("\n")
    return out


class ConcordanceScreen(ModalScreen[None]):
    """A search box and the TM units found; the search runs in a worker."""

    BINDINGS = [Binding("escape", "dismiss", "Close", id="close-concordance")]

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

    def compose(self) -> ComposeResult:
        with Vertical(id="concordance-box", classes="dialog") as box:
            box.border_title = f"Concordance · TM ({self.lang})"
            box.border_subtitle = "Enter searches · Esc closes"
            yield Input(self.initial, placeholder="words to find in the TM", id="concordance-query")
            with VerticalScroll(id="concordance-results"):
                yield Static(render_hits([], ""), id="concordance-hits")

    def on_mount(self) -> None:
        if self.initial:
            self.search(self.initial)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.search(event.value)

    @work(thread=True, exclusive=True)
    def search(self, query: str) -> None:
        try:
            hits = self.lookups.concordance(query, self.lang)
        except Exception as exc:  # shown, not raised
            self.app.call_from_thread(self.notify, f"Concordance failed: {exc}", severity="error")
            hits = []
        self.post_message(self.Found(query, hits))

    def on_concordance_screen_found(self, message: Found) -> None:
        self.query_one("#concordance-hits", Static).update(render_hits(message.hits, message.query))
        self.query_one(
            "#concordance-box"
        ).border_title = f"Concordance · TM ({self.lang}) · {len(message.hits)} units"
