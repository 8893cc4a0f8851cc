"""What the 60 candidates' keys of a TM lookup cost to read, from tm_units as today and from a compact copy of the
keys: a table tm_keys(id, skey) or a covering index on tm_units(id, skey) (issue 11 goal 4: a structural option
measured, not built).

    python bench/tm_keyreads.py COPY/million.db --make     # adds tm_keys and tm_units_idkey to a COPY (never the
                                                          # measured TM: ~190 MB each at 1M units)
    python bench/tm_keyreads.py COPY/million.db [--runs 250] [--seed 1]

A lookup reads `SELECT id, skey FROM tm_units WHERE id IN (60 ids)` (tm/sqlite/backend.py) through SQLite's
memory map of the database. Each way is run in a fresh process on the same 250 sets of 60 random ids (a lookup's
candidates are scattered over the TM), after 10 sets to warm up: this thread's CPU per read (median, us) and the
minor page faults (the first touch of a page of the map: the rows' leaf pages, ~1.2 KB a row in 16 KB pages),
for the first 50 reads and all 250, and the same 50 read again (the pages mapped). Printed with the load
average: compare the ways within one run.
"""

from __future__ import annotations

import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import time

WAYS = {
    "tm_units": "SELECT id, skey FROM tm_units WHERE id IN ({})",
    "tm_keys": "SELECT id, skey FROM tm_keys WHERE id IN ({})",
    "covering index": "SELECT id, skey FROM tm_units INDEXED BY tm_units_idkey WHERE id IN ({})",
}


def make(db: str) -> None:
    conn = sqlite3.connect(db)
    for what, sql in (("tm_keys", "CREATE TABLE tm_keys (id INTEGER PRIMARY KEY, skey TEXT NOT NULL);"
                                  "INSERT INTO tm_keys SELECT id, skey FROM tm_units"),
                      ("tm_units_idkey", "CREATE INDEX tm_units_idkey ON tm_units (id, skey)")):
        c0, w0 = time.process_time(), time.perf_counter()
        conn.executescript(f"BEGIN; {sql}; COMMIT;")
        print(f"{what}: {time.process_time() - c0:.2f} s CPU, {time.perf_counter() - w0:.2f} s wall", flush=True)


def one(db: str, way: str, runs: int, seed: int) -> None:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    conn.execute("PRAGMA mmap_size = 2147483648")  # as tm/sqlite/backend.py's MMAP_SIZE
    top = conn.execute("SELECT MAX(id) FROM tm_units").fetchone()[0]
    sql = WAYS[way]
    rng = random.Random(seed)
    clock = time.thread_time_ns

    def read(ids: list[int]) -> tuple[float, int]:
        f0 = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
        t0 = clock()
        dict(conn.execute(sql.format(",".join("?" * len(ids))), ids))
        return (clock() - t0) / 1000, resource.getrusage(resource.RUSAGE_SELF).ru_minflt - f0

    for _ in range(10):
        read(rng.sample(range(1, top + 1), 60))
    sets = [rng.sample(range(1, top + 1), 60) for _ in range(runs)]
    fresh = [read(s) for s in sets]
    again = [read(s)[0] for s in sets[:50]]
    print(f"  {way:>14}: first 50 reads {statistics.median(t for t, _ in fresh[:50]):6.0f} us, "
          f"{statistics.median(f for _, f in fresh[:50]):4.0f} faults; all {runs} {statistics.median(t for t, _ in fresh):6.0f}"
          f" us, {statistics.median(f for _, f in fresh):4.0f} faults; again {statistics.median(again):6.0f} us"
          f"; load {open('/proc/loadavg').read().split()[0]}", flush=True)


def main() -> int:
    args = sys.argv[1:]
    if not args:
        print(__doc__)
        return 2
    db = args[0]
    if "--make" in args:
        make(db)
        return 0
    if "--way" in args:  # (a child: one way in a fresh process)
        at = args.index("--way")
        one(db, args[at + 1], int(args[at + 2]), int(args[at + 3]))
        return 0
    runs = int(args[args.index("--runs") + 1]) if "--runs" in args else 250
    seed = int(args[args.index("--seed") + 1]) if "--seed" in args else 1
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        have = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    for way in WAYS:
        if way == "tm_keys" and "tm_keys" not in have or way == "covering index" and "tm_units_idkey" not in have:
            print(f"  {way:>14}: not in {db} (--make adds it to a copy)")
            continue
        subprocess.run([sys.executable, __file__, db, "--way", way, str(runs), str(seed)], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
