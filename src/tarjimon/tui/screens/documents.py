"""The project's documents (palette: "Documents: remove a document…"): each with its progress; Delete (or D)
removes the highlighted one after a question. Its targets stay in the history, its units in the TM."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static

from tarjimon.core.errors import TarjimonError
from tarjimon.core.text.visible import visible
from tarjimon.core.workbench import Workbench
from tarjimon.core.workbench.documents import DocumentInfo, document_infos
from tarjimon.tui.screens.confirm import ConfirmScreen


def describe(n: int, info: DocumentInfo) -> Text:
    out = Text(f"{n:>2}  ")
    out.append(visible(info.document.name), style="bold")
    out.append(f"  {info.segments} segments  ", style="dim")
    for lang, c in info.languages.items():
        out.append(f"{lang} {c['translated'] + c['reviewed']}/{info.segments - c.get('unused_forms', 0)}  ", style="dim")
    return out


class DocumentsScreen(ModalScreen[bool]):
    """Answers whether a document was removed (the workbench then reloads its segments)."""

    BINDINGS = [
        Binding("escape", "close", "Close", id="close-documents"),
        Binding("delete,d", "remove", "Remove", id="remove-document"),
    ]

    def __init__(self, project: Workbench, read_only: bool = False) -> None:
        super().__init__()
        self.project = project
        self.read_only = read_only
        self.infos: list[DocumentInfo] = []
        self.removed = False

    def compose(self) -> ComposeResult:
        with Vertical(id="documents-box", classes="dialog") as box:
            box.border_title = f"Documents of {visible(self.project.name)}"
            box.border_subtitle = "Del/D removes the highlighted document · Esc closes"
            yield OptionList(id="documents-list")
            yield Static(Text("Removing a document keeps its targets in the history and its units in the TM.",
                              style="dim"))

    def on_mount(self) -> None:
        self.refresh_list()
        self.query_one(OptionList).focus()

    def refresh_list(self) -> None:
        self.infos = document_infos(self.project)
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options([describe(n, i) for n, i in enumerate(self.infos, 1)] or ["no documents"])
        options.highlighted = 0 if self.infos else None

    def action_remove(self) -> None:
        index = self.query_one(OptionList).highlighted
        if index is None or not self.infos:
            return
        if self.read_only:
            self.notify("Read-only: the project is open for editing elsewhere", severity="warning")
            return
        info = self.infos[index]
        done_targets = sum(c["translated"] + c["reviewed"] + c["draft"] for c in info.languages.values())

        def answer(yes: bool | None) -> None:
            if not yes:
                return
            try:
                removed = self.project.remove_document(info.document.id)
            except TarjimonError as exc:
                self.notify(str(exc), severity="error")
                return
            self.removed = True
            self.notify(f"Removed {removed.name}: {removed.segments} segments; {removed.targets_in_history} targets "
                        "kept in the history", timeout=5)
            self.refresh_list()

        question = (f"Remove {info.document.name} ({info.segments} segments, {done_targets} targets)?\n"
                    "Its targets stay in the history, its units in the TM.")
        self.app.push_screen(ConfirmScreen("Remove this document?", question, "Remove"), answer)

    def action_close(self) -> None:
        self.dismiss(self.removed)
