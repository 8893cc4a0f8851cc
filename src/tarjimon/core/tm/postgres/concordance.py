"""Concordance on the server: the same matching rule as the SQLite backend (tm/sqlite/concordance.py, whose
pure helpers it shares): source side through a range scan of the stem index (`token` is in the C collation,
so a short word's prefix range finds the longer words), target side through a LIKE scan of the newest units."""

from __future__ import annotations

from typing import Any

import numpy as np

from tarjimon.core.models.tm import ConcordanceHit
from tarjimon.core.tm.sqlite.concordance import TARGET_SCAN, _prefixes, spans

_COLUMNS = "id, source, target, source_lang, target_lang, origin"


def _source_ids(conn: Any, pairs: list[tuple[str, str]], prefixes: list[str]) -> list[int]:
    found: set[int] = set()
    for sl, tl in pairs:
        per_pair: set[int] | None = None
        for p in set(prefixes):
            lo = f"{sl}>{tl}:{p}"
            blob = b"".join(bytes(r[0]) for r in conn.execute(
                "SELECT ids FROM tm_postings WHERE token >= %s AND token < %s", (lo, lo + "\U0010ffff")))
            ids = set(np.frombuffer(blob, dtype="<u4").tolist())
            per_pair = ids if per_pair is None else per_pair & ids
            if not per_pair:
                break
        found |= per_pair or set()
    return sorted(found, reverse=True)


def search(conn: Any, text: str, source_lang: str, target_lang: str | None, limit: int) -> list[ConcordanceHit]:
    """Concordance hits, source-side hits first (newest first), then target-side ones."""
    pairs = [(r[0], r[1]) for r in conn.execute(
        "SELECT source_lang, target_lang FROM tm_pairs WHERE source_lang = %s", (source_lang,))
        if target_lang is None or r[1] == target_lang]
    hits: dict[int, ConcordanceHit] = {}
    src_prefixes = _prefixes(text, source_lang)
    if src_prefixes:
        ids = _source_ids(conn, pairs, src_prefixes)
        for i in range(0, len(ids), 500):
            if len(hits) >= limit:
                break
            rows = conn.execute(f"SELECT {_COLUMNS} FROM tm_units WHERE id = ANY(%s) ORDER BY id DESC",
                                (ids[i : i + 500],)).fetchall()
            for r in rows:
                s = spans(r[1], source_lang, src_prefixes)
                if s and len(hits) < limit:
                    t = spans(r[2], r[4], _prefixes(text, r[4]))
                    hits[r[0]] = _hit(r, s, t)
    for tl in sorted({p[1] for p in pairs}):
        if len(hits) >= limit:
            break
        prefixes = _prefixes(text, tl)
        if not prefixes:
            continue
        longest = max(prefixes, key=len)
        cur = conn.execute(
            f"SELECT {_COLUMNS} FROM (SELECT {_COLUMNS} FROM tm_units WHERE target_lang = %s AND source_lang = %s"
            " ORDER BY id DESC LIMIT %s) newest WHERE target LIKE %s OR target LIKE %s ORDER BY id DESC",
            (tl, source_lang, TARGET_SCAN, f"%{longest}%", f"%{longest[:1].upper() + longest[1:]}%"),
        )
        for r in cur:
            if r[0] in hits:
                continue
            t = spans(r[2], tl, prefixes)
            if t:
                hits[r[0]] = _hit(r, spans(r[1], source_lang, src_prefixes), t)
                if len(hits) >= limit:
                    break
    return list(hits.values())[:limit]


def _hit(r: tuple[Any, ...], s: list[tuple[int, int]], t: list[tuple[int, int]]) -> ConcordanceHit:
    return ConcordanceHit(r[0], r[1], r[2], r[3], r[4], r[5], tuple(s), tuple(t))
