"""The persisted inverted index: stems -> the units whose source contains them.

Layout: `tm_postings(token, part, ids, lens)`. `token` is "<src>><tgt>:<stem>" (one index per language pair,
so a lookup for kk never wades through ru units). `ids` is a little-endian uint32 array of unit ids, `lens`
a uint8 array of those units' numbers of distinct stems (for length normalisation without touching
tm_units; a unit whose source is corrected gets its new number on every list it stays on: set_count). A bulk import writes one row per token per batch (part = -batch number); a single confirmed unit
writes one row per token with part = its unit id. Stale ids (deleted units) are harmless: the candidates'
rows are fetched afterwards and missing ones dropped.

Candidate generation: the query's stems ordered from rarest to commonest; postings are read while their
total stays under READ_BUDGET (the rarest is always read), every unit's weight is the sum of the IDF of
the stems it shares, normalised Dice-like by both lengths, and the best CANDIDATES go to rapidfuzz
rescoring. Hot posting lists are kept in a per-process LRU cache, invalidated by tm_meta.generation.
"""

from __future__ import annotations

import sqlite3
import sys
import threading
from array import array
from collections import OrderedDict, defaultdict
from collections.abc import Collection, Iterable, Iterator
from itertools import count
from typing import Any

from tarjimon.core.tm import postings
from tarjimon.core.tm.sqlite.schema import bump

try:  # numpy makes big imports and lookups fast; without it the same results come from pure Python
    import numpy as np
except ImportError:  # pragma: no cover - exercised by test_tm_scoring's no-numpy test
    np = None  # type: ignore[assignment]

READ_BUDGET, CANDIDATES = postings.READ_BUDGET, postings.CANDIDATES
CACHE_ENTRIES = 24_000_000  # posting entries kept in memory across lookups (~120 MB)
CACHE_MIN_DF = 2_000  # only lists at least this long are worth caching
DF_ENTRIES = 200_000  # document frequencies remembered (emptied when full)



def token(pair: str, stem: str) -> str:
    return f"{pair}:{stem}"


def _pack_ids(values: array) -> bytes:
    if sys.byteorder != "little":  # pragma: no cover - the stored format is little-endian
        values = array("I", values)
        values.byteswap()
    return values.tobytes()


def _unpack_ids(blob: bytes) -> array:
    ids = array("I")
    ids.frombytes(blob)
    if sys.byteorder != "little":  # pragma: no cover
        ids.byteswap()
    return ids


class PostingBuffer:
    """Postings collected during a bulk import, written as one part per flush.

    Stems get small integer ids through a defaultdict(count) so adding a unit's stems is a C-level
    extend; at flush numpy sorts the (stem, unit) pairs and each stem's run becomes one row.
    """

    def __init__(self) -> None:
        self._reset()

    def _reset(self) -> None:
        self.vocab: defaultdict[str, int] = defaultdict(count().__next__)
        self.toks = array("I")  # vocabulary ids, 4 bytes per posting (a million units stay small)
        self.unit_ids: list[int] = []
        self.sizes: list[int] = []
        self.ntoks: list[int] = []
        self.size = 0

    def add(self, unit_id: int, tokens: Collection[str], ntok: int) -> None:
        k = len(tokens)
        # (sorted: a stem's id, hence its row's place, is given when first seen, and a set's order is the
        # hash's, random per process: each import of the same file stored the rows in another order)
        self.toks.extend(map(self.vocab.__getitem__, sorted(tokens)))
        self.unit_ids.append(unit_id)
        self.sizes.append(k)
        self.ntoks.append(ntok if ntok < 255 else 255)
        self.size += k

    def parts(self) -> Iterator[tuple[str, bytes, bytes]]:
        """(token, ids, lens) for every token collected, ids ascending."""
        if not self.size:
            return
        if np is None:
            yield from self._parts_python()
            return
        toks = np.frombuffer(self.toks, dtype=np.uint32)
        names = list(self.vocab)
        sizes = np.asarray(self.sizes, dtype=np.int64)
        order = np.argsort(toks, kind="stable")
        toks_sorted = toks[order]
        units = np.repeat(np.asarray(self.unit_ids, dtype="<u4"), sizes)[order]
        lens = np.repeat(np.asarray(self.ntoks, dtype=np.uint8), sizes)[order]
        bounds = np.flatnonzero(np.diff(toks_sorted)) + 1
        starts = np.concatenate(([0], bounds))
        ends = np.concatenate((bounds, [len(toks_sorted)]))
        ub, lb = units.tobytes(), lens.tobytes()
        for s, e in zip(starts.tolist(), ends.tolist(), strict=True):
            yield names[int(toks_sorted[s])], ub[s * 4 : e * 4], lb[s:e]

    def _parts_python(self) -> Iterator[tuple[str, bytes, bytes]]:
        names = list(self.vocab)
        groups: dict[int, tuple[array, array]] = {}
        it = iter(self.toks)
        for uid, k, n in zip(self.unit_ids, self.sizes, self.ntoks, strict=True):
            for _ in range(k):
                t = next(it)
                g = groups.get(t)
                if g is None:
                    g = groups[t] = (array("I"), array("B"))
                g[0].append(uid)
                g[1].append(n)
        for t in sorted(groups):
            yield names[t], _pack_ids(groups[t][0]), groups[t][1].tobytes()

    def flush(self, conn: sqlite3.Connection, pair: str, part: int | None = None) -> None:
        """Write the collected postings of language pair `pair` as one part (inside the caller's transaction)."""
        if not self.size:
            return
        if part is None:
            part = -bump(conn, "next_part")
        conn.executemany(
            "INSERT INTO tm_postings (token, part, ids, lens) VALUES (?, ?, ?, ?)",
            ((token(pair, t), part, ids, lens) for t, ids, lens in self.parts()),
        )
        self._reset()


