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


@pilot_test
async def test_the_workbench_reopens_where_the_translator_left_off(tmp_path: Path) -> None:
    """Translating the Kazakh first (segments 1-2 done, working on 3), Ctrl+Q, `tarjimon open` again: the
    workbench opened on segment 1's Russian (the first row with any untranslated target), not on the Kazakh of
    segment 3 where the translator was."""
    article = tmp_path / "a-uz.txt"
    article.write_text("Birinchi gap. Ikkinchi gap. Uchinchi gap. Toʻrtinchi gap.\n", encoding="utf-8")
    folder = tmp_path / "projects"
    with Workbench.create(folder, "p", "uz", ["kk", "ru"], glossaries_dir=tmp_path / "g") as proj:
        proj.import_file(article)
        for seg, text in zip(proj.segments()[:2], ["Бірінші сөйлем.", "Екінші сөйлем."], strict=True):
            proj.save_target(seg.id, "kk", text)
    with Workbench.open(folder, "p", glossaries_dir=tmp_path / "g") as proj:
        proj.lock()
        app = make_app(proj, tmp_path)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            screen = bench(app)
            screen.goto(2, "kk")
            await pilot.pause()
            await pilot.press(*"Үшінші", "ctrl+q")  # typed, not confirmed: kept as a draft
            await pilot.pause()
    with Workbench.open(folder, "p", glossaries_dir=tmp_path / "g") as proj:
        assert proj.translation(proj.segments()[2].id, "kk").text == "Үшінші"
        proj.lock()
        app = make_app(proj, tmp_path)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            screen = bench(app)
            assert (screen.row_index, screen.lang) == (2, "kk")
            assert app.screen.query_one(TargetEditor).text == "Үшінші"


@pilot_test
async def test_a_term_the_sentence_repeats_is_one_entry_of_the_glossary_panel(tmp_path: Path) -> None:
    """A long sentence naming "sunʼiy intellekt" twelve times: the glossary panel listed the same term twelve
    times ("Glossary (12)", the editor's line "12 terms F7"), the sentence's other term far below them."""
    article = tmp_path / "a-uz.txt"
    article.write_text(", ".join(["sunʼiy intellekt haqida gapirdi"] * 12) + " va maktab ochildi.\n",
                       encoding="utf-8")
    folder = tmp_path / "projects"
    with Workbench.create(folder, "p", "uz", ["kk"], glossaries_dir=tmp_path / "g") as proj:
        (proj.folder / "glossary.tsv").write_text("uz\tkk\nsunʼiy intellekt\tжасанды интеллект\nmaktab\tмектеп\n",
                                                  encoding="utf-8")
        proj.import_file(article)
    with Workbench.open(folder, "p", glossaries_dir=tmp_path / "g") as proj:
        proj.lock()
        app = make_app(proj, tmp_path)
        async with app.run_test(size=(160, 45)) as pilot:
            panel = app.screen.query_one("#glossary")
            for _ in range(100):
                await pilot.pause(0.05)
                if panel.border_title != "Glossary" and "looking up" not in str(panel.render()):
                    break
            assert panel.border_title == "Glossary (2)", panel.border_title
            shown = str(panel.render())
            assert shown.count("жасанды интеллект") == 1 and "\n2 " in shown and "→ мектеп" in shown
            await pilot.press("f7", "f7")  # each term once, in source order
            await pilot.pause()
            assert app.screen.query_one(TargetEditor).text == "жасанды интеллект мектеп"


@pilot_test
async def test_the_concordance_counts_one_unit_as_one_unit(project: Workbench, tmp_path: Path) -> None:
    """Ctrl+K "Astana Hub" with one unit found: the title said "1 units"."""
    project.tm.add("Astana Hub klasteri bor.", "Astana Hub кластері бар.", "uz", "kk", origin="test")
    app = make_app(project, tmp_path)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+k", *"Astana Hub", "enter")
        box = None
        for _ in range(60):
            await pilot.pause(0.05)
            box = app.screen.query_one("#concordance-box") if app.screen.query("#concordance-box") else None
            if box is not None and " unit" in str(box.border_title):
                break
        assert box is not None and str(box.border_title).endswith("· 1 unit"), box and box.border_title


