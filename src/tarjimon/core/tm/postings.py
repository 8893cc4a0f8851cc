"""Candidate arithmetic every TM backend shares: which posting lists a lookup reads (the budget rule) and how
the units on them are ranked (IDF-weighted, Dice-like), so that the SQLite and the PostgreSQL backends propose
the same candidates to tm/ranking.py and so give the same matches. A backend stores and reads the lists; this
module never touches a database.

The query's stems are taken from rarest to commonest; lists are read while their total stays under the budget
(the rarest is always read, and at least MIN_TOKENS when there are that many, never past HARD_BUDGET); every
unit's weight is the sum of the IDF of the stems it shares, normalised by both sizes.
"""

from __future__ import annotations

import heapq
import math
import threading
from collections.abc import Callable, Sequence
from typing import Any

try:  # numpy makes lookups fast; without it the same results come from pure Python
    import numpy as np
except ImportError:  # pragma: no cover - exercised by test_tm_scoring's no-numpy test
    np = None  # type: ignore[assignment]

READ_BUDGET = 30_000  # posting entries read per lookup at most (after the rarest stem)
CANDIDATES = 60
MIN_TOKENS = 4  # stems always read (if the query has them), whatever the budget
HARD_BUDGET = 400_000


def idf_of(present: Sequence[tuple[int, str]], top: int) -> dict[str, float]:
    """The IDF of each present token ((document frequency, token) pairs), `top` the highest unit id."""
    return {t: math.log(1.0 + top / max(df, 1)) for df, t in present}


def choose(present: Sequence[tuple[int, str]], budget: int) -> list[str]:
    """The tokens whose lists a lookup reads, rarest first, under the budget rule."""
    chosen: list[str] = []
    total = 0
    for df, tok in present:
        # Stop at the budget, but read at least MIN_TOKENS stems (when every stem is common, two of them do
        # not single out the sentence), never past HARD_BUDGET.
        if chosen and (total + df > HARD_BUDGET or (total + df > budget and len(chosen) >= MIN_TOKENS)):
            break
        chosen.append(tok)
        total += df
    return chosen


def gather(present: Sequence[tuple[int, str]], idf: dict[str, float], budget: int,
           read: Callable[[list[str]], dict[str, tuple[Any, Any]]]) -> list[tuple[float, Any]]:
    """(weight, list) of the posting lists a lookup sums: the tokens `choose` takes, except that a list identical
    to one already read (stems that always come together: the words of one clause, one name) adds its IDF to
    that list's weight instead of counting as another list, and the choice goes on past it, under the same
    rule. With no identical lists this is `choose` exactly (one `read`). Without it, a sentence whose rarest
    stems all come from one clause shared by thousands of units would be ranked by that clause alone."""
    groups: list[list[Any]] = []  # [weight, list]
    same_df: dict[int, list[int]] = {}  # a list's length -> the groups of that length (only they can be equal)
    total = start = 0
    while start < len(present):
        batch: list[tuple[int, str]] = []
        t, n = total, len(groups)
        for df, tok in present[start:]:
            if n + len(batch) and (t + df > HARD_BUDGET or (t + df > budget and n + len(batch) >= MIN_TOKENS)):
                break
            batch.append((df, tok))
            t += df
        if not batch:
            break
        start += len(batch)
        lists = read([tok for _, tok in batch])
        merged = False
        for df, tok in batch:
            lst = lists[tok]
            g = next((g for g in same_df.get(df, ()) if _equal(groups[g][1], lst)), None)
            if g is None:
                same_df.setdefault(df, []).append(len(groups))
                groups.append([idf[tok], lst])
                total += df
            else:
                groups[g][0] += idf[tok]
                merged = True
        if not merged:
            break
    return [(w, lst) for w, lst in groups]


def _equal(a: tuple[Any, Any], b: tuple[Any, Any]) -> bool:
    if a[0] is b[0]:
        return True
    if np is not None and isinstance(a[0], np.ndarray):
        return bool(np.array_equal(a[0], b[0]) and np.array_equal(a[1], b[1]))
    return bool(a[0] == b[0] and a[1] == b[1])


