"""Numbers written in words, read to their values: беш минг and besh ming = 5000, екі мың = 2000, пять тысяч =
5000, one billion = 1000000000.

A news desk writes figures as its own style wants: the Uzbek "беш мингга яқин компания" is "nearly 5,000
companies" in English and "около 5 тысяч компаний" in Russian. The number check lets a number written in words
on one side stand for the same value written in digits on the other; it never asks for one (бир, бір, один and
one are also "a"). The words, their values and endings are data: number_words.toml (package data).
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from importlib import resources

from tarjimon.core.text.fold import uz_key
from tarjimon.core.text.words import WORD_RE

# What may stand between two words of one number: spaces, a hyphen (twenty-five), English "and".
_JOIN_RE = re.compile(r"[\s\u00a0\u202f-]*(?:\band\s+)?")


@dataclass(frozen=True)
class _Numerals:
    values: dict[str, int]  # word key -> value
    endings: re.Pattern[str]
    stop: frozenset[str]
    uzbek: bool
    starts: frozenset[str] = frozenset()  # the first two letters of the keys: most words are let go at once

    def key(self, word: str) -> str:
        return uz_key(word) if self.uzbek else word.lower().replace("ё", "е")

    def value(self, word: str) -> int | None:
        """The value of one number word (with its endings: иккита, мингга, мыңнан), or None."""
        key = self.key(word)
        if key[:2] not in self.starts or key in self.stop:
            return None
        if key in self.values:
            return self.values[key]
        for cut in range(len(key) - 1, 0, -1):
            if key[:cut] in self.values and self.endings.fullmatch(key[cut:]):
                return self.values[key[:cut]]
        return None


@functools.cache
def _numerals(lang: str) -> _Numerals | None:
    data = tomllib.loads(resources.files(__package__).joinpath("number_words.toml").read_text("utf-8"))
    rules = data.get(lang.split("-")[0].lower())
    if rules is None:
        return None
    uzbek = lang.lower().startswith("uz")
    plain = _Numerals({}, re.compile(""), frozenset(), uzbek)
    values = {plain.key(w): int(v) for w, v in rules.get("values", {}).items()}
    for v, forms in rules.get("forms", {}).items():
        values.update((plain.key(w), int(v)) for w in forms.split())
    return _Numerals(values, re.compile(rules.get("endings", "")), frozenset(plain.key(w) for w in rules.get("not", [])),
                     uzbek, frozenset(k[:2] for k in values))  # fmt: skip


def _total(values: list[int]) -> int:
    """The number a run of number words says: икки юз эллик минг -> (2 * 100 + 50) * 1000."""
    total = current = 0
    for v in values:
        if v >= 1000:
            total += max(current, 1) * v
            current = 0
        elif v == 100:
            current = max(current, 1) * 100
        else:
            current += v
    return total + current


def word_numbers(text: str, lang: str) -> list[tuple[str, set[str]]]:
    """The numbers `text` writes in words (in language `lang`), each as written and its value, as
    `checks.numbers` gives digits: [("беш мингга", {"5000"})]. A language without number words gives []."""
    numerals = _numerals(lang)
    if numerals is None:
        return []
    out: list[tuple[str, set[str]]] = []
    run: list[int] = []
    start = end = 0
    for m in WORD_RE.finditer(text):
        if run and m.group() == "and":  # two hundred and fifty: the run goes on past it
            continue
        value = numerals.value(m.group())
        if value is not None and run and _JOIN_RE.fullmatch(text, end, m.start()):
            run.append(value)
            end = m.end()
            continue
        if run:
            out.append((text[start:end], {str(_total(run))}))
            run = []
        if value is not None:
            run, start, end = [value], m.start(), m.end()
    if run:
        out.append((text[start:end], {str(_total(run))}))
    return out
