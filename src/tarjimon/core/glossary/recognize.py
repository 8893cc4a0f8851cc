"""Term recognition: find a glossary's terms in a text, in their inflected forms, in either Uzbek script.

The index maps the key of a term's first word (its stem for stemmed languages) to the terms starting with
it. Recognition walks the text's words once and looks each word's possible stems up in that map, so the
cost grows with the text, not with the glossary. Multi-word terms match longest first; only their last
word inflects in Uzbek and Kazakh (сунъий интеллект -> сунъий интеллектни), every word in Russian and
English (искусственный интеллект -> искусственного интеллекта). A 3rd person possessive head of an
izafet compound may take a plural first (таълим дастури -> таълим дастурлари).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from tarjimon.core.glossary.morphology import Morphology, morphology
from tarjimon.core.models.glossary import Concept, TermHit
from tarjimon.core.text.fold import has_cyrillic
from tarjimon.core.text.words import TERM_WORD_RE as WORD_RE  # a word, as recognition cuts text

# What may separate the words of a multi-word term in a text: spaces, a hyphen, a line break.
_GAP_RE = re.compile(r"\s*-?\s*")

SCORE_EXACT = 100
SCORE_CROSS_SCRIPT = 98
SCORE_INFLECTED = 95
SCORE_INFLECTED_CROSS = 93
SCORE_FUZZY = 85
FUZZY_MIN_LEN = 6
# From this length on any single edit is a typo; shorter words need a confusable letter (see uz.toml).
FUZZY_ANY_EDIT_LEN = 9


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str
    key: str


def _fuzzy_key(morph: Morphology, key: str, size: int | None = None) -> str:
    """Typo candidates share their first two letters (confusable letters aside: Ozbekiston, Ўзбекистон)
    and have a length within one of the word's."""
    return f"{morph.typo_fold(key[:2])}{len(key) if size is None else size}"


def tokenize(text: str, morph: Morphology) -> list[Token]:
    """The words of `text` with their character offsets and matching keys."""
    return [Token(m.start(), m.end(), m.group(), morph.key(m.group())) for m in WORD_RE.finditer(text)]


class _Entry(tuple):
    """(concept index, term, word index keys, izafet head alternatives): a plain tuple, cheap to cache."""

    @property
    def concept(self) -> int:
        return self[0]

    @property
    def term(self) -> str:
        return self[1]

    @property
    def keys(self) -> tuple[str, ...]:
        return self[2]

    @property
    def alt_last(self) -> tuple[str, ...]:
        return self[3]


class TermIndex:
    """The terms of one language of a glossary, indexed for recognition. Picklable."""

    def __init__(self, lang: str, concepts: Sequence[Concept] = ()) -> None:
        self.lang = lang
        morph = morphology(lang)
        self.entries: list[_Entry] = []
        self.single: dict[str, list[int]] = {}
        self.multi: dict[str, list[int]] = {}
        self.fuzzy: dict[str, list[str]] = {}
        for ci, concept in enumerate(concepts):
            for term in concept.terms.get(lang, ()):
                self._add(morph, ci, term)

    def state(self) -> tuple:
        """Plain data (tuples, lists, dicts, str, int) for a marshal cache."""
        return (self.lang, [tuple(e) for e in self.entries], self.single, self.multi, self.fuzzy)

    @classmethod
    def from_state(cls, state: tuple) -> TermIndex:
        index = cls.__new__(cls)
        index.lang, entries, index.single, index.multi, index.fuzzy = state
        index.entries = entries  # plain tuples: _Entry's fields by position
        return index

    def _add(self, morph: Morphology, concept: int, term: str) -> None:
        words = [m.group() for m in WORD_RE.finditer(term)]
        if not words:
            return
        keys = tuple(morph.index_key(morph.key(w)) for w in words)
        alt: tuple[str, ...] = ()
        if morph.suffixing and len(keys) > 1:
            # "дастури" in "таълим дастури" is dastur + i: accept the bare head too, for дастурлари.
            alt = tuple(
                stem
                for stem, inflected, poss3 in morph.analyses(keys[-1])
                if inflected and poss3 and len(keys[-1]) - len(stem) <= 2
            )
        eid = len(self.entries)
        self.entries.append(_Entry((concept, term, keys, alt)))
        heads = [keys[0]]
        if not morph.suffixing and morph.key(words[0]) != keys[0]:
            # Snowball stems some dictionary forms shorter than their inflected forms (Казахстан ->
            # казахста, Казахстане -> казахстан; Токаев -> тока, Токаева -> токаев): index both.
            heads.append(morph.key(words[0]))
        if len(keys) == 1:
            for head in heads:
                self.single.setdefault(head, []).append(eid)
            if len(keys[0]) >= FUZZY_MIN_LEN:
                bucket = self.fuzzy.setdefault(_fuzzy_key(morph, keys[0]), [])
                if keys[0] not in bucket:
                    bucket.append(keys[0])
        else:
            for head in heads:
                self.multi.setdefault(head, []).append(eid)

    def __len__(self) -> int:
        return len(self.entries)


