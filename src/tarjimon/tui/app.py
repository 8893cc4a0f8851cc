"""The Tarjimon app: opens a project's workbench (or the project picker) and holds app-wide things."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

from textual import events
from textual.app import App
from textual.binding import Binding

from tarjimon.core.errors import ProjectLocked
from tarjimon.core.workbench import Workbench, open_workbench
from tarjimon.core.workbench.lookups import hold_background_loads
from tarjimon.tui.commands import WorkbenchCommands
from tarjimon.tui.keys import alt_keys, install_alt_keys
from tarjimon.tui.plain import PlainNotify
from tarjimon.tui.workbench import WorkbenchScreen

install_alt_keys(alt_keys())  # Alt+1 (ESC 1) must reach the workbench as Alt+1, not as "¡"
KEYS_PAUSE = 0.3  # seconds without a key after which background loads (the spelling dictionaries) go on


class TarjimonApp(PlainNotify, App[None]):
    """The workbench app. Give it an open project, or a projects folder to pick one from."""

    CSS_PATH = "tarjimon.tcss"
    TITLE = "Tarjimon"
    COMMANDS = App.COMMANDS | {WorkbenchCommands}
    # Not a priority binding: in the workbench the editor handles Ctrl+Q after the letters typed before it.
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", show=False, id="app-quit")]
    ENABLE_COMMAND_PALETTE = True

    def __init__(
        self,
        project: Workbench | None = None,
        *,
        projects_dir: Path | None = None,
        read_only: bool = False,
        theme: str | None = None,
        glossaries_dir: Path | None = None,
    ) -> None:
        super().__init__()
        self.last_input_at = 0.0  # (monotonic) when the terminal last sent a key, before it is handled
        self.project = project
        self.glossaries_dir = glossaries_dir
        self.projects_dir = projects_dir
        self.read_only = read_only
        if theme:
            self.theme = theme
        elif project is not None:
            self.theme = str(project.config.settings.get("theme", "textual-dark"))

    def on_mount(self) -> None:
        self._watch_input()
        hold_background_loads(self.keys_coming)
        if self.project is not None:
            self.push_screen(self._workbench(self.project))
        else:
            self._pick(self.projects_dir or Path("projects"))

    def _pick(self, folder: Path, current: str | None = None) -> None:
        from tarjimon.tui.screens.picker import PickerScreen

        self.push_screen(PickerScreen(folder, current), self.open_picked)

    def on_unmount(self) -> None:
        hold_background_loads(None)

    def keys_coming(self) -> bool:
        """(Any thread.) Whether the translator is typing or moving: a key came less than KEYS_PAUSE ago."""
        return time.monotonic() - self.last_input_at < KEYS_PAUSE

    def post_message(self, message: Any) -> bool:
        if isinstance(message, events.Key):  # (keys posted to the app: tests, the Pilot)
            self.last_input_at = time.monotonic()
        return super().post_message(message)

    def _watch_input(self) -> None:
        """Note when a key is read from the terminal, in the driver's input thread: a key waiting behind a
        frame is known before its turn comes (the side panels' paint then waits: side_paint.py). Without
        the driver's hook (another driver, another Textual) only handled keys count."""
        driver = getattr(self, "_driver", None)
        process = getattr(driver, "process_message", None)
        if process is None:
            return

        def noted(message: Any) -> None:
            if isinstance(message, events.Key):
                self.last_input_at = time.monotonic()
            process(message)

        driver.process_message = noted  # type: ignore[union-attr]

    def open_picked(self, name: str | None) -> None:
        """The picker chose a project: lock it (read-only if it is open elsewhere) and edit it."""
        if not name:
            self.exit()
            return
        assert self.projects_dir is not None
        self.read_only = False
        try:
            project = open_workbench(self.projects_dir, name, glossaries_dir=self.glossaries_dir, lock=True)
        except ProjectLocked as exc:
            self.read_only = True
            self.notify(f"{exc}: opened read-only", severity="warning", timeout=8)
            project = open_workbench(self.projects_dir, name, glossaries_dir=self.glossaries_dir)
        self.project = project
        self.push_screen(self._workbench(project))

    def _workbench(self, project: Workbench) -> WorkbenchScreen:
        return WorkbenchScreen(project, self.read_only)

    async def back_to_projects(self, screen: WorkbenchScreen) -> None:
        """Ctrl+\\ in the workbench (its typed text saved and its cell remembered by then): close the project
        and show the project picker of its folder, that project highlighted; Enter opens it again or another one,
        Esc quits. The project is closed (its lock released) once the workbench's lookup worker has ended."""
        project = screen.project
        folder = self.projects_dir or project.folder.parent  # (`tarjimon open NAME` gave no folder: the project's)
        self.projects_dir = folder
        await self.pop_screen()  # (its workers are cancelled: the lookup loop ends within a lookup)
        await asyncio.to_thread(screen.lookups_idle.wait, 5.0)
        project.close()
        self.project = None
        self._pick(folder, project.name)

    async def action_quit(self) -> None:
        """Ctrl+Q anywhere: save every workbench's typed text as a draft, then quit."""
        for screen in self.screen_stack:
            if isinstance(screen, WorkbenchScreen):
                screen.save_draft()
                if not screen.ready_to_quit():
                    return
                screen.remember_cell()
        self.exit()

    def deliver_screenshot(
        self, filename: str | None = None, path: str | None = None, time_format: str | None = None
    ) -> str | None:
        """The palette's Screenshot: in a terminal, saved in the Downloads folder, or in the current folder when
        there is none (Textual's own said "Failed to save screenshot" there), and the notice says where."""
        if self.is_web:
            return super().deliver_screenshot(filename, path, time_format)
        if path is None:
            import platformdirs

            downloads = Path(platformdirs.user_downloads_dir())
            path = str(downloads if downloads.is_dir() else Path.cwd())
        try:
            saved = self.save_screenshot(filename, path, time_format)
        except OSError as exc:
            self.notify(f"Could not save the screenshot in {path}: {exc.strerror or exc}", severity="error")
            return None
        self.notify(f"Screenshot saved: {saved}", title="Screenshot", timeout=6)
        return None

    def watch_theme(self, theme: str) -> None:
        if (
            self.project is not None
            and not self.read_only
            and self.project.config.settings.get("theme") != theme
        ):
            self.project.set_setting("theme", theme)

