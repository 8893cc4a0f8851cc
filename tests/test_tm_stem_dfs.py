"""The document frequencies a lookup's stems are ranked by, kept per language pair and stem in the process's
posting cache (tm/sqlite/index.py `candidates`): a lookup gives the same candidates whether its stems were
seen before, are new, or come after the kept frequencies were emptied for being too many."""

from __future__ import annotations

from pathlib import Path

import pytest

from tarjimon.core.store import Store
from tarjimon.core.tm.sqlite import index
from tarjimon.core.tm.sqlite.backend import SqliteMemory
from tarjimon.core.tm.text import query_key

SENTENCES = [f"The council of district {d} met on day {i} to discuss the new road plan {i % 3}"
             for d in range(4) for i in range(25)] + [f"Weather report number {i}: rain and wind" for i in range(40)]
# (pairs: the second query's stems partly seen in the first, partly new)
QUERIES = ["The council of district 2 met on day 7 to discuss the road plan", "Weather report: rain, wind and snow",
           "wind the weather day rain plan snow discuss", "to number rain snow on district",
           "and weather plan rain snow the to report", "new weather on and discuss district",
           "district council road plan meeting", "The council met", "completely unrelated words here"]


def _candidates(tm: SqliteMemory, cache: index.PostingCache, text: str) -> list[int]:
    return index.candidates(tm.store.conn, "en>ru", query_key(text, "en")[1], cache)


def test_the_same_candidates_when_the_kept_frequencies_are_emptied(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """With room for only a few frequencies, every lookup empties the kept ones part way (its stems seen
    before and its new ones both): the candidates are still those of a process that kept them all. (Before,
    emptying them between the new stems' query and the ranking dropped the stems seen before from it.)"""
    tm = SqliteMemory(Store(tmp_path / "p.db"))
    for k, s in enumerate(SENTENCES):
        tm.add(s, f"Перевод {k}", "en", "ru")
    roomy = index.PostingCache()
    want = [_candidates(tm, roomy, q) for q in QUERIES * 2]
    assert all(want[:4])
    monkeypatch.setattr(index, "DF_ENTRIES", 6)
    tight = index.PostingCache()
    assert [_candidates(tm, tight, q) for q in QUERIES * 2] == want
    assert len(tight.dfs) <= 6 + 14 and all(len(v) <= 6 + 14 for v in tight.present.values())


def test_a_new_generation_forgets_the_frequencies(tmp_path: Path) -> None:
    """A unit added changes the frequencies: the cache's next check (a new generation) forgets what it kept, so
    the next lookup ranks by the new ones, as a fresh process would."""
    tm = SqliteMemory(Store(tmp_path / "p.db"))
    for k, s in enumerate(SENTENCES[:30]):
        tm.add(s, f"Перевод {k}", "en", "ru")
    q = "Weather report: rain and wind over district 1"
    tm.lookup(q, "ru", source_lang="en")
    for k, s in enumerate(SENTENCES[100:]):
        tm.add(s, f"Погода {k}", "en", "ru")
    got = tm.lookup(q, "ru", source_lang="en")
    fresh = SqliteMemory(Store(tmp_path / "p.db")).lookup(q, "ru", source_lang="en")
    assert [m.unit_id for m in got] == [m.unit_id for m in fresh]
    assert got and got[0].source.startswith("Weather report")
