"""A worker's dedup hashes (tm/sqlite/dedup.py): batches and single units checked against a plain set, with
duplicates inside a batch, across batches (more than MAX_RUNS of them: merged runs) and with single units."""

from __future__ import annotations

import numpy as np

from tarjimon.core.tm.sqlite import dedup
from tarjimon.core.tm.sqlite.dedup import SeenHashes


def test_seen_hashes_keep_the_first_of_each_hash_in_order() -> None:
    rng = np.random.default_rng(7)
    pool = rng.integers(-(2**63), 2**63 - 1, size=3000, dtype=np.int64)
    seen, ref, kept = SeenHashes(), set(), []
    for k in range(3 * dedup.MAX_RUNS):
        if k % 3 == 2:  # a unit read the general way
            h = int(pool[rng.integers(0, len(pool))])
            assert seen.add_one(h) == (h not in ref)
            if h not in ref:
                ref.add(h)
                kept.append(h)
            continue
        batch = pool[rng.integers(0, len(pool), size=int(rng.integers(0, 600)))]
        new = seen.add_batch(batch)
        want = []
        for h in batch.tolist():
            want.append(h not in ref)
            if h not in ref:
                ref.add(h)
                kept.append(h)
        assert new.tolist() == want
    assert seen.kept.tolist() == kept
    assert all(np.all(run[:-1] < run[1:]) for run in seen.runs)  # each run sorted, no repeats


def test_a_batch_of_duplicates_only_leaves_the_next_batch_checked() -> None:
    """A batch whose units were all seen (a block repeated in a part) used to leave an empty run behind: the
    next batch's search then failed (IndexError), the worker gave up and the import fell back to one process."""
    seen = SeenHashes()
    first = np.array([5, 3, 9], dtype=np.int64)
    assert seen.add_batch(first).all()
    assert not seen.add_batch(first).any()
    assert seen.add_batch(np.array([3, 4], dtype=np.int64)).tolist() == [False, True]
    assert seen.add_one(9) is False and seen.add_one(10) is True
