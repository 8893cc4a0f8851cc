"""Pilot tests of `tarjimon align --review` and of the aligned TM in the workbench (issue 17).

The seed article is read from ../shared (skipped visibly when missing); its Kazakh and Russian versions are
tests/data/align/seed-kk.txt and seed-ru.txt, written for these tests.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from test_tui import pilot_test
from testkit import SEED

from tarjimon.cli.main import main
from tarjimon.core.workbench import Workbench
from tarjimon.core.workbench.aligning import align_story
from tarjimon.tui.align_app import AlignReviewApp
from tarjimon.tui.align_review import ALIGN_KEYS, AlignReviewScreen
from tarjimon.tui.app import TarjimonApp
from tarjimon.tui.keys import KEYS

DATA = Path(__file__).parent / "data" / "align"
pytestmark = pytest.mark.skipif(not SEED.exists(), reason=f"the seed article is missing: {SEED}")


@pytest.fixture
def project(tmp_path: Path) -> Workbench:
    proj = Workbench.create(tmp_path / "projects", "news", "uz", ["kk", "ru", "en"],
                            glossaries_dir=tmp_path / "glossaries")
    yield proj
    proj.close()


def test_keys_are_plain_and_do_not_clash() -> None:
    names = [n for k in ALIGN_KEYS for n in k.names]
    assert len(names) == len(set(names))
    assert all(len(n) == 1 or n in ("enter", "delete", "escape") or n.startswith("f") for n in names)
    assert {k.id for k in ALIGN_KEYS}.isdisjoint({k.id for k in KEYS})


def screen_text(app: AlignReviewApp) -> str:
    from textual.widgets import DataTable

    table = app.screen.query_one(DataTable)
    return "\n".join(table.render_line(y).text for y in range(table.size.height))


@pilot_test
async def test_review_join_split_shift_reject_then_save(project: Workbench) -> None:
    alignment, _ = align_story(SEED, "uz", {"kk": DATA / "seed-kk.txt", "ru": DATA / "seed-ru.txt"})
    app = AlignReviewApp(project, alignment)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AlignReviewScreen)
        rows = screen.rows["kk"]
        text = screen_text(app)
        assert "Президент: Қозоғистон" in text and "Президент: Қазақстан" in text and "1-1" in text
        first_target = rows.rows[0].target
        await pilot.press("j")  # join the title with the lead
        assert rows.rows[0].shape == "2-2"
        await pilot.press("s")  # split it again: the lead's sentence to a row of its own
        assert rows.rows[0].shape == "1-2"
        await pilot.press("d")  # shift the lead's kk sentence down again
        assert rows.rows[0].target == first_target and rows.rows[1].shape == "1-1"
        await pilot.press("down", "r")  # reject the lead pair
        assert rows.rows[1].status == "rejected"
        accepted_kk = len(rows.accepted())
        await pilot.press("l")  # the ru pairs
        assert screen.lang == "ru" and "Казахстан" in screen_text(app)
        accepted_ru = len(screen.rows["ru"].accepted())
        await pilot.press("f2")
        for _ in range(40):
            await pilot.pause(0.05)
            if app.stored is not None:
                break
    assert app.stored == (accepted_kk + accepted_ru, 0)
    units = list(project.tm.units())
    assert len(units) == accepted_kk + accepted_ru
    lead = alignment.source.text_of(rows.rows[1].source)
    assert all(u.source != lead or u.target_lang != "kk" for u in units)


@pilot_test
async def test_escape_adds_nothing(project: Workbench) -> None:
    alignment, _ = align_story(SEED, "uz", {"kk": DATA / "seed-kk.txt"})
    app = AlignReviewApp(project, alignment)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
    assert app.stored is None and project.tm.count() == 0


@pilot_test
async def test_the_aligned_tm_offers_matches_in_the_workbench(tmp_path: Path, project: Workbench) -> None:
    project.import_file(SEED)
    args = ["--projects-dir", str(tmp_path / "projects"), "--glossaries-dir", str(tmp_path / "glossaries")]
    assert main(["align", "news", str(SEED), "--kk", str(DATA / "seed-kk.txt"), *args]) == 0
    project.reopen_tm()
    rows = project.rows()
    title = rows[0].segment
    assert title.source == "Президент: Қозоғистон рақамли давлатга айланиши керак"
    project.lock()
    app = TarjimonApp(project)
    async with app.run_test(size=(160, 45)) as pilot:
        for _ in range(40):  # the lookup worker answers
            await pilot.pause(0.05)
            panel = str(app.screen.query_one("#tm").render())
            if "looking up" not in panel and "%" in panel:
                break
        assert "Президент: Қазақстан цифрлық мемлекетке айналуы керек" in panel
        assert "101%" in panel or "100%" in panel
        origin = next(line for line in panel.splitlines() if line.startswith("Alt+1"))  # on the score's line,
        assert "align:" in origin and origin.endswith(SEED.name[-10:])  # cut in the middle in a narrow panel
        await pilot.press("alt+1")  # insert the match, confirm it
        await pilot.press("enter")
        await pilot.pause()
    assert project.translation(title.id, "kk").text == "Президент: Қазақстан цифрлық мемлекетке айналуы керек"


def _align_args(tmp_path: Path) -> list[str]:
    return ["--projects-dir", str(tmp_path / "projects"), "--glossaries-dir", str(tmp_path / "glossaries")]


async def _wait_for(pilot: Any, ready: Callable[[], bool], tries: int = 60) -> None:
    for _ in range(tries):
        await pilot.pause(0.05)
        if ready():
            return
    raise AssertionError("the screen never got there")


@pilot_test
async def test_a_pending_alignment_is_reviewed_from_the_workbench_palette(tmp_path: Path, project: Workbench,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    from tarjimon.core.workbench.align_pending import pending_alignments

    project.import_file(SEED)
    # a high threshold: the pairs below it are listed, and the alignment is kept for review
    assert main(["align", "news", str(SEED), "--kk", str(DATA / "seed-kk.txt"), "--min", "0.99",
                 *_align_args(tmp_path)]) == 0
    assert "kept for review" in capsys.readouterr().out
    [pending] = pending_alignments(project.folder)
    assert pending.below > 0 and pending.targets == {"kk": "seed-kk.txt"}
    project.reopen_tm()
    before = project.tm.count()
    project.lock()
    app = TarjimonApp(project)
    async with app.run_test(size=(160, 45)) as pilot:
        await _wait_for(pilot, lambda: type(app.screen).__name__ == "WorkbenchScreen")
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Review a pending alignment")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await _wait_for(pilot, lambda: isinstance(app.screen, AlignReviewScreen))
        screen = app.screen
        assert isinstance(screen, AlignReviewScreen)
        rows = screen.rows["kk"]
        assert "Президент: Қазақстан" in screen_text(app)  # type: ignore[arg-type]
        below = next(n for n, r in enumerate(rows.rows) if r.status == "pending")
        for _ in range(below):
            await pilot.press("down")
        await pilot.press("a")  # accept a pair the threshold left out
        assert rows.rows[below].status == "accepted"
        accepted = rows.texts(below)
        await pilot.press("f2")
        await _wait_for(pilot, lambda: type(app.screen).__name__ == "WorkbenchScreen")
    assert pending_alignments(project.folder) == []  # reviewed: no longer pending
    units = {(u.source, u.target) for u in project.tm.units() if u.target_lang == "kk"}
    assert accepted in units and project.tm.count() > before


@pilot_test
async def test_closing_the_review_keeps_the_alignment_pending(tmp_path: Path, project: Workbench) -> None:
    from tarjimon.core.workbench.align_pending import pending_alignments

    assert main(["align", "news", str(SEED), "--kk", str(DATA / "seed-kk.txt"), "--ru", str(DATA / "seed-ru.txt"),
                 "--min", "0.99", *_align_args(tmp_path)]) == 0
    project.reopen_tm()
    count = project.tm.count()
    project.lock()
    app = TarjimonApp(project)
    async with app.run_test(size=(80, 24)) as pilot:
        await _wait_for(pilot, lambda: type(app.screen).__name__ == "WorkbenchScreen")
        await app.screen.run_action("align_review")  # what the palette entry runs
        await _wait_for(pilot, lambda: isinstance(app.screen, AlignReviewScreen))
        assert app.screen.langs == ["kk", "ru"]  # type: ignore[attr-defined]
        await pilot.press("escape")
        await _wait_for(pilot, lambda: type(app.screen).__name__ == "WorkbenchScreen")
    assert len(pending_alignments(project.folder)) == 1 and project.tm.count() == count


@pilot_test
async def test_nothing_pending_says_so(project: Workbench) -> None:
    from tarjimon.tui.align_pending import NOTHING_PENDING

    project.import_file(SEED)
    project.lock()
    app = TarjimonApp(project)
    async with app.run_test(size=(120, 30)) as pilot:
        await _wait_for(pilot, lambda: type(app.screen).__name__ == "WorkbenchScreen")
        await app.screen.run_action("align_review")
        await _wait_for(pilot, lambda: any(NOTHING_PENDING in str(n.message) for n in app._notifications))
        assert type(app.screen).__name__ == "WorkbenchScreen"
