"""Context rules of a concept (the glossary's `match` column) and spans where no term may be found.

- A concept's ``match`` column (see docs/glossaries.md) lists context words: ``not_after: баспасөз`` (no hit
  when the word before is one of these: "баспасөз қызметі" is the press service, not қызмет "activity"),
  ``not_before: ...`` (the word after), ``with: ...`` (words of the text that speak for this concept when two
  concepts share a span). Words match in any inflected form (by stem).
- One span, one concept: when several concepts match the same words, the one with most ``with`` words in the
  text wins (then the better score, then glossary order); the others are dropped, never shown as two hits.
- No hit inside a site or brand name: Газета.uz, Kun.uz, «Toshkent savdo» MChJ, ТОО «Алматы құрылыс».
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

#: Column of a glossary file holding a concept's context rules.
MATCH_COLUMN = "match"
_KINDS = ("not_after", "not_before", "with", "sense", "case")
#: Legal forms next to a quoted company name (Uzbek, Kazakh, Russian, English).
COMPANY_FORMS = (
    "MChJ", "МЧЖ", "AJ", "АЖ", "XK", "ХК", "QK", "ҚК", "OAJ", "ОАЖ", "AT", "АТ", "YaTT", "ЯТТ",
    "ЖШС", "АҚ", "ЖАҚ", "ТОО", "АО", "ООО", "ОАО", "ПАО", "ЗАО", "ИП", "LLC", "JSC", "Ltd", "Inc", "PLC",
)  # fmt: skip
#: The same written in full (after the quoted name): “Yong Xin” масъулияти чекланган жамияти.
_FULL_FORMS = (
    r"масъулияти\s+чекланган\s+жамият", r"mas[ʼ'’‘]?uliyati\s+cheklangan\s+jamiyat",
    r"жауапкершілігі\s+шектеулі\s+серіктестіг", r"акционерлік\s+қоғам", r"акциядорлик\s+жамият",
)  # fmt: skip
_FORMS = "|".join(sorted(COMPANY_FORMS, key=len, reverse=True))
# A legal form may carry a case or possessive ending, glued or after a hyphen: “Бозори Вору” МЧЖга, «X» АҚ-тың.
_FORM_END = r"(?:-?[a-zа-яёўқғҳәіңүұөһ]{1,7})?(?!\w)"
_QUOTED = r"[«\"“„]([^«»\"“”„\n]{1,80})[»\"”“]"
_BLOCKED_RE = re.compile(
    rf"(?<![\w.])[^\W\d_][\w-]+(?:\.[a-z]{{2,}})+(?![\w.])"  # Газета.uz, Kun.uz, gov.uz (not Sh.Aliyev)
    rf"|{_QUOTED}\s*(?:(?:{_FORMS}){_FORM_END}|(?:{'|'.join(_FULL_FORMS)}))"  # «Toshkent savdo» MChJ(ga)
    rf"|(?<!\w)(?:{_FORMS})\s*{_QUOTED}"  # ТОО «Алматы құрылыс»
)

# (not_after, not_before, with, sense, case) keys; a not_after phrase is its words' keys joined by a space;
# case holds "proper" for a name whose lower-case homograph is a common noun (Астана, астана "capital"),
# "common" for a common noun that is also a personal name (азамат "citizen", Азамат).
Rules = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]


def parse_match(value: str, word_key: Callable[[str], str], lang: str = "") -> Rules | None:
    """Parse a ``match`` cell: ``not_after: w1, w2; not_before: w3; with: w4; sense kk: w5`` (word keys via
    `word_key`; a rule naming languages after its name is kept only for `lang`)."""
    if not value.strip():
        return None
    found: dict[str, list[str]] = {k: [] for k in _KINDS}
    for part in value.split(";"):
        name, sep, words = part.partition(":")
        name, *langs = name.strip().lower().replace("-", "_").split()
        if not sep or name not in found:
            raise ValueError(
                f"match rule {part.strip()!r}: expected not_after:, not_before:, with:, sense LANG: or case:"
            )
        if langs and lang not in langs:
            continue
        for w in words.split(","):
            if w.strip():
                key = w.strip().lower() if name == "case" else " ".join(word_key(x) for x in w.split())
                found[name].append(key)
    if not any(found.values()):
        return None
    return tuple(tuple(found[k]) for k in _KINDS)  # type: ignore[return-value]


def blocked_spans(text: str) -> list[tuple[int, int]]:
    """Spans of site names and quoted company names, where no shorter term may be found."""
    out = []
    for m in _BLOCKED_RE.finditer(text):
        inner = next((i for i in (1, 2) if m.group(i) is not None), None)
        out.append(m.span(inner) if inner else m.span())
    return out


def inside_blocked(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether [start, end) lies inside a blocked span without being all of it (a term may be the name)."""
    return any(s <= start and end <= e and (start, end) != (s, e) for s, e in spans)
