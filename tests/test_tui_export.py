"""Export from the workbench (the palette's "Export the translations"): a translator ends the job with the
translated files without leaving for the command line, as in OmegaT or memoQ. The dialog takes the language
being edited, each document's own format, the project's `export` folder; drafts are refused unless allowed, as
`tarjimon export` refuses them, and the notification says what was written or why not."""

from __future__ import annotations

from pathlib import Path

from test_tui import pilot_test
from testkit import until
from textual.widgets import Checkbox, Input

from tarjimon.core.workbench import Workbench
from tarjimon.tui.app import TarjimonApp
from tarjimon.tui.screens.export import ExportScreen
from tarjimon.tui.workbench import WorkbenchScreen


@pilot_test
async def test_the_palette_exports_the_translation_refusing_drafts_unless_allowed(tmp_path: Path) -> None:
    article = tmp_path / "maktab-uz.txt"
    article.write_text("Тошкентда янги мактаб очилди. Унда 500 нафар ўқувчи бор.\n", encoding="utf-8")
    with Workbench.create(tmp_path / "projects", "p", "uz", ["kk", "ru"], glossaries_dir=tmp_path / "g") as proj:
        proj.import_file(article)
        first, second = proj.segments()
        proj.save_target(first.id, "ru", "В Ташкенте открылась новая школа.", "translated")
        proj.save_target(second.id, "ru", "В ней учатся 500 учеников.", "draft")
    project = Workbench.open(tmp_path / "projects", "p", glossaries_dir=tmp_path / "g")
    project.lock()
    app = TarjimonApp(project)
    notes: list[str] = []
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, WorkbenchScreen), "the workbench")
            wb = app.screen
            assert isinstance(wb, WorkbenchScreen)
            wb.notify = lambda message, **kw: notes.append(str(message))  # type: ignore[method-assign]
            wb.goto(0, "ru", save=False)
            await pilot.press("ctrl+p")
            await pilot.pause(0.3)
            await pilot.press(*"export the", "enter")
            await until(pilot, lambda: isinstance(app.screen, ExportScreen), "the export dialog")
            folder = app.screen.query_one("#export-folder", Input)
            assert folder.value == str(project.folder / "export")  # the project's own export folder
            await pilot.press("enter")  # ru (the language being edited), each document's own format
            await until(pilot, lambda: any("Not exported" in n for n in notes), "the refusal")
            assert any("“drafts as they are” ticked" in n for n in notes), notes
            assert not (project.folder / "export").exists()
            notes.clear()
            await pilot.press("ctrl+p")
            await pilot.pause(0.3)
            await pilot.press(*"export the", "enter")
            await until(pilot, lambda: isinstance(app.screen, ExportScreen), "the export dialog again")
            app.screen.query_one("#export-drafts", Checkbox).value = True
            await pilot.press("ctrl+s")
            await until(pilot, lambda: any("Exported ru" in n for n in notes), "the export")
    finally:
        project.close()
    written = project.folder / "export" / "maktab-uz.ru.txt"
    assert written.read_text(encoding="utf-8").split() == "В Ташкенте открылась новая школа. В ней учатся 500 учеников.".split()
    assert any("1 draft target" in n and "segment 2" in n for n in notes), notes  # what went in besides confirmed
