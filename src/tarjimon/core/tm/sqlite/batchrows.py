"""A batch of plain units as ONE scratch record, unpacked into tm_units by SQLite itself (parallel import).

Writing a scratch row per unit cost a worker more than reading the units (executemany binds and writes each
row, ~2.7 us). Instead a worker stores a batch as four blobs (in a plain file beside its scratch database,
BatchFile; the scratch table `b` says where): the sources, the targets and the keys, each
joined with NUL (XML cannot carry a NUL, so none is inside a text), and `nums`, one fixed-width ASCII record
per unit (WIDTH bytes: hash, number of stems, profile id, and the byte offset and length of its source,
target and key in their blobs, each a signed or zero-padded decimal). The main process binds the blobs to
one INSERT whose rows come from a counter: each column is a `substr` of a blob (bytes of a
blob; `CAST(... AS TEXT)` reads them as the database's UTF-8) or a `CAST(... AS INTEGER)` of a record field,
the unit's languages, tags, origin and dates from the part's `prof` table. The rows go in in id order.

The row numbers 0, 1, ..., n - 1 come from a temp table of integers (ROWS, made once per connection and grown
when a batch is longer), not a recursive CTE: the CTE queues every row in an ephemeral table, 0.45 us of the
2.45 us a unit cost the copy (measured on a part of 135,694 units: 2.45 -> 2.0 us per unit, the same rows).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from tarjimon.core.tm.sqlite.schema import UNIT_COLUMNS

# a unit's record in `nums`: (field, width); offsets are 0-based byte offsets into the blob
FIELDS = (("hash", 20), ("ntok", 10), ("pid", 10), ("src_at", 10), ("src_len", 10), ("tgt_at", 10),
          ("tgt_len", 10), ("key_at", 10), ("key_len", 10))
WIDTH = sum(w for _, w in FIELDS)
_AT = {name: (sum(w for _, w in FIELDS[:i]), width) for i, (name, width) in enumerate(FIELDS)}  # (offset, width)
# A part's packed batches: their four blobs one after the other in a plain file beside the scratch database
# (BLOBS), where `b` says where each batch is. SQLite wrote and read them as chains of overflow pages: 43-51 ms
# to write and 17-26 ms to read the 11 batches of a part, 13 and 5 ms as a plain file.
SCRATCH = ("CREATE TABLE b (first INTEGER PRIMARY KEY, n INTEGER, at INTEGER, nums INTEGER, srcs INTEGER,"
           " tgts INTEGER, keys INTEGER)")
BLOBS = ".blobs"  # the suffix of the blobs file: part3.db -> part3.db.blobs


class BatchFile:
    """A worker's side: packed batches appended to the blobs file of a scratch database, indexed in `b`."""

    def __init__(self, scratch: Path) -> None:
        self.file = open(f"{scratch}{BLOBS}", "wb")  # noqa: SIM115 - closed by close()
        self.at = 0

    def add(self, conn: Any, row: tuple[int, int, bytes, bytes, bytes, bytes]) -> None:
        first, n, *blobs = row
        conn.execute("INSERT INTO b VALUES (?, ?, ?, ?, ?, ?, ?)", (first, n, self.at, *map(len, blobs)))
        for blob in blobs:
            self.file.write(blob)
            self.at += len(blob)

    def close(self) -> None:
        self.file.close()


def batches(tx: Any, name: str, first: int) -> Iterator[tuple[int, int, bytes, bytes, bytes, bytes]]:
    """The main process's side: the packed batches of the attached scratch database `name` whose ids start
    at `first` or later, in id order, as (first, n, nums, srcs, tgts, keys), one in memory at a time."""
    rows = tx.execute(f"SELECT first, n, at, nums, srcs, tgts, keys FROM {name}.b WHERE first >= ? ORDER BY first",
                      (first,)).fetchall()
    if not rows:
        return
    path = next(r[2] for r in tx.execute("PRAGMA database_list").fetchall() if r[1] == name)
    with open(f"{path}{BLOBS}", "rb") as f:
        for start, n, at, *sizes in rows:
            f.seek(at)
            nums, srcs, tgts, keys = (f.read(size) for size in sizes)
            yield start, n, nums, srcs, tgts, keys


def _digits(values: Any, out: Any) -> None:
    """Zero-padded decimal digits of non-negative integers into out[:, i] (uint8 rows of digits, the last row
    the last digit): one division by the scalar 10 per digit over the whole column, in 32 bits when the values
    allow (numpy divides 32-bit integers several at a time, 64-bit ones one by one), each digit row written
    whole (the record is transposed once at the end)."""
    v: Any = np.asarray(values)
    v = v.astype(np.uint32 if not len(v) or int(v.max()) < 1 << 32 else np.uint64)
    ten: Any = v.dtype.type(10)
    for j in range(len(out) - 1, -1, -1):
        q = v // ten
        out[j] = v - q * ten
        out[j] += 48
        v = q


def _spans(texts: list[bytes]) -> tuple[bytes, Any, Any]:
    blob = b"\x00".join(texts)
    lens = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    return blob, np.cumsum(lens + 1) - lens - 1, lens


_E5, _E10 = np.uint64(10**5), np.uint64(10**10)


