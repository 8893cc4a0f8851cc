"""Ctrl+T: add a term to a glossary: the term in the source language and its translations."""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static


@dataclass(frozen=True)
class TermDraft:
    """What the dialog starts with: languages, known terms (the target's selected text), glossaries."""

    source_lang: str
    langs: list[str]
    terms: dict[str, str] = field(default_factory=dict)
    glossaries: list[str] = field(default_factory=list)
    source: str = ""


class AddTermScreen(ModalScreen[tuple[str, dict[str, str]] | None]):
    """Answers (glossary name, {lang: term}) or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel-term")]

    def __init__(self, draft: TermDraft) -> None:
        super().__init__()
        self.draft = draft

    def compose(self) -> ComposeResult:
        with Vertical(id="term-box", classes="dialog") as box:
            box.border_title = "Add a term to a glossary"
            if self.draft.source:
                yield Static(self.draft.source, classes="term-source")
            for lang in [self.draft.source_lang, *self.draft.langs]:
                with Horizontal(classes="term-row"):
                    yield Label(f"{lang:>3}", classes="term-lang")
                    yield Input(
                        self.draft.terms.get(lang, ""), placeholder=f"term in {lang}", id=f"term-{lang}"
                    )
            with Horizontal(classes="term-row"):
                yield Label("in", classes="term-lang")
                default = self.draft.glossaries[0] if self.draft.glossaries else "project"
                yield Input(default, placeholder="glossary name", id="term-glossary", compact=True)
            if self.draft.glossaries:
                yield Static(
                    "Glossaries of this project: " + ", ".join(self.draft.glossaries), classes="hint"
                )
            with Horizontal(classes="buttons"):
                yield Button("Add", variant="primary", id="add")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one(f"#term-{self.draft.source_lang}", Input).focus()

    def _result(self) -> tuple[str, dict[str, str]] | None:
        terms = {
            lang: self.query_one(f"#term-{lang}", Input).value.strip()
            for lang in [self.draft.source_lang, *self.draft.langs]
        }
        glossary = self.query_one("#term-glossary", Input).value.strip()
        if not terms[self.draft.source_lang] or not glossary:
            self.notify("A term needs its source-language form and a glossary", severity="warning")
            return None
        return glossary, {lang: term for lang, term in terms.items() if term}

    def _add(self) -> None:
        result = self._result()
        if result is not None:
            self.dismiss(result)

    def on_input_submitted(self) -> None:
        self._add()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "add":
            self._add()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
