"""The document frequencies a lookup sums come from the index on the posting lists' lengths (tm_postings_df,
TM migration 2): the query plan reads that index and not the lists' rows; every way of writing postings (one
unit, a bulk import, a parallel import, which drop the index and build it again) leaves it there and the
frequencies equal the lists' lengths; a TM made before it gets it by the migration."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest

from tarjimon.core.models.tm import NewUnit
from tarjimon.core.store import Store
from tarjimon.core.tm.sqlite import parallel
from tarjimon.core.tm.sqlite.backend import SqliteMemory
from tarjimon.core.tm.sqlite.schema import TM_MIGRATIONS

DFS = "SELECT token, SUM(length(ids)) / 4 FROM tm_postings WHERE token IN ({}) GROUP BY token"
HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" creationtoolversion="1"'
        ' segtype="sentence" o-tmf="t" adminlang="en" srclang="en" datatype="plaintext"/><body>\n')


def _indexes(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}


def _dfs_match_the_lists(conn: sqlite3.Connection) -> int:
    """Every token's frequency from the lookup's query equals the count of its entries (read from the lists)."""
    counted: dict[str, int] = {}
    for tok, ids in conn.execute("SELECT token, ids FROM tm_postings"):
        counted[tok] = counted.get(tok, 0) + len(np.frombuffer(ids, dtype="<u4"))
    toks = sorted(counted)
    plan = " ".join(str(r[-1]) for r in conn.execute("EXPLAIN QUERY PLAN " + DFS.format(",".join("?" * len(toks))),
                                                      toks))
    assert "tm_postings_df" in plan, plan
    assert dict(conn.execute(DFS.format(",".join("?" * len(toks))), toks)) == counted
    return len(toks)


def test_units_added_one_by_one_and_edited(tmp_path: Path) -> None:
    tm = SqliteMemory(Store(tmp_path / "p.db"))
    ids = [tm.add(f"The council met on day {i} in town", f"Совет {i}", "en", "ru") for i in range(30)]
    tm.edit(ids[3], source="Another sentence entirely")
    tm.delete(ids[4])
    assert "tm_postings_df" in _indexes(tm.store.conn)
    assert _dfs_match_the_lists(tm.store.conn) > 5
    assert tm.lookup("The council met on day 7 in town", "ru", source_lang="en")[0].score == 100


def test_a_big_bulk_import_builds_it_again(tmp_path: Path) -> None:
    tm = SqliteMemory(Store(tmp_path / "p.db"))
    tm.add("Something before", "Что-то", "en", "ru")
    units = [NewUnit("en", "ru", "en", "ru", f"Plain unit {i} of the file {i % 7}", f"Единица {i}")
             for i in range(3000)]
    assert tm.import_units(units, big=True)[0] == 3000
    assert "tm_postings_df" in _indexes(tm.store.conn)
    assert _dfs_match_the_lists(tm.store.conn) > 10


def test_a_failed_big_import_keeps_it(tmp_path: Path) -> None:
    tm = SqliteMemory(Store(tmp_path / "p.db"))
    tm.add("Something before", "Что-то", "en", "ru")

    def units():  # type: ignore[no-untyped-def]
        yield NewUnit("en", "ru", "en", "ru", "A unit", "Единица")
        raise RuntimeError("the file ends badly")

    with pytest.raises(RuntimeError):
        tm.import_units(units(), big=True)
    assert "tm_postings_df" in _indexes(tm.store.conn)  # the DROP went with the rolled back transaction


def test_a_parallel_import_builds_it_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    body = "".join(f'<tu><tuv xml:lang="en"><seg>Plain unit {i} of the file, number {i % 13}</seg></tuv>'
                   f'<tuv xml:lang="ru"><seg>Единица {i}</seg></tuv></tu>\n' for i in range(3000))
    (tmp_path / "f.tmx").write_text(HEAD + body + "</body></tmx>\n", "utf-8")
    monkeypatch.setattr(parallel, "MIN_SIZE", 0)
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    tm = SqliteMemory(Store(tmp_path / "p.db"))
    tm.add("Plain unit 5 of the file, number 5", "Единица 5", "en", "ru")
    r = tm.import_file(tmp_path / "f.tmx")
    assert r.added == 2999 and tm.last_import_stats.get("parts", 1) > 1
    assert "tm_postings_df" in _indexes(tm.store.conn)
    assert _dfs_match_the_lists(tm.store.conn) > 10


def test_a_tm_made_before_gets_it_by_the_migration(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    conn = sqlite3.connect(db, isolation_level=None)
    conn.executescript(TM_MIGRATIONS[0])
    conn.execute("CREATE TABLE schema_migrations (component TEXT NOT NULL, version INTEGER NOT NULL,"
                 " applied_at TEXT NOT NULL, PRIMARY KEY (component, version))")
    conn.execute("INSERT INTO schema_migrations VALUES ('tm', 1, 'then')")
    conn.execute("INSERT INTO tm_postings VALUES ('en>ru:plain', -1, ?, ?)",
                 (np.array([1, 2, 3], dtype="<u4").tobytes(), bytes([2, 2, 2])))
    conn.close()
    tm = SqliteMemory(Store(db))
    assert "tm_postings_df" in _indexes(tm.store.conn)
    assert _dfs_match_the_lists(tm.store.conn) == 1


def test_a_read_only_tm_made_before_opens_without_it(tmp_path: Path) -> None:
    """The index is a speed-up: a TM made before it that cannot be written (a read-only mount) still opens and
    finds the same matches, its frequencies summed from the lists' rows."""
    db = tmp_path / "p.db"
    old = SqliteMemory(Store(db))
    for i in range(12):
        old.add(f"The council met on day {i} in town", f"Совет {i}", "en", "ru")
    want = [(m.unit_id, m.score) for m in old.lookup("The council met on day 7 in the town", "ru", source_lang="en")]
    conn = old.store.conn
    conn.execute("DROP INDEX tm_postings_df")
    conn.execute("DELETE FROM schema_migrations WHERE component = 'tm' AND version = 2")
    store = Store(db)
    store.read_only = True  # as on a read-only mount (root ignores file permissions)
    tm = SqliteMemory(store)
    assert "tm_postings_df" not in _indexes(tm.store.conn)
    got = [(m.unit_id, m.score) for m in tm.lookup("The council met on day 7 in the town", "ru", source_lang="en")]
    assert got == want and got[0][1] >= 90
