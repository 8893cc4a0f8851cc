"""Case and script folding: the forms text is compared in.

- :func:`casefold` - case-neutral (NFC, then Unicode case folding; ASCII just lower-cased);
- :func:`fold_text` - what the TM compares: :func:`casefold`, and for Uzbek also script- and apostrophe-
  neutral through :func:`tarjimon.core.translit.fold` (Қозоғистон, Qozogʻiston, QOZOG'ISTON -> qozogiston);
- :func:`uz_key` - the glossary's per-word Uzbek key, which keeps oʻ and gʻ apart from o and g
  (Қозоғистон -> qozoğiston), since a term must not match a different word.
"""

from __future__ import annotations

import codecs
import functools
import operator
import re
import unicodedata
from collections.abc import Collection, Sequence
from typing import Any, cast

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
    return not text.isascii() and _CYR_RE.search(text) is not None  # (isascii: a flag of the string)


@functools.lru_cache(maxsize=100_000)
def uz_key(word: str) -> str:
    """The matching key of one Uzbek word in either script: Қозоғистон and Qozogʻiston give 'qozoğiston'.

    Cyrillic is converted to Latin, the word lower-cased, oʻ -> ô and gʻ -> ğ, other apostrophes dropped. A
    Latin word goes through Cyrillic and back, so that the spellings the transliteration lexicon knows as one
    word meet (budjet and byudjet, kontsert and konsert): the key is the Latin of the Cyrillic word.
    """
    if not has_cyrillic(word):
        fast = _latin_key(word)  # a plain lower-case Uzbek Latin word: its key is its own letters
        if fast is not None:
            return fast
        word = to_cyrillic(word)
    fast = _cyrillic_key(word)  # a plain Uzbek Cyrillic word: its key straight from its letters
    if fast is not None:
        return fast
    word = to_latin(word)
    low = word.lower()
    low = _OG_RE.sub(lambda m: "ô" if m.group(1) == "o" else "ğ", low)
    return _APOS_RE.sub("", low)


def uz_keys(words: list[str]) -> list[str]:
    """`uz_key` of each of many words (a glossary's 100,000 terms): the same keys, the plain Uzbek Cyrillic
    words converted together (one lower(), one pass of the context rules and one translate() over their
    joined text instead of one call each), the plain Latin ones in one loop (_latin_keys)."""
    if not _LEXICON:
        _load_lexicon_prefixes()
    if not words:
        return []
    joined = "\n".join(words).lower()
    low = joined.split("\n")
    if len(low) != len(words):  # a word with a line break (not a word): one at a time
        return [uz_key(w) for w in words]
    known, stems, letters = _LEXICON["words"], _LEXICON["stems"], _KEY_SET
    plain: Sequence[int]
    if _NOT_KEY_LINES_RE.search(joined) is None and all(low) and stems is not _EVERYTHING:
        # (every word of letters with a quick key, checked in C: a glossary of Cyrillic terms; then the few
        # words the exception lexicon may apply to are found by their first letters)
        odd_words = cast(frozenset[str], known).intersection(low)
        odd_starts = cast(frozenset[str], stems).intersection(map(_FIRST3, low))
        plain = range(len(low))
        if odd_words or odd_starts:
            odd = {i for i, w in enumerate(low) if w in odd_words or w[:3] in odd_starts}
            plain = [i for i in plain if i not in odd]
            joined = "\n".join(low[i] for i in plain)
    else:
        plain = [i for i, w in enumerate(low) if w and letters.issuperset(w) and w not in known and w[:3] not in stems]
        joined = "\n".join(low[i] for i in plain)
    joined = _CONTEXT_LINES_RE.sub(lambda m: _CONTEXT[m.group()], joined)
    joined = _key_letters(joined)
    if "'" in joined:  # (_MARK_RE's substitution: o' and g' cannot overlap, so two replaces make it)
        joined = joined.replace("o'", "ô").replace("g'", "ğ").replace("'", "")
    if plain and len(plain) == len(words):  # (every word plain: the keys are the lines, in order)
        return joined.split("\n")
    out = [""] * len(words)
    for i, key in zip(plain, joined.split("\n") if plain else [], strict=True):
        out[i] = key
    done = set(plain)
    others = [i for i in range(len(words)) if i not in done]
    quick = _latin_keys([words[i] for i in others], [low[i] for i in others])
    for i, quick_key in zip(others, quick, strict=True):
        out[i] = uz_key(words[i]) if quick_key is None else quick_key
    return out


_CYR_RUNS_RE = re.compile("([\u0400-\u04ff]+)")  # translit's runs, kept by split at the odd indexes


