"""The repository's SQL for editing the segmentation and for project-wide find and replace (a part of
`ProjectRepository`, kept in its own module so each stays small).

- A join makes a NEW segment of two neighbours of one paragraph, a split makes two new segments of one: new
  ids, so the TM units confirmed for the old segments stay as they are and the new ones become units of their
  own. The history of the old segments (with its authors), their current targets and their reviewers'
  comments move to the new segment (a split's first part), so nothing disappears. The edit is recorded (`segment_edits`) and a re-import makes it again.
- A replace is a batch: each change is saved like any edit (its old text to the history, a confirmed target
  queued for the TM) and recorded in `replace_changes`, so `undo_replace` can put every target back unless it
  was edited since.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from tarjimon.core.errors import TarjimonError
from tarjimon.core.models import Segment, Translation
from tarjimon.core.models.editing import Replacement, ReplaceReport, SegmentEdit
from tarjimon.core.project.edits import join_text, joined_target, split_source, split_target
from tarjimon.core.project.schema import source_hash
from tarjimon.core.store import now

if TYPE_CHECKING:
    from tarjimon.core.store import Store

CONFIRMED = ("translated", "reviewed")


class SegmentEditing:
    """Mixed into ProjectRepository: joins, splits and replace batches."""

    store: Store

    if TYPE_CHECKING:  # ProjectRepository's own, used here
        def segment(self, segment_id: int) -> Segment: ...

        def translation(self, segment_id: int, lang: str) -> Translation: ...

        def save_translation(self, segment: Segment, lang: str, text: str, status: str = "translated",
                             origin: str = "", author: str = "") -> tuple[Translation, bool]: ...

    # ---- joins and splits -------------------------------------------------------------------------
    def segment_edits(self, document: str) -> list[SegmentEdit]:
        """The joins and splits made in a document (by name; none for a new one), in the order made."""
        return [SegmentEdit(r["kind"], r["result"], r["first"], r["second"]) for r in self.store.conn.execute(
            "SELECT e.* FROM segment_edits e JOIN documents d ON d.id = e.document_id WHERE d.name = ?"
            " ORDER BY e.id", (document,))]

    def next_segment(self, segment: Segment) -> Segment | None:
        """The segment after one in its document, or None."""
        row = self.store.conn.execute(
            "SELECT * FROM segments WHERE document_id = ? AND position > ? ORDER BY position LIMIT 1",
            (segment.document_id, segment.position)).fetchone()
        return _segment(row) if row else None

    def join_segments(self, first: Segment, second: Segment, author: str = "") -> tuple[Segment, list[Translation]]:
        """Join two neighbouring segments of one paragraph into a new one; returns it and its targets (whose
        author is who joined them)."""
        if (second.document_id, second.paragraph) != (first.document_id, first.paragraph):
            raise TarjimonError("only segments of one paragraph can be joined (the next one starts another)")
        source = join_text(first.source, second.source)
        stamp = now()
        with self.store.transaction() as tx:
            new_id = self._insert_segment(tx, first, first.position, source)
            old = {first.id: self._targets_of(tx, first.id), second.id: self._targets_of(tx, second.id)}
            self._move_history(tx, [first, second], new_id, stamp, "join")
            saved = []
            for lang in sorted(set(old[first.id]) | set(old[second.id])):
                text, status = joined_target(old[first.id].get(lang, ("", "empty")),
                                             old[second.id].get(lang, ("", "empty")))
                if text:
                    saved.append(self._insert_target(tx, new_id, lang, text, status, "join", stamp, author))
            self._drop_segments(tx, [first.id, second.id])
            tx.execute("UPDATE segments SET position = position - 1 WHERE document_id = ? AND position > ?",
                       (first.document_id, second.position))
            tx.execute("INSERT INTO segment_edits (document_id, kind, result, first, second, created_at)"
                       " VALUES (?, 'join', ?, ?, ?, ?)", (first.document_id, source, first.source,
                                                            second.source, stamp))
        return self.segment(new_id), saved

    def split_segment(self, segment: Segment, at: int,
                      author: str = "") -> tuple[Segment, Segment, list[Translation], list[str]]:
        """Split a segment at source character `at` into two new ones. Each target is cut after the matching
        punctuation when there is one (see edits.split_target), else it all goes to the first part; both
        parts are drafts, but for a part that is again a sentence and its confirmed target from before a join.
        Returns the two segments, their targets, and the languages cut at a matching mark."""
        head, tail = split_source(segment.source, at)
        stamp = now()
        with self.store.transaction() as tx:
            tx.execute("UPDATE segments SET position = position + 1 WHERE document_id = ? AND position > ?",
                       (segment.document_id, segment.position))
            first_id = self._insert_segment(tx, segment, segment.position, head)
            second_id = self._insert_segment(tx, segment, segment.position + 1, tail)
            old = self._targets_of(tx, segment.id)
            joined = self._before_join(tx, segment.id)
            self._move_history(tx, [segment], first_id, stamp, "split")
            saved, cut = [], []
            for lang, (text, _status) in sorted(old.items()):
                one, two, matched = split_target(segment.source, at, text)
                if matched:
                    cut.append(lang)
                for sid, src, part in ((first_id, head, one), (second_id, tail, two)):
                    if part:
                        # a split that undoes a join (a mistaken one): a part that is again the sentence and
                        # the confirmed target of before the join is confirmed as it was, not a draft to redo
                        was_text, was_status = joined.get((src, lang), ("", "draft"))
                        status = was_status if was_text == part and was_status in CONFIRMED else "draft"
                        saved.append(self._insert_target(tx, sid, lang, part, status, "split", stamp, author))
            self._drop_segments(tx, [segment.id])
            tx.execute("INSERT INTO segment_edits (document_id, kind, result, first, second, created_at)"
                       " VALUES (?, 'split', ?, ?, ?, ?)", (segment.document_id, segment.source, head, tail, stamp))
        return self.segment(first_id), self.segment(second_id), saved, cut

    def _before_join(self, tx: sqlite3.Connection, segment_id: int) -> dict[tuple[str, str], tuple[str, str]]:
        """{(source, lang): (text, status)} of the targets the segments joined into `segment_id` had before the
        join (the latest join's, when it was made of earlier joins); empty for a segment no join made."""
        return {(r["source"], r["lang"]): (r["text"], r["status"]) for r in tx.execute(
            "SELECT source, lang, text, status FROM translation_history WHERE segment_id = ?"
            " AND origin = 'before join' ORDER BY id", (segment_id,))}

    def _insert_segment(self, tx: sqlite3.Connection, like: Segment, position: int, source: str) -> int:
        # A new id, never an old one (ProjectRepository.next_segment_id), so the TM units confirmed for the old
        # segments are not taken over by the new one.
        new_id = self.next_segment_id(tx)  # type: ignore[attr-defined]  # the repository this is mixed into
        tx.execute("INSERT INTO segments (id, document_id, position, paragraph, kind, source) VALUES (?, ?, ?, ?, ?, ?)",
                   (new_id, like.document_id, position, like.paragraph, like.kind, source))
        tx.execute("INSERT INTO segment_hashes (segment_id, hash) VALUES (?, ?)", (new_id, source_hash(source)))
        return new_id

    def _targets_of(self, tx: sqlite3.Connection, segment_id: int) -> dict[str, tuple[str, str]]:
        return {r["lang"]: (r["text"], r["status"]) for r in tx.execute(
            "SELECT lang, text, status FROM translations WHERE segment_id = ? AND text != ''", (segment_id,))}

    def _move_history(self, tx: sqlite3.Connection, old: Sequence[Segment], new_id: int, stamp: str,
                      why: str) -> None:
        """The old segments' history, their current targets (as versions "before join" / "before split", with
        who wrote them) and their reviewers' comments go to the new segment `new_id` (a split's first part):
        the history rows keep their ids, so their authors stay with them."""
        for seg in old:
            for r in tx.execute("SELECT t.lang, t.text, t.status, t.updated_at, a.author FROM translations t"
                                " LEFT JOIN target_authors a ON a.segment_id = t.segment_id AND a.lang = t.lang"
                                " WHERE t.segment_id = ? AND t.text != ''", (seg.id,)).fetchall():
                history_id = tx.execute(
                    "INSERT INTO translation_history (segment_id, lang, source, text, status, changed_at, origin)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)", (seg.id, r["lang"], seg.source, r["text"], r["status"],
                                                      r["updated_at"], f"before {why}")).lastrowid
                if r["author"]:
                    tx.execute("INSERT OR REPLACE INTO history_authors (history_id, author) VALUES (?, ?)",
                               (history_id, r["author"]))
            tx.execute("UPDATE translation_history SET segment_id = ? WHERE segment_id = ?", (new_id, seg.id))
            tx.execute("UPDATE segment_comments SET segment_id = ? WHERE segment_id = ?", (new_id, seg.id))

    def _insert_target(self, tx: sqlite3.Connection, segment_id: int, lang: str, text: str, status: str,
                       origin: str, stamp: str, author: str) -> Translation:
        tx.execute("INSERT INTO translations (segment_id, lang, text, status, updated_at, origin)"
                   " VALUES (?, ?, ?, ?, ?, ?)", (segment_id, lang, text, status, stamp, origin))
        if author:
            tx.execute("INSERT OR REPLACE INTO target_authors (segment_id, lang, author) VALUES (?, ?, ?)",
                       (segment_id, lang, author))
        if status in CONFIRMED:  # the joined pair goes to the TM as one unit
            tx.execute("INSERT OR REPLACE INTO tm_outbox (segment_id, lang, queued_at) VALUES (?, ?, ?)",
                       (segment_id, lang, stamp))
        return Translation(segment_id, lang, text, status, stamp, origin)

    def _drop_segments(self, tx: sqlite3.Connection, ids: Sequence[int]) -> None:
        for sid in ids:
            tx.execute("DELETE FROM tm_outbox WHERE segment_id = ?", (sid,))
            tx.execute("DELETE FROM segments WHERE id = ?", (sid,))

    # ---- find and replace -------------------------------------------------------------------------
    def targets(self, langs: Sequence[str]) -> list[Translation]:
        """Every non-empty target in `langs`."""
        marks = ",".join("?" * len(langs))
        return [Translation(r["segment_id"], r["lang"], r["text"], r["status"], r["updated_at"], r["origin"])
                for r in self.store.conn.execute(
                    f"SELECT * FROM translations WHERE text != '' AND lang IN ({marks})", tuple(langs))]

    def apply_replacements(self, find: str, replace: str, options: dict[str, Any],
                           changes: Sequence[Replacement], author: str = "") -> ReplaceReport:
        """Write a previewed replace in one transaction: each target still as previewed gets its new text
        (same status, but a reviewed one becomes translated; the old version to the history; a confirmed one
        queued for the TM); the others are skipped."""
        changed: list[Replacement] = []
        skipped: list[tuple[Replacement, str]] = []
        with self.store.transaction() as tx:
            batch = int(tx.execute(
                "INSERT INTO replace_batches (find, replace, options, created_at) VALUES (?, ?, ?, ?)",
                (find, replace, json.dumps(options, sort_keys=True), now())).lastrowid or 0)
            for change in changes:
                current = self.translation(change.segment_id, change.lang)
                if current.text != change.before:
                    skipped.append((change, "changed since the preview"))
                    continue
                # a changed reviewed target is translated again (as when its text is edited), the reviewed
                # version kept in the history; the undo gives the status back
                status = "translated" if current.status == "reviewed" else current.status
                self.save_translation(self.segment(change.segment_id), change.lang, change.after, status,
                                      "replace", author)
                tx.execute("INSERT INTO replace_changes (batch_id, segment_id, lang, before, after, status)"
                           " VALUES (?, ?, ?, ?, ?, ?)", (batch, change.segment_id, change.lang, change.before,
                                                          change.after, current.status))
                changed.append(change)
        return ReplaceReport(batch, changed, skipped)

    def last_replace(self) -> tuple[int, str, str, list[Replacement]] | None:
        """The latest replace not undone yet: (batch, find, replace, its changes), or None."""
        conn = self.store.conn
        row = conn.execute("SELECT * FROM replace_batches WHERE undone_at IS NULL ORDER BY id DESC LIMIT 1"
                           ).fetchone()
        if row is None:
            return None
        changes = [Replacement(r["segment_id"], 0, r["lang"], r["before"], r["after"], r["status"])
                   for r in conn.execute("SELECT * FROM replace_changes WHERE batch_id = ? ORDER BY rowid",
                                         (row["id"],))]
        return int(row["id"]), row["find"], row["replace"], changes

    def undo_replacements(self, batch: int, changes: Sequence[Replacement], author: str = "") -> ReplaceReport:
        """Put a replace's targets back as they were (text and status), in one transaction; a target edited
        since the replace (or whose segment is gone) is skipped and named."""
        changed: list[Replacement] = []
        skipped: list[tuple[Replacement, str]] = []
        with self.store.transaction() as tx:
            for change in changes:
                try:
                    segment = self.segment(change.segment_id)
                except TarjimonError:
                    skipped.append((change, "its segment was joined, split or removed since"))
                    continue
                current = self.translation(change.segment_id, change.lang)
                if current.text != change.after:
                    skipped.append((change, "edited since the replace"))
                    continue
                self.save_translation(segment, change.lang, change.before, change.status, "undo replace", author)
                changed.append(change)
            tx.execute("UPDATE replace_batches SET undone_at = ? WHERE id = ?", (now(), batch))
        return ReplaceReport(batch, changed, skipped)


def _segment(r: Any) -> Segment:
    return Segment(r["id"], r["document_id"], r["position"], r["paragraph"], r["source"], r["kind"])
