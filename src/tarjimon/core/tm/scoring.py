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

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from typing import Any

from rapidfuzz import fuzz
from rapidfuzz.distance import LCSseq, Levenshtein

try:  # numpy lets rapidfuzz score all the candidates of a lookup in one call (process.cdist)
    import numpy as np
    from rapidfuzz.process import cdist
except ImportError:  # pragma: no cover - exercised by test_tm_scoring's no-numpy test
    np = None  # type: ignore[assignment]

from tarjimon.core.text.fold import fold_text, fold_uz_letters
from tarjimon.core.text.stems import STEM, stems_of
from tarjimon.core.text.words import KEY_APOSTROPHES
from tarjimon.core.tm.text import key_of, query_key
from tarjimon.core.tm.worddiff import SequenceMatcher, _diff, _norms, _surface
from tarjimon.core.translit import APOSTROPHES

W_CHAR, W_WORD, W_STEM = 0.50, 0.25, 0.25

PENALTIES: dict[str, int] = {
    "numbers": 2,
    "case": 1,
    "punctuation": 1,
    "whitespace": 1,
    "tags": 1,
    "script": 1,
    "word-order": 5,  # the same words (some of them) in another order: the translation may need reordering
    "fuzzy": 5,  # the unit comes from a fuzzy (unreviewed) PO entry
}

_CYR = re.compile(r"[\u0400-\u04ff]")
_NUM = re.compile(r"\d+")
_PUNCT = re.compile(r"[^\w\s]")
_SPACE = re.compile(r"\s+")
# ta'lim, l’homme: an apostrophe inside a word is no punctuation. This is text.words.INNER_KEY_APOSTROPHE_RE
# with the mark first and the letter before it checked after it, which lets the regex engine jump from mark to
# mark instead of testing a look-behind at every position (3x faster; tests/test_tm_rank_batch.py).
_APOS_IN_WORD = re.compile(rf"[{re.escape(KEY_APOSTROPHES)}](?<=\w[{re.escape(KEY_APOSTROPHES)}])(?=\w)")
_QUOTE_IN_WORD = re.compile(r"'(?<=\w')(?=\w)")


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
    words = [k.split() for k in unit_keys]
    out = _bases(q, unit_keys, words)
    # Which units have some shared words in another order (as _moved): the shared bag of words against their
    # longest common subsequence; a unit whose key equals the sentence's scores 100.
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
    for i, k in enumerate(unit_keys):
        if k == q.key:
            out[i] = 100.0
    moved = [i for i, f in enumerate(flags) if f and out[i] < 100.0]
    if moved:
        if unique:  # (each query word at one position: the placement without counting positions taken)
            pos = {w: i for i, w in enumerate(q.words)}
            again = [_in_order_unique(pos, words[i]) for i in moved]
        else:
            where = _positions(q.words)
            again = [_in_order_of(q.words, words[i], where) for i in moved]
        better = _bases(q, [" ".join(w) for w in again], again)
        for i, b in zip(moved, better, strict=True):
            if b > out[i]:
                out[i] = b
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


def upper_bound(char_ratio: float) -> float:
    """The best base score a unit whose character similarity is `char_ratio` can reach (for exhaustive search).

    Holds for the in-order score; a unit whose words the sentence has reordered can score higher (its base is
    also computed with the words put back in order), so an exhaustive search bounded by this may miss it.
    """
    return W_CHAR * char_ratio + (W_WORD + W_STEM) * 100.0


_NOT_LETTER = re.compile(r"[\W\d_]+")


