"""A batch of plain units packed into one scratch row (tm/sqlite/batchrows.py) comes back out of SQLite's
unpacking INSERT exactly: ids, hashes at both ends of the int64 range, empty and multibyte texts and keys,
numbers of stems, profiles, and the ids left out (duplicates)."""

from __future__ import annotations

import sqlite3

import numpy as np
import pytest

from tarjimon.core.tm.sqlite import batchrows
from tarjimon.core.tm.sqlite.partworker import PROF_FIELDS
from tarjimon.core.tm.sqlite.schema import TM_MIGRATIONS


def _db() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.executescript(TM_MIGRATIONS[0])
    conn.execute("DROP INDEX tm_units_dedup")
    conn.execute(f"CREATE TEMP TABLE prof (pid INTEGER PRIMARY KEY, {', '.join(PROF_FIELDS)})")
    for pid, lang in ((1, "ru"), (2, "kk")):
        conn.execute(f"INSERT INTO temp.prof VALUES ({', '.join('?' * 13)})",
                     (pid, "en", lang, "en-US", lang, None, None, "f.tmx", None, None, 0, "c", "d"))
    conn.execute("CREATE TEMP TABLE tm_import_skip (id INTEGER PRIMARY KEY, below INTEGER NOT NULL)")
    batchrows.ensure_rows(conn, 5)
    return conn


def test_a_packed_batch_unpacks_to_the_same_units() -> None:
    hashes = np.array([-(2**63), 2**63 - 1, -1, 0, 1234567890123456789], dtype=np.int64)
    srcs = ["Plain", "", "Ünïcode “quotes” 𝄞", "a" * 70000, "x y"]
    tgts = ["Простой", "пусто", "", "b", "қазақ"]
    keys = ["plain", "", "unicode quotes", "a" * 70000, "x y"]
    ntoks = [1, 0, 2, 12345678, 2]
    pids = [1, 2, 1, 1, 2]
    row = batchrows.pack(40, hashes, [s.encode() for s in srcs], [t.encode() for t in tgts], keys,
                         np.array(ntoks), pids)
    conn = _db()
    conn.execute(batchrows.insert_sql("temp.prof", False), (*row, 7))
    got = conn.execute("SELECT id, dedup, source, target, skey, ntok, target_lang, source_tag, origin,"
                       " created_at FROM tm_units ORDER BY id").fetchall()
    assert got == [(33 + i, int(hashes[i]), srcs[i], tgts[i], keys[i], ntoks[i], "ru" if pids[i] == 1 else "kk",
                    "en-US", "f.tmx", "c") for i in range(5)]
    assert all(isinstance(r[2], str) and isinstance(r[4], str) for r in got)  # TEXT, not BLOB
    conn.execute("DELETE FROM tm_units")
    conn.executemany("INSERT INTO temp.tm_import_skip VALUES (?, ?)", [(41, 0), (43, 1)])
    conn.execute(batchrows.insert_sql("temp.prof", True), (*row, 0))
    # the ids left out are not used: the units after them move down (dense ids)
    assert conn.execute("SELECT id, source FROM tm_units ORDER BY id").fetchall() == [
        (40, srcs[0]), (41, srcs[2]), (42, srcs[4])]


def test_the_row_numbers_grow_with_the_batch() -> None:
    """A batch longer than the temp table of row numbers grows it first: every unit of it comes out."""
    conn = _db()
    n = 40000  # more than the first fill (16,384)
    srcs = [f"s{i}".encode() for i in range(n)]
    row = batchrows.pack(1, np.arange(n, dtype=np.int64), srcs, srcs, [s.decode() for s in srcs],
                         np.ones(n, dtype=np.int64), [1] * n)
    batchrows.ensure_rows(conn, n)
    assert conn.execute(f"SELECT COUNT(*), MIN(i), MAX(i) FROM {batchrows.ROWS}").fetchone() == (n, 0, n - 1)
    conn.execute(batchrows.insert_sql("temp.prof", False), (*row, 0))
    assert conn.execute("SELECT COUNT(*), MIN(id), MAX(id), MAX(source) FROM tm_units").fetchone() == (
        n, 1, n, "s9999")
    batchrows.ensure_rows(conn, 10)  # never shrinks
    assert conn.execute(f"SELECT COUNT(*) FROM {batchrows.ROWS}").fetchone() == (n,)


def test_unbind_frees_the_last_batch_the_statement_held() -> None:
    """A cached statement keeps its last bound blobs (SQLite holds copies): each part's copy held its last
    batch until the import ended. Measured with SQLite's own count of its memory (the library _sqlite3 uses)."""
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("sqlite3")
    if name is None:
        pytest.skip("no shared libsqlite3 to ask for sqlite3_memory_used")
    lib = ctypes.CDLL(name)
    lib.sqlite3_memory_used.restype = ctypes.c_int64
    conn = _db()
    if lib.sqlite3_memory_used() <= 0:
        pytest.skip("_sqlite3 does not use the shared libsqlite3 (its memory is not counted there)")
    big = [b"x" * 1000] * 4000  # 4 MB of sources
    row = batchrows.pack(1, np.arange(4000, dtype=np.int64), big, big, [b"x"] * 4000, np.ones(4000), [1] * 4000)
    batchrows.ensure_rows(conn, 4000)
    sql = batchrows.insert_sql("temp.prof", False)
    conn.execute(sql, (*row, 0))
    held = lib.sqlite3_memory_used()
    batchrows.unbind(conn, sql)
    assert held - lib.sqlite3_memory_used() > 8_000_000  # the sources and the targets bound: 2 x 4 MB
    assert conn.execute("SELECT COUNT(*) FROM tm_units").fetchone() == (4000,)  # the batch of none adds nothing


def test_the_decimal_fields_in_32_and_64_bits() -> None:
    """A record's fields are written in 32 bits when they fit and in 64 otherwise: the same digits."""
    for values in ([0, 7, 4_294_967_295, 1_000_000_000], [0, 4_294_967_296, 9_999_999_999]):
        out = np.zeros((10, len(values)), dtype=np.uint8)
        batchrows._digits(values, out)
        assert [bytes(out[:, i]).decode() for i in range(len(values))] == [f"{v:010d}" for v in values]
