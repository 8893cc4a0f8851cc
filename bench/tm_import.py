"""TMX import benchmark: this tree's import against another tree's (before/after, alternated) and against the
floor of parsing the same file, all in one run.

    python bench/tm_import.py /tmp/perftm/synthetic-1000000.tmx                      # this tree, 3 runs
    python bench/tm_import.py FILE --before-src /tmp/before/src --runs 3 --peer      # paired, plus the peer

Each import runs `SqliteMemory(Store(db)).import_file(FILE)` in a fresh process (a new database each time,
under --workdir), as `tarjimon tm import` does. Reported per run: units, wall time and units/s, CPU time
(the process's own plus its workers', getrusage), peak RSS of every process (each one's VmHWM: the main
process's, and each worker's as the import's statistics give it) and their sum, the load average before and
after. Runs of the two trees alternate (before, after, before, after...), so both see the same machine.

The peers (--peer), each in a fresh process, CPU and peak RSS measured the same way: lxml's iterparse over the
same file, tag "tu", the text of every seg read and the element cleared (no units, no keys, no database: the
floor of reading the file with a tree parser in Python); pyexpat with no handlers at all (the floor of
parsing the file); translate-toolkit's TMX reader (`tmxfile`, every unit's source and target read), when it
is installed. Their units/s count the import's units. Our import does that work (and more) on two
processes, so it can beat them on wall time. --steps prints the main process's steps (wall, user and system
CPU), each part's worker CPU, the journal the import wrote through ("delete": a rollback journal, the import
alone on the database; "wal": another connection was open), and when each part was parsed and copied.

--sequential imports in one process whatever the file's size: the reference a parallel import must equal (ids
included: a unit left out as a duplicate leaves no gap). The file is never written.
`python bench/tm_import.py --compare DB1 DB2` says whether two databases hold the
same units (every column of tm_units; the import's own time stamps, which differ between runs, compared as
"the import's stamp") and the same postings (per token, the ids and lengths of all its parts together),
what a change of the import must keep.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import json, os, resource, sys, time
from tarjimon.core.store import Store
from tarjimon.core.tm.sqlite.backend import SqliteMemory
from tarjimon.core.tm.sqlite import parallel
db, tmx = sys.argv[1], sys.argv[2]
if len(sys.argv) > 3 and sys.argv[3] == "force":  # the parallel import even for a small file, two workers,
    parallel.MIN_SIZE = 0                           # in as many parts as it may cut
    parallel.workers = lambda: 2
    parallel.PART_BYTES = 1
if len(sys.argv) > 3 and sys.argv[3] == "sequential":  # the one-process import (the reference for --compare)
    parallel.MIN_SIZE = 1 << 62
load0 = open('/proc/loadavg').read().split()[0]
tm = SqliteMemory(Store(db))
t = time.perf_counter()
r = tm.import_file(tmx)
el = time.perf_counter() - t
me, ch = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
hwm = int(next(l for l in open('/proc/self/status') if l.startswith('VmHWM')).split()[1]) / 1024
st = tm.last_import_stats or {}
workers = list((st.get('worker_peak_mb') or {}).values())
print(json.dumps({'added': r.added, 'wall': el, 'cpu_main': me.ru_utime + me.ru_stime,
                  'cpu_workers': ch.ru_utime + ch.ru_stime, 'rss_main': hwm, 'rss_workers': workers,
                  'load': [load0, open('/proc/loadavg').read().split()[0]], 'steps': st.get('steps_s'),
                  'steps_cpu': st.get('steps_cpu_user_sys_s'), 'parts': st.get('parts'),
                  'worker_cpu': st.get('worker_cpu_s'), 'journal': st.get('journal'),
                  'timeline': st.get('timeline_s')}))
"""

PEER = r"""
import json, resource, sys, time
from lxml import etree
t = time.perf_counter()
n = chars = 0
for _, tu in etree.iterparse(sys.argv[1], tag="tu", resolve_entities=False, no_network=True, huge_tree=False):
    for seg in tu.iter("seg"):
        chars += len("".join(seg.itertext()))
    n += 1
    tu.clear()
    while tu.getprevious() is not None:
        del tu.getparent()[0]
el = time.perf_counter() - t
me = resource.getrusage(resource.RUSAGE_SELF)
hwm = int(next(l for l in open('/proc/self/status') if l.startswith('VmHWM')).split()[1]) / 1024
print(json.dumps({'added': n, 'wall': el, 'cpu_main': me.ru_utime + me.ru_stime, 'cpu_workers': 0.0,
                  'rss_main': hwm, 'rss_workers': [], 'load': [open('/proc/loadavg').read().split()[0]] * 2}))
"""


