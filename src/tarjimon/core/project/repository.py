"""The project repository: ALL the SQL on a project's documents, paragraphs, segments, translations, their
history and its authors, and the queue of confirmed targets on their way to the TM. Two parts live in modules
of their own, mixed in: joins, splits and replace batches (repository_edits.py), and the review records: who
wrote a target, reviewers' comments (kept when their sentence goes) and the QA findings dismissed
(repository_review.py). It returns domain objects (tarjimon.core.models), never rows; import alignment,
repetitions, statistics and exports call it.

Every write is one transaction (`Store.transaction`, BEGIN IMMEDIATE); nested calls join the outer one, so a
batch import of several articles is one transaction too.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from tarjimon.core import faults
from tarjimon.core.errors import BadInput, NotFound, TarjimonError
from tarjimon.core.models import AUTOSAVED, STATUSES, Document, HistoryEntry, Segment, SegmentRow, Translation
from tarjimon.core.models.article import Paragraph
from tarjimon.core.project.align import align
from tarjimon.core.project.repository_edits import SegmentEditing
from tarjimon.core.project.repository_review import ReviewRecords
from tarjimon.core.project.schema import PROJECT_MIGRATIONS, hash_older_segments, source_hash
from tarjimon.core.store import Store, now

CONFIRMED = ("translated", "reviewed")


class ProjectRepository(SegmentEditing, ReviewRecords):
    """A project's documents, segments and targets in its SQLite database."""

    def __init__(self, store: Store) -> None:
        self.store = store
        store.migrate("project", PROJECT_MIGRATIONS)
        hash_older_segments(store)

    @contextmanager
    def transaction(self, *, durable: bool = False) -> Iterator[sqlite3.Connection]:
        """One write transaction; every repository write inside it joins it (`durable`: Store.transaction's)."""
        with self.store.transaction(durable=durable) as tx:
            yield tx

    # ---- documents and segments -----------------------------------------------------------------
    def documents(self) -> list[Document]:
        """The project's documents in import order."""
        rows = self.store.conn.execute(
            "SELECT d.id, d.name, d.position, d.meta, COUNT(s.id) AS n FROM documents d"
            " LEFT JOIN segments s ON s.document_id = d.id GROUP BY d.id ORDER BY d.position"
        ).fetchall()
        return [Document(r["id"], r["name"], r["position"], json.loads(r["meta"]), r["n"]) for r in rows]

    def document(self, name_or_id: str | int) -> Document:
        for doc in self.documents():
            if doc.id == name_or_id or doc.name == name_or_id:
                return doc
        raise NotFound(f"no document {name_or_id!r}")

    def document_name(self, document_id: int) -> str:
        row = self.store.conn.execute("SELECT name FROM documents WHERE id = ?", (document_id,)).fetchone()
        return str(row[0]) if row else str(document_id)

    def imported_at(self, document_id: int) -> str:
        """When the document was last imported (a re-import too): the match analysis's "before"."""
        row = self.store.conn.execute("SELECT updated_at FROM documents WHERE id = ?", (document_id,)).fetchone()
        return str(row[0]) if row else ""

    def paragraphs(self, document_id: int) -> list[Paragraph]:
        """A document's paragraph layout (prefixes, blank lines, kinds), without text."""
        return [
            Paragraph(text="", prefix=r["prefix"], blank_before=r["blank_before"], kind=r["kind"])
            for r in self.store.conn.execute(
                "SELECT * FROM paragraphs WHERE document_id = ? ORDER BY idx", (document_id,))
        ]

    def original(self, document_id: int) -> tuple[str, bytes | None]:
        """The format a document was imported from, and the file's bytes when they were kept."""
        row = self.store.conn.execute(
            "SELECT d.format, o.content FROM documents d LEFT JOIN document_originals o ON o.document_id = d.id"
            " WHERE d.id = ?", (document_id,)).fetchone()
        if row is None:
            raise NotFound(f"no document {document_id!r}")
        return row[0], (bytes(row[1]) if row[1] is not None else None)

    def segments(self, document_id: int | None = None) -> list[Segment]:
        """Segments in reading order, of one document or of all."""
        sql = (
            "SELECT s.* FROM segments s JOIN documents d ON d.id = s.document_id"
            + (" WHERE s.document_id = ?" if document_id is not None else "")
            + " ORDER BY d.position, s.position"
        )
        args = (document_id,) if document_id is not None else ()
        return [_segment(r) for r in self.store.conn.execute(sql, args)]

    def segment(self, segment_id: int) -> Segment:
        row = self.store.conn.execute("SELECT * FROM segments WHERE id = ?", (segment_id,)).fetchone()
        if row is None:
            raise NotFound(f"no segment {segment_id}")
        return _segment(row)

    def neighbours(self, segment: Segment) -> tuple[str | None, str | None]:
        """The source text of the segments before and after one (its context, for 101% matches)."""
        conn = self.store.conn
        prev = conn.execute(
            "SELECT source FROM segments WHERE document_id = ? AND position < ? ORDER BY position DESC LIMIT 1",
            (segment.document_id, segment.position),
        ).fetchone()
        nxt = conn.execute(
            "SELECT source FROM segments WHERE document_id = ? AND position > ? ORDER BY position LIMIT 1",
            (segment.document_id, segment.position),
        ).fetchone()
        return (prev[0] if prev else None, nxt[0] if nxt else None)

    # ---- targets --------------------------------------------------------------------------------
    def rows(self, target_langs: Sequence[str], document_id: int | None = None) -> list[SegmentRow]:
        """Segments with their targets in every target language (empty ones included)."""
        segs = self.segments(document_id)
        found: dict[int, dict[str, Translation]] = {}
        for r in self.store.conn.execute("SELECT * FROM translations"):
            found.setdefault(r["segment_id"], {})[r["lang"]] = _translation(r)
        out = []
        for s in segs:
            have = found.get(s.id, {})
            targets = {lang: have.get(lang) or Translation(s.id, lang, "", "empty") for lang in target_langs}
            out.append(SegmentRow(s, targets))
        return out

    def translation(self, segment_id: int, lang: str) -> Translation:
        r = self.store.conn.execute(
            "SELECT * FROM translations WHERE segment_id = ? AND lang = ?", (segment_id, lang)
        ).fetchone()
        return _translation(r) if r else Translation(segment_id, lang, "", "empty")

    def history(self, segment_id: int, lang: str) -> list[HistoryEntry]:
        """Earlier versions of a target, oldest first."""
        rows = self.store.conn.execute(
            "SELECT h.*, COALESCE(a.author, '') AS author FROM translation_history h"
            " LEFT JOIN history_authors a ON a.history_id = h.id WHERE h.segment_id = ? AND h.lang = ? ORDER BY h.id",
            (segment_id, lang),
        ).fetchall()
        return [HistoryEntry(r["segment_id"], r["lang"], r["text"], r["status"], r["changed_at"], r["origin"],
                             r["author"]) for r in rows]

    def save_translation(self, segment: Segment, lang: str, text: str, status: str = "translated",
                         origin: str = "", author: str = "") -> tuple[Translation, bool]:
        """Save a target (the version it replaces goes to the history); (saved, whether anything changed).

        Empty text makes the target empty whatever `status` says; a draft saved with origin AUTOSAVED is no
        version (what replaces it does not go to the history). A confirmed target is queued for the TM in the
        same transaction (`pending_for_tm`). `author` wrote the text (kept with it in the history too).
        """
        if status not in STATUSES:
            raise TarjimonError(f"unknown status {status!r}")
        if not text.strip():
            status, text = "empty", ""
        elif status == "empty":
            status = "draft"
        with self.store.transaction() as tx:
            old = tx.execute("SELECT * FROM translations WHERE segment_id = ? AND lang = ?",
                             (segment.id, lang)).fetchone()
            autosaved = old is not None and old["origin"] == AUTOSAVED and old["status"] == "draft"
            settles = autosaved and origin != AUTOSAVED  # (the same text saved as a version now)
            if old is not None and (old["text"], old["status"]) == (text, status) and not settles:
                return _translation(old), False
            if old is not None and old["text"] and not autosaved:  # (a draft autosaved is not a version)
                history_id = tx.execute(
                    "INSERT INTO translation_history (segment_id, lang, source, text, status, changed_at, origin)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (segment.id, lang, segment.source, old["text"], old["status"], old["updated_at"], old["origin"]),
                ).lastrowid
                tx.execute("INSERT OR REPLACE INTO history_authors (history_id, author) SELECT ?, author"
                           " FROM target_authors WHERE segment_id = ? AND lang = ?", (history_id, segment.id, lang))
            self._set_author(tx, [segment.id], lang, author if text else "")
            stamp = now()
            tx.execute(
                "INSERT INTO translations (segment_id, lang, text, status, updated_at, origin)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (segment_id, lang) DO UPDATE SET"
                " text = excluded.text, status = excluded.status, updated_at = excluded.updated_at,"
                " origin = excluded.origin",
                (segment.id, lang, text, status, stamp, origin),
            )
            faults.checkpoint("target.saved")
            if status in CONFIRMED:
                tx.execute(
                    "INSERT INTO tm_outbox (segment_id, lang, queued_at) VALUES (?, ?, ?) ON CONFLICT"
                    " (segment_id, lang) DO UPDATE SET queued_at = excluded.queued_at, attempts = 0",
                    (segment.id, lang, stamp),
                )
        return Translation(segment.id, lang, text, status, stamp, origin), True

    def fill_repetitions(self, segment: Segment, saved: Translation, only: Sequence[int] | None = None,
                         author: str = "") -> list[Translation]:
        """Fill the empty targets of the other segments with the same source (of them, only the ids in `only`
        when given); return what was filled.

        Filled targets are `translated` with origin `repetition`, so the translator can tell them apart and
        review them. Joins the caller's transaction.
        """
        stamp = now()
        with self.store.transaction() as tx:
            ids = self.repetitions(segment, saved.lang)
            if only is not None:
                wanted = set(only)
                ids = [sid for sid in ids if sid in wanted]
            tx.executemany(
                "INSERT INTO translations (segment_id, lang, text, status, updated_at, origin)"
                " VALUES (?, ?, ?, 'translated', ?, 'repetition') ON CONFLICT (segment_id, lang) DO UPDATE SET"
                " text = excluded.text, status = excluded.status, updated_at = excluded.updated_at,"
                " origin = excluded.origin",
                [(sid, saved.lang, saved.text, stamp) for sid in ids],
            )
            self._set_author(tx, ids, saved.lang, author)
        return [Translation(sid, saved.lang, saved.text, "translated", stamp, "repetition") for sid in ids]

    def unfill_repetitions(self, filled: Sequence[Translation]) -> list[Translation]:
        """Undo a fill of repetitions: each target that still holds what the fill put there is emptied again (the
        filled text goes to the history); one changed since is left alone. Returns the targets emptied."""
        stamp, out = now(), []
        with self.store.transaction() as tx:
            for t in filled:
                row = tx.execute("SELECT s.source FROM translations t JOIN segments s ON s.id = t.segment_id"
                                 " WHERE t.segment_id = ? AND t.lang = ? AND t.text = ? AND t.origin = 'repetition'",
                                 (t.segment_id, t.lang, t.text)).fetchone()
                if row is None:
                    continue
                tx.execute(
                    "INSERT INTO translation_history (segment_id, lang, source, text, status, changed_at, origin)"
                    " VALUES (?, ?, ?, ?, 'translated', ?, 'repetition undone')",
                    (t.segment_id, t.lang, row[0], t.text, stamp),
                )
                tx.execute("UPDATE translations SET text = '', status = 'empty', updated_at = ?, origin = ''"
                           " WHERE segment_id = ? AND lang = ?", (stamp, t.segment_id, t.lang))
                self._set_author(tx, [t.segment_id], t.lang, "")
                out.append(Translation(t.segment_id, t.lang, "", "empty", stamp, ""))
        return out

    # ---- the queue of confirmed targets for the TM ------------------------------------------------
    def pending_for_tm(self, limit: int = 1000) -> list[tuple[int, str, str]]:
        """Confirmed targets not yet taken by the TM: (segment id, language, queued_at), oldest first."""
        return [(r[0], r[1], r[2]) for r in self.store.conn.execute(
            "SELECT segment_id, lang, queued_at FROM tm_outbox ORDER BY queued_at, segment_id LIMIT ?", (limit,))]

    def pending_count(self) -> int:
        return int(self.store.conn.execute("SELECT COUNT(*) FROM tm_outbox").fetchone()[0])

    def taken_by_tm(self, segment_id: int, lang: str, queued_at: str) -> None:
        """The TM took a confirmed target: drop it from the queue (unless it was confirmed again since)."""
        with self.store.transaction() as tx:
            tx.execute("DELETE FROM tm_outbox WHERE segment_id = ? AND lang = ? AND queued_at = ?",
                       (segment_id, lang, queued_at))

    def not_taken(self, segment_id: int, lang: str) -> None:
        """The TM could not take a target now: count the attempt; it stays queued."""
        with self.store.transaction() as tx:
            tx.execute("UPDATE tm_outbox SET attempts = attempts + 1 WHERE segment_id = ? AND lang = ?",
                       (segment_id, lang))

    # ---- import -----------------------------------------------------------------------------------
    def store_document(self, name: str, fmt: str, encoding: str, meta: dict[str, Any],
                       paragraphs: Sequence[Paragraph], pieces: Sequence[tuple[int, str, str]],
                       original: bytes | None = None) -> tuple[bool, int, int]:  # fmt: skip
        """Store an imported article's layout and segments (paragraph index, kind, source), keeping the rows
        (and so the translations) of the sentences an earlier import of `name` already had. `original`, the
        file's bytes, is kept for formats whose export rebuilds the file (a re-import replaces it).

        Returns (re-import, segments unchanged, old segments removed). A removed segment's targets go to the
        history first, so no translation disappears without a trace.
        """
        if "/" in name or "\0" in name or name in ("", ".", ".."):  # a file's name, never a path (a shared story's)
            raise BadInput(f"document name {name!r} is not a file's name (no folders, no '..')")
        stamp = now()
        meta_json = json.dumps(meta, ensure_ascii=False)
        with self.store.transaction() as tx:
            row = tx.execute("SELECT id FROM documents WHERE name = ?", (name,)).fetchone()
            reimport = row is not None
            if row is None:
                pos = tx.execute("SELECT COALESCE(MAX(position), 0) + 1 FROM documents").fetchone()[0]
                doc_id = int(tx.execute(
                    "INSERT INTO documents (name, position, format, encoding, meta, imported_at, updated_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)", (name, pos, fmt, encoding, meta_json, stamp, stamp),
                ).lastrowid or 0)
            else:
                doc_id = int(row[0])
                tx.execute("UPDATE documents SET format = ?, encoding = ?, meta = ?, updated_at = ? WHERE id = ?",
                           (fmt, encoding, meta_json, stamp, doc_id))
            faults.checkpoint("article.document")
            tx.execute("DELETE FROM paragraphs WHERE document_id = ?", (doc_id,))
            tx.executemany(
                "INSERT INTO paragraphs (document_id, idx, prefix, blank_before, kind) VALUES (?, ?, ?, ?, ?)",
                [(doc_id, i, p.prefix, p.blank_before, p.kind) for i, p in enumerate(paragraphs)],
            )
            tx.execute("DELETE FROM document_originals WHERE document_id = ?", (doc_id,))
            if original is not None:
                tx.execute("INSERT INTO document_originals (document_id, content, stored_at) VALUES (?, ?, ?)",
                           (doc_id, original, stamp))
            faults.checkpoint("article.paragraphs")
            old = [(r["id"], r["source"]) for r in tx.execute(
                "SELECT id, source FROM segments WHERE document_id = ? ORDER BY position", (doc_id,))]
            unchanged, removed = self._replace_segments(tx, doc_id, old, pieces)
            faults.checkpoint("article.segments")
        return reimport, unchanged, removed

    def _replace_segments(self, tx: sqlite3.Connection, doc_id: int, old: list[tuple[int, str]],
                          new: Sequence[tuple[int, str, str]]) -> tuple[int, int]:
        plan = align([s for _, s in old], [s for _, _, s in new])
        keep = {i: old[j][0] for i, j in plan.items()}  # new index -> old segment id
        kept_ids = set(keep.values())
        gone = [sid for sid, _ in old if sid not in kept_ids]
        stamp = now()
        for sid in gone:
            tx.execute(
                "INSERT INTO translation_history (segment_id, lang, source, text, status, changed_at, origin)"
                " SELECT t.segment_id, t.lang, s.source, t.text, t.status, ?, 'removed by re-import'"
                " FROM translations t JOIN segments s ON s.id = t.segment_id WHERE t.segment_id = ? AND t.text != ''",
                (stamp, sid),
            )
            self.keep_comments(tx, "s.id = ?", sid, "removed by re-import")
            tx.execute("DELETE FROM segments WHERE id = ?", (sid,))
        # Positions are rewritten in two passes to stay clear of the old numbering.
        tx.execute("UPDATE segments SET position = -position - 1 WHERE document_id = ?", (doc_id,))
        for i, (para, kind, source) in enumerate(new):
            if i in keep:
                tx.execute("UPDATE segments SET position = ?, paragraph = ?, kind = ? WHERE id = ?",
                           (i, para, kind, keep[i]))
            else:
                sid = self.next_segment_id(tx)
                tx.execute("INSERT INTO segments (id, document_id, position, paragraph, kind, source)"
                           " VALUES (?, ?, ?, ?, ?, ?)", (sid, doc_id, i, para, kind, source))
                tx.execute("INSERT INTO segment_hashes (segment_id, hash) VALUES (?, ?)", (sid, source_hash(source)))
        return len(keep), len(gone)

    def next_segment_id(self, tx: sqlite3.Connection) -> int:
        """Give out a new segment's id (inside the caller's transaction): above every id ever given.

        SQLite would reuse the ids of removed segments (a removed document, a re-import, a join), and the TM
        keeps the segment id of the unit a confirmed target became (confirming that segment again updates that
        unit): a new sentence must never take an old one's id. `project_counters` keeps the highest id given."""
        row = tx.execute("SELECT MAX(COALESCE((SELECT value FROM project_counters WHERE name = 'segment_id'), 0),"
                         " COALESCE((SELECT MAX(id) FROM segments), 0))").fetchone()
        new = int(row[0] or 0) + 1
        tx.execute("INSERT INTO project_counters (name, value) VALUES ('segment_id', ?) ON CONFLICT (name)"
                   " DO UPDATE SET value = excluded.value", (new,))
        return new

    def remove_document(self, document_id: int, origin: str) -> tuple[int, int]:
        """Remove a document, its paragraphs, segments and targets in one transaction; every non-empty target
        goes to the history first (with `origin`), where it stays. Returns (segments, targets kept)."""
        with self.store.transaction() as tx:
            if tx.execute("SELECT 1 FROM documents WHERE id = ?", (document_id,)).fetchone() is None:
                raise NotFound(f"no document {document_id}")
            kept = tx.execute(
                "INSERT INTO translation_history (segment_id, lang, source, text, status, changed_at, origin)"
                " SELECT t.segment_id, t.lang, s.source, t.text, t.status, ?, ? FROM translations t"
                " JOIN segments s ON s.id = t.segment_id WHERE s.document_id = ? AND t.text != ''"
                " ORDER BY s.position, t.lang", (now(), origin, document_id)).rowcount
            tx.execute("DELETE FROM tm_outbox WHERE segment_id IN (SELECT id FROM segments WHERE document_id = ?)",
                       (document_id,))
            self.keep_comments(tx, "s.document_id = ?", document_id, origin)
            segments = tx.execute("DELETE FROM segments WHERE document_id = ?", (document_id,)).rowcount
            tx.execute("DELETE FROM documents WHERE id = ?", (document_id,))
            faults.checkpoint("document.removed")
        return segments, kept

    def pending_of_document(self, document_id: int) -> int:
        """Confirmed targets of a document still waiting for the TM."""
        return int(self.store.conn.execute(
            "SELECT COUNT(*) FROM tm_outbox WHERE segment_id IN (SELECT id FROM segments WHERE document_id = ?)",
            (document_id,)).fetchone()[0])

    # ---- statistics -------------------------------------------------------------------------------
    def sources(self) -> list[tuple[int, str]]:
        """(segment id, source) of every segment."""
        return [(r[0], r[1]) for r in self.store.conn.execute("SELECT id, source FROM segments")]

    def statuses(self, lang: str) -> list[tuple[int, str]]:
        """(segment id, status) of every stored target in `lang`."""
        return [(r[0], r[1]) for r in self.store.conn.execute(
            "SELECT segment_id, status FROM translations WHERE lang = ?", (lang,))]

    def document_count(self) -> int:
        return int(self.store.conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0])


def _segment(r: Any) -> Segment:
    return Segment(r["id"], r["document_id"], r["position"], r["paragraph"], r["source"], r["kind"])


def _translation(r: Any) -> Translation:
    return Translation(r["segment_id"], r["lang"], r["text"], r["status"], r["updated_at"], r["origin"])
