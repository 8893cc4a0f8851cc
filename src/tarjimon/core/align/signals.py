"""What a sentence offers an aligner besides its length: numbers, names and cognates, punctuation.

Every feature is language-neutral once folded: numbers become their value (956,000 = 956 минг = 956 тысяч =
956 thousand), words become a consonant skeleton of their Latin spelling, so Тоқаев, Токаев, Tokayev and
Tokaev meet (`cognate_key`). Uzbek Cyrillic is converted with Tarjimon's own transliteration
(core/translit); Kazakh and Russian Cyrillic with the plain letter table below, which only needs to be good
enough for the skeleton to agree.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from tarjimon.core import translit
from tarjimon.core.text import words

# Cyrillic letters of Kazakh and Russian -> Latin, loosely (the skeleton below forgives the rest).
_CYR = dict(zip(
    "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя",
    ["a", "a", "b", "v", "g", "g", "d", "e", "yo", "j", "z", "i", "y", "k", "q", "l", "m", "n", "n", "o", "o",
     "p", "r", "s", "t", "u", "u", "u", "f", "h", "h", "ts", "ch", "sh", "sh", "", "y", "i", "", "e", "yu",
     "ya"], strict=True))
_VOWELS = set("aeiouyw")
# consonants that spell the same sound across the four languages' Latin and Cyrillic forms
_CLASSES = {"q": "k", "g": "k", "x": "k", "h": "k", "c": "s", "z": "s", "w": "v", "b": "v", "p": "v", "f": "v",
            "j": "j", "d": "t"}
_DIGRAPHS = (("dzh", "j"), ("dj", "j"), ("zh", "j"), ("kh", "h"), ("ch", "c"), ("sh", "c"), ("ts", "s"),
             ("ng", "n"), ("ph", "f"), ("th", "t"))

# a number as written: 956,000 / 1 002 874 / 77,25 / 3.5 / 2026
_NUMBER_RE = re.compile(r"(?<![\w.,])(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+(?:[.,]\d+)*)(?!\w)(\s*(\w+\.?))?")
_SCALES = {
    3: ("ming", "минг", "тысяч", "тыс", "thousand", "мың", "мын"),
    6: ("million", "mln", "млн", "миллион", "милион", "millionlar"),
    9: ("milliard", "mlrd", "млрд", "миллиард", "billion", "bn"),
    12: ("trillion", "trln", "трлн", "триллион"),
}


def latin_skeleton_text(text: str, lang: str) -> str:
    """`text` in lower-case Latin letters: Uzbek through core/translit, other Cyrillic by the loose table."""
    if lang == "uz":
        return translit.fold(text)
    low = unicodedata.normalize("NFC", text).casefold()
    return "".join(_CYR.get(ch, ch) for ch in low)


def cognate_key(word: str) -> str:
    """A word's consonant skeleton (its first letter kept, then up to three consonant classes), or "" for a
    word too short to say anything."""
    w = "".join(ch for ch in word if ch.isalpha())
    if len(w) < 4:
        return ""
    for a, b in _DIGRAPHS:
        w = w.replace(a, b)
    head, rest = w[0], w[1:]
    head = _CLASSES.get(head, head)
    if head in _VOWELS:
        head = "a"
    out = [head]
    for ch in rest:
        if ch in _VOWELS or not ch.isalpha():
            continue
        ch = _CLASSES.get(ch, ch)
        if ch != out[-1]:
            out.append(ch)
        if len(out) == 4:
            break
    return "".join(out) if len(out) >= 3 else ""


def number_value(digits: str) -> str:
    """A written number's value as a canonical string: "956,000" and "956 000" -> "956000", "77,25" -> "77.25"."""
    s = re.sub(r"[ \u00a0\u202f]", "", digits)
    groups = re.split(r"[.,]", s)
    if len(groups) > 1 and all(len(g) == 3 for g in groups[1:]) and len(groups[0]) <= 3:
        return str(int("".join(groups)))  # thousands separators
    if len(groups) == 2:
        return f"{int(groups[0])}.{groups[1].rstrip('0') or '0'}".removesuffix(".0")
    return s


def numbers(text: str) -> frozenset[str]:
    """The values of the numbers in `text`, scales applied (956 минг -> 956000)."""
    out = set()
    for m in _NUMBER_RE.finditer(text):
        value = number_value(m.group(1))
        unit = (m.group(3) or "").casefold().rstrip(".")
        for exp, names in _SCALES.items():
            if any(unit.startswith(n) for n in names):
                try:
                    scaled = float(value) * 10 ** exp
                except ValueError:
                    break
                value = str(int(scaled)) if scaled == int(scaled) else str(scaled)
                break
        out.add(value)
    return frozenset(out)


