"""The cost of every bead between two versions (dp.py's shapes and settings): the Gale-Church length cost with
the length ratio of these two versions, the bead's prior, its anchor evidence (evidence.py's `Evidence`: the
anchors' weights, similarity, what a matched and a missed anchor mean once `calibrate` has run), a merge's
idle parts and a pair whose sentence has a clearly better partner elsewhere."""

from __future__ import annotations

import math
from collections.abc import Callable

from tarjimon.core.align.dp import (
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
    PAIR_LLR,
    PART_FLOOR,
    PART_WEIGHT,
    PART_Z,
    PRIORS,
    VARIANCE,
)
from tarjimon.core.align.evidence import Evidence
from tarjimon.core.align.signals import Features, merge


def _phi(x: float) -> float:
    return 0.5 * (1.0 + math.erf(x / math.sqrt(2.0)))


class Scorer(Evidence):
    """The cost of every bead between two versions, with the ratio and key weights of these two versions."""

    def __init__(self, source: list[Features], target: list[Features], *, length_only: bool = False,
                 cognates: bool = True, pivot: Callable[[tuple[int, ...], tuple[int, ...]], float] | None = None,
                 leads: tuple[int, int] = (0, 0)) -> None:
        super().__init__(source, target, length_only=length_only, cognates=cognates)
        # pivot: evidence a bead gets from another target's partners of its source sentences (pivot.py)
        self.pivot = pivot
        self.leads = leads  # the index of each version's lead sentence (after its title)
        self.priors = GALE_CHURCH_PRIORS if length_only else PRIORS
        total_s = sum(f.length for f in self.source) or 1
        total_t = sum(f.length for f in self.target) or 1
        # Gale-Church's ratio from the totals; `align` re-estimates it from the pairs of a first pass when
        # anchors are there (a cut-off page makes the totals lie)
        self.ratio = total_t / total_s
        if not length_only and not 0.75 <= self.ratio <= 1.33:
            # versions of very different lengths: one is cut off or padded, so the totals say nothing of the
            # sentences' ratio; Uzbek, Kazakh, Russian and English run within about 15% of each other
            self.ratio = 1.0
        self._merged: dict[tuple[int, int, int], Features] = {}
        self._gapped: dict[tuple[int, ...], Features] = {}
        # a bead's cost, for the passes that run the programme again over parts of the versions; forgotten
        # when the ratio or the rates change (`calibrate`)
        self._cost_cache: dict[tuple, tuple[float, float]] = {}
        # each sentence's two best partners on the other side (anchor evidence, index): `elsewhere`
        self._best: tuple[list[list[tuple[float, int]]], list[list[tuple[float, int]]]] | None = None

    def calibrate(self, pairs: list[tuple[int, int]]) -> None:
        """`Evidence.calibrate`, and every bead's cost forgotten (the ratio may have changed too: passes.align)."""
        super().calibrate(pairs)
        self._cost_cache.clear()

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
