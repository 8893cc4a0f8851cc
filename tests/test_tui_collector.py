"""Garbage collections at the quiet moments between keys (tui/collector.py): while the workbench is open Python
collects the young generation only past a backstop far above what a frame makes; the screen collects the young
one at its quiet moment and the older ones once the keys pause, in Python's own order; leaving the workbench
gives Python its thresholds back."""

from __future__ import annotations

import asyncio
import gc
import time
from pathlib import Path

from testkit import seed_workbench

from tarjimon.tui import collector
from tarjimon.tui.app import TarjimonApp
from tarjimon.tui.workbench import WorkbenchScreen


def _young(n: int) -> list[list[int]]:
    return [[i] for i in range(n)]  # container objects that live: they count until the next collection


def test_quiet_collections_go_through_the_generations_as_python_would() -> None:
    was = gc.get_threshold()
    keep = []
    try:
        gc.collect()
        collector.pace()
        assert gc.get_threshold()[0] >= collector.YOUNG_BACKSTOP
        assert collector.collect_quietly() is None  # nothing made since: no collection
        done = []
        for _ in range(collector.MIDDLE_EVERY + 1):  # a key every moment: young collections only
            keep.append(_young(collector.QUIET_MIN * 2))
            done.append(collector.collect_quietly())
            assert gc.get_count()[0] < collector.QUIET_MIN  # what was made is collected (moved on)
        assert done == [0] * (collector.MIDDLE_EVERY + 1)
        assert collector.collect_quietly(idle=True) == 1  # the keys paused: the middle generation, due since
        for n in range(collector.MIDDLE_LATE + 1):  # keys that never pause: the middle one all the same, late
            keep.append(_young(collector.QUIET_MIN * 2))
            generation = collector.collect_quietly()
            assert generation == (1 if n == collector.MIDDLE_LATE else 0), n
    finally:
        gc.set_threshold(*was)


def test_the_workbench_collects_at_its_quiet_moment_and_gives_the_thresholds_back(tmp_path: Path) -> None:
    """Checked against the keys' own clock, not the test's pauses: on a loaded machine a 0.2 s pause between two
    moves can last past IDLE_AFTER, and then an older collection there is right (the keys did pause). So each
    older collection must come IDLE_AFTER (less the timer's slack) after the last key, whenever it comes; each
    move waits for its side panels (the quiet moment) however long they take; the pause at the end waits for
    the middle generation's collection (if no stall brought it before), up to a bound."""
    project = seed_workbench(tmp_path)
    was = gc.get_threshold()
    thresholds = []
    # (generation, young objects counted when it began, seconds since the last key then)
    collections: list[tuple[int, int, float]] = []
    moving: list[tuple[int, int, float]] = []

    async def run() -> None:
        app = TarjimonApp(project)

        def spy(phase: str, info: dict) -> None:
            if phase == "start":
                since = time.monotonic() - max(app.last_input_at, screen.editor.last_key_at)
                collections.append((info["generation"], gc.get_count()[0], since))

        async with app.run_test(size=(160, 45)) as pilot:
            await pilot.pause(0.5)
            screen = app.screen
            assert isinstance(screen, WorkbenchScreen)
            thresholds.append(gc.get_threshold())
            gc.callbacks.append(spy)
            try:
                for _ in range(collector.MIDDLE_EVERY + 5):
                    await pilot.press("ctrl+down")
                    await _until(pilot, lambda: not screen._side_due and screen._side_timer is None)
                    await pilot.pause(0.05)  # the panels are painted: the quiet moment (not yet a pause)
                moving.extend(collections)
                # the translator reads: the middle generation, once IDLE_AFTER has passed (a machine that
                # stalled the test for longer between two moves had a pause there, and it came then)
                await _until(pilot, lambda: any(g for g, _, _ in collections))
            finally:
                gc.callbacks.remove(spy)

    try:
        asyncio.run(run())
    finally:
        project.close()
    assert thresholds[0][0] >= collector.YOUNG_BACKSTOP
    # A quiet moment after each move: young collections, none of them Python's own (it collects by itself only
    # past the backstop); an older one never while the keys come (only where they paused), and once they pause.
    # (a move that made fewer than QUIET_MIN young objects leaves them for the next one)
    assert sum(1 for g, _, _ in moving if g == 0) >= collector.MIDDLE_EVERY + 1, moving
    assert all(young < collector.YOUNG_BACKSTOP for _, young, _ in collections), collections
    assert all(since >= collector.IDLE_AFTER * 0.9 for g, _, since in collections if g), collections
    assert 1 in {g for g, _, _ in collections}, collections
    assert gc.get_threshold() == was


async def _until(pilot, done, bound: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    """Pause until `done()` (a loaded machine is slow, not wrong); the bound only ends a hung test."""
    end = time.monotonic() + bound
    while not done() and time.monotonic() < end:
        await pilot.pause(0.02)
