"""The SQLite TM's own consistency: the search index against the units, the unit counter against the table.

Postings that point at a unit id no unit has are harmless to a lookup (missing rows are dropped) but wrong:
the next import gives that id to another unit, which would then be found for words it does not contain.
"""

from __future__ import annotations

import sqlite3
from array import array
from typing import Any

from tarjimon.core.tm.sqlite.schema import meta


def _ids(blob: bytes) -> array:
    a = array("I")
    a.frombytes(blob)
    return a


def check_index(conn: sqlite3.Connection) -> dict[str, Any]:
    """Counts and problems of the TM index: units, the recorded count, postings, dangling entries."""
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'tm_units'").fetchone() is None:
        return {"units": 0, "units_recorded": 0, "postings_rows": 0, "postings_entries": 0, "dangling_entries": 0}
    units = {r[0] for r in conn.execute("SELECT id FROM tm_units")}
    rows = entries = dangling = 0
    for (blob,) in conn.execute("SELECT ids FROM tm_postings"):
        ids = _ids(blob)
        rows += 1
        entries += len(ids)
        dangling += sum(1 for i in ids if i not in units)
    return {"units": len(units), "units_recorded": meta(conn, "units"), "postings_rows": rows,
            "postings_entries": entries, "dangling_entries": dangling}  # fmt: skip


def problems(report: dict[str, Any]) -> list[str]:
    """What is wrong in a `check_index` report, one line each."""
    out = []
    if report["units"] != report["units_recorded"]:
        out.append(f"TM: {report['units']} units but the counter says {report['units_recorded']}")
    if report["dangling_entries"]:
        out.append(f"TM index: {report['dangling_entries']} entries point at units that do not exist")
    return out


def repair_index(conn: sqlite3.Connection) -> int:
    """Inside the caller's transaction: drop dangling postings, set the unit counter; return entries dropped."""
    units = {r[0] for r in conn.execute("SELECT id FROM tm_units")}
    dropped = 0
    for rowid, blob, lens in conn.execute("SELECT rowid, ids, lens FROM tm_postings").fetchall():
        ids = _ids(blob)
        keep = [k for k, i in enumerate(ids) if i in units]
        if len(keep) == len(ids):
            continue
        dropped += len(ids) - len(keep)
        if not keep:
            conn.execute("DELETE FROM tm_postings WHERE rowid = ?", (rowid,))
            continue
        new_ids = array("I", (ids[k] for k in keep))
        new_lens = bytes(lens[k] for k in keep)
        conn.execute("UPDATE tm_postings SET ids = ?, lens = ? WHERE rowid = ?", (new_ids.tobytes(), new_lens, rowid))
    conn.execute("UPDATE tm_meta SET value = ? WHERE key = 'units'", (len(units),))
    conn.execute("UPDATE tm_meta SET value = value + 1 WHERE key = 'generation'")  # caches are stale now
    return dropped
