"""Garbage collections at the quiet moments between keys (tui/collector.py): while the workbench is open Python
collects the young generation only past a backstop far above what a frame makes; the screen collects the young
one at its quiet moment and the older ones once the keys pause, in Python's own order; leaving the workbench
gives Python its thresholds back."""

from __future__ import annotations

import asyncio
import gc
from pathlib import Path

from testkit import seed_workbench

from tarjimon.tui import collector
from tarjimon.tui.app import TarjimonApp


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
    project = seed_workbench(tmp_path)
    was = gc.get_threshold()
    thresholds = []
    collections: list[tuple[int, int]] = []  # (generation, young objects counted when it began)
    moving: list[tuple[int, int]] = []

    def spy(phase: str, info: dict) -> None:
        if phase == "start":
            collections.append((info["generation"], gc.get_count()[0]))

    async def run() -> None:
        app = TarjimonApp(project)
        async with app.run_test(size=(160, 45)) as pilot:
            await pilot.pause(0.5)
            thresholds.append(gc.get_threshold())
            gc.callbacks.append(spy)
            try:
                for _ in range(collector.MIDDLE_EVERY + 5):
                    await pilot.press("ctrl+down")
                    await pilot.pause(0.2)  # the panels are painted: the quiet moment (not yet a pause)
                moving.extend(collections)
                await pilot.pause(collector.IDLE_AFTER + 0.3)  # the translator reads
            finally:
                gc.callbacks.remove(spy)

    try:
        asyncio.run(run())
    finally:
        project.close()
    assert thresholds[0][0] >= collector.YOUNG_BACKSTOP
    # A quiet moment after each move: young collections, none of them Python's own (it collects by itself only
    # past the backstop), no older one while the keys come; the middle generation once they pause.
    # (a move that made fewer than QUIET_MIN young objects leaves them for the next one)
    assert len(moving) >= collector.MIDDLE_EVERY + 1 and {g for g, _ in moving} == {0}, moving
    assert all(young < collector.YOUNG_BACKSTOP for _, young in collections), collections
    assert 1 in {g for g, _ in collections[len(moving):]}, collections
    assert gc.get_threshold() == was
