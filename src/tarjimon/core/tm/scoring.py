"""How a TM unit is scored against a sentence (the formula is documented in docs/tm-scoring.md).

    base  = 0.50 * C + 0.25 * W + 0.25 * S
    C     = rapidfuzz Indel similarity of the two matching keys, characters (0-100)
    W     = Levenshtein similarity of the two word sequences (whole words are the symbols)
    S     = the same on the word stems (first 5 characters)
    score = 100 - penalties                      if the keys are identical
          = min(99, round(base)) - penalties     otherwise (and never below 0)
    101   = identical text (no penalty) and the same previous and next source segments

C rewards shared characters (an inflected word still counts mostly), W punishes changed words, S forgives
a changed suffix on an agglutinative stem; half character-level, half word-level.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from tarjimon.core.text.fold import fold_text
from tarjimon.core.text.stems import STEM, stems_of
from tarjimon.core.text.words import INNER_KEY_APOSTROPHE_RE, surface_words
from tarjimon.core.tm.text import key_of, words_of

W_CHAR, W_WORD, W_STEM = 0.50, 0.25, 0.25

PENALTIES: dict[str, int] = {
    "numbers": 2,
    "case": 1,
    "punctuation": 1,
    "whitespace": 1,
    "tags": 1,
    "script": 1,
    "fuzzy": 5,  # the unit comes from a fuzzy (unreviewed) PO entry
}

_CYR = re.compile(r"[\u0400-\u04ff]")
_NUM = re.compile(r"\d+")
_PUNCT = re.compile(r"[^\w\s]")
_SPACE = re.compile(r"\s+")
_APOS_IN_WORD = INNER_KEY_APOSTROPHE_RE  # ta'lim, l’homme: an apostrophe inside a word is no punctuation


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
        key = key_of(text, lang)
        words = tuple(key.split())
        return cls(text, lang, key, words, tuple(stems_of(words)))


def base_score(q: Query, unit_key: str) -> float:
    """The fuzzy part of the score (0-100) from the two matching keys."""
    if q.key == unit_key:
        return 100.0
    words = unit_key.split()
    c = fuzz.ratio(q.key, unit_key)
    w = Levenshtein.normalized_similarity(q.words, words) * 100.0
    s = Levenshtein.normalized_similarity(q.stems, [x[:STEM] for x in words]) * 100.0  # stems_of, inlined
    return W_CHAR * c + W_WORD * w + W_STEM * s


def upper_bound(char_ratio: float) -> float:
    """The best base score a unit whose character similarity is `char_ratio` can reach (for exhaustive search)."""
    return W_CHAR * char_ratio + (W_WORD + W_STEM) * 100.0


_NOT_LETTER = re.compile(r"[\W\d_]+")


def _letters(text: str) -> str:
    return _NOT_LETTER.sub("", _APOS_IN_WORD.sub("", text))


def penalties_for(query: str, source: str, lang: str, *, tags: bool = False, fuzzy: bool = False) -> list[str]:
    """Names of the small differences between a sentence and a unit's source (see PENALTIES)."""
    out: list[str] = []
    q, s = query, source
    if lang == "uz" and bool(_CYR.search(q)) != bool(_CYR.search(s)):
        out.append("script")
        from tarjimon.core.translit import to_latin

        q, s = to_latin(q), to_latin(s)  # compare the rest in one script
    q, s = _APOS_IN_WORD.sub("'", q), _APOS_IN_WORD.sub("'", s)
    if _NUM.findall(q) != _NUM.findall(s):
        out.append("numbers")
    lq, ls = _letters(q), _letters(s)
    if lq != ls and fold_text(lq, lang) == fold_text(ls, lang):
        out.append("case")
    if _PUNCT.findall(_APOS_IN_WORD.sub("", q)) != _PUNCT.findall(_APOS_IN_WORD.sub("", s)):
        out.append("punctuation")
    if _SPACE.findall(q) != _SPACE.findall(s) or (q[:1].isspace(), q[-1:].isspace()) != (
        s[:1].isspace(),
        s[-1:].isspace(),
    ):
        out.append("whitespace")
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
    a = [w for _, _, w in surface_words(source)]
    b = [w for _, _, w in surface_words(query)]

    def norm(word: str) -> str:
        return "".join(words_of(word, lang)) if lang else word.casefold()

    out: list[tuple[str, str]] = []
    sm = difflib.SequenceMatcher(a=[norm(x) for x in a], b=[norm(x) for x in b], autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            out.extend(("equal", w) for w in b[j1:j2])
        else:
            out.extend(("delete", w) for w in a[i1:i2])
            out.extend(("insert", w) for w in b[j1:j2])
    return out


def full_score(text: str, q: Query, source: str, skey: str, *, tags: bool = False,
               fuzzy: bool = False) -> tuple[int, list[str]]:
    """The score a unit (source text and stored key) gets for sentence `text`, with its penalties."""
    pens = penalties_for(text, source, q.lang, tags=tags, fuzzy=fuzzy)
    return final_score(base_score(q, skey), q.key == skey, text == source, pens), pens
