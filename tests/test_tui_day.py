"""A translator's day in the workbench (Pilot): defects met on the way, each mended. The same day through a
real terminal: test_tui_day_tmux.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_tui import bench, make_app, pilot_test

from tarjimon.core.workbench import Workbench
from tarjimon.tui.editor import TargetEditor

SENTENCE = ("Өзбекстан Республикасының Президенті цифрлық экономика, жасанды интеллект және білім беру "
            "саласындағы реформалар туралы айтып")


@pytest.fixture
def project(tmp_path: Path) -> Workbench:
    article = tmp_path / "long-uz.txt"
    article.write_text("Uzun xabar.\n\n" + ", ".join(["Prezident islohotlar haqida gapirib"] * 12) + " dedi.\n",
                       encoding="utf-8")
    proj = Workbench.create(tmp_path / "projects", "day", "uz", ["kk"], glossaries_dir=tmp_path / "g")
    proj.import_file(article)
    proj.lock()
    yield proj
    proj.close()


def _cursor_shown(editor: TargetEditor) -> bool:
    x, y = editor.cursor_screen_offset
    region = editor.content_region
    return region.y <= y < region.bottom and region.x <= x <= region.right


@pilot_test
async def test_the_cursor_stays_in_sight_when_the_terminal_shrinks(project: Workbench, tmp_path: Path) -> None:
    """Typing a long target at 160x45, then the terminal made 80x24: the editor (now 2 lines high) showed the
    text's first lines, the cursor at its end out of sight, until the next key."""
    app = make_app(project, tmp_path)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("ctrl+down")
        editor = app.screen.query_one(TargetEditor)
        editor.insert(", ".join([SENTENCE] * 10) + " деді.")
        await pilot.pause()
        assert _cursor_shown(editor)
        await pilot.resize_terminal(80, 24)
        for _ in range(20):
            await pilot.pause(0.05)
            if _cursor_shown(editor):
                break
        assert editor.content_region.height == 2 and editor.cursor_location[1] > 0
        assert _cursor_shown(editor), (editor.cursor_screen_offset, editor.content_region, editor.scroll_offset)
        assert bench(app).row_index == 1


@pilot_test
async def test_the_palettes_screenshot_is_saved_without_a_downloads_folder(
    project: Workbench, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The palette's Screenshot on a machine with no Downloads folder (a newsroom server reached over ssh)
    said "Failed to save screenshot" and wrote nothing. It goes to the current folder, and the notice says
    where."""
    home, work = tmp_path / "home", tmp_path / "work"
    home.mkdir()
    work.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_DOWNLOAD_DIR", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.chdir(work)
    app = make_app(project, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p", *"screenshot")
        await pilot.pause(0.3)
        await pilot.press("enter")
        for _ in range(40):
            await pilot.pause(0.05)
            if list(work.glob("*.svg")):
                break
        saved = list(work.glob("*.svg"))
        assert len(saved) == 1 and "<svg" in saved[0].read_text(encoding="utf-8")
        assert any(str(saved[0]) in n.message for n in app._notifications)