EXPAT = r"""
import json, resource, sys, time
import pyexpat
t = time.perf_counter()
p = pyexpat.ParserCreate()  # no handlers: expat only checks the file (the floor of parsing it at all)
with open(sys.argv[1], "rb") as f:
    p.ParseFile(f)
el = time.perf_counter() - t
me = resource.getrusage(resource.RUSAGE_SELF)
hwm = int(next(l for l in open('/proc/self/status') if l.startswith('VmHWM')).split()[1]) / 1024
print(json.dumps({'added': 0, 'wall': el, 'cpu_main': me.ru_utime + me.ru_stime, 'cpu_workers': 0.0,
                  'rss_main': hwm, 'rss_workers': [], 'load': [open('/proc/loadavg').read().split()[0]] * 2}))
"""

TTK = r"""
import json, resource, sys, time
from translate.storage import tmx
t = time.perf_counter()
with open(sys.argv[1], "rb") as f:
    store = tmx.tmxfile(f)
n = chars = 0
for unit in store.units:
    chars += len(unit.source or "") + len(unit.target or "")
    n += 1
el = time.perf_counter() - t
me = resource.getrusage(resource.RUSAGE_SELF)
hwm = int(next(l for l in open('/proc/self/status') if l.startswith('VmHWM')).split()[1]) / 1024
print(json.dumps({'added': n, 'wall': el, 'cpu_main': me.ru_utime + me.ru_stime, 'cpu_workers': 0.0,
                  'rss_main': hwm, 'rss_workers': [], 'load': [open('/proc/loadavg').read().split()[0]] * 2}))
"""


def run(code: str, src: Path, args: list[str]) -> dict:
    env = dict(os.environ, PYTHONPATH=str(src))
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def line(name: str, r: dict, units: int | None = None) -> str:
    """One run; `units` (the import's) gives a peer that counts none its units per second too."""
    cpu = r["cpu_main"] + r["cpu_workers"]
    rss = r["rss_main"] + sum(r["rss_workers"])
    workers = " + ".join(f"{w:.0f}" for w in r["rss_workers"])
    n = r["added"] or units or 0
    return (f"{name:7s} {r['added']:>9,} units  wall {r['wall']:6.1f} s = {n / r['wall']:>8,.0f}/s  "
            f"CPU {r['cpu_main']:5.2f} + {r['cpu_workers']:5.2f} = {cpu:5.2f} s = {n / cpu:>8,.0f}/CPU-s  "
            f"peak RSS {r['rss_main']:.0f}{(' + ' + workers) if workers else ''} = {rss:.0f} MB  "
            f"load {r['load'][0]}->{r['load'][1]}")


def steps(r: dict) -> str:
    """The main process's steps (wall, and user + system CPU) and the workers' CPU per part."""
    cpu = r.get("steps_cpu") or {}
    out = [f"{k} {v:.2f}" + (f" ({cpu[k][0]:.2f}+{cpu[k][1]:.2f})" if k in cpu else "")
           for k, v in (r.get("steps") or {}).items() if v or k in cpu]
    workers = " ".join(f"{w:.2f}" for w in r.get("worker_cpu") or [])
    return (f"        main steps, wall (user+sys CPU) s: {', '.join(out)}; parts {r.get('parts')}, worker CPU s: {workers}"
            + (f"; journal {r['journal']}" if r.get("journal") else "")
            + ("\n        parts parsed -> copied (s since the workers started): "
               + ", ".join("->".join(f"{t:.2f}" for t in p) for p in r["timeline"]) if r.get("timeline") else ""))


def units_digest(db: Path, stamp_prefix: str) -> tuple[int, str]:
    import hashlib
    import sqlite3

    conn = sqlite3.connect(db)
    h, n = hashlib.sha256(), 0
    for row in conn.execute("SELECT * FROM tm_units ORDER BY id"):
        # created_at, changed_at: the last two columns; the import's own stamp differs between runs
        row = tuple("STAMP" if isinstance(v, str) and v.startswith(stamp_prefix) and i >= len(row) - 2 else v
                    for i, v in enumerate(row))
        h.update(repr(row).encode("utf-8", "surrogatepass"))
        n += 1
    return n, h.hexdigest()


def postings_digest(db: Path) -> tuple[int, int, str]:
    import hashlib
    import sqlite3

    import numpy as np

    conn = sqlite3.connect(db)
    per: dict[str, tuple[list[bytes], list[bytes]]] = {}
    rows = 0
    for tok, ids, lens in conn.execute("SELECT token, ids, lens FROM tm_postings ORDER BY token, part DESC"):
        a, b = per.setdefault(tok, ([], []))
        a.append(ids)
        b.append(lens)
        rows += 1
    h = hashlib.sha256()
    for tok in sorted(per):
        ids = np.frombuffer(b"".join(per[tok][0]), dtype="<u4")
        lens = np.frombuffer(b"".join(per[tok][1]), dtype=np.uint8)
        order = np.argsort(ids, kind="stable")
        h.update(tok.encode() + b"\0" + ids[order].tobytes() + lens[order].tobytes())
    return len(per), rows, h.hexdigest()


