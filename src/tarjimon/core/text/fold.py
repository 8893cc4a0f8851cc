"""Case and script folding: the forms text is compared in.

- :func:`casefold` - case-neutral (NFC, then Unicode case folding; ASCII just lower-cased);
- :func:`fold_text` - what the TM compares: :func:`casefold`, and for Uzbek also script- and apostrophe-
  neutral through :func:`tarjimon.core.translit.fold` (Қозоғистон, Qozogʻiston, QOZOG'ISTON -> qozogiston);
- :func:`uz_key` - the glossary's per-word Uzbek key, which keeps oʻ and gʻ apart from o and g
  (Қозоғистон -> qozoğiston), since a term must not match a different word.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from tarjimon.core.text.words import APOSTROPHES
from tarjimon.core.translit import fold as uz_fold
from tarjimon.core.translit import to_cyrillic, to_latin

_CYR_RE = re.compile("[\u0400-\u04ff]")
_OG_RE = re.compile(f"([og])[{re.escape(APOSTROPHES)}]")
_APOS_RE = re.compile(f"[{re.escape(APOSTROPHES)}]")


def casefold(text: str) -> str:
    """The case-neutral form of `text` (positions are not kept: ß becomes ss)."""
    if text.isascii():
        return text.lower()
    return unicodedata.normalize("NFC", text).casefold()


def fold_text(text: str, lang: str) -> str:
    """Case- (and for Uzbek script- and apostrophe-) neutral form of `text`; positions are not kept."""
    if lang == "uz":
        return uz_fold(text)
    if text.isascii():  # casefold(), inlined: the TM folds every word of every match it shows
        return text.lower()
    return unicodedata.normalize("NFC", text).casefold()


def has_cyrillic(text: str) -> bool:
    """True when `text` contains a Cyrillic letter."""
    return _CYR_RE.search(text) is not None


@functools.lru_cache(maxsize=100_000)
def uz_key(word: str) -> str:
    """The matching key of one Uzbek word in either script: Қозоғистон and Qozogʻiston give 'qozoğiston'.

    Cyrillic is converted to Latin, the word lower-cased, oʻ -> ô and gʻ -> ğ, other apostrophes dropped. A
    Latin word goes through Cyrillic and back, so that the spellings the transliteration lexicon knows as one
    word meet (budjet and byudjet, kontsert and konsert): the key is the Latin of the Cyrillic word.
    """
    if not has_cyrillic(word):
        word = to_cyrillic(word)
    word = to_latin(word)
    low = word.lower()
    low = _OG_RE.sub(lambda m: "ô" if m.group(1) == "o" else "ğ", low)
    return _APOS_RE.sub("", low)
