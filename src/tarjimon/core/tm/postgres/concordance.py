"""Concordance on the server: the same matching rule as the SQLite backend (tm/concordance.py, shared by both): source side through a range scan of the stem index (`token` is in the C collation,
so a short word's prefix range finds the longer words), target side through a LIKE scan of the newest units."""

from __future__ import annotations

from typing import Any

import numpy as np

from tarjimon.core.models.tm import ConcordanceHit
from tarjimon.core.tm import concordance
from tarjimon.core.tm.concordance import COLUMNS, TARGET_SCAN


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
    """Concordance hits (tm/concordance.py), source-side hits first (newest first), then target-side ones."""
    pairs = [(r[0], r[1]) for r in conn.execute(
        "SELECT source_lang, target_lang FROM tm_pairs WHERE source_lang = %s", (source_lang,))
        if target_lang is None or r[1] == target_lang]
    return concordance.search(
        text, source_lang, pairs, limit,
        source_ids=lambda pairs, prefixes: _source_ids(conn, pairs, prefixes),
        rows_by_id=lambda ids: conn.execute(
            f"SELECT {COLUMNS} FROM tm_units WHERE id = ANY(%s) ORDER BY id DESC", (ids,)).fetchall(),
        target_rows=lambda tl, like: conn.execute(
            f"SELECT {COLUMNS} FROM (SELECT {COLUMNS} FROM tm_units WHERE target_lang = %s AND source_lang = %s"
            " ORDER BY id DESC LIMIT %s) newest WHERE target LIKE %s OR target LIKE %s ORDER BY id DESC",
            (tl, source_lang, TARGET_SCAN, *like)),
    )
