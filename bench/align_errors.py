"""Print the errors of `tarjimon align` on bench/align.py's articles, one article at a time, to read them.

    PYTHONPATH=$PWD/src python bench/align_errors.py [--corpus eng-kaz] [--seeds 17,3,99] [--all] [--causes]

For each article with a wrong or a missed link: every bead of the alignment (source sentence ids, target
sentence ids, confidence, anchor evidence), marked `WRONG` when one of its links joins sentences no gold line
joins, and after them the gold links no bead found, with the texts of both sides. Each sentence is shown with
its gold lines (source) or the lines it translates (target: `+` joins the pieces a sentence holds, so a
segmenter's join or a desk's merge shows), and the damage is listed per article: a piece merged from two
lines, split from one, a line dropped, a paragraph moved, a "see also" line. With `--causes`, only a count of
the wrong pairs by cause (`cause_of`: what the gold says about the sentences of each wrong pair).
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import align as single  # noqa: E402  (bench/align.py: the articles, the damage, the scoring)

from tarjimon.core.align.versions import align_versions  # noqa: E402


def _lines(own) -> str:
    return "+".join(",".join(str(x) for x in sorted(g)) or "-" for _, g in own)


def damage_of(s_paras, t_paras) -> list[str]:
    """What the desk did to this article, read back from its pieces."""
    src = [min(p.gold) for para in s_paras for p in para]
    tgt = [p for para in t_paras for p in para]
    out = []
    seen: dict[frozenset[int], int] = {}
    for p in tgt:
        seen[p.gold] = seen.get(p.gold, 0) + 1
    out += [f"merged {sorted(g)}" for g in seen if len(g) > 1]
    out += [f"split {sorted(g)}" for g, c in seen.items() if c > 1]
    held = {x for p in tgt for x in p.gold}
    out += [f"dropped from target {x}" for x in src if x not in held]
    out += [f"see-also at piece {n}" for n, p in enumerate(tgt) if not p.gold]
    order = [min(p.gold) for p in tgt if p.gold]
    if any(b < a for a, b in zip(order, order[1:], strict=False)):
        out.append("a paragraph moved: target order " + " ".join(str(x) for x in order))
    return out


def cause_of(bead, wrong, sv, tv, s_own, t_own) -> str:
    """Why a pair holding wrong links is wrong, read from the gold: for a merge, whether the wrong sentence sits
    between two right ones (a unit broken by a dropped line), is a version's lead, belongs to a moved
    paragraph, or is a neighbour with no partner of its own; for a 1-1 pair, whether its sentences have
    partners elsewhere."""
    s_lines = [{x for _, g in own for x in g} for own in s_own]
    t_lines = [{x for _, g in own for x in g} for own in t_own]
    all_s, all_t = set().union(*s_lines), set().union(*t_lines)
    order = [min(g) for own in t_own for _, g in own if g]
    moved = {x for k, x in enumerate(order) if (k and x < order[k - 1]) or (k + 1 < len(order) and x > order[k + 1])}
    ws, wt = {i for i, _ in wrong}, {j for _, j in wrong}
    k, m = len(bead.source), len(bead.target)
    if k + m > 2:
        wrong_side, ids = (ws, bead.source) if k > 1 else (wt, bead.target)
        if all(x not in (ids[0], ids[-1]) for x in wrong_side):
            return "merge: a sentence between two right ones (a unit broken by a dropped line)"
        if (k > 1 and getattr(sv, "lead", 0) in ws) or (m > 1 and getattr(tv, "lead", 0) in wt):
            return "merge: a version's lead with no partner"
        if any(x in moved for j in wt for x in t_lines[j]):
            return "merge: a sentence of a moved paragraph"
        return "merge: a neighbour with no partner of its own"
    i, j = bead.source[0], bead.target[0]
    if any(x in moved for x in t_lines[j]):
        return "1-1: a sentence of a moved paragraph"
    has_s, has_t = bool(s_lines[i] & all_t), bool(t_lines[j] & all_s)
    if not has_s and not has_t:
        return "1-1: two sentences each without its partner"
    if not has_s or not has_t:
        return "1-1: one without its partner, the other's partner elsewhere"
    return "1-1: both partners elsewhere"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default="eng-kaz", choices=("eng-kaz", "kaz-uzb"))
    ap.add_argument("--seeds", default="17,3,99")
    ap.add_argument("--size", type=int, default=24)
    ap.add_argument("--all", action="store_true", help="print every article, not only those with errors")
    ap.add_argument("--causes", action="store_true", help="only count the wrong pairs by cause")
    args = ap.parse_args(argv)
    causes: Counter[str] = Counter()
    cause_links: Counter[str] = Counter()
    rows = single.read_pairs(args.corpus)
    terms = single.dictionary_terms(args.corpus)
    wrong_total = missed_total = 0
    for seed in (int(s) for s in args.seeds.split(",")):
        rng = random.Random(seed)
        for n, at in enumerate(range(0, len(rows) - args.size // 2, args.size)):
            s, t, sl, tl = single.build_article(rows[at:at + args.size], rng, at)
            sv, s_own = single.to_version(s, sl, f"{args.corpus}-{n}.{sl}")
            tv, t_own = single.to_version(t, tl, f"{args.corpus}-{n}.{tl}")
            al = align_versions(sv, {tl: tv}, terms=terms, check=False)
            pred = [(p.source, p.target) for p in al.pairs[tl]]
            right, given, found, gold, wrong = single.score(pred, s_own, t_own)
            s_lines = [{x for _, g in own for x in g} for own in s_own]
            covered = {(x, tp) for i, j in ((i, j) for a, b in pred for i in a for j in b)
                       for tp, g in t_own[j] for x in s_lines[i] & g}
            gold_links = {(x, tp) for own in t_own for tp, g in own for x in g if any(x in sl_ for sl_ in s_lines)}
            missed = sorted(gold_links - covered)
            for b in al.beads[tl]:
                mine = [(i, j) for i, j in wrong if i in b.source and j in b.target]
                if mine:
                    cause = cause_of(b, mine, sv, tv, s_own, t_own)
                    causes[cause] += 1
                    cause_links[cause] += len(mine)
            wrong_total += len(wrong)
            missed_total += len(missed)
            if args.causes or not wrong and not missed and not args.all:
                continue
            print(f"=== seed {seed} article {n}: P {right}/{given} R {found}/{gold}; "
                  f"damage: {'; '.join(damage_of(s, t)) or 'none'}")
            bad = set(wrong)
            for b in al.beads[tl]:
                mark = "WRONG" if any((i, j) in bad for i in b.source for j in b.target) else ""
                print(f"  {b.shape:4} {b.confidence:5.2f} {b.anchors:6.2f} {mark:5} "
                      f"s{list(b.source)} t{list(b.target)}")
                for i in b.source:
                    print(f"        S{i} [{_lines(s_own[i])}] {sv.sentences[i].text[:100]}")
                for j in b.target:
                    print(f"        T{j} [{_lines(t_own[j])}] {tv.sentences[j].text[:100]}")
            for x, tp in missed:
                si = [i for i, lines in enumerate(s_lines) if x in lines]
                tj = [j for j, own in enumerate(t_own) if any(p == tp for p, _ in own)]
                print(f"  MISSED line {x} piece {tp}: source S{si} target T{tj}")
    if args.causes:
        for cause, n in sorted(causes.items()):
            print(f"{n:4} pairs {cause_links[cause]:4} links  {cause}")
    print(f"wrong links {wrong_total}, missed gold links {missed_total}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