def add_unit(conn: sqlite3.Connection, unit_id: int, tokens: Iterable[str], ntok: int) -> None:
    """Index one unit at once (a confirmed target): one small row per token."""
    ids = _pack_ids(array("I", [unit_id]))
    lens = bytes([min(ntok, 255)])
    conn.executemany(
        "INSERT OR REPLACE INTO tm_postings (token, part, ids, lens) VALUES (?, ?, ?, ?)",
        ((tok, unit_id, ids, lens) for tok in tokens),
    )


def remove_unit(conn: sqlite3.Connection, unit_id: int, tokens: Iterable[str]) -> int:
    """Take a deleted (or re-worded) unit out of the postings of `tokens` (inside the caller's transaction), so
    no entry points at an id a later unit may take; return the entries removed. (A list is one row once merged,
    compact.py: numpy finds the id in it, a 1M-entry list in ~1 ms instead of ~60 in a Python loop.)"""
    removed = 0
    for tok in set(tokens):
        for rowid, blob, lens in conn.execute(
                "SELECT rowid, ids, lens FROM tm_postings WHERE token = ?", (tok,)).fetchall():
            if np is not None:
                arr = np.frombuffer(blob, dtype="<u4")
                hit = np.flatnonzero(arr == unit_id)
                if not len(hit):
                    continue
                removed += len(hit)
                if len(hit) == len(arr):
                    conn.execute("DELETE FROM tm_postings WHERE rowid = ?", (rowid,))
                else:
                    conn.execute("UPDATE tm_postings SET ids = ?, lens = ? WHERE rowid = ?",
                                 (np.delete(arr, hit).tobytes(),
                                  np.delete(np.frombuffer(lens, dtype=np.uint8), hit).tobytes(), rowid))
                continue
            ids = _unpack_ids(blob)  # pragma: no cover - without numpy
            keep = [k for k, i in enumerate(ids) if i != unit_id]
            if len(keep) == len(ids):
                continue
            removed += len(ids) - len(keep)
            if not keep:
                conn.execute("DELETE FROM tm_postings WHERE rowid = ?", (rowid,))
            else:
                conn.execute("UPDATE tm_postings SET ids = ?, lens = ? WHERE rowid = ?",
                             (_pack_ids(array("I", (ids[k] for k in keep))), bytes(lens[k] for k in keep), rowid))
    return removed


def set_count(conn: sqlite3.Connection, unit_id: int, tokens: Iterable[str], ntok: int) -> int:
    """Give a unit's entries in the lists of `tokens` its number of distinct stems `ntok` (inside the caller's
    transaction): a re-worded unit keeps its entries in the lists of the stems its old and new source share,
    which would otherwise keep the old source's count, and the candidates' Dice-like score would weigh it by
    its old size. Returns the entries changed (only rows whose bytes change are written)."""
    count, changed = min(ntok, 255), 0
    for tok in set(tokens):
        for rowid, blob, lens in conn.execute(
                "SELECT rowid, ids, lens FROM tm_postings WHERE token = ?", (tok,)).fetchall():
            if np is not None:
                hit = np.flatnonzero(np.frombuffer(blob, dtype="<u4") == unit_id)
                new = np.frombuffer(lens, dtype=np.uint8).copy()
                stale = hit[new[hit] != count]
                if len(stale):
                    new[stale] = count
                    conn.execute("UPDATE tm_postings SET lens = ? WHERE rowid = ?", (new.tobytes(), rowid))
                    changed += len(stale)
                continue
            ids = _unpack_ids(blob)  # pragma: no cover - without numpy
            at = [k for k, i in enumerate(ids) if i == unit_id and lens[k] != count]
            if at:
                fixed = bytearray(lens)
                for k in at:
                    fixed[k] = count
                conn.execute("UPDATE tm_postings SET lens = ? WHERE rowid = ?", (bytes(fixed), rowid))
                changed += len(at)
    return changed


