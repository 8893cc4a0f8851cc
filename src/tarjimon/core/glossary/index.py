"""The term index of one language of a glossary, the tokens of a text, and raw matches (see recognize).

An index is built from per-row *seeds* (each term with its head keys, see `seed_row`), computed once per
glossary row and cached with the glossary (see rowcache), so that loading, or patching the index after a
row is added, changed or deleted, does no morphology on the other rows. The keys of a multi-word term's
other words, and its izafet head alternatives, are computed when a text first reaches the term (`full`).
Entries are identified by an id that never changes; their order (for ties between concepts) is the order
of their rows in the file (`order`), kept by a rank per row that a patch inserts between its neighbours'.
"""

from __future__ import annotations

from bisect import insort
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from tarjimon.core.glossary import match_rules
from tarjimon.core.glossary.morphology import Morphology, morphology
from tarjimon.core.glossary.seeding import (  # noqa: F401 (seed_cells, alnum_lines: named here too)
    RowSeed,
    Seed,
    alnum_lines,
    seed_cells,
    seed_row,
)
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


class Token(NamedTuple):
    """A word of a text: offsets, as written, its matching key. (A NamedTuple: a find builds hundreds.)"""

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


class TermIndex:
    """The terms of one language of a glossary, indexed for recognition.

    `entries[eid]` is (slot, term, word keys, izafet head alternatives) or None for a deleted row's term;
    the slot is the concept's index in the glossary's concept sequence. `indexed` counts the terms indexed
    since creation (a patch indexes only the rows it adds)."""

    #: Fuzzy buckets of fewer keys are searched by rapidfuzz over the bucket, bigger ones through their
    #: deletion neighbourhood, built on first use (recognize._one_edit): same candidates, same order.
    small_bucket = 48

    def __init__(self, lang: str, concepts: Sequence[Concept] = ()) -> None:
        self.lang = lang
        self.morph = morphology(lang)
        self.entries: list[Any] = []  # a tuple, or None for a deleted row's term
        self.single: dict[str, list[int]] = {}
        self.multi: dict[str, list[int]] = {}
        self.fuzzy: dict[str, list[str]] = {}
        self.fuzzy_dels: dict[str, dict[str, list[int]]] = {}  # see recognize._one_edit
        self.typo_memo: dict[str, str | None] = {}  # a word's key -> its typo pick (recognize._fuzzy)
        self.names: dict[str, list[int]] = {}  # surname key -> name terms (for Ш.Мирзиёев)
        self.rules: dict[int, match_rules.Rules] = {}  # slot -> its match rules
        # slot -> how many languages it fills: of two concepts on one span, the fuller one first
        self.fullness_of: Callable[[int], int] = lambda slot: 0
        self.rank: list[float] = []  # slot -> position of its row (shared by a glossary's indexes)
        self._seeds: dict[int, tuple[list[Seed], int]] = {}  # slot -> (its seeds, its first eid)
        self.indexed = 0
        if concepts:
            self.fullness_of = lambda slot: len(concepts[slot].languages())
        for ci, concept in enumerate(concepts):
            terms = concept.terms.get(lang, ())
            row = (
                seed_row(self.morph, terms, dict(concept.extra).get(match_rules.MATCH_COLUMN, ""))
                if terms
                else None
            )
            self.rank.append(ci)
            if row is not None:
                self.add_row(ci, row, ordered=False)

    @classmethod
    def from_seeds(
        cls,
        lang: str,
        rows: Sequence[RowSeed | None],
        rank: list[float],
        fullness: Callable[[int], int],
        order: Sequence[int] | None = None,
    ) -> TermIndex:
        """The index of rows seeded by `seed_row` (slot -> seeds), taken in file `order` (the slots in file
        order; by default slot order), `rank` shared with the caller."""
        index = cls(lang)
        index.rank, index.fullness_of = rank, fullness
        entries, single, multi, names, fuzzy, seeds_of = (
            index.entries, index.single, index.multi, index.names, index.fuzzy, index._seeds
        )  # fmt: skip
        fkey = index.morph.typo_fold
        # fuzzy buckets while building: a head's first two letters -> the buckets of their typo_fold (shared by
        # the pairs of one fold) by head length, each an ordered set; named "fold + length" at the end
        by_two: dict[str, dict[int, dict[str, None]]] = {}
        by_fold: dict[str, dict[int, dict[str, None]]] = {}
        none = ()
        for slot in range(len(rows)) if order is None else order:  # add_row, inlined: appends in file order
            row = rows[slot]
            if row is None:
                continue
            rules, seeds = row
            if rules is not None:
                index.rules[slot] = rules
            seeds_of[slot] = (seeds, len(entries))
            for term, nwords, heads, name in seeds:
                eid = len(entries)
                if nwords == 1:
                    head = heads[0]
                    if len(heads) == 1:
                        entries.append((slot, term, heads, none))
                        found = single.get(head)
                        if found is None:
                            single[head] = [eid]
                        else:
                            found.append(eid)
                    else:
                        entries.append((slot, term, (head,), none))
                        for h in heads:
                            found = single.get(h)
                            if found is None:
                                single[h] = [eid]
                            else:
                                found.append(eid)
                    size = len(head)
                    if size >= FUZZY_MIN_LEN:
                        two = head[:2]
                        sizes = by_two.get(two)
                        if sizes is None:
                            sizes = by_two[two] = by_fold.setdefault(fkey(two), {})
                        bucket = sizes.get(size)
                        if bucket is None:
                            sizes[size] = {head: None}
                        else:
                            bucket[head] = None
                else:
                    entries.append((slot, term, None, None))
                    for h in heads:
                        found = multi.get(h)
                        if found is None:
                            multi[h] = [eid]
                        else:
                            found.append(eid)
                    if name:
                        names.setdefault(name, []).append(eid)
        fuzzy.update((f"{fold}{size}", list(b)) for fold, sizes in by_fold.items() for size, b in sizes.items())
        index.indexed = len(entries)
        return index

    def order(self, eid: int) -> tuple[float, int]:
        """Where an entry stands in file order (its row's rank, then its position in the row)."""
        return (self.rank[self.entries[eid][0]], eid)

    def is_preferred(self, eid: int) -> bool:
        """Whether an entry is its concept's first (preferred) term in this language."""
        seeds = self._seeds.get(self.entries[eid][0])
        return seeds is not None and seeds[1] == eid

    def add_row(self, slot: int, row: RowSeed, *, ordered: bool = True) -> None:
        """Index one concept's seeds. `ordered=False`: rows come in file order (a build), so append."""
        self.typo_memo.clear()
        rules, seeds = row
        if rules is not None:
            self.rules[slot] = rules
        self._seeds[slot] = (seeds, len(self.entries))
        for term, nwords, heads, name in seeds:
            eid = len(self.entries)
            self.indexed += 1
            self.entries.append((slot, term, (heads[0],), ()) if nwords == 1 else (slot, term, None, None))
            table = self.single if nwords == 1 else self.multi
            for head in heads:
                self._put(table.setdefault(head, []), eid, ordered)
            if name:
                self._put(self.names.setdefault(name, []), eid, ordered)
            if nwords == 1 and len(heads[0]) >= FUZZY_MIN_LEN:
                fkey = _fuzzy_key(self.morph, heads[0])
                bucket = self.fuzzy.setdefault(fkey, [])
                if heads[0] not in bucket:
                    self.fuzzy_dels.pop(fkey, None)
                    bucket.append(heads[0])
                    if ordered:
                        bucket.sort(key=lambda k: self._first_order(k) or (0.0, 0))

    def remove_row(self, slot: int) -> None:
        """Drop one concept's entries (a deleted or changed row)."""
        self.typo_memo.clear()
        seeds, first = self._seeds.pop(slot, ([], 0))
        self.rules.pop(slot, None)
        for eid, (_term, nwords, heads, name) in enumerate(seeds, first):
            self.entries[eid] = None
            table = self.single if nwords == 1 else self.multi
            for head in heads:
                _drop(table, head, eid)
            if name:
                _drop(self.names, name, eid)
            if nwords == 1 and len(heads[0]) >= FUZZY_MIN_LEN:
                fkey = _fuzzy_key(self.morph, heads[0])
                self.fuzzy_dels.pop(fkey, None)
                bucket = self.fuzzy.get(fkey, [])
                if heads[0] in bucket and self._first_order(heads[0]) is None:
                    bucket.remove(heads[0])
                bucket.sort(key=lambda k: self._first_order(k) or (0.0, 0))
                if not bucket:
                    self.fuzzy.pop(fkey, None)

    def _put(self, eids: list[int], eid: int, ordered: bool) -> None:
        if not ordered or not eids or self.order(eids[-1]) < self.order(eid):
            eids.append(eid)
        else:
            insort(eids, eid, key=self.order)

    def _first_order(self, key: str) -> tuple[float, int] | None:
        """The order of the first single-word term whose key is `key` (a fuzzy bucket's order)."""
        found = [self.order(e) for e in self.single.get(key, ()) if self.entries[e][2] == (key,)]
        return min(found) if found else None

    def full(self, eid: int) -> tuple:
        """The entry with all its word keys and izafet head alternatives (computed on first use)."""
        entry = self.entries[eid]
        if entry[2] is None:
            slot, term = entry[0], entry[1]
            morph = self.morph
            keys = tuple(morph.index_key(morph.key(w)) for w in WORD_RE.findall(term))
            alt: tuple[str, ...] = ()
            if morph.suffixing:
                # "дастури" in "таълим дастури" is dastur + i: accept the bare head too, for дастурлари.
                alt = tuple(
                    stem
                    for stem, inflected, poss3 in morph.analyses(keys[-1])
                    if inflected and poss3 and len(keys[-1]) - len(stem) <= 2
                )
            entry = (slot, term, keys, alt)
            self.entries[eid] = entry
        return entry  # type: ignore[return-value]

    def __len__(self) -> int:
        return sum(1 for e in self.entries if e is not None)


