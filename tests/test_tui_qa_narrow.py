"""QA at 80 columns: the QA panel is off screen below 130 columns (and stacked F3 leaves it out), so findings
were out of sight: the QA line under the grid shows the finding F8 is on, whole. F8 walks findings (the next
one of this target first), scrolls the grid to the segment found, goes on from the first segment after the
last (and says so), and reaches segments a filter hides (clearing it, said too)."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_tui import bench, make_app, pilot_test
from textual.widgets import OptionList

from tarjimon.core.workbench import Workbench
from tarjimon.tui.grid import SegmentGrid
from tarjimon.tui.navigation import Filter
from tarjimon.tui.qa_panel import QALine, QAPanel
from tarjimon.tui.screens.dismiss import DismissScreen

SENTENCES = [f"Bu {n}-gap, unda hech qanday raqam yoʻq emas." for n in range(1, 31)]
TWO_WRONG = 5  # segment 5 (index 4): two findings in kk, a number changed and the full stop left out
ONE_WRONG = 20  # segment 20: one


@pytest.fixture
def project(tmp_path: Path) -> Workbench:
    article = tmp_path / "long-uz.txt"
    article.write_text(" ".join(SENTENCES) + "\n", encoding="utf-8")
    proj = Workbench.create(tmp_path / "projects", "long", "uz", ["kk", "ru"], glossaries_dir=tmp_path / "g")
    proj.import_file(article)
    segs = proj.segments()
    assert len(segs) == 30
    proj.save_target(segs[TWO_WRONG - 1].id, "kk", "Бұл 6-сөйлем, онда ешқандай сан жоқ емес")  # 5 written 6, no stop
    proj.save_target(segs[ONE_WRONG - 1].id, "kk", "Бұл жиырмасыншы сөйлем, онда ешқандай сан жоқ емес")
    proj.lock()
    return proj


async def _wait(pilot, wb, test) -> None:  # type: ignore[no-untyped-def]
    for _ in range(100):
        await pilot.pause(0.05)
        if test():
            return
    raise AssertionError("the workbench never got there")


def _line(wb) -> str:  # type: ignore[no-untyped-def]
    shown = wb.query_one(QALine).shown
    return shown.plain if shown is not None and wb.query_one(QALine).display else ""


def _on_screen(wb, index: int) -> bool:  # type: ignore[no-untyped-def]
    grid = wb.query_one(SegmentGrid)
    top, height = grid.row_span(index)
    return grid.scroll_y <= top and top + height <= grid.scroll_y + grid.scrollable_content_region.height


@pilot_test
async def test_f8_at_80_columns_walks_findings_shows_them_whole_and_wraps(project: Workbench, tmp_path: Path) -> None:
    app = make_app(project, tmp_path)
    notes: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        wb = bench(app)
        wb.notify = lambda message, **kw: notes.append(str(message))  # type: ignore[method-assign]
        assert not wb.qa_panel_on_screen()
        await pilot.press("ctrl+end")  # the last segment: F8 must go on from the first
        await pilot.press("f8")
        await _wait(pilot, wb, lambda: wb.row_index == TWO_WRONG - 1 and _line(wb))
        assert any("past the last segment, on from the first: segment 5 (kk)" in n for n in notes)
        assert _on_screen(wb, TWO_WRONG - 1)
        first = _line(wb)
        assert first.startswith("✖ QA 1/2 number:") and "F8 next" in first
        finding = wb.query_one(QAPanel).findings[0]
        assert str(finding.message) in first  # the whole message, not cut at the panel's width
        await pilot.press("f8")  # the second finding of the same target
        await pilot.pause()
        assert wb.row_index == TWO_WRONG - 1
        assert _line(wb).startswith("▲ QA 2/2 end-punctuation:")  # (a warning)
        await pilot.press("alt+i")  # dismissing: the finding F8 is on is the one picked
        await _wait(pilot, wb, lambda: isinstance(app.screen, DismissScreen))
        assert app.screen.query_one(OptionList).highlighted == 1
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("f8")  # then the next target with findings, far down: scrolled into view
        await _wait(pilot, wb, lambda: wb.row_index == ONE_WRONG - 1 and _line(wb))
        assert _on_screen(wb, ONE_WRONG - 1)
        assert _line(wb).startswith("✖ QA 1/2 number: number 20 of the source")  # its own, not segment 5's
        await pilot.press("ctrl+home")  # no findings here: no QA line
        await _wait(pilot, wb, lambda: not _line(wb))


@pilot_test
async def test_f8_reaches_a_segment_the_filter_hides(project: Workbench, tmp_path: Path) -> None:
    app = make_app(project, tmp_path)
    notes: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        wb = bench(app)
        wb.notify = lambda message, **kw: notes.append(str(message))  # type: ignore[method-assign]
        wb.apply_filter(Filter(text="1-gap"))  # segments 1, 11, 21: no findings among them
        await pilot.pause()
        assert len(wb.order) < 30
        await pilot.press("f8")
        await _wait(pilot, wb, lambda: wb.row_index == TWO_WRONG - 1)
        assert not wb.filter.active and any("hidden by the filter: filter cleared" in n for n in notes)


@pilot_test
async def test_the_qa_line_gives_way_to_the_panel_at_160_columns(project: Workbench, tmp_path: Path) -> None:
    app = make_app(project, tmp_path)
    async with app.run_test(size=(160, 45)) as pilot:
        wb = bench(app)
        await pilot.press("ctrl+g", *"5", "enter")
        await _wait(pilot, wb, lambda: wb.query_one(QAPanel).findings)
        assert wb.qa_panel_on_screen() and not _line(wb)
        await pilot.press("f3")  # the panels hidden: the line shows the finding
        await _wait(pilot, wb, lambda: _line(wb))
        assert _line(wb).startswith("✖ QA 1/2")


@pilot_test
async def test_the_panel_shows_the_finding_f8_is_on_past_its_ten_lines() -> None:
    from types import SimpleNamespace

    from textual.app import App, ComposeResult

    class One(App[None]):
        def compose(self) -> ComposeResult:
            yield QAPanel(id="qa")

    findings = [SimpleNamespace(severity="warning", check="x", message=f"finding number {n} of fifteen")
                for n in range(1, 16)]
    async with One().run_test(size=(40, 30)) as pilot:
        panel = pilot.app.query_one(QAPanel)
        panel.show(findings, focus=13)
        shown = panel._content.plain
        assert "▶ ▲ finding number 14" in shown and shown.startswith("… 13 above")  # was cut at "… N more"
        panel.show(findings, focus=1)
        assert panel._content.plain.startswith("▲ finding number 1 ") and "▶ ▲ finding number 2 " in panel._content.plain


@pilot_test
async def test_f8_on_the_languages_only_finding_goes_on_to_the_other_languages(project: Workbench, tmp_path: Path) -> None:
    """Kazakh has findings in one target only (here segment 20's after segment 5's is mended), Russian in another:
    F8 on that Kazakh target went round the Kazakh column back to it, again and again, and never reached the
    Russian finding. It goes on to the other languages; with no other finding anywhere it goes round to this
    target's first finding again and says so."""
    segs = project.segments()
    project.save_target(segs[TWO_WRONG - 1].id, "kk", "Бұл 5-сөйлем, онда ешқандай сан жоқ емес.")  # mended
    project.save_target(segs[9].id, "ru", "Это 11-й абзац, в нём нет никакого числа.")  # segment 10: 10 missing
    app = make_app(project, tmp_path)
    notes: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        wb = bench(app)
        wb.notify = lambda message, **kw: notes.append(str(message))  # type: ignore[method-assign]
        wb.goto(ONE_WRONG - 1, "kk")
        await _wait(pilot, wb, lambda: len(wb.query_one(QAPanel).findings) == 2)  # segment 20's two findings
        await pilot.press("f8")  # on its second
        await _wait(pilot, wb, lambda: wb.qa_focus == 1)
        await pilot.press("f8")  # none left in Kazakh but this one: the Russian of segment 10
        await _wait(pilot, wb, lambda: (wb.row_index, wb.lang) == (9, "ru"))
        project.save_target(segs[ONE_WRONG - 1].id, "kk", "Бұл 20-сөйлем, онда ешқандай сан жоқ емес.")
        wb.rows = project.rows()
        await _wait(pilot, wb, lambda: bool(wb.query_one(QAPanel).findings))
        for _ in wb.query_one(QAPanel).findings[1:]:  # to its last finding
            await pilot.press("f8")
        await pilot.pause()
        notes.clear()
        await pilot.press("f8")  # the Russian one is the only one left: round again, to it
        await _wait(pilot, wb, lambda: any("past the last segment, on from the first: segment 10 (ru)" in n
                                           for n in notes))  # fmt: skip
        assert (wb.row_index, wb.lang) == (9, "ru")


@pilot_test
async def test_ctrl_s_applies_the_filter_dialog_and_the_title_says_it_is_checking(project: Workbench, tmp_path: Path) -> None:
    """In the filter dialog, QA "with findings" chosen with the keyboard: Enter on the box opened its list again
    and the Filter button was Tabs away; then nothing showed for the seconds the check took (the spelling
    dictionaries load). Ctrl+S filters; the title says the targets are being checked until the filter is on."""
    from tarjimon.tui.screens.filter import FilterScreen

    app = make_app(project, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        wb = bench(app)
        await pilot.press("ctrl+f")
        await _wait(pilot, wb, lambda: isinstance(app.screen, FilterScreen))
        await pilot.press("tab", "tab", "enter", "down", "enter")  # QA: with findings
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is wb and wb.sub_title in ("checking the targets for QA findings…",
                                                     "filter: with QA findings · 2 segments")  # fmt: skip
        await _wait(pilot, wb, lambda: wb.sub_title == "filter: with QA findings · 2 segments")
        assert [wb.rows[i].segment.position for i in wb.order] == [TWO_WRONG - 1, ONE_WRONG - 1]
