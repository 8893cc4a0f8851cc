"""The picker's import field (`tarjimon open` without a name): a file whose name has a space (a newsroom's
"Kazinform maqola.docx", a folder "My Documents") is imported; the field split every path at its spaces."""

from __future__ import annotations

from pathlib import Path

from test_tui import picker_listing, pilot_test

from tarjimon.core.workbench import Workbench
from tarjimon.tui.app import TarjimonApp
from tarjimon.tui.screens.picker import typed_paths


def test_typed_paths_keep_a_path_with_spaces_whole(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    spaced = tmp_path / "My Documents" / "Kazinform maqola.txt"
    spaced.parent.mkdir()
    spaced.write_text("Матн.\n", encoding="utf-8")
    other = tmp_path / "b.txt"
    assert typed_paths(f"  {spaced}  ") == [str(spaced)]  # an existing file as typed
    assert typed_paths(f"'{spaced}' {other}") == [str(spaced), str(other)]  # quoted, as a terminal pastes a drop
    assert typed_paths(str(spaced).replace(" ", "\\ ") + f" {other}") == [str(spaced), str(other)]
    assert typed_paths(f"{other} {tmp_path / 'c.txt'}") == [str(other), str(tmp_path / "c.txt")]
    assert typed_paths("'unclosed a.txt") == ["'unclosed", "a.txt"]  # said missing by the import, no crash
    monkeypatch.setenv("HOME", str(tmp_path))
    assert typed_paths("~/b.txt") == [str(other)]


@pilot_test
async def test_the_picker_imports_a_file_with_a_space_in_its_name(tmp_path: Path) -> None:
    from textual.widgets import Input

    Workbench.create(tmp_path / "projects", "seed", "uz", ["kk"], glossaries_dir=tmp_path / "glossaries").close()
    article = tmp_path / "Kazinform maqola.txt"
    article.write_text("Қозоғистон рақамли давлатга айланиши керак. Бу ҳақда Президент айтди.\n", encoding="utf-8")
    app = TarjimonApp(projects_dir=tmp_path / "projects", glossaries_dir=tmp_path / "glossaries")
    async with app.run_test(size=(120, 40)) as pilot:
        picker = await picker_listing(pilot, app, "seed")
        picker.query_one("#import-files", Input).value = str(article)
        await pilot.click("#import")
        for _ in range(60):
            await pilot.pause(0.05)
            if "segments" in str(picker.query_one("#import-message").render()):
                break
        said = str(picker.query_one("#import-message").render())
        assert "Kazinform maqola.txt: 2 segments" in said, said
    with Workbench.open(tmp_path / "projects", "seed", glossaries_dir=tmp_path / "glossaries") as project:
        assert [d.name for d in project.documents()] == ["Kazinform maqola.txt"]


@pilot_test
async def test_after_creating_a_project_the_import_field_has_the_focus(tmp_path: Path) -> None:
    """The create form's Enter left the focus on the project list: the path of the article typed next went
    nowhere. The import field has it now, the path typed there imports into the new project, and Enter with
    no path opens it."""
    from textual.widgets import Input

    from tarjimon.tui.workbench import WorkbenchScreen

    article = tmp_path / "a-uz.txt"
    article.write_text("Тошкентда янги мактаб очилди. Унда 500 нафар ўқувчи бор.\n", encoding="utf-8")
    app = TarjimonApp(projects_dir=tmp_path / "projects", glossaries_dir=tmp_path / "glossaries")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*"yangi", "enter")
        await pilot.pause()
        picker = app.screen
        assert picker.focused is picker.query_one("#import-files", Input)
        await pilot.press(*str(article), "enter")
        for _ in range(60):
            await pilot.pause(0.05)
            if "2 segments" in str(picker.query_one("#import-message").render()):
                break
        assert "a-uz.txt: 2 segments" in str(picker.query_one("#import-message").render())
        picker.query_one("#import-files", Input).focus()
        await pilot.press("enter")  # no path: the new project opens
        for _ in range(60):
            await pilot.pause(0.05)
            if isinstance(app.screen, WorkbenchScreen):
                break
        assert isinstance(app.screen, WorkbenchScreen) and app.screen.project.name == "yangi"
    if app.project is not None:
        app.project.close()
