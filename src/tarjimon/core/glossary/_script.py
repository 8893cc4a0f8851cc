"""Uzbek script handling for matching: a script- and apostrophe-neutral key per word.

The conversion itself belongs to `tarjimon.core.translit`; this module only turns its Latin output into a
matching key (oʻ -> ô, gʻ -> ğ, other apostrophes dropped, lower case). Until translit is importable a
small letter table stands in, so recognition keeps working in a partial checkout.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

APOSTROPHES = "'`\u2018\u2019\u02bb\u02bc\u00b4\u02b9\u2032"
_CYR = re.compile("[\u0400-\u04ff]")
_OG = re.compile(f"([og])[{APOSTROPHES}]")
_APOS = re.compile(f"[{APOSTROPHES}]")

_FALLBACK = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "j", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "x", "ц": "s", "ч": "ch", "ш": "sh", "щ": "sh", "ъ": "ʼ", "ы": "i", "ь": "",
    "э": "e", "ю": "yu", "я": "ya", "ў": "oʻ", "қ": "q", "ғ": "gʻ", "ҳ": "h",
}  # fmt: skip


def _fallback_to_latin(word: str) -> str:
    out = []
    low = word.lower()
    for i, ch in enumerate(low):
        if ch == "е" and (i == 0 or low[i - 1] in "аеёиоуэюяўъь"):
            out.append("ye")
        else:
            out.append(_FALLBACK.get(ch, ch))
    return "".join(out)


def _load_to_latin() -> Callable[[str], str]:
    try:
        from tarjimon.core.translit import to_latin
    except ImportError:
        return _fallback_to_latin
    return to_latin


_to_latin: Callable[[str], str] | None = None


def has_cyrillic(text: str) -> bool:
    """True when `text` contains a Cyrillic letter."""
    return _CYR.search(text) is not None


@functools.lru_cache(maxsize=100_000)
def uz_key(word: str) -> str:
    """The matching key of one Uzbek word in either script: Қозоғистон and Qozogʻiston give 'qozoğiston'."""
    global _to_latin
    if has_cyrillic(word):
        if _to_latin is None:
            _to_latin = _load_to_latin()
        word = _to_latin(word)
    low = word.lower()
    low = _OG.sub(lambda m: "ô" if m.group(1) == "o" else "ğ", low)
    return _APOS.sub("", low)
