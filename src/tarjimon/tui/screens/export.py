"""The palette's "Export the translations": a file per document, as `tarjimon export` writes them, from the workbench.

A translator ends the job with the translated files (OmegaT's "Create translated documents", memoQ's export):
the target language (the one being edited first), the format (each document's own by default: a DOCX comes
back as a DOCX), the folder (the project's `export` folder unless changed), and whether drafts and untranslated
segments may go in (refused otherwise, as the CLI does). The export runs in a worker; what was written, or why
nothing was, is said in a notification.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select

FORMATS = [
    ("each document's own format", "original"),
    ("plain text (txt)", "txt"),
    ("Markdown (md)", "md"),
    ("Word (docx)", "docx"),
    ("OpenDocument (odt)", "odt"),
    ("XLIFF 1.2", "xliff"),
    ("XLIFF 2.0", "xliff2"),
    ("PO", "po"),
    ("TMX", "tmx"),
]


@dataclass(frozen=True)
class ExportRequest:
    """What the dialog answers: `tarjimon export`'s options."""

    lang: str
    fmt: str
    folder: Path
    include_drafts: bool = False
    fill_source: bool = False
    overwrite: bool = False


class ExportScreen(ModalScreen[ExportRequest | None]):
    """Answers an ExportRequest, or None when cancelled."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="cancel-export"),
        Binding("ctrl+s", "export", "Export", id="do-export"),
    ]

    def __init__(self, langs: list[str], lang: str, folder: Path) -> None:
        super().__init__()
        self.langs = langs
        self.lang = lang if lang in langs else langs[0]
        self.folder = folder

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box", classes="dialog") as box:
            box.border_title = "Export the translations"
            box.border_subtitle = "Enter or Ctrl+S exports · Esc cancels"
            with Horizontal(classes="row"):
                with Vertical():
                    yield Label("Target language")
                    yield Select([(lg, lg) for lg in self.langs], value=self.lang, allow_blank=False,
                                 id="export-lang", compact=True)  # fmt: skip
                with Vertical():
                    yield Label("Format")
                    yield Select(FORMATS, value="original", allow_blank=False, id="export-format", compact=True)
            yield Label("Into the folder")
            yield Input(str(self.folder), id="export-folder", compact=True)
            yield Label("What may go in besides confirmed targets")
            yield Checkbox("drafts as they are", id="export-drafts", compact=True)
            yield Checkbox("untranslated segments as their source", id="export-fill", compact=True)
            yield Checkbox("replace files that exist", id="export-overwrite", compact=True)
            with Horizontal(classes="buttons"):  # (compact: at 80x24 the dialog fits, buttons and all)
                yield Button("Export", variant="primary", id="export", compact=True)
                yield Button("Cancel", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#export-folder", Input).focus()

    def _request(self) -> ExportRequest | None:
        folder = self.query_one("#export-folder", Input).value.strip()
        if not folder:
            self.notify("Give the folder to export into", severity="warning")
            return None
        return ExportRequest(
            str(self.query_one("#export-lang", Select).value),
            str(self.query_one("#export-format", Select).value),
            Path(folder).expanduser(),
            self.query_one("#export-drafts", Checkbox).value,
            self.query_one("#export-fill", Checkbox).value,
            self.query_one("#export-overwrite", Checkbox).value,
        )

    def action_export(self) -> None:
        request = self._request()
        if request is not None:
            self.dismiss(request)

    def on_input_submitted(self) -> None:
        self.action_export()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "export":
            self.action_export()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
