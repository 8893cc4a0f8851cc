"""Project statistics, as `tarjimon stats` reports them: segments, source words, and per target language the
count of each status and the words done."""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set
from typing import Any

from tarjimon.core.models import STATUSES
from tarjimon.core.project.repository import ProjectRepository
from tarjimon.core.text import words as text_words


def count_words(text: str) -> int:
    """Words as translators count them: hyphenated and apostrophe words and decimal numbers count as one."""
    return text_words.count_words(text)


def project_stats(repo: ProjectRepository, target_langs: Sequence[str],
                  unused: Mapping[str, Set[int]] | None = None) -> dict[str, Any]:  # fmt: skip
    """Documents, segments, source words, and for each target language the count per status. `unused`: per
    language, the segments that are plural forms it has not (a Russian PO's third form in Kazakh:
    workbench/plurals.unused_forms): no work in that language: while empty, counted apart (`unused_forms`), not as empty."""
    words = {sid: count_words(source) for sid, source in repo.sources()}
    languages: dict[str, dict[str, int | float]] = {}
    for lang in target_langs:
        skip = set((unused or {}).get(lang, set()) & words.keys())
        counts = dict.fromkeys(STATUSES, 0)
        done_words = 0
        seen = set()
        for sid, status in repo.statuses(lang):
            if sid in skip and status != "empty":
                skip.discard(sid)  # (a file's text there, as a headerless file's third form: counted as it is)
            if sid in words and sid not in skip:
                counts[status] += 1
                seen.add(sid)
                if status in ("translated", "reviewed"):
                    done_words += words[sid]
        counts["empty"] += len(words) - len(skip) - len(seen)
        total = (len(words) - len(skip)) or 1
        languages[lang] = {
            **counts,
            "unused_forms": len(skip),
            "words_translated": done_words,
            "progress": round(100 * (counts["translated"] + counts["reviewed"]) / total, 1),
        }
    return {
        "documents": repo.document_count(),
        "segments": len(words),
        "words": sum(words.values()),
        "languages": languages,
    }
