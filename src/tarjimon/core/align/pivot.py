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


class Pivot:
    """Evidence for beads of (source, target X) from other targets' confident pairs with the same source."""

    def __init__(self, target: list[Features], others: list[tuple[list[Bead], list[Features], bool]]) -> None:
        """`others`: per other target, its beads with the source, its features, and whether cognates count
        between it and target X."""
        self._ways: list[tuple[dict[int, tuple[int, ...]], Scorer]] = []
        for beads, features, cognates in others:
            partner: dict[int, tuple[int, ...]] = {}
            for b in beads:
                if b.source and b.target and b.confidence >= SURE:
                    for i in b.source:
                        partner[i] = b.target
            if partner:
                self._ways.append((partner, Scorer(features, target, cognates=cognates)))
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
            best = ev if best is None else max(best, ev)
        if best is None:
            return 0.0
        return best if best > 0 else best * 0.5  # another target's silence says less than its agreement
