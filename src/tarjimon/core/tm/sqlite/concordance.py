"""Concordance: units whose source or target contains a word or phrase, in any inflected form.

A query word matches a unit word that starts with the query word's first five letters (its whole self when
shorter): "kitob" finds kitobni, kitoblarni; "книга" finds книги, книгой. A phrase matches consecutive words.
Source side: the stems index (a range scan on the token, so short words find longer ones). Target side: a
LIKE pre-filter on the stem (lower-case and capitalised) over the newest TARGET_SCAN units of the pair (the
target text is not indexed), then the same check; it stops at `limit`.
"""

from __future__ import annotations

import sqlite3

try:
    import numpy as np
except ImportError:  # pragma: no cover - exercised by the no-numpy test
    np = None  # type: ignore[assignment]

from tarjimon.core.models.tm import ConcordanceHit
from tarjimon.core.tm.sqlite.index import _unpack_ids
from tarjimon.core.tm.text import STEM, fold_text, surface_words

_COLUMNS = "id, source, target, source_lang, target_lang, origin"
TARGET_SCAN = 200_000


def _prefixes(text: str, lang: str) -> list[str]:
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


def _source_ids(conn: sqlite3.Connection, pairs: list[tuple[str, str]], prefixes: list[str]) -> list[int]:
    found: set[int] = set()
    for pair in pairs:
        per_pair: set[int] | None = None
        for p in set(prefixes):
            lo = f"{pair[0]}>{pair[1]}:{p}"
            blob = b"".join(r[0] for r in conn.execute(
                "SELECT ids FROM tm_postings WHERE token >= ? AND token < ?", (lo, lo + "\U0010ffff")))
            ids = set(np.frombuffer(blob, dtype="<u4").tolist()) if np is not None else set(_unpack_ids(blob))
            per_pair = ids if per_pair is None else per_pair & ids
            if not per_pair:
                break
        found |= per_pair or set()
    return sorted(found, reverse=True)


def search(conn: sqlite3.Connection, text: str, source_lang: str, target_lang: str | None,
           limit: int) -> list[ConcordanceHit]:
    """Concordance hits, source-side hits first (newest first), then target-side ones."""
    pairs = [
        (r[0], r[1]) for r in conn.execute("SELECT source_lang, target_lang FROM tm_pairs WHERE source_lang = ?",
                                           (source_lang,))
        if target_lang is None or r[1] == target_lang
    ]
    hits: dict[int, ConcordanceHit] = {}
    src_prefixes = _prefixes(text, source_lang)
    if src_prefixes:
        ids = _source_ids(conn, pairs, src_prefixes)
        for i in range(0, len(ids), 500):
            if len(hits) >= limit:
                break
            chunk = ids[i : i + 500]
            rows = conn.execute(f"SELECT {_COLUMNS} FROM tm_units WHERE id IN ({','.join('?' * len(chunk))})"
                                " ORDER BY id DESC", chunk).fetchall()
            for r in rows:
                s = spans(r["source"], source_lang, src_prefixes)
                if s and len(hits) < limit:
                    t = spans(r["target"], r["target_lang"], _prefixes(text, r["target_lang"]))
                    hits[r["id"]] = _hit(r, s, t)
    for tl in sorted({p[1] for p in pairs}):
        if len(hits) >= limit:
            break
        prefixes = _prefixes(text, tl)
        if not prefixes:
            continue
        longest = max(prefixes, key=len)
        # The target side has no index: scan the newest TARGET_SCAN units of the pair at most.
        cur = conn.execute(
            f"SELECT {_COLUMNS} FROM (SELECT {_COLUMNS} FROM tm_units WHERE target_lang = ? AND source_lang = ?"
            " ORDER BY id DESC LIMIT ?) WHERE target LIKE ? OR target LIKE ?",
            (tl, source_lang, TARGET_SCAN, f"%{longest}%", f"%{longest[:1].upper() + longest[1:]}%"),
        )
        for r in cur:
            if r["id"] in hits:
                continue
            t = spans(r["target"], tl, prefixes)
            if t:
                hits[r["id"]] = _hit(r, spans(r["source"], source_lang, src_prefixes), t)
                if len(hits) >= limit:
                    break
    return list(hits.values())[:limit]


def _hit(r: sqlite3.Row, s: list[tuple[int, int]], t: list[tuple[int, int]]) -> ConcordanceHit:
    return ConcordanceHit(r["id"], r["source"], r["target"], r["source_lang"], r["target_lang"], r["origin"],
                          tuple(s), tuple(t))
