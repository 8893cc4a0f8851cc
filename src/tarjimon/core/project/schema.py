"""The project component's migrations: documents, paragraphs, segments, translations, their history, and the
queue of confirmed targets on their way to the TM, the QA findings dismissed, who wrote each target version
and the reviewers' comments (kept, with their sentence's source, when the sentence is removed)."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable

from tarjimon.core import faults
from tarjimon.core.store import Store


def source_hash(source: str) -> int:
    """A signed 64-bit hash of a segment's source as stored (`segment_hashes.hash`, indexed): the repetitions of
    a sentence are found by it, then their sources compared whole (two texts may share a hash)."""
    return int.from_bytes(hashlib.blake2b(source.encode("utf-8", "surrogatepass"), digest_size=8).digest(),
                          "little", signed=True)


def fill_source_hashes(tx: sqlite3.Connection, above: int = 0, batch: int = 2000) -> int:
    """Hash the sources of the segments above id `above` that have no hash yet (inside the caller's
    transaction), in id order; return how many."""
    done = 0
    while True:
        rows = tx.execute("SELECT id, source FROM segments s WHERE id > ? AND NOT EXISTS (SELECT 1 FROM segment_hashes h"
                          " WHERE h.segment_id = s.id) ORDER BY id LIMIT ?", (above, batch)).fetchall()
        if not rows:
            return done
        tx.executemany("INSERT INTO segment_hashes (segment_id, hash) VALUES (?, ?)",
                       [(r[0], source_hash(r[1])) for r in rows])
        done += len(rows)
        above = rows[-1][0]


def hash_older_segments(store: Store) -> None:
    """At a project's open: hash the segments an older version of Tarjimon added (it knows no segment_hashes).
    A new segment's id is above every id ever given (ProjectRepository.next_segment_id), so theirs are above
    the highest hashed one: two probes of a primary key find whether there are any."""
    conn = store.conn
    top = conn.execute("SELECT (SELECT MAX(id) FROM segments), (SELECT MAX(segment_id) FROM segment_hashes)").fetchone()
    if not store.read_only and top[0] is not None and top[0] > (top[1] or 0):
        with store.transaction() as tx:
            fill_source_hashes(tx, top[1] or 0)


def _hash_sources(tx: sqlite3.Connection) -> None:
    """Migration 9: the hash of each segment's source, indexed, in place of the index on the whole source.

    The index on `source` held every source whole: the repetitions of a 13-million-character segment were
    looked up by comparing 13 MB keys (0.2 s of Enter under load, docs/benchmarks.md, tui11), and an import
    wrote each source twice. A table of its own, not a column: a column after `source` makes SQLite read a
    13 MB source 2.5x slower (10 -> 26 ms: the column is no longer the record's last), and SQLite cannot put a
    new column before it without rebuilding the table (its foreign keys would cascade). Idempotent (a merge
    may renumber it)."""
    tx.execute("CREATE TABLE IF NOT EXISTS segment_hashes (segment_id INTEGER PRIMARY KEY REFERENCES segments(id)"
               " ON DELETE CASCADE, hash INTEGER NOT NULL)")
    tx.execute("CREATE INDEX IF NOT EXISTS segment_hashes_by_hash ON segment_hashes(hash)")
    fill_source_hashes(tx)
    faults.checkpoint("project.hashes")
    tx.execute("DROP INDEX IF EXISTS segments_by_source")


PROJECT_MIGRATIONS: list[str | Callable[[sqlite3.Connection], object]] = [
    # 1: the first schema
    """
    CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        position INTEGER NOT NULL,
        format TEXT NOT NULL,
        encoding TEXT NOT NULL DEFAULT 'utf-8',
        meta TEXT NOT NULL DEFAULT '{}',
        imported_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE paragraphs (
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        prefix TEXT NOT NULL DEFAULT '',
        blank_before INTEGER NOT NULL DEFAULT 0,
        kind TEXT NOT NULL DEFAULT 'body',
        PRIMARY KEY (document_id, idx)
    );
    CREATE TABLE segments (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        paragraph INTEGER NOT NULL,
        kind TEXT NOT NULL DEFAULT 'body',
        source TEXT NOT NULL
    );
    CREATE INDEX segments_by_document ON segments(document_id, position);
    CREATE INDEX segments_by_source ON segments(source);
    CREATE TABLE translations (
        segment_id INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
        lang TEXT NOT NULL,
        text TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('empty', 'draft', 'translated', 'reviewed')),
        updated_at TEXT NOT NULL,
        origin TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (segment_id, lang)
    );
    -- No foreign key: the history of a sentence removed by a re-import is kept, with its source.
    CREATE TABLE translation_history (
        id INTEGER PRIMARY KEY,
        segment_id INTEGER NOT NULL,
        lang TEXT NOT NULL,
        source TEXT NOT NULL,
        text TEXT NOT NULL,
        status TEXT NOT NULL,
        changed_at TEXT NOT NULL,
        origin TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX history_by_target ON translation_history(segment_id, lang);
    """,
    # 2: confirmed targets waiting for the TM (delivered after the target's own commit, retried until taken)
    """
    CREATE TABLE tm_outbox (
        segment_id INTEGER NOT NULL,
        lang TEXT NOT NULL,
        queued_at TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (segment_id, lang)
    );
    """,
    # 3: QA findings dismissed with a reason, for one target text (by its hash: a changed text brings them back)
    """
    CREATE TABLE qa_ignores (
        segment_id INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
        lang TEXT NOT NULL,
        check_id TEXT NOT NULL,
        text_hash TEXT NOT NULL,
        reason TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (segment_id, lang, check_id, text_hash)
    );
    """,
    # 4: the imported file itself, for formats whose export rebuilds it (DOCX, ODT: styles, tables, pictures)
    """
    CREATE TABLE IF NOT EXISTS document_originals (
        document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        content BLOB NOT NULL,
        stored_at TEXT NOT NULL
    );
    """,
    # 5: who wrote each target version, and reviewers' comments on segments. Authors live in tables of their own
    # (not ALTER TABLE ADD COLUMN) so that the migration stays idempotent when it is renumbered at a merge.
    """
    CREATE TABLE IF NOT EXISTS target_authors (
        segment_id INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
        lang TEXT NOT NULL,
        author TEXT NOT NULL,
        PRIMARY KEY (segment_id, lang)
    );
    CREATE TABLE IF NOT EXISTS history_authors (
        history_id INTEGER PRIMARY KEY,
        author TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS segment_comments (
        id INTEGER PRIMARY KEY,
        segment_id INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
        lang TEXT NOT NULL DEFAULT '',
        text TEXT NOT NULL,
        author TEXT NOT NULL,
        created_at TEXT NOT NULL,
        resolved_at TEXT NOT NULL DEFAULT '',
        resolved_by TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX IF NOT EXISTS comments_by_segment ON segment_comments(segment_id, lang);
    """,
    # 6: the translator's joins and splits (made again by a re-import), and find-and-replace batches (undo)
    """
    CREATE TABLE IF NOT EXISTS segment_edits (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('join', 'split')),
        result TEXT NOT NULL,
        first TEXT NOT NULL,
        second TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS replace_batches (
        id INTEGER PRIMARY KEY,
        find TEXT NOT NULL,
        replace TEXT NOT NULL,
        options TEXT NOT NULL DEFAULT '{}',
        created_at TEXT NOT NULL,
        undone_at TEXT
    );
    CREATE TABLE IF NOT EXISTS replace_changes (
        batch_id INTEGER NOT NULL REFERENCES replace_batches(id) ON DELETE CASCADE,
        segment_id INTEGER NOT NULL,
        lang TEXT NOT NULL,
        before TEXT NOT NULL,
        after TEXT NOT NULL,
        status TEXT NOT NULL,
        PRIMARY KEY (batch_id, segment_id, lang)
    );
    """,
    # 7: the highest segment id ever given: a new segment never takes a removed one's id (the TM keeps the
    # segment id of the unit a confirmed target became, and confirming that segment again updates that unit)
    """
    CREATE TABLE IF NOT EXISTS project_counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
    INSERT OR IGNORE INTO project_counters (name, value)
        SELECT 'segment_id', MAX(COALESCE((SELECT MAX(id) FROM segments), 0),
                                 COALESCE((SELECT MAX(segment_id) FROM translation_history), 0));
    """,
    # 8: reviewers' comments on a sentence a re-import dropped or whose document was removed: kept here (with the
    # sentence's source and its document's name), as targets go to translation_history. No foreign key. `id` is
    # the comment's own id, which a new comment never takes again (see add_comment).
    """
    CREATE TABLE IF NOT EXISTS comments_history (
        id INTEGER PRIMARY KEY,
        segment_id INTEGER NOT NULL,
        document TEXT NOT NULL,
        source TEXT NOT NULL,
        lang TEXT NOT NULL DEFAULT '',
        text TEXT NOT NULL,
        author TEXT NOT NULL,
        created_at TEXT NOT NULL,
        resolved_at TEXT NOT NULL DEFAULT '',
        resolved_by TEXT NOT NULL DEFAULT '',
        removed_at TEXT NOT NULL,
        removed_why TEXT NOT NULL
    );
    """,
    # 9: the hash of each segment's source, indexed (repetitions), in place of the index on the whole source
    _hash_sources,
]