@pilot_test
async def test_the_add_term_fields_show_under_a_long_segment_at_80x24(tmp_path: Path) -> None:
    """Ctrl+T on a very long segment at 80x24: its words filled the dialog, and the term fields below them
    could not be reached on screen: Tab went into the Uzbek field, out of sight, and what was typed there
    was never seen."""
    article = tmp_path / "a-uz.txt"
    article.write_text(", ".join(["Oʻzbekiston Respublikasi Prezidenti islohotlar haqida gapirib"] * 30) + " dedi.\n",
                       encoding="utf-8")
    with Workbench.create(tmp_path / "projects", "p", "uz", ["kk", "ru", "en"], glossaries_dir=tmp_path / "g") as proj:
        proj.import_file(article)
    with Workbench.open(tmp_path / "projects", "p", glossaries_dir=tmp_path / "g") as proj:
        proj.lock()
        await _add_term_at_80x24(make_app(proj, tmp_path))


async def _add_term_at_80x24(app) -> None:  # type: ignore[no-untyped-def]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+t")
        await pilot.pause()
        box = app.screen.query_one("#term-box")
        await pilot.press("tab")  # from the word picker to the term of the language being edited
        await pilot.pause()
        field = app.screen.query_one("#term-kk")
        assert app.screen.focused is field
        for _ in range(20):
            if field.region.height and box.region.contains_region(field.region):
                break
            await pilot.pause(0.05)
        assert field.region.height == 1 and box.region.contains_region(field.region), (field.region, box.region)
        await pilot.press("tab", "tab", "tab")  # the glossary chosen below the last language
        await pilot.pause()
        focused = app.screen.focused
        assert focused is not None and focused.region.height and box.region.contains_region(focused.region)


@pilot_test
async def test_the_statistics_count_one_as_one(project: Workbench, tmp_path: Path) -> None:
    """The palette's Statistics of a one-article project with one comment: "1 documents", "1 open comments"."""
    project.review.add_comment(project.segments()[0].id, "Check the headline", "kk")
    app = make_app(project, tmp_path)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p", *"Statistics")
        await pilot.pause(0.3)
        await pilot.press("enter")
        shown = await _rendered(app, pilot, "#stats-summary", "segment")
        assert shown.startswith("1 document · 2 segments · ") and " · 1 open comment · " in shown, shown


@pilot_test
async def test_the_tm_browser_says_one_target_uses_the_unit(project: Workbench, tmp_path: Path) -> None:
    """Ctrl+B on a confirmed segment: its unit's line said "used by 1 confirmed targets"."""
    first = project.segments()[0]
    project.confirm(first.id, "kk", "Ұзақ хабар.")
    app = make_app(project, tmp_path)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+b")
        detail = await _rendered(app, pilot, "#tmb-detail", "used by")
        assert "used by 1 confirmed target" in detail and "targets" not in detail, detail


@pilot_test
async def test_a_read_only_workbench_does_not_offer_to_confirm(project: Workbench, tmp_path: Path) -> None:
    """A second workbench on the project (read-only): the line under the editor still said "Enter confirm ·
    F9 review", which it cannot do."""
    from tarjimon.tui.app import TarjimonApp

    app = TarjimonApp(project, read_only=True)
    async with app.run_test(size=(160, 45)) as pilot:
        editor = app.screen.query_one(TargetEditor)
        for _ in range(40):
            await pilot.pause(0.05)
            if "F1 keys" in str(editor.border_subtitle) and editor.read_only:
                break
        assert editor.read_only
        assert "Enter confirm" not in str(editor.border_subtitle)
        assert "read-only" in str(editor.border_subtitle)


