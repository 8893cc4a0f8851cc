"""Project statistics, as `tarjimon stats` reports them: segments, source words, and per target language the
count of each status and the words done."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tarjimon.core.models import STATUSES
from tarjimon.core.project.repository import ProjectRepository
from tarjimon.core.text import words as text_words


def count_words(text: str) -> int:
    """Words as translators count them: hyphenated and apostrophe words and decimal numbers count as one."""
    return text_words.count_words(text)


def project_stats(repo: ProjectRepository, target_langs: Sequence[str]) -> dict[str, Any]:
    """Documents, segments, source words, and for each target language the count per status."""
    words = {sid: count_words(source) for sid, source in repo.sources()}
    languages: dict[str, dict[str, int | float]] = {}
    for lang in target_langs:
        counts = dict.fromkeys(STATUSES, 0)
        done_words = 0
        seen = set()
        for sid, status in repo.statuses(lang):
            if sid in words:
                counts[status] += 1
                seen.add(sid)
                if status in ("translated", "reviewed"):
                    done_words += words[sid]
        counts["empty"] += len(words) - len(seen)
        total = len(words) or 1
        languages[lang] = {
            **counts,
            "words_translated": done_words,
            "progress": round(100 * (counts["translated"] + counts["reviewed"]) / total, 1),
        }
    return {
        "documents": repo.document_count(),
        "segments": len(words),
        "words": sum(words.values()),
        "languages": languages,
    }
