"""TM lookup at 1M units: agreement with the exhaustive search and speed, per query kind and per index setting.

    python bench/tm.py --workdir /tmp/perftm                     # builds /tmp/perftm/million.db (en->ru + uz->kk)
    python bench/tm_settings.py /tmp/perftm 60000,120 30000,60  # each setting: postings budget, candidates
    python bench/tm_settings.py --heldout /tmp/perftm 20000,50   # 240 other queries (DIR/heldout.json)
    python bench/tm_settings.py --set mixed DIR 30000,60         # DIR/mixed.json, made by bench/tm_uz.py:
                                                                 # 1M en->ru + 1M uz->kk, one query set
    BENCH_MISSES=1 BENCH_KINDS=1 python bench/tm_settings.py ... # also every disagreeing query, CPU per kind
    BENCH_SPLIT=1 python bench/tm_settings.py ...                # also the ranking's CPU after its base scores

The 360 queries (240 en->ru: exact / edited / typo / reordered; 120 uz->kk in Latin script against Cyrillic
units: as published / edited) and their exhaustive best scores are computed once and kept in
DIR/exhaustive.json, so runs of different code (another tree's src/ on PYTHONPATH, with BENCH_SRC pointing at
it) and settings are compared on the same answers. Times are the median and p95 of wall clock and of the
process's CPU time (`time.process_time`): on a machine shared with other work the CPU time moves far less.
Then the minor page faults per lookup (getrusage; mean/median per language): first touches of SQLite's memory
map of the database and of fresh memory (bench/tm_io.py splits them by stage).
"""

from __future__ import annotations

import json
import os
import random
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import tm as bench  # noqa: E402  (bench/tm.py: the query kinds and the exhaustive search)

if os.environ.get("BENCH_SRC"):  # measure another tree's code (bench/tm.py put this tree's src/ first)
    sys.path.insert(0, os.environ["BENCH_SRC"])
    for name in [m for m in sys.modules if m.startswith("tarjimon")]:
        del sys.modules[name]

from tarjimon.core.store import Store  # noqa: E402
from tarjimon.core.tm.sqlite import index  # noqa: E402
from tarjimon.core.tm.sqlite.backend import SqliteMemory  # noqa: E402

# (units picked by id % m == r for en, for uz; queries per language; seed): the bench's set and a held-out one
SETS = {"exhaustive": ((1009, 3), (211, 5), 240, 120, 77), "heldout": ((1013, 7), (223, 9), 160, 80, 1234)}


