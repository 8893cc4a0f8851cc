"""The "ask" mode of repetitions: a confirmed sentence appears elsewhere with empty targets; fill them all,
choose which, or none. Enter on the focused "Fill all" fills all; Shift+Tab to the list, Space ticks, Enter
fills the ticked ones; Esc fills none. No letter answers: letters typed on after Enter must not choose."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, SelectionList


class RepetitionsScreen(ModalScreen[list[int]]):
    """Given (segment id, its number, where) of each repetition; answers the ids to fill ([] for none)."""

    BINDINGS = [Binding("escape", "none", "None", id="repetitions-none")]

    def __init__(self, text: str, lang: str, repeats: list[tuple[int, int, str]]) -> None:
        super().__init__()
        self.text = text
        self.lang = lang
        self.repeats = repeats

    def compose(self) -> ComposeResult:
        n = len(self.repeats)
        with Vertical(id="repetitions-box", classes="dialog") as box:
            box.border_title = f"Fill {n} repetition{'s' if n > 1 else ''}?"
            box.border_subtitle = "Enter fills all · Shift+Tab: Space ticks, Enter fills the ticked · Esc none"
            yield Label(f"The same sentence is {n} more time{'s' if n > 1 else ''} in the project with an empty "
                        f"{self.lang} target. Fill with: {self.text}")
            yield SelectionList[int](*[(f"{number:>4}  {where}", sid, False) for sid, number, where in self.repeats],
                                     id="repetitions-list")
            with Horizontal(classes="buttons"):
                yield Button("Fill all", id="repetitions-fill-all", variant="primary")
                yield Button("Fill ticked", id="repetitions-fill-chosen")
                yield Button("None (Esc)", id="repetitions-fill-none")

    def on_mount(self) -> None:
        self.query_one("#repetitions-fill-all", Button).focus()

    def on_key(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.key == "enter" and self.query_one(SelectionList).has_focus:
            event.stop()
            self.dismiss(list(self.query_one(SelectionList).selected))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "repetitions-fill-all":
            self.action_all()
        elif event.button.id == "repetitions-fill-chosen":
            self.dismiss(list(self.query_one(SelectionList).selected))
        else:
            self.action_none()

    def action_all(self) -> None:
        self.dismiss([sid for sid, _, _ in self.repeats])

    def action_none(self) -> None:
        self.dismiss([])
