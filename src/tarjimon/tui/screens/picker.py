"""`tarjimon open` without a name: pick a project (with its progress per language), create one, import into one.

Enter on a project opens it. The create form checks the name and the language codes as they are typed and
says what is wrong under the form; an import says how many segments came in, or the one-line error.
Counting progress opens each project's database, so it runs in a worker and fills the list in when done.
"""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from tarjimon.core.config import ProjectConfig, check_name, list_projects
from tarjimon.core.errors import TarjimonError
from tarjimon.core.langs import display_name, normalize, parse_list
from tarjimon.core.text.visible import visible
from tarjimon.core.workbench import Workbench, open_workbench
from tarjimon.tui.plain import plain

BAR = 10


def progress_line(cfg: ProjectConfig, stats: dict[str, Any] | None) -> Text:
    """`seed  uz → kk, ru, en  35 segments` and, once counted, a bar per target language."""
    out = Text()
    out.append(f"{visible(cfg.name):<16}", style="bold")
    out.append(visible(f" {cfg.source} → {', '.join(cfg.targets)}"), style="dim")
    if stats is None:
        out.append("\n   counting…", style="dim italic")
        return out
    if "error" in stats:
        out.append(f"\n   {stats['error']}", style="red")
        return out
    out.append(f"   {stats.get('segments', 0)} segments · {stats.get('words', 0)} words", style="dim")
    out.append("\n  ")
    for lang in cfg.targets:
        pct = float(stats.get("languages", {}).get(lang, {}).get("progress", 0.0))
        done = round(BAR * pct / 100)
        out.append(f" {lang} ", style="bold")
        out.append("━" * done, style="green")
        out.append("━" * (BAR - done), style="grey35")
        out.append(f" {pct:>3.0f}% ", style="green" if pct >= 100 else "")
    return out


def check_new(name: str, source: str, targets: str) -> str:
    """What is wrong with a new project's fields, in a line ("" when nothing is)."""
    if not name:
        return "Give the new project a name"
    try:
        check_name(name)
    except TarjimonError as exc:
        return str(exc)
    try:
        src = normalize(source)
        langs = parse_list(targets)
    except TarjimonError as exc:
        return f"{exc}: use codes like uz, kk, ru, en"
    if not langs:
        return "Give at least one target language (e.g. kk,ru,en)"
    if src in langs:
        return f"The source ({src}) cannot be a target too"
    return ""


