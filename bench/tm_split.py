"""Where a TM lookup's time goes at 1M units: CPU time (this thread's) per stage, median / mean per language.

    python bench/tm_split.py /tmp/perftm                                  # this tree's code
    BENCH_SRC=<other tree>/src python bench/tm_split.py /tmp/perftm       # another tree's, same queries

The bench's 360 queries (DIR/exhaustive.json, see bench/tm_settings.py) in one fresh process, after 10 warm-up
lookups, as bench/tm_settings.py runs them. Stages: `reads` the posting lists (SQLite or the process's cache),
`numpy` the candidates' ranking (tm/postings.py, the choice of lists included), `dfs+misc` the rest of the index step (document frequencies,
token set), `fetch+misc` everything outside the index and the scoring (the generation check, the query's stems,
the candidates' keys), `rank` scoring, penalties, ordering and diffs (tm/ranking.py; since rank_keys, also
the whole rows of the ~11 candidates it reaches).
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
if os.environ.get("BENCH_SRC"):
    sys.path.insert(0, os.environ["BENCH_SRC"])

import tarjimon.core.tm.base as tmbase  # noqa: E402
import tarjimon.core.tm.sqlite.backend as backend  # noqa: E402
from tarjimon.core.store import Store  # noqa: E402
from tarjimon.core.tm import postings  # noqa: E402


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    work = Path(sys.argv[1])
    data = json.loads((work / "exhaustive.json").read_text())
    tm = backend.SqliteMemory(Store(work / "million.db"))
    clock = time.thread_time_ns
    cur: dict[str, int] = {}
    rank_name = "rank_keys" if hasattr(tmbase, "rank_keys") else "rank"  # (rank before the keys came first)
    rank_lists, candidates, rank = postings.rank, backend.candidates, getattr(tmbase, rank_name)

    def spy_lists(present, top, budget, limit, read):  # type: ignore[no-untyped-def]
        spent = [0]

        def timed_read(chosen):  # type: ignore[no-untyped-def]  (called once, or more: postings.gather)
            t0 = clock()
            out = read(chosen)
            spent[0] += clock() - t0
            return out

        t0 = clock()
        out = rank_lists(present, top, budget, limit, timed_read)
        cur["reads"], cur["numpy"] = spent[0], clock() - t0 - spent[0]
        return out

    def timed(name, fn):  # type: ignore[no-untyped-def]
        def run(*a, **k):  # type: ignore[no-untyped-def]
            t0 = clock()
            out = fn(*a, **k)
            cur[name] = clock() - t0
            return out
        return run

    postings.rank = spy_lists  # type: ignore[assignment]
    backend.candidates = timed("index", candidates)  # type: ignore[assignment]
    setattr(tmbase, rank_name, timed("rank", rank))
    for q, _, sl, tl, _ in data[:10]:
        tm.lookup(q, tl, source_lang=sl)
    table: dict[str, dict[str, list[int]]] = {}
    for q, _, sl, tl, _ in data:
        cur.clear()
        t0 = clock()
        tm.lookup(q, tl, source_lang=sl, min_score=50)
        cur["total"] = clock() - t0
        cur["dfs+misc"] = cur["index"] - cur["reads"] - cur["numpy"]
        cur["fetch+misc"] = cur["total"] - cur["index"] - cur.get("rank", 0)
        for k, v in cur.items():
            table.setdefault(sl, {}).setdefault(k, []).append(v)
    for sl, cols in table.items():
        print(sl, "CPU ms median/mean: " + "  ".join(
            f"{k} {statistics.median(v) / 1e6:.2f}/{statistics.mean(v) / 1e6:.2f}" for k, v in cols.items()))
    print(f"load {open('/proc/loadavg').read().split()[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