@lru_cache(maxsize=4096)
def _marks(text: str) -> tuple[str, tuple[str, ...], tuple[str, ...], tuple[Any, ...]]:
    """The cheap part of a _profile (~7 us): the text with every mark inside a word made ', its digit runs,
    punctuation marks and unusual whitespace (runs and ends)."""
    t = _APOS_IN_WORD.sub("'", text)  # so every mark inside a word is now ' (and no other mark is)
    inner = t.strip()
    # no unusual run when every whitespace run is one space (str.split and the regex's \s agree on what
    # whitespace is: both are Py_UNICODE_ISSPACE): two C calls instead of a findall and a generator
    odd = () if " ".join(inner.split()) == inner else tuple(r for r in _SPACE.findall(inner) if r != " ")
    return (t, tuple(_NUM.findall(t)), tuple(_PUNCT.findall(_QUOTE_IN_WORD.sub("", t))),
            (odd, t[:1].isspace(), t[-1:].isspace()))


@lru_cache(maxsize=4096)
def _profile(text: str, lang: str) -> tuple[tuple[str, ...], str, tuple[str, ...], tuple[Any, ...]]:
    """What penalties_for compares of one text (a lookup compares the same sentence with every candidate):
    its digit runs, letters, punctuation marks and unusual whitespace (runs and ends). (The word order is
    compared on the matching keys' words: see Differences.penalties.)"""
    t, nums, punct, space = _marks(text)
    return nums, _NOT_LETTER.sub("", t), punct, space


@lru_cache(maxsize=4096)
def _latin(text: str) -> str:
    """An Uzbek text in Latin (what the penalties compare of a unit in the other script than the sentence's)."""
    from tarjimon.core.translit import to_latin

    return to_latin(text)


def _latin_profile(text: str, lang: str) -> tuple[str, tuple[Any, ...]]:
    """An Uzbek text in Latin and its _profile (both remembered, as a session looks the same units up
    again)."""
    latin = _latin(text)
    return latin, _profile(latin, lang)


def _fold_letters(letters: str, lang: str) -> str:
    """fold_text of a profile's letters (the same string; Uzbek Cyrillic runs keyed without to_latin)."""
    return fold_uz_letters(letters) if lang == "uz" else fold_text(letters, lang)


def _without_t_y(letters: str) -> str | None:
    """An Uzbek profile's letters, apostrophes dropped, lower-cased, without t and y, when that leaves ASCII
    (else None). translit.fold of such letters is this lower-cased ASCII with "ts" -> "s" and "ye" -> "e",
    which only drops t's and y's: two texts whose letters fold alike have this alike."""
    for mark in APOSTROPHES:  # (translit.fold drops every one)
        if mark in letters:
            letters = letters.replace(mark, "")
    if not letters.isascii():
        return None
    return letters.lower().replace("t", "").replace("y", "")


def penalties_for(
    query: str, source: str, lang: str, *, tags: bool = False, fuzzy: bool = False
) -> list[str]:
    """Names of the small differences between a sentence and a unit's source (see PENALTIES)."""
    return Differences(query, lang).penalties(source, tags=tags, fuzzy=fuzzy)


