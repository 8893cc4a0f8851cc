"""The word diff of a TM match (docs/tm-scoring.md section 5): the surface words of the unit's source against
the sentence's, compared in matching form (case-, apostrophe- and for Uzbek script-neutral), by difflib's
SequenceMatcher (tm/scoring.py's Differences.diff holds one per lookup)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from tarjimon.core.text.words import words
from tarjimon.core.tm.text import words_of

try:  # difflib's own code compiled (Cython): the same opcodes, ~2.5x faster
    from cydifflib import SequenceMatcher
except ImportError:  # pragma: no cover - the same results from the standard library
    from difflib import SequenceMatcher


@lru_cache(maxsize=1024)
def _surface(text: str) -> list[str]:
    """The surface words of a text (never changed by the caller: word_diff only reads them)."""
    return words(text)  # surface_words without the spans: the same words (WORD_RE.findall)


class _Norms(dict):  # type: ignore[type-arg]
    """Surface word -> its matching form in one language, kept across lookups (word_diff compares the same
    words for every match shown): a dict read by map, no call of ours per word."""

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def __missing__(self, word: str) -> str:
        if len(self) >= 65536:
            self.clear()
        norm = self[word] = "".join(words_of(word, self.lang))
        return norm


_NORMS: dict[str, _Norms] = {}


def _norms(words: list[str], lang: str) -> list[str]:
    """The surface words in matching form (case-, apostrophe- and for Uzbek script-neutral)."""
    if not lang:
        return [w.casefold() for w in words]
    norms = _NORMS.get(lang)
    if norms is None:
        norms = _NORMS.setdefault(lang, _Norms(lang))
    return list(map(norms.__getitem__, words))


def _diff(a: list[str], na: list[str], b: list[str], nb: list[str],
          sm: Any = None) -> list[tuple[str, str]]:
    """word_diff of surface words `a` (the unit's) and `b` (the sentence's), compared as `na` and `nb`."""
    if na == nb:  # what SequenceMatcher finds for equal sequences, without it
        return [("equal", w) for w in b]
    out: list[tuple[str, str]] = []
    if sm is None:
        sm = SequenceMatcher(a=na, b=nb, autojunk=False)
    else:  # a matcher given holds nb already
        sm.set_seq1(na)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            out.extend(("equal", w) for w in b[j1:j2])
        else:
            out.extend(("delete", w) for w in a[i1:i2])
            out.extend(("insert", w) for w in b[j1:j2])
    return out
