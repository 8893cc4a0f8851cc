"""The cost of every bead between two versions (dp.py's shapes and settings): the Gale-Church length cost, the
bead's prior and its anchors (numbers, names, transliteration-folded cognates, glossary terms, punctuation),
with what the two versions say of themselves (the length ratio, each key's weight, what a matched and a
missed anchor mean once `calibrate` has run)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import replace

from tarjimon.core.align.dp import (
    ANCHOR_WEIGHT,
    ASIDE_PENALTY,
    ELSEWHERE_MARGIN,
    ELSEWHERE_SURE,
    ELSEWHERE_WEIGHT,
    ELSEWHERE_WINDOW,
    EMPTY_HELD,
    GALE_CHURCH_PRIORS,
    GAP_PRIOR,
    HOPELESS,
    LEAD_LONE,
    LENGTH_TAIL,
    LENGTH_TAIL_SD,
    LENGTH_WEIGHT,
    MIN_SD,
    ORPHAN,
    PAIR_LLR,
    PART_FLOOR,
    PART_WEIGHT,
    PART_Z,
    PRIORS,
    VARIANCE,
    Z_CAP,
    Z_EVEN,
)
from tarjimon.core.align.signals import Features, merge


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


def _phi(x: float) -> float:
    return 0.5 * (1.0 + math.erf(x / math.sqrt(2.0)))


class Scorer:
    """The cost of every bead between two versions, with the ratio and key weights of these two versions."""

    def __init__(self, source: list[Features], target: list[Features], *, length_only: bool = False,
                 cognates: bool = True, pivot: Callable[[tuple[int, ...], tuple[int, ...]], float] | None = None,
                 leads: tuple[int, int] = (0, 0)) -> None:
        # pivot: evidence a bead gets from another target's partners of its source sentences (pivot.py)
        self.pivot = pivot
        self.leads = leads  # the index of each version's lead sentence (after its title)
        if not length_only:
            source, target = _shared_terms(source, target)
        self.source, self.target = source, target
        # common words' skeletons meet by chance between unrelated languages (English and Kazakh): there only
        # names count (bench/align.py --ablation measured it)
        self.cognates = cognates
        self.length_only = length_only
        self.priors = GALE_CHURCH_PRIORS if length_only else PRIORS
        total_s = sum(f.length for f in source) or 1
        total_t = sum(f.length for f in target) or 1
        # Gale-Church's ratio from the totals; `align` re-estimates it from the pairs of a first pass when
        # anchors are there (a cut-off page makes the totals lie)
        self.ratio = total_t / total_s
        if not length_only and not 0.75 <= self.ratio <= 1.33:
            # versions of very different lengths: one is cut off or padded, so the totals say nothing of the
            # sentences' ratio; Uzbek, Kazakh, Russian and English run within about 15% of each other
            self.ratio = 1.0
        # a key found in many sentences of a version says little about which one (an idf-like weight)
        df: Counter[str] = Counter()
        for f in (*source, *target):
            df.update(f.names | f.cognates | f.terms)
        n = max(len(source) + len(target), 1)
        self.weight = {k: max(0.2, math.log(n / c) / math.log(n)) if n > 1 else 1.0 for k, c in df.items()}
        self._merged: dict[tuple[int, int, int], Features] = {}
        self._gapped: dict[tuple[int, ...], Features] = {}
        self._base: tuple[float, float] | None = None
        # every feature object the scorer sees lives as long as it does (its lists and merged blocks)
        self._held_cache: dict[int, float] = {}
        self._anchor_cache: dict[tuple[int, int], float] = {}
        self._group_cache: dict[frozenset[str], float] = {}
        self._part_cache: dict[tuple[int, int], tuple[float, float]] = {}
        # a bead's cost, for the passes that run the programme again over parts of the versions; forgotten
        # when the ratio or the rates change (`calibrate`)
        self._cost_cache: dict[tuple, tuple[float, float]] = {}
        # per kind of anchor, what one matched and one missed says (`calibrate`: from a first pass's sure
        # pairs); None until then
        self.rates: list[tuple[float, float] | None] | None = None
        # each sentence's two best partners on the other side (anchor evidence, index): `elsewhere`
        self._best: tuple[list[list[tuple[float, int]]], list[list[tuple[float, int]]]] | None = None

    def _block(self, side: int, start: int, end: int) -> Features:
        key = (side, start, end)
        got = self._merged.get(key)
        if got is None:
            feats = self.source if side == 0 else self.target
            got = self._merged[key] = merge(feats[start:end])
        return got

    def block(self, side: int, ids: tuple[int, ...]) -> Features:
        """The features of sentences `ids` of one side (0 source, 1 target) read as one: a run, or a gapped
        merge's two sentences."""
        if ids[-1] - ids[0] == len(ids) - 1:
            return self._block(side, ids[0], ids[-1] + 1)
        key = (side, *ids)
        got = self._gapped.get(key)
        if got is None:
            feats = self.source if side == 0 else self.target
            got = self._gapped[key] = merge([feats[x] for x in ids])
        return got

    def delta(self, ls: int, lt: int) -> float:
        """Gale-Church's delta: how many standard deviations the target's length is from the expected one."""
        mean = max((ls * self.ratio + lt) / 2, 1.0)
        return (lt - ls * self.ratio) / math.sqrt(mean * VARIANCE)

    def length_cost(self, ls: int, lt: int) -> float:
        d = abs(self.delta(ls, lt))
        p = 2.0 * (1.0 - _phi(d))
        if not self.length_only:  # real versions are edited: a sentence shortened or padded now and then
            p = (1 - LENGTH_TAIL) * p + LENGTH_TAIL * 2.0 * (1.0 - _phi(d / LENGTH_TAIL_SD))
        return -math.log(max(p, 1e-12))

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

    def cost(self, i: int, k: int, j: int, m: int) -> tuple[float, float]:
        """(cost, anchor evidence) of the bead of source[i:i+k] and target[j:j+m]."""
        key = (i, k, j, m)
        got = self._cost_cache.get(key)
        if got is None:
            got = self._cost_cache[key] = self._cost_of(tuple(range(i, i + k)), tuple(range(j, j + m)))
        return got

    def cost_of(self, s_ids: tuple[int, ...], t_ids: tuple[int, ...]) -> tuple[float, float]:
        """(cost, anchor evidence) of the bead of source sentences `s_ids` and target sentences `t_ids` (each a
        run, or a gapped merge's two sentences i and i+2)."""
        key = (s_ids, t_ids)
        got = self._cost_cache.get(key)
        if got is None:
            got = self._cost_cache[key] = self._cost_of(s_ids, t_ids)
        return got

    def _cost_of(self, s_ids: tuple[int, ...], t_ids: tuple[int, ...]) -> tuple[float, float]:
        k, m = len(s_ids), len(t_ids)
        gapped = k > 1 and s_ids[-1] - s_ids[0] != k - 1 or m > 1 and t_ids[-1] - t_ids[0] != m - 1
        prior = -math.log(GAP_PRIOR if gapped else self.priors[(k, m)])
        if k == 0 or m == 0:
            if not self.length_only and (s_ids or t_ids)[0] == self.leads[0 if s_ids else 1]:  # a lead
                prior = -math.log(LEAD_LONE)
            return prior, 0.0
        a, b = self.block(0, s_ids), self.block(1, t_ids)
        if self.length_only:
            return prior + self.length_cost(a.length, b.length), 0.0
        length = LENGTH_WEIGHT * self.length_cost(a.length, b.length)
        if length > HOPELESS and (k > 1 or m > 1):  # a merge this far off in length: anchors cannot save it
            return prior + length, 0.0
        evidence = self.anchor(a, b)
        if k > 1 or m > 1:
            evidence -= self._idle_parts(s_ids, t_ids, a, b)
        missed = 0.0
        if k == 1 and m == 1 and self.rates is not None:
            missed = PAIR_LLR * min(0.0, self.part_evidence(a, b)[0] + self.part_evidence(b, a)[0])
            missed -= self.elsewhere(s_ids[0], t_ids[0])
        if self.pivot is not None:
            evidence += self.pivot(s_ids, t_ids)
        return prior + length - evidence - missed, evidence

    def elsewhere(self, i: int, j: int) -> float:
        """What pairing source sentence i with target sentence j costs when either has a clearly better partner
        elsewhere (its best other partner within `ELSEWHERE_WINDOW` sentences, one without a clearly better own,
        when a sure pair's, above this pair's anchor evidence by more than the margin): "Although she knows
        where he is, she does not want to tell" paired with the line before its partner ("No, Mary, I can't
        tell", whose English the desk dropped) because the path then needs no lonely sentence, while its
        partner shares knows, where and tell with it."""
        if self._best is None:
            self._best = (self._ranked(self.source, self.target, 0), self._ranked(self.target, self.source, 1))
        alt = max(self._alternative(0, i, j), self._alternative(1, j, i))
        if alt < ELSEWHERE_SURE:
            return 0.0
        own = self.anchor(self.source[i], self.target[j])
        return ELSEWHERE_WEIGHT * max(0.0, alt - own - ELSEWHERE_MARGIN)

    def _alternative(self, which: int, x: int, exclude: int) -> float:
        """The anchor evidence of sentence x's best partner other than `exclude` (sentence x of the source when
        `which` is 0, of the target when 1) within `ELSEWHERE_WINDOW` sentences of `exclude`, among those
        whose own best partner is not clearly better than x (by `ELSEWHERE_MARGIN`; 0.0 when none): a
        sentence with a clearly better partner of its own is that one's, not x's. In a long version (193
        sentences) sentences share a sure pair's words by chance: "Олармен бірге тұра алдым" (I could live
        with them) holds 4.2 with "So I guess I was the lucky one.", 28 lines before, whose own best partner
        holds more; its right pair, sharing little, paid for that. (Only x itself as the partner's best, no
        margin, costs a story without a glossary, names only, where neighbours tie on "James".)"""
        assert self._best is not None
        mine, theirs = self._best[which][x], self._best[1 - which]
        return next((v for v, y in mine if y != exclude and abs(y - exclude) <= ELSEWHERE_WINDOW
                     and theirs[y][0][0] <= v + ELSEWHERE_MARGIN), 0.0)

    def _ranked(self, side: list[Features], other: list[Features], which: int) -> list[list[tuple[float, int]]]:
        """For each sentence of `side` (0 source, 1 target), its partners in `other` that reach a sure pair's
        evidence, best first."""
        anchor = self.anchor if which == 0 else (lambda p, q: self.anchor(q, p))
        return [sorted(((v, y) for y, g in enumerate(other) if (v := anchor(f, g)) >= ELSEWHERE_SURE), reverse=True)
                for f in side]

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

        self._cost_cache.clear()  # the ratio may have changed too (passes.align)
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
        self._cost_cache.clear()

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

    def _idle_parts(self, s_ids: tuple[int, ...], t_ids: tuple[int, ...], a: Features, b: Features) -> float:
        """A merge must be earned by each of its sentences: one that holds anchors but shares too few with the
        other side is more likely a sentence with no partner beside a 1-1 pair (a dropped sentence) than half
        of a merge, though the merged lengths may fit. Once `calibrate` has run, a sentence pays the
        log-likelihood ratio of its anchors matched and missed against the other side when it speaks against
        the merge (a long sentence sharing one name with the other side pays for all its words missing)."""
        cost = 0.0
        k, m = len(s_ids), len(t_ids)
        parts = [(self.source[x], b) for x in s_ids] if k > 1 else []
        parts += [(a, self.target[y]) for y in t_ids] if m > 1 else []
        for s, t in parts:
            part = s if k > 1 and t is b else t
            if self.rates is not None:
                llr, held = self.part_evidence(part, t if part is s else s)
                cost += PART_WEIGHT * max(0.0, -llr)
                if held >= EMPTY_HELD:
                    continue
                # a sentence with few anchors (a function word matched by chance) must at least make the
                # merged lengths fit better than the bead without it
                with_it = self.length_cost(a.length, b.length)
                if part is s:
                    cost += max(0.0, with_it - self.length_cost(a.length - s.length - 1, b.length))
                else:
                    cost += max(0.0, with_it - self.length_cost(a.length, b.length - t.length - 1))
            z = self.zscore(s, t)
            if z < PART_Z:
                cost += PART_WEIGHT * max(PART_FLOOR, min(1.0, self._held(part) / 4.0)) * (PART_Z - z)
        return cost

    def confidence(self, i: int, k: int, j: int, m: int, evidence: float) -> float:
        """How sure a bead is (0..1): its anchor evidence and its length agreement, a merge a little less."""
        return self.confidence_of(tuple(range(i, i + k)), tuple(range(j, j + m)), evidence)

    def confidence_of(self, s_ids: tuple[int, ...], t_ids: tuple[int, ...], evidence: float) -> float:
        """`confidence` of the bead of source sentences `s_ids` and target sentences `t_ids`."""
        if not s_ids or not t_ids:
            return 0.0
        a, b = self.block(0, s_ids), self.block(1, t_ids)
        x = 0.8 * evidence - 0.6 * abs(self.delta(a.length, b.length)) + 0.6 - 0.4 * (len(s_ids) + len(t_ids) - 2)
        return 1.0 / (1.0 + math.exp(min(-x, 700.0)))  # a 20 MB sentence beside a short one: no overflow
