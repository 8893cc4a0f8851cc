"""The project component's migrations: documents, paragraphs, segments, translations, their history, and the
queue of confirmed targets on their way to the TM, the QA findings dismissed, who wrote each target version
and the reviewers' comments (kept, with their sentence's source, when the sentence is removed)."""

from __future__ import annotations

PROJECT_MIGRATIONS: list[str] = [
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
]
