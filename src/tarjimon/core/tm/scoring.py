"""How a TM unit is scored against a sentence (the formula is documented in docs/tm-scoring.md).

    base  = 0.50 * C + 0.25 * W + 0.25 * S
    C     = rapidfuzz Indel similarity of the two matching keys, characters (0-100)
    W     = Levenshtein similarity of the two word sequences (whole words are the symbols)
    S     = the same on the word stems (first 5 characters)
    when some words of the unit stand in another order, base is also computed with the unit's words put in
    the sentence's order (a bag of words), the better of the two counts, and the "word-order" penalty shows
    score = 100 - penalties                      if the keys are identical
          = min(99, round(base)) - penalties     otherwise (and never below 0)
    101   = identical text (no penalty) and the same previous and next source segments

C rewards shared characters (an inflected word still counts mostly), W punishes changed words, S forgives
a changed suffix on an agglutinative stem; half character-level, half word-level.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import LCSseq, Levenshtein

try:  # numpy lets rapidfuzz score all the candidates of a lookup in one call (process.cdist)
    import numpy as np
    from rapidfuzz.process import cdist
except ImportError:  # pragma: no cover - exercised by test_tm_scoring's no-numpy test
    np = None  # type: ignore[assignment]

from tarjimon.core.text.stems import STEM, stems_of
from tarjimon.core.tm.penalties import (  # noqa: F401 - the penalties' names, imported from here by callers
    PENALTIES,
    Differences,
    _fold_letters,
    _latin,
    _marks,
    _profile,
    _surface,
    _without_t_y,
    penalties_for,
)
from tarjimon.core.tm.text import query_key
from tarjimon.core.tm.wordorder import _in_order_of, _in_order_unique, _moved, _positions  # noqa: F401

W_CHAR, W_WORD, W_STEM = 0.50, 0.25, 0.25


@dataclass(frozen=True)
class Query:
    """A sentence prepared once for scoring against many units."""

    text: str
    lang: str
    key: str
    words: tuple[str, ...]
    stems: tuple[str, ...]

    @classmethod
    def of(cls, text: str, lang: str) -> Query:
        key = query_key(text, lang)[0]  # key_of(text, lang), shared with the index's look-up
        words = tuple(key.split())
        return cls(text, lang, key, words, tuple(stems_of(words)))


def base_score(q: Query, unit_key: str) -> float:
    """The fuzzy part of the score (0-100) from the two matching keys."""
    if q.key == unit_key:
        return 100.0
    words = unit_key.split()
    base = _base(q.key, q.words, q.stems, unit_key, words)
    if base < 100.0 and _moved(q.words, words):
        # the same words in another order: score the unit with its words in the sentence's order too
        again = _in_order_of(q.words, words)
        base = max(base, _base(q.key, q.words, q.stems, " ".join(again), again))
    return base


def base_scores(q: Query, unit_keys: Sequence[str]) -> list[float]:
    """base_score(q, key) for each key, the same numbers, computed by rapidfuzz's C++ matrix functions in a
    few calls instead of a Python loop over the candidates of a lookup (numpy needed; else the loop)."""
    return base_scores_moved(q, unit_keys)[0]


def base_scores_moved(q: Query, unit_keys: Sequence[str]) -> tuple[list[float], list[bool]]:
    """base_scores, and for each key whether some words it shares with the sentence stand in another order
    (_moved: what the "word-order" penalty shows), which the base score finds anyway."""
    if np is None or len(unit_keys) < 4:
        return ([base_score(q, k) for k in unit_keys],
                [k != q.key and bool(_moved(q.words, k.split())) for k in unit_keys])
    words = list(map(str.split, unit_keys))
    # Which units have some shared words in another order (as _moved): the shared bag of words against their
    # longest common subsequence. A unit whose key equals the sentence's is never one (its common subsequence
    # is every word), so which units are scored a second time is known before any base score.
    qset = set(q.words)
    common = list(map(len, map(qset.intersection, words)))  # the shared set of words
    unique = len(qset) == len(q.words)
    if not unique:  # the shared bag: a word twice in both counts min(times in each), the set counted it once
        twice = [(w, n) for w, n in Counter(q.words).items() if n > 1]
        for i, ws in enumerate(words):
            for w, n in twice:
                m = ws.count(w)
                if m > 1:
                    common[i] += min(n, m) - 1
    lcs = cdist([q.words], words, scorer=LCSseq.similarity, dtype=np.int32)[0].tolist()
    flags = [c > 1 and c > x for c, x in zip(common, lcs, strict=True)]
    moved = [i for i, f in enumerate(flags) if f]
    if moved:
        if unique:  # (each query word at one position: the placement without counting positions taken)
            pos = {w: i for i, w in enumerate(q.words)}
            again = [_in_order_unique(pos, words[i]) for i in moved]
        else:
            where = _positions(q.words)
            again = [_in_order_of(q.words, words[i], where) for i in moved]
        # both passes in one set of rapidfuzz calls (each pair's numbers are computed alone: the same floats);
        # a call's fixed cost (~14 us: three cdist calls, the numpy arithmetic) is paid once
        n = len(unit_keys)
        out = _bases(q, [*unit_keys, *map(" ".join, again)], words + again)
        for i, b in zip(moved, out[n:], strict=True):
            if b > out[i]:
                out[i] = b
        del out[n:]
    else:
        out = _bases(q, unit_keys, words)
    if q.key in unit_keys:  # (one C scan; rarely true)
        for i, k in enumerate(unit_keys):
            if k == q.key:
                out[i] = 100.0
    return out, flags


class _Stems(dict):  # type: ignore[type-arg]
    """word -> its stem (w[:STEM]), kept across lookups: the words of a language come back in every lookup,
    and a stem found here is one string object already hashed (rapidfuzz hashes every symbol it compares),
    where slicing makes a new one each time."""

    def __missing__(self, word: str) -> str:
        if len(self) >= 200_000:
            self.clear()
        stem = self[word] = word[:STEM]
        return stem


_STEMS = _Stems()


def _bases(q: Query, keys: Sequence[str], words: Sequence[Sequence[str]]) -> list[float]:
    """_base for each (key, words), in three rapidfuzz matrix calls (the same float arithmetic)."""
    stem = _STEMS.__getitem__
    c = cdist([q.key], keys, scorer=fuzz.ratio, dtype=np.float64)[0]
    w = cdist([q.words], words, scorer=Levenshtein.normalized_similarity, dtype=np.float64)[0]
    s = cdist([q.stems], [list(map(stem, ws)) for ws in words], scorer=Levenshtein.normalized_similarity,
              dtype=np.float64)[0]
    return (W_CHAR * c + W_WORD * (w * 100.0) + W_STEM * (s * 100.0)).tolist()  # type: ignore[no-any-return]


def _base(
    key: str, words: tuple[str, ...], stems: tuple[str, ...], unit_key: str, unit_words: list[str]
) -> float:
    c = fuzz.ratio(key, unit_key)
    w = Levenshtein.normalized_similarity(words, unit_words) * 100.0
    s = Levenshtein.normalized_similarity(stems, [x[:STEM] for x in unit_words]) * 100.0  # stems_of, inlined
    return W_CHAR * c + W_WORD * w + W_STEM * s



def upper_bound(char_ratio: float) -> float:
    """The best base score a unit whose character similarity is `char_ratio` can reach (for exhaustive search).

    Holds for the in-order score; a unit whose words the sentence has reordered can score higher (its base is
    also computed with the words put back in order), so an exhaustive search bounded by this may miss it.
    """
    return W_CHAR * char_ratio + (W_WORD + W_STEM) * 100.0


def final_score(base: float, identical_keys: bool, identical_text: bool, penalties: list[str]) -> int:
    """Combine the base score and the penalties into the 0-100 score shown to the translator."""
    if identical_text and not penalties:
        return 100
    top = 100 if identical_keys else min(99, round(base))
    score = top - sum(map(PENALTIES.__getitem__, penalties))
    if not identical_text:
        score = min(score, 99)
    return max(0, score)


def word_diff(query: str, source: str, lang: str = "") -> list[tuple[str, str]]:
    """Which words differ: (op, word) with op "equal", "delete" (only in the unit) or "insert" (only in the query).

    Words are compared by their matching form (case-, apostrophe- and for Uzbek script-neutral), so a Latin
    unit and a Cyrillic sentence show only the words that really differ.
    """
    return Differences(query, lang).diff(source)


def full_score(
    text: str, q: Query, source: str, skey: str, *, tags: bool = False, fuzzy: bool = False
) -> tuple[int, list[str]]:
    """The score a unit (source text and stored key) gets for sentence `text`, with its penalties."""
    pens = penalties_for(text, source, q.lang, tags=tags, fuzzy=fuzzy)
    return final_score(base_score(q, skey), q.key == skey, text == source, pens), pens
