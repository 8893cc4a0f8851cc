"""One row per stem: the parts of the TM's posting lists merged (TM migration 3, `SqliteMemory.optimize`).

A bulk import writes a stem's list as one row per import batch (or per parallel-import part), and a confirmed
unit adds a row of its own (index.py); a lookup reads all of a stem's rows and joins them. At a million units a
Uzbek stem's list was 14 rows of ~5 KB, each a B-tree seek and its overflow chain somewhere else in the file:
the cold read of a uz lookup's lists cost 0.34-0.35 ms median (CPU), merged 0.14-0.16 (the mixed 2M-unit
TM, docs/benchmarks.md "Issue 11 goal 4, ninth session").

The merged row holds exactly what a lookup made of the rows (index._read: parts in order of their first ids,
then ascending when they overlap), so lookups give the same candidates. It takes a new part number (a
negative one, like an import batch's: a later confirmed unit's row, part = its id, never replaces it). The
merge frees pages; the document-frequency index is then built again, into those pages: in a TM bigger than
SQLite's 2 GB memory map it moves from the file's end (read by `pread` past the map) inside the map.
A lookup never writes: the merge runs when the TM migrates and when asked (`SqliteMemory.optimize`).
"""

from __future__ import annotations

import sqlite3
import sys
from array import array

from tarjimon.core.tm.sqlite.schema import DF_INDEX, DROP_DF_INDEX, bump

try:
    import numpy as np
except ImportError:  # pragma: no cover - exercised by test_tm_scoring's no-numpy test
    np = None  # type: ignore[assignment]


def _first(blob: bytes) -> bytes:
    return blob[:4][::-1]  # little-endian: the reversed bytes compare as the number (index._read's order)


def merged(rows: list[tuple[bytes, bytes]]) -> tuple[bytes, bytes]:
    """One list's (ids, lens) from its rows (in part order), as index._read joins them."""
    rows = sorted(rows, key=lambda r: _first(r[0]))
    ids_blob, lens_blob = b"".join(r[0] for r in rows), b"".join(r[1] for r in rows)
    if np is not None:
        ids = np.frombuffer(ids_blob, dtype="<u4")
        if len(ids) > 1 and bool((ids[1:] < ids[:-1]).any()):
            order = np.argsort(ids, kind="stable")
            return ids[order].tobytes(), np.frombuffer(lens_blob, dtype=np.uint8)[order].tobytes()
        return ids_blob, lens_blob
    values = array("I")  # pragma: no cover - without numpy
    values.frombytes(ids_blob)
    if sys.byteorder != "little":
        values.byteswap()
    if all(a < b for a, b in zip(values, values[1:], strict=False)):
        return ids_blob, lens_blob
    order = sorted(range(len(values)), key=values.__getitem__)  # (stable, as numpy's)
    out = array("I", (values[k] for k in order))
    if sys.byteorder != "little":
        out.byteswap()
    return out.tobytes(), bytes(lens_blob[k] for k in order)


def merge_lists(conn: sqlite3.Connection) -> int:
    """Inside the caller's transaction: every posting list kept in more than one row becomes one row, and the
    document-frequency index is built again (when there was one); return how many lists were merged."""
    toks = [r[0] for r in conn.execute("SELECT token FROM tm_postings GROUP BY token HAVING count(*) > 1")]
    if not toks:
        return 0
    part = -bump(conn, "next_part")
    had_df = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'tm_postings_df'").fetchone() is not None
    conn.execute(DROP_DF_INDEX)  # (not kept up to date row by row: built again at the end)
    for tok in toks:
        rows = conn.execute("SELECT ids, lens FROM tm_postings WHERE token = ? ORDER BY part", (tok,)).fetchall()
        ids, lens = merged(rows)
        conn.execute("DELETE FROM tm_postings WHERE token = ?", (tok,))  # (its pages are reused just below)
        conn.execute("INSERT INTO tm_postings (token, part, ids, lens) VALUES (?, ?, ?, ?)", (tok, part, ids, lens))
    if had_df:
        conn.execute(DF_INDEX)
    bump(conn, "generation")
    return len(toks)
