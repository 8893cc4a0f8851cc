"""Review in the core: versions of a target (who, when, a word diff) and restoring one, reviewers' comments (kept,
backed up, exported as notes), and repetitions filled, asked for or never (with undo of a fill)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import polib
import pytest
from lxml import etree

from tarjimon.core.errors import NotFound, TarjimonError
from tarjimon.core.workbench import Workbench
from tarjimon.core.workbench.maintenance import backup, restore
from tarjimon.core.workbench.review import marked, word_diff

ARTICLE = "Салом. Бу синов.\nСалом. Яна бир гап.\nСалом. Охирги гап.\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workbench:
    monkeypatch.setenv("TARJIMON_USER", "aziza")
    p = Workbench.create(tmp_path / "projects", "rev", "uz", ["kk", "ru"])
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    p.import_file(f)
    yield p
    p.close()


def test_word_diff_rebuilds_both_texts_and_reads_without_colour() -> None:
    old, new = "Онда 1200 оқушы білім алады.", "Онда 1500 оқушы оқиды."
    diff = word_diff(old, new)
    assert "".join(t for op, t in diff if op != "insert") == old
    assert "".join(t for op, t in diff if op != "delete") == new
    assert ("delete", "1200") in diff and ("insert", "1500") in diff
    assert marked(diff) == "Онда [-1200-]{+1500+} оқушы [-білім алады-]{+оқиды+}."


def test_versions_say_who_when_and_what_changed(project: Workbench, monkeypatch: pytest.MonkeyPatch) -> None:
    seg = project.segments()[1]
    project.save_target(seg.id, "kk", "Бұл сынақ", "draft")
    monkeypatch.setenv("TARJIMON_USER", "bekzod")
    project.save_target(seg.id, "kk", "Бұл сынақ.")
    project.save_target(seg.id, "kk", "Бұл тексеру.", "reviewed")
    versions = project.review.versions(seg.id, "kk")
    assert [(v.number, v.text, v.status, v.author) for v in versions] == [
        (1, "Бұл сынақ", "draft", "aziza"),
        (2, "Бұл сынақ.", "translated", "bekzod"),
        (3, "Бұл тексеру.", "reviewed", "bekzod"),
    ]
    assert versions[-1].current and not versions[0].current and all(v.changed_at for v in versions)
    assert marked(versions[2].diff) == "Бұл [-сынақ-]{+тексеру+}."
    assert versions[2].compared_with == 2 and versions[0].compared_with == 0
    against_now = project.review.versions(seg.id, "kk", against="current")
    assert marked(against_now[0].diff) == "Бұл [-тексеру.-]{+сынақ+}"  # version 1 as seen from the current text


def test_restore_is_a_new_version_and_can_be_undone(project: Workbench) -> None:
    seg = project.segments()[1]
    project.save_target(seg.id, "kk", "Бірінші.")
    project.save_target(seg.id, "kk", "Екінші.")
    done = project.review.restore(seg.id, "kk", 1)
    assert (done.saved.text, done.saved.status, done.saved.origin) == ("Бірінші.", "translated", "restored v1")
    assert project.translation(seg.id, "kk").text == "Бірінші."
    texts = [v.text for v in project.review.versions(seg.id, "kk")]
    assert texts == ["Бірінші.", "Екінші.", "Бірінші."]  # nothing lost: the replaced text is version 2
    project.review.restore(seg.id, "kk", 2)
    assert project.translation(seg.id, "kk").text == "Екінші."
    with pytest.raises(NotFound, match="no version 9"):
        project.review.restore(seg.id, "kk", 9)


def test_comments_add_list_resolve_per_language_or_segment(project: Workbench) -> None:
    s1, s2 = project.segments()[1].id, project.segments()[3].id
    on_kk = project.review.add_comment(s1, "«сынақ» емес, «тексеру»", "kk")
    on_all = project.review.add_comment(s1, "Source typo: синов?")
    project.review.add_comment(s2, "ru: too literal", "ru")
    assert (on_kk.author, on_kk.lang, on_all.lang) == ("aziza", "kk", "")
    assert [c.text for c in project.review.comments(s1, lang="kk")] == [on_kk.text, on_all.text]
    assert [c.text for c in project.review.comments(s2, lang="kk")] == []
    assert project.review.open_counts() == {s1: 2, s2: 1}
    done = project.review.resolve(on_kk.id)
    assert not done.open and done.resolved_by == "aziza"
    assert [c.id for c in project.review.comments(s1)] == [on_all.id]
    assert len(project.review.comments(include_resolved=True)) == 3
    assert project.stats()["open_comments"] == 2
    assert project.review.resolve(on_kk.id, reopen=True).open
    with pytest.raises(TarjimonError):
        project.review.add_comment(s1, "   ")
    with pytest.raises(NotFound):
        project.review.resolve(999)


def test_comments_are_in_backups(project: Workbench, tmp_path: Path) -> None:
    seg = project.segments()[0].id
    project.review.add_comment(seg, "Check the name", "kk")
    out = backup(project, tmp_path / "rev.bak")
    restore(tmp_path / "other", "rev2", out)
    again = Workbench.open(tmp_path / "other", "rev2")
    try:
        assert [c.text for c in again.review.comments()] == ["Check the name"]
    finally:
        again.close()


def test_open_comments_are_notes_in_xliff_and_po(project: Workbench, tmp_path: Path) -> None:
    seg = project.segments()[1]
    project.save_target(seg.id, "kk", "Бұл сынақ.")
    project.review.add_comment(seg.id, "Use «тексеру»", "kk")
    project.review.add_comment(seg.id, "Only for Russian", "ru")
    gone = project.review.add_comment(seg.id, "Resolved already", "kk")
    project.review.resolve(gone.id)
    xlf = project.export("xliff", "kk", tmp_path / "x")[0]
    tree = etree.parse(str(xlf))
    ns = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
    unit = tree.find(".//x:trans-unit[@id='2']", ns)
    notes = [n.text for n in unit.findall("x:note[@from='reviewer']", ns)]
    assert len(notes) == 1 and notes[0].startswith("aziza (kk, ") and notes[0].endswith("): Use «тексеру»")
    xlf2 = project.export("xliff2", "kk", tmp_path / "x2")[0]
    assert b'category="reviewer"' in xlf2.read_bytes() and b"Use \xc2\xab" in xlf2.read_bytes()
    po = polib.pofile(str(project.export("po", "kk", tmp_path / "p")[0]))
    entry = next(e for e in po if e.msgid == seg.source and e.msgctxt.endswith(":2"))
    assert entry.tcomment.endswith("): Use «тексеру»") and "Russian" not in entry.tcomment


def test_repetitions_fill_ask_never_and_undo(project: Workbench) -> None:
    first, *repeats = [s for s in project.segments() if s.source == "Салом."]
    assert len(repeats) == 2 and project.review.repetition_mode == "fill"
    done = project.confirm(first.id, "kk", "Сәлем.")
    assert [t.segment_id for t in done.filled] == [r.id for r in repeats]
    project.save_target(repeats[0].id, "kk", "Сәлем!")  # edited since the fill: its undo leaves it
    undone = project.review.undo_fill(done.filled)
    assert [t.segment_id for t in undone] == [repeats[1].id]
    assert project.translation(repeats[1].id, "kk").status == "empty"
    assert project.translation(repeats[0].id, "kk").text == "Сәлем!"
    assert [h.origin for h in project.history(repeats[1].id, "kk")] == ["repetition undone"]

    project.review.set_repetition_mode("ask")
    assert Workbench.open(project.folder.parent, "rev").config.settings["repetitions"] == "ask"
    asked = project.confirm(first.id, "ru", "Привет.")
    assert asked.filled == [] and asked.repeats == [r.id for r in repeats]
    assert project.translation(repeats[0].id, "ru").status == "empty"
    chosen = project.review.fill_repetitions(first.id, "ru", only=[repeats[1].id])
    assert [t.segment_id for t in chosen] == [repeats[1].id]
    assert project.translation(repeats[1].id, "ru").origin == "repetition"

    project.review.set_repetition_mode("never")
    project.confirm(first.id, "ru", "Здравствуйте.")
    assert project.translation(repeats[0].id, "ru").status == "empty"
    assert project.stats()["repetitions"] == "never"
    with pytest.raises(TarjimonError, match="not one of fill, ask, never"):
        project.review.set_repetition_mode("sometimes")


def test_migration_is_idempotent(project: Workbench) -> None:
    from tarjimon.core.project.schema import PROJECT_MIGRATIONS

    conn = sqlite3.connect(project.folder / "project.db")
    hashes = conn.execute("SELECT * FROM segment_hashes ORDER BY segment_id").fetchall()
    for script in PROJECT_MIGRATIONS[-2:]:  # applied twice (renumbered at a merge): no error, nothing lost
        if callable(script):
            with conn:
                script(conn)
        else:
            conn.executescript(script)
    assert conn.execute("SELECT COUNT(*) FROM segment_comments").fetchone()[0] == 0
    assert conn.execute("SELECT * FROM segment_hashes ORDER BY segment_id").fetchall() == hashes != []
    conn.close()


# ---- the command line -------------------------------------------------------------------------------------
def test_cli_history_comment_config(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    import json

    from testkit import one_line_error

    monkeypatch.setenv("TARJIMON_USER", "dilnoza")
    assert cli("new", "c1", "--source", "uz", "--targets", "kk,ru").code == 0
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    assert cli("import", "c1", f).code == 0
    p = Workbench.open(tmp_path / "projects", "c1")
    seg = p.segments()[1]
    p.save_target(seg.id, "kk", "Бұл сынақ.")
    p.save_target(seg.id, "kk", "Бұл тексеру.")
    p.close()

    r = cli("history", "c1", "a.txt", "2", "--target", "kk")
    assert r.code == 0 and "v2 (current)" in r.out and "Бұл [-сынақ-]{+тексеру+}." in r.out and "dilnoza" in r.out
    data = json.loads(cli("history", "c1", "a.txt", "2", "--target", "kk", "--json").out)
    assert [v["text"] for v in data["versions"]] == ["Бұл сынақ.", "Бұл тексеру."]
    assert data["versions"][1]["diff"][1] == ["delete", "сынақ"]
    r = cli("history", "c1", "a.txt", "2", "--target", "kk", "--restore", "1", "--json")
    assert r.code == 0 and [v["text"] for v in json.loads(r.out)["versions"]][-1] == "Бұл сынақ."
    one_line_error(cli("history", "c1", "a.txt", "99", "--target", "kk").err, "no segment 99")
    one_line_error(cli("history", "c1", "nope.txt", "1", "--target", "kk").err, "nope.txt")

    added = json.loads(cli("comment", "add", "c1", "a.txt", "2", "«тексеру» is better", "--target", "kk",
                           "--json").out)
    assert (added["author"], added["target"], added["segment"]) == ("dilnoza", "kk", 2)
    assert cli("comment", "add", "c1", "a.txt", "1", "Whole segment").code == 0
    listed = json.loads(cli("comment", "list", "c1", "--json").out)
    assert [(c["segment"], c["text"]) for c in listed] == [(1, "Whole segment"), (2, "«тексеру» is better")]
    assert "open comments: 2" in cli("stats", "c1").out
    r = cli("comment", "resolve", "c1", str(added["id"]))
    assert r.code == 0 and "resolved" in r.err
    assert len(json.loads(cli("comment", "list", "c1", "--json").out)) == 1
    assert len(json.loads(cli("comment", "list", "c1", "--all", "--json").out)) == 2
    one_line_error(cli("comment", "resolve", "c1", "77").err, "no comment 77")
    one_line_error(cli("comment", "add", "c1", "a.txt", "2", " ").err, "needs some text")

    assert json.loads(cli("config", "c1", "--json").out)["repetitions"] == "fill"
    assert cli("config", "c1", "repetitions", "ask").code == 0
    assert "repetitions = ask" in cli("config", "c1").out
    assert json.loads(cli("stats", "c1", "--json").out)["repetitions"] == "ask"
    r = cli("config", "c1", "repetitions", "often")
    assert r.code == 2
    one_line_error(r.err, "often")
    one_line_error(cli("config", "c1", "colour", "red").err, "no setting 'colour'")


# ---- comments on a sentence that goes away are kept (issue 10: nothing lost) ------------------------------
def test_comments_of_a_sentence_a_reimport_drops_are_kept(project: Workbench, tmp_path: Path) -> None:
    s1, s2 = (s.id for s in project.segments()[:2])
    dropped = project.review.add_comment(s2, "«синов» is a test", "kk")
    resolved = project.review.add_comment(s2, "Done already")
    project.review.resolve(resolved.id)
    stays = project.review.add_comment(s1, "Greeting fine")
    (tmp_path / "a.txt").write_text(ARTICLE.replace("Бу синов.", "Бу бошқа синов."), encoding="utf-8")
    project.import_file(tmp_path / "a.txt")

    assert [c.id for c in project.review.comments()] == [stays.id]  # the live sentences' open comments
    kept = [c for c in project.review.comments(include_resolved=True, include_removed=True) if c.removed]
    assert [(c.id, c.text, c.source, c.document, c.open) for c in kept] == [
        (dropped.id, "«синов» is a test", "Бу синов.", "a.txt", True),
        (resolved.id, "Done already", "Бу синов.", "a.txt", False)]
    assert kept[0].removed == "removed by re-import" and kept[0].lang == "kk"
    assert project.repo.comment(dropped.id).removed  # still found by its id
    assert project.review.resolve(dropped.id).resolved_by == "aziza"  # and can be resolved
    # A new comment never takes a kept one's id.
    assert project.review.add_comment(s1, "New one").id > max(c.id for c in kept)
    # The TUI's comments screen of a sentence of that document shows them (Review.removed_comments).
    assert [c.id for c in project.review.removed_comments(s1, "kk")] == [dropped.id, resolved.id]
    assert [c.id for c in project.review.removed_comments(s1, "ru")] == [resolved.id]


def test_comments_of_a_removed_document_are_kept(project: Workbench) -> None:
    seg = project.segments()[0].id
    c = project.review.add_comment(seg, "Name spelled wrong", "ru")
    project.remove_document("a.txt")
    conn = sqlite3.connect(project.folder / "project.db")
    assert conn.execute("SELECT COUNT(*) FROM segment_comments").fetchone()[0] == 0
    conn.close()
    (kept,) = project.review.comments(include_removed=True)
    assert (kept.id, kept.text, kept.source, kept.document) == (c.id, "Name spelled wrong", "Салом.", "a.txt")
    assert kept.removed == "removed with document a.txt" and kept.open


def test_comments_follow_joins_and_splits(project: Workbench) -> None:
    first, second = project.segments()[:2]
    a = project.review.add_comment(first.id, "On the greeting")
    b = project.review.add_comment(second.id, "On the test", "kk")
    joined = project.join_segments(first.id).segments[0]
    assert sorted(c.id for c in project.review.comments(joined.id)) == [a.id, b.id]
    head = project.split_segment(joined.id, len("Салом.")).segments[0]
    assert sorted(c.id for c in project.review.comments(head.id)) == [a.id, b.id]
    assert not [c for c in project.review.comments(include_removed=True) if c.removed]


def test_cli_lists_comments_on_removed_sentences(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import json

    assert cli("new", "c2", "--source", "uz", "--targets", "kk,ru").code == 0
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    assert cli("import", "c2", f).code == 0
    assert cli("comment", "add", "c2", "a.txt", "2", "Check this", "--target", "kk").code == 0
    f.write_text(ARTICLE.replace("Бу синов.", "Бу бошқа синов."), encoding="utf-8")
    assert cli("import", "c2", f).code == 0
    assert "no open comments" in cli("comment", "list", "c2").err
    out = cli("comment", "list", "c2", "--all").out
    assert "a.txt: on a removed sentence" in out and "«Бу синов.»" in out and "Check this" in out
    (item,) = json.loads(cli("comment", "list", "c2", "--all", "--json").out)
    assert (item["removed"], item["removed_source"], item["segment"]) == ("removed by re-import", "Бу синов.", None)
