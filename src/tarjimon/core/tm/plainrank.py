"""The candidates' ranking of tm/postings.py without numpy (slower; used when numpy is not installed): the
numpy path's steps, its float32 sums included, one unit at a time, so that both give the same candidates."""

from __future__ import annotations

import heapq
import struct
from collections.abc import Callable
from typing import Any


def rank_python(chosen: list[tuple[float, Any]], stems: list[int], q_weight: float, mean_w: float, limit: int,
                 rest: list[tuple[float, str]], unprobed: list[float],
                 read: Callable[[list[str]], dict[str, tuple[Any, Any]]], sizes_of: tuple[int, int, int, int, int]
                 ) -> list[int]:
    """The same ranking without numpy (slower; used when numpy is not installed): the numpy path's steps, its
    float32 sums included, one unit at a time. `sizes_of`: postings' POOL, POOL_CAP, KEEP, SHRINK and the sentence's stems."""
    pool_size, pool_cap, keep_min, shrink, stems_q = sizes_of
    nonempty = [(w, p) for w, p in chosen if len(p[0])]
    if rest and nonempty:  # the numpy path's sums (float32), to decide as it does whether the lists not read
        tot32: dict[int, float] = {}  # are needed
        for w, (ids, _lens) in nonempty:
            w32 = _f32(w)
            for uid in ids:
                tot32[uid] = _f32(tot32.get(uid, 0.0) + w32)
        ent = [(uid, n) for _, (ids, lens) in nonempty for uid, n in zip(ids, lens, strict=True)]
        q32, m32 = _f32(q_weight), _f32(mean_w)
        total = [tot32[u] for u, _ in ent]
        score = [_f32(2.0 * t / _f32(q32 + _f32(_f32(n) * m32))) for (_, n), t in zip(ent, total, strict=True)]
        top = max(total)
        at_max = [x for x, t in zip(score, total, strict=True) if t == top]
        low = min(at_max)
        above = [i for i, x in enumerate(score) if x > low]
        if len(at_max) <= limit and (len(above) < limit or len({ent[i][0] for i in above}) < limit):
            rest = []
    if not rest:
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
    sizes = [len(p[0]) for _, p in nonempty]
    start, n = pool_list(sizes, pool_size)
    value = total[start : start + n]
    border = sorted(value)[n - pool_size] if n > pool_size else min(value)
    above = [start + i for i, t in enumerate(value) if t > border]
    ties = [start + i for i, t in enumerate(value) if t == border]
    sel = sorted(above + ties[: max(0, pool_cap - len(above))])
    floor = _floor_python(score, sizes, limit)
    best = [i for i, x in enumerate(score) if x >= floor]
    if len(best) > 2 * limit:
        best = [best[k] for k in _best_python([score[i] for i in best], 2 * limit)]
    best = _first_python(ent, best)
    units = {ent[i][0] for i in sel}
    sel = sorted(sel + [i for i in best if ent[i][0] not in units], key=lambda i: ent[i][0])
    best_units = {ent[i][0] for i in best}
    pool = [ent[i][0] for i in sel]
    weight = [total[i] for i in sel]
    size = [float(ent[i][1]) for i in sel]
    protected = [u in best_units for u in pool]
    matched = [0] * len(pool)
    for (_, (ids, _lens)), n in zip(chosen, stems, strict=True):
        members = set(ids)
        matched = [m + (n if u in members else 0) for u, m in zip(pool, matched, strict=True)]
    lists = read([t for _, t in rest])
    for w, t in rest:
        members = set(lists[t][0])
        weight = [x + (w if u in members else 0.0) for u, x in zip(pool, weight, strict=True)]
        matched = [m + (u in members) for u, m in zip(pool, matched, strict=True)]
        if len(pool) > keep_min + sum(protected):
            free = [k for k, p in enumerate(protected) if not p]
            n_keep = max(keep_min, len(free) // shrink)
            near = [-abs(size[k] - stems_q) for k in free]
            keep = [free[k] for k in _best_python([weight[k] for k in free], n_keep, near)]
            keep = sorted(keep + [k for k, p in enumerate(protected) if p])
            pool, weight = [pool[k] for k in keep], [weight[k] for k in keep]
            size, protected = [size[k] for k in keep], [protected[k] for k in keep]
            matched = [matched[k] for k in keep]
    credit = [0.0]
    for w in unprobed:
        credit.append(credit[-1] + w)
    left = [min(max(int(n) - m, 0), len(unprobed)) for n, m in zip(size, matched, strict=True)]
    considered = sum(stems) + len(rest)
    exact = {u: 2.0 * (x + (m / considered) * credit[k]) / (q_weight + n * mean_w)
             for u, x, n, k, m in zip(pool, weight, size, left, matched, strict=True)}
    return sorted(pool, key=lambda u: (-exact[u], u))[:limit]


def pool_list(sizes: list[int], pool_size: int) -> tuple[int, int]:
    """(start, length) of the list the pool is drawn from: the first (rarest) list with `pool_size` entries or
    more, or the first list when none has that many."""
    start = 0
    for n in sizes:
        if n >= pool_size:
            return start, n
        start += n
    return 0, sizes[0]


def _f32(x: float) -> float:
    """x rounded to float32, as the numpy path sums."""
    return struct.unpack("f", struct.pack("f", x))[0]  # type: ignore[no-any-return]


def _floor_python(value: list[float], sizes: list[int], limit: int) -> float:
    """_floor without numpy: the limit-th best value of the first list with at least `limit` units."""
    start = 0
    for n in sizes:
        if n >= limit:
            return sorted(value[start : start + n], reverse=True)[limit - 1]
        start += n
    return min(value)


def _first_python(ent: list[tuple[int, int]], entries: list[int]) -> list[int]:
    """_first_entries without numpy."""
    first: dict[int, int] = {}
    for i in entries:
        first.setdefault(ent[i][0], i)
    return [first[u] for u in sorted(first)]


def _best_python(value: list[float], n: int, second: list[float] | None = None) -> list[int]:
    """_best without numpy."""
    if n >= len(value):
        return list(range(len(value)))
    border = sorted(value)[len(value) - n]
    above = [i for i, x in enumerate(value) if x > border]
    ties = [i for i, x in enumerate(value) if x == border]
    if second is not None and len(ties) > n - len(above):
        ties = sorted(ties, key=lambda i: -second[i])
    return sorted(above + ties[: n - len(above)])