def compare(a: Path, b: Path) -> int:
    import sqlite3

    def stamps(db: Path) -> str:  # the import's stamp: the most common created_at (its date and hour)
        row = sqlite3.connect(db).execute("SELECT created_at, COUNT(*) AS n FROM tm_units GROUP BY created_at"
                                          " ORDER BY n DESC LIMIT 1").fetchone()
        return row[0][:13] if row else "-"

    same = True
    ua, ub = units_digest(a, stamps(a)), units_digest(b, stamps(b))
    print(f"units: {ua[0]:,} / {ub[0]:,}, {'the same' if ua == ub else 'DIFFERENT'}")
    same &= ua == ub
    pa, pb = postings_digest(a), postings_digest(b)
    print(f"postings: {pa[0]:,} / {pb[0]:,} tokens in {pa[1]:,} / {pb[1]:,} rows, "
          f"{'the same per token' if pa[0] == pb[0] and pa[2] == pb[2] else 'DIFFERENT'}")
    same &= pa[0] == pb[0] and pa[2] == pb[2]
    for table in ("tm_pairs",):
        ta = sorted(sqlite3.connect(a).execute(f"SELECT * FROM {table}").fetchall())
        tb = sorted(sqlite3.connect(b).execute(f"SELECT * FROM {table}").fetchall())
        print(f"{table}: {'the same' if ta == tb else 'DIFFERENT'}")
        same &= ta == tb
    return 0 if same else 1


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("tmx", type=Path, nargs="?")
    ap.add_argument("--compare", type=Path, nargs=2, metavar="DB", help="compare two imported databases")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--before-src", type=Path, help="another tree's src/ (imported alternately with this one)")
    ap.add_argument("--peer", action="store_true", help="also time a bare lxml iterparse of the file")
    ap.add_argument("--workdir", type=Path, help="where the databases go (default: a temporary folder)")
    ap.add_argument("--steps", action="store_true", help="print the main process's steps and the workers' CPU")
    ap.add_argument("--force-parallel", action="store_true",
                    help="the parallel import with two workers even for a small file (to compare its databases)")
    ap.add_argument("--sequential", action="store_true",
                    help="the one-process import, whatever the file's size (the reference --compare checks against)")
    args = ap.parse_args()
    if args.compare:
        return compare(*args.compare)
    if args.tmx is None:
        ap.error("a TMX file to import (or --compare DB1 DB2)")
    work = args.workdir or Path(tempfile.mkdtemp(prefix="tarjimon-bench-import-"))
    work.mkdir(parents=True, exist_ok=True)
    trees = ([("before", args.before_src.resolve())] if args.before_src else []) + [("after", ROOT / "src")]
    results: dict[str, list[dict]] = {name: [] for name, _ in trees}
    print(f"{args.tmx}: {args.runs} run(s) of {', '.join(name for name, _ in trees)}, alternated, each import a fresh"
          " process on a new database.\nPer line: the tree, units added, wall time and units/s, CPU (user + system)"
          " of the main process + its workers = total and units per CPU-second, peak RSS (VmHWM) of the main process"
          " + each worker = their sum, the 1-minute load average before -> after.", flush=True)
    for i in range(args.runs):
        for name, src in trees:
            db = work / f"import-{name}.db"
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db}{suffix}").unlink(missing_ok=True)
            how = ["force"] if args.force_parallel else ["sequential"] if args.sequential else []
            r = run(CHILD, src, [str(db), str(args.tmx)] + how)
            results[name].append(r)
            print(line(name, r), flush=True)
            if args.steps and r.get("steps"):
                print(steps(r), flush=True)
        if args.peer and i == 0:
            units = results["after"][0]["added"]
            print(line("lxml", run(PEER, ROOT / "src", [str(args.tmx)]), units), flush=True)
            print(line("expat", run(EXPAT, ROOT / "src", [str(args.tmx)]), units), flush=True)
            try:
                import translate.storage.tmx  # noqa: F401
            except ImportError:
                print("translate-toolkit is not installed: its TMX reader is not timed", flush=True)
            else:
                print(line("ttk", run(TTK, ROOT / "src", [str(args.tmx)]), units), flush=True)
    for name, rs in results.items():
        wall = statistics.median(r["wall"] for r in rs)
        cpu = statistics.median(r["cpu_main"] + r["cpu_workers"] for r in rs)
        rss = max(r["rss_main"] + sum(r["rss_workers"]) for r in rs)
        n = rs[0]["added"]
        print(f"{name}: median wall {wall:.1f} s = {n / wall:,.0f} units/s, median CPU {cpu:.2f} s = "
              f"{n / cpu:,.0f} units per CPU-second, largest summed peak RSS {rss:.0f} MB ({len(rs)} runs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
