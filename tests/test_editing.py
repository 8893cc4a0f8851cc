"""Joining and splitting segments, and find and replace in targets, through the workbench facade: real
SQLite, real files, the TM and the history checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from tarjimon.core.errors import TarjimonError
from tarjimon.core.models.editing import SegmentEdit
from tarjimon.core.project.edits import apply_edits, joined_target, split_target
from tarjimon.core.workbench import Workbench

ARTICLE = (
    "Toshkentda yangi maktab ochildi.\n\n"
    "Maktabda 500 o'quvchi o'qiydi. Unda 40 o'qituvchi ishlaydi. Bino uch qavatli.\n\n"
    "Ochilish marosimida hokim so'zga chiqdi, u ota-onalarni tabrikladi.\n"
)


@pytest.fixture
def wb(tmp_path: Path) -> Workbench:
    project = Workbench.create(tmp_path / "projects", "p", "uz", ["kk", "ru"], glossaries_dir=tmp_path / "g")
    (tmp_path / "news.txt").write_text(ARTICLE, encoding="utf-8")
    project.import_file(tmp_path / "news.txt")
    yield project
    project.close()


def _sources(wb: Workbench) -> list[str]:
    return [s.source for s in wb.segments()]


def test_join_makes_a_new_segment_with_joined_targets_history_and_one_tm_unit(wb: Workbench) -> None:
    segs = wb.segments()
    a, b = segs[1], segs[2]
    wb.confirm(a.id, "kk", "Мектепте 500 оқушы оқиды.")
    wb.confirm(b.id, "kk", "Онда 40 мұғалім жұмыс істейді.")
    wb.confirm(a.id, "ru", "В школе учатся 500 учеников.", "draft")
    wb.review.add_comment(b.id, "check the number", "kk")
    units_before = wb.tm.count()
    done = wb.join_segments(a.id)
    new = done.segments[0]
    assert new.id not in (a.id, b.id)
    assert new.source == "Maktabda 500 o'quvchi o'qiydi. Unda 40 o'qituvchi ishlaydi."
    assert _sources(wb) == [segs[0].source, new.source, segs[3].source, segs[4].source]
    assert [s.position for s in wb.segments()] == [0, 1, 2, 3]
    kk = wb.translation(new.id, "kk")
    assert (kk.text, kk.status) == ("Мектепте 500 оқушы оқиды. Онда 40 мұғалім жұмыс істейді.", "translated")
    ru = wb.translation(new.id, "ru")
    assert (ru.text, ru.status) == ("В школе учатся 500 учеников.", "draft")  # only half translated
    history = wb.history(new.id, "kk")
    assert {h.text for h in history} == {"Мектепте 500 оқушы оқиды.", "Онда 40 мұғалім жұмыс істейді."}
    assert all(h.author == wb.review.user for h in history)  # who wrote each part stays with it
    assert [c.text for c in wb.review.comments(new.id)] == ["check the number"]  # the comment follows
    # the joined pair is one more unit; the units of the two old segments stay
    assert wb.tm.count() == units_before + 1
    hits = wb.tm.lookup(new.source, "kk", min_score=100)
    assert hits and hits[0].target == kk.text
    assert wb.tm.lookup(a.source, "kk", min_score=100)[0].target == "Мектепте 500 оқушы оқиды."


def test_join_refuses_across_paragraphs_and_at_the_end(wb: Workbench) -> None:
    segs = wb.segments()
    with pytest.raises(TarjimonError, match="one paragraph"):
        wb.join_segments(segs[0].id)
    with pytest.raises(TarjimonError, match="last segment"):
        wb.join_segments(segs[-1].id)
    assert _sources(wb) == [s.source for s in segs]


def test_split_cuts_the_target_at_the_matching_comma_else_keeps_it_whole(wb: Workbench) -> None:
    seg = wb.segments()[-1]
    wb.confirm(seg.id, "kk", "Ашылу салтанатында әкім сөз сөйледі, ол ата-аналарды құттықтады.")
    wb.confirm(seg.id, "ru", "На церемонии выступил хоким и поздравил родителей.")
    at = seg.source.index(" u ota")
    done = wb.split_segment(seg.id, at)
    one, two = done.segments
    assert (one.source, two.source) == ("Ochilish marosimida hokim so'zga chiqdi,", "u ota-onalarni tabrikladi.")
    assert done.cut == ["kk"]
    assert wb.translation(one.id, "kk").text == "Ашылу салтанатында әкім сөз сөйледі,"
    assert wb.translation(two.id, "kk").text == "ол ата-аналарды құттықтады."
    assert wb.translation(one.id, "kk").status == "draft"
    assert wb.translation(one.id, "ru").text == "На церемонии выступил хоким и поздравил родителей."
    assert wb.translation(two.id, "ru").status == "empty"
    assert wb.history(one.id, "kk")[-1].text == "Ашылу салтанатында әкім сөз сөйледі, ол ата-аналарды құттықтады."
    assert wb.history(one.id, "kk")[-1].origin == "before split" and wb.history(two.id, "ru") == []
    assert _sources(wb)[-2:] == [one.source, two.source]
    with pytest.raises(TarjimonError, match="cannot split"):
        wb.split_segment(one.id, 0)


def test_reimport_after_join_and_split_keeps_the_targets(wb: Workbench, tmp_path: Path) -> None:
    segs = wb.segments()
    joined = wb.join_segments(segs[1].id).segments[0]
    wb.confirm(joined.id, "kk", "Біріккен аударма.")
    last = wb.segments()[-1]
    one, two = wb.split_segment(last.id, last.source.index(" u ota")).segments
    wb.confirm(two.id, "kk", "ол ата-аналарды құттықтады.")
    before = _sources(wb)
    report = wb.import_file(tmp_path / "news.txt")  # the same file again
    assert report.reimport and report.removed == 0 and report.unchanged == len(before)
    assert _sources(wb) == before
    assert wb.translation(joined.id, "kk").text == "Біріккен аударма."
    assert wb.translation(two.id, "kk").text == "ол ата-аналарды құттықтады."


def test_replace_previews_applies_in_one_go_and_undoes(wb: Workbench) -> None:
    segs = wb.segments()
    wb.confirm(segs[0].id, "kk", "Ташкентте жаңа мектеп ашылды.")
    wb.confirm(segs[1].id, "kk", "Ташкент мектебінде 500 оқушы.", "draft")
    wb.confirm(segs[1].id, "ru", "В Ташкенте 500 учеников.")
    wb.confirm(segs[0].id, "kk", "Ташкентте жаңа мектеп ашылды.", "reviewed")
    preview = wb.plan_replace("Ташкент", "Тошкент", ["kk"])
    assert [(r.number, r.lang, r.after) for r in preview] == [
        (1, "kk", "Тошкентте жаңа мектеп ашылды."), (2, "kk", "Тошкент мектебінде 500 оқушы.")]
    assert wb.translation(segs[0].id, "kk").text == "Ташкентте жаңа мектеп ашылды."  # a preview writes nothing
    assert wb.plan_replace("ташкент", "X", whole_word=True, case=True) == []
    assert [r.lang for r in wb.plan_replace("Ташкент", "X", whole_word=True)] == ["kk"]
    report = wb.replace("Ташкент", "Тошкент", preview)
    assert len(report.changed) == 2 and not report.skipped
    first = wb.translation(segs[0].id, "kk")
    # a reviewed target changed is translated again (its reviewed version in the history)
    assert (first.text, first.status, first.origin) == ("Тошкентте жаңа мектеп ашылды.", "translated", "replace")
    assert wb.history(segs[0].id, "kk")[-1].status == "reviewed"
    assert wb.history(segs[0].id, "kk")[-1].text == "Ташкентте жаңа мектеп ашылды."
    assert wb.tm.lookup(segs[0].source, "kk", min_score=100)[0].target == first.text  # confirmed -> TM
    assert wb.translation(segs[1].id, "ru").text == "В Ташкенте 500 учеников."
    wb.confirm(segs[1].id, "kk", "Тошкент мектебінде 500 оқушы бар.", "draft")  # edited since
    undone = wb.undo_replace()
    assert [r.segment_id for r in undone.changed] == [segs[0].id]
    assert [(r.segment_id, why) for r, why in undone.skipped] == [(segs[1].id, "edited since the replace")]
    back = wb.translation(segs[0].id, "kk")
    assert (back.text, back.status) == ("Ташкентте жаңа мектеп ашылды.", "reviewed")  # text and status back
    assert wb.translation(segs[1].id, "kk").text == "Тошкент мектебінде 500 оқушы бар."
    with pytest.raises(TarjimonError, match="no replace to undo"):
        wb.undo_replace()


def test_replace_regex_groups_and_a_target_changed_after_the_preview(wb: Workbench) -> None:
    segs = wb.segments()
    wb.confirm(segs[1].id, "kk", "500 оқушы, 40 мұғалім")
    preview = wb.plan_replace(r"(\d+) оқушы", r"\1 бала", regex=True)
    assert preview[0].after == "500 бала, 40 мұғалім"
    wb.confirm(segs[1].id, "kk", "500 оқушы бар")
    report = wb.replace(r"(\d+) оқушы", r"\1 бала", preview, regex=True)
    assert not report.changed and report.skipped[0][1] == "changed since the preview"
    with pytest.raises(TarjimonError, match="bad regular expression"):
        wb.plan_replace("(", "x", regex=True)


def test_pure_rules() -> None:
    assert joined_target(("A.", "reviewed"), ("B.", "translated")) == ("A. B.", "translated")
    assert joined_target(("", "empty"), ("B.", "reviewed")) == ("B.", "draft")
    assert split_target("Bir, ikki.", 4, "One and two.") == ("One and two.", "", False)
    assert split_target("Bir, ikki.", 4, "Один, два.") == ("Один,", "два.", True)
    assert split_target("Bir, «ikki».", 4, "Один, «два».") == ("Один,", "«два».", True)
    with pytest.raises(TarjimonError, match="inside the tag"):
        split_target("Bir ⟨1⟩ikki⟨/1⟩.", 5, "")
    pieces = [(0, "body", "A."), (0, "body", "B."), (1, "body", "C D.")]
    edits = [SegmentEdit("join", "A. B.", "A.", "B."), SegmentEdit("split", "C D.", "C", "D.")]
    assert apply_edits(pieces, edits) == [(0, "body", "A. B."), (1, "body", "C"), (1, "body", "D.")]