def fold_uz_letters(letters: str) -> str:
    """translit.fold of a text's letters run together (what the TM's case penalty compares): the same string,
    each plain Uzbek Cyrillic run keyed straight from its letters (_cyrillic_key, oʻ/gʻ as o/g) instead of by
    to_latin, which takes a whole sentence's letters for one word and converts it letter by letter (~85 us
    a candidate, and a long unique entry in its cache of converted runs). Other runs take to_latin."""
    text = unicodedata.normalize("NFC", letters)
    parts = _CYR_RUNS_RE.split(text)
    if len(parts) == 1:
        return uz_fold(text)
    for i in range(1, len(parts), 2):
        key = _cyrillic_key(parts[i])
        parts[i] = to_latin(parts[i]) if key is None else key.replace("ô", "o").replace("ğ", "g")
    return uz_fold("".join(parts))


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
# The same rules for words one a line (^: a word's start), each alternative starting with its letter, so that
# the engine skips to the next е, ц, ь or ъ instead of trying every position (6x faster over 100,000 words;
# the same result on every letter triple, tests/test_text_uz_key.py).
_CONTEXT_LINES_RE = re.compile(
    f"е(?<![^\n{_V}ъь]е)|ц(?<=[{_V}]ц)(?=[{_V}])|ь(?=о)|ъ(?<=ўъ)|ъ(?<![{_V}]ъ)(?=[еёюя])"
)
_CONTEXT = {"е": "ye", "ц": "ts", "ь": "y", "ъ": ""}


def _charmap() -> tuple[Any, bytes, bytes, tuple[tuple[bytes, bytes], ...], tuple[tuple[str, str], ...]]:
    """What _key_letters converts with: the key letters as the bytes 128 and up (a charmap codec's table,
    converted in C), those bytes to their Latin letter (bytes.translate), the ones deleted (ь), and the
    letters of two characters or not ASCII put in place of the bytes 1-8 standing for them."""
    letters = sorted(_KEY_LETTERS)
    table = [chr(i) for i in range(128)] + ["\ufffe"] * 128
    to_latin, deleted = bytearray(range(256)), bytearray()
    ascii_pairs: list[tuple[bytes, bytes]] = []
    other_pairs: list[tuple[str, str]] = []
    for at, letter in enumerate(letters, 128):
        table[at] = letter
        out = _KEY_LETTERS[letter]
        if not out:
            deleted.append(at)
        elif len(out) == 1 and out.isascii():
            to_latin[at] = ord(out)
        else:
            to_latin[at] = 1 + len(ascii_pairs) + len(other_pairs)
            if out.isascii():
                ascii_pairs.append((bytes([to_latin[at]]), out.encode()))
            else:
                other_pairs.append((chr(to_latin[at]), out))
    return codecs.charmap_build("".join(table)), bytes(to_latin), bytes(deleted), tuple(ascii_pairs), tuple(other_pairs)


_CHARMAP = _charmap()
_PLACEHOLDER_RE = re.compile(b"[\x01-\x08]")


def _key_letters(text: str) -> str:
    """`text.translate(_KEY_TABLE)` for a text of key letters, line breaks and the Latin letters the context
    rules put in (1 MB in ~8 ms instead of 45: str.translate looks every character up in a dict)."""
    encoding, to_latin, deleted, ascii_pairs, other_pairs = _CHARMAP
    try:
        data = codecs.charmap_encode(text, "strict", encoding)[0]
    except UnicodeEncodeError:  # (a character it does not know: no such text is passed)
        return text.translate(_KEY_TABLE)
    if _PLACEHOLDER_RE.search(data):  # (the bytes standing for ch, sh... were in the text)
        return text.translate(_KEY_TABLE)
    data = data.translate(to_latin, deleted)
    for byte, latin in ascii_pairs:
        data = data.replace(byte, latin)
    out = data.decode("latin-1")
    for char, letter in other_pairs:
        out = out.replace(char, letter)
    return out


_NOT_KEY_LINES_RE = re.compile(f"[^\n{''.join(sorted(_KEY_LETTERS))}]")  # a letter without a quick key
_FIRST3 = operator.itemgetter(slice(0, 3))
_MARK_RE = re.compile("([og])'")


def lexicon_may_start(low: str) -> bool:
    """True when an exception-lexicon entry may apply to the lower-cased Cyrillic run `low`, which then is not
    keyed from its letters (_cyrillic_key's test; tm/penalties.py's letter-by-letter fold relies on it)."""
    if not _LEXICON:
        _load_lexicon_prefixes()
    return low in _LEXICON["words"] or low[:3] in _LEXICON["stems"]


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


# The key of a plain Uzbek Latin word without going through Cyrillic (to_cyrillic: ~20 us a word, most of a
# cold build of a Latin glossary): the letter rules of translit/_lat2cyr.py and the Cyrillic key above give
# a word back its own letters, lower-cased (oʻ/gʻ as ô/ğ, other marks dropped), unless a sequence converts
# by its context (ts: ц or тс; -iev/-eev: е after a vowel; a mark before e or ye: ъе, ғе) or the exception
# lexicon or a homograph may apply. A word with c (not ch) or w is not Uzbek: to_cyrillic leaves it as
# written, so its key is the word lower-cased. Lower-case or capitalised words only (not acronyms or brands);
# anything else takes the full path. tests/test_text_uz_key.py compares both paths.
_MARKS = re.escape(APOSTROPHES)
_LATIN_PLAIN_RE = re.compile(f"[a-z]+(?:[{_MARKS}][a-z]+)*")
_LATIN_RISKY_RE = re.compile(f"ts|[ei]ev|[{_MARKS}]y?e")
_FOREIGN_RE = re.compile("w|c(?!h)")
_TO_MARK = str.maketrans({mark: "'" for mark in APOSTROPHES})


