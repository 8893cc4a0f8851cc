"""backup, restore, check (--repair), and the rolling backup before a migration (issue 9, item 13)."""

from __future__ import annotations

import sqlite3
import threading
from array import array
from pathlib import Path

from tarjimon.core.store import Store


def _setup(cli, tmp_path: Path) -> Path:
    article = tmp_path / "a.txt"
    article.write_text("Salom dunyo. Yangi kun boshlandi. Bugun havo yaxshi.\n", encoding="utf-8")
    tmx = tmp_path / "t.tmx"
    tmx.write_text('<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="uz" creationtool="t" '
                   'creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" datatype="plaintext"/><body>'
                   + "".join(f'<tu><tuv xml:lang="uz"><seg>Gap raqami {i}</seg></tuv><tuv xml:lang="kk"><seg>Сөйлем '
                             f'{i}</seg></tuv></tu>' for i in range(200))
                   + "</body></tmx>\n", encoding="utf-8")  # fmt: skip
    assert cli("new", "p", "--source", "uz", "--target", "kk").code == 0
    assert cli("import", "p", article).code == 0
    assert cli("tm", "import", "p", tmx).code == 0
    return tmp_path / "projects" / "p" / "project.db"


def test_backup_while_writing_then_restore(cli, tmp_path: Path) -> None:
    db = _setup(cli, tmp_path)
    stop = threading.Event()

    def writer() -> None:  # another connection keeps writing while the backup runs
        conn = sqlite3.connect(db, isolation_level=None, timeout=30)
        i = 0
        while not stop.is_set():
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("INSERT INTO translation_history (segment_id, lang, source, text, status, changed_at)"
                         " VALUES (1, 'kk', 's', ?, 'draft', 'now')", (f"t{i}",))  # fmt: skip
            conn.execute("COMMIT")
            i += 1
        conn.close()

    t = threading.Thread(target=writer)
    t.start()
    try:
        out = tmp_path / "b.db"
        r = cli("backup", "p", "-o", out)
        assert r.code == 0, r.err
    finally:
        stop.set()
        t.join()
    snap = sqlite3.connect(out)
    assert snap.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert snap.execute("SELECT COUNT(*) FROM tm_units").fetchone()[0] == 200
    snap.close()
    r = cli("backup", "p", "-o", out)
    assert r.code == 2 and "exists (use --force" in r.err
    # lose the work, then restore it
    assert cli("restore", "p", out).code == 2  # the project exists: --force needed
    conn = sqlite3.connect(db)
    conn.execute("DELETE FROM tm_units")
    conn.commit()
    conn.close()
    r = cli("restore", "p", out, "--force")
    assert r.code == 0, r.err
    assert "the project as it was before the restore is kept in" in r.err
    assert "200 TM units" in cli("stats", "p").out
    # into a new name, from the backup alone
    assert cli("restore", "copy", out).code == 0
    assert "1 document, 3 segments" in cli("stats", "copy").out
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x01" * 5000)
    r = cli("restore", "other", bad)
    assert r.code == 2 and len(r.err.strip().splitlines()) == 1


def test_a_backup_whose_project_toml_is_refused_leaves_no_project_behind(cli, tmp_path: Path) -> None:
    """Before: the refusal named a scratch file (projects/q/.project.toml.restore) the user never made, and
    left an empty folder projects/q behind; a glossary name leading out of the glossaries folder, or targets
    written as a string, were taken as they were."""
    _setup(cli, tmp_path)
    out = tmp_path / "p.tarjimon.db"
    assert cli("backup", "p", "-o", out).code == 0
    for toml, says in (
        ("source = [", "unreadable project file"),
        ('source = "uz"\ntargets = "kk"', "targets must be a list"),
        ('source = "uz"\ntargets = ["kk"]\nglossaries = ["../../outside/stolen"]', "glossaries: invalid name"),
        ('source = "uz"\ntargets = ["kk"]\nsettings = "x"', "settings must be a table"),
    ):
        hostile = tmp_path / "hostile.db"
        hostile.write_bytes(out.read_bytes())
        conn = sqlite3.connect(hostile)
        conn.execute("UPDATE tarjimon_backup SET value = ? WHERE key = 'project.toml'", (toml,))
        conn.commit()
        conn.close()
        r = cli("restore", "q", hostile)
        assert r.code == 2, (toml, r.err)
        assert r.err.count("\n") == 1 and f"{hostile}: " in r.err and says in r.err, r.err
        assert not (tmp_path / "projects" / "q").exists()
    assert [line.split("\t")[0] for line in cli("list").out.splitlines()] == ["p"]


def test_a_backups_folder_planted_as_a_link_is_never_written_through(cli, tmp_path: Path, monkeypatch) -> None:
    """Before: `restore p FILE --force` with projects/p/backups a symbolic link wrote the rolling copy of the
    whole project database into the folder the link named, outside the project."""
    db = _setup(cli, tmp_path)
    out = tmp_path / "p.tarjimon.db"
    assert cli("backup", "p", "-o", out).code == 0
    outside = tmp_path / "outside"
    outside.mkdir()
    (db.parent / "backups").symlink_to(outside)
    before = db.read_bytes()
    r = cli("restore", "p", out, "--force")
    assert r.code == 2 and len(r.err.strip().splitlines()) == 1 and "nothing restored" in r.err, r.err
    assert list(outside.iterdir()) == []
    assert db.read_bytes() == before
    # a link planted at the name the copy will take is not written through either (the clock held still)
    (db.parent / "backups").unlink()
    import tarjimon.core.store as store_module

    monkeypatch.setattr(store_module, "now", lambda: "2026-11-30T13:13:16+0000")
    (db.parent / "backups").mkdir()
    victim = outside / "victim.db"
    victim.write_bytes(b"")  # an empty file: SQLite would take it as a new database and fill it
    (db.parent / "backups" / "before-migration-20261130T131316.db").symlink_to(victim)
    store = store_module.Store(db)
    try:
        assert store_module.rolling_backup(store) is None
    finally:
        store.close()
    assert victim.read_bytes() == b""


