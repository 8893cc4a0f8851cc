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
from textual.message import Message
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static

from tarjimon.tui.source_picker import SourcePicker, typed_text


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


class DialogKey(Message, bubble=False):
    """A key or a paste for the dialog, in the dialog's one queue (see AddTermScreen)."""

    def __init__(self, event: events.Key | events.Paste) -> None:
        super().__init__()
        self.event = event


def _to_dialog(widget: Widget, message: Message) -> Message:
    """A key or a paste posted to one of the dialog's widgets becomes a DialogKey for the dialog."""
    if isinstance(message, (events.Key, events.Paste)):
        for node in widget.ancestors:
            if isinstance(node, AddTermScreen):
                return DialogKey(message)
    return message


class TermPicker(SourcePicker):
    """The word picker of the dialog: its keys go to the dialog's queue."""

    def post_message(self, message: Message) -> bool:
        routed = _to_dialog(self, message)
        if routed is not message:
            return self.screen.post_message(routed)
        return super().post_message(message)


class TermInput(Input):
    """A term field of the dialog: its keys go to the dialog's queue, which hands them back with `take`."""

    def post_message(self, message: Message) -> bool:
        routed = _to_dialog(self, message)
        if routed is not message:
            return self.screen.post_message(routed)
        return super().post_message(message)

    async def take(self, event: events.Key | events.Paste) -> None:
        """One key or paste, in this field (which has the focus)."""
        if isinstance(event, events.Paste):
            self._on_paste(event)
        elif event.key in ("tab", "shift+tab"):
            moved = (self.screen.focus_next if event.key == "tab" else self.screen.focus_previous)()
            if isinstance(moved, Input):  # Tab into a filled field: the cursor at its end, typing adds to it
                moved.cursor_position = len(moved.value)
        elif event.is_printable:
            await super()._on_key(event)
        else:  # Enter, Backspace, Home, Escape...: this field's binding, else the dialog's (as Textual would)
            await self.app._check_bindings(event.key)


class AddTermScreen(ModalScreen[tuple[str, dict[str, str]] | None]):
    """Answers (glossary name, {lang: term}) or None when cancelled.

    Every key of the word picker and of the term fields goes through one queue, the dialog's, and is handled
    there by what has the focus by then, the focus moving at once (not later, as `focus()` does). Textual
    hands a key to the widget focused when the key comes, each widget in its own queue, and runs a binding
    (Tab, Backspace, Enter) only once the key has bubbled up to the app: "term", Tab, "термин", Enter typed
    in one burst over the picker had its keys split between the picker's queue and the fields', and a letter
    handled late took the focus back, so the Kazakh went into the Uzbek field."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="cancel-term"),
        Binding("ctrl+s", "add", "Add the term", id="save-term"),
    ]

    def __init__(self, draft: TermDraft) -> None:
        super().__init__()
        self.draft = draft

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
                yield TermPicker(draft.source, draft.covered, on_pick=self._fill_source, id="term-picker")
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
        self.set_focus(self._first())
        if self.draft.source:
            self._fill_source(self.query_one(TermPicker).picked)

    def _first(self) -> Widget:
        return self.query_one(TermPicker) if self.draft.source else self._field(0)

    def post_message(self, message: Message) -> bool:
        if isinstance(message, (events.Key, events.Paste)) and self.focused is None:
            message = DialogKey(message)  # keys typed before the first field had the focus
        return super().post_message(message)

    async def on_dialog_key(self, message: DialogKey) -> None:
        """The dialog's one queue: each key handled, in order, by what has the focus now."""
        event = message.event
        focused = self.focused or self._first()
        if isinstance(focused, TermPicker):
            text = typed_text(event)
            if isinstance(event, events.Key) and event.key == "tab":
                # The pick is the source term: Tab goes on to the translation of the language being edited (✎),
                # not into the source field (the Kazakh typed after Tab went into the middle of the Uzbek term).
                target = self._target_field()
                self.set_focus(target)
                target.cursor_position = len(target.value)
                return
            if text is None:  # ← → Shift+← → Home End Enter on the words, or Shift+Tab, Esc: the bindings
                if isinstance(event, events.Key):
                    await self.app._check_bindings(event.key)
                return
            # Typing over the picker writes the source term instead: its first letter replaces the picked words.
            focused.clear()
            focused = self._field(0)
            focused.value = ""
            if isinstance(event, events.Paste):
                event = events.Paste(text)  # (a line break in a pasted term is a space)
        if self.focused is not focused:
            self.set_focus(focused)
        if isinstance(focused, TermInput):
            await focused.take(event)
        elif isinstance(event, events.Key):
            focused.post_message(events.Key(event.key, event.character))
        else:
            focused.post_message(events.Paste(event.text))

    def _fill_source(self, text: str) -> None:
        self._field(0).value = text

    def _target_field(self) -> TermInput:
        """The term field of the language being edited (✎), else of the first target language."""
        langs = self.draft.langs
        return self._field(1 + (langs.index(self.draft.lang) if self.draft.lang in langs else 0))

    def _field(self, index: int) -> TermInput:
        """The term field of the source language (0), then of each target language."""
        return self.query_one(f"#term-{[self.draft.source_lang, *self.draft.langs][index]}", TermInput)

    def _result(self) -> tuple[str, dict[str, str]] | None:
        terms = {
            lang: self.query_one(f"#term-{lang}", Input).value.strip()
            for lang in [self.draft.source_lang, *self.draft.langs]
        }
        glossary = self.query_one("#term-glossary", Select).value
        if not terms[self.draft.source_lang]:
            self.notify(f"A term needs its {self.draft.source_lang} form", severity="warning")
            self.set_focus(self._field(0))
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

    @on(TermPicker.Chosen)
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
