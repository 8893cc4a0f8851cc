"""A shared story's tables: on the server (the story, its targets, their history) and in each desk's project
(what this desk last saw of each target, what waits to be sent, how far it has read)."""

from __future__ import annotations

# (the body of both triggers of local migration 2: a confirmed target, not one a colleague's confirm brought)
_QUEUED = """
    WHEN NEW.status IN ('translated', 'reviewed') AND NEW.origin NOT LIKE 'shared:%'
        AND EXISTS (SELECT 1 FROM shared_link)
    BEGIN
        INSERT INTO shared_outbox VALUES (NEW.segment_id, NEW.lang, NEW.updated_at)
            ON CONFLICT (segment_id, lang) DO UPDATE SET queued_at = excluded.queued_at;
    END;"""

SERVER_MIGRATIONS = ["""
    CREATE TABLE shared_projects (id bigserial PRIMARY KEY, name text NOT NULL UNIQUE, source text NOT NULL,
        targets text NOT NULL, created_by text NOT NULL, created_at text NOT NULL);
    CREATE TABLE shared_documents (project_id bigint NOT NULL REFERENCES shared_projects ON DELETE CASCADE,
        name text NOT NULL, position integer NOT NULL, meta text NOT NULL, paragraphs text NOT NULL,
        pieces text NOT NULL, PRIMARY KEY (project_id, name));
    CREATE SEQUENCE shared_seq;
    CREATE TABLE shared_targets (project_id bigint NOT NULL REFERENCES shared_projects ON DELETE CASCADE,
        document text NOT NULL, position integer NOT NULL, lang text NOT NULL, source text NOT NULL,
        text text NOT NULL, status text NOT NULL, changeid text NOT NULL, changed_at text NOT NULL,
        version integer NOT NULL, seq bigint NOT NULL, PRIMARY KEY (project_id, document, position, lang));
    CREATE INDEX shared_targets_seq ON shared_targets (project_id, seq);
    CREATE TABLE shared_target_history (id bigserial PRIMARY KEY, project_id bigint NOT NULL, document text NOT NULL,
        position integer NOT NULL, lang text NOT NULL, text text NOT NULL, status text NOT NULL,
        changeid text NOT NULL, changed_at text NOT NULL, replaced_by text NOT NULL, replaced_at text NOT NULL);
"""]
LOCAL_MIGRATIONS = ["""
    CREATE TABLE shared_versions (segment_id INTEGER NOT NULL, lang TEXT NOT NULL, version INTEGER NOT NULL,
        PRIMARY KEY (segment_id, lang));
    CREATE TABLE shared_outbox (segment_id INTEGER NOT NULL, lang TEXT NOT NULL, queued_at TEXT NOT NULL,
        PRIMARY KEY (segment_id, lang));
    CREATE TABLE shared_seen (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL);
""", f"""
    CREATE TABLE shared_link (id INTEGER PRIMARY KEY CHECK (id = 1));
    INSERT INTO shared_link VALUES (1);
    CREATE TRIGGER shared_outbox_insert AFTER INSERT ON translations {_QUEUED}
    CREATE TRIGGER shared_outbox_update AFTER UPDATE OF text, status, origin ON translations {_QUEUED}
"""]
# (2) Every confirmed target this desk writes is queued for the story in the transaction that writes it, by
# whatever path: a confirm, the repetitions it fills, a find and replace, a join or a split, an import's
# targets (not one a colleague's confirm brought: its origin is "shared:WHO"). Before, only a confirm queued
# its own target, in a transaction after the target's: a kill -9 between them lost it for the story, and the
# other paths never reached the other desks. `shared_link` holds a row while the project is linked to a story
# (`tarjimon leave` empties it: nothing is queued any more).
