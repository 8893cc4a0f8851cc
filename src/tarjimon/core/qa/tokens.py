"""Names and tokens a target must keep: Latin-script names, brands and acronyms, URLs, e-mails, hashtags and
handles of the source (check `kept-token`).

A token is kept when the target has it as written (case aside, an inflection or possessive after it allowed:
"CryptoCity's", "IT-орталық"), or a form the names table allows for the target's language, or a
transliteration into the target's script that sounds the same (Kazinform / Казинформ, NATO / НАТО): both are
reduced to a Latin sound skeleton and compared loosely. The names table is package data (`names.tsv` beside
this module) plus the project's own `names.tsv` (columns: lang, source form, target form).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from rapidfuzz import fuzz

_URL_RE = re.compile(r"\b(?:https?://|www\.)[^\s<>«»\"“”]+[^\s<>«»\"“”.,;:!?)\]]")
# (tried once per run of [\w.+-], from its first letter: `\b[\w.+-]+@` was tried from every letter of a run and
# scanned it to its end each time, so 200,000 characters of "1.1.1..." held `qa` for minutes; the same
# addresses are found, the group is the address)
_EMAIL_RE = re.compile(r"(?<![\w.+-])[.+-]*+(\w[\w.+-]*+@[\w-]+(?:\.[\w-]+)+\b)")
_HASHTAG_RE = re.compile(r"(?<![\w#])#\w+")
_HANDLE_RE = re.compile(r"(?<![\w@])@[A-Za-z_][\w.]*\w")
# A Latin word (apostrophes of Uzbek Latin inside); digits allowed after the first letter (COVID-19 is cut).
_LATIN_WORD_RE = re.compile(r"(?<![\w\u0400-\u04ff])[A-Za-z][A-Za-z0-9ʻʼ'’]*[A-Za-z0-9]|(?<!\w)[A-Z](?!\w)")
_CYR_RE = re.compile("[\u0400-\u04ff]")
_LATIN_TARGET = {"en", "uz", "tr", "de", "fr"}


@dataclass(frozen=True)
class Token:
    """A source token a target must keep, and what kind it is (url, email, hashtag, handle, name, acronym)."""

    text: str
    kind: str


def source_tokens(source: str) -> list[Token]:
    """The tokens of `source` every target should keep, in order, each once.

    In a Cyrillic source every Latin word is a foreign name, brand or acronym (Kazinform, CryptoCity, IT).
    In a Latin source only what cannot be an ordinary word is taken: acronyms (NATO), mixed case (CryptoCity,
    iPhone) and words with digits.
    """
    out: dict[str, Token] = {}
    rest = source
    for kind, pattern in (("url", _URL_RE), ("email", _EMAIL_RE), ("hashtag", _HASHTAG_RE),
                          ("handle", _HANDLE_RE)):  # fmt: skip
        for m in pattern.finditer(rest):
            found = m.group(m.lastindex or 0)
            out.setdefault(found, Token(found, kind))
        rest = pattern.sub(" ", rest)
    cyrillic_source = bool(_CYR_RE.search(rest))
    for m in _LATIN_WORD_RE.finditer(rest):
        word = m.group()
        letters = [c for c in word if c.isalpha()]
        acronym = len(letters) >= 2 and all(c.isupper() for c in letters)
        mixed = any(c.isupper() for c in word[1:]) and not acronym
        if cyrillic_source:
            if len(letters) < 2 or not (word[0].isupper() or mixed or acronym):
                continue  # "a", "e-mail": not a name
        elif not (acronym or mixed or any(c.isdigit() for c in word)):
            continue
        out.setdefault(word, Token(word, "acronym" if acronym else "name"))
    return list(out.values())


# ---- sound skeletons: the same name in Latin and Cyrillic letters --------------------------------
_CYR2LAT = dict(zip("абвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюяў",
                    ["a", "b", "v", "g", "g", "d", "e", "e", "j", "z", "i", "i", "k", "k", "l", "m", "n", "n",
                     "o", "o", "p", "r", "s", "t", "u", "u", "u", "f", "h", "h", "ts", "ch", "sh", "sh", "",
                     "i", "i", "", "e", "iu", "ia", "o"], strict=True))  # fmt: skip
_FOLD = str.maketrans({"c": "k", "q": "k", "y": "i", "j": "i", "x": "h", "w": "v", "z": "s", "ә": "a"})


def skeleton(text: str) -> str:
    """A rough Latin sound key: Kazinform and Казинформ, NATO and НАТО, Samarqand and Самарканд meet."""
    low = text.casefold()
    latin = "".join(_CYR2LAT.get(ch, ch) for ch in low)
    latin = re.sub(r"[^a-z]", "", latin.replace("ph", "f").replace("ck", "k")).translate(_FOLD)
    return re.sub(r"(.)\1+", r"\1", latin)


def name_key(word: str) -> str:
    """The first four consonants of a word's sound skeleton: the same name in Uzbek, Kazakh, Russian and
    English spelling (Тошкентда, Ташкентте, Tashkent) meets; "" for a word with fewer than three."""
    consonants = re.sub("[aeiou]", "", skeleton(word))
    return consonants[:4] if len(consonants) >= 3 else ""


# ---- the names table --------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _package_names() -> tuple[tuple[str, str, str], ...]:
    text = resources.files(__package__).joinpath("names.tsv").read_text(encoding="utf-8")
    return tuple(_parse_names(text))


def _parse_names(text: str) -> list[tuple[str, str, str]]:
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) >= 3:
            rows.append((parts[0].strip(), parts[1].strip(), parts[2].strip()))
    return rows


def names_table(project_file: Path | None = None) -> dict[tuple[str, str], set[str]]:
    """(language, source form casefolded) -> the target forms allowed: package data plus the project's
    `names.tsv` (lang, source form, target form; one form a line)."""
    rows = list(_package_names())
    if project_file is not None and project_file.is_file():
        rows += _parse_names(project_file.read_text(encoding="utf-8"))
    table: dict[tuple[str, str], set[str]] = {}
    for lang, src, tgt in rows:
        table.setdefault((lang, src.casefold()), set()).add(tgt)
    return table


# ---- the check ----------------------------------------------------------------------------------------
def _has_form(form: str, target: str) -> bool:
    """`form` in the target as a word start (an inflection may follow: IT-орталық, Kazinform's)."""
    return bool(re.search(rf"(?<![\w@#]){re.escape(form)}", target, re.IGNORECASE))


def _sounds_kept(token: str, target: str) -> bool:
    key = skeleton(token)
    if len(key) < 2:
        return False
    words = re.findall(r"[^\W\d_]+", target)
    n = len(re.findall(r"[A-Za-z]+", token)) or 1
    for i in range(len(words)):
        candidate = skeleton("".join(words[i:i + n]))
        if candidate.startswith(key) and len(candidate) - len(key) <= 5:
            return True
        if len(key) >= 5 and fuzz.ratio(key, candidate[: len(key) + 1]) >= 80:
            return True
    return False


def token_kept(token: Token, target: str, lang: str, table: Mapping[tuple[str, str], set[str]]) -> bool:
    """Whether `target` (in `lang`) keeps `token` as written, as the table allows, or transliterated."""
    if _has_form(token.text, target):
        return True
    if any(_has_form(form, target) for form in table.get((lang, token.text.casefold()), ())):
        return True
    if token.kind in ("url", "email", "hashtag", "handle"):
        return False
    return _sounds_kept(token.text, target)


def check_tokens(source: str, target: str, lang: str,
                 table: Mapping[tuple[str, str], set[str]] | None = None) -> list[tuple[str, str]]:  # fmt: skip
    """`kept-token` findings: source tokens the target neither keeps nor transliterates."""
    if table is None:
        table = names_table()
    missing = [t for t in source_tokens(source) if not token_kept(t, target, lang, table)]
    if not missing:
        return []
    shown = ", ".join(f"“{t.text}” ({t.kind})" for t in missing[:4])
    return [("kept-token", f"{shown} of the source not in the target")]


def tokens_in(texts: Iterable[str]) -> set[str]:
    """Every token of several texts, casefolded (the spelling check spares them)."""
    return {t.text.casefold() for text in texts for t in source_tokens(text)}
