"""Snapshot tests of the workbench's main states at a fixed size (pytest-textual-snapshot).

Deterministic: no clock on screen, lookups awaited before the picture is taken. After a deliberate change of
looks, review the new SVGs and run `pytest tests/test_tui_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_tui import make_app, project  # noqa: F401  (the fixture is used by name)
from testkit import SEED
from textual.widgets import Input, TextArea

from tarjimon.core.workbench import Workbench
from tarjimon.tui.workbench import WorkbenchScreen

# The pictures show the seed article; without it the workbench would show another text.
pytestmark = pytest.mark.skipif(not SEED.is_file(), reason="the snapshots show the seed article: needs ../shared/seeds")


def _seed_work(project: Workbench) -> None:  # noqa: F811
    rows = project.rows()
    project.save_target(
        rows[0].segment.id, "kk", "Президент: Қазақстан цифрлық мемлекетке айналуы керек", "translated"
    )
    project.save_target(
        rows[0].segment.id, "ru", "Президент: Казахстан должен стать цифровым государством", "reviewed"
    )
    project.save_target(
        rows[0].segment.id, "en", "President: Kazakhstan must become a digital state", "translated"
    )
    project.save_target(rows[1].segment.id, "en", "ASTANA. Kazinform – Kazakhstan must become", "draft")
    project.tm.add(
        rows[1].segment.source, "АСТАНА. Kazinform – Қазақстан цифрлық мемлекетке айналуы керек.", "uz", "kk"
    )


async def _wait_for_lookups(pilot) -> None:  # type: ignore[no-untyped-def]
    for _ in range(200):  # up to 10 s: a loaded machine answers late (the loop ends as soon as it did)
        await pilot.pause(0.05)
        screen = pilot.app.screen
        if isinstance(screen, WorkbenchScreen) and "looking up" not in str(screen.query_one("#tm").render()):
            break
    await pilot.pause(0.35)  # empty panels shrink once the translator pauses (SHRINK_AFTER)
    # A cursor would make the picture depend on when it is taken (its blink, and whether the headless app has
    # the focus at that instant on a loaded machine): the pictures are taken with nothing focused.
    for screen in pilot.app.screen_stack:
        for area in screen.query(TextArea):
            area.cursor_blink = False
        for field in screen.query(Input):
            field.cursor_blink = False
    pilot.app.set_focus(None)
    await pilot.pause(0.05)


def test_snapshot_workbench_wide(snap_compare, project: Workbench, tmp_path: Path) -> None:  # noqa: F811
    _seed_work(project)
    app = make_app(project, tmp_path)
    assert snap_compare(app, terminal_size=(160, 45), run_before=_wait_for_lookups)


def test_snapshot_workbench_narrow(snap_compare, project: Workbench, tmp_path: Path) -> None:  # noqa: F811
    _seed_work(project)
    app = make_app(project, tmp_path)
    assert snap_compare(app, terminal_size=(80, 24), press=["ctrl+down"], run_before=_wait_for_lookups)


def test_snapshot_add_term_dialog(snap_compare, project: Workbench, tmp_path: Path) -> None:  # noqa: F811
    app = make_app(project, tmp_path)
    assert snap_compare(
        app, terminal_size=(120, 36), press=["ctrl+t", *"давлат"], run_before=_wait_for_lookups
    )