_PUNCT = {"?": "?", "!": "!", ":": ":", "«": "q", "»": "q", "“": "q", "”": "q", '"': "q", "„": "q",
          "(": "(", ")": "("}


def punctuation(text: str) -> frozenset[str]:
    """The marked punctuation a sentence carries (a question, an exclamation, a quote, a bracket, a colon)."""
    return frozenset(_PUNCT[ch] for ch in text if ch in _PUNCT)


# lines a desk adds to its own version and nobody translates: "see also", "read more", a photo credit
_ASIDE_RE = re.compile(
    r"^\W*(see also|also read|read also|read more|related|photo|сондай-ақ оқыңыз|оқи отырыңыз|тағы оқыңыз|фото|"
    r"читайте также|см\. также|также читайте|фото|shuningdek,? o.qing|yana o.qing|batafsil|foto|"
    r"шунингдек,? ўқинг|яна ўқинг|батафсил)\b\W*:?",
    re.IGNORECASE)


def is_aside(text: str) -> bool:
    """Whether a sentence is a desk's aside (a "see also" line, a photo credit) rather than the story."""
    return bool(_ASIDE_RE.match(text)) and len(text) < 200


@dataclass(frozen=True)
class Features:
    """What one sentence brings to the aligner."""

    length: int
    numbers: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()  # skeletons of capitalised words and acronyms
    cognates: frozenset[str] = frozenset()  # skeletons of the other long words
    terms: frozenset[str] = field(default_factory=frozenset)  # glossary concepts recognised (all groups')
    # the concepts each recognised word (or multi-word term) may be, one group a word: a Kazakh word of a
    # dictionary is several English words' translation, and counts once (`Scorer.similarity`)
    term_groups: tuple[frozenset[str], ...] = ()
    punct: frozenset[str] = frozenset()
    aside: bool = False  # a "see also" line: it stays unaligned unless the other side has one too
    # recognised words none of whose concepts the other version holds anywhere (set by the scorer, scorer.py):
    # a sentence full of them is more likely one the other version dropped than half of a merge
    orphans: int = 0


def term_groups(found: Iterable[str] | Iterable[frozenset[str]]) -> tuple[frozenset[str], ...]:
    """What a term finder gave, as groups: concept ids alone (a glossary's hits) are a group each."""
    return tuple(frozenset((g,)) if isinstance(g, str) else frozenset(g) for g in found if g)


def features(text: str, lang: str, terms: Iterable[str] | Iterable[frozenset[str]] = ()) -> Features:
    """The features of one sentence in `lang`; `terms`: the concepts recognised in it (ids, or a group of
    ids a word)."""
    names, cognates = set(), set()
    runs: list[list[str]] = []  # consecutive capitalised words: Hong Kong = Гонконг, New York = Нью-Йорк
    end = -1
    for i, (start, stop, word) in enumerate(words.surface_words(text)):
        name = word[:1].isupper() and (i > 0 or word.isupper())  # not a sentence's capital
        if name:
            if runs and runs[-1] and not text[end:start].strip(" -\u00a0"):
                runs[-1].append(word)
            else:
                runs.append([word])
        elif runs and runs[-1]:
            runs.append([])
        end = stop
        key = cognate_key(latin_skeleton_text(word, lang))
        if not key:
            continue
        if name:
            names.add(key)
        else:
            cognates.add(key)
    names.update(cognate_key(latin_skeleton_text("".join(run), lang)) for run in runs if len(run) > 1)
    names.discard("")
    groups = term_groups(terms)
    return Features(len(text), numbers(text), frozenset(names), frozenset(cognates - names),
                    frozenset().union(*groups), groups, punctuation(text), is_aside(text))


def merge(parts: list[Features]) -> Features:
    """The features of several sentences read as one."""
    if len(parts) == 1:
        return parts[0]
    return Features(
        sum(p.length for p in parts) + len(parts) - 1,
        frozenset().union(*(p.numbers for p in parts)),
        frozenset().union(*(p.names for p in parts)),
        frozenset().union(*(p.cognates for p in parts)),
        frozenset().union(*(p.terms for p in parts)),
        tuple(g for p in parts for g in p.term_groups),
        frozenset().union(*(p.punct for p in parts)),
        any(p.aside for p in parts),
        sum(p.orphans for p in parts),
    )
