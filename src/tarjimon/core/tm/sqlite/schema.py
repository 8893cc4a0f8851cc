"""The TM's tables in the project database (migrations component "tm") and row <-> Unit conversion.

Units are stored once per (source language, target language, source, target): `dedup` is a 64-bit hash of
those four (markup included when the unit has inline codes) under a unique index. A unit confirmed in the
project remembers its segment (`segment_id`), so changing that target updates the unit instead of adding one.
`tm_postings` is the inverted index (see index.py), its lists' lengths also indexed (`tm_postings_df`: the
document frequencies a lookup sums, without reading the lists' rows; TM migration 3, a data migration in
backend.py, merged each list's rows into one: compact.py); `tm_meta` holds counters, among them `generation`,
bumped by every write so in-process caches know when to forget.
"""

from __future__ import annotations

import json
import sqlite3

from tarjimon.core.models.tm import Unit

#: A stem's document frequency (every lookup sums the lengths of its query's lists) read from this index alone:
#: the parts' rows, one per import batch and scattered over the file, are not visited (a Uzbek lookup's new
#: stems at 1M units: 0.11 -> 0.03 ms median). A big import drops it and builds it again at its end (a third
#: of the CPU of keeping it up to date row by row).
DF_INDEX = "CREATE INDEX IF NOT EXISTS tm_postings_df ON tm_postings (token, length(ids))"
DROP_DF_INDEX = "DROP INDEX IF EXISTS tm_postings_df"


class NothingAdded(Exception):
    """Raised inside an import's transaction into a TM whose tables that transaction created, when it adds
    no unit: the rollback leaves the project's database as it was (no empty TM tables)."""


TM_MIGRATIONS: list[str] = [
    """
    CREATE TABLE tm_units (
        id INTEGER PRIMARY KEY,
        dedup INTEGER NOT NULL,
        source_lang TEXT NOT NULL,
        target_lang TEXT NOT NULL,
        source_tag TEXT NOT NULL,
        target_tag TEXT NOT NULL,
        source TEXT NOT NULL,
        target TEXT NOT NULL,
        source_markup TEXT,
        target_markup TEXT,
        skey TEXT NOT NULL,
        ntok INTEGER NOT NULL,
        context_prev TEXT,
        context_next TEXT,
        origin TEXT NOT NULL DEFAULT '',
        notes TEXT,
        props TEXT,
        fuzzy INTEGER NOT NULL DEFAULT 0,
        segment_id INTEGER,
        created_at TEXT NOT NULL,
        changed_at TEXT NOT NULL
    );
    CREATE UNIQUE INDEX tm_units_dedup ON tm_units (dedup);
    CREATE UNIQUE INDEX tm_units_segment ON tm_units (segment_id, target_lang) WHERE segment_id IS NOT NULL;
    CREATE TABLE tm_postings (
        token TEXT NOT NULL,
        part INTEGER NOT NULL,
        ids BLOB NOT NULL,
        lens BLOB NOT NULL
    );
    CREATE UNIQUE INDEX tm_postings_token ON tm_postings (token, part);
    CREATE TABLE tm_pairs (source_lang TEXT NOT NULL, target_lang TEXT NOT NULL,
        PRIMARY KEY (source_lang, target_lang));
    CREATE TABLE tm_meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
    INSERT INTO tm_meta (key, value) VALUES ('generation', 0), ('next_part', 1), ('units', 0);
    """,
    DF_INDEX + ";",  # (see DF_INDEX)
]

UNIT_COLUMNS = (
    "id, dedup, source_lang, target_lang, source_tag, target_tag, source, target, source_markup,"
    " target_markup, skey, ntok, context_prev, context_next, origin, notes, props, fuzzy, segment_id,"
    " created_at, changed_at"
)
INSERT_UNIT = f"INSERT INTO tm_units ({UNIT_COLUMNS}) VALUES ({', '.join('?' * 21)})"


def meta(conn: sqlite3.Connection, key: str) -> int:
    row = conn.execute("SELECT value FROM tm_meta WHERE key = ?", (key,)).fetchone()
    return int(row[0]) if row else 0


def bump(conn: sqlite3.Connection, key: str, delta: int = 1) -> int:
    """Add `delta` to a counter in tm_meta (inside the caller's transaction); return the new value."""
    conn.execute("UPDATE tm_meta SET value = value + ? WHERE key = ?", (delta, key))
    return meta(conn, key)


def unit_from_row(r: sqlite3.Row) -> Unit:
    """A Unit from a tm_units row."""
    return Unit(
        id=r["id"],
        source=r["source"],
        target=r["target"],
        source_lang=r["source_lang"],
        target_lang=r["target_lang"],
        source_tag=r["source_tag"],
        target_tag=r["target_tag"],
        source_markup=r["source_markup"],
        target_markup=r["target_markup"],
        context=(r["context_prev"], r["context_next"]),
        origin=r["origin"],
        notes=tuple(json.loads(r["notes"])) if r["notes"] else (),
        props=json.loads(r["props"]) if r["props"] else {},
        fuzzy=bool(r["fuzzy"]),
        created_at=r["created_at"],
        changed_at=r["changed_at"],
    )
