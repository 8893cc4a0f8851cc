"""Insert (or Alt+S): split the current segment at a point of its source, or join it with the next one.

Keyboard first: the source is shown with a split point (the reverse-video character starts the second part);
←/→ move it by a letter, Ctrl+←/→ by a word, Tab / Shift+Tab jump to the next / previous punctuation mark,
Enter splits there, J joins with the next segment (when it is in the same paragraph), Esc cancels.
"""

from __future__ import annotations

import re

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from tarjimon.tui.plain import signs

_MARK = re.compile(r"[.!?…;:,—][”»\"'’)\]]*\s+")
_END = re.compile(r"[.!?…][”»\"'’)\]]*\s+")  # a sentence's end, and the quotes and brackets closing it
_WORD = re.compile(r"\s+(?=\S)")


def split_points(source: str) -> list[int]:
    """Where a split after a punctuation mark starts its second part."""
    return [m.end() for m in _MARK.finditer(source) if m.end() < len(source)]


def first_point(source: str) -> int:
    """The split point offered first: after the first sentence when the segment holds more than one (the
    usual reason to split: two sentences a join or the segmenter left together), else after the first
    punctuation mark, else at the word nearest the middle."""
    ends = [m.end() for m in _END.finditer(source) if m.end() < len(source)]
    if ends:
        return ends[0]
    marks = split_points(source)
    if marks:
        return marks[0]
    words = [m.end() for m in _WORD.finditer(source)]
    return min(words, key=lambda w: abs(w - len(source) // 2)) if words else max(1, len(source) // 2)


class SplitJoinScreen(ModalScreen[tuple[str, int] | None]):
    """Answers ("split", offset), ("join", 0), or None when cancelled."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="cancel-split"),
        Binding("enter", "split", "Split here", id="split-here"),
        Binding("j", "join", "Join with next", id="join-next"),
        Binding("left", "move(-1)", show=False),
        Binding("right", "move(1)", show=False),
        Binding("ctrl+left", "word(-1)", show=False),
        Binding("ctrl+right", "word(1)", show=False),
        Binding("tab", "mark(1)", show=False),
        Binding("shift+tab", "mark(-1)", show=False),
        Binding("home", "edge(0)", show=False),
        Binding("end", "edge(1)", show=False),
    ]

    def __init__(self, number: int, source: str, next_source: str | None) -> None:
        super().__init__()
        self.number = number
        self.source = source
        self.next_source = next_source
        self.at = first_point(source)

    def compose(self) -> ComposeResult:
        with Vertical(id="split-box", classes="dialog") as box:
            box.border_title = f"Split or join segment {self.number}"
            box.border_subtitle = "←→ move · Tab next mark · Enter splits · J joins · Esc"
            yield Label("The split point (highlighted) starts the second part:")
            yield Static(id="split-source")
            yield Static(id="split-parts")
            if self.next_source is None:
                yield Static("No next segment in this paragraph: J cannot join.", id="split-next")
            else:
                yield Static(Text.assemble(("J joins it with the next: ", "bold"), (self.next_source, "dim")),
                             id="split-next")

    def on_mount(self) -> None:
        self._show()

    def _show(self) -> None:
        text = Text(self.source)
        text.stylize("reverse bold", self.at, self.at + 1)
        self.query_one("#split-source", Static).update(signs(text))  # (control characters as signs)
        head, tail = self.source[: self.at].rstrip(), self.source[self.at :].lstrip()
        parts = Text.assemble(("1 ", "bold"), head, "\n", ("2 ", "bold"), tail)
        self.query_one("#split-parts", Static).update(parts)

    def _set(self, at: int) -> None:
        self.at = max(1, min(len(self.source) - 1, at))
        self._show()

    def action_move(self, delta: int) -> None:
        self._set(self.at + delta)

    def action_word(self, delta: int) -> None:
        words = [m.end() for m in _WORD.finditer(self.source)]
        found = [w for w in words if (w > self.at if delta > 0 else w < self.at)]
        if found:
            self._set(found[0] if delta > 0 else found[-1])

    def action_mark(self, delta: int) -> None:
        marks = split_points(self.source)
        found = [m for m in marks if (m > self.at if delta > 0 else m < self.at)]
        if found:
            self._set(found[0] if delta > 0 else found[-1])
        elif marks:  # round again
            self._set(marks[0] if delta > 0 else marks[-1])

    def action_edge(self, end: int) -> None:
        self._set(len(self.source) - 1 if end else 1)

    def action_split(self) -> None:
        if not self.source[: self.at].strip() or not self.source[self.at :].strip():
            self.notify("Both parts need text: move the split point", severity="warning", timeout=3)
            return
        self.dismiss(("split", self.at))

    def action_join(self) -> None:
        if self.next_source is None:
            self.notify("Nothing to join with: the next segment starts another paragraph", severity="warning",
                        timeout=3)
            return
        self.dismiss(("join", 0))

    def action_cancel(self) -> None:
        self.dismiss(None)
