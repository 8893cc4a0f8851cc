"""The project facade and store: create, import, save targets with history, re-import, locks, migrations."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tarjimon.core.errors import NotFound, ProjectLocked, TarjimonError
from tarjimon.core.workbench import Workbench

ARTICLE = """ date 2026-02-10 Тошкентда янги мактаб очилди
TASHKENT. Kazinform – Тошкентда янги мактаб очилди. Унда 1200 ўқувчи таҳсил олади.
“Бу мактаб замонавий жиҳозлар билан таъминланган”, – деди ҳоким.

Мактаб қурилишига 5,5 млрд. сўм сарфланди.
"""


@pytest.fixture
def project(tmp_path: Path) -> Workbench:
    p = Workbench.create(tmp_path, "school", "uz", ["kk", "ru", "en"])
    src = tmp_path / "school.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    p.import_file(src)
    yield p
    p.close()


def test_create_writes_readable_toml(tmp_path: Path) -> None:
    Workbench.create(tmp_path, "p1", "uz-Cyrl", ["KK", "ru_RU", "en-US"]).close()
    text = (tmp_path / "p1" / "project.toml").read_text(encoding="utf-8")
    assert 'source = "uz"' in text and 'targets = [\n    "kk",' in text
    with Workbench.open(tmp_path, "p1") as p:
        assert p.target_langs == ["kk", "ru", "en"]


def test_create_refuses_bad_languages_and_duplicates(tmp_path: Path) -> None:
    with pytest.raises(TarjimonError, match="unknown language"):
        Workbench.create(tmp_path, "x", "uz", ["xx"])
    with pytest.raises(TarjimonError, match="cannot also be a target"):
        Workbench.create(tmp_path, "x", "uz", ["uz-Latn"])
    assert not (tmp_path / "x").exists()
    Workbench.create(tmp_path, "y", "uz", ["kk"]).close()
    with pytest.raises(TarjimonError, match="already exists"):
        Workbench.create(tmp_path, "y", "uz", ["kk"])
    with pytest.raises(NotFound):
        Workbench.open(tmp_path, "nope")


def test_import_splits_header_paragraphs_and_sentences(project: Workbench) -> None:
    doc = project.documents()[0]
    assert doc.meta == {"date": "2026-02-10", "title": "Тошкентда янги мактаб очилди"}
    segs = project.segments()
    assert segs[0].kind == "title" and segs[0].source == "Тошкентда янги мактаб очилди"
    assert [s.source for s in segs[1:]] == [
        "TASHKENT. Kazinform – Тошкентда янги мактаб очилди.",
        "Унда 1200 ўқувчи таҳсил олади.",
        "“Бу мактаб замонавий жиҳозлар билан таъминланган”, – деди ҳоким.",
        "Мактаб қурилишига 5,5 млрд. сўм сарфланди.",
    ]
    assert [s.paragraph for s in segs] == [0, 1, 1, 2, 3]


def test_save_target_keeps_history_and_statuses(project: Workbench) -> None:
    seg = project.segments()[1]
    project.save_target(seg.id, "kk", "Бірінші нұсқа", status="draft")
    project.save_target(seg.id, "kk", "Екінші нұсқа")
    assert project.translation(seg.id, "kk").status == "translated"
    assert [h.text for h in project.history(seg.id, "kk")] == ["Бірінші нұсқа"]
    project.save_target(seg.id, "kk", "   ")
    assert project.translation(seg.id, "kk").status == "empty"
    with pytest.raises(TarjimonError):
        project.save_target(seg.id, "de", "Hallo")


def test_confirmed_target_survives_without_close(tmp_path: Path, project: Workbench) -> None:
    seg = project.segments()[2]
    project.save_target(seg.id, "ru", "В ней будут учиться 1200 учеников.")
    # Another connection sees it at once: the write is committed, not waiting for close().
    conn = sqlite3.connect(project.folder / "project.db")
    assert conn.execute("SELECT text FROM translations WHERE segment_id = ?", (seg.id,)).fetchone()[0].startswith("В ней")


def test_repetitions_are_propagated(tmp_path: Path) -> None:
    p = Workbench.create(tmp_path, "rep", "uz", ["kk"])
    f = tmp_path / "a.txt"
    f.write_text("Салом. Бу синов.\nСалом. Яна бир гап.\n", encoding="utf-8")
    p.import_file(f)
    segs = p.segments()
    p.save_target(segs[0].id, "kk", "Сәлем.")
    again = p.translation(segs[2].id, "kk")
    assert (again.text, again.status, again.origin) == ("Сәлем.", "translated", "repetition")
    p.close()


def test_reimport_keeps_unchanged_translations(tmp_path: Path, project: Workbench) -> None:
    segs = project.segments()
    project.save_target(segs[2].id, "kk", "Онда 1200 оқушы білім алады.")
    project.save_target(segs[1].id, "kk", "Ташкентте жаңа мектеп ашылды.")
    edited = ARTICLE.replace("TASHKENT. Kazinform – Тошкентда", "TASHKENT. Kazinform – Пойтахтда")
    src = tmp_path / "school.txt"
    src.write_text(edited, encoding="utf-8")
    report = project.import_file(src)
    assert (report.reimport, report.unchanged, report.changed, report.removed) == (True, 4, 1, 1)
    by_source = {r.segment.source: r.targets["kk"].text for r in project.rows()}
    assert by_source["Унда 1200 ўқувчи таҳсил олади."] == "Онда 1200 оқушы білім алады."
    # The translation of the removed sentence is kept in the history.
    rows = project.store.conn.execute("SELECT text FROM translation_history").fetchall()
    assert [r[0] for r in rows] == ["Ташкентте жаңа мектеп ашылды."]


def test_edit_lock_is_exclusive(tmp_path: Path, project: Workbench) -> None:
    project.lock()
    other = Workbench.open(tmp_path, "school")
    try:
        # flock is per open file description, so a second handle in this process is refused too.
        with pytest.raises(ProjectLocked):
            other.lock()
    finally:
        other.close()
    project.unlock()


def test_a_reimport_waits_for_the_workbench_that_has_the_project_open(
        tmp_path: Path, project: Workbench, capsys: pytest.CaptureFixture[str]) -> None:
    """Before: `tarjimon import` re-imported an edited article while a workbench had the project open; the
    workbench went on showing the removed sentence, and confirming a target there crashed it with a
    traceback (NotFound: no segment 8), losing what was typed. A re-import now needs the edit lock; a new
    article still imports while the workbench is open."""
    from tarjimon.cli.main import main

    project.lock()  # the workbench
    before = [(s.id, s.source) for s in project.segments()]
    edited = tmp_path / "school.txt"
    edited.write_text(ARTICLE.replace(" Унда 1200 ўқувчи таҳсил олади.", ""), encoding="utf-8")
    assert main(["import", "school", str(edited), "--projects-dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "open for editing elsewhere" in err and "Traceback" not in err
    assert [(s.id, s.source) for s in project.segments()] == before
    other = tmp_path / "other.txt"
    other.write_text("Янги мақола. Иккинчи гап.\n", encoding="utf-8")
    assert main(["import", "school", str(other), "--projects-dir", str(tmp_path)]) == 0
    assert "imported 2 segments" in capsys.readouterr().err
    project.unlock()  # the workbench closed: the re-import goes through, and leaves the lock free
    assert main(["import", "school", str(edited), "--projects-dir", str(tmp_path)]) == 0
    assert "1 removed" in capsys.readouterr().err
    project.lock()
    project.unlock()


def test_migrations_are_recorded(project: Workbench) -> None:
    rows = project.store.conn.execute("SELECT component, version FROM schema_migrations").fetchall()
    assert ("project", 1) in [tuple(r) for r in rows]


def test_stats_counts_statuses(project: Workbench) -> None:
    segs = project.segments()
    project.save_target(segs[0].id, "kk", "Ташкентте жаңа мектеп ашылды")
    project.save_target(segs[1].id, "kk", "Жоба", status="draft")
    s = project.stats()
    assert s["segments"] == 5 and s["words"] > 20
    assert s["languages"]["kk"]["translated"] == 1
    assert s["languages"]["kk"]["draft"] == 1
    assert s["languages"]["kk"]["empty"] == 3
    assert s["languages"]["ru"]["empty"] == 5
