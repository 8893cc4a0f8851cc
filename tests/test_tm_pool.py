"""The candidates' pool (tm/postings.py, issue 11 goal 4, sixth session): the units with the most shared weight
on the lists read are completed with the query's other lists, so a long unit that has every clause of the
sentence is found even when thousands of units share the clauses whose stems are rarest."""

from __future__ import annotations

from array import array
from pathlib import Path

import numpy as np
import pytest

from tarjimon.core.tm import postings, sums

TOP = 1_000_000  # the highest unit id (the IDF's N): the synthetic lists' lengths are "rare" against it


def _lists(rng: np.random.Generator, target: int) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Four nested lists (a clause whose stems always come with three commoner ones: every unit on the first
    is on the others), 3,000 short units and one long `target` on all of them; six commoner lists on which
    the target is too, with random others."""
    sizes = np.full(20_001, 4, dtype=np.uint8)
    sizes[target] = 20
    first = np.sort(np.concatenate(([target], rng.choice(np.arange(1, 10_000), 2999, replace=False))))
    lists: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    ids = first
    for k in range(4):
        lists[f"g{k}"] = (ids.astype("<u4"), sizes[ids])
        more = rng.choice(np.arange(10_000, 20_001), 1000 + k, replace=False)
        ids = np.union1d(ids, more)
    for k in range(6):
        others = rng.choice(np.arange(10_000, 20_001), 7000 + k, replace=False)
        ids = np.union1d(others[others != target], [target])
        lists[f"r{k}"] = (ids.astype("<u4"), sizes[ids])
    return lists


def _rank(lists: dict[str, tuple[np.ndarray, np.ndarray]], budget: int = 10_000, limit: int = 60) -> list[int]:
    present = sorted((len(v[0]), t) for t, v in lists.items())
    return postings.rank(present, TOP, budget, limit, lambda toks: {t: lists[t] for t in toks})


def test_a_long_unit_with_every_clause_is_the_first_candidate(monkeypatch: pytest.MonkeyPatch) -> None:
    lists = _lists(np.random.default_rng(3), target=4321)
    got = _rank(lists)
    assert got[0] == 4321
    # Without the completion (no list is short enough to be probed) the 3,000 short units that tie with it
    # on the lists read rank first by their size: the case the pool is for.
    monkeypatch.setattr(postings, "PROBE_BUDGET", 0)
    assert 4321 not in _rank(lists)


def test_the_pool_ranks_by_every_list_of_the_query(monkeypatch: pytest.MonkeyPatch) -> None:
    """With no cut, the candidates are the pool's best by the Dice-like score over all the query's lists
    (when more than `limit` units tie on the lists read: with fewer, those lists decide, as before)."""
    monkeypatch.setattr(postings, "POOL", 10_000)  # the rarest list's units, all
    monkeypatch.setattr(postings, "KEEP", 10_000)  # never cut
    rng = np.random.default_rng(11)
    lists = {}
    sizes = rng.integers(2, 30, 3001).astype(np.uint8)
    ids = np.sort(rng.choice(np.arange(1, 3001), 150, replace=False))
    for k in range(8):  # four nested lists (150 units tie on them), then four others
        if k < 4:
            ids = np.union1d(ids, rng.choice(np.arange(1, 3001), 40, replace=False))
        else:
            ids = np.sort(rng.choice(np.arange(1, 3001), 150 + 40 * k, replace=False))
        lists[f"t{k}"] = (ids.astype("<u4"), sizes[ids])
    present = sorted((len(v[0]), t) for t, v in lists.items())
    got = postings.rank(present, TOP, 300, 20, lambda toks: {t: lists[t] for t in toks})
    idf = postings.idf_of(present, TOP)
    mean_w = sum(idf.values()) / len(idf)
    weight: dict[int, float] = {}
    for t, (ids, _) in lists.items():
        for u in ids.tolist():
            weight[u] = weight.get(u, 0.0) + idf[t]
    pool = {int(u) for u in lists[present[0][1]][0]} | set(got)  # the rarest list's units and the best by part
    want = sorted(pool, key=lambda u: (-2.0 * weight[u] / (mean_w * len(present) + int(sizes[u]) * mean_w), u))
    assert got == want[:20]
    # the first lists alone (no list probed) rank otherwise
    monkeypatch.setattr(postings, "PROBE_BUDGET", 0)
    assert postings.rank(present, TOP, 300, 20, lambda toks: {t: lists[t] for t in toks}) != got


@pytest.mark.parametrize("seed", range(12))
def test_the_same_candidates_without_numpy(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """The pure-Python path picks the same pool (ties, caps, cuts) and ranks it alike."""
    rng = np.random.default_rng(seed)
    monkeypatch.setattr(postings, "POOL", int(rng.integers(5, 60)))
    monkeypatch.setattr(postings, "POOL_CAP", int(rng.integers(40, 400)))
    monkeypatch.setattr(postings, "KEEP", int(rng.integers(3, 30)))
    sizes = rng.integers(1, 12, 4001).astype(np.uint8)  # few sizes: many equal scores
    clause = np.sort(rng.choice(np.arange(1, 4001), 500, replace=False))
    lists = {}
    for k in range(int(rng.integers(1, 4))):  # identical lists (merged) and nested ones (equal weights)
        lists[f"c{k}"] = (clause.astype("<u4"), sizes[clause])
    for k in range(int(rng.integers(2, 9))):
        ids = np.union1d(clause, rng.choice(np.arange(1, 4001), int(rng.integers(50, 1500)), replace=False))
        if k % 3 == 2:
            ids = np.sort(rng.choice(np.arange(1, 4001), int(rng.integers(20, 900)), replace=False))
        lists[f"o{k}"] = (ids.astype("<u4"), sizes[ids])
    present = sorted((len(v[0]), t) for t, v in lists.items())
    budget, limit = int(rng.integers(300, 3000)), int(rng.integers(5, 40))
    with_numpy = postings.rank(present, 4000 * 40, budget, limit, lambda toks: {t: lists[t] for t in toks})
    plain = {t: (array("I", v[0].tolist()), bytes(v[1].tolist())) for t, v in lists.items()}
    monkeypatch.setattr(postings, "np", None)
    without = postings.rank(present, 4000 * 40, budget, limit, lambda toks: {t: plain[t] for t in toks})
    assert with_numpy == without


def test_lists_read_in_parts_are_put_in_ascending_order() -> None:
    parts = [np.array([7, 9, 12], dtype="<u4"), np.array([1, 3, 5], dtype="<u4"), np.array([20], dtype="<u4")]
    ids = np.concatenate(parts)
    lens = np.arange(len(ids), dtype=np.uint8)
    got_ids, got_lens = postings.ascending(ids, lens)
    assert got_ids.tolist() == [1, 3, 5, 7, 9, 12, 20]
    assert got_lens.tolist() == [3, 4, 5, 0, 1, 2, 6]  # each unit's size goes with it
    same = postings.ascending(got_ids, got_lens)
    assert same[0] is got_ids  # an ascending list is kept as it is


@pytest.mark.parametrize("seed", [3, 4, 5, 7])
def test_few_ties_on_the_lists_read_rank_as_before(seed: int) -> None:
    """When at most `limit` entries share the highest weight and the units with it are among the `limit` best
    by the partial score, the candidates are the best by the partial score, as they were before the pool (the
    lists not read are not needed); when one of them ranks below (seeds 5: its size counts stems the lists read
    do not), the lists not read decide."""
    rng = np.random.default_rng(seed)
    sizes = rng.integers(2, 30, 3001).astype(np.uint8)
    lists = {}
    for k in range(8):
        ids = np.sort(rng.choice(np.arange(1, 3001), 150 + 40 * k, replace=False))
        lists[f"t{k}"] = (ids.astype("<u4"), sizes[ids])
    present = sorted((len(v[0]), t) for t, v in lists.items())
    got = postings.rank(present, TOP, 300, 20, lambda toks: {t: lists[t] for t in toks})
    idf = postings.idf_of(present, TOP)
    mean_w = sum(idf.values()) / len(idf)
    weight: dict[int, float] = {}
    for _, t in present[:4]:  # the four lists read (MIN_TOKENS), the others not
        for u in lists[t][0].tolist():
            weight[u] = weight.get(u, 0.0) + idf[t]
    top = max(weight.values())
    assert sum(1 for _, t in present[:4] for u in lists[t][0].tolist() if abs(weight[u] - top) < 1e-6) <= 20
    want = sorted(weight, key=lambda u: (-2.0 * weight[u] / (mean_w * len(present) + int(sizes[u]) * mean_w), u))
    decided = all(u in want[:20] for u, w in weight.items() if abs(w - top) < 1e-6)
    assert decided == (seed != 5)
    assert (got == want[:20]) == decided


def test_through_the_sqlite_index_with_lists_in_several_parts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """End to end: 301 units share the sentence's rarest clause and the commoner stems read with it (all tie);
    the unit with the sentence's other words too (added last, in its own import: every list comes in several
    parts) is the first match."""
    from tarjimon.core.models.tm import NewUnit
    from tarjimon.core.store import Store
    from tarjimon.core.tm.sqlite import index
    from tarjimon.core.tm.sqlite.backend import SqliteMemory

    def unit(text: str) -> NewUnit:
        return NewUnit("en", "ru", "en", "ru", text, text.upper())

    tm = SqliteMemory(Store(tmp_path / "p.db"))
    clause = "alfa bravo charlie delta kilo"
    batches = [[unit(f"{clause} x{i}") for i in range(300)]]
    batches.append([unit(f"charlie y{i}") for i in range(200)] + [unit(f"delta z{i}") for i in range(400)]
                   + [unit(f"kilo w{i}") for i in range(600)])
    batches.append([unit(f"{w} {w}{i}") for w in ("echo", "foxtrot", "golf", "hotel") for i in range(1000)])
    target = f"{clause} echo foxtrot golf hotel"
    batches.append([unit(target)])
    for b in batches:
        tm.import_units(b)
    monkeypatch.setattr(index, "READ_BUDGET", 500)  # the clause's lists and three commoner ones are read
    monkeypatch.setattr(postings, "PROBE_BUDGET", 10**9)  # every list not read may be probed
    best = tm.lookup(target, "ru")[0]
    assert best.score == 100 and best.target == target.upper()
    monkeypatch.setattr(postings, "PROBE_BUDGET", 0)  # no list probed: ranked by the lists read alone
    assert tm.lookup(target, "ru", min_score=0, limit=1)[0].target != target.upper()


@pytest.mark.parametrize("seed", range(8))
def test_a_low_border_on_the_rarest_list_cuts_nothing_that_ranks(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """The rarest list's units are long (low scores) and the commoner lists' short: the limit-th best entry of
    the rarest list leaves thousands of entries above it, cut again at the (limit x lists)-th best entry among
    them (tmlookup7). The candidates are still the best units by the partial score, ties by id (as the
    pure-Python path, which never cuts, and a brute force give them)."""
    rng = np.random.default_rng(100 + seed)
    n = 6000
    sizes = rng.integers(2, 6, n + 1).astype(np.uint8)  # few sizes: ties at every border
    rare = np.sort(rng.choice(np.arange(1, n + 1), 80, replace=False))
    sizes[rare] = rng.integers(30, 40, len(rare))
    lists = {"a": (rare.astype("<u4"), sizes[rare])}
    for k in range(3):
        ids = np.union1d(rng.choice(rare, 10, replace=False), rng.choice(np.arange(1, n + 1), 1500 + 300 * k,
                                                                         replace=False))
        lists[f"b{k}"] = (ids.astype("<u4"), sizes[ids])
    present = sorted((len(v[0]), t) for t, v in lists.items())
    limit, top = 10, 4000 * 40
    cut = []
    kth = postings._kth
    monkeypatch.setattr(postings, "_kth", lambda v, k: cut.append(k) or kth(v, k))
    got = postings.rank(present, top, 100_000, limit, lambda toks: {t: lists[t] for t in toks})
    assert limit * len(lists) in cut  # the new cut ran
    idf = postings.idf_of(present, top)
    mean_w = sum(idf.values()) / len(idf)
    weight: dict[int, float] = {}
    for t, (ids, _) in lists.items():
        for u in ids.tolist():
            weight[u] = weight.get(u, 0.0) + idf[t]
    want = sorted(weight, key=lambda u: (-2.0 * weight[u] / (mean_w * len(present) + int(sizes[u]) * mean_w), u))
    assert got == want[:limit]
    plain = {t: (array("I", v[0].tolist()), bytes(v[1].tolist())) for t, v in lists.items()}
    monkeypatch.setattr(postings, "np", None)
    assert postings.rank(present, top, 100_000, limit, lambda toks: {t: plain[t] for t in toks}) == got


@pytest.mark.parametrize("seed", range(6))
def test_the_sums_from_list_bits_are_the_float_sums(seed: int) -> None:
    """sums.totals marks each unit's lists as bits and reads its sum from a table of float32 sums built in list
    order: exactly what adding the weights in a float32 array gives; a list naming a unit twice (which the
    index's maintenance should never leave) takes the float array, which counts it twice."""
    rng = np.random.default_rng(seed)
    k = int(rng.integers(1, 11))  # up to 8 lists take the bits, more the float array
    parts = [np.sort(rng.choice(np.arange(1, 5_000), int(rng.integers(1, 2_000)), replace=False)) for _ in range(k)]
    if seed % 3 == 2:  # a duplicated id in one list
        parts[0] = np.sort(np.concatenate((parts[0], parts[0][:1])))
    weights = [float(w) for w in rng.uniform(0.1, 9.0, k)]
    ids = np.concatenate(parts).astype(np.intp)
    acc = np.zeros(5_000, dtype=np.float32)
    for w, part in zip(weights, parts, strict=True):
        np.add.at(acc, part, np.float32(w))
    expected = acc[ids]
    got = sums.totals(ids, [(w, len(p)) for w, p in zip(weights, parts, strict=True)], 5_000)
    assert got.dtype == np.float32
    assert got.tobytes() == expected.tobytes()
    again = sums.totals(ids, [(w, len(p)) for w, p in zip(weights, parts, strict=True)], 5_000)
    assert again.tobytes() == expected.tobytes()  # the thread's arrays were left zeroed


@pytest.mark.parametrize("spread", [5_000, 50_000_000])
def test_the_sums_leave_the_bits_zeroed_and_remember_ascending_lists(spread: int) -> None:
    """totals zeroes its byte array over the ids' range when it is short (a memset) and entry by entry when the
    ids are sparse: either way the thread's array is all zeros after; a list given with its own id array is
    checked for a repeated id once and then trusted, and gives the same sums every time."""
    rng = np.random.default_rng(spread)
    parts = [np.sort(rng.choice(np.arange(1, spread), 300, replace=False)).astype("<u4") for _ in range(4)]
    weights = [1.5, 2.25, 0.75, 3.0]
    ids = np.concatenate(parts, dtype=np.intp)
    acc = np.zeros(spread, dtype=np.float32)
    for w, part in zip(weights, parts, strict=True):
        np.add.at(acc, part, np.float32(w))
    lists = [(w, len(p)) for w, p in zip(weights, parts, strict=True)]
    for _ in range(3):
        assert sums.totals(ids, lists, spread, parts).tobytes() == acc[ids].tobytes()
        assert not sums.accumulator(spread, np.uint8)[:spread].any()
    assert all(sums._ASCENDING.get(id(p)) is p for p in parts)
    twice = [np.sort(np.concatenate((parts[0], parts[0][:1])))]  # a unit named twice: the float array's sums
    ids2 = np.asarray(twice[0], dtype=np.intp)
    expected = np.zeros(spread, dtype=np.float32)
    np.add.at(expected, twice[0], np.float32(2.0))
    assert sums.totals(ids2, [(2.0, len(ids2))], spread, twice).tobytes() == expected[ids2].tobytes()
    assert sums._ASCENDING.get(id(twice[0])) is None


def test_a_long_unit_on_a_small_vocabulary_is_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A newsroom's TM of one article's clauses joined 1-4 at a time (tmagree10: the goal's 1M uz units are
    such a TM): most stems are in more than 1/32 of the units, so a rule probing only the lists shorter than
    1/32 of the TM probed none, and a long unit with every clause of the sentence (one slip) ranked below the
    shorter units with some of them, by its size. The lists not read now decide (within PROBE_BUDGET entries),
    and the stems not probed are not held against a unit (its share of them credited): the sentence's own unit
    comes first."""
    import random

    from tarjimon.core.models.tm import NewUnit
    from tarjimon.core.store import Store
    from tarjimon.core.tm.scoring import Query, full_score
    from tarjimon.core.tm.sqlite import index
    from tarjimon.core.tm.sqlite.backend import SqliteMemory

    rng = random.Random(2)
    words = ["".join(rng.choice("abdefgiklmnoprstuvz") for _ in range(rng.randint(5, 9))) for _ in range(120)]
    clauses = [" ".join(rng.sample(words, rng.randint(4, 7))) for _ in range(40)]
    units: list[str] = []
    while len(units) < 3000:
        s = ", ".join(rng.sample(clauses, rng.choice((1, 2, 2, 3, 4)))) + "."
        if s not in units:
            units.append(s)
    tm = SqliteMemory(Store(tmp_path / "clauses.db"))
    tm.import_units([NewUnit("en", "ru", "en", "ru", u, u.upper()) for u in units])
    monkeypatch.setattr(index, "READ_BUDGET", 150)  # 5% of the TM, as 30,000 postings of 1M units are 3%
    longs = [u for u in units if u.count(",") >= 3]
    unit = rng.sample(longs, 40)[19]
    word = unit.split()[2]
    sentence = unit.replace(word, word[:-1] + "x", 1)
    q = Query.of(sentence, "en")
    scores = sorted((full_score(sentence, q, u, Query.of(u, "en").key)[0], u) for u in units)
    assert scores[-1] == (99, unit) and scores[-2][0] < 80  # the exhaustive search: the unit, far ahead
    best = tm.lookup(sentence, "ru", source_lang="en", min_score=0, limit=1)[0]
    assert (best.score, best.target) == (99, unit.upper())


@pytest.mark.parametrize("seed", range(20))
def test_a_cut_keeps_the_best_then_the_ties_nearest_in_size_then_the_lowest_indexes(seed: int) -> None:
    """The pool's cut (_best with the size distances: counted, not partitioned) against a plain sort."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 3000))
    value = rng.integers(0, 4, n).astype(np.float64)  # few values: thousands of ties at the border
    dist = rng.integers(0, int(rng.integers(1, 40)), n).astype(np.intp)
    k = int(rng.integers(1, n + 1))
    want = sorted(sorted(range(n), key=lambda i: (-value[i], dist[i], i))[:k])
    assert postings._best(value, k, dist).tolist() == want
    assert postings._best(value, k).tolist() == sorted(sorted(range(n), key=lambda i: (-value[i], i))[:k])
