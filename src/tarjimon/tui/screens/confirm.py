"""A yes/no question before something that cannot be taken back lightly (a TM unit, a document)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from tarjimon.tui.plain import plain


class ConfirmScreen(ModalScreen[bool]):
    """Answers True for Y (or the Yes button), False for N, Esc (or No)."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm-yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm-no"),
    ]

    def __init__(self, title: str, question: str, yes: str = "Yes") -> None:
        super().__init__()
        self.title_text = title
        self.question = question
        self.yes = yes

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box", classes="dialog") as box:
            box.border_title = self.title_text
            box.border_subtitle = "Y yes · N or Esc no"
            yield Static(plain(self.question), id="confirm-question")
            with Horizontal(classes="buttons"):
                yield Button(f"{self.yes} (Y)", variant="error", id="confirm-yes")
                yield Button("No (N)", id="confirm-no")

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
