"""Pilot tests of editing in the workbench: split and join (Insert), find and replace (Ctrl+W), glossary term
completion while typing, and inserting a concordance hit. Keys in; the screen and the database checked."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_tui import bench, grid_text, pilot_test, settle

from tarjimon.core.workbench import Workbench
from tarjimon.tui.app import TarjimonApp
from tarjimon.tui.editor import TargetEditor, term_completion

ARTICLE = (
    "Toshkentda yangi maktab ochildi.\n\n"
    "Maktabda 500 o'quvchi o'qiydi. Unda 40 o'qituvchi ishlaydi.\n\n"
    "Ochilish marosimida hokim so'zga chiqdi, u ota-onalarni tabrikladi.\n"
)


@pytest.fixture
def project(tmp_path: Path) -> Workbench:
    (tmp_path / "news.txt").write_text(ARTICLE, encoding="utf-8")
    proj = Workbench.create(tmp_path / "projects", "p", "uz", ["kk", "ru"], glossaries_dir=tmp_path / "g")
    (proj.folder / "glossary.tsv").write_text("uz\tkk\tru\nmaktab\tмектеп\tшкола\n", encoding="utf-8")
    proj.import_file(tmp_path / "news.txt")
    segs = proj.segments()
    proj.confirm(segs[0].id, "kk", "Ташкентте жаңа мектеп ашылды.")
    proj.confirm(segs[1].id, "kk", "Мектепте 500 оқушы оқиды.")
    proj.confirm(segs[2].id, "kk", "Онда 40 мұғалім жұмыс істейді.")
    proj.confirm(segs[3].id, "kk", "Ашылу салтанатында әкім сөз сөйледі, ол ата-аналарды құттықтады.")
    proj.lock()
    yield proj
    proj.close()


def sources(project: Workbench) -> list[str]:
    return [s.source for s in project.segments()]


@pilot_test
async def test_insert_joins_then_splits_and_the_grid_and_database_follow(project: Workbench) -> None:
    app = TarjimonApp(project)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot, app)
        bench(app).goto(1, "kk")
        await pilot.pause()
        await pilot.press("insert")
        await pilot.pause()
        assert "Split or join segment 2" in str(app.screen.query_one("#split-box").border_title)
        await pilot.press("j")
        await settle(pilot, app)
        joined = "Maktabda 500 o'quvchi o'qiydi. Unda 40 o'qituvchi ishlaydi."
        assert sources(project)[1] == joined and len(sources(project)) == 3
        new = project.segments()[1]
        kk = project.translation(new.id, "kk")
        assert (kk.text, kk.status) == ("Мектепте 500 оқушы оқиды. Онда 40 мұғалім жұмыс істейді.", "translated")
        editor = app.screen.query_one(TargetEditor)
        assert editor.text == kk.text and "segment 2" in str(editor.border_title)
        assert "kk  3/3" in grid_text(app)  # three segments now, all translated in Kazakh
        # split the last segment after its comma: the Kazakh target is cut at its comma
        bench(app).goto(2, "kk")
        await pilot.press("insert")
        await pilot.pause()
        await pilot.press("enter")  # the split point offered first: after the first punctuation mark
        await settle(pilot, app)
        assert sources(project)[2:] == ["Ochilish marosimida hokim so'zga chiqdi,", "u ota-onalarni tabrikladi."]
        parts = project.segments()[2:]
        assert project.translation(parts[0].id, "kk").text == "Ашылу салтанатында әкім сөз сөйледі,"
        assert project.translation(parts[1].id, "kk").status == "draft"
        assert "kk  2/4" in grid_text(app)  # four segments, the two parts drafts
        assert editor.text == "Ашылу салтанатында әкім сөз сөйледі,"
        # Esc leaves everything as it was
        await pilot.press("insert")
        await pilot.pause()
        await pilot.press("right", "right", "escape")
        await pilot.pause()
        assert len(sources(project)) == 4


@pilot_test
async def test_ctrl_w_previews_replaces_and_undoes(project: Workbench) -> None:
    app = TarjimonApp(project)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot, app)
        bench(app).goto(0, "kk")
        await pilot.press("ctrl+w")
        await pilot.pause()
        await pilot.press(*"мектеп", "tab", *"училище", "enter")
        await pilot.pause()
        preview = str(app.screen.query_one("#replace-preview").render())
        assert "Ташкентте жаңа мектеп ашылды.\n       → Ташкентте жаңа училище ашылды." in preview
        assert "Мектепте 500 оқушы оқиды.\n       → Училищете 500 оқушы оқиды." in preview  # case ignored by default
        first = project.segments()[0]
        assert project.translation(first.id, "kk").text == "Ташкентте жаңа мектеп ашылды."  # nothing written
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Replaced" in str(app.screen.query_one("#replace-status").render())
        assert project.translation(first.id, "kk").text == "Ташкентте жаңа училище ашылды."
        assert project.history(first.id, "kk")[-1].text == "Ташкентте жаңа мектеп ашылды."
        for _ in range(40):  # the TM gets the confirmed targets changed, in a worker thread
            await pilot.pause(0.05)
            if not project.delivery.pending():
                break
        assert project.tm.lookup(first.source, "kk", min_score=100)[0].target == "Ташкентте жаңа училище ашылды."
        await pilot.press("escape")
        await settle(pilot, app)
        assert app.screen.query_one(TargetEditor).text == "Ташкентте жаңа училище ашылды."
        assert "училище" in grid_text(app)
        await pilot.press("ctrl+w")
        await pilot.pause()
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert "Undone" in str(app.screen.query_one("#replace-status").render())
        await pilot.press("escape")
        await settle(pilot, app)
        assert project.translation(first.id, "kk").text == "Ташкентте жаңа мектеп ашылды."
        assert app.screen.query_one(TargetEditor).text == "Ташкентте жаңа мектеп ашылды."


@pilot_test
async def test_glossary_terms_are_offered_while_typing_and_right_accepts(project: Workbench) -> None:
    app = TarjimonApp(project)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot, app)
        wb = bench(app)
        wb.goto(0, "kk")
        await settle(pilot, app)
        editor = app.screen.query_one(TargetEditor)
        assert editor.terms == ["мектеп"]
        await pilot.press("ctrl+d", *"Жаңа м")
        assert editor.suggestion == ""  # one letter: nothing offered yet
        await pilot.press("е")
        assert editor.suggestion == "ктеп"
        await pilot.press("left")  # the cursor inside the word: nothing offered, Right only moves
        assert editor.suggestion == ""
        await pilot.press("right")
        assert editor.text == "Жаңа ме" and editor.suggestion == "ктеп"
        await pilot.press("right", *" ашылды")
        assert editor.text == "Жаңа мектеп ашылды"
        await pilot.press("left")
        assert editor.suggestion == ""



@pilot_test
async def test_a_terms_synonyms_are_offered_and_a_bar_inside_a_term_is_kept(project: Workbench) -> None:
    """Every term of the concept is offered, the preferred first; a term holding a "|" (written "\\|" in the
    file) is offered whole. Before, the preferred term was split at its bar and the synonyms never offered."""
    (project.folder / "glossary.tsv").write_text(
        "uz\tkk\tru\nmaktab\tмектеп | оқу\\|орны\tшкола\n", encoding="utf-8")
    app = TarjimonApp(project)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot, app)
        bench(app).goto(0, "kk")
        await settle(pilot, app)
        assert app.screen.query_one(TargetEditor).terms == ["мектеп", "оқу|орны"]
        bench(app).goto(0, "ru")
        await settle(pilot, app)
        assert app.screen.query_one(TargetEditor).terms == ["школа"]

def test_term_completion_rules() -> None:
    terms = ["мектеп", "Мемлекет басшысы"]
    assert term_completion(terms, "жаңа МЕ", 7) == "ктеп"
    assert term_completion(terms, "мем", 3) == "лекет басшысы"
    assert term_completion(terms, "м", 1) == ""
    assert term_completion(terms, "мекбар", 3) == ""  # not at the end of the word
    assert term_completion(terms, "мектеп", 6) == ""


@pilot_test
async def test_concordance_inserts_the_chosen_target(project: Workbench) -> None:
    app = TarjimonApp(project)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot, app)
        bench(app).goto(2, "kk")
        await pilot.pause()
        editor = app.screen.query_one(TargetEditor)
        await pilot.press("ctrl+d", "ctrl+k")
        await pilot.pause()
        await pilot.press(*"maktab", "enter")
        for _ in range(40):
            await pilot.pause(0.05)
            if " unit" in str(app.screen.query_one("#concordance-box").border_title):
                break
        await pilot.press("down")
        await pilot.pause()
        assert "▶" in str(app.screen.query_one("#concordance-hits").render())
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, type(bench(app)))
        assert editor.text in ("Ташкентте жаңа мектеп ашылды.", "Мектепте 500 оқушы оқиды.")


def _hold_the_tm(project: Workbench, monkeypatch):  # type: ignore[no-untyped-def]
    """The TM's confirm made to wait (at most 5 s) until the test sets `let_go`; `took` is set once it took the
    unit. (On the screen's thread, as it was, Enter waited these 5 s.)"""
    import threading

    let_go, took = threading.Event(), threading.Event()
    confirm = project.tm.confirm

    def held(unit):  # type: ignore[no-untyped-def]
        let_go.wait(5)
        confirm(unit)
        took.set()

    monkeypatch.setattr(project.tm, "confirm", held)
    return let_go, took


async def _confirm_school_in_ru(pilot, app: TarjimonApp) -> None:  # type: ignore[no-untyped-def]
    """Segment 2's Russian target typed and confirmed with Enter."""
    await settle(pilot, app)
    bench(app).goto(1, "ru")
    await pilot.pause()
    await pilot.press(*"Школа", "enter")
    await pilot.pause()


@pilot_test
async def test_enter_returns_before_the_tm_takes_the_target(project: Workbench, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Enter commits the target (with its TM outbox row) and shows the next segment; the TM gets the unit in a
    worker. It took it on the screen's thread: a 13-million-character segment froze the screen for seconds.
    Here the TM holds every unit until the test lets it go: the next segment is on screen, the target
    committed (another connection sees it) while the TM still holds the unit."""
    import sqlite3

    let_go, took = _hold_the_tm(project, monkeypatch)
    segment = project.segments()[1]
    app = TarjimonApp(project)
    async with app.run_test(size=(160, 45)) as pilot:
        await _confirm_school_in_ru(pilot, app)
        shown_next = bench(app).row_index
        taken_before = took.is_set()
        with sqlite3.connect(project.folder / "project.db") as other:
            committed = other.execute(
                "SELECT t.text, t.status, (SELECT COUNT(*) FROM tm_outbox) FROM translations t "
                "WHERE t.segment_id = ? AND t.lang = 'ru'",
                (segment.id,),
            ).fetchone()
        let_go.set()
        for _ in range(100):
            await pilot.pause(0.05)
            if not project.delivery.pending():
                break
    assert shown_next == 2 and not taken_before  # the next segment, the TM still holding the unit
    assert committed == ("Школа", "translated", 1)
    assert project.delivery.pending() == 0 and project.tm.lookup(segment.source, "ru")[0].target == "Школа"


@pilot_test
async def test_closing_the_project_waits_for_the_tm_to_take_a_target(project: Workbench, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+Q right after Enter: the TM may still be taking the unit in its worker when `tarjimon open` closes
    the project. Closing waits for it (the TM wrote the unit, the outbox row is gone); it closed the database
    under the worker, which failed there and left the row for the next opening."""
    import sqlite3
    import threading

    let_go, took = _hold_the_tm(project, monkeypatch)
    app = TarjimonApp(project)
    async with app.run_test(size=(160, 45)) as pilot:
        await _confirm_school_in_ru(pilot, app)
    threading.Timer(0.3, let_go.set).start()
    project.close()  # (what `tarjimon open` does once the app has quit)
    assert took.is_set()
    with sqlite3.connect(project.folder / "project.db") as other:
        assert other.execute("SELECT COUNT(*) FROM tm_outbox").fetchone()[0] == 0


@pilot_test
async def test_the_next_similar_segment_shows_the_unit_once_the_tm_took_it(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The TM takes a confirmed target in a worker: a similar segment reached before it did was looked up
    without it. When the TM has it, the current segment is looked up again and the match shows."""
    import threading

    (tmp_path / "a.txt").write_text(
        "Toshkentda yangi maktab ochildi.\n\nSamarqandda yangi maktab ochildi.\n", encoding="utf-8"
    )
    project = Workbench.create(tmp_path / "projects", "s", "uz", ["kk"], glossaries_dir=tmp_path / "g")
    project.import_file(tmp_path / "a.txt")
    project.lock()
    let_go = threading.Event()
    tm = project.tm
    confirm = tm.confirm

    def held(unit):  # type: ignore[no-untyped-def]
        let_go.wait(5)
        confirm(unit)

    monkeypatch.setattr(tm, "confirm", held)
    app = TarjimonApp(project)
    try:
        async with app.run_test(size=(160, 45)) as pilot:
            await settle(pilot, app)
            await pilot.press(*"Ташкентте жаңа мектеп ашылды.", "enter")
            for _ in range(20):  # segment 2, looked up while the TM still holds the unit: no match
                await pilot.pause(0.05)
                if bench(app).row_index == 1 and bench(app).lookups_shown:
                    break
            before = [m.target for m in bench(app).matches]
            let_go.set()
            for _ in range(100):
                await pilot.pause(0.05)
                if bench(app).matches:
                    break
            after = [m.target for m in bench(app).matches]
            row = bench(app).row_index
    finally:
        project.close()
    assert row == 1 and before == []
    assert after == ["Ташкентте жаңа мектеп ашылды."]
