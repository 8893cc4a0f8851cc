"""Where a Uzbek TM lookup's first touches of data go: page faults and CPU per stage, per lookup.

    python bench/tm_io.py DIR [SET] [--passes N]           # DIR/million.db, the uz queries of DIR/SET.json
    BENCH_SRC=<other tree>/src python bench/tm_io.py DIR   # another tree's code on the same queries

SET defaults to "mixed" (bench/tm_uz.py). Every uz->kk query of the set is looked up once, in one fresh process
after 5 warm-up lookups, as bench/tm_settings.py runs them. Per lookup, the minor page faults of the process
(getrusage: first touches of SQLite's memory map of the database, and of fresh memory) and this thread's CPU
time (microseconds), by stage:
  reads   the posting lists read from SQLite (index._read; a list the process's cache holds costs nothing)
  index   the whole candidate step (document frequencies, the reads, the numpy ranking of the lists)
  keys    the 60 candidates' ids and matching keys (one SELECT on tm_units)
  rows    the whole rows of the candidates the ranking reaches
  qkey    the sentence's key and stems (tm/text.query_key: cached per sentence, so 0 on a second pass)
  bases   the 60 candidates' base scores (tm/scoring.base_scores_moved)
  rank    the whole ranking (tm/ranking.rank_keys: the bases, the rows, penalties, order, diffs)
  total   the lookup
--passes N looks the set up N times in the same process, each pass printed: a second pass shows what a lookup
pays only the first time (pages of the map, lists the process caches, per-text caches), as a translator's
new sentence does not.
Printed as mean/median over the lookups. The load average is printed last: on a shared machine compare the
CPU figures of runs alternated with the other tree, never a single run.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
if os.environ.get("BENCH_SRC"):
    sys.path.insert(0, os.environ["BENCH_SRC"])

import tarjimon.core.tm.base as tmbase  # noqa: E402
import tarjimon.core.tm.penalties as penalties  # noqa: E402
import tarjimon.core.tm.ranking as ranking  # noqa: E402
import tarjimon.core.tm.sqlite.backend as backend  # noqa: E402
import tarjimon.core.tm.sqlite.index as index  # noqa: E402
from tarjimon.core.store import Store  # noqa: E402


def faults() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt


def main() -> int:
    args, passes = sys.argv[1:], 1
    if "--passes" in args:
        at = args.index("--passes")
        passes = int(args[at + 1])
        del args[at : at + 2]
    if len(args) not in (1, 2):
        print(__doc__)
        return 2
    work = Path(args[0])
    name = args[1] if len(args) == 2 else "mixed"
    data = [r for r in json.loads((work / f"{name}.json").read_text()) if r[2] == "uz"]
    tm = backend.SqliteMemory(Store(work / "million.db"))
    cur: dict[str, float] = {}

    def wrap(owner: object, attr: str, key: str) -> None:
        fn = getattr(owner, attr)

        def run(*a, **k):  # type: ignore[no-untyped-def]
            f0, t0 = faults(), time.thread_time_ns()
            out = fn(*a, **k)
            cur[key] = cur.get(key, 0) + faults() - f0
            cur[key + " us"] = cur.get(key + " us", 0) + (time.thread_time_ns() - t0) / 1000
            return out

        setattr(owner, attr, run)

    wrap(index, "_read", "reads")
    wrap(backend, "candidates", "index")
    wrap(backend, "_fetch", "rows")
    wrap(backend.SqliteMemory, "_candidate_keys", "step")  # the query key, the index step and the keys
    wrap(backend, "query_key", "qkey")
    wrap(ranking, "base_scores_moved", "bases")
    wrap(tmbase, "rank_keys", "rank")
    wrap(penalties.Differences, "penalties", "pens")
    wrap(penalties.Differences, "least", "pens")
    wrap(penalties.Differences, "diff", "diff")
    for q, _, sl, tl, _ in data[:5]:
        tm.lookup(q, tl, source_lang=sl)
    for n in range(passes):
        table: dict[str, list[float]] = {}
        for q, _, sl, tl, _ in data:
            cur.clear()
            f0, t0 = faults(), time.thread_time_ns()
            tm.lookup(q, tl, source_lang=sl, min_score=50)
            cur["total"], cur["total us"] = faults() - f0, (time.thread_time_ns() - t0) / 1000
            cur["keys"] = cur.pop("step") - cur["index"] - cur["qkey"]
            cur["keys us"] = cur.pop("step us") - cur["index us"] - cur["qkey us"]
            for k in ("rows", "pens", "diff"):  # (a lookup with no candidate reaches none of them)
                cur.setdefault(k, 0)
                cur.setdefault(k + " us", 0)
            for k, v in cur.items():
                table.setdefault(k, []).append(v)
        order = ["qkey", "reads", "index", "keys", "bases", "rows", "pens", "diff", "rank", "total"]
        print(f"{len(data)} uz lookups of {work / name}.json, mean/median per lookup"
              + (f" (pass {n + 1} of {passes})" if passes > 1 else ""))
        print("  page faults: " + "  ".join(
            f"{k} {statistics.mean(table[k]):.1f}/{statistics.median(table[k]):.0f}" for k in order))
        print("  CPU us:      " + "  ".join(
            f"{k} {statistics.mean(table[k + ' us']):.0f}/{statistics.median(table[k + ' us']):.0f}" for k in order))
    print(f"  load {open('/proc/loadavg').read().split()[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