class PickerScreen(Screen[str | None]):
    """Answers the name of the project to open, or None to quit."""

    BINDINGS = [Binding("escape,ctrl+q", "quit_picker", "Quit", id="quit-picker")]

    def __init__(self, projects_dir: Path, current: str | None = None) -> None:
        super().__init__()
        self.projects_dir = projects_dir
        self.current = current  # the project the translator came back from (highlighted)
        self.configs: list[ProjectConfig] = []
        self.stats: dict[str, dict[str, Any]] = {}
        self._just_created = ""  # the project the create form made last

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="picker-box", classes="dialog") as box:
            box.border_title = "Projects"
            box.border_subtitle = str(self.projects_dir)
            yield Static("Open a project: ↑ ↓ choose, Enter opens", classes="hint")
            yield OptionList(id="picker-list")
            yield Label("New project", classes="section")
            with Horizontal(classes="row"):
                with Vertical():
                    yield Static("name", classes="hint")
                    yield Input(placeholder="e.g. kazinform-january", id="new-name", compact=True)
                with Vertical(classes="narrow"):
                    yield Static("source", classes="hint")
                    yield Input("uz", placeholder="uz", id="new-source", compact=True)
                with Vertical():
                    yield Static("targets", classes="hint")
                    yield Input("kk,ru,en", placeholder="kk,ru,en (commas)", id="new-targets", compact=True)
                yield Button("Create", id="create", compact=True, classes="under-hint")
            yield Static("", id="create-message", classes="message")
            yield Label("Import files into the highlighted project", classes="section")
            with Horizontal(classes="row"):
                yield Input(
                    placeholder="/path/to/article.txt (several: separated by spaces)",
                    id="import-files",
                    compact=True,
                )
                yield Button("Import", id="import", compact=True)
            yield Static("", id="import-message", classes="message")
            with Horizontal(classes="buttons"):
                yield Button("Open", variant="primary", id="open", compact=True)
                yield Button("Quit", id="quit", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "pick a project"
        self.reload(self.current)

    # ---- the list -------------------------------------------------------------------------------
    def reload(self, select: str | None = None) -> None:
        self.configs = list_projects(self.projects_dir)
        options = self.query_one(OptionList)
        options.clear_options()
        for cfg in self.configs:
            options.add_option(Option(progress_line(cfg, self.stats.get(cfg.name)), id=cfg.name))
        if self.configs:
            names = [c.name for c in self.configs]
            options.highlighted = names.index(select) if select in names else 0
            options.focus()
        else:
            options.add_option(
                Option(Text("no projects yet: create one below", style="dim italic"), disabled=True)
            )
            self.query_one("#new-name", Input).focus()
        self._count([c.name for c in self.configs if c.name not in self.stats])

    @work(thread=True, exclusive=True, group="picker-stats")
    def _count(self, names: list[str]) -> None:
        for name in names:
            try:
                with open_workbench(self.projects_dir, name) as project:
                    stats = project.stats()
            except Exception as exc:  # a broken project is shown as such, not a crash
                stats = {"error": str(exc).splitlines()[0] if str(exc) else type(exc).__name__}
            self.app.call_from_thread(self._counted, name, stats)

    def _counted(self, name: str, stats: dict[str, Any]) -> None:
        self.stats[name] = stats
        options = self.query_one(OptionList)
        for cfg in self.configs:
            if cfg.name == name:
                options.replace_option_prompt(name, progress_line(cfg, stats))

    def _highlighted(self) -> str | None:
        options = self.query_one(OptionList)
        if options.highlighted is None or not self.configs:
            return None
        return options.get_option_at_index(options.highlighted).id

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.dismiss(event.option.id)

    # ---- create ---------------------------------------------------------------------------------
    def _fields(self) -> tuple[str, str, str]:
        return (
            self.query_one("#new-name", Input).value.strip(),
            self.query_one("#new-source", Input).value.strip(),
            self.query_one("#new-targets", Input).value.strip(),
        )

    def _say(self, where: str, text: str, ok: bool) -> None:
        message = self.query_one(f"#{where}-message", Static)
        message.update(plain(text))
        message.set_class(not ok and bool(text), "-error")
        message.set_class(ok and bool(text), "-ok")

    @on(Input.Changed, "#new-name, #new-source, #new-targets")
    def _check(self) -> None:
        name, source, targets = self._fields()
        problem = check_new(name, source, targets) if name else ""
        if not problem and name and any(c.name == name for c in self.configs):
            problem = f"A project named {name} exists already"
        if not problem and name:
            langs = ", ".join(display_name(t) for t in parse_list(targets))
            self._say("create", f"{display_name(source)} → {langs}", True)
        else:
            self._say("create", problem, False)

    def create(self) -> None:
        name, source, targets = self._fields()
        problem = check_new(name, source, targets)
        if problem:
            self._say("create", problem, False)
            return
        try:
            Workbench.create(self.projects_dir, name, normalize(source), parse_list(targets)).close()
        except TarjimonError as exc:
            self._say("create", str(exc), False)
            return
        self.query_one("#new-name", Input).value = ""
        self._just_created = name
        self.reload(select=name)
        # What comes next is an article to translate: the import field has the focus (the list had it, and a
        # path typed went nowhere); Enter with no path opens the new, empty project.
        self.query_one("#import-files", Input).focus()
        self._say("create", f"Created {name}: type the path of a file to import into it, or Enter to open it", True)

    # ---- import ---------------------------------------------------------------------------------
    def import_files(self) -> None:
        name = self._highlighted()
        paths = typed_paths(self.query_one("#import-files", Input).value)
        if not name:
            self._say("import", "Create or highlight a project first", False)
        elif not paths and self._just_created == name:
            self.dismiss(name)  # (Enter after creating it, no file named: open it)
        elif not paths:
            self._say("import", "Give the path of a file to import", False)
        else:
            self._say("import", f"Importing into {name}…", True)
            self._import(name, paths)

    @work(thread=True, exclusive=True, group="picker-import")
    def _import(self, name: str, paths: list[str]) -> None:
        done: list[str] = []
        try:
            with open_workbench(self.projects_dir, name) as project:
                for report in project.import_files(paths):
                    done.append(f"{Path(str(report.document)).name}: {report.segments} segments")
        except Exception as exc:
            error = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            self.app.call_from_thread(self._imported, name, done, error)
            return
        self.app.call_from_thread(self._imported, name, done, "")

    def _imported(self, name: str, done: list[str], error: str) -> None:
        text = "; ".join(done)
        if error:
            self._say("import", (text + "; " if text else "") + f"not imported: {error}", False)
        else:
            self._say("import", f"Imported into {name}: {text}", True)
            self.query_one("#import-files", Input).value = ""
        self.stats.pop(name, None)
        self.reload(select=name)

    # ---- buttons and keys -----------------------------------------------------------------------
    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "open" and self._highlighted():
            self.dismiss(self._highlighted())
        elif event.button.id == "create":
            self.create()
        elif event.button.id == "import":
            self.import_files()
        elif event.button.id == "quit":
            self.dismiss(None)

    @on(Input.Submitted, "#new-name, #new-source, #new-targets")
    def _submit_create(self) -> None:
        self.create()

    @on(Input.Submitted, "#import-files")
    def _submit_import(self) -> None:
        self.import_files()

    def action_quit_picker(self) -> None:
        self.dismiss(None)


def typed_paths(value: str) -> list[str]:
    """The files named in the import field: one existing file's path as it is (spaces and all: "Kazinform
    maqola.docx"), else the shell's words, so that a path in quotes or with backslashes (as a terminal pastes
    a file dropped on it) stays one path; else the words between spaces. ~ is the home folder."""
    value = value.strip()
    if value and Path(value).expanduser().is_file():
        return [str(Path(value).expanduser())]
    try:
        words = shlex.split(value)
    except ValueError:  # an unclosed quote
        words = value.split()
    return [str(Path(w).expanduser()) for w in words]
