"""Where joint alignment fails: the English pairs of a joint alignment, right and wrong, by what the Kazakh
partner of their Uzbek sentences says (bench/align_joint.py's story and damage).

    PYTHONPATH=$PWD/src python bench/align_pivot.py [--seeds 17,3,99]

Uzbek-Kazakh aligns at 0.99+, so where an Uzbek sentence is paired with a Kazakh one (at 0.5 or more), the
Kazakh sentence says what the English partner of the Uzbek one should hold: an English pair whose pivot
disagrees (the English and Kazakh sentences hold anchors and share too few: core/align/pivot.py's evidence
below zero) is suspect. This prints, for the joint alignment's English pairs, how many links are right and
wrong in each band of that pivot evidence (none: no Kazakh partner to ask), to see whether the pivot could
tell more wrong pairs from right ones than it already does (it steers the joint pass at 0.7 of a bead's
own anchors). It reads the gold only to count the links.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import align as single  # noqa: E402  (bench/align.py: the articles, the damage, the scoring)
import align_joint as joint  # noqa: E402  (the three-language story and its damage)

from tarjimon.core.align.dp import Bead  # noqa: E402
from tarjimon.core.align.pivot import Pivot  # noqa: E402
from tarjimon.core.align.versions import align_versions  # noqa: E402

BANDS = ((-99.0, -2.0), (-2.0, -0.5), (-0.5, 0.0), (0.0, 1.0), (1.0, 3.0), (3.0, 99.0))


def band_of(ev: float | None) -> str:
    if ev is None:
        return "no kk partner"
    lo, hi = next(b for b in BANDS if b[0] <= ev < b[1]) if ev < 99 else BANDS[-1]
    return f"[{lo:+.1f}, {hi:+.1f})"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", default="17,3,99")
    args = ap.parse_args(argv)
    if not single.PARALLEL.is_dir():
        print(f"skipped: {single.PARALLEL} is missing")
        return 0
    rows, _ = joint.triples()
    terms = joint.both_dictionaries()
    counts: Counter[tuple[str, str]] = Counter()
    for seed in (int(s) for s in args.seeds.split(",")):
        sv, s_own, built = joint.story(rows, seed)
        al = align_versions(sv, {lg: v for lg, (v, _) in built.items()}, terms=terms, check=False)
        kk_beads = [Bead(p.source, p.target, p.confidence) for p in al.pairs["kk"]]
        pivot = Pivot(built["en"][0].features, [(kk_beads, built["kk"][0].features, False)])
        partnered = {i for b in kk_beads if b.confidence >= 0.5 for i in b.source}
        for p in al.pairs["en"]:
            right, given, *_ = single.score([(p.source, p.target)], s_own, built["en"][1])
            ev = pivot(p.source, p.target) if set(p.source) & partnered else None
            band = band_of(ev)
            counts[(band, "right")] += right
            counts[(band, "wrong")] += given - right
    print(f"bench/align_pivot.py --seeds {args.seeds}: English links of the joint alignment by the pivot "
          "evidence of their pair (Kazakh partners of the same Uzbek sentences)")
    print(f"{'pivot evidence':16} {'right':>6} {'wrong':>6} {'wrong share':>11}")
    for band in ["no kk partner", *(band_of(lo) for lo, _ in BANDS)]:
        r, w = counts[(band, "right")], counts[(band, "wrong")]
        if r or w:
            print(f"{band:16} {r:>6} {w:>6} {w / (r + w):>11.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
