"""Ctrl+T: add a term to a glossary: pick the source term among the segment's words, give its translations.

The source segment is shown as words: ← → pick one, Shift+← Shift+→ stretch the pick, or just type the term.
The current target language is filled in from the editor's selection; the other languages can be given
too. The glossary is chosen among the project's own and the attached shared ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from tarjimon.tui.source_picker import SourcePicker


@dataclass(frozen=True)
class TermDraft:
    """What the dialog starts with: languages, known terms (the target's selected text), glossaries."""

    source_lang: str
    langs: list[str]
    terms: dict[str, str] = field(default_factory=dict)
    glossaries: list[str] = field(default_factory=list)
    source: str = ""
    covered: list[tuple[int, int]] = field(default_factory=list)  # glossary hits in `source`
    lang: str = ""  # the language being edited
    glossary: str = ""  # the glossary picked last time


class TermInput(Input):
    """An Input that keeps a burst of keys in order: "term", Tab, "термин", Enter arriving at once.

    Textual hands every key of a burst to the field focused when it came, and runs a key's binding (Tab's
    move, Backspace, Enter) only after the key has bubbled up to the app, so the letters after a Tab landed
    in the field before it and a Backspace deleted in the next field. Here each key is handled as it comes,
    bindings too, by the field that has the focus by then."""

    async def _on_key(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()
        focused = self.screen.focused
        if focused is self or focused is None:
            await self.take(event)
        elif isinstance(focused, TermInput):  # handled here and now, so the keys stay in their order
            await focused.take(events.Key(event.key, event.character))
        else:
            focused.post_message(events.Key(event.key, event.character))

    async def take(self, event: events.Key) -> None:
        """One key, in this field (which has the focus)."""
        if event.key in ("tab", "shift+tab"):
            (self.screen.focus_next if event.key == "tab" else self.screen.focus_previous)()
        elif event.is_printable:
            await super()._on_key(event)
        else:  # Enter, Backspace, Home, Escape...: this field's binding, else the dialog's (as Textual would)
            await self.app._check_bindings(event.key)


class AddTermScreen(ModalScreen[tuple[str, dict[str, str]] | None]):
    """Answers (glossary name, {lang: term}) or None when cancelled."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="cancel-term"),
        Binding("ctrl+s", "add", "Add the term", id="save-term"),
    ]

    def __init__(self, draft: TermDraft) -> None:
        super().__init__()
        self.draft = draft
        self._burst_field = 0  # the field the keys typed over the picker go to

    def compose(self) -> ComposeResult:
        draft = self.draft
        with Vertical(id="term-box", classes="dialog") as box:
            box.border_title = "Add a term to a glossary"
            box.border_subtitle = "Enter adds · Esc cancels"
            if draft.source:
                yield Static(
                    "Pick the term: ← → a word, Shift+← → more or fewer words, or type it",
                    classes="hint",
                )
                yield SourcePicker(draft.source, draft.covered, id="term-picker")
            for lang in [draft.source_lang, *draft.langs]:
                with Horizontal(classes="term-row"):
                    mark = "✎" if lang == draft.lang else " "
                    yield Label(f"{mark}{lang:>3}", classes="term-lang")
                    # Tab into a filled field keeps its text (the cursor at its end): typing adds to it.
                    yield TermInput(
                        draft.terms.get(lang, ""),
                        placeholder=f"term in {lang}",
                        id=f"term-{lang}",
                        select_on_focus=False,
                    )
            names = draft.glossaries or ["project"]
            chosen = (
                draft.glossary if draft.glossary in names else ("project" if "project" in names else names[0])
            )
            with Horizontal(classes="term-row"):
                yield Label(" in", classes="term-lang")
                yield Select(
                    [(_glossary_label(n), n) for n in names],
                    value=chosen,
                    allow_blank=False,
                    compact=True,
                    id="term-glossary",
                )
            with Horizontal(classes="buttons"):
                yield Button("Add", variant="primary", id="add", compact=True)
                yield Button("Cancel", id="cancel", compact=True)

    def on_mount(self) -> None:
        if self.draft.source:
            self.query_one(SourcePicker).focus()
            self._fill_source(self.query_one(SourcePicker).picked)
        else:
            self.query_one(f"#term-{self.draft.source_lang}", Input).focus()

    def _fill_source(self, text: str) -> None:
        self.query_one(f"#term-{self.draft.source_lang}", Input).value = text

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if isinstance(event.widget, Input):
            event.widget.cursor_position = len(event.widget.value)

    @on(SourcePicker.SpanPicked)
    def _picked(self, event: SourcePicker.SpanPicked) -> None:
        self._fill_source(event.text)

    @on(SourcePicker.Typed)
    def _typed(self, event: SourcePicker.Typed) -> None:
        """Typing over the picker writes the source term instead."""
        picker = self.query_one(SourcePicker)
        # The first letter replaces the picked words; letters typed in the same burst (they reach the picker
        # before the focus moves) follow it, in order: a Tab among them goes on to the next language's field,
        # a Backspace takes the last letter back.
        if picker.span != (0, 0):
            self._burst_field = 0
            self._field(0).value = ""
        picker.clear()
        if event.character == "\t":
            self._burst_field = min(self._burst_field + 1, len(self.draft.langs))
        field_ = self._field(self._burst_field)
        if event.character == "\b":
            field_.value = field_.value[:-1]
        elif event.character != "\t":
            field_.value += event.character
        field_.cursor_position = len(field_.value)
        field_.focus()

    def _field(self, index: int) -> Input:
        """The term field of the source language (0), then of each target language."""
        return self.query_one(f"#term-{[self.draft.source_lang, *self.draft.langs][index]}", Input)

    def _result(self) -> tuple[str, dict[str, str]] | None:
        terms = {
            lang: self.query_one(f"#term-{lang}", Input).value.strip()
            for lang in [self.draft.source_lang, *self.draft.langs]
        }
        glossary = self.query_one("#term-glossary", Select).value
        if not terms[self.draft.source_lang]:
            self.notify(f"A term needs its {self.draft.source_lang} form", severity="warning")
            self.query_one(f"#term-{self.draft.source_lang}", Input).focus()
            return None
        if not isinstance(glossary, str):
            self.notify("Choose a glossary", severity="warning")
            return None
        return glossary, {lang: term for lang, term in terms.items() if term}

    def action_add(self) -> None:
        result = self._result()
        if result is not None:
            self.dismiss(result)

    def on_input_submitted(self) -> None:
        self.action_add()

    @on(SourcePicker.Chosen)
    def _chosen(self) -> None:
        self.action_add()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "add":
            self.action_add()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)


def _glossary_label(name: str) -> str:
    return "project (this project's own glossary)" if name == "project" else f"{name} (shared)"