def queries(tm: SqliteMemory, name: str) -> list[tuple[str, str, str, str]]:
    from tarjimon.core.translit import to_latin

    (em, er), (um, ur), n_en, n_uz, seed = SETS[name]
    rng = random.Random(seed)
    conn = tm.store.conn
    srcs = [r[0] for r in conn.execute(f"SELECT source FROM tm_units WHERE source_lang = 'en' AND id % {em} = {er}")]
    out = [(q, k, "en", "ru") for q, k in bench.queries_for(srcs, n_en, rng)]
    uz = [to_latin(r[0]) for r in conn.execute(f"SELECT source FROM tm_units WHERE source_lang = 'uz' AND id % {um} = {ur}")]
    if len(uz) >= n_uz:
        picks = rng.sample(uz, n_uz)
        edits = (lambda x: bench.typo(x, rng), lambda x: bench.reorder(x, rng), lambda x: bench.perturb(x, rng))
        out += [(s, "latin", "uz", "kk") for s in picks[: n_uz // 2]]
        out += [(edits[i % 3](s), "latin-edited", "uz", "kk") for i, s in enumerate(picks[n_uz // 2 :])]
    return out


def answers(tm: SqliteMemory, work: Path, name: str) -> list[list]:  # type: ignore[type-arg]
    path = work / f"{name}.json"
    if path.exists():
        return json.loads(path.read_text())
    if name not in SETS:
        raise SystemExit(f"{path} not found")
    out = []
    refs: dict[str, bench.Exhaustive] = {}
    for q, kind, sl, tl in queries(tm, name):
        ref = refs.get(sl) or refs.setdefault(sl, bench.Exhaustive(tm, sl, tl))
        out.append([q, kind, sl, tl, ref.best(q)[0]])
    path.write_text(json.dumps(out))
    return out


def pct(values: list[float], p: float) -> float:
    return sorted(values)[min(len(values) - 1, int(len(values) * p))] * 1000


def split_rank() -> dict[str, int]:
    """(BENCH_SPLIT=1) Time inside each lookup the ranking (tm/ranking.py rank_keys) and its base scores
    (scoring.base_scores_moved): their CPU (this thread's) is then printed per language, the ranking less its
    base scores as "after base" (penalties, diffs, the whole rows' fetch, the matches built)."""
    import tarjimon.core.tm.base as tmbase
    from tarjimon.core.tm import ranking

    spent = {"rank": 0, "base": 0}
    clock = time.thread_time_ns

    def timed(name: str, fn):  # type: ignore[no-untyped-def]
        def run(*a, **k):  # type: ignore[no-untyped-def]
            t0 = clock()
            try:
                return fn(*a, **k)
            finally:
                spent[name] += clock() - t0
        return run

    tmbase.rank_keys = timed("rank", tmbase.rank_keys)  # type: ignore[attr-defined]
    ranking.base_scores_moved = timed("base", ranking.base_scores_moved)  # type: ignore[attr-defined]
    return spent


_SPLIT: list[dict[str, int]] = []  # split_rank's counters, once a process


def run(tm: SqliteMemory, data: list[list], budget: int, candidates: int) -> None:  # type: ignore[type-arg]
    index.READ_BUDGET, index.CANDIDATES = budget, candidates
    spent = (_SPLIT or _SPLIT.append(split_rank()) or _SPLIT)[0] if os.environ.get("BENCH_SPLIT") else None
    after: dict[str, list[float]] = {}
    for q, _, sl, tl, _ in data[:10]:
        tm.lookup(q, tl, source_lang=sl)
    ok: dict[str, list[bool]] = {}
    wall: dict[str, list[float]] = {}
    cpu: dict[str, list[float]] = {}
    by_kind: dict[str, list[float]] = {}
    faults: dict[str, list[int]] = {}
    for q, kind, sl, tl, best in data:
        f0 = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
        if spent is not None:
            spent["rank"] = spent["base"] = 0
        c0, t0 = time.process_time(), time.perf_counter()
        found = tm.lookup(q, tl, source_lang=sl, min_score=bench.MIN)
        if spent is not None:
            after.setdefault(sl, []).append((spent["rank"] - spent["base"]) / 1e9)
        wall.setdefault(sl, []).append(time.perf_counter() - t0)
        faults.setdefault(sl, []).append(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - f0)
        cpu.setdefault(sl, []).append(time.process_time() - c0)
        by_kind.setdefault(f"{sl} {kind}", []).append(cpu[sl][-1])
        ok.setdefault(kind, []).append(abs((found[0].score if found else 0) - best) <= 3)
        if os.environ.get("BENCH_MISSES") and not ok[kind][-1]:  # every query whose top-1 disagrees
            print(f"  miss [{sl} {kind}] ours {found[0].score if found else 0}, exhaustive {best}: {q[:90]!r}"
                  f" -> ours: {found[0].source[:70] if found else None!r}", flush=True)
    every = [x for v in ok.values() for x in v]
    kinds = ", ".join(f"{k} {sum(v) / len(v):.3f}" for k, v in ok.items())
    if len(wall) > 1:  # the whole set as one (the goal reads it as one query set)
        wall["all"], cpu["all"] = [x for v in wall.values() for x in v], [x for v in cpu.values() for x in v]
    times = "; ".join(f"{sl} wall {statistics.median(wall[sl]) * 1000:.2f}/{pct(wall[sl], .95):.2f} ms, CPU "
                      f"{statistics.median(cpu[sl]) * 1000:.2f}/{pct(cpu[sl], .95):.2f} ms" for sl in wall)
    print(f"{budget:>7,} postings {candidates:>4} candidates: agreement {sum(every) / len(every):.4f} ({kinds}); "
          f"median/p95 {times}; load {open('/proc/loadavg').read().split()[0]}", flush=True)
    print("  page faults per lookup (minor, mean/median): " + "; ".join(
        f"{sl} {statistics.mean(v):.1f}/{statistics.median(v):.0f}" for sl, v in faults.items()), flush=True)
    if after:
        print("  ranking after its base scores, CPU median/mean/p95 ms: " + "; ".join(
            f"{sl} {statistics.median(v) * 1000:.3f}/{statistics.mean(v) * 1000:.3f}/{pct(v, .95):.3f}"
            for sl, v in after.items()), flush=True)
    if os.environ.get("BENCH_KINDS"):  # CPU median/p95 of each query kind
        print("  CPU by kind: " + "; ".join(f"{k} {statistics.median(v) * 1000:.2f}/{pct(v, .95):.2f}"
                                          for k, v in by_kind.items()), flush=True)


def main() -> int:
    args = sys.argv[1:]
    name = "exhaustive"
    if args[:1] == ["--heldout"]:
        name, args = "heldout", args[1:]
    elif args[:1] == ["--set"] and len(args) > 1:
        name, args = args[1], args[2:]  # DIR/<name>.json, made elsewhere (bench/tm_uz.py: mixed)
    if not args:
        print(__doc__)
        return 2
    work = Path(args[0])
    tm = SqliteMemory(Store(work / "million.db"))
    data = answers(tm, work, name)
    for spec in args[1:] or [f"{index.READ_BUDGET},{index.CANDIDATES}"]:
        budget, candidates = (int(x) for x in spec.split(","))
        run(tm, data, budget, candidates)
    return 0


if __name__ == "__main__":
    sys.exit(main())
