"""Writing units: in bulk (a TMX or PO import, one transaction per file) and one at a time (a confirmed target).

Bulk: units are de-duplicated in Python (a set of this file's hashes plus one indexed query per batch against
what the TM already holds), given ids in order, inserted with executemany, and indexed through a
PostingBuffer written in large parts. For a big file the dedup index is dropped and rebuilt afterwards.
"""

from __future__ import annotations

import sqlite3

from tarjimon.core import faults
from tarjimon.core.models.tm import NewUnit
from tarjimon.core.store import now
from tarjimon.core.tm.sqlite.index import PostingBuffer, add_unit, token
from tarjimon.core.tm.sqlite.schema import DF_INDEX, DROP_DF_INDEX, INSERT_UNIT, bump, meta
from tarjimon.core.tm.text import unit_key_and_tokens

BATCH = 4000
POSTINGS_FLUSH = 6_000_000


class BulkWriter:
    """Adds many units inside the caller's transaction."""

    def __init__(self, conn: sqlite3.Connection, *, big: bool = False) -> None:
        self.conn = conn
        self.batch: list[tuple[int, NewUnit]] = []
        self.seen: set[int] = set()
        self.postings: dict[str, PostingBuffer] = {}
        self.added = 0
        self.duplicates = 0
        self.pairs: set[tuple[str, str]] = set()
        self.next_id = (conn.execute("SELECT MAX(id) FROM tm_units").fetchone()[0] or 0) + 1
        self.check_db = conn.execute("SELECT 1 FROM tm_units LIMIT 1").fetchone() is not None
        self.stamp = now()
        self.big = big
        if big:  # (both built again at the end: a sort instead of one B-tree insert per row)
            conn.execute("DROP INDEX IF EXISTS tm_units_dedup")
            conn.execute(DROP_DF_INDEX)

    def add(self, unit: NewUnit) -> None:
        h = unit.dedup()
        if h in self.seen:
            self.duplicates += 1
            return
        self.seen.add(h)
        self.batch.append((h, unit))
        if len(self.batch) >= BATCH:
            self._flush_batch()

    def _existing(self, hashes: list[int]) -> set[int]:
        found: set[int] = set()
        for i in range(0, len(hashes), 900):
            chunk = hashes[i : i + 900]
            found.update(
                r[0]
                for r in self.conn.execute(
                    f"SELECT dedup FROM tm_units WHERE dedup IN ({','.join('?' * len(chunk))})", chunk
                )
            )
        return found

    def _flush_batch(self) -> None:
        batch, self.batch = self.batch, []
        if not batch:
            return
        existing = self._existing([h for h, _ in batch]) if self.check_db else set()
        rows = []
        for h, u in batch:
            if h in existing:
                self.duplicates += 1
                continue
            uid = self.next_id
            self.next_id += 1
            key, toks = unit_key_and_tokens(u.source, u.source_lang)
            pair = f"{u.source_lang}>{u.target_lang}"
            buf = self.postings.get(pair)
            if buf is None:
                buf = self.postings[pair] = PostingBuffer()
                self.pairs.add((u.source_lang, u.target_lang))
            buf.add(uid, toks, len(toks))
            rows.append((
                uid, h, u.source_lang, u.target_lang, u.source_tag, u.target_tag, u.source, u.target,
                u.source_markup, u.target_markup, key, len(toks), u.context_prev, u.context_next, u.origin,
                u.notes, u.props, int(u.fuzzy), u.segment_id, u.created_at or self.stamp,
                u.changed_at or u.created_at or self.stamp,
            ))
        self.conn.executemany(INSERT_UNIT, rows)
        self.added += len(rows)
        faults.checkpoint("tm.batch")
        if sum(b.size for b in self.postings.values()) >= POSTINGS_FLUSH:
            self._flush_postings()

    def _flush_postings(self) -> None:
        for pair, buf in self.postings.items():
            buf.flush(self.conn, pair)

    def finish(self) -> None:
        """Write what is pending, restore indexes, record the new units (still inside the transaction)."""
        self._flush_batch()
        self._flush_postings()
        if self.big:
            self.conn.execute("CREATE UNIQUE INDEX IF NOT EXISTS tm_units_dedup ON tm_units (dedup)")
            self.conn.execute(DF_INDEX)
        self.conn.executemany("INSERT OR IGNORE INTO tm_pairs VALUES (?, ?)", sorted(self.pairs))
        bump(self.conn, "units", self.added)
        bump(self.conn, "generation")


def add_one(conn: sqlite3.Connection, u: NewUnit) -> int:
    """Store one unit and index it (inside the caller's transaction); return its id."""
    key, toks = unit_key_and_tokens(u.source, u.source_lang)
    uid = (conn.execute("SELECT MAX(id) FROM tm_units").fetchone()[0] or 0) + 1
    stamp = now()
    conn.execute(INSERT_UNIT, (
        uid, u.dedup(), u.source_lang, u.target_lang, u.source_tag, u.target_tag, u.source, u.target,
        u.source_markup, u.target_markup, key, len(toks), u.context_prev, u.context_next, u.origin,
        u.notes, u.props, int(u.fuzzy), u.segment_id, u.created_at or stamp, u.changed_at or stamp,
    ))
    add_unit(conn, uid, [token(f"{u.source_lang}>{u.target_lang}", t) for t in toks], len(toks))
    conn.execute("INSERT OR IGNORE INTO tm_pairs VALUES (?, ?)", (u.source_lang, u.target_lang))
    bump(conn, "units")
    bump(conn, "generation")
    return uid


def confirm(conn: sqlite3.Connection, u: NewUnit) -> int:
    """Record a confirmed target of segment `u.segment_id`: update its unit, or reuse/insert one. Returns its id."""
    stamp = now()
    mine = conn.execute(
        "SELECT id FROM tm_units WHERE segment_id = ? AND target_lang = ?", (u.segment_id, u.target_lang)
    ).fetchone()
    h = u.dedup()
    same = conn.execute("SELECT id, segment_id FROM tm_units WHERE dedup = ?", (h,)).fetchone()
    if mine is not None and same is not None and mine[0] == same[0]:
        conn.execute(
            "UPDATE tm_units SET changed_at = ?, context_prev = ?, context_next = ?, origin = ? WHERE id = ?",
            (stamp, u.context_prev, u.context_next, u.origin, mine[0]),
        )
        bump(conn, "generation")
        return int(mine[0])
    if mine is not None:
        if same is not None:  # the new text is already a unit: keep that one, drop the old version
            conn.execute("DELETE FROM tm_units WHERE id = ?", (mine[0],))
            bump(conn, "units", -1)
        else:
            conn.execute(
                "UPDATE tm_units SET target = ?, target_markup = NULL, dedup = ?, changed_at = ?, context_prev = ?,"
                " context_next = ?, origin = ?, fuzzy = 0 WHERE id = ?",
                (u.target, h, stamp, u.context_prev, u.context_next, u.origin, mine[0]),
            )
            bump(conn, "generation")
            return int(mine[0])
    if same is not None:
        conn.execute(
            "UPDATE tm_units SET segment_id = COALESCE(segment_id, ?), changed_at = ?,"
            " context_prev = COALESCE(context_prev, ?), context_next = COALESCE(context_next, ?) WHERE id = ?",
            (u.segment_id, stamp, u.context_prev, u.context_next, same[0]),
        )
        bump(conn, "generation")
        return int(same[0])
    return add_one(conn, u)


def unit_count(conn: sqlite3.Connection) -> int:
    """The number of units (a counter kept in tm_meta, so counting a million units costs nothing)."""
    return meta(conn, "units")