class PostingCache:
    """An LRU cache of long posting lists, shared by the threads of one process."""

    def __init__(self, capacity: int = CACHE_ENTRIES) -> None:
        self.capacity = capacity
        self.generation = -1
        self.items: OrderedDict[str, tuple[Any, Any]] = OrderedDict()
        self.size = 0
        self.lock = threading.Lock()
        # document frequencies (tokens absent from the index as None) and the highest unit id, read once per
        # generation: most of a lookup's stems were looked up before
        self.dfs: dict[str, int | None] = {}
        # the same per language pair and stem, as a lookup sorts them: (document frequency, token), or None
        self.present: dict[str, dict[str, tuple[int, str] | None]] = {}
        self.top: int | None = None

    def check(self, generation: int) -> None:
        with self.lock:
            if generation != self.generation:
                self.items.clear()
                self.size = 0
                self.dfs = {}
                self.present = {}
                self.top = None
                self.generation = generation

    def get(self, tok: str) -> tuple[Any, Any] | None:
        with self.lock:
            hit = self.items.get(tok)
            if hit is not None:
                self.items.move_to_end(tok)
            return hit

    def put(self, tok: str, value: tuple[Any, Any]) -> None:
        n = len(value[0])
        if n < CACHE_MIN_DF or n > self.capacity // 4:
            return
        with self.lock:
            if tok in self.items:
                return
            self.items[tok] = value
            self.size += n
            while self.size > self.capacity and self.items:
                _, old = self.items.popitem(last=False)
                self.size -= len(old[0])


def _read(conn: sqlite3.Connection, tok: str, cache: PostingCache) -> tuple[Any, Any]:
    hit = cache.get(tok)
    if hit is not None:
        return hit
    # (ORDER BY part: through the (token, part) index, so the parts' rows are visited in the order they were
    # written, a monotonic walk over the file, not in the df index's order of their lengths)
    rows = conn.execute("SELECT ids, lens FROM tm_postings WHERE token = ? ORDER BY part", (tok,)).fetchall()
    if np is None:
        value = (_unpack_ids(b"".join(r[0] for r in rows)), b"".join(r[1] for r in rows))
        cache.put(tok, value)
        return value
    if not rows:
        empty = (np.zeros(0, dtype="<u4"), np.zeros(0, dtype=np.uint8))
        return empty
    if len(rows) == 1:
        value = (np.frombuffer(rows[0][0], dtype="<u4"), np.frombuffer(rows[0][1], dtype=np.uint8))
    else:  # one part per import batch, each in ascending order: joined in the order of their first ids
        rows.sort(key=lambda r: r[0][:4][::-1])  # little-endian: the reversed bytes compare as the number
        value = postings.ascending(
            np.frombuffer(b"".join(r[0] for r in rows), dtype="<u4"),
            np.frombuffer(b"".join(r[1] for r in rows), dtype=np.uint8),
        )
    cache.put(tok, value)
    return value


def candidates(
    conn: sqlite3.Connection,
    pair: str,
    stems: Iterable[str],  # the query's index tokens (text.key_and_tokens)
    cache: PostingCache,
    limit: int | None = None,
    budget: int | None = None,
) -> list[int]:
    """Ids of the units most likely to match, best first (never more than `limit`)."""
    budget = (READ_BUDGET if np is not None else READ_BUDGET // 3) if budget is None else budget
    limit = CANDIDATES if limit is None else limit
    stems = set(stems) or {""}
    # each stem's (document frequency, token) kept per language pair (None: no list), so that a lookup's
    # stems seen before are neither formatted as tokens nor looked up again
    known = cache.present.setdefault(pair, {})
    missing = [s for s in stems if s not in known]
    if missing:
        if len(known) + len(missing) > DF_ENTRIES:  # (a new one when full: another thread may be reading it)
            known = cache.present[pair] = {}
            missing = list(stems)
        dfs = cache.dfs
        toks = {s: token(pair, s) for s in missing}
        got = {t: dfs[t] for t in toks.values() if t in dfs}
        ask = sorted(t for t in toks.values() if t not in got)
        if ask:
            marks = ",".join("?" * len(ask))
            found = dict(conn.execute(
                f"SELECT token, SUM(length(ids)) / 4 FROM tm_postings WHERE token IN ({marks}) GROUP BY token", ask
            ).fetchall())
            got.update((t, found.get(t)) for t in ask)
            if len(dfs) > DF_ENTRIES:
                dfs.clear()
            dfs.update((t, got[t]) for t in ask)
        for s, t in toks.items():
            df = got[t]
            known[s] = None if df is None else (int(df), t)
    present = sorted(p for s in stems if (p := known[s]) is not None)
    if not present:
        return []
    top = cache.top
    if top is None:
        top = cache.top = conn.execute("SELECT MAX(id) FROM tm_units").fetchone()[0] or 1
    return postings.rank(present, top, budget, limit, lambda chosen: {t: _read(conn, t, cache) for t in chosen})
