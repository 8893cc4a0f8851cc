"""The grid's scrollbar repaints only its changed lines (tui/scrollbar.py): what it shows after every move
is what a whole repaint would show, and the thumb does move."""

from __future__ import annotations

import asyncio

import pytest
from textual.geometry import Region

from tarjimon.core.workbench import Workbench
from tarjimon.tui.app import TarjimonApp
from tarjimon.tui.grid import SegmentGrid
from tarjimon.tui.scrollbar import LineScrollBar


@pytest.fixture
def project(seed_project: Workbench) -> Workbench:
    return seed_project


def test_the_scrollbar_shows_what_a_whole_repaint_shows(project: Workbench) -> None:
    async def run() -> None:
        app = TarjimonApp(project)
        async with app.run_test(size=(120, 30)) as pilot:
            await pilot.pause(0.3)
            bar = app.screen.query_one(SegmentGrid).vertical_scrollbar
            assert isinstance(bar, LineScrollBar)
            whole = Region(0, 0, bar.size.width, bar.size.height)
            shown = []
            for key in ["ctrl+down"] * 30 + ["pagedown", "ctrl+up", "pageup"]:
                await pilot.press(key)
                await pilot.pause(0.02)
                on_screen = bar.render_lines(whole)  # the lines as painted (nothing is dirty after the frame)
                bar.notify_style_update()  # forget what was painted: the next render is a whole one
                bar.refresh()
                assert bar.render_lines(whole) == on_screen, key
                shown.append([strip.text for strip in on_screen])
            assert len({tuple(lines) for lines in shown}) > 3  # the thumb moved: the comparison meant something

    asyncio.run(run())
