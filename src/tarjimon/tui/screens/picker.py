"""`tarjimon open` without a name: pick a project, create one, or import files into one."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, Label, OptionList
from textual.widgets.option_list import Option

from tarjimon.core.config import list_projects
from tarjimon.core.errors import TarjimonError
from tarjimon.core.project import Project


class PickerScreen(Screen[str | None]):
    """Answers the name of the project to open, or None to quit."""

    BINDINGS = [Binding("escape,ctrl+q", "quit_picker", "Quit", id="quit-picker")]

    def __init__(self, projects_dir: Path) -> None:
        super().__init__()
        self.projects_dir = projects_dir

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="picker-box", classes="dialog"):
            yield Label(f"Projects in {self.projects_dir}  (Enter opens)")
            yield OptionList(id="picker-list")
            yield Label("New project: name, source language, target languages")
            with Horizontal(classes="row"):
                yield Input(placeholder="name", id="new-name")
                yield Input("uz", placeholder="source", id="new-source")
                yield Input("kk,ru,en", placeholder="targets", id="new-targets")
            yield Label("Import files into the highlighted project (paths separated by spaces)")
            yield Input(placeholder="/path/to/article.txt", id="import-files")
            with Horizontal(classes="buttons"):
                yield Button("Create", id="create")
                yield Button("Import", id="import")
                yield Button("Open", variant="primary", id="open")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "pick a project"
        self.reload()

    def reload(self, select: str | None = None) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        configs = list_projects(self.projects_dir)
        for cfg in configs:
            options.add_option(Option(f"{cfg.name}   {cfg.source} → {', '.join(cfg.targets)}", id=cfg.name))
        if configs:
            names = [c.name for c in configs]
            options.highlighted = names.index(select) if select in names else 0
            options.focus()
        else:
            self.query_one("#new-name", Input).focus()

    def _highlighted(self) -> str | None:
        options = self.query_one(OptionList)
        if options.highlighted is None:
            return None
        return options.get_option_at_index(options.highlighted).id

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        try:
            if event.button.id == "open" and self._highlighted():
                self.dismiss(self._highlighted())
            elif event.button.id == "create":
                self.create()
            elif event.button.id == "import":
                self.import_files()
        except TarjimonError as exc:
            self.notify(str(exc), severity="error")

    def create(self) -> None:
        name = self.query_one("#new-name", Input).value.strip()
        source = self.query_one("#new-source", Input).value.strip()
        targets = [t.strip() for t in self.query_one("#new-targets", Input).value.split(",") if t.strip()]
        Project.create(self.projects_dir, name, source, targets).close()
        self.notify(f"Created {name}")
        self.reload(select=name)

    def import_files(self) -> None:
        name = self._highlighted()
        paths = self.query_one("#import-files", Input).value.split()
        if not name or not paths:
            self.notify("Highlight a project and give files to import", severity="warning")
            return
        with Project.open(self.projects_dir, name) as project:
            for path in paths:
                report = project.import_file(path)
                self.notify(f"{report.document}: {report.segments} segments")
        self.query_one("#import-files", Input).value = ""

    def action_quit_picker(self) -> None:
        self.dismiss(None)
