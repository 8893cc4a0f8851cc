"""Tokens and punctuation as sacremoses (the Python port of the Moses tools) sees them.

- :func:`normalize_punctuation` - MosesPunctNormalizer: «» „“ “” become ", ‘ ’ ´ become ', dashes and
  spaces around punctuation are made regular. QA compares a target with its source (and with the other
  targets) in this form when their letters and digits are the same, so a copy that only changed the
  quotation marks is still caught as untranslated.
- :func:`tokens` / :func:`word_tokens` - MosesTokenizer (no escaping, hyphens split off), with the spans of
  the tokens in the text as written: the reference the fast word cutters are held to, and the tokenizer for
  batch work where a second of start-up and ~50 us a sentence do not matter.

Before Moses sees a text every apostrophe between two letters is written as ʼ (U+02BC, a letter to Unicode
and to Moses), so taʼlim, ta'lim and ta’lim are each one token as Uzbek spells them; the spans and the
returned tokens are the text's own characters.

Importing sacremoses takes about a second and a Moses token costs about 15 times a regular expression, so
what runs on every segment (TM keys, scoring and word diffs, glossary recognition, the TUI's QA) keeps the
regular expressions of :mod:`tarjimon.core.text.words`. tests/test_text.py proves they agree with
:func:`word_tokens` on the texts in ../shared and on generated text: the words a fast path cuts are exactly
the Moses word tokens cut further at the punctuation Moses keeps inside a token (1,5 or 12.03.2024 are one
Moses token, two and three words); the two known differences are stated there.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from tarjimon.core.text.words import APOSTROPHES, MODIFIER_APOSTROPHE

if TYPE_CHECKING:
    from sacremoses import MosesPunctNormalizer, MosesTokenizer

_INNER_APOSTROPHE_RE = re.compile(rf"(?<=[^\W_])[{re.escape(APOSTROPHES)}](?=[^\W_])")


@functools.cache
def _tokenizer(lang: str) -> MosesTokenizer:
    from sacremoses import MosesTokenizer  # here, not at the top: importing sacremoses takes ~0.5-1.5 s

    return MosesTokenizer(lang=lang or "und")  # unknown languages: English prefixes, no English rules


@functools.cache
def _normalizer(lang: str) -> MosesPunctNormalizer:
    from sacremoses import MosesPunctNormalizer

    # norm_numbers off: "1 000" and "1,5" are the translator's numbers, QA's number check reads them as written.
    return MosesPunctNormalizer(lang=lang or "und", norm_numbers=False)


def inner_apostrophes_as_letters(text: str) -> str:
    """`text` with each apostrophe between two letters or digits written as ʼ (U+02BC): same length."""
    return _INNER_APOSTROPHE_RE.sub(MODIFIER_APOSTROPHE, text)


def normalize_punctuation(text: str, lang: str = "") -> str:
    """`text` with its punctuation written the one way Moses writes it (quotes, dashes, spacing)."""
    return _normalizer(lang).normalize(text)


def tokens(text: str, lang: str = "") -> list[tuple[int, int, str]]:
    """Moses tokens of `text` (punctuation included), each with its span in `text` and as written there."""
    return list(_tokens(text, lang))


@functools.lru_cache(maxsize=4096)  # QA cuts a segment's source once per target language
def _tokens(text: str, lang: str) -> tuple[tuple[int, int, str], ...]:
    prepared = inner_apostrophes_as_letters(text)
    out: list[tuple[int, int, str]] = []
    at = 0
    for tok in _tokenizer(lang).tokenize(prepared, escape=False, aggressive_dash_splits=True):
        if tok == "@-@":
            tok = "-"
        start = prepared.find(tok, at)
        if start < 0:  # Moses rewrote it (never seen in our texts): keep its order, without a span
            out.append((at, at, tok))
            continue
        at = start + len(tok)
        out.append((start, at, text[start:at]))
    return tuple(out)


def word_tokens(text: str, lang: str = "") -> list[str]:
    """The Moses tokens of `text` that hold a letter or a digit (punctuation tokens dropped), as written."""
    return [tok for _, _, tok in tokens(text, lang) if any(ch.isalnum() for ch in tok)]