class Differences:
    """penalties_for against one sentence, prepared once for the candidates of a lookup: what is compared of
    the sentence (in its own script, and in Latin for Uzbek units in the other script) is computed once."""

    def __init__(self, query: str, lang: str) -> None:
        self.query, self.lang = query, lang
        self.cyrillic = lang == "uz" and bool(_CYR.search(query))
        self._sides: dict[bool, tuple[Any, ...]] = {}  # latin? -> (text, profile)
        self._folded: dict[bool, str] = {}  # latin? -> the folded letters
        self._bare: dict[bool, str | None] = {}  # latin? -> _without_t_y of the letters
        self._words: tuple[list[str], list[str]] | None = None  # surface words, matching forms
        self._matcher: SequenceMatcher | None = None  # holds the sentence's words (set_seq2)

    def _side(self, latin: bool) -> tuple[Any, ...]:
        side = self._sides.get(latin)
        if side is None:
            text = self.query
            if latin:
                from tarjimon.core.translit import to_latin

                text = to_latin(text)
            side = self._sides[latin] = (text, _profile(text, self.lang))
        return side

    def diff(self, source: str) -> list[tuple[str, str]]:
        """word_diff(sentence, source): the sentence's words put in matching form once."""
        if self._words is None:
            b = _surface(self.query)
            self._words = (b, _norms(b, self.lang))
        if self._matcher is None:
            # SequenceMatcher indexes its second sequence: done once for the matches shown, not once each
            self._matcher = SequenceMatcher(b=self._words[1], autojunk=False)
        a = _surface(source)
        return _diff(a, _norms(a, self.lang), *self._words, self._matcher)

    def _case_possible(self, latin: bool, lq: str, ls: str) -> bool:
        """False when the sentence's and a unit's Uzbek letters cannot fold alike (the case penalty), found
        without folding the unit's (_without_t_y)."""
        if latin not in self._bare:
            self._bare[latin] = _without_t_y(lq)
        a = self._bare[latin]
        if a is None:
            return True
        b = _without_t_y(ls)
        return b is None or a == b

    def other_script(self, source: str) -> bool:
        """True when the sentence and `source` are Uzbek in different scripts (the "script" penalty)."""
        return self.lang == "uz" and self.cyrillic != bool(_CYR.search(source))

    def least(self, source: str, *, tags: bool = False, fuzzy: bool = False) -> int:
        """A lower bound of the points penalties() takes from `source`, from its cheap part: the tags, fuzzy,
        script, numbers, punctuation and whitespace penalties, exactly as penalties() finds them (the case and
        word-order ones, which need the letters folded and the key words, are left out)."""
        points = (PENALTIES["tags"] if tags else 0) + (PENALTIES["fuzzy"] if fuzzy else 0)
        latin = self.other_script(source)
        if latin:
            points += PENALTIES["script"]
            source = _latin(source)
        pq = self._side(latin)[1]
        _, nums, punct, space = _marks(source)
        return (points + (PENALTIES["numbers"] if pq[0] != nums else 0)
                + (PENALTIES["punctuation"] if pq[2] != punct else 0)
                + (PENALTIES["whitespace"] if pq[3] != space else 0))

    def penalties(self, source: str, *, tags: bool = False, fuzzy: bool = False,
                  moved: bool | None = None) -> list[str]:
        """Names of the small differences between the sentence and `source` (see PENALTIES). `moved`: whether
        some words of the two matching keys stand in another order, when the caller knows it already
        (base_scores found it on the unit's stored key: rank_keys); else the keys are computed here."""
        out: list[str] = []
        lang, s, latin = self.lang, source, False
        if self.other_script(s):
            out.append("script")
            latin, (s, ps) = True, _latin_profile(s, lang)  # compare the rest in one script
        else:
            ps = _profile(s, lang)
        pq = self._side(latin)[1]
        if pq[0] != ps[0]:
            out.append("numbers")
        lq, ls = pq[1], ps[1]
        if lq != ls and (lang != "uz" or self._case_possible(latin, lq, ls)):
            folded = self._folded.get(latin)
            if folded is None:
                folded = self._folded[latin] = _fold_letters(lq, lang)
            if folded == _fold_letters(ls, lang):
                out.append("case")
        if pq[2] != ps[2]:
            out.append("punctuation")
        # only unusual runs (two spaces, NBSP, tab, line break) or spaces at an end: an added word is no
        # whitespace difference
        if pq[3] != ps[3]:
            out.append("whitespace")
        if moved is None:  # the words the base score compares: the two matching keys'
            moved = bool(_moved(query_key(self.query, lang)[0].split(), key_of(source, lang).split()))
        if moved:
            out.append("word-order")
        if tags:
            out.append("tags")
        if fuzzy:
            out.append("fuzzy")
        return out


def final_score(base: float, identical_keys: bool, identical_text: bool, penalties: list[str]) -> int:
    """Combine the base score and the penalties into the 0-100 score shown to the translator."""
    if identical_text and not penalties:
        return 100
    top = 100 if identical_keys else min(99, round(base))
    score = top - sum(PENALTIES[p] for p in penalties)
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
