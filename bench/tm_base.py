"""Could a lookup compute fewer full base scores of its 60 candidates, exactly? Upper bounds of the base score
from the cheap part (C exact, word counts, the shared bags), what they would spare, and what each part costs.

    python bench/tm_base.py DIR SET [--all] [--runs 5]     # DIR/million.db, DIR/SET.json; uz lookups
    python bench/tm_base.py /tmp/tmio10/uzA uz              # (--all: every language of the set)
    python bench/tm_base.py /tmp/tmio10/uzA uz --against /tmp/before10/src    # also: base_scores_moved A/B

base = 0.5 C + 0.25 W + 0.25 S (docs/tm-scoring.md). With m the sentence's words, n the unit's, Aw and As the
words and stems both have (as bags), W <= Aw / max(m, n) and S <= As / max(m, n) (an alignment's matches pair
equal symbols; tmfetch11's proof, docs/benchmarks.md), C is exact (one cdist for the 60 keys). The second pass
(the unit's words in the sentence's order, for the units whose shared words moved) has the same bags and
lengths but another C, bounded by the key lengths, C' <= 200 min(lq, lu) / (lq + lu) (or by the shared bag of
characters, `+chars`); a unit with Aw <= 1 has nothing to move. A candidate matters only at or above the
border (the reach-th best base, `limit` + REACH = 11, at least min score 50); one whose bound is under a
border known so far can be left unscored (whole), or its second pass left out. Printed:
  - candidates under the final border (what an oracle would leave unscored), and how many a bound leaves:
    at the final border (the most any round order gives), after a first round of the first K in the index's
    order, after a first round of the K best bounds;
  - second passes: units whose words moved, how many end under the border, how many a bound spares with the
    border of the in-order bases (known before any second pass: S1), in two rounds (the 8 best bounds first:
    S2), at the final border;
  - violations: a base above its bound (must be 0);
  - each part's CPU (least of --runs per lookup, median / mean us): what skipping saves and what bounding adds;
  - with --against OTHER/src: this tree's base_scores_moved and OTHER's (its scoring.py loaded beside this
    tree's modules) on the same keys, interleaved per lookup (least of --runs + 2 each), results compared.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import numpy as np  # noqa: E402
from rapidfuzz import fuzz  # noqa: E402
from rapidfuzz.distance import LCSseq, Levenshtein  # noqa: E402
from rapidfuzz.process import cdist  # noqa: E402

from tarjimon.core.store import Store  # noqa: E402
from tarjimon.core.tm.ranking import REACH  # noqa: E402
from tarjimon.core.tm.scoring import _STEMS, Query, _bases, base_scores_moved  # noqa: E402
from tarjimon.core.tm.sqlite import index  # noqa: E402
from tarjimon.core.tm.sqlite.backend import SqliteMemory  # noqa: E402
from tarjimon.core.tm.text import query_key  # noqa: E402
from tarjimon.core.tm.wordorder import _in_order_of, _in_order_unique, _positions  # noqa: E402

LIMIT, MIN = 5, 50
REACHED = LIMIT + REACH


def border(bases: list[float]) -> float:
    """The reach-th best base at least MIN (MIN when fewer reach it)."""
    top = sorted((b for b in bases if b >= MIN), reverse=True)
    return max(MIN, top[REACHED - 1]) if len(top) >= REACHED else MIN


def bounds(q: Query, keys: list[str]) -> tuple[list[float], list[float], list[float], list[float]]:
    """Per candidate: the in-order bound (C exact), the bound of either pass with C' by lengths and by the
    shared characters, and the second pass's own bound by lengths (0 when nothing can move)."""
    m, lq = len(q.words), len(q.key)
    cw, cs, cc = Counter(q.words), Counter(q.stems), Counter(q.key)
    c = cdist([q.key], keys, scorer=fuzz.ratio, dtype=np.float64)[0].tolist()
    inorder, either, chars, second = [], [], [], []
    for i, k in enumerate(keys):
        ws = k.split()
        n, lu = len(ws), len(k)
        if k == q.key:
            inorder.append(100.0), either.append(100.0), chars.append(100.0), second.append(0.0)
            continue
        aw = sum((cw & Counter(ws)).values())
        ast = sum((cs & Counter(w[:5] for w in ws)).values())
        bag = 25.0 * (aw + ast) / max(m, n, 1)
        first = 0.5 * c[i] + bag
        if aw > 1:
            by_len = (100.0 * min(lq, lu) / (lq + lu) if lq + lu else 50.0) + bag
            by_chars = 100.0 * sum((cc & Counter(k)).values()) / (lq + lu) + bag
        else:
            by_len = by_chars = 0.0
        inorder.append(first)
        either.append(max(first, by_len))
        chars.append(max(first, by_chars))
        second.append(by_len)
    return inorder, either, chars, second


