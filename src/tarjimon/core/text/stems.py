"""Inflected forms: one home for the two cheap ideas of a stem, and how they relate to the glossary's rich one.

Uzbek, Kazakh and Russian inflect by adding suffixes (kitob, kitobni, kitoblarni; государство,
государственной), so "the same word" has to look past an ending. Three tools do it, from cheapest to richest:

1. The **index stem** (:data:`STEM`, :func:`index_stem`, :func:`stems_of`): the first five characters of a
   word's matching form (see :func:`tarjimon.core.text.fold.fold_text`). The TM indexes units under it and
   scores a word sequence on it (the S part of docs/tm-scoring.md), and concordance matches a query word to
   any word starting with it. It is blunt on purpose: it must cost nothing, for millions of units, and it
   must never change (stored TM indexes are built on it).
2. The **stem prefix** (:func:`stem_prefix`, :func:`shares_stem`, :func:`stem_found`): a word of at least
   :data:`MIN_STEM_WORD` letters less its last three (never under five). QA uses it as a lenient last resort
   when a glossary term's target is not recognised in a target: "государство" is taken as present in
   "государственной". It forgives derivations the recogniser's rules do not cover.
3. The **glossary's morphology** (`tarjimon.core.glossary.morphology`): suffix-chain rules per language
   (uz.toml, kk.toml) and Snowball stemmers (ru, en...). Exact about what counts as an ending (интеллектуал
   is not a form of интеллект); recognition and QA's first check use it.

So QA takes a glossary term's target as present when recognition (3) or the stem prefix (2) finds it in
the target; the TM uses 1 only; every word they cut comes from :mod:`tarjimon.core.text.words`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

#: Characters of the index stem.
STEM = 5
#: The shortest word the stem prefix applies to: shorter words must match in full.
MIN_STEM_WORD = 6


def index_stem(word: str) -> str:
    """The TM index stem of a word in matching form: its first STEM characters."""
    return word[:STEM]


def stems_of(words: Iterable[str]) -> list[str]:
    """Each word cut to its first STEM characters."""
    return [w[:STEM] for w in words]


def stem_prefix(word: str) -> str:
    """The part of `word` an inflected or derived form keeps: all but its last three letters, at least STEM."""
    return word[: max(STEM, len(word) - 3)]


def shares_stem(word: str, other: str) -> bool:
    """Whether `other` begins with the stem prefix of `word` (государство, государственной). Case-sensitive:
    give both in matching form."""
    return other.startswith(stem_prefix(word))


def stem_found(term_words: Sequence[str], text_words: Iterable[str]) -> bool:
    """Whether every word of a term is in a text in some form: each term word has MIN_STEM_WORD letters or
    more and some text word shares its stem. Words in matching form (case-folded)."""
    if not term_words or any(len(w) < MIN_STEM_WORD for w in term_words):
        return False
    have = list(text_words)
    return all(any(shares_stem(w, t) for t in have) for w in term_words)
