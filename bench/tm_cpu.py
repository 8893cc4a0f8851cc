"""The CPU of a TM lookup's two Python stages on captured inputs, two trees compared in alternation.

    python bench/tm_cpu.py DIR SET [--before OTHER/src] [--rounds 3] [--runs 5] [--also-df N]
    python bench/tm_cpu.py /tmp/tmlookup9/mixed mixed --before /tmp/before9/src

SET is DIR/<SET>.json (mixed, uz-heldout, exhaustive; bench/tm_settings.py). The lookups of the set are run once
with this tree's code and the inputs of the two stages kept (in a temporary file): the candidates' stage
(tm/postings.py `rank`: the stems' document frequencies and every posting list it read) and the ranking
(tm/ranking.py `rank_keys`: the 60 candidates' ids and keys, the whole rows it may fetch). Each tree then runs
both stages on those inputs in a fresh process (PYTHONPATH=its src), `--runs` times per lookup, keeping each
lookup's least CPU time (`time.process_time_ns`; the per-text caches of the ranking emptied before each run,
as a new sentence finds them); the trees alternate `--rounds` times. Printed per tree, round and language:
median / mean / p95 of the per-lookup least CPU, in ms, and the load average; "after base" is rank_keys less
the CPU of its base scores (`scoring.base_scores_moved`, timed inside it): the candidates' penalties, the word
diffs, the whole rows' fetch from the captured rows and the matches built, in the run whose rank_keys was least. No database is read while
timing: what is left is CPU work (numpy, rapidfuzz, Python), which a shared machine disturbs far less than a
whole lookup (page faults, SQLite). A tree whose results differ from this tree's on the same inputs is named.
--also-df N also keeps every list of a query with at most N entries, for a tree that reads lists this one does
not (the candidates' rule before tmagree10 probed every list under 1/32 of the highest unit id: 31250 at 1M).
"""

from __future__ import annotations

import json
import os
import pickle
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parents[1] / "src"


def capture(work: Path, name: str, out: Path, also: int = 0) -> None:
    """The stages' inputs for every lookup of the set, and this tree's results on them (and every list of the
    query with at most `also` entries: those another tree's rule may read where this one does not)."""
    sys.path.insert(0, str(HERE))
    import numpy as np

    from tarjimon.core.store import Store
    from tarjimon.core.tm import postings, ranking
    from tarjimon.core.tm.sqlite.backend import SqliteMemory

    data = json.loads((work / f"{name}.json").read_text())
    tm = SqliteMemory(Store(work / "million.db"))
    real = postings.rank
    seen: dict[str, object] = {}

    def spy(present, top, budget, limit, read):  # type: ignore[no-untyped-def]
        lists: dict[str, tuple[object, object]] = {}

        def kept(toks):  # type: ignore[no-untyped-def]
            got = read(toks)
            lists.update({t: (np.array(a), np.array(b)) for t, (a, b) in got.items()})
            return got

        ids = real(present, top, budget, limit, kept)
        kept([t for df, t in present if df <= also and t not in lists])
        seen["index"] = (list(present), top, budget, limit, lists, ids)
        return ids

    postings.rank = spy  # type: ignore[assignment]
    cases = []
    for q, _kind, sl, tl, _ in data:
        seen.clear()
        keys, fetch = tm._candidate_keys(q, sl, tl)
        rows = fetch([i for i, _ in keys])
        shown = ranking.rank_keys(q, sl, keys, lambda ids, r=rows: {i: r[i] for i in ids if i in r},
                                  limit=5, min_score=50)
        cases.append((q, sl, keys, rows, seen.get("index"), [(m.unit_id, m.score, m.penalties, m.diff)
                                                               for m in shown]))
    postings.rank = real  # type: ignore[assignment]
    out.write_bytes(pickle.dumps(cases))


