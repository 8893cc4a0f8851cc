"""Which concept a recognised span means, and where a term is not a term (applied by recognize.match).

- Neighbour words a concept rules out (``not_after``/``not_before`` in its ``match`` cell, see match_rules):
  "баспасөз қызметі" is the press service, not қызмет "activity".
- One span, one concept: when several concepts match the same words (homographs), the one with most ``with``
  words in the text wins (then the better score, then the concept with more languages, then file order); never two hits on one span.
- No hit inside a site or company name (Газета.uz, «Toshkent savdo» MChJ).
- One span, two concepts, no context word for either: the concept whose preferred term the word is wins over
  one that has it as a synonym (Kazakh халық is first "people", халқ; "population" is тұрғындар first).
- A common noun that is also a personal name (``case: common``): written with a capital inside a sentence
  it is the name (Азамат), not the word (азамат "citizen").
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


#: A one-word hit of a general word without its sense words in the sentence (a `sense` rule): shown, not sure.
SCORE_POSSIBLE = 70
_STOP_RE = re.compile(r"[.!?;:]")


def filter_hits(
    index: TermIndex, morph: Morphology, tokens: list[Token], text: str, found: list[RawHit]
) -> list[RawHit]:
    """Drop hits inside a site or company name, hits whose neighbour words a concept rules out and a term
    that is one conjunct of a coordinated name (see `_coordinated`); mark "possible" the one-word hits of a
    general word whose sense words (its `sense` rule) are not in the text."""
    blocked = match_rules.blocked_spans(text) if found else []
    supported: dict[tuple[str, ...], bool] = {}  # sense words -> whether the text has one
    out = []
    for h in found:
        if blocked and match_rules.inside_blocked(h.start, h.end, blocked):
            continue
        if h.first < h.last and _coordinated(index, morph, tokens, text, h):
            continue
        rules = index.rules.get(index.entries[h.entry][0]) if index.rules else None
        if rules:
            not_after, not_before, _with, sense, case = rules
            if case and "proper" in case and text[h.start].islower():
                continue  # Мысыр астанасы "the capital of Egypt", not the city Астана
            if case and "common" in case and _name_cased(text, h.start, h.end):
                continue  # Азамат (a man's name) inside a sentence, not азамат "citizen"
            if not_after and _after(morph, tokens, text, h.first, not_after) and not _quoted_name(text, h):
                continue
            if not_before and h.last + 1 < len(tokens):
                if not _STOP_RE.search(text[h.end : tokens[h.last + 1].start]):
                    if _stems(morph, tokens[h.last + 1]) & set(not_before):
                        continue
            if sense and h.first == h.last:
                if sense not in supported:
                    supported[sense] = _in_text(morph, tokens, sense)
                if not supported[sense]:
                    h = h._replace(score=min(h.score, SCORE_POSSIBLE), kind="possible")
        out.append(h)
    return out


_OPENING_RE = re.compile(r"[\s«»\"“”„'()\-–—]*")


def _name_cased(text: str, start: int, end: int) -> bool:
    """Whether the word at [start, end) is written as a name: a capital first letter, not all capitals, and
    not the sentence's first word (a common noun opening a sentence is capitalised too)."""
    word = text[start:end]
    if not word[0].isupper() or word.isupper():
        return False
    before = text[:start]
    lead = _OPENING_RE.fullmatch(before) is not None
    if lead:
        return False
    stripped = before.rstrip(" \t«\"“„'(-–—")
    return not stripped.endswith((".", "!", "?", "…", ":", "\n"))


def _quoted_name(text: str, h: RawHit) -> bool:
    """Whether the hit ends a quoted name («Ҳаёт мактаби» centres): a name counts as its words, whatever
    phrase its words would make in running text ("ҳаёт мактаби" "the school of life")."""
    if text[h.end : h.end + 1] not in ("»", "”", '"', "“"):
        return False
    before = text[max(0, h.start - 60) : h.start]
    opening = max(before.rfind(q) for q in ("«", "“", "„", '"'))
    return opening >= 0 and not any(q in before[opening + 1 :] for q in ("»", "”"))


def _in_text(morph: Morphology, tokens: list[Token], words: tuple[str, ...]) -> bool:
    """Whether some token of the text is one of `words` in an inflected form (a stem is a prefix of the
    word's key: only the tokens sharing a word's first two letters are analysed)."""
    heads = {w[:2] for w in words}
    wanted = set(words)
    return any(tok.key[:2] in heads and not wanted.isdisjoint(_stems(morph, tok)) for tok in tokens)


def _after(morph: Morphology, tokens: list[Token], text: str, first: int, not_after: tuple[str, ...]) -> bool:
    """Whether the word (or phrase: "бейбітшілік пен") just before token `first` is one of `not_after`."""
    if first == 0 or _STOP_RE.search(text[tokens[first - 1].end : tokens[first].start]):
        return False
    stems = _stems(morph, tokens[first - 1])
    for entry in not_after:
        if " " not in entry:
            if entry in stems:
                return True
            continue
        words = entry.split(" ")
        n = len(words)
        if first < n or words[-1] not in stems:
            continue
        if _STOP_RE.search(text[tokens[first - n].end : tokens[first - 1].start]):
            continue
        if all(words[k] in _stems(morph, tokens[first - n + k]) for k in range(n - 1)):
            return True
    return False


def _coordinated(index: TermIndex, morph: Morphology, tokens: list[Token], text: str, h: RawHit) -> bool:
    """A multi-word name whose head is a body's noun (singular, 3rd-person possessive) after "X ва": the
    modifiers share the head, so "Матбуот ва ахборот агентлиги" is one agency (of press and information),
    not the news agency ахборот агентлиги; "Баспасөз және ақпарат агенттігі" likewise. A plural head is two
    bodies and stays a hit (Ўзбекистон ва Қозоғистон ахборот агентликлари), as does a capitalised term
    (Ҳукумат ва Олий Мажлис) or a conjunct that is a whole name itself (Президент матбуот хизмати ва ...)."""
    conj = morph.conjunctions
    if not conj or h.first < 2 or tokens[h.first - 1].key not in conj or tokens[h.first].text[0].isupper():
        return False
    keys, alt = index.full(h.entry)[2:4]
    if morph.bodies.isdisjoint(alt):  # the head is not a body's noun with its possessive (агентлиги)
        return False
    if not any(stem == keys[-1] for stem, _i, _p in morph.analyses(tokens[h.last].key)):
        return False  # the plural head: агентликлари
    before, joint = tokens[h.first - 2], tokens[h.first - 1]
    if (text[before.end : joint.start] + text[joint.end : h.start]).strip():
        return False
    return not any(p3 for _s, infl, p3 in morph.analyses(before.key) if infl)


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

    rules_of, entries, seeds_of, fullness_of, row_rank = (
        index.rules, index.entries, index._seeds, index.fullness_of, index.rank
    )  # fmt: skip

    def rank(h: RawHit) -> tuple:
        concept = entries[h.entry][0]
        rules = rules_of.get(concept)
        support = len(set(rules[2]) & text_stems) if rules else 0
        seeds = seeds_of.get(concept)
        synonym = seeds is None or seeds[1] != h.entry  # (not index.is_preferred)
        return (-support, synonym, -h.score, -fullness_of(concept), (row_rank[concept], h.entry))  # (index.order)

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
