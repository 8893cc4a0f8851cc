"""Project migration 9: each segment's source hash, indexed, finds its repetitions (and the TM browser's uses of a
unit) in place of an index holding every source whole; a project of the previous version opens, migrates once
and keeps its data; a kill -9 in the migration loses nothing; a hash shared by two different texts is not a
repetition."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from test_kill_points import killed, readable, tarjimon

from tarjimon.core.models import Segment
from tarjimon.core.project.schema import source_hash
from tarjimon.core.workbench import Workbench

TEXT = ("Салом. Бу синов. Салом. Яна бир гап. Бу синов.\n\nСалом. Учинчи хатбоши. Яна бир гап.\n\n"
        "Бу синов! Салом.\n")


def _made(tmp_path: Path) -> Workbench:
    p = Workbench.create(tmp_path / "projects", "p", "uz", ["kk"])
    f = tmp_path / "a.txt"
    f.write_text(TEXT, encoding="utf-8")
    p.import_file(f)
    return p


def _same_source(p: Workbench, seg: Segment) -> list[int]:
    return sorted(s.id for s in p.segments() if s.source == seg.source and s.id != seg.id)


def _as_previous_version(db: Path) -> None:
    """The schema of migration 8: no segment_hashes, the index on the whole source, version 9 not recorded."""
    conn = sqlite3.connect(db)
    conn.executescript("DROP TABLE segment_hashes; CREATE INDEX segments_by_source ON segments(source);"
                       " DELETE FROM schema_migrations WHERE component = 'project' AND version = 9;")
    conn.close()


def _hashes(p: Workbench) -> dict[int, int]:
    return dict(p.repo.store.conn.execute("SELECT segment_id, hash FROM segment_hashes"))


def _indexes(db: Path) -> dict[str, str]:
    conn = sqlite3.connect(db)
    try:
        return {r[0]: r[1] for r in conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'segments' AND sql IS NOT NULL")}
    finally:
        conn.close()


def test_repetitions_are_every_segment_with_the_same_source(tmp_path: Path) -> None:
    p = _made(tmp_path)
    for seg in p.segments():
        assert p.repo.repetitions(seg, "kk") == _same_source(p, seg), seg.source
    assert len(_same_source(p, p.segments()[0])) == 3
    # no index holds the sources whole (a 13 MB segment's repetitions compared 13 MB keys); the hash's is used
    assert not [sql for sql in _indexes(p.repo.store.path).values() if "(source)" in sql]
    assert _hashes(p) == {s.id: source_hash(s.source) for s in p.segments()}
    p.close()


def test_a_shared_hash_with_another_text_is_not_a_repetition(tmp_path: Path) -> None:
    p = _made(tmp_path)
    segs = p.segments()
    first, other = segs[0], next(s for s in segs if s.source != segs[0].source)
    p.repo.store.conn.execute("UPDATE segment_hashes SET hash = ? WHERE segment_id = ?",
                              (source_hash(first.source), other.id))  # the planted collision
    saved = p.save_target(first.id, "kk", "Сәлем.")
    assert saved.text == "Сәлем."
    assert p.translation(other.id, "kk").text == ""  # not filled
    assert [p.translation(i, "kk").origin for i in _same_source(p, first)] == ["repetition"] * 3
    p.close()


def test_a_project_of_the_previous_version_migrates_once(tmp_path: Path) -> None:
    p = _made(tmp_path)
    first = p.segments()[0]
    p.save_target(first.id, "kk", "Сәлем.")
    before = [(s.id, s.source, p.translation(s.id, "kk").text) for s in p.segments()]
    db = p.repo.store.path
    p.close()
    _as_previous_version(db)
    with Workbench.open(tmp_path / "projects", "p") as again:
        assert [(s.id, s.source, again.translation(s.id, "kk").text) for s in again.segments()] == before
        assert _hashes(again) == {s.id: source_hash(s.source) for s in again.segments()}
        rows = again.repo.store.conn.execute("SELECT version FROM schema_migrations WHERE component = 'project'")
        assert [r[0] for r in rows] == list(range(1, 10))
        seg = next(s for s in again.segments() if s.source == "Бу синов.")
        again.save_target(seg.id, "kk", "Бұл сынақ.")
        assert [again.translation(i, "kk").text for i in _same_source(again, seg)] == ["Бұл сынақ."]
    assert set(_indexes(db)) == {"segments_by_document"}
    assert list((db.parent / "backups").glob("before-migration-*.db"))
    with Workbench.open(tmp_path / "projects", "p") as third:  # opened again: nothing left to migrate
        assert third.repo.store.conn.execute("SELECT COUNT(*) FROM schema_migrations WHERE component = 'project'"
                                             ).fetchone()[0] == 9


def test_segments_an_older_version_added_get_their_hash_on_the_next_open(tmp_path: Path) -> None:
    p = _made(tmp_path)
    want = _hashes(p)
    added = sorted(want)[-3:]  # as an older version adds them: a new id above every other, no hash
    p.repo.store.conn.execute(f"DELETE FROM segment_hashes WHERE segment_id IN ({','.join('?' * 3)})", added)
    p.close()
    with Workbench.open(tmp_path / "projects", "p") as again:
        assert _hashes(again) == want
        seg = again.repo.segment(added[-1])
        assert again.repo.repetitions(seg, "kk") == _same_source(again, seg) != []


def test_the_migration_killed_before_its_commit_loses_nothing(tmp_path: Path) -> None:
    p = _made(tmp_path)
    p.save_target(p.segments()[0].id, "kk", "Сәлем.")
    db = p.repo.store.path
    p.close()
    _as_previous_version(db)
    conn = sqlite3.connect(db)
    want = {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall()) for t in ("segments", "translations")}
    conn.close()
    done = tarjimon(tmp_path, "stats", "p", "--json", kill_at="project.hashes")
    assert killed(done), (done.returncode, done.stderr)
    conn = sqlite3.connect(db)
    assert {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall()) for t in ("segments", "translations")} == want
    assert conn.execute("SELECT MAX(version) FROM schema_migrations WHERE component = 'project'").fetchone()[0] == 8
    conn.close()
    assert readable(tmp_path)["segments"] == len(want["segments"])  # the next open migrates
    assert set(_indexes(db)) == {"segments_by_document"}
