"""The dynamic programme: the cheapest monotone path of beads between two versions (`align_pair`).

Each step of the path is a bead of dp.py's shapes (1-1, 2-1, 1-2, 3-1, 1-3, 1-0, 0-1), costed by
scorer.py's `Scorer`, or a *gapped merge*: a desk drops a sentence and joins the two around it into one, so source
sentences i and i+2 translate target sentence j while i+1 has no partner (or the same with the sides
swapped). Without that step the path could only take the dropped sentence into a 3-1 (a wrong link) or give
up one of the two right ones. It pays the gapped merge's own prior and the lonely sentence's, and each of its
two sentences must earn its place like any merge's (`Scorer._idle_parts`).
"""

from __future__ import annotations

from tarjimon.core.align.dp import Bead
from tarjimon.core.align.scorer import Scorer

# (source sentences, target sentences) a gapped step consumes: i, i+1, i+2 with j (i+1 alone), and swapped
GAPS = ((3, 1), (1, 3))


def align_pair(scorer: Scorer, src: list[int] | None = None, tgt: list[int] | None = None) -> list[Bead]:
    """The cheapest monotone alignment of source sentences `src` with target sentences `tgt` (indices into the
    scorer's versions; all of them by default). Sentence runs must be contiguous for merged beads, so a
    merge is only considered over consecutive indices; then a gapped merge replaces the path's beads over
    three sentences of one side and one of the other where it is cheaper (`_gapped_merges`)."""
    src = list(range(len(scorer.source))) if src is None else src
    tgt = list(range(len(scorer.target))) if tgt is None else tgt
    n, m = len(src), len(tgt)
    inf = float("inf")
    best = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int, float] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    band = max(25, (n + m) // 8) if n * m > 3000 else n + m  # long versions: near the diagonal only
    shapes = list(scorer.priors)
    for i in range(n + 1):
        centre = i * m / n if n else 0
        lo, hi = max(0, int(centre) - band), min(m, int(centre) + band)
        for j in range(lo, hi + 1):
            here = best[i][j]
            if here == inf:
                continue
            for k, m2 in shapes:
                if i + k > n or j + m2 > m:
                    continue
                if k > 1 and src[i + k - 1] - src[i] != k - 1 or m2 > 1 and tgt[j + m2 - 1] - tgt[j] != m2 - 1:
                    continue
                c, ev = scorer.cost(src[i] if k else 0, k, tgt[j] if m2 else 0, m2)
                total = here + c
                if total < best[i + k][j + m2]:
                    best[i + k][j + m2] = total
                    back[i + k][j + m2] = (k, m2, ev)
    steps: list[tuple[int, int, int, int, float]] = []  # (i, j, k, m, evidence) in path order
    i, j = n, m
    lost: list[Bead] = []
    while i or j:
        step = back[i][j]
        if step is None:  # outside the band: leave the rest unaligned
            lost.extend(Bead((src[x],), ()) for x in range(i))
            lost.extend(Bead((), (tgt[y],)) for y in range(j))
            break
        k, m2, ev = step
        steps.append((i - k, j - m2, k, m2, ev))
        i, j = i - k, j - m2
    steps.reverse()
    beads = lost
    for s_ids, t_ids, ev in _gapped_merges(scorer, steps, best, src, tgt):
        conf = scorer.confidence_of(s_ids, t_ids, ev) if s_ids and t_ids else 0.0
        beads.append(Bead(s_ids, t_ids, round(conf, 3), round(ev, 2)))
    return beads


def _gapped_merges(scorer: Scorer, steps: list[tuple[int, int, int, int, float]], best: list[list[float]],
                   src: list[int], tgt: list[int]) -> list[tuple[tuple[int, ...], tuple[int, ...], float]]:
    """The path's beads as (source ids, target ids, evidence), where a run of consecutive beads holding three
    sentences of one side and one of the other (a 3-1, a 2-1 beside a lonely sentence...) costs more than
    the gapped merge of the same sentences (the outer two with the one, the middle alone)."""
    out: list[tuple[tuple[int, ...], tuple[int, ...], float]] = []
    x = 0
    while x < len(steps):
        gapped = None
        if not scorer.length_only:
            for width in (1, 2, 3):
                window = steps[x:x + width]
                if len(window) < width:
                    break
                k = sum(s[2] for s in window)
                m = sum(s[3] for s in window)
                if (k, m) not in GAPS:
                    continue
                i0, j0 = window[0][0], window[0][1]
                s_run, t_run = src[i0:i0 + k], tgt[j0:j0 + m]
                if s_run[-1] - s_run[0] != k - 1 or t_run[-1] - t_run[0] != m - 1:
                    continue
                s_ids, t_ids = _gapped(s_run, t_run)
                if not _outer_anchored(scorer, s_ids, t_ids):
                    continue
                c, ev = scorer.cost_of(s_ids, t_ids)
                if c < best[i0 + k][j0 + m] - best[i0][j0]:
                    lone = ((), (t_run[1],)) if k == 1 else ((s_run[1],), ())
                    gapped = (width, [(s_ids, t_ids, ev), (*lone, 0.0)])
                    break
        if gapped is not None:
            out.extend(gapped[1])
            x += gapped[0]
            continue
        i, j, k, m, ev = steps[x]
        out.append((tuple(src[i:i + k]), tuple(tgt[j:j + m]), ev))
        x += 1
    return out

def _outer_anchored(scorer: Scorer, s_ids: tuple[int, ...], t_ids: tuple[int, ...]) -> bool:
    """Whether each of a gapped merge's two sentences shares an anchor (a number, a glossary term, a name, a
    cognate) with the other side, or, aligned jointly, another target's partner vouches for it. A sentence
    sharing nothing ("He was a mullah.") is not taken across its lonely neighbour into the next pair on
    lengths alone: that jump needs evidence of its own."""
    two, side = (s_ids, 0) if len(s_ids) == 2 else (t_ids, 1)
    other = scorer.block(1 - side, t_ids if side == 0 else s_ids)
    feats = scorer.source if side == 0 else scorer.target

    def vouched(x: int) -> bool:  # jointly: another target's partner says the same (pivot.py)
        return scorer.pivot is not None and scorer.pivot(*(((x,), t_ids) if side == 0 else (s_ids, (x,)))) > 0

    return all(scorer.shares_anchor(feats[x], other) or vouched(x) for x in two)


def _gapped(src: list[int], tgt: list[int]) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The bead of a gapped step over three sentences of one side and one of the other: the outer two."""
    if len(src) == 3:
        return (src[0], src[2]), tuple(tgt)
    return tuple(src), (tgt[0], tgt[2])
