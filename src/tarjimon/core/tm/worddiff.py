"""The word diff of a TM match (docs/tm-scoring.md section 5): the surface words of the unit's source against
the sentence's, compared in matching form (case-, apostrophe- and for Uzbek script-neutral), by difflib's
SequenceMatcher (tm/scoring.py's Differences.diff holds one per lookup)."""

from __future__ import annotations

from functools import lru_cache
from itertools import repeat
from typing import Any

from tarjimon.core.text.words import WORD_RE
from tarjimon.core.tm.text import words_of

try:  # difflib's own code compiled (Cython): the same opcodes, ~2.5x faster
    from cydifflib import SequenceMatcher
except ImportError:  # pragma: no cover - the same results from the standard library
    from difflib import SequenceMatcher


@lru_cache(maxsize=1024)
def _surface(text: str) -> list[str]:
    r"""The surface words of a text (never changed by the caller: word_diff only reads them): WORD_RE.findall,
    piece by whitespace-separated piece (no word holds whitespace, and the pattern looks at nothing around a
    word), a piece of letters and digits alone being one word as it is (str.isalnum is the pattern's [^\W_]):
    ~1 us less a unit than the regex over the whole text."""
    out: list[str] = []
    for piece in text.split():
        if piece.isalnum():
            out.append(piece)
        else:
            out += WORD_RE.findall(piece)
    return out


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
        return list(zip(_EQUAL, b, strict=False))
    out: list[tuple[str, str]] = []
    if sm is None:
        sm = SequenceMatcher(a=na, b=nb, autojunk=False)
    else:  # a matcher given holds nb already
        sm.set_seq1(na)
    for op, i1, i2, j1, j2 in sm.get_opcodes():  # (the pairs made by zip: no generator per opcode)
        if op == "equal":
            out += zip(_EQUAL, b[j1:j2], strict=False)
        else:
            out += zip(_DELETE, a[i1:i2], strict=False)
            out += zip(_INSERT, b[j1:j2], strict=False)
    return out


_EQUAL, _DELETE, _INSERT = repeat("equal"), repeat("delete"), repeat("insert")
