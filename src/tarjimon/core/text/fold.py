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
from collections.abc import Collection

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
    fast = _cyrillic_key(word)  # a plain Uzbek Cyrillic word: its key straight from its letters
    if fast is not None:
        return fast
    word = to_latin(word)
    low = word.lower()
    low = _OG_RE.sub(lambda m: "ô" if m.group(1) == "o" else "ğ", low)
    return _APOS_RE.sub("", low)


# The key of a plain Uzbek Cyrillic word straight from its letters, for glossaries of 100,000 terms: the
# same result as to_latin and the folding above (tests/test_text.py compares them on every letter triple and
# on random words), for words of Uzbek Cyrillic letters only that no exception-lexicon entry may start;
# anything else takes the full path. ъ is the mark ' (dropped, or folding o/g before it into ô/ğ) or nothing.
_KEY_LETTERS = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "j", "з": "z", "и": "i", "й": "y",
    "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "x", "ц": "s", "ч": "ch", "ш": "sh", "щ": "sh", "ъ": "'", "ы": "i", "ь": "", "э": "e", "ё": "yo",
    "ю": "yu", "я": "ya", "ў": "ô", "қ": "q", "ғ": "ğ", "ҳ": "h",
}  # fmt: skip
_KEY_TABLE = str.maketrans(_KEY_LETTERS)
_KEY_SET = frozenset(_KEY_LETTERS)
_V = "аеёиоуэюяў"
_CONTEXT_RE = re.compile(f"(?:^|(?<=[{_V}ъь]))е|(?<=[{_V}])ц(?=[{_V}])|ь(?=о)|(?<=ў)ъ|(?<![{_V}])ъ(?=[еёюя])")
_CONTEXT = {"е": "ye", "ц": "ts", "ь": "y", "ъ": ""}
_MARK_RE = re.compile("([og])'")


def _cyrillic_key(word: str) -> str | None:
    low = word.lower()
    if not _KEY_SET.issuperset(low):
        return None
    if not _LEXICON:
        _load_lexicon_prefixes()
    if low in _LEXICON["words"] or low[:3] in _LEXICON["stems"]:
        return None  # an exception-lexicon entry may apply
    if "е" in low or "ц" in low or "ь" in low or "ъ" in low:
        low = _CONTEXT_RE.sub(lambda m: _CONTEXT[m.group()], low)
    key = low.translate(_KEY_TABLE)
    if "'" in key:
        key = _MARK_RE.sub(lambda m: "ô" if m.group(1) == "o" else "ğ", key).replace("'", "")
    return key


_LEXICON: dict[str, Collection[str]] = {}


def _load_lexicon_prefixes() -> None:
    """The exception lexicon's whole words, and the first three letters of its stems (all at least three
    letters long; a shorter one would make every word take the full path)."""
    from tarjimon.core.translit._lexicon import default_lexicon

    lex = default_lexicon()
    short = any(len(stem) < 3 for stem in lex.cyr_stems) or lex.min_stem < 3
    _LEXICON["words"] = frozenset(lex.cyr_words)
    _LEXICON["stems"] = _EVERYTHING if short else frozenset(stem[:3] for stem in lex.cyr_stems)


class _Everything(frozenset):
    def __contains__(self, item: object) -> bool:
        return True


_EVERYTHING = _Everything()
