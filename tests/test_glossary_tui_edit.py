"""Changing and deleting a glossary term from the workbench (Ctrl+F7 / Alt+E, the palette's "Change glossary term
N" / "Delete glossary term N"): the dialog comes prefilled with the concept, Enter saves, Ctrl+D deletes after a
question; the file changes by that row, the index is patched (not rebuilt), and the glossary panel and the
segment's hits show the change at once. A concept changed in the file meanwhile is not written over."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.widgets import Input

from tarjimon.core.workbench import Workbench
from tarjimon.tui.app import TarjimonApp
from tarjimon.tui.screens.confirm import ConfirmScreen
from tarjimon.tui.screens.edit_term import EditTermScreen
from tarjimon.tui.workbench import WorkbenchScreen

ARTICLE = "Қозоғистон рақамли давлатга айланиши керак, деди давлат раҳбари. Бу ҳақда у айтиб ўтди.\n"


@pytest.fixture
def project(tmp_path: Path) -> Workbench:
    article = tmp_path / "article-uz.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    proj = Workbench.create(tmp_path / "projects", "terms", "uz", ["kk", "ru"], glossaries_dir=tmp_path / "gl")
    proj.import_file(article)
    glossaries = proj.glossaries()
    glossaries.add_concept("project", {"uz": "рақамли давлат", "kk": "цифрлық мемлекет", "ru": "цифровое государство"})
    glossaries.add_concept("project", {"uz": "раҳбар", "kk": "басшы"})
    proj.lock()
    yield proj
    proj.close()


async def _until(pilot, condition, what: str) -> None:  # type: ignore[no-untyped-def]
    for _ in range(200):
        if condition():
            await pilot.pause()  # (a dialog just pushed: composed and mounted)
            return
        await pilot.pause(0.02)
    raise AssertionError(f"never: {what}")


def _panel(app: TarjimonApp) -> str:
    return str(app.screen.query_one("#glossary").render())


async def _edit_dialog_of(app: TarjimonApp, pilot, screen, term: str, what: str = "the dialog") -> None:  # type: ignore[no-untyped-def]
    """The palette's "Change glossary term N" for the hit of `term` on the workbench `screen`: the dialog open."""
    number = next(n for n, h in enumerate(screen.hits, 1) if h.term == term)
    await app.run_action(f"edit_term({number})", screen)
    await _until(pilot, lambda: isinstance(app.screen, EditTermScreen), what)


def test_change_a_term_then_delete_it(project: Workbench) -> None:
    path = project.folder / "glossary.tsv"

    async def run() -> None:
        app = TarjimonApp(project)
        async with app.run_test(size=(160, 45)) as pilot:
            screen = app.screen
            assert isinstance(screen, WorkbenchScreen)
            await _until(pilot, lambda: "цифрлық мемлекет" in _panel(app), "the hit in the panel")
            loaded = next(g for g in screen.lookups.glossaries.glossaries if g.name == "project")
            index = loaded.index("uz")
            indexed = index.indexed
            other_rows = [ln for ln in path.read_text(encoding="utf-8").splitlines() if "раҳбар" in ln or ln.startswith("uz")]
            await pilot.press("alt+e")
            await _until(pilot, lambda: isinstance(app.screen, EditTermScreen), "the dialog")
            dialog = app.screen
            assert dialog.query_one("#edit-term-uz", Input).value == "рақамли давлат"  # prefilled
            assert dialog.query_one("#edit-term-kk", Input).value == "цифрлық мемлекет"
            dialog.query_one("#edit-term-kk", Input).value = "сандық мемлекет | цифрлық мемлекет"
            dialog.query_one("#edit-term-uz", Input).focus()
            await pilot.press("enter")
            await _until(pilot, lambda: "сандық мемлекет" in _panel(app), "the changed term in the panel")
            assert app.screen is screen
            text = path.read_text(encoding="utf-8")
            assert "рақамли давлат\tсандық мемлекет | цифрлық мемлекет\tцифровое государство" in text
            assert all(ln in text.splitlines() for ln in other_rows)  # the other rows as they were
            assert loaded.index("uz") is index and index.indexed == indexed + 1  # patched: one term indexed
            assert any(h.targets.get("kk") == "сандық мемлекет" for h in screen.hits)
            # delete it: Ctrl+F7 (the palette's "Change glossary term N" does the same), Ctrl+D, Y
            number = next(n for n, h in enumerate(screen.hits, 1) if h.term == "рақамли давлат")
            await pilot.press("ctrl+f7")
            await _until(pilot, lambda: isinstance(app.screen, EditTermScreen), "the dialog again")
            if len(screen.hits) > 1:  # several hits: the one to change is picked at the top
                app.screen.query_one("#edit-term-choice").value = number - 1
            await pilot.press("ctrl+d")
            await _until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
            await pilot.press("y")
            await _until(pilot, lambda: "сандық мемлекет" not in _panel(app), "the term gone from the panel")
            assert "рақамли давлат" not in path.read_text(encoding="utf-8")
            assert "раҳбар" in path.read_text(encoding="utf-8") and "басшы" in _panel(app)
            assert loaded.index("uz") is index and index.indexed == indexed + 1  # a removal indexes nothing

    asyncio.run(run())