def timed(path: Path, runs: int) -> dict[str, object]:
    """(Run in the tree under test.) Each lookup's least CPU of `runs` for both stages, per language."""
    from tarjimon.core.tm import postings, ranking, text, worddiff

    modules = [m for m in (sys.modules.get("tarjimon.core.tm.scoring"), sys.modules.get("tarjimon.core.tm.penalties"))
               if m is not None]
    caches = [getattr(m, n) for m in modules for n in ("_marks", "_profile", "_latin") if hasattr(m, n)]
    caches += [text.query_key, worddiff._surface]
    cases = pickle.loads(path.read_bytes())
    index = [[1 << 62, c[1]] for c in cases if c[4] is not None]
    rank = [[1 << 62, c[1]] for c in cases]
    after = [[1 << 62, c[1]] for c in cases]  # rank_keys less its base scores (the run whose rank_keys is least)
    in_base = [0]
    real_base = getattr(ranking, "base_scores_moved", None)
    if real_base is not None:  # the base scores' own CPU inside rank_keys (the rest: penalties, diffs, matches)
        def base_scores_moved(*a, **k):  # type: ignore[no-untyped-def]
            t0 = time.process_time_ns()
            out = real_base(*a, **k)
            in_base[0] += time.process_time_ns() - t0
            return out

        ranking.base_scores_moved = base_scores_moved
    differ = 0
    for r in range(runs):
        k = 0
        for _q, _sl, _keys, _rows, idx, _shown in cases:
            if idx is not None:
                present, top, budget, limit, lists, ids = idx
                t0 = time.process_time_ns()
                got = postings.rank(present, top, budget, limit, lambda toks, ls=lists: {t: ls[t] for t in toks})
                index[k][0] = min(index[k][0], time.process_time_ns() - t0)
                differ += r == 0 and got != ids
                k += 1
        for n, (q, sl, keys, rows, _idx, shown) in enumerate(cases):
            for c in caches:
                c.cache_clear()
            in_base[0] = 0
            t0 = time.process_time_ns()
            got = ranking.rank_keys(q, sl, keys, lambda ids, rw=rows: {i: rw[i] for i in ids if i in rw},
                                    limit=5, min_score=50)
            spent = time.process_time_ns() - t0
            if spent < rank[n][0]:
                rank[n][0], after[n][0] = spent, spent - in_base[0]
            differ += r == 0 and [(m.unit_id, m.score, m.penalties, m.diff) for m in got] != shown
    out: dict[str, object] = {"differ": differ, "load": open("/proc/loadavg").read().split()[0]}
    stages = [("postings.rank", index), ("rank_keys", rank)] + ([("after base", after)] if real_base else [])
    for stage, values in stages:
        for lang in sorted({lang for _, lang in values}):
            v = sorted(t / 1e6 for t, sl in values if sl == lang)
            out[f"{stage} {lang}"] = (statistics.median(v), statistics.mean(v), v[min(len(v) - 1, int(len(v) * .95))])
    return out


def main() -> int:
    args = sys.argv[1:]
    if args[:1] == ["--time"]:  # the child: PYTHONPATH is the tree under test
        print(json.dumps(timed(Path(args[1]), int(args[2]))))
        return 0
    if len(args) < 2:
        print(__doc__)
        return 2
    work, name, rest = Path(args[0]), args[1], args[2:]
    opts = dict(zip(rest[::2], rest[1::2], strict=False))
    trees = [("this tree", str(HERE))] + ([("before", opts["--before"])] if "--before" in opts else [])
    rounds, runs = int(opts.get("--rounds", 3)), int(opts.get("--runs", 5))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "cases.pkl"
        capture(work, name, path, int(opts.get("--also-df", 0)))
        print(f"{name}: inputs captured with this tree; least CPU of {runs} runs per lookup, ms "
              "(median / mean / p95)")
        for r in range(rounds):
            for label, src in trees if r % 2 == 0 else trees[::-1]:
                env = dict(os.environ, PYTHONPATH=src)
                got = json.loads(subprocess.run([sys.executable, __file__, "--time", str(path), str(runs)],
                                                env=env, check=True, capture_output=True, text=True).stdout)
                stages = "; ".join(f"{k} {v[0]:.3f} / {v[1]:.3f} / {v[2]:.3f}" for k, v in got.items()
                                   if isinstance(v, list))
                bad = f"; {got['differ']} results DIFFER from this tree's" if got["differ"] else ""
                print(f"  round {r + 1} {label:9s} {stages}; load {got['load']}{bad}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
