"""Every workbench key, sent as the raw bytes a terminal sends, does what F1 says: at 160x45 and at 80x24.

The real `tarjimon open demo` runs in tmux; each key of the key table (every alternative of it: F7 and Alt+G,
PageDown and Ctrl+Down...) is written into the terminal as bytes (`\\x1b1` for Alt+1), then the screen and the
project's database are checked. A key added to the table without a check here fails the test.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from tmux_demo import Session, eventually, tm_targets
from tmux_driver import HAVE_TMUX, kill_server

from tarjimon.core.qa import check_segment
from tarjimon.demo import build_demo
from tarjimon.tui.keys import KEYS

REPO = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(not HAVE_TMUX, reason="needs tmux (apt-get install tmux)")


# ---- one check per key id: (session, the key's name as Textual names it) ----------------------------
def check_confirm(s: Session, key: str) -> None:
    s.goto(5, "kk")
    s.press("ctrl+d")
    s.term.type("Түлектер")
    s.press(key)
    s.wait_at(6, "kk")
    s.saved(5, "kk", "Түлектер", "translated")


def check_review(s: Session, key: str) -> None:
    s.goto(5, "kk")
    s.press(key)
    s.wait_at(6, "kk")
    s.saved(5, "kk", "Түлектер", "reviewed")
    s.press("ctrl+up")
    s.wait_at(5, "kk")
    assert s.title()[2] == "reviewed"


def check_next_match(s: Session, key: str) -> None:
    s.goto(1, "kk")
    s.press("ctrl+d", key)
    first, second = tm_targets(s, 1, "kk")[:2]
    s.draft(first)
    s.press(key)
    s.draft(second)


def check_insert_match(s: Session, key: str) -> None:
    number = int(key[-1])
    s.goto(2, "ru")
    s.press("ctrl+d", key)
    matches = tm_targets(s, 2, "ru")
    if number <= len(matches):
        s.draft(matches[number - 1])
    else:
        s.term.wait_for(f"No TM match {number}")
        s.saved(2, "ru", "", "empty")  # Ctrl+D's empty target, nothing typed into it (not "¡" or "™")
        assert "¡" not in s.term.screen() and "™" not in s.term.screen()


def check_insert_term(s: Session, key: str) -> None:
    s.goto(7, "kk")  # Лойиҳа давлат дастури: жоба, мемлекет, бағдарлама in that order
    s.press("ctrl+d", key)
    s.draft("жоба")
    s.press(key)
    s.draft("жоба мемлекет")  # a space between the terms, never "жобамемлекет"


def check_next_untranslated(s: Session, key: str) -> None:
    s.goto(1, "kk")
    s.press(key)
    eventually(lambda: s.title()[1] != 1, "did not move")
    lang, number, status = s.title()
    assert status in ("empty", "draft") and s.target(number, lang)[1] == status


def check_add_term(s: Session, key: str) -> None:
    s.goto(9, "kk")
    s.press(key)
    s.term.wait_for("Add a term to a glossary")
    if key == "ctrl+t":
        s.term.type("синовчи")  # typing over the word picker writes the source term
        time.sleep(0.3)
        s.press("tab")
        time.sleep(0.3)
        s.term.type("сынақшы")
        s.press("enter")
        s.term.wait_gone("Add a term to a glossary")
        glossary = s.projects / "demo" / "glossary.tsv"
        eventually(lambda: glossary.exists() and "сынақшы" in glossary.read_text(encoding="utf-8"), "no term")
        assert "синовчи" in glossary.read_text(encoding="utf-8")
    else:
        s.press("escape")
        s.term.wait_gone("Add a term to a glossary")


def check_edit_term(s: Session, key: str) -> None:
    s.goto(7, "kk")  # Лойиҳа давлат дастури: three glossary terms
    s.press(key)
    s.term.wait_for("Change a glossary term")
    s.press("escape")
    s.term.wait_gone("Change a glossary term")


def check_filter(s: Session, key: str) -> None:
    s.goto(3, "kk")
    s.press(key)
    s.term.wait_for("Search and filter segments")
    s.term.type("марказ")
    s.press("enter")
    s.term.wait_for("filter:")
    s.press("ctrl+r")
    s.term.wait_gone("filter:")


def check_clear_filter(s: Session, key: str) -> None:
    s.goto(2, "kk")
    s.press("ctrl+f")
    s.term.wait_for("Search and filter segments")
    s.term.type("Эслатиб")  # only segment 10: the filter moves there
    s.press("enter")
    s.wait_at(10)
    s.press(key)
    s.term.wait_gone("filter:")
    time.sleep(0.3)
    assert s.title()[1] == 10  # clearing a filter stays on the segment


def check_help(s: Session, key: str) -> None:
    s.press(key)
    s.term.wait_for("Tarjimon keys")
    s.press("escape")
    s.term.wait_gone("Tarjimon keys")


def check_quit(s: Session, key: str) -> None:
    s.goto(10, "en")
    s.press("ctrl+d")
    s.term.type("Goodbye")
    s.press(key)
    eventually(s.term.exited, "the app did not quit")
    s.saved(10, "en", "Goodbye", "draft")


def check_projects(s: Session, key: str) -> None:
    s.goto(4, "ru")
    s.press("ctrl+d")
    s.term.type("Проект")
    s.press(key)
    s.term.wait_for("Open a project")  # the picker of the demo's folder, the demo highlighted
    s.saved(4, "ru", "Проект", "draft")  # saved before the workbench closed
    s.press("enter")
    s.wait_at(4, "ru")  # opened again where it was left, for editing
    assert "read-only" not in s.term.screen()
    s.press("ctrl+d")


def check_enter_mode(s: Session, key: str) -> None:
    s.goto(8, "kk")
    s.press(key)
    s.term.wait_for("Enter → next language")
    eventually(lambda: s.setting("enter_goes_to") == "language", "mode not kept")
    s.press("ctrl+d")
    s.term.type("Сондай-ақ")
    s.press("enter")
    s.wait_at(8, "ru")  # the same segment, the next language
    s.saved(8, "kk", "Сондай-ақ", "translated")
    s.press(key)
    s.term.wait_gone("Enter → next language")
    eventually(lambda: s.setting("enter_goes_to") == "segment", "mode not kept")


def check_save(s: Session, key: str) -> None:
    s.goto(9, "kk")
    s.press("ctrl+d")
    s.term.type("Онда")
    s.press(key)
    s.term.wait_for("Draft saved")
    s.saved(9, "kk", "Онда", "draft")


def check_history(s: Session, key: str) -> None:
    s.goto(4, "en")
    s.press("ctrl+d")
    s.term.type("First words")
    s.press("ctrl+s")
    s.saved(4, "en", "First words", "draft")
    s.press("ctrl+d")
    s.term.type("Second words")
    s.press(key)  # what is typed is saved first: the newest version
    s.term.wait_for("Versions · segment 4 · en")
    s.term.wait_for("[-First-]{+Second+} words")  # the diff reads without colour too
    s.press("down", "enter")  # the version before it
    s.term.wait_gone("Versions · segment 4 · en")
    s.saved(4, "en", "First words", "draft")
    assert s.title()[:2] == ("en", 4)


def check_comments(s: Session, key: str) -> None:
    s.goto(6, "ru")
    s.press(key)
    s.term.wait_for("Comments · segment 6 · ru")
    time.sleep(0.2)
    s.term.type(f"Check {key}")
    s.press("enter")
    s.term.wait_for("re:✱ .* · ru ·")
    s.press("escape")
    s.term.wait_gone("Comments · segment 6 · ru")
    s.term.wait_for("re:\\s6✱│")  # the grid's marker
    project = s.project()
    try:
        texts = [c.text for c in project.review.comments(project.segments()[5].id)]
    finally:
        project.close()
    assert f"Check {key}" in texts, texts


def check_clear_target(s: Session, key: str) -> None:
    s.goto(9, "kk")
    s.term.type(" шетелдік")
    s.press(key)
    s.press("ctrl+s")
    s.saved(9, "kk", "", "empty")


def check_newline(s: Session, key: str) -> None:
    s.goto(9, "ru")
    s.press("ctrl+d")
    s.term.type("а")
    s.press(key)
    s.term.type("б")
    s.draft("а\nб")


def check_copy_source(s: Session, key: str) -> None:
    s.goto(9, "en")
    s.press("ctrl+d", key)
    project = s.project()
    source = project.segments()[8].source
    project.close()
    s.draft(source)


def check_insert_tag(s: Session, key: str) -> None:
    s.goto(9, "en")  # the demo's sources have no inline tags: the key says so and changes nothing
    s.press("ctrl+d", key)
    eventually(lambda: "No tags in this source" in s.term.screen(), "F10 said nothing")
    s.draft("")


def check_next_target(s: Session, key: str) -> None:
    s.goto(4, "kk")
    s.press(key)
    s.wait_at(4, "ru")


def check_prev_target(s: Session, key: str) -> None:
    s.goto(4, "ru")
    s.press(key)
    s.wait_at(4, "kk")


def check_next_segment(s: Session, key: str) -> None:
    s.goto(4, "kk")
    s.press(key)
    s.wait_at(5, "kk")


def check_prev_segment(s: Session, key: str) -> None:
    s.goto(4, "kk")
    s.press(key)
    s.wait_at(3, "kk")


def check_first_segment(s: Session, key: str) -> None:
    s.goto(4, "kk")
    s.press(key)
    s.wait_at(1, "kk")


def check_last_segment(s: Session, key: str) -> None:
    s.goto(4, "kk")
    s.press(key)
    s.wait_at(10, "kk")


def check_goto(s: Session, key: str) -> None:
    s.press(key)
    s.term.wait_for("Go to segment")
    s.term.type("6")
    s.press("enter")
    s.term.wait_gone("Go to segment")
    s.wait_at(6)


def check_next_draft(s: Session, key: str) -> None:
    s.goto(1, "kk")
    s.press(key)
    eventually(lambda: s.title()[2] == "draft", "not on a draft")
    lang, number, _ = s.title()
    assert s.target(number, lang)[1] == "draft"


def check_next_finding(s: Session, key: str) -> None:
    s.goto(3, "kk")
    s.press("ctrl+d")
    s.term.type("Орталықта 600 студент оқиды.")  # the source says 500
    s.press("enter")
    s.saved(3, "kk", status="translated")
    s.goto(1, "kk")
    for _press in range(6):  # F8 first walks segment 1's own findings (the keys before left it some), then moves
        s.press(key)
        try:
            eventually(lambda: s.title()[1] != 1, "F8 did not move", timeout=2.0)
            break
        except AssertionError:
            continue
    eventually(lambda: s.title()[1] != 1, "F8 did not move")
    lang, number, _ = s.title()
    project = s.project()
    try:
        segment = project.segments()[number - 1]
        text = project.translation(segment.id, lang).text
        findings = check_segment(segment.source, text, lang, source_lang="uz",
                                 glossary=project.glossaries())  # fmt: skip
    finally:
        project.close()
    assert findings, (number, lang, text)


def check_dismiss_finding(s: Session, key: str) -> None:
    s.goto(3, "kk")
    s.press("ctrl+d")
    s.term.type("Орталықта 700 студент оқиды.")  # the source says 500: a QA finding
    s.press("ctrl+s")
    time.sleep(1.0)  # the check runs 0.3 s after typing stops, in the lookup thread
    s.press(key)
    s.term.wait_for("Dismiss a QA finding")
    s.press("escape")
    s.term.wait_gone("Dismiss a QA finding")


def check_concordance(s: Session, key: str) -> None:
    s.press(key)
    s.term.wait_for("Concordance")
    s.term.type("марказ")
    s.press("enter")
    s.term.wait_for("re:\\d+ units")
    s.press("escape")
    s.term.wait_gone("Concordance")


def _sources(s: Session) -> list[str]:
    project = s.project()
    try:
        return [seg.source for seg in project.segments()]
    finally:
        project.close()


def _tm_count(s: Session) -> int:
    project = s.project()
    try:
        return project.tm.count()
    finally:
        project.close()


def check_split_join(s: Session, key: str) -> None:
    original = _sources(s)
    s.goto(10, "en")
    s.press(key)
    s.term.wait_for("Split or join segment 10")
    s.press("enter")  # the point offered first: after the comma
    s.term.wait_gone("Split or join segment")
    eventually(lambda: len(_sources(s)) == 11, "not split")
    assert _sources(s)[9:] == ["Эслатиб ўтамиз,", "ўтган йили Тошкентда ҳам шундай марказ очилган эди."]
    s.wait_at(10)
    s.press(key)
    s.term.wait_for("Split or join segment 10")
    s.term.type("j")
    s.term.wait_gone("Split or join segment")
    eventually(lambda: _sources(s) == original, "not joined back")
    s.wait_at(10)


def check_find_replace(s: Session, key: str) -> None:
    s.goto(9, "ru")
    s.press("ctrl+d")
    s.term.type("зебра")
    s.press("ctrl+s")
    s.saved(9, "ru", "зебра", "draft")
    s.press(key)
    s.term.wait_for("Find and replace in targets")
    time.sleep(0.2)
    s.term.type("зебра")
    s.press("tab")
    s.term.type("жираф")
    s.press("enter")
    s.term.wait_for("1 target would change")
    s.saved(9, "ru", "зебра", "draft")  # the preview writes nothing
    s.press("ctrl+s")
    s.term.wait_for("Replaced 1 target")
    s.saved(9, "ru", "жираф", "draft")
    s.press("ctrl+r")
    s.term.wait_for("Undone")
    s.saved(9, "ru", "зебра", "draft")
    s.press("escape")
    s.term.wait_gone("Find and replace in targets")
    s.wait_at(9, "ru")
    s.press("ctrl+d", "ctrl+s")
    s.saved(9, "ru", "", "empty")


def check_tm_browser(s: Session, key: str) -> None:
    s.goto(2, "ru")
    first = tm_targets(s, 2, "ru")[0]
    before = _tm_count(s)
    s.press(key)
    s.term.wait_for("TM browser")
    s.term.wait_for("re:current segment's \\d+ TM matches")
    s.term.wait_for(first[:20])
    s.press("delete")
    s.term.wait_for("Delete this TM unit?")
    s.press("y")
    eventually(lambda: _tm_count(s) == before - 1, "the unit was not deleted")
    s.press("ctrl+z")
    eventually(lambda: _tm_count(s) == before, "Ctrl+Z did not bring the unit back")
    s.press("escape")
    s.term.wait_gone("current segment's")  # (not "TM browser": the TM panel's hint names it too)
    assert tm_targets(s, 2, "ru")[0] == first


def check_toggle_script(s: Session, key: str) -> None:
    s.goto(1, "kk")
    s.press(key)
    s.term.wait_for("Samarqandda")
    eventually(lambda: s.setting("source_script") == "latin", "script not kept")
    s.press(key)
    s.term.wait_for("Самарқандда")


def check_toggle_panels(s: Session, key: str) -> None:
    shown = "TM matches" in s.term.screen()
    assert shown == s.wide
    s.press(key)
    eventually(lambda: ("TM matches" in s.term.screen()) != shown, "F3 did nothing")
    s.press(key)
    eventually(lambda: ("TM matches" in s.term.screen()) == shown, "F3 did nothing")


def check_toggle_theme(s: Session, key: str) -> None:
    before = s.setting("theme")
    s.press(key)
    eventually(lambda: s.setting("theme") not in (None, before), "theme not changed")


CHECKS: dict[str, Callable[[Session, str], None]] = {
    "confirm": check_confirm, "review": check_review, "next-match": check_next_match,
    "insert-term": check_insert_term, "next-untranslated": check_next_untranslated, "add-term": check_add_term,
    "edit-term": check_edit_term, "filter": check_filter, "help": check_help, "quit": check_quit, "enter-mode": check_enter_mode,
    "save": check_save, "history": check_history, "comments": check_comments, "clear-target": check_clear_target,
    "newline": check_newline, "copy-source": check_copy_source, "insert-tag": check_insert_tag,
    "next-target": check_next_target, "prev-target": check_prev_target,
    "next-segment": check_next_segment, "prev-segment": check_prev_segment,
    "first-segment": check_first_segment, "last-segment": check_last_segment, "goto": check_goto,
    "next-draft": check_next_draft, "next-finding": check_next_finding, "concordance": check_concordance,
    "tm-browser": check_tm_browser,
    "clear-filter": check_clear_filter, "dismiss-finding": check_dismiss_finding, "toggle-script": check_toggle_script,
    "toggle-panels": check_toggle_panels, "toggle-theme": check_toggle_theme, "projects": check_projects,
    "split-join": check_split_join, "find-replace": check_find_replace,
    **{f"insert-match-{n}": check_insert_match for n in range(1, 10)},
}  # fmt: skip


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    projects = tmp_path / "projects"
    build_demo(projects).close()
    yield projects
    kill_server()


def test_every_key_has_a_check_and_is_documented() -> None:
    assert {k.id for k in KEYS} == set(CHECKS)
    from tarjimon.tui.keys import key_label
    from tarjimon.tui.screens.help import help_rows

    doc = (REPO / "docs" / "tui.md").read_text(encoding="utf-8")
    for keys, text in help_rows():
        if text.startswith("In Add term"):
            break  # the dialog's keys are told in prose in the doc
        if keys:
            assert f"**{keys}**" in doc and text in doc, (keys, text)
    assert all(key_label(k.keys) in "".join(keys for keys, _ in help_rows()) or k.id.startswith("insert-match-")
               for k in KEYS)  # fmt: skip


@pytest.mark.parametrize("size", [(160, 45), (80, 24)], ids=["160x45", "80x24"])
def test_every_key_does_what_f1_says(demo: Path, size: tuple[int, int]) -> None:
    s = Session(demo, size)
    try:
        footer = s.term.screen().rstrip().splitlines()[-1]
        shown = [k for k in KEYS if k.show]
        assert any(k.label in footer for k in shown), footer
        for label in re.findall(r"\S+ ([A-Z][\w.]+(?: \w+)?)", footer):
            assert label in {k.label for k in KEYS} | {"palette"}, (label, footer)
        keys = [(k.id, name) for k in KEYS if k.id != "quit" for name in k.names]
        for key_id, name in keys:
            CHECKS[key_id](s, name)
            print(key_id, name, s.title())
        check_quit(s, "ctrl+q")
    except AssertionError as exc:
        raise AssertionError(f"{exc}\n--- the screen:\n{s.term.screen()}") from None
    finally:
        s.term.close()
