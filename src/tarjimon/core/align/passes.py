"""The passes over a monotone alignment (programme.align_pair) that find what it cannot: `align` runs the programme,
re-estimates the length ratio and what a missing anchor means (`Scorer.calibrate`) from its sure pairs and
runs it again, then aligns run against run what was left alone or weakly paired (a paragraph moved elsewhere
in one version crosses the order), and lets a lonely sentence take its partner from a much weaker pair, or
from a merge that does not need it.
"""

from __future__ import annotations

from tarjimon.core.align.dp import WEAK, Bead
from tarjimon.core.align.programme import align_pair
from tarjimon.core.align.scorer import Scorer

SPARE = 0.1  # a merge that keeps its confidence within this without a sentence did not need it
# a single pair found out of order, alone (not one of a moved paragraph's pairs), must hold this much anchor
# evidence (a sure pair's): two sentences far apart sharing "James" and "where" are not a moved sentence and
# its partner (on the bench, 27 of the 205 links the passes found were wrong, most of them such single pairs
# at 0.7-0.95 confidence and 0.9-3.0 evidence; 2.5-4.0 measured alike)
ALONE_ANCHORS = 3.0


def align(scorer: Scorer, *, recover: bool = True, keep: float = 0.7) -> list[Bead]:
    """Align the scorer's two versions; with `recover`, align again what the first pass left unaligned (a
    moved paragraph), keeping the recovered beads of confidence at least `keep`. Beads come in source order;
    target-only beads follow the source sentence before them."""
    beads = align_pair(scorer)
    if not scorer.length_only:
        # the length ratio again, from the first pass's confident 1-1 pairs (a cut-off or padded version
        # makes the totals lie), what a matched and a missed anchor mean between these two versions, and a
        # second pass with them
        sure = [b for b in beads if len(b.source) == 1 and len(b.target) == 1 and b.confidence >= 0.7]
        if len(sure) >= 3:
            ls = sum(scorer.source[b.source[0]].length for b in sure)
            lt = sum(scorer.target[b.target[0]].length for b in sure)
            ratio = min(max(lt / max(ls, 1), 0.4), 2.5)
            if abs(ratio - scorer.ratio) / scorer.ratio > 0.05:
                scorer.ratio = ratio
            scorer.calibrate([(b.source[0], b.target[0]) for b in sure])
            beads = align_pair(scorer)
    if recover and not scorer.length_only:
        beads = _in_order(_recover_runs(scorer, beads, keep))
        beads = _in_order(_reassign(scorer, beads))
    return beads


def _runs(ids: list[int]) -> list[list[int]]:
    out: list[list[int]] = []
    for i in sorted(ids):
        if out and i == out[-1][-1] + 1:
            out[-1].append(i)
        else:
            out.append([i])
    return out


