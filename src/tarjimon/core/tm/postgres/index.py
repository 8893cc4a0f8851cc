"""The stem index on the server, and candidate search through it.

The same index and the same arithmetic as the SQLite backend (tm/sqlite/index.py), so both propose the same
candidates and the shared ranking (tm/ranking.py) gives the same scores: the query's stems from rarest to
commonest, posting lists read while their total stays under the budget, each unit weighted by the IDF of the
stems it shares, normalised Dice-like by both sizes, the best CANDIDATES kept.

The server does the selective part (a btree on `tm_postings.token`, document frequencies summed from the
rows' `n`); the arithmetic runs here on the fetched arrays with numpy. Long posting lists are cached per
process (the SQLite backend's PostingCache) and forgotten when the `tm_generation` sequence moves.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

from tarjimon.core.tm import postings
from tarjimon.core.tm.postings import CANDIDATES, READ_BUDGET
from tarjimon.core.tm.sqlite.index import PostingBuffer, PostingCache, token

__all__ = ["PostingBuffer", "PostingCache", "add_unit", "candidates", "flush", "remove_unit", "set_count",
           "token"]


def add_unit(conn: Any, unit_id: int, pair: str, tokens: Iterable[str], ntok: int) -> None:
    """Index one unit (a confirmed target): one small row per token, part = the unit's id."""
    ids = int(unit_id).to_bytes(4, "little")
    lens = bytes([min(ntok, 255)])
    with conn.cursor() as cur:
        cur.executemany(
            "INSERT INTO tm_postings (token, part, n, ids, lens) VALUES (%s, %s, 1, %s, %s)"
            " ON CONFLICT (token, part) DO NOTHING",
            [(token(pair, t), unit_id, ids, lens) for t in tokens],
        )


def remove_unit(conn: Any, unit_id: int, pair: str, tokens: Iterable[str]) -> int:
    """Take a deleted (or re-worded) unit out of the postings of `tokens` (inside the caller's transaction),
    as the SQLite backend does: its own rows go, a bulk part is rewritten without it. Returns the entries
    removed."""
    toks = sorted({token(pair, t) for t in tokens} or {token(pair, "")})
    removed = 0
    rows = conn.execute("SELECT token, part, ids, lens FROM tm_postings WHERE token = ANY(%s) ORDER BY token, part"
                        " FOR UPDATE", (toks,)).fetchall()
    for tok, part, ids, lens in rows:
        found = np.frombuffer(bytes(ids), dtype="<u4")
        keep = found != unit_id
        gone = int(found.size - keep.sum())
        if not gone:
            continue
        removed += gone
        if not keep.any():
            conn.execute("DELETE FROM tm_postings WHERE token = %s AND part = %s", (tok, part))
        else:
            kept_lens = np.frombuffer(bytes(lens), dtype=np.uint8)[keep]
            conn.execute("UPDATE tm_postings SET n = %s, ids = %s, lens = %s WHERE token = %s AND part = %s",
                         (int(keep.sum()), found[keep].astype("<u4").tobytes(), kept_lens.tobytes(), tok, part))
    return removed


def set_count(conn: Any, unit_id: int, pair: str, tokens: Iterable[str], ntok: int) -> int:
    """Give a unit's entries in the lists of `tokens` its number of distinct stems (inside the caller's
    transaction), as the SQLite backend does: a re-worded unit's entries in the lists it stays on would keep the
    old source's count. Returns the entries changed."""
    toks = sorted({token(pair, t) for t in tokens})
    if not toks:
        return 0
    count, changed = min(ntok, 255), 0
    rows = conn.execute("SELECT token, part, ids, lens FROM tm_postings WHERE token = ANY(%s) ORDER BY token, part"
                        " FOR UPDATE", (toks,)).fetchall()
    for tok, part, ids, lens in rows:
        hit = np.flatnonzero(np.frombuffer(bytes(ids), dtype="<u4") == unit_id)
        new = np.frombuffer(bytes(lens), dtype=np.uint8).copy()
        stale = hit[new[hit] != count]
        if len(stale):
            new[stale] = count
            conn.execute("UPDATE tm_postings SET lens = %s WHERE token = %s AND part = %s", (new.tobytes(), tok, part))
            changed += len(stale)
    return changed


def flush(conn: Any, buffers: dict[str, PostingBuffer]) -> None:
    """Write the postings collected by a bulk import, one part per language pair (COPY)."""
    for pair, buf in buffers.items():
        if not buf.size:
            continue
        part = -int(conn.execute("SELECT nextval('tm_part')").fetchone()[0])
        with conn.cursor().copy("COPY tm_postings (token, part, n, ids, lens) FROM STDIN") as copy:
            for tok, ids, lens in buf.parts():
                copy.write_row((token(pair, tok), part, len(lens), ids, lens))
        buf._reset()


def _read(conn: Any, toks: list[str], cache: PostingCache) -> dict[str, tuple[Any, Any]]:
    out: dict[str, tuple[Any, Any]] = {}
    missing = []
    for t in toks:
        hit = cache.get(t)
        if hit is None:
            missing.append(t)
        else:
            out[t] = hit
    if missing:
        parts: dict[str, list[tuple[bytes, bytes]]] = {}
        for tok, ids, lens in conn.execute(
                "SELECT token, ids, lens FROM tm_postings WHERE token = ANY(%s) ORDER BY token, part", (missing,)):
            parts.setdefault(tok, []).append((bytes(ids), bytes(lens)))
        for t in missing:
            rows = sorted(parts.get(t, []), key=lambda r: r[0][:4][::-1])  # parts by first id (little-endian)
            value = postings.ascending(np.frombuffer(b"".join(r[0] for r in rows), dtype="<u4"),
                                       np.frombuffer(b"".join(r[1] for r in rows), dtype=np.uint8))
            cache.put(t, value)
            out[t] = value
    return out


def candidates(conn: Any, pair: str, stems: Iterable[str], cache: PostingCache, limit: int | None = None,
               budget: int | None = None) -> list[int]:
    """Ids of the units most likely to match, best first (never more than `limit`)."""
    budget = READ_BUDGET if budget is None else budget
    limit = CANDIDATES if limit is None else limit
    toks = sorted({token(pair, s) for s in stems} or {token(pair, "")})
    # one round trip: the document frequencies, the generation (for the cache) and the highest unit id (IDF)
    rows = conn.execute(
        "SELECT token, SUM(n), (SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM tm_generation),"
        " (SELECT MAX(id) FROM tm_units) FROM tm_postings WHERE token = ANY(%s) GROUP BY token", (toks,)).fetchall()
    if not rows:
        return []
    cache.check(int(rows[0][2]))
    top = rows[0][3] or 1
    dfs = {r[0]: r[1] for r in rows}
    present = sorted((int(dfs[t]), t) for t in toks if t in dfs)
    return postings.rank(present, top, budget, limit, lambda chosen: _read(conn, chosen, cache))