def test_a_concept_changed_in_the_file_meanwhile_is_not_written_over(project: Workbench) -> None:
    path = project.folder / "glossary.tsv"

    async def run() -> None:
        app = TarjimonApp(project)
        async with app.run_test(size=(120, 40)) as pilot:
            await _until(pilot, lambda: "басшы" in _panel(app), "the hit in the panel")
            screen = app.screen
            await _edit_dialog_of(app, pilot, screen, "раҳбар")
            assert app.screen.query_one("#edit-term-kk", Input).value == "басшы"
            theirs = path.read_text(encoding="utf-8").replace("басшы", "жетекші")
            path.write_text(theirs, encoding="utf-8")  # a colleague's change arrives by git meanwhile
            app.screen.query_one("#edit-term-kk", Input).value = "басшы | бастық"
            await pilot.press("ctrl+s")
            await _until(pilot, lambda: any("not changed" in str(n.message) for n in app._notifications),
                         "the refusal")  # fmt: skip
            assert path.read_text(encoding="utf-8") == theirs  # theirs kept, nothing written over it

    asyncio.run(run())


def test_the_dialog_edits_a_termbase_entry_domain_status_pos_and_note(project: Workbench) -> None:
    """Domain, status, part of speech and note, prefilled and saved; an empty field clears it; the file gains
    the columns it lacked (the whole file written the tarjimon way) and the concept reads back the same."""
    from textual.widgets import Select

    from tarjimon.core.formats.tsv import read_tsv

    path = project.folder / "glossary.tsv"

    async def run() -> None:
        app = TarjimonApp(project)
        async with app.run_test(size=(80, 24)) as pilot:
            await _until(pilot, lambda: "басшы" in _panel(app), "the hit in the panel")
            screen = app.screen
            await _edit_dialog_of(app, pilot, screen, "раҳбар")
            dialog = app.screen
            assert dialog.query_one("#edit-term-status", Select).is_blank()
            dialog.query_one("#edit-term-domain", Input).value = "politics"
            dialog.query_one("#edit-term-pos", Input).value = "noun"
            dialog.query_one("#edit-term-note", Input).value = "head of an organisation"
            dialog.query_one("#edit-term-status", Select).value = "preferred"
            await pilot.press("ctrl+s")
            await _until(pilot, lambda: any("Saved in" in str(n.message) for n in app._notifications), "saved")
            (concept,) = [c for c in read_tsv(path, "project").concepts if c.term("uz") == "раҳбар"]
            assert (concept.domain, concept.status, concept.pos, concept.note) == (
                "politics", "preferred", "noun", "head of an organisation")  # fmt: skip
            # the dialog again: prefilled; clear the note and the status, change the part of speech
            app._notifications.clear()
            await _edit_dialog_of(app, pilot, screen, "раҳбар", "the dialog again")
            dialog = app.screen
            assert dialog.query_one("#edit-term-domain", Input).value == "politics"
            assert dialog.query_one("#edit-term-status", Select).value == "preferred"
            assert dialog.query_one("#edit-term-pos", Input).value == "noun"
            dialog.query_one("#edit-term-note", Input).value = ""
            dialog.query_one("#edit-term-status", Select).clear()
            await pilot.press("ctrl+s")
            await _until(pilot, lambda: any("Saved in" in str(n.message) for n in app._notifications), "saved")
            (concept,) = [c for c in read_tsv(path, "project").concepts if c.term("uz") == "раҳбар"]
            assert (concept.domain, concept.status, concept.pos, concept.note) == ("politics", "", "noun", "")
            assert any(h.term == "раҳбар" for h in screen.hits)  # still recognised, under its new id

    asyncio.run(run())
