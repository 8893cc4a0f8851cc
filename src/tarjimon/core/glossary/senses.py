"""Which concept a recognised span means, and where a term is not a term (applied by recognize.match).

- Neighbour words a concept rules out (``not_after``/``not_before`` in its ``match`` cell, see match_rules):
  "баспасөз қызметі" is the press service, not қызмет "activity".
- One span, one concept: when several concepts match the same words (homographs), the one with most ``with``
  words in the text wins (then the better score, then the concept with more languages, then file order); never two hits on one span.
- No hit inside a site or company name (Газета.uz, «Toshkent savdo» MChJ).
- One span, two concepts, no context word for either: the concept whose preferred term the word is wins over
  one that has it as a synonym (Kazakh халық is first "people", халқ; "population" is тұрғындар first).
- An amount: a number and a measure term with -лик/-лық is the unit (100 долларлик, 5 мың теңгелік).
- Initials + surname of a name term (Ш.Мирзиёев, Q.Toqayev), and derived words of a term for target QA
  (мемлекеттік for мемлекет, kind "derived").
"""

from __future__ import annotations

import re

from tarjimon.core.glossary import match_rules
from tarjimon.core.glossary.index import SCORE_DERIVED, RawHit, TermIndex, Token, _hit
from tarjimon.core.glossary.morphology import Morphology

_INITIAL_GAP_RE = re.compile(r"\.\s*-?\s*")


def initials(index: TermIndex, morph: Morphology, tokens: list[Token], text: str, i: int) -> list[RawHit]:
    """Initials + surname of a name term: Ш.Мирзиёев, Sh. Mirziyoyev, Қ.-Ж. Тоқаев, Q.Toqayevning."""
    j = i
    while j + 1 < len(tokens) and len(tokens[j].text) <= 2 and tokens[j].text[0].isupper():
        if not _INITIAL_GAP_RE.fullmatch(text, tokens[j].end, tokens[j + 1].start):
            return []
        j += 1
    if j == i:
        return []
    initial = tokens[i].key
    out = []
    for stem, _infl, _p in morph.analyses(tokens[j].key):
        for eid in index.names.get(stem, ()):
            if index.full(eid)[2][0].startswith(initial):
                out.append(_hit(index, tokens, text, i, j, eid, True))  # a form of the name, not the term
    return out


def _stems(morph: Morphology, tok: Token) -> set[str]:
    return {stem for stem, _i, _p in morph.analyses(tok.key)}


def filter_hits(
    index: TermIndex, morph: Morphology, tokens: list[Token], text: str, found: list[RawHit]
) -> list[RawHit]:
    """Drop hits inside a site or company name and hits whose neighbour word a concept rules out."""
    blocked = match_rules.blocked_spans(text) if found else []
    out = []
    for h in found:
        if blocked and match_rules.inside_blocked(h.start, h.end, blocked):
            continue
        rules = index.rules.get(index.entries[h.entry][0]) if index.rules else None
        if rules:
            not_after, not_before, _with = rules
            if (
                not_after
                and h.first > 0
                and not re.search(r"[.!?;:]", text[tokens[h.first - 1].end : h.start])
            ):
                if _stems(morph, tokens[h.first - 1]) & set(not_after):
                    continue
            if not_before and h.last + 1 < len(tokens):
                if not re.search(r"[.!?;:]", text[h.end : tokens[h.last + 1].start]):
                    if _stems(morph, tokens[h.last + 1]) & set(not_before):
                        continue
        out.append(h)
    return out


def one_concept_per_span(
    index: TermIndex, morph: Morphology, tokens: list[Token], chosen: list[RawHit]
) -> list[RawHit]:
    """Several concepts on one span (homographs): keep the one the text's words speak for."""
    by_span: dict[tuple[int, int], list[RawHit]] = {}
    for h in chosen:
        by_span.setdefault((h.start, h.end), []).append(h)
    if all(len(v) == 1 for v in by_span.values()):
        return chosen
    text_stems: set[str] = set()
    if index.rules:
        for tok in tokens:
            text_stems |= _stems(morph, tok)

    def rank(h: RawHit) -> tuple:
        rules = index.rules.get(index.entries[h.entry][0])
        support = len(set(rules[2]) & text_stems) if rules else 0
        concept = index.entries[h.entry][0]
        synonym = not index.is_preferred(h.entry)
        return (-support, synonym, -h.score, -index.fullness_of(concept), index.order(h.entry))

    return [min(group, key=rank) if len(group) > 1 else group[0] for group in by_span.values()]


def amounts(
    index: TermIndex, morph: Morphology, tokens: list[Token], text: str, covered: set[int]
) -> list[RawHit]:
    """A measure term with the amount suffix after a number: 100 долларлик, 5 минг сўмлик, 3 млрд
    теңгелік are "worth N units", the unit a translator renders, so they count as the term (inflected)."""
    out = []
    numbers = morph.number_words
    for j, prev in enumerate(tokens[:-1]):  # digits are words here: "100", "1,5" -> "1", "5"
        if not (prev.text[-1].isdigit() or prev.key in numbers):
            continue
        i, tok = j + 1, tokens[j + 1]
        gap = text[prev.end : tok.start]
        if prev.key in numbers:  # an abbreviated number word keeps its period: 66 mln. so‘mlik
            gap = gap.replace(".", "", 1)
        if i in covered or gap.strip(" \u00a0\u202f-"):
            continue
        for stem in morph.amount_stems(tok.key):
            eids = index.single.get(stem, ())
            if eids:
                out.append(_hit(index, tokens, text, i, i, eids[0], True))
                break
    return out


def derived(index: TermIndex, morph: Morphology, tokens: list[Token], covered: set[int]) -> list[RawHit]:
    """Adjectives and abstract nouns of single-word terms (мемлекеттік, давлатли, государственный)."""
    out = []
    for i, tok in enumerate(tokens):
        if i in covered:
            continue
        for stem in morph.derived(tok.key):
            eids = index.single.get(stem, ())
            if eids:
                out.append(RawHit(i, i, tok.start, tok.end, eids[0], SCORE_DERIVED, "derived"))
                break
    return out
