"""The exception lexicon: word stems whose spelling the letter rules cannot predict.

``exceptions.tsv`` (package data) holds ``cyrillic<TAB>latin[<TAB>flags]`` lines, lower case.
An entry matches a whole word or, unless flagged ``w``, a stem followed by a chain of ordinary
Uzbek suffixes (konsert + lar + da), so one line covers every inflected form. Flags: ``w`` whole
word only, ``>`` Cyrillic -> Latin only, ``<`` Latin -> Cyrillic only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from ._alphabet import APOSTROPHES, normalize_apostrophes

# Inflectional and common derivational suffixes, longest first inside the alternation.
_SUFFIXES_LAT = (
    # Noun inflection and common derivation only: single letters like a/y/u (verb forms) would let
    # a stem swallow unrelated words (seriy + a != seriya).
    "lashtirish lashtir lash chilik lari lar ning imiz ingiz miz ngiz ing ng im m ni ga ka qa "
    "dagi tagi dan tan da ta gi ki si i li lik siz chi cha dek day dir mi ku gina"
).split()
_LAT_TO_CYR_SIMPLE = {
    "sh": "ш", "ch": "ч", "ng": "нг", "a": "а", "b": "б", "d": "д", "e": "е", "g": "г", "h": "ҳ",
    "i": "и", "k": "к", "l": "л", "m": "м", "n": "н", "o": "о", "q": "қ", "r": "р", "s": "с",
    "t": "т", "u": "у", "v": "в", "y": "й", "z": "з",
}  # fmt: skip


def _simple_cyr(suffix: str) -> str:
    out, i = [], 0
    while i < len(suffix):
        two = suffix[i : i + 2]
        if two in ("sh", "ch"):
            out.append(_LAT_TO_CYR_SIMPLE[two])
            i += 2
        elif two == "yu":
            out.append("ю")
            i += 2
        else:
            out.append(_LAT_TO_CYR_SIMPLE[suffix[i]])
            i += 1
    return "".join(out)


def _chain_re(suffixes: list[str]) -> re.Pattern[str]:
    alternation = "|".join(sorted(set(suffixes), key=len, reverse=True))
    return re.compile(f"(?:{alternation})*")


_TO_PLAIN_MARK = str.maketrans({mark: "'" for mark in APOSTROPHES})
_LAT_CHAIN = _chain_re(_SUFFIXES_LAT)
_CYR_CHAIN = _chain_re([_simple_cyr(s) for s in _SUFFIXES_LAT])
#: A chain of ordinary Uzbek suffixes in Latin (lar, da, ning, dagi, ...), for fullmatch on a latin_key.
SUFFIX_CHAIN_LAT = _LAT_CHAIN


def latin_key(word: str) -> str:
    """Lower-case Latin word with one apostrophe character, as the lexicon stores it."""
    return word.lower().translate(_TO_PLAIN_MARK)


@dataclass
class Lexicon:
    """Two look-up tables (stems and whole words) for each direction."""

    cyr_stems: dict[str, str] = field(default_factory=dict)
    cyr_words: dict[str, str] = field(default_factory=dict)
    lat_stems: dict[str, str] = field(default_factory=dict)
    lat_words: dict[str, str] = field(default_factory=dict)
    min_stem: int = 3
    # Cyrillic run -> its Latin, filled by _cyr2lat.to_latin (a TM lookup or import converts the same words again
    # and again); emptied by add()
    latin_cache: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    def add(self, cyrillic: str, latin: str, flags: str = "", *, override: bool = True) -> None:
        """Add one pair; ``latin`` may use any apostrophe variant."""
        self.latin_cache.clear()
        cyr = cyrillic.lower()
        lat = latin_key(latin)
        whole = "w" in flags
        if "<" not in flags:
            table = self.cyr_words if whole else self.cyr_stems
            if override or cyr not in table:
                table[cyr] = lat
        if ">" not in flags:
            table = self.lat_words if whole else self.lat_stems
            if override or lat not in table:
                table[lat] = cyr

    @staticmethod
    def _match(
        word: str, words: dict[str, str], stems: dict[str, str], chain: re.Pattern[str], min_stem: int
    ) -> tuple[int, str] | None:
        if word in words:
            return len(word), words[word]
        if not stems:
            return None
        for end in range(len(word), min_stem - 1, -1):
            stem = stems.get(word[:end])
            if stem is not None and (end == len(word) or chain.fullmatch(word, end)):
                return end, stem
        return None

    def match_cyrillic(self, low: str) -> tuple[int, str] | None:
        """(length of the matched Cyrillic stem, its Latin spelling with ' for marks) or None."""
        hit = self._match(low, self.cyr_words, self.cyr_stems, _CYR_CHAIN, self.min_stem)
        if hit is None:
            return None
        end, lat = hit
        return end, _canonical_marks(lat)

    def match_latin(self, key: str) -> tuple[int, str] | None:
        """(length of the matched stem in ``key`` (a :func:`latin_key`), its Cyrillic) or None."""
        return self._match(key, self.lat_words, self.lat_stems, _LAT_CHAIN, self.min_stem)


def _canonical_marks(lat: str) -> str:
    """Turn the lexicon's plain ' back into ʻ after o/g and ʼ elsewhere."""
    return normalize_apostrophes(lat) if "'" in lat else lat


def parse_lines(lines: list[str], lexicon: Lexicon) -> None:
    """Read ``cyrillic<TAB>latin[<TAB>flags]`` lines into ``lexicon``; first entry wins."""
    for raw in lines:
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        lexicon.add(parts[0], parts[1], parts[2] if len(parts) > 2 else "", override=False)


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The shipped exceptions (``exceptions.tsv`` in this package), loaded once."""
    text = resources.files(__package__).joinpath("exceptions.tsv").read_text(encoding="utf-8")
    lexicon = Lexicon()
    parse_lines(text.splitlines(), lexicon)
    return lexicon
