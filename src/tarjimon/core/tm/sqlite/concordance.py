"""Concordance in the SQLite TM: the reads tm/concordance.py's shared rule needs. Source side: the stems index
(a range scan on the token, so short words find longer ones). Target side: a LIKE pre-filter on the stem
(lower-case and capitalised) over the newest TARGET_SCAN units of the pair (the target text is not indexed).
"""

from __future__ import annotations

import sqlite3

try:
    import numpy as np
except ImportError:  # pragma: no cover - exercised by the no-numpy test
    np = None  # type: ignore[assignment]

from tarjimon.core.models.tm import ConcordanceHit
from tarjimon.core.tm import concordance
from tarjimon.core.tm.concordance import COLUMNS, TARGET_SCAN
from tarjimon.core.tm.sqlite.index import _unpack_ids


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
    """Concordance hits (tm/concordance.py), source-side hits first (newest first), then target-side ones."""
    pairs = [
        (r[0], r[1]) for r in conn.execute("SELECT source_lang, target_lang FROM tm_pairs WHERE source_lang = ?",
                                           (source_lang,))
        if target_lang is None or r[1] == target_lang
    ]
    return concordance.search(
        text, source_lang, pairs, limit,
        source_ids=lambda pairs, prefixes: _source_ids(conn, pairs, prefixes),
        rows_by_id=lambda ids: conn.execute(
            f"SELECT {COLUMNS} FROM tm_units WHERE id IN ({','.join('?' * len(ids))}) ORDER BY id DESC", ids),
        # The target side has no index: scan the newest TARGET_SCAN units of the pair at most.
        target_rows=lambda tl, like: conn.execute(
            f"SELECT {COLUMNS} FROM (SELECT {COLUMNS} FROM tm_units WHERE target_lang = ? AND source_lang = ?"
            " ORDER BY id DESC LIMIT ?) WHERE target LIKE ? OR target LIKE ?", (tl, source_lang, TARGET_SCAN, *like)),
    )
