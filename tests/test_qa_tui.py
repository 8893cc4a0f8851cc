"""The TUI's QA parts: dismissing a finding from the QA panel (Alt+I, with a reason) and the statistics
screen (palette: Statistics), driven with Pilot and checked on the screen and in the database."""

from __future__ import annotations

import asyncio
import io
from pathlib import Path

import pytest

from tarjimon.core.workbench import Workbench
from tarjimon.tui.app import TarjimonApp
from tarjimon.tui.screens.dismiss import DismissScreen
from tarjimon.tui.screens.stats import StatsScreen, findings_table
from tarjimon.tui.workbench import WorkbenchScreen

ARTICLE = "Марказда 500 нафар талаба дастурлашни ўрганади.\nЛойиҳа давлат дастури доирасида амалга оширилди.\n"


@pytest.fixture
def project(tmp_path: Path) -> Workbench:
    (tmp_path / "a-uz.txt").write_text(ARTICLE, encoding="utf-8")
    proj = Workbench.create(tmp_path / "projects", "p", "uz", ["kk", "ru", "en"],
                            glossaries_dir=tmp_path / "glossaries")
    proj.import_file(tmp_path / "a-uz.txt")
    seg = proj.segments()[0].id
    proj.save_target(seg, "kk", "Орталықта 500 студент бағдарламалауды үйренеді.")
    proj.save_target(seg, "ru", "В центре программированию будут учиться 50 студентов.")
    proj.lock()
    yield proj
    proj.close()


async def _wait(pilot, condition, tries: int = 200) -> None:  # type: ignore[no-untyped-def]
    for _ in range(tries):
        await pilot.pause(0.05)
        if condition():
            return


def test_a_finding_dismissed_in_the_qa_panel_is_stored_and_leaves_the_panel(project: Workbench) -> None:
    async def run() -> None:
        app = TarjimonApp(project)
        async with app.run_test(size=(160, 45)) as pilot:
            wb = app.screen
            assert isinstance(wb, WorkbenchScreen)
            wb.goto(0, "ru")
            qa = wb.query_one("#qa")
            await _wait(pilot, lambda: "number" in str(qa.render()) or "50" in str(qa.render()))
            before = len(qa.findings)
            assert before >= 1 and any(f.check == "number" for f in qa.findings)
            first = qa.findings[0]
            same_check = sum(f.check == first.check for f in qa.findings)  # a dismissal covers the check
            await pilot.press("alt+i")
            await _wait(pilot, lambda: isinstance(app.screen, DismissScreen))
            assert isinstance(app.screen, DismissScreen)
            await pilot.press("enter")  # no reason: refused, the dialog stays
            assert isinstance(app.screen, DismissScreen)
            await pilot.press(*"figure cut by the editor", "enter")
            await _wait(pilot, lambda: len(qa.findings) < before)
            await pilot.pause(0.2)
            assert len(qa.findings) == before - same_check
            assert first.check not in {f.check for f in qa.findings}
            stored = project.ignored_findings()
            assert [(i.lang, i.check, i.reason) for i in stored] == [("ru", first.check, "figure cut by the editor")]

    asyncio.run(run())


def test_the_statistics_screen_shows_progress_and_findings(project: Workbench) -> None:
    async def run() -> None:
        app = TarjimonApp(project)
        async with app.run_test(size=(160, 45)) as pilot:
            await pilot.pause()
            await app.run_action("stats", app.screen)
            await _wait(pilot, lambda: isinstance(app.screen, StatsScreen))
            screen = app.screen
            assert isinstance(screen, StatsScreen)
            await _wait(pilot, lambda: "segments" in str(screen.query_one("#stats-summary").render()))
            assert "2 segments" in str(screen.query_one("#stats-summary").render())
            assert screen.query_one("#stats-bar-kk").progress == 50.0
            assert screen.query_one("#stats-bar-en").progress == 0.0
            assert "number" in {f.check for f in screen.findings}
            from rich.console import Console

            console = Console(width=100, record=True, file=io.StringIO())
            console.print(findings_table(screen.findings, ["kk", "ru", "en"]))
            assert "number" in console.export_text()
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, WorkbenchScreen)

    asyncio.run(run())


def test_a_check_waits_while_keys_come_and_runs_once_they_pause(project: Workbench) -> None:
    """The lookup worker holds a QA check while the terminal sends keys (a held Ctrl+Down would meet its tens
    of ms in its frames) and runs the latest once they pause."""
    import time

    async def run() -> None:
        app = TarjimonApp(project)
        async with app.run_test(size=(160, 45)) as pilot:
            wb = app.screen
            assert isinstance(wb, WorkbenchScreen)
            await pilot.pause(0.3)
            app.last_input_at = time.monotonic() + 1.2  # keys "come" for the next 1.5 s
            asked = time.monotonic()
            wb.goto(0, "ru")

            def found() -> bool:  # the worker's answer for the ru target (the panel's paint waits for keys too)
                return any(r.request.lang == "ru" and any(f.check == "number" for f in r.findings)
                           for r in wb._qa_answers.values())  # fmt: skip

            await pilot.pause(0.8)
            assert not found()  # held: the ru target's check is not answered yet
            await _wait(pilot, found)
            assert found()
            assert time.monotonic() - asked >= 1.4

    asyncio.run(run())


def test_the_filter_shows_the_segments_with_qa_findings_and_counts_them(project: Workbench) -> None:
    """Ctrl+F, QA "with findings", in ru: only the segments `tarjimon qa --target ru` finds, the count in the
    title; in kk (no finding) none; Ctrl+R shows them all again. Before, Ctrl+F had no such filter."""
    from textual.widgets import Select

    seg2 = project.segments()[1].id
    project.save_target(seg2, "ru", "Проект реализован в рамках государственной программы.")
    flagged_ru = {f.segment for f in project.qa(["ru"])}
    assert flagged_ru == {project.segments()[0].id}  # (50 for 500)

    async def run() -> None:
        app = TarjimonApp(project)
        async with app.run_test(size=(160, 45)) as pilot:
            wb = app.screen
            assert isinstance(wb, WorkbenchScreen)
            wb.goto(1, "ru")
            await pilot.press("ctrl+f")
            await _wait(pilot, lambda: app.screen is not wb)
            app.screen.query_one("#filter-qa", Select).value = "findings"
            app.screen.query_one("#filter-lang", Select).value = "ru"
            await pilot.pause()
            await pilot.press("enter")  # (in the text field)
            await _wait(pilot, lambda: "QA findings" in str(wb.sub_title))
            assert wb.order == [0] and wb.row_index == 0
            assert str(wb.sub_title) == "filter: with QA findings in ru · 1 segment"
            await pilot.press("ctrl+r")
            await _wait(pilot, lambda: not wb.filter.active)
            assert wb.order == [0, 1] and str(wb.sub_title) == ""
            wb.apply_filter(type(wb.filter)(lang="kk", findings=True))  # the palette's, for kk: none
            await _wait(pilot, lambda: "QA findings" in str(wb.sub_title))
            assert wb.order == []

    asyncio.run(run())
