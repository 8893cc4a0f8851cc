"""The TM and glossary panels' text is wrapped by the lookup worker with the answer (tui/workbench_lookups.py
`wrap_answer`), so painting a panel after a move only swaps its lines: the lines drawn are the worker's, the
same as the panel's own wrap of the same text; a panel whose width changed wraps again itself."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from testkit import seed_workbench

from tarjimon.core.workbench import Workbench
from tarjimon.tui.app import TarjimonApp
from tarjimon.tui.panel import Panel, wrap_lines
from tarjimon.tui.workbench import WorkbenchScreen
from tarjimon.tui.workbench_lookups import _key

SEGMENTS = 6


@pytest.fixture
def project(tmp_path: Path) -> Workbench:
    proj = seed_workbench(tmp_path)
    rows = proj.rows()
    for n, row in enumerate(rows[:SEGMENTS]):
        proj.tm.add(row.segment.source, f"тм-мақсат-{n} " + "узын сөз " * 12, "uz", "kk", origin="test")
        first = row.segment.source.split()[0].strip(",.«»")
        proj.lookups.add_term("project", {"uz": first, "kk": f"термин-{n}"})
    proj.lock()
    yield proj
    proj.close()


async def _until(pilot, check, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    loop = asyncio.get_running_loop()
    limit = loop.time() + timeout
    while not check() and loop.time() < limit:
        await pilot.pause(0.02)
    assert check()


def _texts(lines: list) -> list[str]:  # type: ignore[type-arg]
    return [strip.text for strip in lines]


def _painted_from_worker(screen: WorkbenchScreen, name: str) -> bool:
    panel = screen.query_one(f"#{name}", Panel)
    found = screen._wrapped.get(_key(screen._request_for(screen.row_index)))
    wrapped = found[1].get(name) if found else None
    return wrapped is not None and panel._lines is wrapped.lines


def test_panels_show_the_lines_the_worker_wrapped(project: Workbench) -> None:
    from textual import events

    async def run() -> None:
        app = TarjimonApp(project)
        async with app.run_test(size=(160, 45)) as pilot:
            screen = app.screen
            assert isinstance(screen, WorkbenchScreen)
            await _until(pilot, lambda: "тм-мақсат-0" in screen.query_one("#tm", Panel).text)
            for n in range(1, 4):
                app.post_message(events.Key("ctrl+down", None))
                await _until(pilot, lambda n=n: f"тм-мақсат-{n}" in screen.query_one("#tm", Panel).text
                             and f"термин-{n}" in screen.query_one("#glossary", Panel).text)  # fmt: skip
                for name in ("tm", "glossary"):
                    panel = screen.query_one(f"#{name}", Panel)
                    # the answer came from the look-ahead: its lines are the worker's, not wrapped again here
                    assert _painted_from_worker(screen, name), name
                    mine = wrap_lines(app.console, panel._content, panel.content_width)
                    assert _texts(panel._lines) == _texts(mine)
                    assert [s._segments for s in panel._lines] == [s._segments for s in mine]
                assert len(screen.query_one("#tm", Panel)._lines) > SEGMENTS  # long targets wrapped
            # A narrower terminal: the panels' width changes and each wraps its text again to the new width.
            await pilot.resize_terminal(132, 45)
            await pilot.pause(0.3)
            tm = screen.query_one("#tm", Panel)
            assert tm.content_width > 0
            assert _texts(tm._lines) == _texts(wrap_lines(app.console, tm._content, tm.content_width))
            assert all(strip.cell_length == tm.content_width for strip in tm._lines)

    asyncio.run(run())


def test_a_long_origin_stays_on_the_score_line() -> None:
    """A match from this project's document ("kazinform/kazinform-2026-01-05-uz.txt") wrapped its origin over
    two lines in a 35-cell panel (".txt" alone on the second); it is cut in the middle, its end kept."""
    from types import SimpleNamespace

    from rich.console import Console

    from tarjimon.tui.tm_panel import fit_origin, tm_text

    origin = "kazinform/kazinform-2026-01-05-uz.txt"
    match = SimpleNamespace(score=76, origin=origin, target="Президент", source="Президент", diff=())
    lines = wrap_lines(Console(), tm_text([match], width=35), 35)
    first = lines[0].text.rstrip()
    assert first.startswith("Alt+1  76% ") and first.endswith("-05-uz.txt") and "…" in first
    assert lines[1].text.startswith("→ ")  # the target right under it
    assert fit_origin(origin, 24) == "kazinfo…026-01-05-uz.txt" and fit_origin("tm", 24) == "tm"
    assert tm_text([match]).plain.splitlines()[0] == "Alt+1  76% " + origin  # no width known: whole