def _latin_key(word: str) -> str | None:
    low = word.lower()
    if not _LATIN_PLAIN_RE.fullmatch(low):
        return None
    if not _LEXICON:
        _load_lexicon_prefixes()
    if low != word and (low[1:] != word[1:] or word in _LEXICON["brands"] or not _LEXICON["capitals"]):
        return None  # capitals inside (an acronym), or a brand
    if _FOREIGN_RE.search(low):
        return low if low.isalpha() and low.isascii() and low not in _LEXICON["homographs"] else None
    if _LATIN_RISKY_RE.search(low):
        return None
    plain = low.translate(_TO_MARK)
    if plain in _LEXICON["lat_words"] or plain in _LEXICON["homographs"]:
        return None
    stems = _LEXICON["lat_stems"]
    if any(plain[:n] in stems for n in range(len(plain), _LAT_MIN_STEM[0] - 1, -1)):
        return None
    if "'" in plain:
        plain = _MARK_RE.sub(lambda m: "ô" if m.group(1) == "o" else "ğ", plain).replace("'", "")
    return plain


def _latin_keys(words: list[str], lows: list[str]) -> list[str | None]:
    """`_latin_key` of each word (`lows`: the words lower-cased), in one loop: the same keys and Nones. The
    lexicon's stems are looked for only in a word that begins like one of them (a word none of whose
    prefixes is a stem begins with no stem of the shortest length, nor with the first shortest + 1 letters
    of a longer one)."""
    full, foreign, risky = _LATIN_PLAIN_RE.fullmatch, _FOREIGN_RE.search, _LATIN_RISKY_RE.search
    lex = _LEXICON
    brands, homographs, lat_words, stems = lex["brands"], lex["homographs"], lex["lat_words"], lex["lat_stems"]
    capitals = bool(lex["capitals"])
    short, starts = lex["lat_stems_shortest"], lex["lat_stem_starts"]
    low_min = _LAT_MIN_STEM[0]
    out: list[str | None] = []
    append = out.append
    for word, low in zip(words, lows, strict=True):
        if full(low) is None or (low != word and (low[1:] != word[1:] or word in brands or not capitals)):
            append(None)
        elif foreign(low):
            append(low if low.isalpha() and low.isascii() and low not in homographs else None)
        elif risky(low):
            append(None)
        else:
            plain = low if low.isascii() and "`" not in low else low.translate(_TO_MARK)  # (' is kept as it is)
            if (
                plain in lat_words
                or plain in homographs
                or (
                    (plain[:low_min] in short or plain[: low_min + 1] in starts)
                    and any(plain[:n] in stems for n in range(len(plain), low_min - 1, -1))
                )
            ):
                append(None)
            elif "'" in plain:
                append(plain.replace("o'", "ô").replace("g'", "ğ").replace("'", ""))
            else:
                append(plain)
    return out


_LEXICON: dict[str, Collection[str]] = {}
_LAT_MIN_STEM = [3]  # the lexicon's shortest stem


def _load_lexicon_prefixes() -> None:
    """The exception lexicon's whole words, and the first three letters of its stems (all at least three
    letters long; a shorter one would make every word take the full path); its Latin words and stems and
    the homographs of news_tokens.toml for the Latin path."""
    from tarjimon.core.translit._lexicon import default_lexicon
    from tarjimon.core.translit._news import news_tokens

    lex = default_lexicon()
    short = any(len(stem) < 3 for stem in lex.cyr_stems) or lex.min_stem < 3
    _LEXICON["words"] = frozenset(lex.cyr_words)
    _LEXICON["stems"] = _EVERYTHING if short else frozenset(stem[:3] for stem in lex.cyr_stems)
    _LEXICON["lat_words"] = frozenset(lex.lat_words)
    _LEXICON["lat_stems"] = frozenset(lex.lat_stems)
    _LAT_MIN_STEM[0] = lex.min_stem
    _LEXICON["lat_stems_shortest"] = frozenset(s for s in lex.lat_stems if len(s) == lex.min_stem)
    _LEXICON["lat_stem_starts"] = frozenset(s[: lex.min_stem + 1] for s in lex.lat_stems if len(s) > lex.min_stem)
    tokens = news_tokens()
    _LEXICON["homographs"] = frozenset(tokens.homographs)
    _LEXICON["brands"] = tokens.brands
    # A capitalised word is converted as its lower-case form unless an acronym may start it (all of them
    # have two capitals or more, so none can; a one-capital acronym would switch this off).
    _LEXICON["capitals"] = frozenset() if any(sum(c.isupper() for c in k) < 2 for k in tokens.acronyms) else {"on"}


class _Everything(frozenset):
    def __contains__(self, item: object) -> bool:
        return True


_EVERYTHING = _Everything()
