"""The repository's SQL for the review records (a part of `ProjectRepository`, mixed in like
repository_edits.py, so each module stays small): who wrote a target's current text, reviewers' comments on
segments, the QA findings dismissed, and the same source elsewhere (a segment's repetitions, a TM unit's uses:
found by the sources' hashes, project migration 9).

A comment belongs to its segment while the segment lives. A join or a split moves it to the new segment
(repository_edits.py); a re-import that drops its sentence, or removing its document, moves it to
`comments_history` (`keep_comments`) with the sentence's source and document name, where it can still be
listed and resolved. Comment ids are never reused, so an id names one comment wherever it is kept.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from tarjimon.core.errors import NotFound, TarjimonError
from tarjimon.core.models import Comment, Segment
from tarjimon.core.models.qa import Ignored
from tarjimon.core.project.schema import source_hash
from tarjimon.core.store import now

if TYPE_CHECKING:
    from tarjimon.core.store import Store


class ReviewRecords:
    """Mixed into ProjectRepository: target authors, reviewers' comments, dismissed QA findings, repetitions."""

    store: Store

    if TYPE_CHECKING:  # ProjectRepository's own, used here
        def segment(self, segment_id: int) -> Segment: ...

    # ---- the same source elsewhere ------------------------------------------------------------------
    def repetitions(self, segment: Segment, lang: str) -> list[int]:
        """The other segments with the same source and an empty `lang` target; none for a PO plural form."""
        return [] if segment.kind.startswith("plural ") else [r[0] for r in self.store.conn.execute(
            # (the segment's own hash is read, not computed, and its source read again only when another segment
            # has that hash: a 13 MB source is neither hashed nor bound)
            "SELECT s.id FROM segment_hashes h JOIN segments s ON s.id = h.segment_id"
            " WHERE h.hash = (SELECT hash FROM segment_hashes WHERE segment_id = ?1) AND h.segment_id != ?1"
            " AND s.source = (SELECT source FROM segments WHERE id = ?1) AND s.kind NOT LIKE 'plural %' AND NOT EXISTS ("
            " SELECT 1 FROM translations t WHERE t.segment_id = s.id AND t.lang = ?2 AND t.status != 'empty')"
            " ORDER BY s.id",
            (segment.id, lang),
        )]

    def target_uses(self, source: str, lang: str, text: str) -> int:
        """How many confirmed targets in `lang` of segments with this source read `text` (a TM unit's use)."""
        return int(self.store.conn.execute(
            "SELECT COUNT(*) FROM segment_hashes h JOIN segments s ON s.id = h.segment_id JOIN translations t"
            " ON t.segment_id = s.id WHERE h.hash = ? AND s.source = ? AND t.lang = ? AND t.text = ? AND t.status IN ('translated', 'reviewed')",
            (source_hash(source), source, lang, text)).fetchone()[0])

    # ---- who wrote a target -----------------------------------------------------------------------
    def target_author(self, segment_id: int, lang: str) -> str:
        """Who wrote a target's current text ("" when not known: saved before authors were kept)."""
        row = self.store.conn.execute(
            "SELECT author FROM target_authors WHERE segment_id = ? AND lang = ?", (segment_id, lang)).fetchone()
        return str(row[0]) if row else ""

    @staticmethod
    def _set_author(tx: sqlite3.Connection, segment_ids: Sequence[int], lang: str, author: str) -> None:
        if author:
            tx.executemany("INSERT OR REPLACE INTO target_authors (segment_id, lang, author) VALUES (?, ?, ?)",
                           [(sid, lang, author) for sid in segment_ids])
        else:
            tx.executemany("DELETE FROM target_authors WHERE segment_id = ? AND lang = ?",
                           [(sid, lang) for sid in segment_ids])

    # ---- reviewers' comments --------------------------------------------------------------------
    def add_comment(self, segment_id: int, lang: str, text: str, author: str) -> Comment:
        """A comment on a segment's `lang` target ("" for the whole segment); committed at once."""
        self.segment(segment_id)
        if not text.strip():
            raise TarjimonError("a comment needs some text")
        stamp = now()
        with self.store.transaction() as tx:
            # Above the ids of kept comments too: a comment id names one comment, removed sentence or not.
            cid = int(tx.execute("SELECT MAX(COALESCE((SELECT MAX(id) FROM segment_comments), 0),"
                                 " COALESCE((SELECT MAX(id) FROM comments_history), 0)) + 1").fetchone()[0])
            tx.execute("INSERT INTO segment_comments (id, segment_id, lang, text, author, created_at)"
                       " VALUES (?, ?, ?, ?, ?, ?)", (cid, segment_id, lang, text.strip(), author, stamp))
        return Comment(cid, segment_id, lang, text.strip(), author, stamp)

    def comments(self, segment_id: int | None = None, *, include_resolved: bool = False,
                 include_removed: bool = False) -> list[Comment]:
        """Comments of one segment or of all (in reading order), open ones only unless `include_resolved`;
        with `include_removed` (and no segment), those kept from removed sentences follow."""
        where = ["1"]
        args: list[Any] = []
        if segment_id is not None:
            where.append("c.segment_id = ?")
            args.append(segment_id)
        if not include_resolved:
            where.append("c.resolved_at = ''")
        rows = self.store.conn.execute(
            "SELECT c.* FROM segment_comments c JOIN segments s ON s.id = c.segment_id"
            " JOIN documents d ON d.id = s.document_id WHERE " + " AND ".join(where)
            + " ORDER BY d.position, s.position, c.id", args).fetchall()
        found = [_comment(r) for r in rows]
        if include_removed and segment_id is None:
            found += self.removed_comments(include_resolved=include_resolved)
        return found

    def removed_comments(self, document: str | None = None, *, include_resolved: bool = True) -> list[Comment]:
        """Comments kept from removed sentences (of one document, by name, or of all), oldest removal first."""
        sql = "SELECT * FROM comments_history WHERE (? IS NULL OR document = ?)"
        if not include_resolved:
            sql += " AND resolved_at = ''"
        return [_comment(r) for r in self.store.conn.execute(sql + " ORDER BY removed_at, id", (document, document))]

    def keep_comments(self, tx: sqlite3.Connection, where: str, arg: int, why: str) -> int:
        """Before segments go (`where` on segments `s`, e.g. "s.id = ?"): move their comments to
        comments_history with the sentence's source and document. Returns how many were kept."""
        kept = tx.execute(
            "INSERT OR REPLACE INTO comments_history (id, segment_id, document, source, lang, text, author,"
            " created_at, resolved_at, resolved_by, removed_at, removed_why) SELECT c.id, c.segment_id, d.name,"
            " s.source, c.lang, c.text, c.author, c.created_at, c.resolved_at, c.resolved_by, ?, ?"
            " FROM segment_comments c JOIN segments s ON s.id = c.segment_id JOIN documents d ON d.id = s.document_id"
            f" WHERE {where}", (now(), why, arg)).rowcount
        tx.execute(f"DELETE FROM segment_comments WHERE segment_id IN (SELECT s.id FROM segments s WHERE {where})",
                   (arg,))
        return kept

    def comment(self, comment_id: int) -> Comment:
        conn = self.store.conn
        row = (conn.execute("SELECT * FROM segment_comments WHERE id = ?", (comment_id,)).fetchone()
               or conn.execute("SELECT * FROM comments_history WHERE id = ?", (comment_id,)).fetchone())
        if row is None:
            raise NotFound(f"no comment {comment_id}")
        return _comment(row)

    def resolve_comment(self, comment_id: int, who: str, *, reopen: bool = False) -> Comment:
        """Mark a comment resolved (by `who`, now), or open again with `reopen`."""
        self.comment(comment_id)
        with self.store.transaction() as tx:
            for table in ("segment_comments", "comments_history"):  # one of them holds it
                tx.execute(f"UPDATE {table} SET resolved_at = ?, resolved_by = ? WHERE id = ?",
                           ("", "", comment_id) if reopen else (now(), who, comment_id))
        return self.comment(comment_id)

    def open_comment_counts(self) -> dict[int, int]:
        """Segment id -> how many open comments it has (segments without any left out)."""
        return {r[0]: r[1] for r in self.store.conn.execute(
            "SELECT segment_id, COUNT(*) FROM segment_comments WHERE resolved_at = '' GROUP BY segment_id")}

    # ---- QA findings dismissed ------------------------------------------------------------------
    def ignore_finding(self, item: Ignored) -> None:
        """Dismiss a finding for one target text (replacing the reason if it was dismissed already)."""
        self.segment(item.segment)
        with self.store.transaction() as tx:
            tx.execute("INSERT OR REPLACE INTO qa_ignores (segment_id, lang, check_id, text_hash, reason, created_at)"
                       " VALUES (?, ?, ?, ?, ?, ?)",
                       (item.segment, item.lang, item.check, item.text_hash, item.reason, item.created_at or now()))

    def unignore_finding(self, segment_id: int, lang: str, check: str) -> int:
        """Bring back a dismissed finding (every text of it); return how many were removed."""
        with self.store.transaction() as tx:
            return tx.execute("DELETE FROM qa_ignores WHERE segment_id = ? AND lang = ? AND check_id = ?",
                              (segment_id, lang, check)).rowcount

    def ignored_findings(self) -> list[Ignored]:
        """Every dismissed finding, by segment."""
        return [Ignored(r["segment_id"], r["lang"], r["check_id"], r["text_hash"], r["reason"], r["created_at"])
                for r in self.store.conn.execute("SELECT * FROM qa_ignores ORDER BY segment_id, lang, check_id")]


def _comment(r: Any) -> Comment:
    removed = "removed_why" in r.keys()
    return Comment(r["id"], r["segment_id"], r["lang"], r["text"], r["author"], r["created_at"], r["resolved_at"],
                   r["resolved_by"], r["removed_why"] if removed else "", r["document"] if removed else "",
                   r["source"] if removed else "")
