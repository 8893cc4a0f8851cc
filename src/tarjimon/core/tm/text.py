"""Matching keys: how a source text is reduced before it is indexed and scored.

The key is lower-cased (case-folded), free of punctuation and inline codes, with whitespace collapsed and
every run of digits replaced by ``0`` (numbers differing only cost a small, visible penalty). Uzbek text is
first folded by :func:`tarjimon.core.translit.fold`, so a Latin unit and a Cyrillic sentence get one key.
Stems are the first :data:`STEM` characters of each word: Uzbek, Kazakh and Russian add suffixes, so
"kitobni" and "kitoblarni" share the stem "kitob".

What a word, an apostrophe, a fold and a stem are comes from :mod:`tarjimon.core.text`; this module keeps the
TM's fast key code (an ASCII byte-table path), which tests/test_text.py proves agrees with sacremoses.
"""

from __future__ import annotations

import re
from functools import lru_cache

from tarjimon.core.text.fold import fold_text
from tarjimon.core.text.stems import STEM, stems_of
from tarjimon.core.text.tags import has_written_tags, without_written_tags
from tarjimon.core.text.words import KEY_APOSTROPHES, surface_words

__all__ = ["NUMBER", "STEM", "fold_text", "key_and_tokens", "key_of", "query_key", "stems_of", "surface_words",
           "unit_key_and_tokens", "unit_tokens", "words_of"]

NUMBER = "0"  # what every run of digits becomes in a key (numbers differing only cost a penalty)
_WORD = re.compile(r"[^\W_]+")
_DIGITS = re.compile(r"\d+")
# The ASCII members of KEY_APOSTROPHES (' and `), deleted by the ASCII fast path.
_ASCII_APOS = "".join(ch for ch in KEY_APOSTROPHES if ch.isascii()).encode("ascii")
# ASCII fast path: letters lower-cased, digits -> "0", anything else a space; apostrophes deleted.
_ASCII_TABLE = bytes(
    (c + 32 if 65 <= c <= 90 else c if 97 <= c <= 122 else 48 if 48 <= c <= 57 else 32) for c in range(256)
)


def words_of(text: str, lang: str) -> list[str]:
    """The words of `text` in matching form: folded, apostrophes dropped, each digit run as "0"."""
    folded = fold_text(text, lang)
    if folded.isascii():
        raw = folded.encode("ascii").translate(_ASCII_TABLE, _ASCII_APOS)
        while b"00" in raw:
            raw = raw.replace(b"00", b"0")
        return raw.decode("ascii").split()
    for ch in KEY_APOSTROPHES:
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
        raw = text.encode("ascii").translate(_ASCII_TABLE, _ASCII_APOS)
        while b"00" in raw:
            raw = raw.replace(b"00", b"0")
        words = raw.decode("ascii").split()
    else:
        words = words_of(text, lang)
    toks = {w[:STEM] for w in words}  # stems.index_stem, inlined; only the word "0" (a number) has the stem "0"
    if NUMBER in toks:
        toks.discard(NUMBER)
        toks.update("#" + d for d in _DIGITS.findall(text))
    return " ".join(words), toks or {""}


def unit_key_and_tokens(source: str, lang: str) -> tuple[str, set[str]]:
    """key_and_tokens of a TM unit's source as it is stored and indexed: without the tags written in it
    (`<b>`, `{1}`, `%s`, ⟨1⟩: core/text/tags.py), so that a sentence without them finds the unit as its words
    do (its tags' letters were stems and its numbers "#1" tokens; tm/tagged.py scores it without them)."""
    return key_and_tokens(without_written_tags(source), lang)


def unit_tokens(source: str, lang: str) -> set[str]:
    """Every token a unit with this source may be indexed under: its own (unit_key_and_tokens) and, for a
    source with tags written in it, those of its source as written (how units were indexed before the twelfth
    session, until `tm optimize` indexes them again): what deleting or re-wording the unit takes out."""
    toks = unit_key_and_tokens(source, lang)[1]
    return toks | key_and_tokens(source, lang)[1] if has_written_tags(source) else toks


@lru_cache(maxsize=256)
def query_key(text: str, lang: str) -> tuple[str, frozenset[str]]:
    """key_and_tokens of a sentence looked up: the index (its tokens) and the scorer (its key) of one lookup
    share one computation (an Uzbek sentence's key costs ~40 us), and a sentence looked up again (the
    workbench's panels, a segment revisited) costs nothing."""
    key, toks = key_and_tokens(text, lang)
    return key, frozenset(toks)
