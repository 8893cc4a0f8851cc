"""Repetitions: a sentence that occurs again in the project gets the translation confirmed for it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tarjimon.core.store import now

if TYPE_CHECKING:
    from tarjimon.core.models import Segment, Translation
    from tarjimon.core.project import Project


def propagate_repetitions(project: Project, segment: Segment, saved: Translation) -> int:
    """Fill the empty targets of other segments with the same source; return how many were filled.

    Runs inside the confirming transaction. Filled targets are `translated` with origin `repetition`,
    so the translator can tell them apart and review them.
    """
    conn = project.store.conn
    stamp = now()
    cur = conn.execute(
        "INSERT INTO translations (segment_id, lang, text, status, updated_at, origin)"
        " SELECT s.id, ?, ?, 'translated', ?, 'repetition' FROM segments s"
        " WHERE s.source = ? AND s.id != ? AND NOT EXISTS ("
        "   SELECT 1 FROM translations t WHERE t.segment_id = s.id AND t.lang = ? AND t.status != 'empty')"
        " ON CONFLICT (segment_id, lang) DO UPDATE SET text = excluded.text, status = excluded.status,"
        " updated_at = excluded.updated_at, origin = excluded.origin",
        (saved.lang, saved.text, stamp, segment.source, segment.id, saved.lang),
    )
    return cur.rowcount
