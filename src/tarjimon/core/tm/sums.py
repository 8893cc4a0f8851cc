"""The summed weight of each unit on the posting lists a lookup reads (tm/postings.py): a dense per-thread
array indexed by unit id, kept between lookups and zeroed again after each, so that the postings are never
sorted. numpy is needed (postings.py has a pure-Python path of its own)."""

from __future__ import annotations

import threading
import weakref
from typing import Any

try:  # (postings.py calls totals only when numpy is there)
    import numpy as np
except ImportError:  # pragma: no cover - exercised by test_tm_scoring's no-numpy test
    np = None  # type: ignore[assignment]


def totals(ids: Any, lists: list[tuple[float, int]], size: int, owners: list[Any] | None = None) -> Any:
    """Each entry's unit's summed weight (float32, the lists' weights added in their order), `ids` the lists'
    entries one after the other ((weight, length) each): marked(...)'s sums."""
    return marked(ids, lists, size, owners)[0]


def marked(ids: Any, lists: list[tuple[float, int]], size: int, owners: list[Any] | None = None
           ) -> tuple[Any, Any]:
    """(sums, codes): each entry's unit's summed weight (float32, the lists' weights added in their order), `ids`
    the lists' entries one after the other ((weight, length) each), and each entry's unit's lists as bits (bit
    j: the j-th list; uint8), or None for codes when the sums were added without them (below). `owners`: each
    list's own id array (a posting list a backend keeps between lookups), so that a list found strictly
    ascending once is not checked again.

    With at most 8 lists of distinct ids each (always, but for an index whose maintenance left a unit twice in
    a list), each unit's lists are marked as bits in a dense byte array and its sum read from a table of the
    2^lists sums, each built by the same float32 additions in the same order: the same numbers as adding the
    weights in a dense float32 array, from a quarter of the memory: at 1M units the array's lines, touched at
    random, miss the CPU caches (the sums of a Uzbek lookup's ~50,000 entries, caches cold: 0.63 ms median with
    floats, 0.53 with the bytes)."""
    if len(lists) <= 8:
        start, unique = 0, True
        for (_w, n), own in zip(lists, owners or [None] * len(lists), strict=True):
            if own is not None and _ASCENDING.get(id(own)) is own:  # checked when first summed
                start += n
                continue
            part = ids[start : start + n]
            if n > 1 and bool((part[1:] <= part[:-1]).any()):
                unique = False
                break
            if own is not None:
                _ASCENDING[id(own)] = own
            start += n
        if unique:
            table = np.zeros(1 << len(lists), dtype=np.float32)
            for j, (w, _n) in enumerate(lists):
                table[1 << j : 2 << j] = table[: 1 << j] + np.float32(w)
            bits = accumulator(size, np.uint8)
            lo = hi = -1  # the lowest and highest id marked (each list ascending: its ends)
            try:
                start = 0
                for j, (_w, n) in enumerate(lists):
                    if n:
                        part = ids[start : start + n]
                        first, last = int(part[0]), int(part[-1])
                        lo, hi = (first, last) if lo < 0 else (min(lo, first), max(hi, last))
                        if j:  # bit j is not set yet on this list's units (distinct ids): adding it is or-ing
                            # it, and add.at does it in one pass where bits[part] |= gathers, ors and scatters
                            np.add.at(bits, part, np.uint8(1 << j))
                        else:  # (nothing marked yet: the first list's bits are set, not or-ed)
                            bits[part] = 1
                    start += n
                codes = bits.take(ids)
                return table.take(codes), codes
            finally:
                # zeroed again even if interrupted: the next lookup of this thread starts clean. Over the ids'
                # range when it is short enough (a memset: at 1M units a Uzbek lookup's ~50,000 entries lie
                # within ~1 MB), else entry by entry
                if lo >= 0 and hi - lo < 64 * len(ids):
                    bits[lo : hi + 1] = 0
                else:
                    bits[ids] = 0
    acc = accumulator(size, np.float32)
    try:
        start = 0
        for w, n in lists:
            np.add.at(acc, ids[start : start + n], np.float32(w))
            start += n
        return acc.take(ids), None  # (take: a fifth cheaper than acc[ids])
    finally:
        acc[ids] = 0.0


_local = threading.local()
#: The posting lists (id arrays) found strictly ascending, by id(): an entry goes with its array (a weak
#: reference), so a later array at the same address is never taken for it.
_ASCENDING: weakref.WeakValueDictionary[int, Any] = weakref.WeakValueDictionary()


def ascending_ids(ids: Any) -> None:
    """Remember that the posting list `ids` (an id array a backend keeps) is strictly ascending, as its
    reader found (postings.ascending): totals will not check it again."""
    _ASCENDING[id(ids)] = ids


def accumulator(size: int, dtype: Any = None) -> Any:
    """This thread's zeroed array of `dtype` (float32 by default) of at least `size` entries (kept between
    lookups)."""
    dtype = np.dtype(np.float32 if dtype is None else dtype)
    name = f"acc_{dtype.name}"
    acc = getattr(_local, name, None)
    if acc is None or len(acc) < size:
        acc = np.zeros(max(size, 1024) + size // 8, dtype=dtype)
        setattr(_local, name, acc)
    return acc


