"""Project statistics, as `tarjimon stats` reports them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tarjimon.core.models import STATUSES
from tarjimon.core.text import words

if TYPE_CHECKING:
    from tarjimon.core.project import Project


def count_words(text: str) -> int:
    """Words as translators count them: hyphenated and apostrophe words and decimal numbers count as one."""
    return words.count_words(text)


def project_stats(project: Project) -> dict[str, Any]:
    """Segments, source words, TM units, documents, and for each target language the count per status."""
    conn = project.store.conn
    segments = conn.execute("SELECT id, source FROM segments").fetchall()
    words = {r["id"]: count_words(r["source"]) for r in segments}
    languages: dict[str, dict[str, int | float]] = {}
    for lang in project.target_langs:
        counts = dict.fromkeys(STATUSES, 0)
        done_words = 0
        have = conn.execute("SELECT segment_id, status FROM translations WHERE lang = ?", (lang,)).fetchall()
        seen = set()
        for r in have:
            if r["segment_id"] in words:
                counts[r["status"]] += 1
                seen.add(r["segment_id"])
                if r["status"] in ("translated", "reviewed"):
                    done_words += words[r["segment_id"]]
        counts["empty"] += len(words) - len(seen)
        total = len(words) or 1
        languages[lang] = {
            **counts,
            "words_translated": done_words,
            "progress": round(100 * (counts["translated"] + counts["reviewed"]) / total, 1),
        }
    return {
        "project": project.name,
        "source": project.source_lang,
        "targets": project.target_langs,
        "documents": conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0],
        "segments": len(segments),
        "words": sum(words.values()),
        "tm_units": _tm_units(project),
        "languages": languages,
    }


def _tm_units(project: Project) -> int:
    tm = getattr(project, "tm", None)
    return int(tm.count()) if tm is not None else 0