def rank(present: Sequence[tuple[int, str]], top: int, budget: int, limit: int,
         read: Callable[[list[str]], dict[str, tuple[Any, Any]]]) -> list[int]:
    """Ids of the units most likely to match, best first (at most `limit`). `read(tokens)` returns each
    token's list as (unit ids, their numbers of distinct stems): numpy arrays, or sequences without numpy."""
    if not present:
        return []
    idf = idf_of(present, top)
    chosen = gather(present, idf, budget, read)
    mean_w = sum(idf.values()) / len(idf)
    q_weight_all = mean_w * len(present)
    if np is None:
        return _rank_python(chosen, q_weight_all, mean_w, limit)
    nonempty = [(w, p) for w, p in chosen if len(p[0])]
    if not nonempty:
        return []
    # one array of native indexes (numpy converts uint32 ones again on every indexing)
    ids = np.concatenate([p[0] for _, p in nonempty]).astype(np.intp)
    lens = np.concatenate([p[1] for _, p in nonempty]) if len(nonempty) > 1 else nonempty[0][1][1]
    # Sum the weights per unit in a dense accumulator indexed by unit id (reused, zeroed again after use):
    # no sort of the postings.
    acc = _accumulator(max(top, int(ids.max())) + 1)
    try:
        start = 0
        for w, (part_ids, _lens) in nonempty:
            end = start + len(part_ids)
            np.add.at(acc, ids[start:end], np.float32(w))
            start = end
        total = acc[ids]
    finally:
        acc[ids] = 0.0  # zeroed again even if interrupted: the next lookup of this thread starts clean
    # Dice-like: shared weight against both sizes (the unit's size counted in mean-IDF stems).
    score = 2.0 * total / (q_weight_all + lens.astype(np.float32) * mean_w)
    if len(score) > limit * len(nonempty):
        # Keep every entry at or above a score the limit-th best unit is sure to reach (ties at the border
        # all kept, ordered by id below): the limit-th best entry of one list, whose units are distinct.
        # The rarest list with `limit` entries gives a threshold close to the true one, from a short
        # partition instead of one over every entry read.
        threshold = _floor(score, [len(p[0]) for _, p in nonempty], limit)
        part = np.flatnonzero(score >= threshold)
        ids, score = ids[part], score[part]
    order = np.lexsort((ids, -score))  # best score first, ties by ascending id
    ids = ids[order]
    first = np.sort(np.unique(ids, return_index=True)[1])  # each unit once, where it ranks best
    return [int(i) for i in ids[first][:limit]]


def _floor(score: Any, sizes: list[int], limit: int) -> Any:
    """A score at most the limit-th best unit's: the limit-th best entry of the first list (in `score`, the
    lists' entries one after the other) holding at least `limit` units (a list names each unit once; with no
    such list, the lowest score: everything is kept)."""
    start = 0
    for n in sizes:
        if n >= limit:
            return np.partition(score[start : start + n], n - limit)[n - limit]
        start += n
    return score.min()


_local = threading.local()


def _accumulator(size: int) -> Any:
    """This thread's zeroed float32 array of at least `size` entries (kept between lookups)."""
    acc = getattr(_local, "acc", None)
    if acc is None or len(acc) < size:
        acc = _local.acc = np.zeros(max(size, 1024) + size // 8, dtype=np.float32)
    return acc


def _rank_python(chosen: list[tuple[float, Any]], q_weight: float, mean_w: float, limit: int) -> list[int]:
    """The same ranking without numpy (slower; used when numpy is not installed)."""
    acc: dict[int, float] = {}
    ulen: dict[int, int] = {}
    for w, (ids, lens) in chosen:
        get = acc.get
        for uid in ids:
            acc[uid] = get(uid, 0.0) + w
        ulen.update(zip(ids, lens, strict=True))
    order = {uid: i for i, uid in enumerate(sorted(acc))}
    return heapq.nsmallest(
        limit, acc, key=lambda u: (-2.0 * acc[u] / (q_weight + ulen[u] * mean_w), order[u])
    )
