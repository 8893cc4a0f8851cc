"""Matching keys: how a source text is reduced before it is indexed and scored.

The key is lower-cased (case-folded), free of punctuation and inline codes, with whitespace collapsed and
every run of digits replaced by ``0`` (numbers differing only cost a small, visible penalty). Uzbek text is
first folded by :func:`tarjimon.core.translit.fold`, so a Latin unit and a Cyrillic sentence get one key.
Stems are the first :data:`STEM` characters of each word: Uzbek, Kazakh and Russian add suffixes, so
"kitobni" and "kitoblarni" share the stem "kitob".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

STEM = 5
# Apostrophe-like marks inside words (o'qidim, oʻqidim, l’homme) are not word breaks.
_APOS = re.compile(r"(?<=\w)['’‘ʻʼ`´](?=\w)")


@lru_cache(maxsize=1)
def _uz_fold() -> Callable[[str], str]:
    try:
        from tarjimon.core.translit import fold
    except ImportError:  # the translit package not installed: apostrophes and case only
        def fold(text: str) -> str:
            return _APOS.sub("", unicodedata.normalize("NFC", text)).casefold()
    return fold


def fold_text(text: str, lang: str) -> str:
    """Case- (and for Uzbek script-) neutral form of `text`; positions are not kept."""
    if lang == "uz":
        return _uz_fold()(text)
    if text.isascii():
        return text.lower()
    return unicodedata.normalize("NFC", text).casefold()


NUMBER = "0"  # what every run of digits becomes in a key (numbers differing only cost a penalty)
_WORD = re.compile(r"[^\W_]+")
_DIGITS = re.compile(r"\d+")
_APOS_CHARS = "'’‘ʻʼ`´"
# ASCII fast path: letters lower-cased, digits -> "0", anything else a space; apostrophes deleted.
_ASCII_TABLE = bytes(
    (c + 32 if 65 <= c <= 90 else c if 97 <= c <= 122 else 48 if 48 <= c <= 57 else 32) for c in range(256)
)


def words_of(text: str, lang: str) -> list[str]:
    """The words of `text` in matching form: folded, apostrophes dropped, each digit run as "0"."""
    folded = fold_text(text, lang)
    if folded.isascii():
        raw = folded.encode("ascii").translate(_ASCII_TABLE, b"'`")
        while b"00" in raw:
            raw = raw.replace(b"00", b"0")
        return raw.decode("ascii").split()
    for ch in _APOS_CHARS:
        if ch in folded:
            folded = folded.replace(ch, "")
    return _WORD.findall(_DIGITS.sub(NUMBER, folded))


def key_of(text: str, lang: str) -> str:
    """The matching key of a text: its words joined by single spaces."""
    return " ".join(words_of(text, lang))


def key_and_tokens(text: str, lang: str) -> tuple[str, set[str]]:
    """The matching key of a source text and the tokens it is indexed under: the stems of its words, plus
    "#<digits>" for each number (the key turns numbers into "0"; the index keeps them apart so that, among
    units differing only in numbers, the one with the same numbers is a candidate). An empty key gets ""."""
    if lang != "uz" and text.isascii():  # words_of's ASCII path, without its second look at the text
        raw = text.encode("ascii").translate(_ASCII_TABLE, b"'`")
        while b"00" in raw:
            raw = raw.replace(b"00", b"0")
        words = raw.decode("ascii").split()
    else:
        words = words_of(text, lang)
    toks = {w[:STEM] for w in words}  # only the word "0" (a number) has the stem "0"
    if NUMBER in toks:
        toks.discard(NUMBER)
        toks.update("#" + d for d in _DIGITS.findall(text))
    return " ".join(words), toks or {""}


def stems_of(words: list[str]) -> list[str]:
    """Each word cut to its first STEM characters."""
    return [w[:STEM] for w in words]


def surface_words(text: str) -> list[tuple[int, int, str]]:
    """Words of `text` as written, with their character spans (for diffs and highlights)."""
    out = []
    for m in re.finditer(r"[^\W_]+(?:['’‘ʻʼ`][^\W_]+)*", text):
        out.append((m.start(), m.end(), m.group()))
    return out
