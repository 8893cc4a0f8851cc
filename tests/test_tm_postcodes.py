"""A worker's postings (tm/sqlite/postcodes.py) come out of its flushes grouped by stem, in order of dense id,
each stem's unit ids ascending with their numbers of stems: checked against a plain Python grouping, below and
above 65,536 distinct stems (one radix pass, then two), with a flush before the part's end that keeps the
rare stems back for the next one."""

from __future__ import annotations

import numpy as np
import pytest

from tarjimon.core.tm.sqlite import postcodes
from tarjimon.core.tm.sqlite.batchkeys import Codes
from tarjimon.core.tm.sqlite.postcodes import Dense, PartPostings


def _reference(batches: list[tuple[list[int], list[int]]], codes: Codes, first: int,
               lens: np.ndarray) -> dict[str, tuple[list[int], list[int]]]:
    order: dict[int, list[int]] = {}
    for toks, units in batches:
        for code, unit in zip(toks, units, strict=True):
            order.setdefault(code, []).append(unit)
    return {codes.name(code): ([u + first for u in units], [int(lens[u]) for u in units])
            for code, units in order.items()}


def _batch(rng: np.random.Generator, codes: Codes, names: list[str], weights: np.ndarray, unit: int,
           n: int) -> tuple[list[int], list[int]]:
    """n units from `unit` on, each with 1-5 distinct stems drawn by `weights`, ascending by unit."""
    stems = len(names)
    drawn = rng.choice(stems, size=5 * n, p=weights)
    take = np.arange(5 * n) % 5 < np.repeat(rng.integers(1, 6, size=n), 5)
    pairs = np.unique((np.repeat(np.arange(n), 5) * stems + drawn)[take])  # distinct (unit, stem), by unit
    return [codes.code(names[i]) for i in (pairs % stems).tolist()], (pairs // stems + unit).tolist()


@pytest.mark.parametrize(("stems", "zipf"), [(300, 1.0), (120_000, 0.5)])
def test_flushes_group_the_postings_by_stem_with_ascending_ids(stems: int, zipf: float) -> None:
    rng = np.random.default_rng(stems)
    codes, dense = Codes(), Dense()
    names = [f"s{i}" for i in range(stems)]  # longer than 5 bytes from s1000 on: codes above 2**40 too
    weights = 1.0 / np.arange(1, stems + 1) ** zipf  # a few frequent stems, many rare ones
    weights /= weights.sum()
    post = PartPostings()
    batches = []
    unit = 0
    lens = rng.integers(1, 255, size=400_000).astype(np.uint8)
    got: dict[str, tuple[list[int], list[int]]] = {}
    flushes = []
    for k in range(4):
        toks, units = _batch(rng, codes, names, weights, unit, stems // 8 + 2000)
        unit = units[-1] + 1
        batches.append((toks, units))
        post.add(dense.ids(np.array(toks, dtype=np.uint64)), np.array(units, dtype=np.uint32))
        if k in (1, 3):
            rows = [(name, np.frombuffer(ids, dtype="<u4").tolist(), list(ls))
                    for name, ids, ls in post.rows(dense, codes, 1_000_000, lens, final=k == 3)]
            index = {c: i for i, c in enumerate(dense.codes)}
            assert [index[codes.code(name)] for name, _, _ in rows] == sorted(index[codes.code(n)] for n, _, _ in rows)
            flushes.append(rows)
            for name, ids, ls in rows:
                a, b = got.setdefault(name, ([], []))
                assert not a or a[-1] < ids[0]  # a later flush's ids come after an earlier one's
                a += ids
                b += ls
    assert got == _reference(batches, codes, 1_000_000, lens)
    assert (len(dense.codes) > 1 << 16) == (stems > 1 << 16)
    # the flush before the end wrote only the frequent stems, or everything when the rare ones were too many
    early = flushes[0]
    if min(len(ids) for _, ids, _ in early) < postcodes.MIN_ROW:
        assert sum(len(ids) for _, ids, _ in early) == sum(len(t) for t, _ in batches[:2])
    else:
        assert sum(len(ids) for _, ids, _ in early) < sum(len(t) for t, _ in batches[:2])
    assert post.size == 0 and list(post.rows(dense, codes, 0, lens)) == []


def test_the_rare_stems_wait_for_the_next_flush() -> None:
    codes, dense = Codes(), Dense()
    post = PartPostings()
    frequent, rare = codes.code("often"), codes.code("seldom")
    toks = [frequent] * 300 + [rare] * 3
    units = list(range(300)) + [5, 6, 7]
    order = np.argsort(units, kind="stable")  # units ascending, as a batch gives them
    post.add(dense.ids(np.array(toks, dtype=np.uint64)[order]), np.array(units, dtype=np.uint32)[order])
    lens = np.full(400, 2, dtype=np.uint8)
    first = [(name, np.frombuffer(ids, dtype="<u4").tolist()) for name, ids, _ in
             post.rows(dense, codes, 10, lens, final=False)]
    assert first == [("often", list(range(10, 310)))] and post.size == 3
    post.add(dense.ids(np.array([rare, frequent], dtype=np.uint64)), np.array([350, 351], dtype=np.uint32))
    last = [(name, np.frombuffer(ids, dtype="<u4").tolist()) for name, ids, _ in post.rows(dense, codes, 10, lens)]
    assert sorted(last) == [("often", [361]), ("seldom", [15, 16, 17, 360])]
