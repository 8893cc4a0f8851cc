"""The postings a parallel import's worker collects for its part, as numpy arrays of small integers.

A stem arrives as a 64-bit code (batchkeys.Codes); :class:`Dense` turns codes into dense ids 0, 1, 2... with
an open-addressing table held in numpy (one multiply, one gather and one compare per posting; Python only
for a code seen for the first time or landing on another code's slot). A flush sorts the postings of a
language pair by dense id with numpy's radix sort (16-bit keys: one pass below 65,536 distinct stems, two
above), which keeps each stem's unit ids ascending (they were added in order), and gives one row per stem:
(token, ids, lens), ids as little-endian uint32, lens the units' numbers of distinct stems (uint8, capped).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np

from tarjimon.core.tm.sqlite.batchkeys import Codes

# A flush before the end of a part writes a row only for the stems with at least MIN_ROW postings in it; the
# postings of the others (few: most postings are of frequent stems) stay for the next flush, unless they are
# more than a quarter of it. Fewer rows per stem: a posting row costs the main process's copy and every lookup
# of its stem.
MIN_ROW = 64
_MULT = np.uint64(0x9E3779B97F4A7C15)
_EMPTY = np.uint64(0xFFFFFFFFFFFFFFFF)  # no code is this large (codes stay below 2**41)


class Dense:
    """Codes -> dense ids (0, 1, 2... in order of first appearance); `codes[i]` is the code of id i."""

    def __init__(self, bits: int = 18) -> None:
        self.codes: list[int] = []
        self._index: dict[int, int] = {}
        self._resize(bits)

    def _resize(self, bits: int) -> None:
        self.bits = bits
        self.keys = np.full(1 << bits, _EMPTY, dtype=np.uint64)
        self.vals = np.zeros(1 << bits, dtype=np.int32)
        self._shift = np.uint64(64 - bits)
        for i, c in enumerate(self.codes):
            self._place(c, i)

    def _slot(self, codes: Any) -> Any:
        return ((codes * _MULT) >> self._shift).astype(np.int64)

    def _place(self, code: int, i: int) -> None:
        slot = int(self._slot(np.asarray([code], dtype=np.uint64))[0])
        if self.keys[slot] == _EMPTY:  # else the code stays in _index only (looked up there on a miss)
            self.keys[slot] = code
            self.vals[slot] = i

    def ids(self, codes: Any) -> Any:
        """The dense ids of a uint64 array of codes (new codes get new ids)."""
        slot = self._slot(codes)
        hit = self.keys[slot] == codes
        out = self.vals[slot]
        if not hit.all():
            miss = np.flatnonzero(~hit)
            uniq, inverse = np.unique(codes[miss], return_inverse=True)
            found = np.empty(len(uniq), dtype=np.int32)
            for j, c in enumerate(uniq.tolist()):
                i = self._index.get(c)
                if i is None:
                    i = self._index[c] = len(self.codes)
                    self.codes.append(c)
                    self._place(c, i)
                found[j] = i
            out[miss] = found[inverse.reshape(-1)]
            if len(self.codes) * 4 > len(self.keys):
                self._resize(self.bits + 1)
        return out


class PartPostings:
    """The postings of one language pair in one part: (dense stem id, unit's place in the part) pairs."""

    def __init__(self) -> None:
        self.toks: list[Any] = []  # int32 arrays of dense ids
        self.units: list[Any] = []  # uint32 arrays: unit id - the part's first id
        self.size = 0

    def add(self, toks: Any, units: Any) -> None:
        self.toks.append(toks)
        self.units.append(units)
        self.size += len(toks)

    def rows(self, dense: Dense, codes: Codes, first: int, lens: Any,
             final: bool = True) -> Iterator[tuple[str, bytes, bytes]]:
        """(stem, ids, lens) for every stem collected since the last call, ids ascending; then empties (unless
        not `final`: then the stems with fewer than MIN_ROW postings are kept for the next call).

        Lean on memory (the flush is a worker's peak): only the unit ids are reordered (the sorted stems are
        not needed: a stem's run is its count, the runs come in dense id order), and each array is dropped as
        soon as it is used. ~18 bytes a posting at the peak instead of ~30."""
        if not self.size:
            return
        toks = np.concatenate(self.toks)
        self.toks = []
        counts = np.bincount(toks)
        if len(counts) <= 1 << 16:
            order = np.argsort(toks.astype(np.uint16), kind="stable")  # a radix sort
            del toks
        else:  # two stable radix passes: the low 16 bits, then the high ones
            low = np.argsort((toks & 0xFFFF).astype(np.uint16), kind="stable")
            high = (toks >> 16).astype(np.uint16)[low]
            del toks
            order = low[np.argsort(high, kind="stable")]
            del low, high
        units = np.concatenate(self.units)
        self.units, self.size = [], 0
        units = units[order]
        del order
        present = np.flatnonzero(counts)
        runs = counts[present]
        ends = np.cumsum(runs)
        if not final:
            rare = runs < MIN_ROW
            held = int(runs[rare].sum())
            if held and 4 * held <= len(units):  # kept, in front of what comes next (their ids are smaller)
                self.toks = [np.repeat(present[rare], runs[rare]).astype(np.int32)]
                self.units = [units[np.repeat(rare, runs)]]
                self.size = held
                present, ends = present[~rare], ends[~rare]
                runs = runs[~rare]
        lb = lens[units].tobytes()
        units += np.uint32(first)  # ids are stored as uint32
        ids = units.astype("<u4", copy=False).tobytes()
        del units
        name, dcodes = codes.name, dense.codes
        for tok, e, n in zip(present.tolist(), ends.tolist(), runs.tolist(), strict=True):
            yield name(dcodes[tok]), ids[(e - n) * 4 : e * 4], lb[e - n : e]
