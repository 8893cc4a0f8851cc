"""What the move's paint no longer works out afresh is still what a whole repaint shows.

The grid hands back lines Textual styled before wherever they are after a scroll (tui/grid.py, `render_lines`):
after every move, scroll and keystroke its lines are those of a whole repaint, and lines really were handed back
(a scroll re-styles only the lines that came into view and the rows that changed). The editor works its theme's
styles out once per style change (tui/editor.py, `render_lines`): after moves, typing, a dialog taking the focus
and giving it back, and a change of theme, its lines are those of a paint that works them out again."""

from __future__ import annotations

import asyncio

import pytest
from textual.geometry import Region

from tarjimon.core.workbench import Workbench
from tarjimon.tui.app import TarjimonApp
from tarjimon.tui.editor import TargetEditor
from tarjimon.tui.grid import SegmentGrid


@pytest.fixture
def project(seed_project: Workbench) -> Workbench:
    return seed_project


def test_the_grid_shows_what_a_whole_repaint_shows(project: Workbench) -> None:
    keys = ["ctrl+down"] * 14 + ["Ж", "о", "ctrl+down", "pagedown", "tab", "ctrl+up", "pageup", "backspace"]
    keys += ["ctrl+down"] * 6 + ["ctrl+end", "ctrl+home"]

    async def run() -> None:
        app = TarjimonApp(project)
        async with app.run_test(size=(120, 30)) as pilot:
            await pilot.pause(0.3)
            grid = app.screen.query_one(SegmentGrid)
            whole = Region(0, 0, grid.size.width, grid.size.height)
            handed_back = 0
            for key in keys:
                before = {id(strip) for lines in grid._styled.values() for strip in lines.values()}
                top = grid.scroll_y
                await pilot.press(key)
                await pilot.pause(0.02)
                on_screen = grid.render_lines(whole)  # the lines as painted (nothing is dirty after the frame)
                if grid.scroll_y != top:  # (the styles cache holds the lines before Textual's line filters)
                    handed_back += sum(id(strip) in before for strip in grid._styles_cache._cache.values())
                grid._styled.clear()  # forget every line and strip made before: the next render is a whole one
                grid._cache.clear()
                grid.refresh()
                assert grid.render_lines(whole) == on_screen, key
            assert handed_back > 50, handed_back  # scrolls reused lines: the comparison meant something

    asyncio.run(run())


def test_the_editor_shows_what_a_paint_with_its_styles_worked_out_again_shows(project: Workbench) -> None:
    steps = ["ctrl+down", "Ж", "о", "ctrl+down", "f1", "escape", "ctrl+up", "light", "б", "read-only", "ctrl+down",
             "dark", "read-only", "editable", "ctrl+up", "class", "ctrl+down"]

    async def run() -> None:
        app = TarjimonApp(project)
        async with app.run_test(size=(120, 30)) as pilot:
            await pilot.pause(0.3)
            editor = app.screen.query_one(TargetEditor)
            looks = set()
            for step in steps:
                if step in ("light", "dark"):
                    app.theme = f"textual-{step}"
                elif step in ("read-only", "editable"):  # (its cursor's colour is another component style)
                    editor.read_only = step == "read-only"
                    editor.cursor_blink = False
                elif step == "class":  # a class that changes a component style (TextArea keeps its theme object)
                    app.stylesheet.add_source("TargetEditor.-probe .text-area--cursor-line { background: red; }")
                    app.stylesheet.reparse()
                    app.stylesheet.update(app)
                    editor.add_class("-probe")
                else:
                    await pilot.press(step)
                await pilot.pause(0.05)
                if app.screen is not editor.screen:
                    continue  # (a dialog on top: the editor is not painted)
                whole = Region(0, 0, editor.outer_size.width, editor.outer_size.height)
                on_screen = editor.render_lines(whole)
                editor._css_applied_to = None  # work the styles out again, and repaint every line
                editor._line_cache.clear()
                editor.refresh()
                assert editor.render_lines(whole) == on_screen, step
                looks.add(tuple((strip.text, tuple(map(str, strip))) for strip in on_screen))
            assert len(looks) > 4

    asyncio.run(run())