def pack(first: int, hashes: Any, srcs: list[bytes], tgts: list[bytes], keys: list[Any], ntoks: Any,
         pids: list[int]) -> tuple[int, int, bytes, bytes, bytes, bytes]:
    """The scratch row (first, n, nums, srcs, tgts, keys) of units first, first + 1, ...; the keys str, or
    UTF-8 bytes (what batchkeys.batch_codes gives the import)."""
    n = len(srcs)
    h = np.asarray(hashes, dtype=np.int64)
    neg = h < 0
    mag = np.where(neg, (-(h + 1)).astype(np.uint64) + np.uint64(1), h.astype(np.uint64))
    sb, sa, sl = _spans(srcs)
    tb, ta, tl = _spans(tgts)
    kb, ka, kl = _spans([k.encode("utf-8") for k in keys] if keys and isinstance(keys[0], str) else keys)
    kb = kb or b"\x00"  # every key empty ("&", "..."): SQLite's substr of an empty blob is NULL, not ''
    rec = np.empty((WIDTH, n), dtype=np.uint8)  # digit-major: each row written whole, transposed at the end
    rec[0] = np.where(neg, 45, 43)  # "-" or "+"
    # the 19 digits of the hash's magnitude as 9 + 5 + 5 (each part in 32 bits)
    high = mag // _E10
    low = mag - high * _E10
    mid = low // _E5
    _digits(high, rec[1:10])
    _digits(mid, rec[10:15])
    _digits(low - mid * _E5, rec[15:20])
    at = 20
    for values in (ntoks, pids, sa, sl, ta, tl, ka, kl):
        _digits(values, rec[at : at + 10])
        at += 10
    return first, n, np.ascontiguousarray(rec.T).tobytes(), sb, tb, kb


def _field(name: str) -> str:
    at, width = _AT[name]
    return f"CAST(substr(?3, c.i * {WIDTH} + {at + 1}, {width}) AS INTEGER)"


def _text(blob: str, name: str) -> str:
    return f"CAST(substr({blob}, {_field(name + '_at')} + 1, {_field(name + '_len')}) AS TEXT)"


def skipped_below(uid: str) -> str:
    """SQL: how many ids of temp.tm_import_skip (id, below: its rank among them, 0-based) are below `uid`. The
    ids left out are not used: the units after them move down (the ids stay dense, as a sequential import
    numbers them), one indexed seek per row."""
    return (f"COALESCE((SELECT s.below + 1 FROM temp.tm_import_skip AS s WHERE s.id < {uid}"
            " ORDER BY s.id DESC LIMIT 1), 0)")


ROWS = "temp.tm_import_rows"


def ensure_rows(tx: Any, n: int) -> None:
    """ROWS holds at least the row numbers 0 .. n - 1 (a temp table of this connection)."""
    tx.execute(f"CREATE TEMP TABLE IF NOT EXISTS {ROWS.split('.')[1]} (i INTEGER PRIMARY KEY)")
    have = tx.execute(f"SELECT COALESCE(MAX(i) + 1, 0) FROM {ROWS}").fetchone()[0]
    if have < n:
        size = max(n, 2 * have, 1 << 14)
        tx.execute(f"WITH RECURSIVE c(i) AS (SELECT ? UNION ALL SELECT i + 1 FROM c WHERE i + 1 < ?)"
                   f" INSERT INTO {ROWS} SELECT i FROM c", (have, size))


EMPTY = (0, 0, b"", b"", b"", b"", 0)  # insert_sql's parameters for a batch of no units (see unbind)


def unbind(tx: Any, sql: str) -> None:
    """Free the blobs still bound to the cached statement `sql` (an insert_sql): SQLite keeps a statement's
    last bound values (Python binds blobs as copies) until they are bound again, and the connection's statement
    cache keeps the statement, so each part's copy held its last batch, ~5 MB, until the import ended (~35 MB
    of the main process's peak at 1M units). It is run once more on a batch of no units."""
    tx.execute(sql, EMPTY)


def insert_sql(prof: str, skip: bool) -> str:
    """INSERT of one packed batch: ?1 first id, ?2 n, ?3 nums, ?4 sources, ?5 targets, ?6 keys, ?7 the shift
    (subtracted from every id), the profiles from table `prof`; with `skip`, the ids in temp.tm_import_skip are
    left out and the others numbered without gaps (minus the number of skipped ids below them). The caller
    makes sure ROWS holds n row numbers (ensure_rows)."""
    where = " AND ?1 + c.i NOT IN (SELECT s.id FROM temp.tm_import_skip AS s)" if skip else ""
    uid = f"?1 + c.i - ?7 - {skipped_below('?1 + c.i')}" if skip else "?1 + c.i - ?7"
    return (
        f"INSERT INTO tm_units ({UNIT_COLUMNS}) SELECT {uid}, {_field('hash')}, f.source_lang, "
        f"f.target_lang, f.source_tag, f.target_tag, {_text('?4', 'src')}, {_text('?5', 'tgt')}, NULL, NULL, "
        f"{_text('?6', 'key')}, {_field('ntok')}, f.context_prev, f.context_next, f.origin, f.notes, f.props, "
        f"f.fuzzy, NULL, f.created_at, f.changed_at FROM {ROWS} AS c CROSS JOIN {prof} AS f"
        f" ON f.pid = {_field('pid')} WHERE c.i < ?2{where}"
    )
