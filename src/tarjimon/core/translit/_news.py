"""News tokens for Latin -> Cyrillic, read from ``news_tokens.toml`` (package data).

Uzbek acronyms, foreign brands kept in Latin, э after a prefix, homographs with a common reading, and the
shape rules for tokens of news text: capitals with a mixed-case digraph (TOShKENT, OʻzA), initials glued to
a name (Sh.Aliyev), a Latin name or domain with an Uzbek suffix after an apostrophe (Gazeta.uz’da).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ._alphabet import APOSTROPHES
from ._lexicon import SUFFIX_CHAIN_LAT, latin_key

_A = re.escape(APOSTROPHES)
# All capitals, except a digraph or Oʻz written in mixed case: TOShKENT, ChIRChIQ, OʻzA, YaIM, OʻzLiDeP.
_UZBEK_CAPS_RE = re.compile(f"(?:O[{_A}]z|[SC]h|Y[aoue]|[OG][{_A}]|[A-Z])+")
# Initials glued to a name: B.Rahimov, Sh.Aliyev, I.A.Karimov, O‘.Hoshimov.
INITIALS_RE = re.compile(f"(?:(?:Sh|Ch|[OG][{_A}]|[A-Z])\\.)+(?=[A-Z][a-z{_A}]+\\b)")


@dataclass(frozen=True)
class NewsTokens:
    acronyms: dict[str, str]
    kept_acronyms: frozenset[str]
    brands: frozenset[str]
    phrases: tuple[str, ...]
    business: frozenset[str]
    foreign_spellings: frozenset[str]
    e_prefixes: tuple[str, ...]
    e_roots: tuple[str, ...]
    homographs: dict[str, tuple[str, str, tuple[str, ...]]]

    def e_after_prefix(self, key: str) -> set[int]:
        """Indices of ``key`` (a latin_key) where e opens a root after a prefix: э, not е."""
        out = set()
        for prefix in self.e_prefixes:
            if key.startswith(prefix) and key[len(prefix) :].startswith(self.e_roots):
                out.add(len(prefix))
        return out

    def homograph(self, word: str, next_word: str) -> str | None:
        """The Cyrillic for a homograph ``word`` (lower case), chosen by ``next_word``; None if not one."""
        entry = self.homographs.get(latin_key(word))
        if entry is None:
            return None
        default, alternative, before = entry
        return alternative if latin_key(next_word).startswith(before) else default


@lru_cache(maxsize=1)
def news_tokens() -> NewsTokens:
    text = resources.files(__package__).joinpath("news_tokens.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    e = data.get("e_compounds", {})
    homographs = {
        latin_key(word): (str(v["default"]), str(v["alternative"]), tuple(latin_key(b) for b in v["before"]))
        for word, v in data.get("homographs", {}).items()
    }
    return NewsTokens(
        acronyms={str(k): str(v) for k, v in data.get("acronyms", {}).items()},
        kept_acronyms=frozenset(data.get("kept_acronyms", {}).get("names", [])),
        brands=frozenset(data.get("brands", {}).get("names", [])),
        phrases=tuple(data.get("brands", {}).get("phrases", [])),
        business=frozenset(data.get("brands", {}).get("business", [])),
        foreign_spellings=frozenset(data.get("brands", {}).get("foreign_spellings", [])),
        e_prefixes=tuple(latin_key(p) for p in e.get("prefixes", [])),
        e_roots=tuple(e.get("roots", [])),
        homographs=homographs,
    )


def is_uzbek_caps(word: str) -> bool:
    """Capitals with an Uzbek digraph in mixed case (TOShKENT, ChIRChIQ, OʻzA, YaIM): an Uzbek word. Not a word
    in title case whose only capital is its first letter (Oʻz "own" opening a sentence is Ўз, not ЎЗ; Ya, Yo)."""
    return (
        any(c.islower() for c in word)
        and any(c.isupper() for c in word[1:])
        and _UZBEK_CAPS_RE.fullmatch(word) is not None
    )


def is_suffix_chain(text: str) -> bool:
    """True when ``text`` (lower-case Latin) is a chain of ordinary Uzbek suffixes (da, ning, dagi...)."""
    return bool(text) and text.islower() and SUFFIX_CHAIN_LAT.fullmatch(latin_key(text)) is not None
