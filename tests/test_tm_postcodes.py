"""A worker's postings (tm/sqlite/postcodes.py) come out of a flush grouped by stem, in order of dense id,
each stem's unit ids ascending with their numbers of stems: checked against a plain Python
grouping, below and above 65,536 distinct stems (one radix pass, then two)."""

from __future__ import annotations

import numpy as np
import pytest

from tarjimon.core.tm.sqlite.batchkeys import Codes
from tarjimon.core.tm.sqlite.postcodes import Dense, PartPostings


def _reference(batches: list[tuple[list[int], list[int]]], codes: Codes, first: int,
               lens: np.ndarray) -> list[tuple[str, list[int], list[int]]]:
    order: dict[int, list[int]] = {}
    for toks, units in batches:
        for code, unit in zip(toks, units, strict=True):
            order.setdefault(code, []).append(unit)
    return [(codes.name(code), [u + first for u in units], [int(lens[u]) for u in units])
            for code, units in order.items()]


@pytest.mark.parametrize("stems", [50, 70_000])
def test_a_flush_groups_the_postings_by_stem_with_ascending_ids(stems: int) -> None:
    rng = np.random.default_rng(stems)
    codes, dense = Codes(), Dense()
    names = [f"s{i}" for i in range(stems)]  # longer than 5 bytes from s1000 on: codes above 2**40 too
    post = PartPostings()
    batches = []
    unit = 0
    for _ in range(4):
        toks: list[int] = []
        units: list[int] = []
        for _ in range(stems // 2 + 200):
            # a unit's distinct stems; the first batch brings every stem in, in a shuffled order
            picked = rng.choice(stems, size=int(rng.integers(1, 6)), replace=False)
            toks += [codes.code(names[i]) for i in picked]
            units += [unit] * len(picked)
            unit += 1
        batches.append((toks, units))
        post.add(dense.ids(np.array(toks, dtype=np.uint64)), np.array(units, dtype=np.uint32))
    lens = rng.integers(1, 255, size=unit).astype(np.uint8)
    got = [(name, np.frombuffer(ids, dtype="<u4").tolist(), list(ls)) for name, ids, ls in
           post.rows(dense, codes, 1_000_000, lens)]
    want = _reference(batches, codes, 1_000_000, lens)
    assert len(dense.codes) == len(want) and (len(want) > 1 << 16) == (stems > 1 << 16)
    assert [name for name, _, _ in got] == [codes.name(c) for c in dense.codes]  # in dense id order
    assert sorted(got) == sorted(want)
    assert post.size == 0 and list(post.rows(dense, codes, 0, lens)) == []
