"""Ctrl+F7 / Alt+E: change or delete a glossary term of the segment: the concept of one of its hits, as a
termbase entry: its terms per language (synonyms separated by " | ", preferred first), note, domain, status
(preferred, admitted, forbidden) and part of speech, prefilled (an empty field clears it; the file's other
columns are shown and kept as they are; a TBX entry's transactions, who made or changed it when, are shown
line by line); Ctrl+D deletes it after a question. With several hits, the one to
change is picked at the top (the glossary panel's numbers).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from tarjimon.core.models.glossary import synonym_cell
from tarjimon.core.workbench.glossaries import HISTORY_COLUMN, term_history_lines
from tarjimon.tui.plain import plain
from tarjimon.tui.screens.confirm import ConfirmScreen


@dataclass(frozen=True)
class TermChoice:
    """A hit of the segment and the concept it belongs to, as the glossary file has it."""

    number: int  # in the glossary panel
    glossary: str
    concept: Any  # tarjimon.core.models.glossary.Concept
    row: str | None  # the concept's line of the file when shown (an edit is refused if it changed)
    surface: str  # the words of the segment the hit covers

    @property
    def label(self) -> str:
        first = next((ts[0] for ts in self.concept.terms.values() if ts), "")
        return f"{self.number} {self.surface} · {first} ({self.glossary})"


#: The concept's fields the dialog edits besides its terms, as the glossary file names its columns.
FIELDS = ("note", "domain", "status", "pos")
STATUSES = ("preferred", "admitted", "forbidden")  # (models.glossary.STATUSES: the TUI reaches the core's
# models through the workbench only)

#: (what to do: "save" or "delete", the choice, {lang: "term | synonym"}, {field: value} of FIELDS)
TermEdit = tuple[str, TermChoice, dict[str, str], dict[str, str]]


class EditTermScreen(ModalScreen[TermEdit | None]):
    """Answers ("save", choice, terms, fields), ("delete", choice, {}, {}) or None when cancelled."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="cancel-edit-term"),
        Binding("ctrl+s", "save", "Save the term", id="save-edit-term"),
        Binding("ctrl+d", "delete", "Delete the term", id="delete-term", priority=True),  # (over Input's own)
    ]

    def __init__(self, choices: list[TermChoice], langs: list[str], first: int = 0) -> None:
        super().__init__()
        self.choices = choices
        self.choice = choices[first]
        seen = list(dict.fromkeys([*langs, *(lang for c in choices for lang in c.concept.terms)]))
        self.langs = seen

    def compose(self) -> ComposeResult:
        with Vertical(id="term-box", classes="dialog edit-term") as box:
            box.border_title = "Change a glossary term"
            box.border_subtitle = "Enter saves · Ctrl+D deletes · Esc cancels"
            if len(self.choices) > 1:
                with Horizontal(classes="term-row"):
                    yield Label("term", classes="term-lang")
                    yield Select(
                        [(c.label, i) for i, c in enumerate(self.choices)],
                        value=self.choices.index(self.choice),
                        allow_blank=False,
                        compact=True,
                        id="edit-term-choice",
                    )
            for lang in self.langs:
                with Horizontal(classes="term-row"):
                    yield Label(f"{lang:>4}", classes="term-lang")
                    yield Input(placeholder=f"terms in {lang} (synonyms: a | b)", id=f"edit-term-{lang}",
                                select_on_focus=False)  # fmt: skip
            with Horizontal(classes="term-row"):
                yield Label("note", classes="term-lang")
                yield Input(placeholder="note", id="edit-term-note", select_on_focus=False)
            with Horizontal(classes="term-row"):
                yield Label("domain", classes="term-lang")
                yield Input(placeholder="domain (homographs: one concept per domain)", id="edit-term-domain",
                            select_on_focus=False)  # fmt: skip
                yield Label("part of speech", classes="term-field")
                yield Input(placeholder="noun, verb…", id="edit-term-pos", select_on_focus=False)
            with Horizontal(classes="term-row"):
                yield Label("status", classes="term-lang")
                yield Select([(s, s) for s in STATUSES], prompt="status: none", compact=True, id="edit-term-status")
            yield Static("", id="edit-term-extra", classes="hint")
            with Horizontal(classes="buttons"):
                yield Button("Save", variant="primary", id="save", compact=True)
                yield Button("Delete", variant="error", id="delete", compact=True)
                yield Button("Cancel", id="cancel", compact=True)

    def on_mount(self) -> None:
        self._fill()
        self.query_one(f"#edit-term-{self.langs[0]}", Input).focus()

    def _fill(self) -> None:
        concept = self.choice.concept
        for lang in self.langs:
            self.query_one(f"#edit-term-{lang}", Input).value = synonym_cell(concept.terms.get(lang, ()))
        for name in ("note", "domain", "pos"):
            self.query_one(f"#edit-term-{name}", Input).value = getattr(concept, name, "") or ""
        status = self.query_one("#edit-term-status", Select)
        if concept.status in STATUSES:
            status.value = concept.status
        else:
            status.clear()
        extras = getattr(concept, "extra", ())
        history = term_history_lines(concept)  # a TBX's transactions: who made or changed it, when
        extra = "  ".join(f"{name}: {value}" for name, value in extras if value and name != HISTORY_COLUMN)
        lines = [f"history {line}" for line in history] + ([f"kept as they are: {extra}"] if extra else [])
        shown = self.query_one("#edit-term-extra", Static)
        shown.update(plain("\n".join(lines)))
        shown.display = bool(lines)

    @on(Select.Changed, "#edit-term-choice")
    def _chosen(self, event: Select.Changed) -> None:
        if isinstance(event.value, int) and self.choices[event.value] is not self.choice:
            self.choice = self.choices[event.value]
            self._fill()

    def _terms(self) -> dict[str, str]:
        return {lang: self.query_one(f"#edit-term-{lang}", Input).value for lang in self.langs}

    def _fields(self) -> dict[str, str]:
        fields = {name: self.query_one(f"#edit-term-{name}", Input).value for name in ("note", "domain", "pos")}
        status = self.query_one("#edit-term-status", Select).value
        fields["status"] = status if isinstance(status, str) else ""
        return fields

    def action_save(self) -> None:
        terms = self._terms()
        if not any(t.replace("|", " ").strip() for t in terms.values()):
            self.notify("A term needs at least one language (Ctrl+D deletes it)", severity="warning")
            return
        self.dismiss(("save", self.choice, terms, self._fields()))

    def action_delete(self) -> None:
        concept = self.choice.concept
        shown = " → ".join(ts[0] for ts in concept.terms.values() if ts)

        def answered(yes: bool | None) -> None:
            if yes:
                self.dismiss(("delete", self.choice, {}, {}))

        self.app.push_screen(
            ConfirmScreen("Delete a glossary term", f"Delete {shown} from glossary {self.choice.glossary}?",
                          "Delete"),  # fmt: skip
            answered,
        )

    def on_input_submitted(self) -> None:
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        elif event.button.id == "delete":
            self.action_delete()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