def _recover_runs(scorer: Scorer, beads: list[Bead], keep: float) -> list[Bead]:
    """Runs of sentences the monotone pass left alone or paired with little evidence, on each side, aligned
    run against run (a paragraph moved elsewhere in one version crosses the order, so one pass over all of
    them together could not find it); the pairing that gains most is taken, again until none gains. A run
    against run giving a single pair keeps it only with a sure pair's anchors (`ALONE_ANCHORS`, or the median
    of this alignment's sure pairs when that is lower)."""
    # a short story's evidence runs lower (its unrelated pairs spread wider): there a single pair needs what
    # its sure pairs typically hold
    sure = sorted(b.anchors for b in beads if b.source and b.target and b.confidence >= 0.8)
    alone = min(ALONE_ANCHORS, sure[len(sure) // 2]) if sure else ALONE_ANCHORS
    for _ in range(6):
        weak = [b for b in beads if not b.source or not b.target or b.confidence < WEAK]
        runs_s = _runs([i for b in weak for i in b.source])
        runs_t = _runs([j for b in weak for j in b.target])
        if not runs_s or not runs_t:
            break
        holder = {("s", i): b for b in beads for i in b.source}
        holder.update({("t", j): b for b in beads for j in b.target})
        best: tuple[float, list[Bead]] | None = None
        for rs in runs_s:
            for rt in runs_t:
                found = [b for b in align_pair(scorer, rs, rt) if b.source and b.target and b.confidence >= keep]
                if not found or len(found) == 1 and found[0].anchors < alone:
                    continue
                broken = {id(h): h for b in found for h in
                          [holder[("s", i)] for i in b.source] + [holder[("t", j)] for j in b.target]}
                before = sum(h.confidence for h in broken.values())
                gain = sum(b.confidence for b in found) - before
                if gain > 0.3 and (best is None or gain > best[0]):
                    best = (gain, found)
        if best is None:
            break
        found = best[1]
        used_s = {i for b in found for i in b.source}
        used_t = {j for b in found for j in b.target}
        kept: list[Bead] = []
        for b in beads:
            if set(b.source) & used_s or set(b.target) & used_t:  # broken up: the rest stays alone
                kept.extend(Bead((i,), ()) for i in b.source if i not in used_s)
                kept.extend(Bead((), (j,)) for j in b.target if j not in used_t)
            else:
                kept.append(b)
        beads = kept + found
    return beads


def _reassign(scorer: Scorer, beads: list[Bead]) -> list[Bead]:
    """A sentence left alone whose best partner elsewhere is held by a much weaker pair, or is an idle part of a
    merge (the merge as sure without it), takes that partner (a moved sentence the monotone passes paired with
    a neighbour): the rest of a merge stays a pair, a weaker pair's rest stays alone."""
    for _ in range(3):
        holder = {("s", i): b for b in beads for i in b.source}
        holder.update({("t", j): b for b in beads for j in b.target})
        best: tuple[float, Bead, list[Bead]] | None = None
        for lone in (b for b in beads if not b.source or not b.target):
            side, mine = ("t", lone.target) if lone.target else ("s", lone.source)
            other_n = len(scorer.source) if side == "t" else len(scorer.target)
            for k in range(other_n):
                for width in (1, 2):
                    ids = tuple(range(k, k + width))
                    if ids[-1] >= other_n:
                        continue
                    other = "s" if side == "t" else "t"
                    held = {id(holder[(other, x)]): holder[(other, x)] for x in ids}
                    if any(h is lone for h in held.values()):
                        continue
                    if side == "t":
                        c, ev = scorer.cost(k, width, mine[0], len(mine))
                        conf = scorer.confidence(k, width, mine[0], len(mine), ev)
                        new = Bead(ids, mine, round(conf, 3), round(ev, 2))
                    else:
                        c, ev = scorer.cost(mine[0], len(mine), k, width)
                        conf = scorer.confidence(mine[0], len(mine), k, width, ev)
                        new = Bead(mine, ids, round(conf, 3), round(ev, 2))
                    weakest = max((h.confidence for h in held.values() if h.source and h.target), default=0.0)
                    if (conf >= 0.9 and (conf >= weakest + 0.4 or _spare(scorer, held, other, ids))
                            and (best is None or conf > best[0])):
                        best = (conf, new, [lone, *held.values()])
        if best is None:
            break
        _, new, broken = best
        gone = {id(b) for b in broken}
        rest = [b for b in beads if id(b) not in gone]
        for b in broken:
            left = _without(scorer, b, new)
            if left is not None:
                rest.append(left)
                continue
            rest.extend(Bead((i,), ()) for i in b.source if i not in new.source)
            rest.extend(Bead((), (j,)) for j in b.target if j not in new.target)
        beads = rest + [new]
    return beads


def _without(scorer: Scorer, bead: Bead, taken: Bead) -> Bead | None:
    """`bead` less the sentences `taken` holds, as a bead of its own when both sides keep a contiguous run."""
    src = tuple(i for i in bead.source if i not in taken.source)
    tgt = tuple(j for j in bead.target if j not in taken.target)
    if not src or not tgt or (src == bead.source and tgt == bead.target):
        return None
    if (src[-1] - src[0] != len(src) - 1 or tgt[-1] - tgt[0] != len(tgt) - 1
            or (len(src), len(tgt)) not in scorer.priors):
        return None
    _, ev = scorer.cost(src[0], len(src), tgt[0], len(tgt))
    return Bead(src, tgt, round(scorer.confidence(src[0], len(src), tgt[0], len(tgt), ev), 3), round(ev, 2))


def _spare(scorer: Scorer, held: dict[int, Bead], side: str, ids: tuple[int, ...]) -> bool:
    """Whether the sentences `ids` (of `side`) are idle parts of the merges holding them: each merge keeps its
    confidence without them (a moved sentence the monotone pass took into its neighbour's pair)."""
    for h in held.values():
        mine = h.source if side == "s" else h.target
        if not h.source or not h.target or len(mine) < 2 or set(mine) <= set(ids):
            return False
        taken = Bead(tuple(ids), ()) if side == "s" else Bead((), tuple(ids))
        left = _without(scorer, h, taken)
        if left is None or left.confidence < h.confidence - SPARE:
            return False
    return True


def _in_order(beads: list[Bead]) -> list[Bead]:
    """Beads in source order; a target-only bead after the bead holding the target sentence before it."""
    placed = sorted((b for b in beads if b.source), key=lambda b: b.source[0])
    pos_of_target = {t: n for n, b in enumerate(placed) for t in b.target}
    lone = sorted((b for b in beads if not b.source), key=lambda b: b.target[0])
    keyed: list[tuple[float, int, Bead]] = [(float(n), 0, b) for n, b in enumerate(placed)]
    for b in lone:
        before = [t for t in pos_of_target if t < b.target[0]]
        keyed.append((pos_of_target[max(before)] + 0.5 if before else -0.5, b.target[0], b))
    return [b for _, _, b in sorted(keyed, key=lambda x: (x[0], x[1]))]