@pilot_test
async def test_a_read_only_footer_offers_no_key_that_changes_the_project(project: Workbench, tmp_path: Path) -> None:
    """The read-only workbench's footer offered F9 Review, F6 TM, F7 Term and Ctrl+T Add term: the first three
    did nothing there, Ctrl+T wrote the glossary of the project another workbench edits. Moving still works."""
    from textual.widgets._footer import FooterKey

    from tarjimon.tui.app import TarjimonApp

    app = TarjimonApp(project, read_only=True)
    async with app.run_test(size=(160, 45)) as pilot:
        for _ in range(40):
            await pilot.pause(0.05)
            if app.screen.query(FooterKey):
                break
        shown = {key.action for key in app.screen.query(FooterKey)}
        assert "filter" in shown and not shown & {"review", "next_match", "insert_term", "add_term"}
        await pilot.press("ctrl+t")
        await pilot.pause(0.2)
        assert not app.screen.query("#term-picker")  # no add-term dialog
        await pilot.press("enter")  # (Enter still moves on, as the line under the editor says)
        await pilot.pause(0.2)
        assert app.screen.row_index == 1


async def _rendered(app, pilot, selector: str, needle: str) -> str:  # type: ignore[no-untyped-def]
    """What widget `selector` of the screen shows once it shows `needle` (or after ~3 s, what it shows then)."""
    shown = ""
    for _ in range(60):
        await pilot.pause(0.05)
        if app.screen.query(selector):
            shown = str(app.screen.query_one(selector).render())
            if needle in shown:
                break
    return shown


@pilot_test
async def test_tab_after_picking_a_term_goes_to_the_translation_being_edited(tmp_path: Path) -> None:
    """Ctrl+T, the term picked with the arrows, Tab, the translation typed: Tab went into the Uzbek field, its
    cursor inside the picked words, and the Kazakh was typed into the middle of the Uzbek term ("ДавлаМемлекет
    басшысыт раҳбари" was added). Tab from the picker goes to the field of the language being edited (✎, here
    ru); Shift+Tab goes back through the fields to the source term, its cursor at the end."""
    article = tmp_path / "a-uz.txt"
    article.write_text("Бу ҳақда газетага берган суҳбатида Давлат раҳбари айтиб ўтди.\n", encoding="utf-8")
    with Workbench.create(tmp_path / "projects", "p", "uz", ["kk", "ru", "en"], glossaries_dir=tmp_path / "g") as proj:
        proj.import_file(article)
    with Workbench.open(tmp_path / "projects", "p", glossaries_dir=tmp_path / "g") as proj:
        proj.lock()
        app = make_app(proj, tmp_path)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            bench(app).goto(0, "ru", save=False)
            await pilot.press("ctrl+t")
            await pilot.pause()
            uz = app.screen.query_one("#term-uz")
            for _ in range(10):  # to "Давлат", then one word more
                if uz.value == "Давлат":
                    break
                await pilot.press("right")
            await pilot.press("shift+right", "tab", *"Глава государства", "shift+tab", "shift+tab", *"нинг", "enter")
            await pilot.pause(0.3)
        rows = (tmp_path / "projects" / "p" / "glossary.tsv").read_text(encoding="utf-8").splitlines()
    assert rows == ["uz\tru", "Давлат раҳбарининг\tГлава государства"], rows


@pilot_test
async def test_the_line_under_the_editor_stops_naming_comments_on_a_segment_without(tmp_path: Path) -> None:
    """At 80x24 the line under the editor says "1 comment F12" for a segment with a comment. Going from there to
    a segment whose lookups were already answered kept saying it (it was written when the lookups came, before
    the comments were read)."""
    article = tmp_path / "a-uz.txt"
    article.write_text("Тошкентда янги мактаб очилди. Унда 500 нафар ўқувчи бор. Мактаб замонавий.\n", encoding="utf-8")
    with Workbench.create(tmp_path / "projects", "p", "uz", ["kk"], glossaries_dir=tmp_path / "g") as proj:
        proj.import_file(article)
        proj.review.add_comment(proj.segments()[0].id, "check the name", "kk")
    with Workbench.open(tmp_path / "projects", "p", glossaries_dir=tmp_path / "g") as proj:
        proj.lock()
        app = make_app(proj, tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            wb = bench(app)
            editor = wb.query_one("#editor")
            for index in (0, 2, 0):  # each segment's lookups answered once
                wb.goto(index, "kk")
                await pilot.pause(0.5)
            assert "1 comment F12" in str(editor.border_subtitle)
            wb.goto(2, "kk")  # its answer is cached: shown in the move, the comments a moment later
            await pilot.pause(0.5)
            assert "comment" not in str(editor.border_subtitle), editor.border_subtitle
