"""Back to the project list from the workbench (Ctrl+\\, Alt+P, the palette): a translator who opened one project
goes to another without quitting. The typed text is saved as a draft and the cell remembered first (as Ctrl+Q
does), the project is closed and its edit lock released, the picker lists its folder with it highlighted, and
Enter opens another (or the same one again, where it was, for editing: not read-only)."""

from __future__ import annotations

from pathlib import Path

from test_tui import pilot_test
from testkit import SEED, until
from textual.widgets import OptionList

from tarjimon.core.workbench import Workbench
from tarjimon.tui.app import TarjimonApp
from tarjimon.tui.editor import TargetEditor
from tarjimon.tui.screens.picker import PickerScreen
from tarjimon.tui.workbench import WorkbenchScreen

ARTICLE = "Тошкентда янги мактаб очилди. Унда 500 нафар ўқувчи таҳсил олади.\n"


def _projects(tmp_path: Path) -> Path:
    projects = tmp_path / "projects"
    for name, text in (("first", ARTICLE), ("second", "Самарқандда кўргазма бўлди. Уни минглаб киши кўрди.\n")):
        article = tmp_path / f"{name}-uz.txt"
        article.write_text(text if name == "second" or not SEED.is_file() else SEED.read_text(encoding="utf-8"),
                           encoding="utf-8")  # fmt: skip
        with Workbench.create(projects, name, "uz", ["kk", "ru"], glossaries_dir=tmp_path / "g") as project:
            project.import_file(article)
    return projects


@pilot_test
async def test_ctrl_backslash_goes_back_to_the_list_keeping_the_work_and_opens_another(tmp_path: Path) -> None:
    projects = _projects(tmp_path)
    first = Workbench.open(projects, "first", glossaries_dir=tmp_path / "g")
    first.lock()  # as `tarjimon open first` does: no projects folder given to the app
    app = TarjimonApp(first, glossaries_dir=tmp_path / "g")
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, WorkbenchScreen), "the workbench")
        wb = app.screen
        assert isinstance(wb, WorkbenchScreen)
        wb.goto(1, "ru", save=False)
        await pilot.pause()
        await pilot.press(*"Школа", "ctrl+backslash")  # typed, not confirmed
        await until(pilot, lambda: isinstance(app.screen, PickerScreen), "the picker")
        picker = app.screen
        listing = picker.query_one(OptionList)
        await until(pilot, lambda: listing.highlighted is not None, "a highlighted project")
        assert listing.get_option_at_index(listing.highlighted or 0).id == "first"  # the one we came from
        with Workbench.open(projects, "first", glossaries_dir=tmp_path / "g") as again:
            again.lock()  # released: another workbench could take it now
            again.unlock()
            row = again.rows()[1]
            assert (row.targets["ru"].text, row.targets["ru"].status) == ("Школа", "draft")
        await pilot.press("down", "enter")  # the second project
        await until(pilot, lambda: isinstance(app.screen, WorkbenchScreen), "the second workbench")
        assert app.screen.project.name == "second" and not app.screen.read_only  # type: ignore[attr-defined]
        await pilot.press("alt+p")
        await until(pilot, lambda: isinstance(app.screen, PickerScreen), "the picker again")
        listing = app.screen.query_one(OptionList)
        await until(pilot, lambda: listing.highlighted is not None, "a highlighted project")
        await pilot.press("up", "enter")  # the first one again: for editing, at the cell it was left in
        await until(pilot, lambda: isinstance(app.screen, WorkbenchScreen), "the first workbench again")
        wb = app.screen
        assert isinstance(wb, WorkbenchScreen) and wb.project.name == "first" and not wb.read_only
        assert (wb.row_index, wb.lang) == (1, "ru") and wb.query_one(TargetEditor).text == "Школа"
    first.close()  # (closed by the app already: closing again is harmless)
    if app.project is not None:
        app.project.close()
