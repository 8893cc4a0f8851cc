"""Pilot tests of the review tools: versions of a target (Ctrl+A) with a word diff and restore, reviewer
comments (F12: the grid's ✱, the panel), and repetitions fill / ask / never. Keys in; screen and database
checked. (The same keys as raw terminal bytes: test_tui_keys_tmux.py.)"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from test_tui import bench, grid_text, make_app, pilot_test

from tarjimon.core.workbench import Workbench as Project
from tarjimon.tui.comments_panel import CommentsPanel
from tarjimon.tui.editor import TargetEditor
from tarjimon.tui.screens.comments import CommentsScreen
from tarjimon.tui.screens.history import HistoryScreen
from tarjimon.tui.screens.repetitions import RepetitionsScreen

ARTICLE = ("Бу гап. Бошқа гап. Бу гап.\n"
           "Учинчи гап. Бу гап.\n")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Project]:
    monkeypatch.setenv("TARJIMON_USER", "madina")
    # the 3 s draft autosave never fires halfway through what a test types: on a loaded machine typing
    # "Өзге сөйлем." took longer, and "Өз" became a version of its own (v4 current, not v3)
    monkeypatch.setattr("tarjimon.tui.workbench.AUTOSAVE_SECONDS", 3600.0)
    article = tmp_path / "rep-uz.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    proj = Project.create(tmp_path / "projects", "rep", "uz", ["kk", "ru"], glossaries_dir=tmp_path / "g")
    proj.import_file(article)
    proj.lock()
    yield proj
    proj.close()


def editor(app) -> TargetEditor:  # type: ignore[no-untyped-def]
    return app.screen.query_one(TargetEditor) if not isinstance(app.screen, HistoryScreen | CommentsScreen) \
        else app.screen_stack[-2].query_one(TargetEditor)


@pilot_test
async def test_versions_compared_and_one_restored(project: Project, tmp_path: Path) -> None:
    second = project.segments()[1].id
    project.save_target(second, "kk", "Басқа сөйлем", "draft")
    project.save_target(second, "kk", "Басқа сөйлем.")
    app = make_app(project, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+down")  # segment 2
        await pilot.press("ctrl+d", *"Өзге сөйлем.", "ctrl+a")  # what is typed is saved first: a version too
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        shown = screen.text
        assert "v3 current" in shown and "madina" in shown and "◐ draft" in shown
        assert "[-Басқа-]{+Өзге+} сөйлем." in shown  # v3 against v2, marked without colour too
        assert "Басқа сөйлем{+.+}" in shown  # v2 against v1
        await pilot.press("d")  # against the current text
        assert "Басқа{+.+}" not in app.screen.text and "[-Өзге-]{+Басқа+} сөйлем" in app.screen.text
        await pilot.press("down", "down", "enter")  # the oldest version (newest first in the list)
        await pilot.pause()
        assert not isinstance(app.screen, HistoryScreen)
        assert editor(app).text == "Басқа сөйлем" and "◐ draft" in str(editor(app).border_title)
        assert "◐ Басқа сөйлем" in grid_text(app)
        assert any("Restored version 1" in n.message for n in app._notifications)
    saved = project.translation(second, "kk")
    assert (saved.text, saved.status, saved.origin) == ("Басқа сөйлем", "draft", "restored v1")
    assert [v.text for v in project.review.versions(second, "kk")] == [
        "Басқа сөйлем", "Басқа сөйлем.", "Өзге сөйлем.", "Басқа сөйлем"]



@pilot_test
async def test_a_restored_version_is_checked_again(project: Project, tmp_path: Path) -> None:
    """Ctrl+A, Enter on an older version: the QA panel kept the findings of the text it replaced (a missing
    full stop) until the translator moved away and back."""
    second = project.segments()[1].id  # Бошқа гап.
    project.save_target(second, "kk", "Басқа сөйлем.")
    project.save_target(second, "kk", "Басқа сөйлем", "draft")  # left without its full stop (then reopened)
    app = make_app(project, tmp_path)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("ctrl+down")
        qa = app.screen.query_one("#qa")
        for _ in range(80):
            await pilot.pause(0.05)
            if qa.border_title == "QA (1)":
                break
        assert qa.border_title == "QA (1)" and "full stop" in str(qa.render())
        await pilot.press("ctrl+a")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("down", "enter")  # v1: "Басқа сөйлем."
        for _ in range(80):
            await pilot.pause(0.05)
            if "no findings" in str(qa.render()):
                break
        assert editor(app).text == "Басқа сөйлем."
        assert "no findings" in str(qa.render()) and qa.border_title == "QA"

@pilot_test
async def test_comments_added_marked_in_the_grid_and_resolved(project: Project, tmp_path: Path) -> None:
    second = project.segments()[1].id
    project.review.add_comment(project.segments()[3].id, "Check «учинчи»", "kk")
    app = make_app(project, tmp_path)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        assert "   4✱│" in grid_text(app) and "   2 │" in grid_text(app)
        panel = app.screen.query_one(CommentsPanel)
        assert not panel.display or panel.has_class("-none")  # segment 1 has none: no room taken
        await pilot.press("ctrl+down", "f12")
        await pilot.pause()
        assert isinstance(app.screen, CommentsScreen) and "no comments" in str(
            app.screen.query_one("#comment-list").get_option_at_index(0).prompt)
        await pilot.press(*"сөйлем емес", "enter")
        await pilot.pause()
        assert "✱ madina · kk" in app.screen.text and "сөйлем емес" in app.screen.text
        await pilot.press("escape")
        await pilot.pause()
        assert "   2✱│" in grid_text(app)
        panel = app.screen.query_one(CommentsPanel)
        assert not panel.has_class("-none") and "сөйлем емес" in panel.text
        assert panel.border_title == "Comments (1) F12"
        [comment] = project.review.comments(second)
        assert (comment.lang, comment.author, comment.text) == ("kk", "madina", "сөйлем емес")

        await pilot.press("alt+m")  # the second key: resolve it (Tab to the list, Enter)
        await pilot.pause()
        await pilot.press("shift+tab", "enter")
        await pilot.pause()
        assert "✓ madina" in app.screen.text and "resolved by madina" in app.screen.text
        await pilot.press("escape")
        await pilot.pause()
        assert "   2 │" in grid_text(app) and app.screen.query_one(CommentsPanel).has_class("-none")
    assert project.review.comments(second) == [] and not project.review.comments(
        second, include_resolved=True)[0].open


@pilot_test
async def test_repetitions_fill_says_so_and_undoes(project: Project, tmp_path: Path) -> None:
    first, _, third, _, fifth = [s.id for s in project.segments()]
    app = make_app(project, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*"Бұл сөз", "enter")
        await pilot.pause()
        assert "filled 2 repetitions" in str(editor(app).border_subtitle)
        assert grid_text(app).count("● Бұл сөз") == 3
        app.screen.action_undo_repetitions()  # the palette's "Undo the fill of repetitions"
        await pilot.pause()
        assert grid_text(app).count("● Бұл сөз") == 1 and "undid 2 repetitions" in str(editor(app).border_subtitle)
    assert [project.translation(s, "kk").status for s in (first, third, fifth)] == ["translated", "empty", "empty"]


@pilot_test
async def test_repetitions_ask_then_choose_or_never(project: Project, tmp_path: Path) -> None:
    first, _, third, _, fifth = [s.id for s in project.segments()]
    app = make_app(project, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        app.screen.action_repetition_mode()  # palette: fill -> ask
        assert project.config.settings["repetitions"] == "ask"
        await pilot.press(*"Бұл сөз", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RepetitionsScreen) and "Fill 2 repetitions?" in str(
            screen.query_one("#repetitions-box").border_title)
        assert project.translation(third, "kk").status == "empty"  # nothing filled before the answer
        await pilot.press(*"ана")  # letters typed on after Enter answer nothing
        assert isinstance(app.screen, RepetitionsScreen)
        await pilot.press("shift+tab", "down", "space", "enter")  # tick the second one (segment 5) only
        await pilot.pause()
        assert not isinstance(app.screen, RepetitionsScreen)
        assert "filled 1 repetition" in str(editor(app).border_subtitle)
        assert project.translation(fifth, "kk").origin == "repetition"
        assert project.translation(third, "kk").status == "empty"

        await pilot.press("ctrl+up", "tab", *"Это", "enter")  # segment 1, ru: Enter on "Fill all"
        await pilot.pause()
        assert isinstance(app.screen, RepetitionsScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert "filled 2 repetitions" in str(editor(app).border_subtitle)
        assert [project.translation(s, "ru").text for s in (third, fifth)] == ["Это", "Это"]

        bench(app).action_repetition_mode()  # ask -> never
        await pilot.press("ctrl+home", "shift+tab", "ctrl+d", *"Бұл", "enter")  # segment 1, kk again
        await pilot.pause()
        assert not isinstance(app.screen, RepetitionsScreen)
    assert project.translation(first, "kk").text == "Бұл"
    assert project.translation(third, "kk").status == "empty" and project.stats()["repetitions"] == "never"


@pilot_test
async def test_comments_of_a_sentence_a_reimport_dropped_still_show(project: Project, tmp_path: Path) -> None:
    project.review.add_comment(project.segments()[3].id, "Check «учинчи»", "kk")
    (tmp_path / "rep-uz.txt").write_text(ARTICLE.replace("Учинчи гап.", "Тўртинчи гап."), encoding="utf-8")
    project.import_file(tmp_path / "rep-uz.txt")
    app = make_app(project, tmp_path)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        assert "✱" not in grid_text(app)  # no live sentence has it
        await pilot.press("f12")
        await pilot.pause()
        assert isinstance(app.screen, CommentsScreen)
        assert "on a removed sentence (removed by re-import): «Учинчи гап.»" in app.screen.text
        assert "Check «учинчи»" in app.screen.text
