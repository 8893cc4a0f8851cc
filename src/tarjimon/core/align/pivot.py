"""Joint alignment: one target's alignment with the source vouches for another's, sentence by sentence.

Uzbek and English share few anchors (no dictionary between them, names spelt their own way), while Kazakh
and English share a dictionary, and Uzbek and Kazakh share nearly everything. Once the source is aligned
with each target alone, a second pass aligns it with each target again, and a bead (source sentences,
target sentences) gains the evidence that the other target's partners of those source sentences say what
the bead's target sentences say: their anchor z-score between the two targets (`Scorer.zscore` over the
two targets' own features), weighed like the bead's own anchors.
"""

from __future__ import annotations

from tarjimon.core.align.dp import ANCHOR_WEIGHT, Z_CAP, Z_EVEN, Bead
from tarjimon.core.align.scorer import Scorer
from tarjimon.core.align.signals import Features, merge

SURE = 0.5  # the other target's pairs that may vouch
WEIGHT = 0.7  # a pivot's evidence against the bead's own anchors'
# the other target's partner disagreeing (their anchor z-score under Z_EVEN) counts half its agreement (another
# target's silence says less), but twice when the other target's pair is sure (0.8 or more): Uzbek-Kazakh
# aligns at 0.99+, so an Uzbek-English bead whose English sentence shares too little with the sure Kazakh
# partner of its Uzbek sentences is likely wrong (ninth session, bench/align_pivot.py: of the joint English
# alignment's 60 wrong links on the tuning seeds, 32 had pivot evidence below zero, against 19 right ones)
SURE_AGAINST, AGAINST, AGAINST_UNSURE = 0.8, 2.0, 0.5


class Pivot:
    """Evidence for beads of (source, target X) from other targets' confident pairs with the same source."""

    def __init__(self, target: list[Features], others: list[tuple[list[Bead], list[Features], bool]]) -> None:
        """`others`: per other target, its beads with the source, its features, and whether cognates count
        between it and target X."""
        self._ways: list[tuple[dict[int, tuple[int, ...]], Scorer]] = []
        self._conf: list[dict[int, float]] = []
        for beads, features, cognates in others:
            partner: dict[int, tuple[int, ...]] = {}
            conf: dict[int, float] = {}
            for b in beads:
                if b.source and b.target and b.confidence >= SURE:
                    for i in b.source:
                        partner[i] = b.target
                        conf[i] = b.confidence
            if partner:
                self._ways.append((partner, Scorer(features, target, cognates=cognates)))
                self._conf.append(conf)
        self._cache: dict[tuple[tuple[int, ...], tuple[int, ...]], float] = {}
        self._blocks: dict[tuple[int, tuple[int, ...]], Features] = {}

    def __bool__(self) -> bool:
        return bool(self._ways)

    def __call__(self, s_ids: tuple[int, ...], t_ids: tuple[int, ...]) -> float:
        key = (s_ids, t_ids)
        got = self._cache.get(key)
        if got is None:
            got = self._cache[key] = self._evidence(s_ids, t_ids)
        return got

    def _evidence(self, s_ids: tuple[int, ...], t_ids: tuple[int, ...]) -> float:
        best: float | None = None
        for n, (partner, cross) in enumerate(self._ways):
            ys = tuple(sorted({y for s in s_ids for y in partner.get(s, ())}))
            if not ys:
                continue
            block = self._blocks.get((n, ys))
            if block is None:
                block = self._blocks[(n, ys)] = merge([cross.source[y] for y in ys])
            z = min(cross.zscore(block, cross.block(1, t_ids)), Z_CAP)
            ev = WEIGHT * ANCHOR_WEIGHT * (z - Z_EVEN)
            if ev < 0 and min(self._conf[n][s] for s in s_ids if s in self._conf[n]) >= SURE_AGAINST:
                ev *= AGAINST
            elif ev < 0:
                ev *= AGAINST_UNSURE
            best = ev if best is None else max(best, ev)
        return 0.0 if best is None else best