def collect(work: Path, name: str, every: bool) -> list[tuple[Query, list[str]]]:
    data = json.loads((work / f"{name}.json").read_text())
    tm = SqliteMemory(Store(work / "million.db"))
    conn = tm.store.conn
    out = []
    for q, _kind, sl, tl, _best in data:
        if sl != "uz" and not every:
            continue
        ids = index.candidates(conn, f"{sl}>{tl}", query_key(q, sl)[1], tm._cache)
        got = dict(conn.execute(f"SELECT id, skey FROM tm_units WHERE id IN ({','.join('?' * len(ids))})", ids))
        keys = [got[i] for i in ids if i in got]
        if len(keys) >= 4:
            out.append((Query.of(q, sl), keys))
    return out


def counts(cases: list[tuple[Query, list[str]]]) -> Counter[str]:
    tot: Counter[str] = Counter()
    for q, keys in cases:
        bases, flags = base_scores_moved(q, keys)
        final = border(bases)
        words = [k.split() for k in keys]
        inorder = [100.0 if k == q.key else b for k, b in zip(keys, _bases(q, keys, words), strict=True)]
        first, either, chars, second = bounds(q, keys)
        tot["candidates"] += len(keys)
        tot["lookups"] += 1
        for i, b in enumerate(bases):
            tot["violations"] += (either[i] + 1e-9 < b) + (chars[i] + 1e-9 < b) + (first[i] + 1e-9 < inorder[i])
        tot["oracle"] += sum(b < final for b in bases)
        tot["final, C' by lengths"] += sum(u < final for u in either)
        tot["final, C' by chars"] += sum(u < final for u in chars)
        for k in (20, 30):
            theta = border(bases[:k])
            tot[f"first {k} in order"] += sum(u < theta for u in either[k:])
            best = sorted(range(len(keys)), key=lambda i: -either[i])
            theta = border([bases[i] for i in best[:k]])
            tot[f"{k} best bounds first"] += sum(either[i] < theta for i in best[k:])
            tot[f"{k} best bounds first, moved"] += sum(either[i] < theta and flags[i] for i in best[k:])
        moved = [i for i, f in enumerate(flags) if f]
        tot["moved"] += len(moved)
        tot["moved, under the final border"] += sum(bases[i] < final for i in moved)
        t1 = border(inorder)
        s1 = [i for i in moved if second[i] >= t1 and second[i] > inorder[i]]
        tot["moved, S1 spared"] += len(moved) - len(s1)
        s1.sort(key=lambda i: -second[i])
        b2 = list(inorder)
        for i in s1[:8]:
            b2[i] = bases[i]
        t2 = border(b2)
        done = s1[:8] + [i for i in s1[8:] if second[i] >= t2]
        tot["moved, S2 spared"] += len(moved) - len(done)
        tot["moved, spared at the final border"] += sum(second[i] < final or second[i] <= inorder[i] for i in moved)
    return tot


