"""The project database's own consistency: SQLite's integrity, foreign keys, rows that lost their owner."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping

# (what, query counting the orphans, statement removing them)
ORPHANS = [
    ("targets of missing segments",
     "SELECT COUNT(*) FROM translations WHERE segment_id NOT IN (SELECT id FROM segments)",
     "DELETE FROM translations WHERE segment_id NOT IN (SELECT id FROM segments)"),
    ("paragraphs of missing documents",
     "SELECT COUNT(*) FROM paragraphs WHERE document_id NOT IN (SELECT id FROM documents)",
     "DELETE FROM paragraphs WHERE document_id NOT IN (SELECT id FROM documents)"),
    ("segments of missing documents",
     "SELECT COUNT(*) FROM segments WHERE document_id NOT IN (SELECT id FROM documents)",
     "DELETE FROM segments WHERE document_id NOT IN (SELECT id FROM documents)"),
    ("TM deliveries of missing segments",
     "SELECT COUNT(*) FROM tm_outbox WHERE segment_id NOT IN (SELECT id FROM segments)",
     "DELETE FROM tm_outbox WHERE segment_id NOT IN (SELECT id FROM segments)"),
]  # fmt: skip


def integrity(conn: sqlite3.Connection) -> list[str]:
    """SQLite's own check of every page and index: an empty list when the file is sound."""
    rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
    return [] if rows == ["ok"] else [f"integrity: {r}" for r in rows[:20]]


def orphans(conn: sqlite3.Connection) -> list[tuple[str, int]]:
    """(what, how many) for every kind of row whose owner is gone."""
    out = []
    for what, count, _fix in ORPHANS:
        try:
            n = int(conn.execute(count).fetchone()[0])
        except sqlite3.OperationalError:  # a table a newer/older schema lacks
            continue
        if n:
            out.append((what, n))
    return out


def repair_orphans(conn: sqlite3.Connection) -> int:
    """Inside the caller's transaction: delete rows whose owner is gone; return how many."""
    removed = 0
    for _what, _count, fix in ORPHANS:
        try:
            removed += conn.execute(fix).rowcount
        except sqlite3.OperationalError:
            continue
    return removed


def foreign_objects(conn: sqlite3.Connection, own: Mapping[str, str] | None = None) -> list[tuple[str, str]]:
    """(type, name) of every trigger and view in the database but Tarjimon's own, `own` (name -> its SQL as
    sqlite_master keeps it: one of that name with another body is foreign too). One found there was planted (a
    backup sent by someone else, a file edited by hand), and a trigger runs inside every command's own writes,
    where it can delete or rewrite translations unseen."""
    own = own or {}
    return [(r[0], r[1]) for r in conn.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE type IN ('trigger', 'view') ORDER BY type, name")
        if not (r[0] == "trigger" and own.get(r[1]) == r[2])]  # fmt: skip


def describe_foreign(found: list[tuple[str, str]]) -> str:
    names = ", ".join(f"{kind} {name!r}" for kind, name in found[:5]) + (" ..." if len(found) > 5 else "")
    return f"{len(found)} trigger(s) or view(s) Tarjimon never makes: {names}"


def drop_foreign(conn: sqlite3.Connection, own: Mapping[str, str] | None = None) -> int:
    """Inside the caller's transaction: drop every trigger and view but Tarjimon's own; return how many."""
    found = foreign_objects(conn, own)
    for kind, name in found:
        conn.execute(f'DROP {kind.upper()} IF EXISTS "{name.replace(chr(34), chr(34) * 2)}"')
    return len(found)
