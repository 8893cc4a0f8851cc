"""Text that looks like Textual markup ([/], [bold], [@click=app.quit]) in segments, TM units, file names,
typed input and messages is shown as written and never crashes the workbench (found walking the product,
ninth session: a `[/]` in a TM unit made Ctrl+B crash the whole workbench with a MarkupError traceback)."""

from __future__ import annotations

from pathlib import Path

from test_tui import pilot_test

from tarjimon.core.workbench import Workbench
from tarjimon.core.workbench.aligning import align_story
from tarjimon.tui.align_app import AlignReviewApp
from tarjimon.tui.app import TarjimonApp

HOSTILE = "Salom [/] dunyo [bold]qalin[/bold] [@click=app.quit]chiqish[/] gap."


def _project(tmp_path: Path) -> Workbench:
    article = tmp_path / "story[red].txt"
    article.write_text(f"{HOSTILE}\nIkkinchi gap.\n", encoding="utf-8")
    project = Workbench.create(tmp_path / "projects", "mk", "uz", ["kk"], glossaries_dir=tmp_path / "g")
    project.import_file(article)
    project.confirm(project.segments()[0].id, "kk", "Сәлем [/] әлем [bold]жуан[/bold] сөйлем.")
    project.lock()
    return project


def _table_text(app: TarjimonApp | AlignReviewApp) -> str:
    from textual.widgets import DataTable

    table = app.screen.query_one(DataTable)
    return "\n".join(table.render_line(y).text for y in range(table.size.height))


@pilot_test
async def test_the_tm_browser_a_notification_and_go_to_show_markup_as_written(tmp_path: Path) -> None:
    """Before: Ctrl+B (the TM browser, a DataTable of string cells) crashed on the unit's `[/]`; so did a
    notification quoting it, and Ctrl+G with `[/]` typed ("no segment [/]: ...")."""
    project = _project(tmp_path)
    app = TarjimonApp(project)
    try:
        async with app.run_test(size=(140, 40)) as pilot:
            await pilot.pause()
            await pilot.press("ctrl+b")
            for _ in range(40):
                await pilot.pause(0.05)
                if "Сәлем [/] әлем" in _table_text(app):
                    break
            assert "Сәлем [/] әлем [bold]жуан[/bold]" in _table_text(app)
            await pilot.press("escape")
            app.screen.notify(f"Deleted from the TM: {HOSTILE}")
            await pilot.pause(0.2)
            await pilot.press("ctrl+g")
            await pilot.pause(0.1)
            from textual.widgets import Input

            app.screen.query_one(Input).value = "[/]"
            await pilot.press("enter")
            await pilot.pause(0.2)
            assert "no segment [/]" in str(app.screen.query_one("#goto-message").render())
            await pilot.press("escape")
            assert app.is_running and app.return_code is None
    finally:
        project.close()


@pilot_test
async def test_the_alignment_review_shows_markup_as_written(tmp_path: Path) -> None:
    """Before: `align --review` of a story with `[/]` in a sentence (a file name with [red] in it lost its brackets in the title line)
    crashed on its first frame."""
    source = tmp_path / "story[red]-uz.txt"
    source.write_text(" date 2026-01-05 Sarlavha [/] 2026\nBirinchi [bold] gap 1862 yilda. Ikkinchi gap [/] 1997 "
                      "yilda.\n", encoding="utf-8")  # fmt: skip
    target = tmp_path / "story[red]-kk.txt"
    target.write_text(" date 2026-01-05 Тақырып [/] 2026\nБірінші [bold] сөйлем 1862 жылы. Екінші сөйлем [/] 1997 "
                      "жылы.\n", encoding="utf-8")  # fmt: skip
    project = Workbench.create(tmp_path / "projects", "al", "uz", ["kk"], glossaries_dir=tmp_path / "g")
    try:
        alignment, _ = align_story(source, "uz", {"kk": target}, check=False)
        app = AlignReviewApp(project, alignment)
        async with app.run_test(size=(140, 30)) as pilot:
            await pilot.pause(0.3)
            text = _table_text(app)
            assert "Ikkinchi gap [/] 1997" in text and "Екінші сөйлем [/] 1997" in text
            assert "story[red]-uz.txt" in str(app.screen.query_one("#align-title").render())
            assert app.is_running and app.return_code is None
    finally:
        project.close()


@pilot_test
async def test_the_review_title_keeps_its_language_key_at_80_columns(tmp_path: Path) -> None:
    """At 80x24 the footer cuts 'd Shift ↓  l Lang', and the title line was cut at 'rows ·': nothing on the
    screen said that l shows the next target language's pairs. The title now wraps (up to 3 lines)."""
    source = tmp_path / "a-uz.txt"
    source.write_text(" date 2026-01-05 Sarlavha 2026\nBirinchi gap 1862 yilda. Ikkinchi gap 1997 yilda.\n",
                      encoding="utf-8")  # fmt: skip
    target = tmp_path / "a-kk.txt"
    target.write_text(" date 2026-01-05 Тақырып 2026\nБірінші сөйлем 1862 жылы. Екінші сөйлем 1997 жылы.\n",
                      encoding="utf-8")  # fmt: skip
    project = Workbench.create(tmp_path / "projects", "al", "uz", ["kk", "ru"], glossaries_dir=tmp_path / "g")
    try:
        alignment, _ = align_story(source, "uz", {"kk": target, "ru": target}, check=False)
        app = AlignReviewApp(project, alignment)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause(0.3)
            title = app.screen.query_one("#align-title")
            shown = " ".join(title.render_line(y).text.strip() for y in range(title.size.height))
            assert "(l: next)" in shown, shown
    finally:
        project.close()
