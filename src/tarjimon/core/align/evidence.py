"""What two blocks of sentences' anchors say of each other (numbers, names, transliteration-folded cognates,
glossary terms, punctuation): each key's weight in these two versions, their similarity and its z-score against
unrelated pairs, a bead's anchor evidence, and what a matched and a missed anchor mean once `calibrate` has run.
scorer.py's `Scorer` adds the lengths, the priors and the cost of a bead to this."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import replace

from tarjimon.core.align.dp import ANCHOR_WEIGHT, ASIDE_PENALTY, MIN_SD, ORPHAN, Z_CAP, Z_EVEN
from tarjimon.core.align.signals import Features


def _shared_terms(source: list[Features], target: list[Features]) -> tuple[list[Features], list[Features]]:
    """The versions' features keeping only the concepts both versions hold somewhere: a dictionary gives a
    word many meanings, and those the other version never mentions say nothing about which sentence pairs."""
    both = frozenset().union(*(f.terms for f in source)) & frozenset().union(*(f.terms for f in target))

    def keep(f: Features) -> Features:
        if f.terms <= both:
            return f
        groups = tuple(g & both for g in f.term_groups if not g.isdisjoint(both))
        # no concept shared at all: the glossary does not join these languages, and a word says nothing
        orphans = len(f.term_groups) - len(groups) if both else 0
        return replace(f, terms=f.terms & both, term_groups=groups, orphans=orphans)

    return [keep(f) for f in source], [keep(f) for f in target]


class Evidence:
    """The anchor evidence between the sentences of two versions, with the key weights of these two versions."""

    def __init__(self, source: list[Features], target: list[Features], *, length_only: bool = False,
                 cognates: bool = True) -> None:
        if not length_only:
            source, target = _shared_terms(source, target)
        self.source, self.target = source, target
        # common words' skeletons meet by chance between unrelated languages (English and Kazakh): there only
        # names count (bench/align.py --ablation measured it)
        self.cognates = cognates
        self.length_only = length_only
        # a key found in many sentences of a version says little about which one (an idf-like weight)
        df: Counter[str] = Counter()
        for f in (*source, *target):
            df.update(f.names | f.cognates | f.terms)
        n = max(len(source) + len(target), 1)
        self.weight = {k: max(0.2, math.log(n / c) / math.log(n)) if n > 1 else 1.0 for k, c in df.items()}
        self._base: tuple[float, float] | None = None
        # every feature object the scorer sees lives as long as it does (its lists and merged blocks)
        self._held_cache: dict[int, float] = {}
        self._anchor_cache: dict[tuple[int, int], float] = {}
        self._group_cache: dict[frozenset[str], float] = {}
        self._part_cache: dict[tuple[int, int], tuple[float, float]] = {}
        # per kind of anchor, what one matched and one missed says (`calibrate`: from a first pass's sure
        # pairs); None until then
        self.rates: list[tuple[float, float] | None] | None = None

    def _held(self, f: Features) -> float:
        got = self._held_cache.get(id(f))
        if got is None:
            got = self._held_cache[id(f)] = self._held_of(f)
        return got

    def _group_weight(self, group: frozenset[str]) -> float:
        got = self._group_cache.get(group)
        if got is None:
            w = self.weight
            got = self._group_cache[group] = max(w.get(k, 1.0) for k in group)
        return got

    def _held_of(self, f: Features) -> float:
        w = self.weight
        return (2.0 * len(f.numbers) + sum(1.5 * self._group_weight(g) for g in f.term_groups)
                + sum(1.5 * w.get(k, 1.0) for k in f.names)
                + (sum(0.8 * w.get(k, 1.0) for k in f.cognates) if self.cognates else 0.0))

    def similarity(self, a: Features, b: Features) -> float:
        """The weighted share of anchors two blocks have in common (0..1)."""
        w = self.weight
        shared = 2.0 * len(a.numbers & b.numbers) + 1.5 * self._covered(a, b)
        a_keys, b_keys = (a.names | a.cognates, b.names | b.cognates) if self.cognates else (a.names, b.names)
        shared += sum(w.get(k, 1.0) * (1.5 if k in a.names or k in b.names else 0.8) for k in a_keys & b_keys)
        return shared / max((self._held(a) + self._held(b)) / 2, 2.0)

    def _covered(self, a: Features, b: Features) -> float:
        """The weight of the recognised words of each block whose concept the other block holds, averaged
        over the two (a word counts once however many concepts it may be)."""
        if not (a.terms and b.terms) or a.terms.isdisjoint(b.terms):
            return 0.0
        got = sum(self._group_weight(g) for g in a.term_groups if not g.isdisjoint(b.terms))
        got += sum(self._group_weight(g) for g in b.term_groups if not g.isdisjoint(a.terms))
        return got / 2

    def baseline(self) -> tuple[float, float]:
        """The mean and spread of the similarity of sentences that are not translations of each other in these
        two versions: over all pairs (a sample when the versions are long), nearly all of which are unrelated."""
        if self._base is None:
            n, m = len(self.source), len(self.target)
            if n * m <= 4000:
                pairs = [(i, j) for i in range(n) for j in range(m)]
            else:
                step = max(1, (n * m) // 4000)
                pairs = [(k // m, k % m) for k in range(0, n * m, step)]
            sims = [self.similarity(self.source[i], self.target[j]) for i, j in pairs]
            mean = sum(sims) / len(sims) if sims else 0.0
            var = sum((x - mean) ** 2 for x in sims) / len(sims) if sims else 0.0
            self._base = (mean, max(math.sqrt(var), MIN_SD))
        return self._base

    def zscore(self, a: Features, b: Features) -> float:
        """How far the two blocks' similarity stands above unrelated sentences', in standard deviations."""
        mean, sd = self.baseline()
        return min((self.similarity(a, b) - mean) / sd, Z_CAP)

    def anchor(self, a: Features, b: Features) -> float:
        """`anchor_of`, remembered (blocks are the scorer's own objects, so their ids are stable)."""
        key = (id(a), id(b))
        got = self._anchor_cache.get(key)
        if got is None:
            got = self._anchor_cache[key] = self.anchor_of(a, b)
        return got

    def anchor_of(self, a: Features, b: Features) -> float:
        """Evidence that `a` and `b` say the same thing: their similarity's z-score above the threshold where
        a pair is as likely related as not, less numbers one holds and the other lacks, and the marked
        punctuation they share or do not."""
        score = ANCHOR_WEIGHT * (self.zscore(a, b) - Z_EVEN)
        if score < 0:  # short sentences hold few anchors: their lack says less
            score *= min(1.0, (self._held(a) + self._held(b)) / 8.0)
        if a.numbers and b.numbers:
            score -= 0.7 * len(a.numbers ^ b.numbers)
        if a.aside != b.aside:  # a desk's "see also" line is nobody's translation
            score -= ASIDE_PENALTY
        for mark in ("?", "!", "q"):
            if (mark in a.punct) != (mark in b.punct):
                score -= 0.3
            elif mark in a.punct:
                score += 0.3
        return score

    def coverage(self, part: Features, other: Features) -> list[tuple[float, float]]:
        """Per kind of anchor (numbers, glossary words, names, cognates): (matched, held), the weight of
        `part`'s anchors of that kind that `other` holds too, and of all of them. A glossary word whose concepts
        the other version lacks everywhere (`Features.orphans`) is held and never matched: the scorer keeps
        only shared concepts for pairing, but a sentence whose words the other version never mentions is
        likely one it dropped, not half of a merge."""
        w = self.weight
        keys = other.names | other.cognates if self.cognates else other.names
        terms = [(g, 1.5 * self._group_weight(g)) for g in part.term_groups]
        names = [(k, 1.5 * w.get(k, 1.0)) for k in part.names]
        cognates = [(k, 0.8 * w.get(k, 1.0)) for k in part.cognates] if self.cognates else []
        orphans = ORPHAN * part.orphans  # words the other version lacks: held, never matched
        return [(2.0 * len(part.numbers & other.numbers), 2.0 * len(part.numbers)),
                (sum(x for g, x in terms if not g.isdisjoint(other.terms)), sum(x for _, x in terms) + orphans),
                (sum(x for k, x in names if k in keys), sum(x for _, x in names)),
                (sum(x for k, x in cognates if k in keys), sum(x for _, x in cognates))]

    def shares_anchor(self, part: Features, other: Features) -> bool:
        """Whether `part` holds any anchor `other` holds too (a number, a glossary word, a name, a cognate)."""
        return any(matched > 0 for matched, _ in self.coverage(part, other))

    def calibrate(self, pairs: list[tuple[int, int]]) -> None:
        """`rates` from sure 1-1 pairs (source, target) of a first pass and from the unrelated pairs: for each
        kind of anchor, how much of a sentence's weight its partner holds (p_r) and an unrelated sentence
        holds (p_u), as the log-likelihood ratio of an anchor matched and of one missed. English and Kazakh
        share a dictionary's words but few cognates, Uzbek and Kazakh many cognates loosely: each pair of
        versions says for itself how much a missing anchor means."""
        def shares(items: list[tuple[Features, Features]]) -> list[tuple[float, float]]:
            got = [self.coverage(a, b) for x, y in items for a, b in ((x, y), (y, x))]
            return [(sum(c[n][0] for c in got), sum(c[n][1] for c in got)) for n in range(4)]

        sure = set(pairs)
        n, m = len(self.source), len(self.target)
        step = max(1, (n * m) // 2000)
        unrelated = [(self.source[k // m], self.target[k % m]) for k in range(0, n * m, step)
                     if (k // m, k % m) not in sure]
        related = [(self.source[i], self.target[j]) for i, j in pairs]
        if len(related) < 3 or not unrelated:
            return
        rates: list[tuple[float, float] | None] = []
        for (m_r, h_r), (m_u, h_u) in zip(shares(related), shares(unrelated), strict=True):
            if h_r < 3.0 or h_u <= 0:  # too little of this kind to say what a miss means
                rates.append(None)
                continue
            p_u = min(max(m_u / h_u, 0.01), 0.5)
            p_r = min(max(m_r / h_r, p_u + 0.1), 0.95)
            rates.append((math.log(p_r / p_u), math.log((1 - p_r) / (1 - p_u))))
        self.rates = rates
        self._part_cache.clear()

    def part_evidence(self, part: Features, other: Features) -> tuple[float, float]:
        """(log-likelihood ratio, weight held): how much more likely `part`'s anchors matched and missed in
        `other` are if `other` translates it than if it does not (`rates`)."""
        key = (id(part), id(other))
        got = self._part_cache.get(key)
        if got is None:
            got = self._part_cache[key] = self._part_evidence(part, other)
        return got

    def _part_evidence(self, part: Features, other: Features) -> tuple[float, float]:
        llr = held = 0.0
        for rate, (matched, weight) in zip(self.rates or (), self.coverage(part, other), strict=False):
            if rate is not None and weight:
                llr += matched * rate[0] + (weight - matched) * rate[1]
                held += weight
        return llr, held
