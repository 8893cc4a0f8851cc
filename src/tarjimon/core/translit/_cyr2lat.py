"""Uzbek Cyrillic -> Latin (1995 alphabet): letter rules plus the exception lexicon."""

from __future__ import annotations

import re

from ._alphabet import CYR_LETTERS, CYR_VOWELS, MODIFIER_APOSTROPHE, TURNED_COMMA
from ._lexicon import Lexicon

_BASE = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ж": "j", "з": "z", "и": "i", "й": "y",
    "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "x", "ч": "ch", "ш": "sh", "щ": "sh", "ы": "i", "э": "e",
    "ё": "yo", "ю": "yu", "я": "ya", "ў": "o" + TURNED_COMMA, "қ": "q", "ғ": "g" + TURNED_COMMA,
    "ҳ": "h", "ь": "",
}  # fmt: skip
_IOTATED = frozenset("еёюя")
# A run of Cyrillic letters is one word for the rules; hyphens and Latin letters split words,
# so "IT-стартап" converts only "стартап". A word with letters Uzbek does not use (Kazakh ә і ң ө
# ұ ү һ, Ukrainian ї є...) is not Uzbek and is left as written.
WORD_RE = re.compile("[\u0400-\u04ff]+")
_UZBEK_RUN = re.compile(f"[{CYR_LETTERS}{CYR_LETTERS.upper()}]+")


def _letter(low: str, i: int) -> str:
    """Latin for the letter at ``i`` of the lower-cased word ``low`` (context rules applied)."""
    ch = low[i]
    prev = low[i - 1] if i > 0 else ""
    nxt = low[i + 1] if i + 1 < len(low) else ""
    if ch == "е":
        # ye at the start of a word, after a vowel and after ъ/ь (which vanish before it).
        return "ye" if not prev or prev in CYR_VOWELS or prev in "ъь" else "e"
    if ch == "ц":
        # ts only between two vowels (Венеция -> Venetsiya), else s (цирк, концерт, абзац).
        return "ts" if prev in CYR_VOWELS and nxt in CYR_VOWELS and prev else "s"
    if ch == "ъ":
        # мўъжиза -> moʻjiza; after a consonant before е/ё/ю/я it is silent (объект -> obyekt),
        # after a vowel it stays (меъёр -> meʼyor, аъён -> aʼyon).
        if prev == "ў" or (nxt in _IOTATED and prev not in CYR_VOWELS):
            return ""
        return MODIFIER_APOSTROPHE
    if ch == "ь":
        return "y" if nxt == "о" else ""  # батальон -> batalyon; модель -> model
    if ch == "ҳ" and prev == "с":  # Исҳоқ -> Isʼhoq, so that it does not read as ш
        return MODIFIER_APOSTROPHE + "h"
    return _BASE.get(ch, ch)


_V = "".join(sorted(CYR_VOWELS))
_TS_RE = re.compile(f"(?<=[{_V}])ц(?=[{_V}])")  # ts between two vowels (without ъ and ь around)
_YE_RE = re.compile(f"(?:^|(?<=[{_V}]))е")  # ye at the start and after a vowel (without ъ and ь)
_TABLE = str.maketrans({**_BASE, "е": "e", "ц": "s"})


def _case_chunk(chunk: str, upper: bool, next_upper: bool) -> str:
    if not upper or not chunk:
        return chunk
    if next_upper:
        return chunk.upper()
    return chunk[0].upper() + chunk[1:]


def rules_word(word: str, start: int = 0, low: str | None = None) -> str:
    """Convert ``word[start:]`` by the letter rules alone, keeping the case of each letter."""
    low = word.lower() if low is None else low
    if start == 0 and "ъ" not in low and "ь" not in low and "сҳ" not in low:
        # A whole word in lower or title case without ъ, ь or сҳ: the rules by one table, ц and е by their
        # context first (ц then е: ц looks at the vowels around it, е at the letter before it, and ц is no
        # vowel), the same letters as the loop below (~1 us a letter there; tests/test_tm_rank_paths.py)
        if word == low or word[1:] == low[1:]:
            fast = low
            if "ц" in fast:
                fast = _TS_RE.sub("ts", fast)
            if "е" in fast:
                fast = _YE_RE.sub("ye", fast)
            fast = fast.translate(_TABLE)
            return fast if word == low else fast[0].upper() + fast[1:]
    all_upper = len(word) > 1 and word.isupper()
    out = []
    for i in range(start, len(word)):
        chunk = _letter(low, i)
        if all_upper:
            out.append(chunk.upper())
            continue
        upper = word[i].isupper()
        # A digraph is all capitals before another capital (АҚШ -> AQSH inside "АҚШнинг" gives
        # AQShning, the accepted form), else title case (Шаҳар -> Shahar).
        next_upper = i + 1 < len(word) and word[i + 1].isupper()
        out.append(_case_chunk(chunk, upper, next_upper))
    return "".join(out)


LATIN_CACHE_MAX = 200_000  # runs remembered per lexicon


def word_to_latin(word: str, lexicon: Lexicon) -> str:
    """Convert one run of Cyrillic letters."""
    return _word_to_latin(word, lexicon)


def _word_to_latin(word: str, lexicon: Lexicon) -> str:
    low = word.lower()
    hit = lexicon.match_cyrillic(low)
    if hit is None:
        return rules_word(word, 0, low)
    stem_len, latin_stem = hit
    stem = word[:stem_len]
    if stem.isupper() and (stem_len > 1 or word.isupper()):
        latin_stem = latin_stem.upper()
    elif stem[0].isupper():
        latin_stem = latin_stem[0].upper() + latin_stem[1:]
    return latin_stem + rules_word(word, stem_len, low)


_RUNS_RE = re.compile("([\u0400-\u04ff]+)")  # WORD_RE as a split pattern: its runs at the odd indexes


def to_latin(text: str, lexicon: Lexicon) -> str:
    """Convert every Cyrillic word of ``text``; everything else is copied unchanged."""
    parts = _RUNS_RE.split(text)  # one C call instead of a Python callback per run (a TM lookup converts
    if len(parts) == 1:  # the sources of its candidates: ~30% less per text than WORD_RE.sub)
        return text
    cache = lexicon.latin_cache  # the same runs come back all the time (a TM lookup, a big import)
    get = cache.get
    for i in range(1, len(parts), 2):
        word = parts[i]
        out = get(word)
        if out is None:
            out = _word_to_latin(word, lexicon) if _UZBEK_RUN.fullmatch(word) else word
            if len(cache) >= LATIN_CACHE_MAX:
                cache.clear()
            cache[word] = out
        parts[i] = out
    return "".join(parts)