def _drop(table: dict[str, list[int]], key: str, eid: int) -> None:
    eids = table.get(key)
    if eids and eid in eids:
        eids.remove(eid)
        if not eids:
            del table[key]


class RawHit(NamedTuple):
    """A match before it is dressed as a TermHit: token span, entry, score, kind (a NamedTuple, as Token)."""

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
    if entry[2] is None:
        entry = index.full(eid)
    cross = index.lang == "uz" and has_cyrillic(text[start:end]) != has_cyrillic(entry[1])
    if not inflected and getattr(index.morph, "merged_keys", None) and _other_spelling(
        index.morph, text[start:end], entry[1], entry[2]
    ):
        inflected = True  # Тоқаев for Тўқаев, ASTANA for Ostona: a form of the term, not the term as written
    if inflected:
        kind, score = "inflected", SCORE_INFLECTED_CROSS if cross else SCORE_INFLECTED
    elif cross:
        kind, score = "cross-script", SCORE_CROSS_SCRIPT
    else:
        kind, score = "exact", SCORE_EXACT
    return RawHit(first, last, start, end, eid, score, kind)


def _other_spelling(morph: Morphology, surface: str, term: str, keys: tuple[str, ...]) -> bool:
    """Whether `surface` is another spelling of `term` (a name variant of the rules), not the term itself."""
    merged = getattr(morph, "merged_keys", None)
    if not merged or merged.isdisjoint(keys):
        return False
    plain = morph.plain_key  # type: ignore[attr-defined]
    return [plain(w) for w in WORD_RE.findall(surface)] != [plain(w) for w in WORD_RE.findall(term)]
