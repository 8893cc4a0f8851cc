"""The TM lookup's fast paths (issue 11 goal 4) give what the plain computations give.

- candidates are summed in a dense per-thread accumulator: the same best units as summing by sorting;
- document frequencies and the highest id are remembered per TM generation: a write is seen at once;
- stale postings (a deleted unit with the highest id) neither crash nor come back;
- `_moved` counts shared words with sets when it can: the same as multiset counting;
- converted Cyrillic runs are remembered per lexicon, and forgotten when the lexicon changes;
- the looking-up connection reads through a memory map, a read-only one too.
"""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from rapidfuzz.distance import LCSseq

from tarjimon.core.store import Store
from tarjimon.core.tm import postings
from tarjimon.core.tm.scoring import _moved
from tarjimon.core.tm.sqlite.backend import SqliteMemory


@pytest.fixture
def tm(tmp_path: Path) -> SqliteMemory:
    return SqliteMemory(Store(tmp_path / "p.db"))


def _sorted_rank(chosen: list[tuple[float, tuple[np.ndarray, np.ndarray]]], q_all: float, mean_w: float,
                 limit: int) -> list[tuple[float, int]]:
    """(score, id) of the best units, summed the plain way (float64, by dict)."""
    acc: dict[int, float] = {}
    size: dict[int, int] = {}
    for w, (ids, lens) in chosen:
        for i, n in zip(ids.tolist(), lens.tolist(), strict=True):
            acc[i] = acc.get(i, 0.0) + w
            size[i] = n
    scored = sorted((-2.0 * a / (q_all + size[i] * mean_w), i) for i, a in acc.items())
    return [(-s, i) for s, i in scored[:limit]]


def test_dense_accumulator_ranks_like_plain_summing() -> None:
    rng = np.random.default_rng(7)
    for trial in range(30):
        top = 5000
        lists = {}
        for k in range(int(rng.integers(1, 7))):
            n = int(rng.integers(1, 1500))
            ids = np.sort(rng.choice(top, n, replace=False) + 1).astype("<u4")
            lists[f"t{k}"] = (ids, np.ones(n, dtype=np.uint8))  # one size for all: ties are by id alone
        present = sorted((len(v[0]), t) for t, v in lists.items())
        got = postings.rank(present, top, 10**6, 20, lambda chosen, lists=lists: {t: lists[t] for t in chosen})
        idf = postings.idf_of(present, top)
        mean_w = sum(idf.values()) / len(idf)
        chosen = [(idf[t], lists[t]) for t in postings.choose(present, 10**6)]
        want = _sorted_rank(chosen, mean_w * len(present), mean_w, 20)
        assert len(got) == len(want), trial
        # the same units, best first; equal scores may come in either order only when float rounding differs
        scores = dict((i, s) for s, i in _sorted_rank(chosen, mean_w * len(present), mean_w, 10**6))
        assert [round(scores[i], 4) for i in got] == [round(s, 4) for s, _ in want], trial


def test_a_unit_added_after_a_lookup_is_found(tm: SqliteMemory) -> None:
    """The remembered document frequencies (a stem once absent) are dropped by the write."""
    tm.add("Close the window", "Закройте окно", "en", "ru")
    assert not tm.lookup("Rename the folder quickly", "ru")
    tm.add("Rename the folder quickly", "Быстро переименуйте папку", "en", "ru")
    got = tm.lookup("Rename the folder quickly", "ru")
    assert got and got[0].score == 100 and got[0].target == "Быстро переименуйте папку"


def test_stale_postings_above_the_highest_id(tm: SqliteMemory) -> None:
    tm.add("Open the file", "Откройте файл", "en", "ru")
    last = tm.add("Open the file now", "Откройте файл сейчас", "en", "ru")
    assert tm.lookup("Open the file now", "ru")[0].unit_id == last
    tm.delete(last)  # its postings stay, with an id above MAX(id)
    got = tm.lookup("Open the file now", "ru")
    assert [m.target for m in got] == ["Откройте файл"]


def test_moved_words_counted_like_multisets() -> None:
    def plain(a: list[str], b: list[str]) -> int:
        common = sum((Counter(a) & Counter(b)).values())
        return common - int(LCSseq.similarity(a, b)) if common else 0

    rng = random.Random(3)
    vocab = "a b c d e f".split()
    for _ in range(20000):
        a = [rng.choice(vocab) for _ in range(rng.randrange(7))]
        b = [rng.choice(vocab) for _ in range(rng.randrange(7))]
        assert _moved(a, b) == plain(a, b), (a, b)


def test_converted_runs_forgotten_when_the_lexicon_changes() -> None:
    from tarjimon.core.translit import _cyr2lat
    from tarjimon.core.translit._lexicon import Lexicon

    lex = Lexicon()
    before = _cyr2lat.to_latin("Ҳалқаро зоопарк", lex)
    assert lex.latin_cache  # remembered
    lex.add("зоопарк", "hayvonot bogʻi", "w")
    after = _cyr2lat.to_latin("Ҳалқаро зоопарк", lex)
    assert before == "Halqaro zoopark" and after == "Halqaro hayvonot bogʻi"


def test_lookups_read_through_a_memory_map_also_read_only(tm: SqliteMemory) -> None:
    """The looking-up connection maps the file (PRAGMA mmap_size), a read-only connection too, and finds the same."""
    import sqlite3
    import threading

    from tarjimon.core.tm.sqlite.backend import MMAP_SIZE

    tm.add("Close the window", "Закройте окно", "en", "ru")
    assert tm.store.conn.execute("PRAGMA mmap_size").fetchone()[0] == 0  # SQLite's default: no map
    assert tm.lookup("Close the window", "ru")[0].score == 100
    mapped = tm.store.conn.execute("PRAGMA mmap_size").fetchone()[0]
    assert 0 < mapped <= MMAP_SIZE  # SQLite caps what it is asked for (2 GB by default)
    store = Store(tm.store.path)
    ro = SqliteMemory(store)
    store.read_only = True  # as on a read-only mount: the next thread's connection opens with mode=ro
    seen: list[object] = []

    def look() -> None:
        seen.append(ro.lookup("Close the windows", "ru")[0].target)
        seen.append(store.conn.execute("PRAGMA mmap_size").fetchone()[0])
        try:
            store.conn.execute("CREATE TABLE probe (a)")
            seen.append("writable")
        except sqlite3.OperationalError as exc:
            seen.append(str(exc))

    t = threading.Thread(target=look)
    t.start()
    t.join()
    assert seen[0] == "Закройте окно" and seen[1] == mapped and "readonly" in str(seen[2])
