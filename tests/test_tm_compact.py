"""One row per stem (compact.py): TM migration 3 merges each posting list's rows (one per import batch, one per
confirmed unit) into one and a lookup then finds exactly what it found before; adding, editing and deleting
units keep working on merged lists, `optimize` merges again; a parallel import joins a part's rows of a stem
(its worker's flushes) into one and finds what a sequential import finds."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import numpy as np
import pytest

from tarjimon.core.models.tm import NewUnit
from tarjimon.core.store import Store
from tarjimon.core.tm.sqlite import parallel, partcopy
from tarjimon.core.tm.sqlite.backend import SqliteMemory
from tarjimon.core.tm.sqlite.check import check_index, problems
from tarjimon.core.tm.sqlite.compact import merged

HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" creationtoolversion="1"'
        ' segtype="sentence" o-tmf="t" adminlang="en" srclang="en" datatype="plaintext"/><body>\n')
WORDS = "council budget river school market winter bridge station harvest festival".split()
QUERIES = ["The council met about the budget 12 and the river", "school market winter 7 bridge of the town",
           "A station harvest festival 30 in the winter", "budget council 5 the festival and bridge"]


def _sentence(i: int) -> str:
    return f"The {WORDS[i % 10]} and the {WORDS[i * 7 % 10]} {i % 41} of the {WORDS[i * 3 % 10]} town"


def _units(a: int, b: int) -> list[NewUnit]:
    return [NewUnit("en", "ru", "en", "ru", _sentence(i), f"Перевод {i}") for i in range(a, b)]


def _shown(tm: SqliteMemory) -> list[list[tuple[int, int]]]:
    return [[(m.unit_id, m.score) for m in tm.lookup(q, "ru", source_lang="en", limit=5, min_score=30)]
            for q in QUERIES]


def _rows_per_token(conn: sqlite3.Connection) -> dict[str, int]:
    return dict(conn.execute("SELECT token, count(*) FROM tm_postings GROUP BY token"))


def _clean(tm: SqliteMemory) -> None:
    report = check_index(tm.store.conn)
    assert not problems(report), problems(report)
    toks = [r[0] for r in tm.store.conn.execute("SELECT DISTINCT token FROM tm_postings")]
    for tok in toks:  # every list ascending, each unit once
        ids = np.frombuffer(b"".join(r[0] for r in tm.store.conn.execute(
            "SELECT ids FROM tm_postings WHERE token = ?", (tok,))), dtype="<u4")
        assert len(set(ids.tolist())) == len(ids)


def _previous_version_tm(db: Path) -> tuple[SqliteMemory, list[list[tuple[int, int]]]]:
    """A TM whose lists are in many rows (three bulk imports, confirmed units), its migration 3 undone."""
    tm = SqliteMemory(Store(db))
    for a, b in ((0, 700), (700, 1400), (1400, 2000)):
        assert tm.import_units(_units(a, b), big=True)[0] == b - a
    for i in range(2000, 2030):
        tm.add(_sentence(i), f"Перевод {i}", "en", "ru")
    assert max(_rows_per_token(tm.store.conn).values()) >= 4
    tm.store.conn.execute("DELETE FROM schema_migrations WHERE component = 'tm' AND version = 3")
    return tm, _shown(tm)


def test_the_migration_merges_every_list_and_lookups_do_not_change(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    old, want = _previous_version_tm(db)
    entries = old.store.conn.execute("SELECT SUM(length(ids)) FROM tm_postings").fetchone()[0]
    generation = old.store.conn.execute("SELECT value FROM tm_meta WHERE key = 'generation'").fetchone()[0]
    tm = SqliteMemory(Store(db))  # opened by this version: migrated
    conn = tm.store.conn
    assert conn.execute("SELECT MAX(version) FROM schema_migrations WHERE component = 'tm'").fetchone()[0] == 3
    assert set(_rows_per_token(conn).values()) == {1}
    assert conn.execute("SELECT SUM(length(ids)) FROM tm_postings").fetchone()[0] == entries
    assert conn.execute("SELECT value FROM tm_meta WHERE key = 'generation'").fetchone()[0] > generation
    assert "tm_postings_df" in {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert want[0] and _shown(tm) == want
    _clean(tm)
    assert list((tmp_path / "backups").glob("before-migration-*.db"))  # the store's rolling backup came first


def test_writes_after_the_merge_and_optimize(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    _previous_version_tm(db)
    tm = SqliteMemory(Store(db))
    new = tm.add("The council and the harvest 12 of the river town", "Новый", "en", "ru")
    assert tm.lookup("The council and the harvest 12 of the river town", "ru", source_lang="en")[0].unit_id == new
    assert max(_rows_per_token(tm.store.conn).values()) == 2  # the merged row and the new unit's own
    tm.edit(5, source="A festival bridge 3 of the school")
    tm.delete(7)  # a unit inside merged lists
    assert all(m.unit_id != 7 for q in QUERIES for m in tm.lookup(q, "ru", source_lang="en", min_score=30))
    _clean(tm)
    want = _shown(tm)
    assert tm.optimize() > 0
    assert set(_rows_per_token(tm.store.conn).values()) == {1}
    assert _shown(tm) == want and tm.optimize() == 0
    _clean(tm)
    tm.import_units(_units(3000, 3500), big=True)  # an import after the merge adds its own rows
    assert max(_rows_per_token(tm.store.conn).values()) == 2
    _clean(tm)


def test_a_read_only_tm_of_the_previous_version_opens(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    _, want = _previous_version_tm(db)
    store = Store(db)
    store.read_only = True  # as on a read-only mount (root ignores file permissions)
    tm = SqliteMemory(store)
    assert max(_rows_per_token(tm.store.conn).values()) >= 4  # not merged, still read
    assert _shown(tm) == want


def test_merged_joins_rows_as_a_lookup_does() -> None:
    def row(*ids: int) -> tuple[bytes, bytes]:
        return np.array(ids, dtype="<u4").tobytes(), bytes(i % 7 for i in ids)

    ids, lens = merged([row(300, 301), row(5, 9), row(100)])  # parts in part order, first ids out of order
    assert np.frombuffer(ids, dtype="<u4").tolist() == [5, 9, 100, 300, 301] and lens == bytes([5, 2, 2, 6, 0])
    ids, lens = merged([row(5, 50), row(9, 400)])  # overlapping (an edited unit's own row): sorted
    assert np.frombuffer(ids, dtype="<u4").tolist() == [5, 9, 50, 400] and lens == bytes([5, 2, 1, 1])


def test_per_token_joins_a_parts_flushes() -> None:
    def row(tok: str, part: int, *ids: int) -> tuple[str, int, bytes, bytes]:
        return tok, part, np.array(ids, dtype="<u4").tobytes(), bytes(len(ids) * [3])

    rows = [row("a", 1, 1, 4), row("b", 1, 2), row("a", 2, 7, 9), row("c", 2, 8), row("a", 3, 12)]
    got = {r[0]: (r[1], np.frombuffer(r[2], dtype="<u4").tolist(), r[3]) for r in partcopy.per_token(rows)}
    assert got == {"a": (1, [1, 4, 7, 9, 12], bytes([3] * 5)), "b": (1, [2], b"\x03"), "c": (2, [8], b"\x03")}
    one = [row("a", 1, 1), row("b", 1, 2)]
    assert partcopy.per_token(one) is one


def test_a_parallel_import_writes_one_row_per_stem_and_part(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    body = "".join(f'<tu><tuv xml:lang="en"><seg>{_sentence(i)}</seg></tuv><tuv xml:lang="ru"><seg>Перевод {i}'
                   f"</seg></tuv></tu>\n" for i in range(4000))
    (tmp_path / "f.tmx").write_text(HEAD + body + "</body></tmx>\n", "utf-8")
    seq = SqliteMemory(Store(tmp_path / "seq.db"))
    monkeypatch.setattr(parallel, "MIN_SIZE", 1 << 40)  # not eligible: the sequential import
    assert seq.import_file(tmp_path / "f.tmx").added == 4000
    monkeypatch.setattr(parallel, "MIN_SIZE", 0)
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    tm = SqliteMemory(Store(tmp_path / "p.db"))
    r = tm.import_file(tmp_path / "f.tmx")
    parts = tm.last_import_stats.get("parts", 1)
    assert r.added == 4000 and parts > 1
    rows = _rows_per_token(tm.store.conn)
    assert max(rows.values()) <= parts
    assert _shown(tm) == _shown(seq) and _shown(tm)[0]
    _clean(tm)


def test_tm_optimize_from_the_cli(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert cli("new", "p", "--source", "en", "--targets", "ru").code == 0
    for a, b in ((0, 40), (40, 80)):
        body = "".join(f'<tu><tuv xml:lang="en"><seg>{_sentence(i)}</seg></tuv><tuv xml:lang="ru"><seg>Перевод {i}'
                       f"</seg></tuv></tu>\n" for i in range(a, b))
        (tmp_path / f"f{a}.tmx").write_text(HEAD + body + "</body></tmx>\n", "utf-8")
        assert cli("tm", "import", "p", tmp_path / f"f{a}.tmx").code == 0
    before = cli("tm", "search", "p", QUERIES[0], "--target", "ru", "--json").out
    got = cli("tm", "optimize", "p", "--json")
    assert got.code == 0 and json.loads(got.out)["lists_merged"] > 5
    assert cli("tm", "search", "p", QUERIES[0], "--target", "ru", "--json").out == before
    assert json.loads(cli("tm", "optimize", "p", "--json").out)["lists_merged"] == 0
    assert cli("tm", "optimize", "nope").code == 2
