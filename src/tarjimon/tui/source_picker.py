"""The source segment as words to pick a span from with the keys: the add-term dialog's source term.

← → move the span a word, Shift+← Shift+→ make it a word shorter or longer, a click picks the word under
the pointer. Words already in a glossary are underlined. The picked words are handed to `on_pick` as soon as
the span changes (in the same step as the key or click that changed it); the dialog puts them in the source
term field. The picker reads no typed letters itself: `typed_text` tells the dialog which keys write the term.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from tarjimon.core.text.words import counted_words


@dataclass(frozen=True)
class Word:
    start: int
    end: int


def words_of(text: str) -> list[Word]:
    """The words of a text as a translator counts them (IT-park, taʼlim, togʻ, 1,5: one each), with offsets."""
    return [Word(start, end) for start, end, _ in counted_words(text)]


def first_unknown_span(text: str, words: list[Word], covered: list[tuple[int, int]]) -> tuple[int, int]:
    """The first word (of three letters or more: not a number) that no glossary hit covers; else the first."""
    for i, w in enumerate(words):
        letters = sum(c.isalpha() for c in text[w.start : w.end])
        if letters > 2 and not any(s < w.end and w.start < e for s, e in covered):
            return (i, i + 1)
    return (0, 1) if words else (0, 0)


class SourcePicker(Widget, can_focus=True):
    """Shows `text` with the span of words [start, end) highlighted; keys move and stretch it."""

    BINDINGS = [
        Binding("left", "move(-1)", "Previous word", show=False, id="span-left"),
        Binding("right", "move(1)", "Next word", show=False, id="span-right"),
        Binding("shift+left", "stretch(-1)", "Span one word shorter", show=False, id="span-shorter"),
        Binding("shift+right", "stretch(1)", "Span one word longer", show=False, id="span-longer"),
        Binding("home", "edge(0)", "First word", show=False, id="span-home"),
        Binding("end", "edge(1)", "Last word", show=False, id="span-end"),
        Binding("enter", "choose", "Take these words", show=False, id="span-choose"),
    ]

    span: reactive[tuple[int, int]] = reactive((0, 0), init=False)  # (the dialog fills the field first)

    class Chosen(Message):
        """Enter: the picked words are the term."""

    def __init__(
        self,
        text: str,
        covered: list[tuple[int, int]] | None = None,
        *,
        on_pick: Callable[[str], None] | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.on_pick = on_pick
        self.text = text
        self.covered = list(covered or [])
        self.words = words_of(text)
        self.set_reactive(SourcePicker.span, first_unknown_span(text, self.words, self.covered))

    @property
    def picked(self) -> str:
        start, end = self.span
        if not self.words or start >= end:
            return ""
        return self.text[self.words[start].start : self.words[end - 1].end]

    def render(self) -> Text:
        out = Text(self.text)
        for s, e in self.covered:
            out.stylize("underline", s, e)
        start, end = self.span
        if self.words and start < end:
            style = "reverse bold" if self.has_focus else "bold underline"
            out.stylize(style, self.words[start].start, self.words[end - 1].end)
        return out

    def watch_span(self) -> None:
        if self.on_pick is not None:
            self.on_pick(self.picked)

    def _on_focus(self, event: events.Focus) -> None:
        self.refresh()

    def _on_blur(self, event: events.Blur) -> None:
        self.refresh()

    # ---- keys -----------------------------------------------------------------------------------
    def action_move(self, delta: int) -> None:
        start, end = self.span
        if not self.words:
            return
        size = max(1, end - start)
        start = max(0, min(len(self.words) - size, start + delta))
        self.span = (start, start + size)

    def action_stretch(self, delta: int) -> None:
        start, end = self.span
        end = max(start + 1, min(len(self.words), end + delta))
        self.span = (start, end)

    def clear(self) -> None:
        """No words picked (the translator typed the term): nothing is highlighted, nothing handed on."""
        self.set_reactive(SourcePicker.span, (0, 0))
        self.refresh()

    def action_choose(self) -> None:
        self.post_message(self.Chosen())

    def action_edge(self, last: int) -> None:
        if self.words:
            self.span = (len(self.words) - 1, len(self.words)) if last else (0, 1)

    def on_click(self, event: events.Click) -> None:
        """Pick the word under the pointer (Shift+click: stretch the span to it)."""
        offset = event.get_content_offset(self)
        if offset is None or not self.words:
            return
        lines = Text(self.text).wrap(self.app.console, max(1, self.content_region.width))
        at = 0
        for y, line in enumerate(lines):
            plain = line.plain
            found = self.text.find(plain.rstrip(), at) if plain.strip() else at
            if y == offset.y:
                char = found + offset.x
                for i, w in enumerate(self.words):
                    if w.start <= char < w.end or (char < w.start):
                        if event.shift:
                            start = self.span[0]
                            self.span = (min(start, i), max(start, i) + 1)
                        else:
                            self.span = (i, i + 1)
                        return
                return
            at = found + len(plain.rstrip())


def typed_text(event: events.Key | events.Paste) -> str | None:
    """What a key or a paste over the picker writes as the term (the translator types it rather than picks it):
    a letter (not a space: nothing is typed yet), or the pasted text on one line; None for the other keys."""
    if isinstance(event, events.Paste):
        return " ".join(event.text.split()) or None
    if event.is_printable and event.character and not event.character.isspace():
        return event.character
    return None
