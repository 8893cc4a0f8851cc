"""The term index of one language of a glossary, the tokens of a text, and raw matches (see recognize)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tarjimon.core.errors import BadInput
from tarjimon.core.glossary import match_rules
from tarjimon.core.glossary.morphology import Morphology, morphology
from tarjimon.core.models.glossary import Concept
from tarjimon.core.text.fold import has_cyrillic
from tarjimon.core.text.words import TERM_WORD_RE as WORD_RE  # a word, as recognition cuts text

SCORE_EXACT = 100
SCORE_CROSS_SCRIPT = 98
SCORE_INFLECTED = 95
SCORE_INFLECTED_CROSS = 93
SCORE_FUZZY = 85
SCORE_DERIVED = 80
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
        self.names: dict[str, list[int]] = {}  # surname key -> name terms (for Ш.Мирзиёев)
        self.rules: dict[int, match_rules.Rules] = {}  # concept index -> its match rules
        # concept index -> how many languages it fills: of two concepts on one span, the fuller one first
        self.fullness: dict[int, int] = {}
        for ci, concept in enumerate(concepts):
            if concept.terms.get(lang):
                self._add_rules(morph, ci, concept)
                self.fullness[ci] = len(concept.languages())
            for term in concept.terms.get(lang, ()):
                self._add(morph, ci, term)

    def _add_rules(self, morph: Morphology, ci: int, concept: Concept) -> None:
        value = dict(concept.extra).get(match_rules.MATCH_COLUMN, "")
        try:
            rules = match_rules.parse_match(value, lambda w: morph.index_key(morph.key(w)))
        except ValueError as exc:
            raise BadInput(f"concept {concept.term(self.lang)!r}: {exc}") from exc
        if rules is not None:
            self.rules[ci] = rules

    def state(self) -> tuple:
        """Plain data (tuples, lists, dicts, str, int) for a marshal cache."""
        entries = [tuple(e) for e in self.entries]
        return (
            self.lang, entries, self.single, self.multi, self.fuzzy, self.names, self.rules, self.fullness,
        )  # fmt: skip

    @classmethod
    def from_state(cls, state: tuple) -> TermIndex:
        index = cls.__new__(cls)
        (
            index.lang, entries, index.single, index.multi, index.fuzzy, index.names, index.rules,
            index.fullness,
        ) = state  # fmt: skip
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
            if all(w[:1].isupper() for w in words) and len(keys[-1]) >= 4:
                self.names.setdefault(keys[-1], []).append(eid)  # a person's name: Шавкат Мирзиёев

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


def _hit(
    index: TermIndex, tokens: list[Token], text: str, first: int, last: int, eid: int, inflected: bool
) -> RawHit:
    start, end = tokens[first].start, tokens[last].end
    entry = index.entries[eid]
    cross = index.lang == "uz" and has_cyrillic(text[start:end]) != has_cyrillic(entry[1])
    if not inflected and _other_spelling(index.lang, text[start:end], entry[1], entry[2]):
        inflected = True  # Тоқаев for Тўқаев, ASTANA for Ostona: a form of the term, not the term as written
    if inflected:
        kind, score = "inflected", SCORE_INFLECTED_CROSS if cross else SCORE_INFLECTED
    elif cross:
        kind, score = "cross-script", SCORE_CROSS_SCRIPT
    else:
        kind, score = "exact", SCORE_EXACT
    return RawHit(first, last, start, end, eid, score, kind)


def _other_spelling(lang: str, surface: str, term: str, keys: tuple[str, ...]) -> bool:
    """Whether `surface` is another spelling of `term` (a name variant of the rules), not the term itself."""
    morph = morphology(lang)
    merged = getattr(morph, "merged_keys", None)
    if not merged or merged.isdisjoint(keys):
        return False
    plain = morph.plain_key  # type: ignore[attr-defined]
    return [plain(w) for w in WORD_RE.findall(surface)] != [plain(w) for w in WORD_RE.findall(term)]
