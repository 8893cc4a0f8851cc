"""The word diff of a TM match (docs/tm-scoring.md section 5): the surface words of the unit's source against
the sentence's, compared in matching form (case-, apostrophe- and for Uzbek script-neutral), by difflib's
SequenceMatcher (tm/scoring.py's Differences.diff holds one per lookup)."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import repeat
from typing import Any

from tarjimon.core.text.fold import fold_text, fold_uz_letters
from tarjimon.core.text.words import APOSTROPHES, KEY_APOSTROPHES, WORD_RE
from tarjimon.core.tm.text import NUMBER, words_of

try:  # difflib's own code compiled (Cython): the same opcodes, ~2.5x faster
    from cydifflib import SequenceMatcher
except ImportError:  # pragma: no cover - the same results from the standard library
    from difflib import SequenceMatcher


@lru_cache(maxsize=1024)
def _surface(text: str) -> list[str]:
    r"""The surface words of a text (never changed by the caller: word_diff only reads them): WORD_RE.findall,
    piece by whitespace-separated piece (no word holds whitespace, and the pattern looks at nothing around a
    word), a piece of letters and digits alone being one word as it is (str.isalnum is the pattern's [^\W_]),
    and so is one followed by a mark that is no apostrophe (a comma, a full stop): ~1.5 us less a unit than
    the regex over the whole text."""
    out: list[str] = []
    for piece in text.split():
        if piece.isalnum():
            out.append(piece)
        elif piece[:-1].isalnum() and piece[-1] not in _APOSTROPHES:  # a word and a mark after it ("so'z,")
            out.append(piece[:-1])
        else:
            out += WORD_RE.findall(piece)
    return out


_APOSTROPHES = frozenset(APOSTROPHES)  # (what may join two parts of a word)


_NORMS: dict[str, dict[str, str]] = {}  # language -> surface word -> its matching form, kept across lookups


def _norms(words: list[str], lang: str) -> list[str]:
    """The surface words in matching form (case-, apostrophe- and for Uzbek script-neutral): a dict kept across
    lookups read by map (word_diff compares the same words for every match shown), the words it lacks put in
    matching form together (_norms_of)."""
    if not lang:
        return [w.casefold() for w in words]
    norms = _NORMS.get(lang)
    if norms is None:
        norms = _NORMS.setdefault(lang, {})
    try:
        return list(map(norms.__getitem__, words))
    except KeyError:
        new = list(dict.fromkeys(w for w in words if w not in norms))
        got = dict(zip(new, _norms_of(new, lang), strict=True))
        if len(norms) + len(new) > 65536:
            norms.clear()
        norms.update(got)
        # (the words known before read with a fallback: another thread may have emptied the dict meanwhile)
        known = norms.get
        return [got[w] if w in got else known(w) or "".join(words_of(w, lang)) for w in words]


def _norms_of(words: list[str], lang: str) -> list[str]:
    """"".join(words_of(w, lang)) for each word, the words folded together as the lines of one text (~3 us a
    new Uzbek word instead of ~5-10 one by one: a fresh process meets ~16 a lookup). The same strings: a fold
    (NFC, case folding, for Uzbek to_latin of each Cyrillic run, marks dropped, ts/ye) changes no line break and
    works within a line (no word holds whitespace); then as words_of, apostrophes dropped, each digit run "0",
    and what is no letter or digit dropped (its words joined)."""
    if "\n" in "".join(words):  # (a word holding a line break: no surface word) one by one
        return ["".join(words_of(w, lang)) for w in words]
    if lang != "uz":
        return _lines(fold_text("\n".join(words), lang))
    # translit.fold: through to_latin for the words it has converted already (a word of Cyrillic letters alone
    # is one run, kept in its cache: the penalties convert the units of a Latin sentence), else each plain
    # Cyrillic run keyed from its letters (fold_uz_letters, the same string, tests/test_tm_uz_paths.py) instead
    # of by to_latin's letter rules (~10 us a word); each line folds by itself, either way
    known = _latin_known()
    fresh = [w for w in words if w not in known]
    if not fresh:
        return _lines(fold_text("\n".join(words), lang))
    if len(fresh) == len(words):
        return _lines(fold_uz_letters("\n".join(words)))
    seen = [w for w in words if w in known]
    got = dict(zip(fresh, _lines(fold_uz_letters("\n".join(fresh))), strict=True))
    got.update(zip(seen, _lines(fold_text("\n".join(seen), lang)), strict=True))
    return [got[w] for w in words]


def _latin_known() -> dict[str, str]:
    from tarjimon.core.translit import default_lexicon

    return default_lexicon().latin_cache


def _lines(folded: str) -> list[str]:
    """words_of's words of each line of a folded text, joined."""
    if folded.isascii():  # (words_of's ASCII path: apostrophes dropped, digits "0", each run of them one, then
        raw = folded.encode("ascii").translate(_ASCII_DIGITS, b"'`")  # only letters, digits and lines kept)
        while b"00" in raw:
            raw = raw.replace(b"00", b"0")
        return raw.translate(None, _ASCII_NOT_WORD).decode("ascii").split("\n")
    for ch in KEY_APOSTROPHES:
        if ch in folded:
            folded = folded.replace(ch, "")
    return _NOT_WORD.sub("", _DIGITS.sub(NUMBER, folded)).split("\n")


_ASCII_DIGITS = bytes(48 if 48 <= c <= 57 else c for c in range(256))
_ASCII_NOT_WORD = bytes(c for c in range(128) if not chr(c).isalnum() and c != 10)  # (_ too)


_DIGITS = re.compile(r"\d+")
_NOT_WORD = re.compile(r"[^\w\n]|_")  # what words_of's words leave out of a line


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
