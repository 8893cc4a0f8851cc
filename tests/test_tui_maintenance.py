"""The TM browser (Ctrl+B), editing and deleting a TM match from the workbench, and removing a document,
each driven through the app (Textual pilot) and checked on the screen and in the database."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_tui import ARTICLE, bench, grid_text, make_app, pilot_test, settle
from textual.widgets import DataTable, Input, OptionList

from tarjimon.core.workbench import Workbench
from tarjimon.tui.screens.confirm import ConfirmScreen
from tarjimon.tui.screens.documents import DocumentsScreen
from tarjimon.tui.screens.tm_browser import TMBrowserScreen
from tarjimon.tui.screens.tm_unit_edit import TMUnitEditScreen

SECOND = "Иккинчи мақола боши. Унда икки гап бор.\n"


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Workbench]:
    one, two = tmp_path / "article-uz.txt", tmp_path / "second-uz.txt"
    one.write_text(ARTICLE, encoding="utf-8")
    two.write_text(SECOND, encoding="utf-8")
    proj = Workbench.create(tmp_path / "projects", "seed", "uz", ["kk", "ru", "en"],
                            glossaries_dir=tmp_path / "glossaries")
    proj.import_files([one, two])
    proj.lock()
    yield proj
    proj.close()


async def wait_for(pilot, check, tries: int = 60) -> None:  # type: ignore[no-untyped-def]
    for _ in range(tries):
        if check():
            return
        await pilot.pause(0.05)
    assert check()


def table_text(app) -> str:  # type: ignore[no-untyped-def]
    table = app.screen.query_one(DataTable)
    return "\n".join(" | ".join(str(c) for c in table.get_row_at(i)) for i in range(table.row_count))


@pilot_test
async def test_ctrl_b_edits_then_deletes_a_wrong_match_and_undo_brings_it_back(project: Workbench,
                                                                                tmp_path: Path) -> None:
    first = project.rows()[0].segment
    wrong = project.tm.add(first.source, "Қате аударма", "uz", "kk", origin="wrong.tmx")
    app = make_app(project, tmp_path)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot, app)
        tm = app.screen.query_one("#tm")
        await wait_for(pilot, lambda: "Қате аударма" in tm.text)
        await pilot.press("ctrl+b")
        await wait_for(pilot, lambda: isinstance(app.screen, TMBrowserScreen) and app.screen.units)
        assert "Қате аударма" in table_text(app) and "wrong.tmx" in table_text(app)
        assert "the current segment's 1 TM matches" in str(app.screen.query_one("#tmb-status").render())
        # Enter edits: the target field holds the unit's target; typing at its end corrects it
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, TMUnitEditScreen))
        field = app.screen.query_one("#unit-target", Input)
        assert field.value == "Қате аударма" and app.screen.focused is field
        await pilot.press("ctrl+end")
        await pilot.press("backspace", *"а дұрыс")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, TMBrowserScreen))
        assert project.tm.unit(wrong).target == "Қате аударма дұрыс"
        assert "Қате аударма дұрыс" in table_text(app)
        # Delete asks first; N keeps the unit
        await pilot.press("delete")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, TMBrowserScreen))
        assert project.tm.unit(wrong).target == "Қате аударма дұрыс"
        count = project.tm.count()
        await pilot.press("delete")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await wait_for(pilot, lambda: isinstance(app.screen, TMBrowserScreen) and not app.screen.units)
        assert project.tm.count() == count - 1 and "Қате" not in table_text(app)
        # Ctrl+Z brings the last deleted unit back, with its origin
        await pilot.press("ctrl+z")
        await wait_for(pilot, lambda: "Қате аударма дұрыс" in table_text(app))
        assert project.tm.count() == count and "wrong.tmx" in table_text(app)
        await pilot.press("delete")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await pilot.pause(0.1)
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is bench(app))
        await wait_for(pilot, lambda: "Қате" not in tm.text)
    assert all(m.target != "Қате аударма дұрыс" for m in project.tm.lookup(first.source, "kk"))
    conn = sqlite3.connect(project.folder / "project.db")
    assert conn.execute("SELECT COUNT(*) FROM tm_units WHERE target LIKE 'Қате%'").fetchone()[0] == 0


@pilot_test
async def test_tm_browser_searches_filters_and_pages_a_big_tm(project: Workbench, tmp_path: Path) -> None:
    from tarjimon.core.models.tm import NewUnit

    project.tm.import_units(NewUnit("uz", "kk" if n % 2 else "ru", "uz", "kk" if n % 2 else "ru",
                                    f"Хабар рақами {n} бугун чиқди.", f"Хабар нөмірі {n} шықты.",
                                    origin=f"archive-{n % 5}.tmx") for n in range(1, 2001))
    app = make_app(project, tmp_path)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot, app)
        await app.run_action("tm_browser(True)", app.screen)
        await wait_for(pilot, lambda: isinstance(app.screen, TMBrowserScreen) and len(app.screen.units) == 100)
        screen = app.screen
        assert screen.more and "100+ units shown · 2000 in the TM" in str(screen.query_one("#tmb-status").render())
        assert screen.units[0].unit.source == "Хабар рақами 2000 бугун чиқди."
        # the cursor going down loads the next page, never the whole TM
        screen.query_one(DataTable).focus()
        await pilot.press("ctrl+end")
        await wait_for(pilot, lambda: len(screen.units) == 200)
        assert screen.units[150].unit.source == "Хабар рақами 1850 бугун чиқди."
        # search (Latin finds Cyrillic), with a target language and an origin
        screen.query_one("#tmb-text", Input).value = "xabar raqami 13"
        screen.query_one("#tmb-lang", Input).value = "kk"
        screen.query_one("#tmb-origin", Input).value = "archive-3"
        screen.query_one("#tmb-text", Input).focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: not screen.more and len(screen.units) == 12)
        assert {b.unit.origin for b in screen.units} == {"archive-3.tmx"}
        assert {b.unit.target_lang for b in screen.units} == {"kk"}
        assert "Хабар рақами 1393 бугун чиқди." in [b.unit.source for b in screen.units]
        detail = str(screen.query_one("#tmb-detail").render())
        assert "from archive-3.tmx" in detail and "used by 0 confirmed targets" in detail


@pilot_test
async def test_palette_removes_a_document(project: Workbench, tmp_path: Path) -> None:
    second = project.document("second-uz.txt")
    seg = project.segments(second.id)[0]
    project.confirm(seg.id, "kk", "Екінші мақаланың басы.")
    units = project.tm.count()
    app = make_app(project, tmp_path)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot, app)
        assert "Иккинчи мақола боши" in grid_text(app) or len(bench(app).rows) > 3
        before = len(bench(app).rows)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"documents: list them")
        await pilot.pause(0.4)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, DocumentsScreen))
        listed = app.screen.query_one("#documents-list", OptionList)
        assert "second-uz.txt" in " ".join(str(listed.get_option_at_index(i).prompt) for i in range(2))
        await pilot.press("down", "delete")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert "Remove second-uz.txt (2 segments, 1 targets)" in str(app.screen.query_one("#confirm-question").render())
        await pilot.press("y")
        await wait_for(pilot, lambda: isinstance(app.screen, DocumentsScreen) and len(app.screen.infos) == 1)
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is bench(app) and len(bench(app).rows) == before - 2)
        assert "Иккинчи мақола боши" not in grid_text(app)
    assert [d.name for d in project.documents()] == ["article-uz.txt"]
    assert project.tm.count() == units
    conn = sqlite3.connect(project.folder / "project.db")
    assert conn.execute("SELECT text FROM translation_history WHERE origin LIKE 'removed with%'").fetchall() == [
        ("Екінші мақаланың басы.",)]


@pilot_test
async def test_a_read_only_workbench_browses_the_tm_but_changes_nothing(project: Workbench, tmp_path: Path) -> None:
    from tarjimon.tui.app import TarjimonApp

    first = project.rows()[0].segment
    project.tm.add(first.source, "Қате аударма", "uz", "kk", origin="wrong.tmx")
    count = project.tm.count()
    app = TarjimonApp(project, read_only=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await pilot.press("ctrl+b")
        await wait_for(pilot, lambda: isinstance(app.screen, TMBrowserScreen) and app.screen.units)
        assert "read-only" in app.screen.query_one("#tm-browser-box").border_title
        await pilot.press("delete")
        await pilot.pause(0.2)
        assert isinstance(app.screen, TMBrowserScreen)  # no question asked, nothing deleted
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert isinstance(app.screen, TMBrowserScreen)
    assert project.tm.count() == count


@pilot_test
async def test_removing_every_document_leaves_an_empty_workbench_that_still_works(project: Workbench,
                                                                                  tmp_path: Path) -> None:
    app = make_app(project, tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await app.run_action("documents", app.screen)
        await wait_for(pilot, lambda: isinstance(app.screen, DocumentsScreen))
        for left in (1, 0):
            await pilot.press("d")
            await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
            await pilot.press("y")
            await wait_for(pilot, lambda n=left: isinstance(app.screen, DocumentsScreen) and len(app.screen.infos) == n)
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is bench(app) and not bench(app).rows)
        for key in ("ctrl+down", "f6", "ctrl+s", "ctrl+b"):  # nothing to act on: no traceback
            await pilot.press(key)
            await pilot.pause(0.1)
    assert project.documents() == []
