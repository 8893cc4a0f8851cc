"""The demo project in a tmux terminal, with its database beside it: what the key tests drive."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path

from tmux_driver import Terminal

from tarjimon.core.workbench import Workbench
from tarjimon.core.workbench.lookups import LookupRequest

TITLE = re.compile(r"✎ (\w+) · segment (\d+) · (\S) (\w+)")


def eventually(check: Callable[[], bool], what: str, timeout: float = 10.0) -> None:
    limit = time.monotonic() + timeout
    while time.monotonic() < limit:
        if check():
            return
        time.sleep(0.05)
    raise AssertionError(what)


class Session:
    """The demo in a terminal, with the project's database beside it."""

    def __init__(self, projects: Path, size: tuple[int, int]) -> None:
        self.projects = projects
        self.glossaries = projects.parent / "glossaries"
        self.term = Terminal.tarjimon(projects, "open", "demo", size=size, cwd=projects.parent)
        self.wide = size[0] >= 130
        self.term.wait_for(TITLE.pattern.join(["re:", ""]))
        self.wait_lookups()

    # ---- reading --------------------------------------------------------------------------------
    def title(self) -> tuple[str, int, str]:
        found = TITLE.search(self.term.screen())
        assert found, self.term.screen()
        return found.group(1), int(found.group(2)), found.group(4)

    def wait_at(self, number: int, lang: str | None = None) -> None:
        def ok() -> bool:
            found = TITLE.search(self.term.screen())
            return bool(found) and int(found.group(2)) == number and lang in (None, found.group(1))

        eventually(ok, f"not at segment {number} {lang or ''}:\n{self.term.screen()}")

    def project(self) -> Workbench:
        return Workbench.open(self.projects, "demo", glossaries_dir=self.glossaries)

    def target(self, number: int, lang: str) -> tuple[str, str]:
        project = self.project()
        try:
            saved = project.translation(project.segments()[number - 1].id, lang)
            return saved.text, saved.status
        finally:
            project.close()

    def saved(self, number: int, lang: str, text: str | None = None, status: str | None = None) -> None:
        """The database holds this target (waits: Ctrl+S and the autosave commit from the app's thread)."""

        def ok() -> bool:
            got = self.target(number, lang)
            return (text is None or got[0] == text) and (status is None or got[1] == status)

        eventually(ok, f"segment {number} {lang}: {self.target(number, lang)} != {(text, status)}")

    def setting(self, name: str) -> object:
        project = self.project()
        try:
            return project.config.settings.get(name)
        finally:
            project.close()

    def wait_lookups(self) -> None:
        time.sleep(0.6)  # the lookup thread answers within a few ms; the panels show it at the next frame

    # ---- acting ---------------------------------------------------------------------------------
    def press(self, *keys: str) -> None:
        self.term.press(*keys)

    def goto(self, number: int, lang: str) -> None:
        """Ctrl+G, the number, Enter; then Tab / Shift+Tab to the language."""
        self.press("ctrl+g")
        self.term.wait_for("Go to segment")
        time.sleep(0.1)
        self.term.type(str(number))
        self.press("enter")
        self.term.wait_gone("Go to segment")
        self.wait_at(number)
        langs = ["kk", "ru", "en"]
        for _ in range(6):
            now = self.title()
            if now[:2] == (lang, number):
                break
            self.press("tab" if langs.index(lang) > langs.index(now[0]) else "shift+tab")
            limit = time.monotonic() + 3
            while self.title()[:2] == now[:2] and time.monotonic() < limit:
                time.sleep(0.05)
        self.wait_at(number, lang)
        self.wait_lookups()

    def draft(self, text: str | None = None) -> str:
        """Ctrl+S, then the current target as the database has it."""
        lang, number, _ = self.title()
        self.press("ctrl+s")
        if text is not None:
            self.saved(number, lang, text)
        time.sleep(0.2)
        return self.target(number, lang)[0]


def tm_targets(session: Session, number: int, lang: str) -> list[str]:
    """The matches the app shows for a cell, asked the way the app asks (with the neighbours as context)."""
    project = session.project()
    try:
        segments = project.segments()
        seg = segments[number - 1]
        context = (segments[number - 2].source if number > 1 else None,
                   segments[number].source if number < len(segments) else None)  # fmt: skip
        request = LookupRequest(seg.id, lang, seg.source, seg.source, context)
        return [m.target for m in project.lookups.lookup(request).matches]
    finally:
        project.close()
