"""The main process's side of a parallel TMX import: a part's units and postings copied into the TM, and the
first part's batches stored while it is still being parsed (streamed through a pipe).

All of it runs inside the import's one transaction (parallel.py): a rollback or a kill -9 leaves the TM as
it was. Ids: a part's units keep the worker's ids minus the part's shift (the ids the parts before it did not
use); the duplicates of units of earlier parts or of the TM are left out (temp.tm_import_skip) and the units
after them move down, so the ids are dense and the same whatever the cuts: those of a sequential import.
"""

from __future__ import annotations

import multiprocessing
import sqlite3
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

import numpy as np

from tarjimon.core.tm.sqlite import batchrows
from tarjimon.core.tm.sqlite.partworker import PROF_FIELDS
from tarjimon.core.tm.sqlite.schema import UNIT_COLUMNS

_SELECT_PART = (
    "n.id - ?, n.dedup, f.source_lang, f.target_lang, f.source_tag, f.target_tag, CAST(n.source AS TEXT),"
    " CAST(n.target AS TEXT),"
    " n.source_markup, n.target_markup, n.skey, n.ntok, f.context_prev, f.context_next, f.origin, f.notes,"
    " f.props, f.fuzzy, NULL, f.created_at, f.changed_at"
)
STREAM_PROF = "temp.tm_import_prof"  # the streamed part's profiles


def member(sorted_arrays: list[Any], h: Any, ascending: bool = False) -> Any:
    """Which of the hashes `h` occur in any of the sorted arrays (`ascending`: h is sorted already)."""
    if not ascending:
        return sorted_member(sorted_arrays, h)[0]
    hit = np.zeros(len(h), dtype=bool)
    for arr in sorted_arrays:
        if len(arr):
            idx = np.minimum(np.searchsorted(arr, h), len(arr) - 1)
            hit |= arr[idx] == h
    return hit


def sorted_member(sorted_arrays: list[Any], h: Any) -> tuple[Any, Any]:
    """(which of the hashes `h` occur in any of the sorted arrays, `h` sorted). The needles are searched in
    sorted order: numpy starts each binary search from the last one's place, so a million-hash array is not
    missed in cache at every step (a part's 138,000 hashes in 860,000: 28 -> 13 ms, the sort included)."""
    order = np.argsort(h, kind="stable")
    s = h[order]
    found = np.zeros(len(h), dtype=bool)
    for arr in sorted_arrays:
        if len(arr):
            idx = np.minimum(np.searchsorted(arr, s), len(arr) - 1)
            found |= arr[idx] == s
    hit = np.empty(len(h), dtype=bool)
    hit[order] = found
    return hit, s


def set_skip(tx: sqlite3.Connection, ids: Any) -> bool:
    """temp.tm_import_skip := the ids (ascending) left out of what is copied next, each with its rank (the
    copies number the units after them without gaps); whether there are any."""
    tx.execute("DELETE FROM temp.tm_import_skip")
    if len(ids):
        tx.executemany("INSERT INTO temp.tm_import_skip VALUES (?, ?)", ((int(i), k) for k, i in enumerate(ids)))
    return bool(len(ids))


def copy_units(tx: sqlite3.Connection, name: str, shift: int, first: int, skip: bool) -> int:
    """Copy a part's units with ids from `first` on into tm_units in id order: its packed batches of plain
    units (batchrows.py) and, between them, its units of the general code (one row each); `skip`: leave out
    temp.tm_import_skip's ids (the units after them move down). How many were copied."""
    where = " AND n.id NOT IN (SELECT s.id FROM temp.tm_import_skip AS s)" if skip else ""
    select = _SELECT_PART.replace("n.id - ?", f"n.id - ? - {batchrows.skipped_below('n.id')}") if skip else _SELECT_PART
    one_by_one = (f"INSERT INTO tm_units ({UNIT_COLUMNS}) SELECT {select} FROM {name}.n AS n"
                  f" JOIN {name}.prof AS f ON f.pid = n.pid WHERE n.id >= ? AND n.id < ?{where} ORDER BY n.id")
    general = tx.execute(f"SELECT 1 FROM {name}.n LIMIT 1").fetchone() is not None
    batch = batchrows.insert_sql(f"{name}.prof", skip)
    longest = tx.execute(f"SELECT MAX(n) FROM {name}.b WHERE first >= ?", (first,)).fetchone()[0]
    batchrows.ensure_rows(tx, longest or 0)
    before, at = tx.total_changes, first
    for row in batchrows.batches(tx, name, first):  # a batch's blobs (MBs) are held once at a time
        start, n = row[0], row[1]
        if general and start > at:
            tx.execute(one_by_one, (shift, at, start))
        tx.execute(batch, (*row, shift))
        at = start + n
    batchrows.unbind(tx, batch)
    if general:
        tx.execute(one_by_one, (shift, at, 1 << 62))
    return tx.total_changes - before