def costs(cases: list[tuple[Query, list[str]]], runs: int) -> dict[str, tuple[float, float]]:
    stem = _STEMS.__getitem__
    pre = []
    for q, keys in cases:
        words = [k.split() for k in keys]
        stems = [list(map(stem, ws)) for ws in words]
        _, flags = base_scores_moved(q, keys)
        moved = [i for i, f in enumerate(flags) if f]
        if len(set(q.words)) == len(q.words):
            pos = {w: i for i, w in enumerate(q.words)}
            again = [_in_order_unique(pos, words[i]) for i in moved]
        else:
            where = _positions(q.words)
            again = [_in_order_of(q.words, words[i], where) for i in moved]
        pre.append((q, keys, words, stems, moved, again, [" ".join(w) for w in again]))

    def reorder(q, words, moved):  # type: ignore[no-untyped-def]
        if len(set(q.words)) == len(q.words):
            pos = {w: i for i, w in enumerate(q.words)}
            return [_in_order_unique(pos, words[i]) for i in moved]
        where = _positions(q.words)
        return [_in_order_of(q.words, words[i], where) for i in moved]

    def shared(q_symbols, lists):  # type: ignore[no-untyped-def]
        qset = set(q_symbols)
        return list(map(len, map(qset.intersection, lists)))

    parts = {
        "base_scores_moved (all of it)": lambda p: base_scores_moved(p[0], p[1]),
        "split": lambda p: [k.split() for k in p[1]],
        "C (cdist, 60 keys)": lambda p: cdist([p[0].key], p[1], scorer=fuzz.ratio, dtype=np.float64),
        "W (cdist)": lambda p: cdist([p[0].words], p[2], scorer=Levenshtein.normalized_similarity,
                                     dtype=np.float64),
        "stems (map)": lambda p: [list(map(stem, ws)) for ws in p[2]],
        "S (cdist)": lambda p: cdist([p[0].stems], p[3], scorer=Levenshtein.normalized_similarity,
                                     dtype=np.float64),
        "shared words (set)": lambda p: shared(p[0].words, p[2]),
        "shared stems (set; the bound's own cost)": lambda p: shared(p[0].stems, p[3]),
        "LCS flag (cdist)": lambda p: cdist([p[0].words], p[2], scorer=LCSseq.similarity, dtype=np.int32),
        "in-order _bases (60)": lambda p: _bases(p[0], p[1], p[2]),
        "_bases of 1 key (a call's fixed cost)": lambda p: _bases(p[0], p[1][:1], p[2][:1]),
        "reorderings (moved units)": lambda p: reorder(p[0], p[2], p[4]),
        "joins (moved units)": lambda p: [" ".join(w) for w in p[5]],
        "reordered _bases (moved units)": lambda p: _bases(p[0], p[6], p[5]) if p[5] else None,
    }
    out = {}
    for label, fn in parts.items():
        best = [1 << 62] * len(pre)
        for _ in range(runs):
            for j, p in enumerate(pre):
                t0 = time.process_time_ns()
                fn(p)
                best[j] = min(best[j], time.process_time_ns() - t0)
        out[label] = (statistics.median(best) / 1e3, statistics.mean(best) / 1e3)
    return out


def against(cases: list[tuple[Query, list[str]]], src: str, runs: int) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("other_scoring", Path(src) / "tarjimon/core/tm/scoring.py")
    assert spec is not None and spec.loader is not None
    other = importlib.util.module_from_spec(spec)
    sys.modules["other_scoring"] = other
    spec.loader.exec_module(other)
    pairs = (("this tree", base_scores_moved), ("other", other.base_scores_moved))
    best: dict[str, list[int]] = {"this tree": [], "other": []}
    differ = 0
    for q, keys in cases:
        differ += base_scores_moved(q, keys) != other.base_scores_moved(q, keys)
        least = {"this tree": 1 << 62, "other": 1 << 62}
        for r in range(runs + 2):
            for label, fn in pairs if r % 2 else pairs[::-1]:
                t0 = time.process_time_ns()
                fn(q, keys)
                least[label] = min(least[label], time.process_time_ns() - t0)
        for label in least:
            best[label].append(least[label])
    print(f"base_scores_moved, this tree against {src}, interleaved, least of {runs + 2} per lookup, us "
          f"(median / mean / p95); {differ} lookups differ; load {open('/proc/loadavg').read().split()[0]}")
    for label, v in best.items():
        w = sorted(v)
        print(f"  {label:9s} {statistics.median(w) / 1e3:7.1f} / {statistics.mean(w) / 1e3:7.1f} / "
              f"{w[int(len(w) * 0.95)] / 1e3:7.1f}")
    d = [a - b for a, b in zip(best["this tree"], best["other"], strict=True)]
    print(f"  this tree - other, per lookup: median {statistics.median(d) / 1e3:+.1f} us, mean "
          f"{statistics.mean(d) / 1e3:+.1f}; this tree faster in {sum(x < 0 for x in d) / len(d):.0%}")


