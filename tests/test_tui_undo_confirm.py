"""Undo of a confirm (tui/undo_confirm.py): Enter on the wrong text committed it and moved on, and Ctrl+Z did
nothing there (the editor's undo starts afresh in each cell). Now Ctrl+Z right after the confirm, or the
palette's "Undo the last confirm", puts the target back as it was before; the confirmed text stays a version."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_tui import bench, make_app, pilot_test

from tarjimon.core.workbench import Workbench
from tarjimon.tui.editor import TargetEditor


@pytest.fixture
def project(tmp_path: Path) -> Workbench:
    article = tmp_path / "three-uz.txt"
    article.write_text("Birinchi gap shu. Ikkinchi gap shu. Uchinchi gap shu.\n", encoding="utf-8")
    proj = Workbench.create(tmp_path / "projects", "three", "uz", ["kk"], glossaries_dir=tmp_path / "g")
    proj.import_file(article)
    proj.save_target(proj.segments()[1].id, "kk", "Екінші сөйлем", "draft")
    proj.lock()
    return proj


@pilot_test
async def test_ctrl_z_right_after_enter_undoes_the_confirm(project: Workbench, tmp_path: Path) -> None:
    first, second, _third = project.segments()
    app = make_app(project, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        wb = bench(app)
        assert wb.row_index == 0
        await pilot.press(*"Қате", "enter")  # a wrong text confirmed: on to segment 2
        await pilot.pause()
        assert wb.row_index == 1 and project.translation(first.id, "kk").status == "translated"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert (wb.row_index, project.translation(first.id, "kk").status) == (0, "empty")
        assert wb.query_one(TargetEditor).text == ""
        assert [h.text for h in project.history(first.id, "kk")] == ["Қате"]  # kept as a version

        await pilot.press("ctrl+down", "end", *".", "enter")  # a draft confirmed with a full stop
        await pilot.pause()
        assert project.translation(second.id, "kk").status == "translated"
        await pilot.press("ctrl+home", "ctrl+z")  # moved on since: Ctrl+Z is the editor's, not the confirm's
        await pilot.pause()
        assert project.translation(second.id, "kk").status == "translated"
        await wb.run_action("undo_confirm")  # the palette's, from anywhere
        await pilot.pause()
        assert wb.row_index == 1
        got = project.translation(second.id, "kk")
        assert (got.text, got.status) == ("Екінші сөйлем", "draft")
        assert wb.query_one(TargetEditor).text == "Екінші сөйлем"
        await pilot.press("ctrl+z")  # nothing more to undo: the draft stays
        await pilot.pause()
        assert project.translation(second.id, "kk").status == "draft"