class Streamed:
    """The first part's packed batches, stored as its worker sends them (shift 0; duplicates of the TM's
    units, `known`, left out). `end` is the first id not streamed: the rest of the part is in its scratch."""

    def __init__(self, tx: sqlite3.Connection, known: list[Any], first: int) -> None:
        self.tx, self.known, self.end, self.added = tx, known, first, 0
        self.dropped = 0  # units streamed so far that were duplicates of the TM's: the ids after them move down
        self.bound: set[str] = set()  # the statements used (their last batch is freed by close)
        tx.execute(f"CREATE TEMP TABLE IF NOT EXISTS {STREAM_PROF.split('.')[1]}"
                   f" (pid INTEGER PRIMARY KEY, {', '.join(PROF_FIELDS)})")
        tx.execute(f"DELETE FROM {STREAM_PROF}")

    def receive(self, reader: Any, results: Any) -> dict[str, Any]:
        """Store batches from `reader` until the part's result is ready in `results` (a Pool.imap)."""
        while True:
            if reader.poll(0.01):
                self._store(reader.recv())
                continue
            try:
                r = results.next(timeout=0)
            except multiprocessing.TimeoutError:
                continue
            while reader.poll(0):
                self._store(reader.recv())
            return r  # type: ignore[no-any-return]

    def _store(self, msg: tuple[Any, ...]) -> None:
        profiles, hashes, row = msg
        tx = self.tx
        if profiles:
            tx.executemany(f"INSERT INTO {STREAM_PROF} VALUES ({', '.join('?' * 13)})", profiles)
        dup = member(self.known, np.frombuffer(hashes, dtype=np.int64))
        skip = set_skip(tx, np.flatnonzero(dup) + row[0])
        batchrows.ensure_rows(tx, row[1])
        before = tx.total_changes
        sql = batchrows.insert_sql(STREAM_PROF, skip)
        tx.execute(sql, (*row, self.dropped))
        self.bound.add(sql)
        self.added += tx.total_changes - before
        self.dropped += int(dup.sum())
        self.end = row[0] + row[1]

    def close(self) -> None:
        for sql in self.bound:
            batchrows.unbind(self.tx, sql)
        self.tx.execute(f"DELETE FROM {STREAM_PROF}")


def per_token(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """A part's (token, part, ids, lens) posting rows, one per token and worker flush (a Uzbek part of a 1M-unit
    import: 2-3 flushes, every stem in each), made one row per token: the flushes' ids joined in flush order,
    ascending (a flush holds the units after the previous one's). A lookup reads a stem's list from fewer rows
    (a fresh 1M-unit uz->kk import: 9 instead of 22; each row a B-tree seek and an overflow chain of its own)."""
    by: dict[str, list[tuple[Any, ...]]] = {}
    for r in rows:
        by.setdefault(r[0], []).append(r)
    if len(by) == len(rows):
        return rows
    out = []
    for tok, got in by.items():
        if len(got) > 1:
            got.sort(key=lambda r: r[1])
            got = [(tok, got[0][1], b"".join([r[2] for r in got]), b"".join([r[3] for r in got]))]
        out.append(got[0])
    return out


def shifted_postings(rows: Iterable[tuple[Any, ...]], offset: int, shift: int, chunk: int = 256
                     ) -> Iterator[tuple[Any, ...]]:
    """(token, part, ids, lens) rows of a part, their ids shifted (numpy over many rows at once)."""

    it = iter(rows)
    while True:
        got = list(islice(it, chunk))
        if not got:
            return
        blob = (np.frombuffer(b"".join([r[2] for r in got]), dtype="<u4").astype(np.int64) - shift).astype("<u4")
        ids = blob.tobytes()
        at = 0
        for tok, part, old, lens in got:
            end = at + len(old)
            yield tok, -(offset + part), ids[at:end], lens
            at = end


def kept_postings(rows: Any, skip: Any, offset: int, shift: int) -> Any:
    """(token, part, ids, lens) rows of a part without the ids in `skip` (sorted), ids shifted and moved down
    past the skipped ones (as copy_units numbers the units)."""

    for tok, part, ids, lens in rows:
        a = np.frombuffer(ids, dtype="<u4").astype(np.int64)
        keep = ~member([skip], a, ascending=True)  # a stem's ids are ascending
        if keep.any():
            b = np.frombuffer(lens, dtype=np.uint8)
            kept = a[keep]
            moved = kept - shift - np.searchsorted(skip, kept)
            yield tok, -(offset + part), moved.astype("<u4").tobytes(), b[keep].tobytes()