@dataclass(frozen=True)
class RawHit:
    """A match before it is dressed as a TermHit: token span, entry, score, kind."""

    first: int
    last: int
    start: int
    end: int
    entry: int
    score: int
    kind: str


def match(index: TermIndex, text: str, *, fuzzy: bool = True) -> list[RawHit]:
    """All non-overlapping term occurrences in `text`, longest first, in text order."""
    morph = morphology(index.lang)
    tokens = tokenize(text, morph)
    found: list[RawHit] = []
    for i, tok in enumerate(tokens):
        analyses = morph.analyses(tok.key)
        for stem, inflected, _poss3 in analyses:
            for eid in index.single.get(stem, ()):
                if _is_acronym(index.entries[eid][1]) and not tok.text[:2].isupper():
                    continue  # IT is not Uzbek it (dog), БМТ not бмт
                if morph.suffixing:
                    infl = inflected or tok.key != stem
                else:
                    infl = tok.key != _plain_key(index.entries[eid], 0, morph)
                found.append(_hit(index, tokens, text, i, i, eid, infl))
        first_key = tok.key if morph.suffixing else analyses[0][0]
        for eid in index.multi.get(first_key, ()):
            last = _match_multi(index, morph, tokens, text, i, index.entries[eid])
            if last is not None:
                found.append(_hit(index, tokens, text, i, last[0], eid, last[1]))
    chosen = _longest_first(found)
    if fuzzy and index.fuzzy:
        covered = {t for h in chosen for t in range(h.first, h.last + 1)}
        chosen.extend(_fuzzy(index, morph, tokens, covered))
    chosen.sort(key=lambda h: (h.start, -h.end))
    return chosen


def _match_multi(
    index: TermIndex, morph: Morphology, tokens: list[Token], text: str, i: int, entry: _Entry
) -> tuple[int, bool] | None:
    keys, alt_last = entry[2], entry[3]
    n = len(keys)
    if i + n > len(tokens):
        return None
    inflected = False
    for j in range(1, n):
        prev, tok = tokens[i + j - 1], tokens[i + j]
        if not _GAP_RE.fullmatch(text, prev.end, tok.start) and not _same_punctuation(
            entry, j, text[prev.end : tok.start]
        ):
            return None
        want = keys[j]
        if j < n - 1 or not morph.suffixing:
            have = tok.key if morph.suffixing else morph.analyses(tok.key)[0][0]
            if have != want and (morph.suffixing or have != _plain_key(entry, j, morph)):
                return None
            inflected = inflected or (
                not morph.suffixing and morph.key(tok.text) != _plain_key(entry, j, morph)
            )
            continue
        ok = False
        for stem, infl, poss3 in morph.analyses(tok.key):
            if stem == want or (poss3 and stem in alt_last):
                ok, inflected = True, infl
                break
        if not ok:
            return None
    if not morph.suffixing:
        inflected = inflected or morph.key(tokens[i].text) != _plain_key(entry, 0, morph)
    return (i + n - 1, inflected)


def _is_acronym(term: str) -> bool:
    """АҚШ, IT, БМТ: short all-capital terms, matched only where the text writes them in capitals too."""
    return len(term) <= 5 and term.isupper() and term.isalpha()


def _same_punctuation(entry: _Entry, j: int, gap: str) -> bool:
    """Whether a text gap holds the punctuation the term itself has before its word j.

    "Олий таълим, фан ва инновациялар вазирлиги" keeps its comma in the text; a comma the term lacks
    still ends the match (no term runs across "давлат, хизмати").
    """
    words = list(WORD_RE.finditer(entry[1]))
    if j >= len(words):
        return False
    want = "".join(entry[1][words[j - 1].end() : words[j].start()].split())
    return bool(want) and want == "".join(gap.split())


def _plain_key(entry: _Entry, j: int, morph: Morphology) -> str:
    words = [m.group() for m in WORD_RE.finditer(entry[1])]
    return morph.key(words[j]) if j < len(words) else ""


def _hit(
    index: TermIndex, tokens: list[Token], text: str, first: int, last: int, eid: int, inflected: bool
) -> RawHit:
    start, end = tokens[first].start, tokens[last].end
    entry = index.entries[eid]
    cross = index.lang == "uz" and has_cyrillic(text[start:end]) != has_cyrillic(entry[1])
    if inflected:
        kind, score = "inflected", SCORE_INFLECTED_CROSS if cross else SCORE_INFLECTED
    elif cross:
        kind, score = "cross-script", SCORE_CROSS_SCRIPT
    else:
        kind, score = "exact", SCORE_EXACT
    return RawHit(first, last, start, end, eid, score, kind)


