"""Pilot tests of `tarjimon align --review` and of the aligned TM in the workbench (issue 17).

The seed article is read from ../shared (skipped visibly when missing); its Kazakh and Russian versions are
tests/data/align/seed-kk.txt and seed-ru.txt, written for these tests.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import pytest
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


def pilot_test(fn: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    @functools.wraps(fn)
    def run(*args: Any, **kwargs: Any) -> None:
        asyncio.run(fn(*args, **kwargs))

    return run


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
        assert f"align:{SEED.name}" in panel.replace("\n", "")  # the match's origin
        await pilot.press("alt+1")  # insert the match, confirm it
        await pilot.press("enter")
        await pilot.pause()
    assert project.translation(title.id, "kk").text == "Президент: Қазақстан цифрлық мемлекетке айналуы керек"