def test_check_finds_and_repairs_orphans_and_a_stale_index(cli, tmp_path: Path) -> None:
    db = _setup(cli, tmp_path)
    r = cli("check", "p")
    assert r.code == 0 and "ok (200 TM units" in r.out and r.err == ""
    conn = sqlite3.connect(db)  # damage it as a bug or a crash in another tool could
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("INSERT INTO translations VALUES (9999, 'kk', 'x', 'draft', 'now', '')")
    conn.execute("DELETE FROM tm_units WHERE id IN (SELECT id FROM tm_units ORDER BY id LIMIT 10)")
    conn.commit()
    conn.close()
    (tmp_path / "projects" / "p" / ".tm-import-999999-x").mkdir()
    r = cli("check", "p")
    assert r.code == 1
    assert "1 targets of missing segments" in r.out and "point at units that do not exist" in r.out
    assert "190 units but the counter says 200" in r.out and "scratch folders" in r.out
    r = cli("check", "p", "--repair")
    assert r.code == 0, r.err
    assert "repaired" in r.out and cli("check", "p").code == 0
    conn = sqlite3.connect(db)
    ids = {row[0] for row in conn.execute("SELECT id FROM tm_units")}
    for (blob,) in conn.execute("SELECT ids FROM tm_postings"):
        a = array("I")
        a.frombytes(blob)
        assert set(a) <= ids
    assert list((tmp_path / "projects" / "p" / "backups").glob("before-repair-*.db"))


def test_rolling_backup_before_a_schema_migration(tmp_path: Path) -> None:
    (tmp_path / "p").mkdir()
    store = Store(tmp_path / "p" / "project.db")
    store.migrate("demo", ["CREATE TABLE a (x)"])
    store.conn.execute("INSERT INTO a VALUES (1)")
    store.close()
    store = Store(tmp_path / "p" / "project.db")
    store.migrate("demo", ["CREATE TABLE a (x)", "ALTER TABLE a ADD COLUMN y"])
    backups = list((tmp_path / "p" / "backups").glob("before-migration-*.db"))
    assert len(backups) == 1
    old = sqlite3.connect(backups[0])
    assert old.execute("SELECT * FROM a").fetchall() == [(1,)]
    assert "y" not in [r[1] for r in old.execute("PRAGMA table_info(a)")]
    store.close()


def test_each_restore_keeps_its_own_safety_copy_and_says_where(cli, tmp_path: Path, monkeypatch) -> None:
    """Before: restore's copy of the project it replaced was named `before-migration-STAMP.db` (as the schema
    upgrade's), only the last 3 were kept, and a second restore in the same second refused ("no copy of it
    could be made ... a symbolic link there, or the disk") because the name was taken; --json called it
    `replaced_kept_in` only. Now: `before-restore-STAMPZ.db`, `...Z-2.db` in the same second, never pruned,
    printed, `safety_copy` in --json; restoring a safety copy itself works and keeps it."""
    import json
    from datetime import datetime

    import tarjimon.core.workbench.maintenance as maintenance

    class Frozen(datetime):  # every restore of this test in one and the same second
        @classmethod
        def now(cls, tz=None):  # type: ignore[no-untyped-def, override]
            return datetime(2026, 11, 30, 21, 45, 7, tzinfo=tz)

    monkeypatch.setattr(maintenance, "datetime", Frozen, raising=False)  # (raising: the before-tree had none)
    db = _setup(cli, tmp_path)
    out = tmp_path / "p.tarjimon.db"
    assert cli("backup", "p", "-o", out).code == 0
    backups = db.parent / "backups"
    seen = []
    for n in range(5):
        conn = sqlite3.connect(db)  # each restore replaces a different state: n units fewer
        conn.execute("DELETE FROM tm_units WHERE id IN (SELECT id FROM tm_units LIMIT ?)", (n + 1,))
        conn.commit()
        conn.close()
        r = cli("restore", "p", out, "--force", "--json")
        assert r.code == 0, r.err
        got = json.loads(r.out)
        seen.append(Path(got["safety_copy"]))
        assert got["replaced_kept_in"] == got["safety_copy"]
    suffix = ["", "-2", "-3", "-4", "-5"]
    assert [p.name for p in seen] == [f"before-restore-20261130T214507Z{s}.db" for s in suffix]
    assert sorted(backups.iterdir()) == sorted(seen)  # every one kept, each a whole database of its own
    for n, copy in enumerate(seen):
        conn = sqlite3.connect(copy)
        assert conn.execute("SELECT COUNT(*) FROM tm_units").fetchone()[0] == 200 - (n + 1)
        conn.close()
    # the safety copy restored in its turn: the project comes back as it was, and the copy stays where it was
    r = cli("restore", "p", seen[2], "--force")
    assert r.code == 0, r.err
    assert f"is kept in {backups.resolve() / 'before-restore-20261130T214507Z-6.db'}" in r.err, r.err
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT COUNT(*) FROM tm_units").fetchone()[0] == 197
    conn.close()
    assert seen[2].is_file() and len(list(backups.iterdir())) == 6
