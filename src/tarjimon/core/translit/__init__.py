"""Uzbek script conversion, Cyrillic ⇄ Latin (the official 1995 Latin alphabet).

Letter rules (``_cyr2lat``, ``_lat2cyr``) do most of the work: е -> ye/e, ц -> s/ts, ъ/ь, ё/ю/я,
digraph case, сҳ -> sʼh. An exception lexicon (``exceptions.tsv``, package data, loaded with
importlib.resources) supplies the spellings no rule can predict, mainly Latin -> Cyrillic
(konsert -> концерт, mer -> мэр, model -> модель), stems taking ordinary suffixes.

Public API: :func:`to_latin`, :func:`to_cyrillic`, :func:`detect_script`, :func:`fold`,
:func:`normalize_apostrophes`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection

from . import _cyr2lat, _lat2cyr
from ._alphabet import APOSTROPHES, Script, detect_script, normalize_apostrophes
from ._lexicon import Lexicon, default_lexicon

__all__ = [
    "Lexicon",
    "Script",
    "default_lexicon",
    "detect_script",
    "fold",
    "normalize_apostrophes",
    "to_cyrillic",
    "to_latin",
]


def to_latin(text: str) -> str:
    """Convert Uzbek Cyrillic ``text`` to the 1995 Latin alphabet.

    Only Cyrillic letters are touched: punctuation, digits, spacing and words already in Latin
    (Kazinform, Astana Hub, IT) come through unchanged. Output uses ʻ (U+02BB) in oʻ/gʻ and
    ʼ (U+02BC) for the tutuq belgisi (ъ).
    """
    return _cyr2lat.to_latin(text, default_lexicon())


def to_cyrillic(text: str, keep: Collection[str] = ()) -> str:
    """Convert Uzbek Latin ``text`` (any apostrophe variant) to Cyrillic.

    Left as written: words in ``keep`` (exact, case-sensitive), URLs, e-mail addresses, @handles
    and #tags, dotted names (Alem.Cloud; not two sentences whose space was lost: berdi.Maʼlum), words
    with letters or pairs Uzbek does not use (Cloud, Windows, Shanghai) or with inner capitals
    (CryptoCity), hyphenated names with such a part (Wi-Fi), brand names of several words (Astana Hub,
    Alatau city: news_tokens.toml), quoted company names of 2-4 capitalised words with an English
    business word or foreign letters ("Heyal Holding", «Cabani Shoes»), codes in capitals glued to
    digits (5G, G20), and acronyms in capitals (IT, AI; any word of at most four capitals, or capitals
    without a vowel) unless the whole line is a capitals headline. Known Uzbek abbreviations (AQSH, BMT, MDH, PF...) and international
    bodies the Cyrillic press writes in Cyrillic (NATO, UNESCO / YuNESKO -> НАТО, ЮНЕСКО) are converted.
    Cyrillic already in the text is not touched.
    """
    return _lat2cyr.to_cyrillic(text, default_lexicon(), keep)


_MARKS_RE = re.compile(f"[{re.escape(APOSTROPHES)}]")
# Equivalences of the matching key, applied after conversion to Latin: ц is s or ts, е is e or ye
# (and э is e), ё/йо both give yo, so "ts" -> "s" and "ye" -> "e" erase the ambiguous choices.
_FOLD_PAIRS_RE = re.compile("ts|ye")
_FOLD_MAP = {"ts": "s", "ye": "e"}


def fold(text: str) -> str:
    """A script-, apostrophe- and case-neutral key for matching Uzbek text across scripts.

    How: Cyrillic is converted to Latin; the result is NFC-normalised and case-folded; every
    apostrophe (oʻ, gʻ, tutuq belgisi, in any of ' ` ‘ ’ ʻ ʼ) is removed; then ``ts`` -> ``s`` and
    ``ye`` -> ``e``, so the spellings that depend on ц and е/э choices meet. Hence
    ``fold("Қозоғистон") == fold("Qozogʻiston") == fold("QOZOG'ISTON") == "qozogiston"`` and
    ``fold("концерт") == fold("kontsert")``. The key is lossy on purpose (o/oʻ and g/gʻ merge);
    use it for look-up, never for display.
    """
    latin = to_latin(unicodedata.normalize("NFC", text)).casefold()
    latin = _MARKS_RE.sub("", latin)
    # _FOLD_PAIRS_RE's substitutions as two replaces (3x faster, no callback per match): the same result, as
    # neither pattern can overlap the other and neither replacement can make a new "ts" or "ye"
    return latin.replace("ts", "s").replace("ye", "e")
