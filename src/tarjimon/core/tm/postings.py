"""Candidate arithmetic every TM backend shares: which posting lists a lookup reads (the budget rule) and how
the units on them are ranked (IDF-weighted, Dice-like), so that the SQLite and the PostgreSQL backends propose
the same candidates to tm/ranking.py and so give the same matches. A backend stores and reads the lists; this
module never touches a database.

The query's stems are taken from rarest to commonest; lists are read while their total stays under the budget
(the rarest is always read, and at least MIN_TOKENS when there are that many, never past HARD_BUDGET); every
unit's weight is the sum of the IDF of the stems it shares, normalised by both sizes. When the lists read
cannot decide (more than `limit` entries share the highest weight read: thousands of units with the
sentence's rarest clause, at 1M units; or a unit with that weight ranks below `limit` others, its size counting
stems the lists read do not), a pool of units has its weight completed with the query's other lists, rarest
first within PROBE_BUDGET entries (binary search on lists kept in ascending id order), and the stems still not
probed are credited to a unit in its share of the stems it was asked about: so the unit with the sentence's
other clauses too is not ranked by the first ones, whatever the TM's size or vocabulary.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

from tarjimon.core.tm.plainrank import pool_list, rank_python
from tarjimon.core.tm.sums import accumulator, ascending_ids, marked

try:  # numpy makes lookups fast; without it the same results come from pure Python
    import numpy as np
except ImportError:  # pragma: no cover - exercised by test_tm_scoring's no-numpy test
    np = None  # type: ignore[assignment]

READ_BUDGET = 30_000  # posting entries read per lookup at most (after the rarest stem)
CANDIDATES = 60
MIN_TOKENS = 4  # stems always read (if the query has them), whatever the budget
HARD_BUDGET = 400_000
POOL = 256  # units (at least) whose weight is completed with the lists not read: the most shared weight
POOL_CAP = 8192  # at most (more only when thousands tie: the best weight, then the lowest ids)
KEEP = 128  # the pool is cut after each list probed, to the best 1 / SHRINK but never below KEEP
SHRINK = 4
# posting entries of the lists not read probed to complete the pool: a bound on the cost (~0.5 MB of lists), not
# a share of the TM (400,000 cost a fresh process ~1 ms more at p95 on the uz TMs; 60,000 lost agreement there)
PROBE_BUDGET = 100_000


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
    """(weight, list) of the posting lists a lookup sums (see _gather)."""
    return _gather(present, idf, budget, read)[0]


def _gather(present: Sequence[tuple[int, str]], idf: dict[str, float], budget: int,
            read: Callable[[list[str]], dict[str, tuple[Any, Any]]]
            ) -> tuple[list[tuple[float, Any]], int, list[int]]:
    """(weight, list) of the posting lists a lookup sums (with the tokens read and each list's number of
    stems): the tokens `choose` takes, except that a list identical
    to one already read (stems that always come together: the words of one clause, one name) adds its IDF to
    that list's weight instead of counting as another list, and the choice goes on past it, under the same
    rule. With no identical lists this is `choose` exactly (one `read`). Without it, a sentence whose rarest
    stems all come from one clause shared by thousands of units would be ranked by that clause alone."""
    groups: list[list[Any]] = []  # [weight, list, stems]
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
                groups.append([idf[tok], lst, 1])
                total += df
            else:
                groups[g][0] += idf[tok]
                groups[g][2] += 1
                merged = True
        if not merged:
            break
    return [(w, lst) for w, lst, _ in groups], start, [n for _, _, n in groups]


def _equal(a: tuple[Any, Any], b: tuple[Any, Any]) -> bool:
    if a[0] is b[0]:
        return True
    if np is not None and isinstance(a[0], np.ndarray):
        if isinstance(b[0], np.ndarray) and a[0].dtype == b[0].dtype and a[1].dtype == b[1].dtype:
            # the same values are the same bytes (one memcmp, 3x faster than array_equal's compare and all)
            return a[0].tobytes() == b[0].tobytes() and a[1].tobytes() == b[1].tobytes()
        return bool(np.array_equal(a[0], b[0]) and np.array_equal(a[1], b[1]))
    return bool(a[0] == b[0] and a[1] == b[1])


def rank(present: Sequence[tuple[int, str]], top: int, budget: int, limit: int,
         read: Callable[[list[str]], dict[str, tuple[Any, Any]]]) -> list[int]:
    """Ids of the units most likely to match, best first (at most `limit`). `read(tokens)` returns each
    token's list as (unit ids ascending, their numbers of distinct stems): numpy arrays, or sequences without
    numpy."""
    if not present:
        return []
    idf = idf_of(present, top)
    chosen, used, stems = _gather(present, idf, budget, read)
    mean_w = sum(idf.values()) / len(idf)
    q_weight_all = mean_w * len(present)
    # the stems not read whose lists complete the pool's weights (rarest first, within PROBE_BUDGET), and the
    # IDF of the others, rarest first: what a unit may still share with the sentence beyond the lists probed
    rest = _probed(present[used:])
    unprobed = [idf[t] for _, t in present[used + len(rest):]]
    if np is None:
        return rank_python(chosen, stems, q_weight_all, mean_w, limit, [(idf[t], t) for t in rest], unprobed,
                           read, (POOL, POOL_CAP, KEEP, SHRINK, len(present)))
    nonempty = [(w, p) for w, p in chosen if len(p[0])]
    if not nonempty:
        return []
    # one array of native indexes (numpy converts uint32 ones again on every indexing)
    ids = np.concatenate([p[0] for _, p in nonempty], dtype=np.intp)  # (converted in the same pass)
    lens = np.concatenate([p[1] for _, p in nonempty]) if len(nonempty) > 1 else nonempty[0][1][1]
    # Sum the weights per unit in a dense accumulator indexed by unit id (reused, zeroed again after use):
    # no sort of the postings.
    total, codes = marked(ids, [(w, len(p[0])) for w, p in nonempty], max(top, int(ids.max())) + 1,
                          [p[0] for _, p in nonempty])
    # Dice-like: shared weight against both sizes (the unit's size counted in mean-IDF stems).
    # (in place: the same float32 operations in the same order as 2 * total / (q_weight_all + lens * mean_w),
    # without three temporaries of the entries' length)
    score = lens.astype(np.float32)
    score *= mean_w
    score += q_weight_all
    np.divide(2.0 * total, score, out=score)
    sizes = [len(p[0]) for _, p in nonempty]
    # The lists read decide when at most `limit` entries share the highest weight; when more do (thousands of
    # units with the sentence's rarest clause), the lists not read decide between them (the pool, below).
    if not rest or not _undecided(ids, total, score, len(nonempty), limit):
        if len(score) > limit * len(nonempty):
            # Keep every entry at or above a score the limit-th best unit is sure to reach (ties at the
            # border all kept, ordered by id below): the limit-th best entry of one list, whose units are
            # distinct. The rarest list with `limit` entries gives a threshold close to the true one, from a
            # short partition instead of one over every entry read.
            part = np.flatnonzero(score >= _floor(score, sizes, limit))
            # The (limit x lists)-th best entry is such a score too (a unit has at most one entry per list),
            # and a far tighter one when the rarest list's units score below the others' (at 1M uz units,
            # thousands of entries above that border would be sorted): taken among those entries.
            k = limit * len(nonempty)
            if len(part) > 4 * k:
                kept = score[part]
                part = part[kept >= _kth(kept, k)]
            ids, score = ids[part], score[part]
        order = np.lexsort((ids, -score))  # best score first, ties by ascending id
        # each unit once, where it ranks best (a dict keeps the first of each key, in order: no sort of the ids)
        return list(dict.fromkeys(ids.take(order).tolist()))[:limit]
    # The pool: the units with the most shared weight (ties all kept, up to POOL_CAP) and the best by the
    # partial score. Their weights are then completed with the lists not read, rarest first, the pool cut
    # after each to the best part: so a unit that has the query's other stems too (a long unit with every
    # clause of the sentence, where thousands share the first clauses) is not ranked by the first lists alone.
    sel, protected = _pool(ids, total, score, sizes, limit)
    pool = ids[sel].astype(np.uint32)  # the lists' type: searchsorted would convert every list to the pool's
    weight, size = total[sel].astype(np.float64), lens[sel].astype(np.float64)
    # on how many of the sentence's stems each unit is: those of the lists read, from its lists' bits (the
    # stems of each, added in a table as the bits are), then the lists probed
    on_read = None
    if unprobed and codes is not None:
        counts = np.zeros(1 << len(nonempty))
        for j, n in enumerate(n for (_, p), n in zip(chosen, stems, strict=True) if len(p[0])):
            counts[1 << j : 2 << j] = counts[: 1 << j] + n
        on_read = counts.take(codes.take(sel))
    lists = read(rest)
    pool, weight, size, matched = _complete(pool, weight, size, protected, [(lists[t][0], idf[t]) for t in rest],
                                            len(present), on_read)
    # A unit's stems not on those lists may be the sentence's stems not probed (the commonest): its weight is
    # completed with what they may add (the IDF of as many of them as it has such stems, the rarest first,
    # times its share of the sentence's stems read or probed), so a long unit is not ranked below shorter ones
    # for stems it was never asked about. With every list probed this is the Dice-like score over all of them.
    if unprobed:  # the unit's stems on the lists read and probed (without the lists' bits, those read counted
        if on_read is None:  # on the pool left after the cuts: a few hundred units)
            for (_, p), n in zip(chosen, stems, strict=True):
                if len(p[0]):
                    np.add(matched, n, out=matched, where=_on(p[0], pool))
        credit = np.concatenate(([0.0], np.cumsum(unprobed)))
        share = matched / (len(present) - len(unprobed))  # of the sentence's stems read or probed, the unit's
        weight += share * credit[np.clip(size - matched, 0, len(unprobed)).astype(np.intp)]
    exact = 2.0 * weight / (q_weight_all + size * mean_w)
    order = np.lexsort((pool, -exact))[:limit]
    return pool.take(order).tolist()  # type: ignore[no-any-return]


def _probed(unread: Sequence[tuple[int, str]]) -> list[str]:
    """The lists not read that complete the pool's weights: rarest first while their entries stay within
    PROBE_BUDGET. (A bound in entries, not in a share of the TM: on a TM of one newsroom's few thousand
    clauses most stems are in more than 1/32 of the units, yet the commoner stems are what tells the units of
    the sentence's clauses apart.)"""
    rest: list[str] = []
    total = 0
    for df, tok in unread:
        if total + df > PROBE_BUDGET:
            break
        rest.append(tok)
        total += df
    return rest


def _undecided(ids: Any, total: Any, score: Any, lists: int, limit: int) -> bool:
    """Whether the lists not read must decide the candidates: more than `limit` entries share the highest
    weight read (the normalisation would put the shortest first), or a unit with that weight ranks below
    `limit` others by the partial score (its size counts every stem, its weight only the lists read: a long
    unit with every clause of a long sentence loses to short units with some)."""
    at_max = total == total.max()
    if int(np.count_nonzero(at_max)) > limit:
        return True
    above = score > score[at_max].min()
    n = int(np.count_nonzero(above))
    if n < limit:
        return False
    return n > limit * lists or len(np.unique(ids[above])) >= limit


def _complete(pool: Any, weight: Any, size: Any, protected: Any, rest: list[tuple[Any, float]], stems_q: int,
              matched: Any = None) -> tuple[Any, Any, Any, Any]:
    """The pool's weights completed with the lists not read ((ids ascending, IDF), rarest first), the pool
    cut after each list to its best part by the weight so far (equal weights: lower id first) and the best by
    the partial score: each list splits the ties of the last. `matched`: each unit's count of stems so far
    (float64; zeros when None), to which each list it is found on adds one."""
    cutting = True  # (once KEEP units or fewer are free, no list cuts the pool again: it stays as it is)
    if matched is None:
        matched = np.zeros(len(pool))
    for lst, w in rest:
        if len(lst):  # (added where found: the same sums as adding found * w, without that array)
            found = _on(lst, pool)
            np.add(weight, w, out=weight, where=found)
            np.add(matched, 1, out=matched, where=found)
        if cutting:
            free = np.flatnonzero(~protected)
            if len(free) > KEEP:
                keep = protected.copy()
                # (ties: the units whose size is nearest the sentence's first, as they can hold its other
                # stems; the shortest would rank first otherwise, the lowest ids before. Sizes are whole
                # numbers up to 255, so the distances are small integers)
                dist = np.abs(size.take(free) - stems_q).astype(np.intp)
                keep[free[_best(weight.take(free), max(KEEP, len(free) // SHRINK), dist)]] = True
                at = np.flatnonzero(keep)  # (one index array taken five times: a boolean mask is counted each time)
                pool, weight, size, protected, matched = (pool.take(at), weight.take(at), size.take(at),
                                                          protected.take(at), matched.take(at))
            else:
                cutting = False
    return pool, weight, size, matched


def _on(lst: Any, pool: Any) -> Any:
    """Which units of `pool` (ids ascending) are on the list `lst` (ids ascending): each found by binary search,
    or, for a pool of more than a fifth of the list's length (a pool lookup's first probe: ~6,000 units, a
    list of ~20,000), the list marked in a byte array and the pool's units read from it (a binary search costs
    ~14 random reads, a mark or a read one; the same answer)."""
    if len(pool) * 5 <= len(lst) or not len(pool):
        return lst.take(np.searchsorted(lst, pool), mode="clip") == pool
    at = lst.astype(np.intp)
    lo, hi = int(at.min()), int(at.max())  # (not at[0], at[-1]: the marks are cleared whatever the list)
    marks = accumulator(max(hi, int(pool.max())) + 1, np.uint8)
    try:
        marks[at] = 1
        return marks.take(pool).view(np.bool_)
    finally:  # zeroed again (a memset over the list's range when it is short enough, else entry by entry)
        if hi - lo < 64 * len(at):
            marks[lo : hi + 1] = 0
        else:
            marks[at] = 0


def _best(value: Any, n: int, dist: Any = None) -> Any:
    """Indexes (ascending) of the n largest values, ties at the border taken in index order (or by the
    smallest `dist` first, non-negative integers, then index order)."""
    if n >= len(value):
        return np.arange(len(value))
    border = _kth(value, n)
    keep = value > border
    # the first ties at the border to make n (index order): a mask keeps the indexes sorted, no sort
    ties = np.flatnonzero(value == border)
    need = n - int(np.count_nonzero(keep))
    if dist is not None and len(ties) > need:  # the ties with the `need` smallest `dist` (index order at its
        d = dist.take(ties)  # border): counted, not sorted nor partitioned (thousands of ties, few distances)
        at = int(np.searchsorted(np.cumsum(np.bincount(d)), need))  # the need-th smallest distance
        keep[ties[d < at]] = True
        ties = ties[d == at]
        need = n - int(np.count_nonzero(keep))
    keep[ties[:need]] = True
    return np.flatnonzero(keep)


def _pool(ids: Any, total: Any, score: Any, sizes: list[int], limit: int) -> tuple[Any, Any]:
    """(entries, protected): one entry (an index into `ids`) of each unit of the pool, in ascending unit id,
    and which of them are among the `limit` best by partial score. The pool: the units of the rarest list
    with POOL units whose shared weight is at least its POOL-th best (all the ties, up to POOL_CAP: the
    lowest ids), and the `limit` best by partial score."""
    start, n = pool_list(sizes, POOL)
    value = total[start : start + n]
    border = _kth(value, POOL) if n > POOL else value.min()
    sel = np.flatnonzero(value >= border)
    if len(sel) > POOL_CAP:  # thousands tie at the border: the ones above it, then the ties' lowest ids
        above = np.flatnonzero(value > border)
        ties = np.flatnonzero(value == border)[: max(0, POOL_CAP - len(above))]
        sel = np.sort(np.concatenate((above, ties)))
    sel += start
    best = np.flatnonzero(score >= _floor(score, sizes, limit))
    if len(best) > 2 * limit:
        if len(best) > 8 * limit:  # only the entries at or above the (2 x limit)-th best can be taken
            kept = score[best]
            best = best[kept >= _kth(kept, 2 * limit)]
        best = best[_best(score[best], 2 * limit)]
    best = _first_entries(ids, best)
    units = ids[sel]
    at = np.minimum(np.searchsorted(units, ids[best]), len(units) - 1)
    inside = units[at] == ids[best]
    protected = np.zeros(len(sel), dtype=bool)
    protected[at[inside]] = True
    extra = best[~inside]
    if len(extra):
        sel = np.concatenate((sel, extra))
        protected = np.concatenate((protected, np.ones(len(extra), dtype=bool)))
        order = np.argsort(ids[sel], kind="stable")
        sel, protected = sel[order], protected[order]
    return sel, protected


def _first_entries(ids: Any, entries: Any) -> Any:
    """`entries` (indexes into ids, ascending) with one entry per unit, the first, ordered by unit id."""
    _, first = np.unique(ids[entries], return_index=True)
    return entries[first]


def ascending(ids: Any, lens: Any) -> tuple[Any, Any]:
    """A posting list (numpy arrays) with its ids in ascending order, as `rank` probes it (a list read from
    several parts, one per import batch, comes in runs)."""
    if len(ids) > 1:
        if not bool((ids[1:] <= ids[:-1]).any()):  # strictly ascending (parts in disjoint ranges): the sums
            ascending_ids(ids)  # (tm/sums.py) need not check it again
            return ids, lens
        if bool((ids[1:] < ids[:-1]).any()):
            order = np.argsort(ids, kind="stable")
            return ids[order], lens[order]
    return ids, lens


def _floor(score: Any, sizes: list[int], limit: int) -> Any:
    """A score at most the limit-th best unit's: the limit-th best entry of the first list (in `score`, the
    lists' entries one after the other) holding at least `limit` units (a list names each unit once; with no
    such list, the lowest score: everything is kept)."""
    start = 0
    for n in sizes:
        if n >= limit:
            return _kth(score[start : start + n], limit)
        start += n
    return score.min()


def _kth(value: Any, k: int) -> Any:
    """The k-th largest of `value` (1 <= k <= len). Not np.partition, whose time grows ~20x with many equal
    values (the weights and scores of a lookup take a few dozen): the k-th largest of a strided sample is at
    most the k-th largest of all, so only the values at or above it are sorted."""
    n = len(value)
    if n > 16 * k:  # (the sample first: the ties at the top or the bottom are checked only when it shows them)
        sample = np.sort(value[:: n // (8 * k)])
        at = sample[len(sample) - k]  # there are k values at or above it, and the k-th largest is at most the top
        if at == sample[-1] and at == value.max():  # thousands tie at the top (units of one clause): no sort
            return at
        if at == sample[0]:  # or at the bottom (the pool's units a list probed missed)
            low = value.min()
            if at == low and int(np.count_nonzero(value > low)) < k:
                return low
        value = value[value >= at]
        return np.sort(value)[len(value) - k]
    top, low = value.max(), value.min()
    if int(np.count_nonzero(value == top)) >= k:  # thousands tie at the top (units of one clause): no sort
        return top
    if int(np.count_nonzero(value > low)) < k:  # or at the bottom (the pool's units a list probed missed)
        return low
    return np.sort(value)[len(value) - k]
