"""Team TM benchmark: lookups in the PostgreSQL backend side by side with the SQLite backend, in one run.

    python bench/tm_pg.py                      # 100,000 units (real Debian en->ru units + synthetic ones)
    python bench/tm_pg.py --sizes 100000 1000000
    python bench/tm_pg.py --url postgresql://USER@HOST/DB   # a server of your own (default: $TARJIMON_TEST_PG,
                                                             # else a throwaway cluster started here)

The units: bench/tm.py's real en->ru pairs from the Russian .mo catalogues on this machine, topped up with its
synthetic units (2-3 real units joined) to each size. Both backends get the same units through
`import_units` (SQLite in one transaction; PostgreSQL COPY-staged, in its own schema), then the same queries
(bench/tm.py's: half stored sources, half near matches), asked alternately of SQLite and PostgreSQL so machine
load falls on both alike. A few queries warm both first. Reported: median and p95 lookup time of each, their
ratio, and agreement (the same best score and target from both).
"""

from __future__ import annotations

import argparse
import random
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "bench"), str(ROOT / "tests")]

from tm import debian_units, queries_for, synthetic  # noqa: E402  (bench/tm.py)

from tarjimon.core.models.tm import NewUnit  # noqa: E402
from tarjimon.core.store import Store  # noqa: E402
from tarjimon.core.tm.postgres.backend import PgMemory  # noqa: E402
from tarjimon.core.tm.sqlite.backend import SqliteMemory  # noqa: E402


def units_of(pairs: list[tuple[str, str]]) -> list[NewUnit]:
    return [NewUnit("en", "ru", "en", "ru", s, t) for s, t in pairs]


def p95(values: list[float]) -> float:
    return sorted(values)[int(0.95 * (len(values) - 1))]


def server(url: str | None) -> tuple[str, object | None]:
    import os

    import pg  # tests/pg.py

    url = url or os.environ.get(pg.ENV)
    if url:
        return url, None
    found, cluster, why = pg.server()
    if not found:
        sys.exit(f"no PostgreSQL server: {why}")
    return found, cluster


def run(size: int, real: list[tuple[str, str]], url: str, workdir: Path, n_queries: int, seed: int) -> dict:
    import pg

    rng = random.Random(seed)
    pairs = list(real[:size])
    if len(pairs) < size:
        have = {s for s, _ in pairs}
        pairs += [p for p in synthetic(real, size - len(pairs) + len(have), rng) if p[0] not in have][
            : size - len(pairs)]
    lite = SqliteMemory(Store(workdir / f"tm-{size}.db"))
    t0 = time.perf_counter()
    lite.import_units(units_of(pairs), big=True)
    lite_import = time.perf_counter() - t0
    _, schema_url = pg.new_schema(url)
    team = PgMemory(schema_url, project="bench")
    t0 = time.perf_counter()
    team.import_units(units_of(pairs))
    team_import = time.perf_counter() - t0
    with team.db.using() as conn:
        conn.execute("ANALYZE")
    queries = queries_for([s for s, _ in pairs], n_queries, random.Random(seed + 1))
    for q, _ in queries[:10]:
        lite.lookup(q, "ru", source_lang="en")
        team.lookup(q, "ru", source_lang="en")
    t_lite: list[float] = []
    t_team: list[float] = []
    agree = 0
    for i, (q, _) in enumerate(queries):
        order = (lite, team) if i % 2 == 0 else (team, lite)
        got = {}
        for tm in order:
            t0 = time.perf_counter()
            m = tm.lookup(q, "ru", source_lang="en", limit=5, min_score=50)
            (t_lite if tm is lite else t_team).append(time.perf_counter() - t0)
            got[tm is lite] = (m[0].score, m[0].target) if m else (0, None)
        agree += got[True] == got[False]
    team.close()
    return {"size": len(pairs), "queries": len(queries), "lite_import": lite_import, "team_import": team_import,
            "lite_median": statistics.median(t_lite) * 1000, "lite_p95": p95(t_lite) * 1000,
            "team_median": statistics.median(t_team) * 1000, "team_p95": p95(t_team) * 1000,
            "agreement": 100.0 * agree / len(queries)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    ap.add_argument("--queries", type=int, default=400)
    ap.add_argument("--url", help="a PostgreSQL server (default: $TARJIMON_TEST_PG, else a throwaway cluster)")
    ap.add_argument("--seed", type=int, default=20260105)
    args = ap.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # a killed run still stops its cluster
    real = debian_units()
    url, cluster = server(args.url)
    print(f"{len(real):,} real en->ru units; server {url.split('@')[-1]}")
    print(f"{'units':>10} {'import s (sqlite / pg)':>24} {'sqlite median / p95 ms':>24} "
          f"{'pg median / p95 ms':>20} {'ratio':>6} {'agree':>6}")
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for size in args.sizes:
                r = run(size, real, url, Path(tmp), args.queries, args.seed)
                print(f"{r['size']:>10,} {r['lite_import']:>11.1f} / {r['team_import']:<10.1f} "
                      f"{r['lite_median']:>11.2f} / {r['lite_p95']:<10.2f} {r['team_median']:>9.2f} / "
                      f"{r['team_p95']:<8.2f} {r['team_median'] / r['lite_median']:>6.2f} {r['agreement']:>5.1f}%",
                      flush=True)
    finally:
        if cluster is not None:
            cluster.remove()  # type: ignore[attr-defined]
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
