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
        """Keep the new ones of an int64 array of hashes; a boolean mask of those (in batch order)."""
        new = np.zeros(len(hashes), dtype=bool)
        if not len(hashes):
            return new
        new[np.unique(hashes, return_index=True)[1]] = True  # the first of equal hashes
        for run in self.runs:
            idx = np.minimum(np.searchsorted(run, hashes), len(run) - 1)
            new &= run[idx] != hashes
        if self.single:
            single = self.single
            new &= np.fromiter((h not in single for h in hashes.tolist()), dtype=bool, count=len(hashes))
        kept = hashes[new]
        self.kept.frombytes(kept.astype(np.int64).tobytes())
        self.runs.append(np.sort(kept))
        if len(self.runs) > MAX_RUNS:
            self.runs = [np.sort(np.concatenate(self.runs))]
        return new
