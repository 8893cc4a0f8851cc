"""The pool's counts and probes without binary searches (tm/postings.py, issue 11 goal 4, eleventh session): a
pool unit's stems on the lists read come from its lists' bits (tm/sums.py `marked`), and a big pool's first
probe reads the list's marks from a byte array. Both must give exactly what the binary searches gave; and
_kth, which now samples before it checks the ties, the sorted k-th largest."""

from __future__ import annotations

import numpy as np
import pytest

from tarjimon.core.tm import postings, sums


@pytest.mark.parametrize("seed", range(8))
def test_a_pool_is_found_on_a_list_as_by_binary_search(seed: int) -> None:
    """_on marks the list in a byte array when the pool is big against it, else searches: the same answer,
    and the thread's byte array is left zeroed (a list in a short id range cleared by a memset, a sparse one
    entry by entry)."""
    rng = np.random.default_rng(seed)
    spread = 5_000 if seed % 2 else 40_000_000
    for _ in range(6):
        lst = np.sort(rng.choice(np.arange(spread), int(rng.integers(1, 3_000)), replace=False)).astype("<u4")
        on = rng.choice(lst, int(rng.integers(0, len(lst) + 1)), replace=False)  # some of the list's units
        pool = np.union1d(on, rng.choice(np.arange(spread), int(rng.integers(1, 4_000)), replace=False)).astype("<u4")
        want = np.isin(pool, lst)
        assert np.array_equal(postings._on(lst, pool), want)
        assert not sums.accumulator(1, np.uint8).any()


def _clause_lists(rng: np.random.Generator, twice: bool) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """A clause's lists (hundreds of units tie on them: the pool decides) and commoner ones probed; with
    `twice`, a list names one unit twice (the float sums' path, without the lists' bits)."""
    sizes = rng.integers(1, 12, 6001).astype(np.uint8)
    clause = np.sort(rng.choice(np.arange(1, 6001), 700, replace=False))
    lists = {}
    for k in range(int(rng.integers(1, 4))):
        lists[f"c{k}"] = (clause.astype("<u4"), sizes[clause])
    for k in range(int(rng.integers(3, 9))):
        ids = np.union1d(clause[:: k + 2], rng.choice(np.arange(1, 6001), int(rng.integers(100, 2500)), replace=False))
        lists[f"o{k}"] = (ids.astype("<u4"), sizes[ids])
    if twice:
        ids = np.sort(np.concatenate((clause, clause[:1])))
        lists["c0"] = (ids.astype("<u4"), sizes[ids])
    return lists


@pytest.mark.parametrize("seed", range(10))
def test_the_pool_counts_from_the_lists_bits_as_by_searching_the_lists(seed: int, monkeypatch: pytest.MonkeyPatch
                                                                      ) -> None:
    """The candidates are the same whether a pool unit's stems on the lists read are counted from its lists'
    bits or by searching each list read (what rank did before; forced by giving no bits), with lists probed
    and stems left unprobed, and with a list that names a unit twice (no bits: the searches)."""
    rng = np.random.default_rng(seed)
    monkeypatch.setattr(postings, "POOL", int(rng.integers(20, 300)))
    monkeypatch.setattr(postings, "KEEP", int(rng.integers(5, 60)))
    monkeypatch.setattr(postings, "PROBE_BUDGET", int(rng.integers(500, 4_000)))  # some stems not probed
    lists = _clause_lists(rng, twice=seed % 4 == 3)
    present = sorted((len(v[0]), t) for t, v in lists.items())
    budget, limit = int(rng.integers(700, 3000)), int(rng.integers(5, 40))
    calls = []
    real = postings.marked

    def spy(*a, **k):  # type: ignore[no-untyped-def]
        got = real(*a, **k)
        calls.append(got[1] is not None)
        return got

    monkeypatch.setattr(postings, "marked", spy)
    with_bits = postings.rank(present, 6000 * 40, budget, limit, lambda toks: {t: lists[t] for t in toks})
    assert calls == [seed % 4 != 3]  # the bits, but for the list naming a unit twice
    monkeypatch.setattr(postings, "marked", lambda *a, **k: (real(*a, **k)[0], None))
    searched = postings.rank(present, 6000 * 40, budget, limit, lambda toks: {t: lists[t] for t in toks})
    assert with_bits == searched


@pytest.mark.parametrize("seed", range(6))
def test_the_kth_largest_through_a_sample_is_the_sorted_one(seed: int) -> None:
    """_kth samples first and checks the ties at the top or the bottom only when the sample shows them: the k-th
    largest is still exactly the sorted one, with thousands tied at the top, at the bottom, or just under the
    top (more than k tied there, few in the sample), and with few distinct values."""
    rng = np.random.default_rng(seed)
    for _ in range(40):
        n = int(rng.integers(1, 30_000))
        kind = int(rng.integers(0, 4))
        if kind == 0:
            value = rng.random(n).astype(np.float32)
        elif kind == 1:  # few distinct values: many ties everywhere
            value = rng.integers(0, 5, n).astype(np.float64)
        elif kind == 2:  # most at the bottom, a few above
            value = np.zeros(n)
            value[rng.choice(n, int(rng.integers(0, min(n, 80) + 1)), replace=False)] = rng.random()
        else:  # a block tied at the top, sparse against a sample's stride
            value = rng.random(n).astype(np.float32)
            value[rng.choice(n, int(rng.integers(1, min(n, 300) + 1)), replace=False)] = 2.0
        k = int(rng.integers(1, min(n, 400) + 1))
        assert postings._kth(value, k) == np.sort(value)[n - k]