def _longest_first(found: list[RawHit]) -> list[RawHit]:
    best: dict[tuple[int, int, int], RawHit] = {}
    for h in found:  # the same entry at the same place by two analyses: keep the better score
        k = (h.start, h.end, h.entry)
        if k not in best or best[k].score < h.score:
            best[k] = h
    order = sorted(best.values(), key=lambda h: (-(h.end - h.start), -h.score, h.start))
    chosen: list[RawHit] = []
    owner: dict[int, tuple[int, int]] = {}  # token -> span of the hit that took it
    for h in order:
        span = (h.start, h.end)
        if any(owner.get(t, span) != span for t in range(h.first, h.last + 1)):
            continue
        chosen.append(h)
        for t in range(h.first, h.last + 1):
            owner[t] = span
    return chosen


def _fuzzy(index: TermIndex, morph: Morphology, tokens: list[Token], covered: set[int]) -> list[RawHit]:
    """One-edit typos of single-word terms, for words no other rule matched.

    Short words only differ from a term by a confusable letter (a missing diacritic or apostrophe:
    Қозогистонда, Ozbekiston, Казакстан); any single edit counts from FUZZY_ANY_EDIT_LEN letters on. So
    эксперт is not a typo of экспорт, nor талаби (demand) of талаба (student).
    """
    out: list[RawHit] = []
    for i, tok in enumerate(tokens):
        if i in covered or len(tok.key) < FUZZY_MIN_LEN:
            continue
        best: str | None = None
        for stem, _infl, _p in morph.analyses(tok.key):
            if len(stem) < FUZZY_MIN_LEN:
                continue
            for size in (len(stem) - 1, len(stem), len(stem) + 1):
                bucket = index.fuzzy.get(_fuzzy_key(morph, stem, size))
                if not bucket:
                    continue
                for cand, dist, _ in process.extract(
                    stem, bucket, scorer=Levenshtein.distance, score_cutoff=1, limit=None
                ):
                    if dist == 1 and _plausible_typo(morph, stem, cand):
                        best = cand
                        break
                if best is not None:
                    break
            if best is not None:
                break
        if best is not None:
            for eid in index.single.get(best, ()):
                out.append(RawHit(i, i, tok.start, tok.end, eid, SCORE_FUZZY, "fuzzy"))
    return out


def _plausible_typo(morph: Morphology, word: str, term: str) -> bool:
    """Whether `word` (one edit from `term`) looks like a typo of it rather than another word.

    A confusable letter swap always does. Other edits need a long word, and never at its last letter,
    where they would read a derivation or a foreign ending as a typo: маданиятл(и) is not маданият,
    инвестиций not инвестиция, талаби not талаба.
    """
    if len(word) == len(term):
        diff = [(a, b) for a, b in zip(word, term, strict=True) if a != b]
        if len(diff) == 1 and frozenset(diff[0]) in morph.confusable:
            return True
    if min(len(word), len(term)) < FUZZY_ANY_EDIT_LEN:
        return False
    same = 0
    for a, b in zip(word, term, strict=False):
        if a != b:
            break
        same += 1
    return same < max(len(word), len(term)) - 1


def to_hits(
    index: TermIndex, concepts: Sequence[Concept], raw: Iterable[RawHit], text: str, glossary: str = ""
) -> list[TermHit]:
    """Dress raw matches as TermHits with their concept's targets (preferred term per other language)."""
    out = []
    for h in raw:
        entry = index.entries[h.entry]
        concept = concepts[entry[0]]
        targets = {lang: terms[0] for lang, terms in concept.terms.items() if terms and lang != index.lang}
        out.append(
            TermHit(
                h.start, h.end, text[h.start : h.end], entry[1], h.score, h.kind, index.lang, targets,
                glossary, concept.id, concept.status, concept.note,
            )
        )  # fmt: skip
    return out


def find_in_text(text: str, terms: Iterable[str], lang: str, *, fuzzy: bool = False) -> list[TermHit]:
    """Occurrences of any of `terms` (in language `lang`) in `text`, in any inflected form.

    For QA of targets as well as sources: find_in_text("жасанды интеллектпен", ["жасанды интеллект"], "kk").
    """
    concepts = [Concept({lang: (t,)}) for t in terms]
    index = TermIndex(lang, concepts)
    return to_hits(index, concepts, match(index, text, fuzzy=fuzzy), text)


def contains_term(text: str, term: str, lang: str) -> bool:
    """Whether `text` contains `term` in some form (в Китае contains Китай; exports contains export)."""
    return bool(find_in_text(text, [term], lang))

