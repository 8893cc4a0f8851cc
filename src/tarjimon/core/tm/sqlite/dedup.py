"""The dedup hashes a parallel import's worker has seen in its part, kept as sorted numpy arrays.

A Python set of half a million ints takes ~35 MB per worker; the same hashes as int64 arrays take 4 MB. A
batch of plain units is checked at once (the first of equal hashes in the batch is kept, as a one-by-one
check would); a unit read the general way is checked alone (a small set holds those).
"""

from __future__ import annotations

from array import array
from typing import Any

import numpy as np

MAX_RUNS = 4  # sorted arrays kept before they are merged into one


class SeenHashes:
    """The hashes kept so far, in the order their units were kept (`kept`), and a membership test."""

    def __init__(self) -> None:
        self.runs: list[Any] = []
        self.single: set[int] = set()
        self.kept = array("q")

    def add_one(self, h: int) -> bool:
        """Keep `h` unless it was seen; True when it is new."""
        if h in self.single:
            return False
        for run in self.runs:
            i = int(np.searchsorted(run, h))
            if i < len(run) and int(run[i]) == h:
                return False
        self.single.add(h)
        self.kept.append(h)
        return True

    def add_batch(self, hashes: Any) -> Any:
        """Keep the new ones of an int64 array of hashes; a boolean mask of those (in batch order).

        The batch's distinct hashes come sorted from np.unique: searched in that order (each binary search
        starts where the last ended) and kept as the next sorted run as they are."""
        new = np.zeros(len(hashes), dtype=bool)
        if not len(hashes):
            return new
        uniq, first = np.unique(hashes, return_index=True)  # the first of equal hashes
        fresh = np.ones(len(uniq), dtype=bool)
        for run in self.runs:
            idx = np.minimum(np.searchsorted(run, uniq), len(run) - 1)
            fresh &= run[idx] != uniq
        if self.single:
            single = self.single
            fresh &= np.fromiter((h not in single for h in uniq.tolist()), dtype=bool, count=len(uniq))
        new[first[fresh]] = True
        kept = hashes[new]
        self.kept.frombytes(kept.astype(np.int64).tobytes())
        if fresh.any():  # (an empty run would break the next batch's search)
            self.runs.append(uniq[fresh].astype(np.int64))
        if len(self.runs) > MAX_RUNS:  # sorted runs: the stable sort merges them
            self.runs = [np.sort(np.concatenate(self.runs), kind="stable")]
        return new
