"""Word order in TM scoring (docs/tm-scoring.md, section 2): whether a unit's words stand in another order than
the sentence's, and the unit's words put in the sentence's order, which the base score is computed on again."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from operator import itemgetter

from rapidfuzz.distance import LCSseq


def _moved(a: Sequence[str], b: Sequence[str]) -> int:
    """How many words both sequences have but not in the same order (shared bag minus common subsequence)."""
    sa = set(a)
    if len(sa) == len(a):  # no word twice in a (the common case): the shared bag is the shared set
        common = len(sa.intersection(b))
    else:
        sb = set(b)
        common = len(sb.intersection(a)) if len(sb) == len(b) else sum((Counter(a) & Counter(b)).values())
    return common - int(LCSseq.similarity(a, b)) if common > 1 else 0  # one shared word cannot move


def _in_order_of(query: Sequence[str], unit: Sequence[str],
                 where: dict[str, list[int]] | None = None) -> list[str]:
    """The unit's words, those the query has moved to the query's order; the others follow their neighbour.
    `where`: each query word's positions (_positions(query)), when the caller has them already.

    A word the query has takes the query's next free position of that word; every other word follows the last
    word placed before it (the words before the first placed one lead). So the result is the leading words,
    then each placed word with the words following it, in the order of the placed words' positions: the
    positions are distinct, so one sort of the placed runs (a few per unit) instead of one of every word."""
    if where is None:
        where = _positions(query)
    taken: dict[str, int] = {}  # how many of a word's positions the unit has used
    runs: list[tuple[int, list[str]]] = []
    run: list[str] = []  # the leading words, then the run of the last word placed
    lead = run
    for w in unit:
        spots = where.get(w)
        if spots:
            k = taken.get(w, 0)
            if k < len(spots):
                taken[w] = k + 1
                run = [w]
                runs.append((spots[k], run))
                continue
        run.append(w)
    runs.sort(key=_first)
    for _p, r in runs:
        lead += r
    return lead


_first = itemgetter(0)


def _in_order_unique(pos: dict[str, int], unit: Sequence[str]) -> list[str]:
    """_in_order_of when no word is twice in the query (`pos`: each query word's position): a query word
    takes its position at its first occurrence in the unit, a later one follows its neighbour."""
    runs: list[tuple[int, list[str]]] = []
    run: list[str] = []
    lead = run
    taken: set[str] = set()
    get = pos.get
    for w in unit:
        p = get(w)
        if p is not None and w not in taken:
            taken.add(w)
            run = [w]
            runs.append((p, run))
        else:
            run.append(w)
    runs.sort(key=_first)
    for _p, r in runs:
        lead += r
    return lead


def _positions(words: Sequence[str]) -> dict[str, list[int]]:
    where: dict[str, list[int]] = {}
    for i, w in enumerate(words):
        where.setdefault(w, []).append(i)
    return where
