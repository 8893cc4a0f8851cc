"""Forward-backward posteriors of the aligner's beads: keep a pair only where its posterior is high.

    PYTHONPATH=$PWD/src python bench/align_posterior.py [--corpus eng-kaz] [--seeds 17,3,99] [--temperature 1]

The classic way to trade recall for precision: the programme's costs read as -log probabilities (divided by
the temperature), summed over every monotone path (forward and backward), give each bead of the alignment the
share of all paths that take it. On bench/align.py's articles the same alignment (`align`, every pass) is
scored with the pairs whose posterior is under a threshold left out, on both measures, beside the same cut by
the pairs' confidence (what `align --min` reads). A pair the monotone lattice cannot hold (a pair of a moved
paragraph, a gapped merge) has no posterior and is kept.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import align as single  # noqa: E402  (bench/align.py: the articles, the damage, the scoring)

from tarjimon.core.align.passes import align  # noqa: E402
from tarjimon.core.align.scorer import Scorer  # noqa: E402
from tarjimon.core.align.versions import COGNATE_LANGS  # noqa: E402


def _add(a: float, b: float) -> float:
    if a == -math.inf:
        return b
    if b == -math.inf:
        return a
    return max(a, b) + math.log1p(math.exp(-abs(a - b)))


def posteriors(scorer: Scorer, temperature: float):
    """A function (source ids, target ids) -> the bead's posterior, or None off the monotone lattice."""
    n, m = len(scorer.source), len(scorer.target)
    shapes = list(scorer.priors)

    def cost(i: int, k: int, j: int, q: int) -> float:
        return scorer.cost(i if k else 0, k, j if q else 0, q)[0] / temperature

    fwd = [[-math.inf] * (m + 1) for _ in range(n + 1)]
    fwd[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            if fwd[i][j] == -math.inf:
                continue
            for k, q in shapes:
                if i + k <= n and j + q <= m:
                    fwd[i + k][j + q] = _add(fwd[i + k][j + q], fwd[i][j] - cost(i, k, j, q))
    bwd = [[-math.inf] * (m + 1) for _ in range(n + 1)]
    bwd[n][m] = 0.0
    for i in range(n, -1, -1):
        for j in range(m, -1, -1):
            for k, q in shapes:
                if (i, j) != (n, m) and i + k <= n and j + q <= m and bwd[i + k][j + q] > -math.inf:
                    bwd[i][j] = _add(bwd[i][j], bwd[i + k][j + q] - cost(i, k, j, q))
    total = fwd[n][m]

    def of(s_ids: tuple[int, ...], t_ids: tuple[int, ...]) -> float | None:
        k, q = len(s_ids), len(t_ids)
        if (k, q) not in scorer.priors or s_ids[-1] - s_ids[0] != k - 1 or t_ids[-1] - t_ids[0] != q - 1:
            return None
        i, j = s_ids[0], t_ids[0]
        return math.exp(fwd[i][j] - cost(i, k, j, q) + bwd[i + k][j + q] - total)

    return of


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default="eng-kaz", choices=("eng-kaz", "kaz-uzb"))
    ap.add_argument("--seeds", default="17,3,99")
    ap.add_argument("--size", type=int, default=24)
    ap.add_argument("--temperature", type=float, default=1.0, help="costs divided by this before exp(-cost)")
    args = ap.parse_args(argv)
    if not single.PARALLEL.is_dir():
        print(f"skipped: {single.PARALLEL} is missing")
        return 0
    rows = single.read_pairs(args.corpus)
    terms = single.dictionary_terms(args.corpus)
    runs = []
    for seed in (int(s) for s in args.seeds.split(",")):
        rng = random.Random(seed)
        for at in range(0, len(rows) - args.size // 2, args.size):
            s, t, sl, tl = single.build_article(rows[at:at + args.size], rng, at)
            sv, s_own = single.to_version(s, sl, "s")
            tv, t_own = single.to_version(t, tl, "t")
            sv.prepare(terms)
            tv.prepare(terms)
            scorer = Scorer(sv.features, tv.features, cognates=COGNATE_LANGS.issuperset({sl, tl}),
                            leads=(sv.lead, tv.lead))
            beads = [b for b in align(scorer) if b.source and b.target]
            post = posteriors(scorer, args.temperature)
            runs.append(([(b.source, b.target, post(b.source, b.target), b.confidence) for b in beads],
                         s_own, t_own))
    print(f"bench/align_posterior.py --corpus {args.corpus} --seeds {args.seeds} --temperature {args.temperature}")
    print(f"{'pairs kept':28} {'lines P':>8} {'R':>7} {'segments P':>10} {'R':>7} {'wrong':>6} {'missed':>6}")
    for by, floor in [("all", 0.0)] + [("posterior", x) for x in (0.3, 0.5, 0.7, 0.9)] + [("confidence", 0.5)]:
        lines, segs = [0, 0, 0, 0], [0, 0, 0, 0]
        for pairs, s_own, t_own in runs:
            kept = [(s, t) for s, t, p, c in pairs
                    if (by != "posterior" or p is None or p >= floor) and (by != "confidence" or c >= floor)]
            lines = [x + y for x, y in zip(lines, single.score(kept, s_own, t_own)[:4], strict=True)]
            segs = [x + y for x, y in zip(segs, single.score_segments(kept, s_own, t_own), strict=True)]
        label = "all pairs" if by == "all" else f"{by} >= {floor}"
        print(f"{label:28} {lines[0] / lines[1]:>8.4f} {lines[2] / lines[3]:>7.4f} {segs[0] / segs[1]:>10.4f} "
              f"{segs[2] / segs[3]:>7.4f} {lines[1] - lines[0]:>6} {lines[3] - lines[2]:>6}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
