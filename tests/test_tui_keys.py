"""Workbench keys the audit found untested (Ctrl+U to drafts, Alt+C, Ctrl+S, F1, Ctrl+Up), as docs/tui.md
promises them; each asserts on the screen and on the database."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from tarjimon.core.workbench import Workbench
from tarjimon.tui.app import TarjimonApp
from tarjimon.tui.editor import TargetEditor
from tarjimon.tui.workbench import WorkbenchScreen

ARTICLE = """Бош сўз
Қозоғистон рақамли давлатга айланиши керак. Бу ҳақда Давлат раҳбари айтиб ўтди.

Президент технология соҳасидаги рақобат кучайганини таъкидлади. Яна бир гап.
"""


@pytest.fixture
def project(tmp_path: Path) -> Workbench:
    article = tmp_path / "article-uz.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    proj = Workbench.create(tmp_path / "projects", "keys", "uz", ["kk", "ru"])
    proj.import_file(article)
    proj.lock()
    yield proj
    proj.close()


def make_app(project: Workbench, tmp_path: Path) -> TarjimonApp:
    project.glossaries_dir = tmp_path / "glossaries"
    return TarjimonApp(project)


def bench(app: TarjimonApp) -> WorkbenchScreen:
    assert isinstance(app.screen, WorkbenchScreen)
    return app.screen


def test_ctrl_u_goes_to_a_draft_as_well_as_an_empty_target(project: Workbench, tmp_path: Path) -> None:
    """docs/tui.md: Ctrl+U is the 'next untranslated target (empty or draft)'."""
    rows = project.rows()
    project.save_target(rows[0].segment.id, "kk", "Тақырып", "translated")
    project.save_target(rows[2].segment.id, "kk", "Жартылай", "draft")

    async def run() -> None:
        app = make_app(project, tmp_path)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            assert (bench(app).row_index, bench(app).lang) == (0, "ru")  # the first undone target
            await pilot.press("ctrl+up")  # nowhere above: stays
            await pilot.press("tab")  # kk of row 1 (empty)
            assert (bench(app).row_index, bench(app).lang) == (1, "kk")
            await pilot.press("ctrl+u")
            assert (bench(app).row_index, bench(app).lang) == (2, "kk")  # the draft, not row 3's empty kk
            assert app.screen.query_one(TargetEditor).text == "Жартылай"
            await pilot.press("ctrl+u")
            assert (bench(app).row_index, bench(app).lang) == (3, "kk")

    asyncio.run(run())


def test_ctrl_up_goes_back_and_keeps_what_was_typed(project: Workbench, tmp_path: Path) -> None:
    async def run() -> None:
        app = make_app(project, tmp_path)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("ctrl+down", "ctrl+down")
            assert bench(app).row_index == 2
            await pilot.press(*"Жоба", "ctrl+up")
            await pilot.pause()
            assert bench(app).row_index == 1
            await pilot.press("pageup")
            assert bench(app).row_index == 0
            await pilot.press("ctrl+up")  # the first segment: nowhere to go
            assert bench(app).row_index == 0

    asyncio.run(run())
    saved = project.translation(project.rows()[2].segment.id, "kk")
    assert (saved.text, saved.status) == ("Жоба", "draft")


def test_alt_c_copies_the_source_in_the_script_shown(project: Workbench, tmp_path: Path) -> None:
    first = project.rows()[1].segment

    async def run() -> None:
        app = make_app(project, tmp_path)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("ctrl+down")
            await pilot.press("alt+c")
            editor = app.screen.query_one(TargetEditor)
            assert editor.text == first.source
            await pilot.press("ctrl+z")  # one undoable edit
            assert editor.text == ""
            await pilot.press("f2", "alt+c")
            assert editor.text == "Qozogʻiston raqamli davlatga aylanishi kerak."
            await pilot.press("enter")
            await pilot.pause()

    asyncio.run(run())
    saved = project.translation(first.id, "kk")
    assert (saved.text, saved.status) == ("Qozogʻiston raqamli davlatga aylanishi kerak.", "translated")


def test_ctrl_s_saves_a_draft_and_stays(project: Workbench, tmp_path: Path) -> None:
    first = project.rows()[0].segment

    async def run() -> None:
        app = make_app(project, tmp_path)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press(*"Басы", "ctrl+s")
            await pilot.pause()
            assert (bench(app).row_index, bench(app).lang) == (0, "kk")
            saved = project.translation(first.id, "kk")
            assert (saved.text, saved.status) == ("Басы", "draft")
            assert any("Draft saved" in str(n.message) for n in app._notifications)
            # nothing new: nothing written (the autosave may have stored a part of the word before: count now)
            versions = len(project.history(first.id, "kk"))
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert len(project.history(first.id, "kk")) == versions
            assert project.translation(first.id, "kk") == saved

    asyncio.run(run())


def test_f1_shows_the_keys_and_escape_closes_it(project: Workbench, tmp_path: Path) -> None:
    from textual.widgets import Static

    from tarjimon.tui.screens.help import HelpScreen

    async def run() -> None:
        app = make_app(project, tmp_path)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("f1")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            shown = "\n".join(
                w.render_line(y).text for w in app.screen.query(Static) for y in range(w.size.height)
            )
            for key in ("Ctrl+U", "Alt+C", "Ctrl+S", "Ctrl+Up", "F1"):
                assert key in shown, key
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, WorkbenchScreen)
            await pilot.press(*"ок")  # typing reaches the editor again
            assert app.screen.query_one(TargetEditor).text == "ок"

    asyncio.run(run())


def test_no_key_is_bound_to_two_actions() -> None:
    """One key, one action: two entries of the key table with the same key would leave one of them dead
    (the branches that add keys meet here)."""
    from collections import Counter

    from tarjimon.tui.keys import KEYS

    counts = Counter(name for key in KEYS for name in key.names)
    assert [name for name, n in counts.items() if n > 1] == []
