"""A backup someone sent, or a project.db edited by hand, can carry a trigger or a view. Tarjimon makes none,
and a trigger acts inside every later write: before, `tarjimon restore` took a backup whose trigger emptied
the TM and the targets at the next import (and kept it in every later backup), and `tarjimon check` said
"ok". Now restore refuses such a backup in one line, and check finds one in a project and --repair drops it
(first, so it cannot act on the repair itself)."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "kazinform-2026-01-05-uz.txt"
TRIGGER = ('CREATE TRIGGER "wipe ""all""" AFTER INSERT ON documents BEGIN DELETE FROM translations; '
           "DELETE FROM tm_units; END")  # fmt: skip


def _project(cli, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    assert cli("new", "story", "--source", "uz", "--targets", "kk").code == 0
    text = tmp_path / "story.txt"
    text.write_text("Президент сўзга чиқди. Аҳоли сони ўсди.\n", encoding="utf-8")
    assert cli("import", "story", str(text)).code == 0
    tmx = tmp_path / "tm.tmx"
    tmx.write_text('<tmx version="1.4"><header srclang="uz" creationtool="t" creationtoolversion="1" segtype="sentence"'
                   ' o-tmf="t" adminlang="en" datatype="plaintext"/><body><tu><tuv xml:lang="uz"><seg>Аҳоли</seg></tuv>'
                   '<tuv xml:lang="kk"><seg>Халық</seg></tuv></tu></body></tmx>', encoding="utf-8")  # fmt: skip
    assert cli("tm", "import", "story", str(tmx)).code == 0
    return tmp_path / "projects" / "story" / "project.db"


def _units(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT COUNT(*) FROM tm_units").fetchone()[0])


def test_restore_refuses_a_backup_with_a_trigger_and_changes_nothing(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = _project(cli, tmp_path)
    assert cli("backup", "story", "-o", str(tmp_path / "b.db")).code == 0
    with sqlite3.connect(tmp_path / "b.db") as conn:
        conn.execute(TRIGGER)
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    result = cli("restore", "story", str(tmp_path / "b.db"), "--force")
    assert result.code == 2
    assert len(result.err.strip().splitlines()) == 1 and "Traceback" not in result.err
    assert "b.db" in result.err and "trigger" in result.err and "wipe" in result.err
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    assert not (db.parent / "backups").exists()  # refused before a safety copy was even needed
    # and a view too (one could stand where the next version's table will be)
    with sqlite3.connect(tmp_path / "b.db") as conn:
        conn.execute("DROP TRIGGER \"wipe \"\"all\"\"\"")
        conn.execute("CREATE VIEW later AS SELECT * FROM segments")
    result = cli("restore", "story", str(tmp_path / "b.db"), "--force")
    assert result.code == 2 and "view 'later'" in result.err


def test_check_finds_a_planted_trigger_and_repair_drops_it_before_it_acts(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = _project(cli, tmp_path)
    with sqlite3.connect(db) as conn:
        conn.execute(TRIGGER)
        conn.execute('CREATE TRIGGER guard AFTER DELETE ON translations BEGIN DELETE FROM tm_units; END')
    result = cli("check", "story")
    assert result.code == 1 and "2 trigger(s) or view(s) Tarjimon never makes" in result.out + result.err
    assert "'wipe \"all\"'" in result.out + result.err
    result = cli("check", "story", "--repair")
    assert result.code == 0, result.out + result.err
    assert "2 triggers or views dropped" in result.out + result.err
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger'").fetchone()[0] == 0
    other = tmp_path / "other.txt"
    other.write_text("Янги мақола.\n", encoding="utf-8")
    assert cli("import", "story", str(other)).code == 0
    assert _units(db) == 1  # the TM kept its unit: the trigger never fired


def test_a_project_or_backup_from_a_newer_tarjimon_is_refused_not_written(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A project carried from a newer install (its schema has tables or columns this version does not know):
    before, every command wrote into it as if it were its own, and restore took such a backup silently."""
    db = _project(cli, tmp_path)
    assert cli("backup", "story", "-o", str(tmp_path / "b.db")).code == 0
    with sqlite3.connect(tmp_path / "b.db") as conn:
        conn.execute("INSERT INTO schema_migrations VALUES ('project', 999, 'later')")
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    result = cli("restore", "story", str(tmp_path / "b.db"), "--force")
    assert result.code == 2 and "newer Tarjimon (project schema 999" in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    with sqlite3.connect(db) as conn:
        conn.execute("INSERT INTO schema_migrations VALUES ('project', 999, 'later')")
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    other = tmp_path / "other.txt"
    other.write_text("Янги мақола.\n", encoding="utf-8")
    result = cli("import", "story", str(other))
    assert result.code == 2 and "written by a newer Tarjimon" in result.err and "update Tarjimon" in result.err
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_tarjimons_own_triggers_pass_and_one_of_their_names_with_another_body_does_not(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A project linked to a shared story has the outbox triggers of sharing_schema: they are Tarjimon's own
    (check ok, the backup restores); a trigger planted under one of their names with another body is not."""
    from tarjimon.core.store import Store
    from tarjimon.core.workbench.sharing_schema import LOCAL_MIGRATIONS

    db = _project(cli, tmp_path)
    store = Store(db)
    store.migrate("shared", LOCAL_MIGRATIONS)
    store.close()
    assert cli("check", "story").code == 0
    assert cli("backup", "story", "-o", str(tmp_path / "b.db")).code == 0
    assert cli("restore", "story", str(tmp_path / "b.db"), "--force").code == 0
    with sqlite3.connect(db) as conn:
        conn.execute("DROP TRIGGER shared_outbox_insert")
        conn.execute("CREATE TRIGGER shared_outbox_insert AFTER INSERT ON translations BEGIN DELETE FROM tm_units; END")
    result = cli("check", "story")
    assert result.code == 1 and "trigger 'shared_outbox_insert'" in result.out + result.err
    assert cli("check", "story", "--repair").code == 0
    with sqlite3.connect(db) as conn:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert names == {"shared_outbox_update"}  # the planted one dropped, Tarjimon's own kept
