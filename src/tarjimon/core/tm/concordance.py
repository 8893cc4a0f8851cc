"""Concordance, as every TM backend does it: units whose source or target contains a word or phrase, in any
inflected form. A backend supplies three reads (the ids of units whose source has the stems, rows by id, and
the newest rows of a pair whose target may contain a word); the matching rule and the order are here.

A query word matches a unit word that starts with the query word's first five letters (its whole self when
shorter): "kitob" finds kitobni, kitoblarni; "книга" finds книги, книгой. A phrase matches consecutive words.
Source-side hits come first (newest first), then target-side ones; it stops at `limit`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from tarjimon.core.models.tm import ConcordanceHit
from tarjimon.core.tm.text import STEM, fold_text, surface_words

COLUMNS = "id, source, target, source_lang, target_lang, origin"  # the rows the reads return, in this order
TARGET_SCAN = 200_000  # the target side has no index: the newest units of a pair scanned at most
CHUNK = 500

Row = Sequence[Any]


def prefixes_of(text: str, lang: str) -> list[str]:
    """The query's words cut to their stem prefix (folded, letters and digits only)."""
    out = []
    for _, _, w in surface_words(text):
        f = "".join(ch for ch in fold_text(w, lang) if ch.isalnum())
        if f:
            out.append(f[:STEM])
    return out


def spans(text: str, lang: str, prefixes: list[str]) -> list[tuple[int, int]]:
    """Spans of the runs of consecutive words of `text` that start with `prefixes` in order."""
    words = [(s, e, "".join(ch for ch in fold_text(w, lang) if ch.isalnum())) for s, e, w in surface_words(text)]
    out = []
    n = len(prefixes)
    for i in range(len(words) - n + 1):
        if all(words[i + k][2].startswith(prefixes[k]) for k in range(n)):
            out.append((words[i][0], words[i + n - 1][1]))
    return out


def like_patterns(prefixes: list[str]) -> tuple[str, str]:
    """LIKE patterns that pre-filter a target for the longest prefix (lower-case and capitalised)."""
    longest = max(prefixes, key=len)
    return f"%{longest}%", f"%{longest[:1].upper() + longest[1:]}%"


def search(text: str, source_lang: str, pairs: list[tuple[str, str]], limit: int, *,
           source_ids: Callable[[list[tuple[str, str]], list[str]], list[int]],
           rows_by_id: Callable[[list[int]], Iterable[Row]],
           target_rows: Callable[[str, tuple[str, str]], Iterable[Row]]) -> list[ConcordanceHit]:
    """Concordance hits for `text` among the units of `pairs`, through the backend's three reads:
    `source_ids(pairs, prefixes)` (newest first), `rows_by_id(ids)` (newest first) and
    `target_rows(target_lang, like_patterns)` (the newest TARGET_SCAN units of the pair, filtered)."""
    hits: dict[int, ConcordanceHit] = {}
    src_prefixes = prefixes_of(text, source_lang)
    if src_prefixes:
        ids = source_ids(pairs, src_prefixes)
        for i in range(0, len(ids), CHUNK):
            if len(hits) >= limit:
                break
            for r in rows_by_id(ids[i : i + CHUNK]):
                s = spans(r[1], source_lang, src_prefixes)
                if s and len(hits) < limit:
                    hits[r[0]] = _hit(r, s, spans(r[2], r[4], prefixes_of(text, r[4])))
    for tl in sorted({p[1] for p in pairs}):
        if len(hits) >= limit:
            break
        prefixes = prefixes_of(text, tl)
        if not prefixes:
            continue
        for r in target_rows(tl, like_patterns(prefixes)):
            if r[0] in hits:
                continue
            t = spans(r[2], tl, prefixes)
            if t:
                hits[r[0]] = _hit(r, spans(r[1], source_lang, src_prefixes), t)
                if len(hits) >= limit:
                    break
    return list(hits.values())[:limit]


def _hit(r: Row, s: list[tuple[int, int]], t: list[tuple[int, int]]) -> ConcordanceHit:
    return ConcordanceHit(r[0], r[1], r[2], r[3], r[4], r[5], tuple(s), tuple(t))