def main() -> int:
    args = sys.argv[1:]
    every = "--all" in args
    args = [a for a in args if a != "--all"]
    runs = 5
    if "--runs" in args:
        at = args.index("--runs")
        runs = int(args[at + 1])
        del args[at : at + 2]
    other = ""
    if "--against" in args:
        at = args.index("--against")
        other = args[at + 1]
        del args[at : at + 2]
    if len(args) != 2:
        print(__doc__)
        return 2
    work, name = Path(args[0]), args[1]
    cases = collect(work, name, every)
    if other:
        against(cases, other, runs)
    tot = counts(cases)
    n, moved = tot["candidates"], max(tot["moved"], 1)
    print(f"{tot['lookups']} lookups of {work / name}.json, {n} candidates; border = the {REACHED}th best base "
          f"(at least {MIN}); load {open('/proc/loadavg').read().split()[0]}")
    for k in ("oracle", "final, C' by lengths", "final, C' by chars", "first 20 in order", "20 best bounds first",
              "first 30 in order", "30 best bounds first"):
        print(f"  left unscored, {k:24s} {tot[k]:6d} of {n} ({tot[k] / n:.1%})")
    print(f"  units whose words moved: {tot['moved']} ({tot['moved'] / max(tot['lookups'], 1):.1f} a lookup), "
          f"{tot['moved, under the final border']} ({tot['moved, under the final border'] / moved:.1%}) end "
          "under the final border")
    for k in ("moved, S1 spared", "moved, S2 spared", "moved, spared at the final border"):
        print(f"  second passes {k[7:]:28s} {tot[k]:6d} of {tot['moved']} ({tot[k] / moved:.1%})")
    print(f"  violations (a base above its bound): {tot['violations']}")
    print(f"CPU of each part, least of {runs} runs per lookup, us (median / mean):")
    cost = costs(cases, runs)
    for label, (med, mean) in cost.items():
        print(f"  {label:42s} {med:7.1f} / {mean:7.1f}")
    # what the best two-round scheme would save a lookup, from the means: a skipped candidate's W, S and LCS
    # items, a skipped moved one's reordering, join and reordered base; paid: the shared stems of every
    # candidate (the bound's As) and a second round's fixed cost (one more _bases call)
    per = (cost["W (cdist)"][1] + cost["S (cdist)"][1] + cost["LCS flag (cdist)"][1]) / (n / tot["lookups"])
    second = sum(cost[k][1] for k in ("reorderings (moved units)", "joins (moved units)",
                                      "reordered _bases (moved units)")) / (tot["moved"] / tot["lookups"])
    for k in (20, 30):
        saved = (tot[f"{k} best bounds first"] * per + tot[f"{k} best bounds first, moved"] * second) / tot["lookups"]
        paid = cost["shared stems (set; the bound's own cost)"][1] + cost["_bases of 1 key (a call's fixed cost)"][1]
        print(f"  estimate, {k} best bounds first: {tot[f'{k} best bounds first'] / tot['lookups']:.1f} candidates "
              f"({tot[f'{k} best bounds first, moved'] / tot['lookups']:.1f} moved) unscored a lookup: saves "
              f"{saved:.0f} us, pays {paid:.0f} us, net {saved - paid:.0f} us (the bound's own arithmetic not counted: at most)")
    s2 = tot["moved, S2 spared"] / tot["lookups"] * second
    print(f"  estimate, second passes S2: {tot['moved, S2 spared'] / tot['lookups']:.1f} a lookup spared: saves "
          f"{s2:.0f} us, pays the moved units' shared stems and a second call "
          f"(~{cost['_bases of 1 key (a call' + chr(39) + 's fixed cost)'][1]:.0f} us + the stems)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
