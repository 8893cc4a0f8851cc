"""The side panels are painted once the keys pause, and always for the segment the cursor is on
(tui/side_paint.py): after a burst of moves the TM, glossary and pivot panels show the last segment's
content, never an earlier one's; while keys keep coming the panels wait; keys are never lost meanwhile."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from testkit import seed_workbench

from tarjimon.core.workbench import Workbench
from tarjimon.tui import side_paint
from tarjimon.tui.app import TarjimonApp
from tarjimon.tui.workbench import WorkbenchScreen

SEGMENTS = 8  # segments with their own TM unit, glossary term and Russian target


@pytest.fixture
def project(tmp_path: Path) -> Workbench:
    proj = seed_workbench(tmp_path)
    rows = proj.rows()
    for n, row in enumerate(rows[:SEGMENTS]):
        proj.tm.add(row.segment.source, f"тм-мақсат-{n}", "uz", "kk", origin="test")
        proj.confirm(row.segment.id, "ru", f"перевод-{n}", "translated")
    proj.lock()
    yield proj
    proj.close()


def _panel(screen: WorkbenchScreen, name: str) -> str:
    return str(screen.query_one(f"#{name}").render())


async def _until(pilot, check, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    loop = asyncio.get_running_loop()
    limit = loop.time() + timeout
    while not check() and loop.time() < limit:
        await pilot.pause(0.02)
    assert check()


def _shows_only(text: str, prefix: str, n: int) -> bool:
    """`text` names item `n` (e.g. перевод-3) and no other of the SEGMENTS items; in the TM panel: its first
    match is segment n's own unit (other segments' units are fuzzy matches further down)."""
    if prefix == "тм-мақсат":
        lines = text.splitlines()
        return len(lines) > 1 and lines[0].startswith("Alt+1 100%") and lines[1] == f"→ {prefix}-{n}"
    return f"{prefix}-{n}" in text and not any(f"{prefix}-{k}" in text for k in range(SEGMENTS) if k != n)


def test_after_a_burst_of_moves_the_panels_show_the_last_segment(project: Workbench) -> None:
    from textual import events

    async def run() -> None:
        app = TarjimonApp(project)
        async with app.run_test(size=(160, 45)) as pilot:
            screen = app.screen
            assert isinstance(screen, WorkbenchScreen)
            await _until(pilot, lambda: _shows_only(_panel(screen, "tm"), "тм-мақсат", 0))
            for burst in (5, 2):  # all queued at once: the panels never see the segments passed through
                start = screen.row_index
                for _ in range(burst):
                    app.post_message(events.Key("ctrl+down", None))
                await _until(pilot, lambda s=start, b=burst: screen.row_index == s + b)
                await _until(pilot, lambda: _shows_only(_panel(screen, "tm"), "тм-мақсат", screen.row_index))
                await pilot.pause(0.3)  # and nothing earlier is painted over it afterwards
                assert _shows_only(_panel(screen, "tm"), "тм-мақсат", screen.row_index)
                assert _shows_only(_panel(screen, "pivots"), "перевод", screen.row_index)
                assert screen.matches[0].target == f"тм-мақсат-{screen.row_index}"
            for _ in range(4):  # moves one frame apart (key repeat), then back up
                app.post_message(events.Key("ctrl+up", None))
                await pilot.pause(0.005)
            await _until(pilot, lambda: screen.row_index == 3)
            await _until(pilot, lambda: _shows_only(_panel(screen, "tm"), "тм-мақсат", 3))
            await pilot.pause(0.3)
            assert _shows_only(_panel(screen, "tm"), "тм-мақсат", 3)
            assert _shows_only(_panel(screen, "pivots"), "перевод", 3)

    asyncio.run(run())


def test_panels_wait_while_keys_come_and_no_key_is_lost(
    project: Workbench, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual import events

    monkeypatch.setattr(side_paint, "SIDE_QUIET", 1.0)  # pauses long enough to see on a busy machine
    monkeypatch.setattr(side_paint, "SIDE_QUIET_TYPING", 1.0)

    async def run() -> None:
        app = TarjimonApp(project)
        async with app.run_test(size=(160, 45)) as pilot:
            screen = app.screen
            assert isinstance(screen, WorkbenchScreen)
            await _until(pilot, lambda: _shows_only(_panel(screen, "tm"), "тм-мақсат", 0))
            await _until(pilot, lambda: _shows_only(_panel(screen, "pivots"), "перевод", 0))  # (one a frame)
            app.post_message(events.Key("ctrl+down", None))
            for char in "сөз":
                await pilot.pause(0.05)
                app.post_message(events.Key(char, char))
            await _until(pilot, lambda: screen.editor.text == "сөз")
            # Segment 1 is current, its matches are what F6 would insert; its panels wait for the pause.
            assert screen.row_index == 1
            await _until(pilot, lambda: bool(screen.matches) and screen.matches[0].target == "тм-мақсат-1")
            assert _shows_only(_panel(screen, "tm"), "тм-мақсат", 0)
            assert _shows_only(_panel(screen, "pivots"), "перевод", 0)
            await _until(pilot, lambda: _shows_only(_panel(screen, "tm"), "тм-мақсат", 1), timeout=5.0)
            await _until(pilot, lambda: _shows_only(_panel(screen, "pivots"), "перевод", 1), timeout=1.0)
            await pilot.press("enter")  # the typed letters were all kept, in order, in segment 1
        assert project.translation(project.rows()[1].segment.id, "kk").text == "сөз"

    asyncio.run(run())
