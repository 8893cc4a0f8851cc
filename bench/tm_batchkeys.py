"""The TMX import's keys and stems of plain units (`batchkeys.batch_codes`, the workers' hot loop) on the first
sources of a TMX file: this tree against another (before/after, alternated), CPU time, in the import's batches.

    python bench/tm_batchkeys.py /tmp/perftm/synthetic-1000000.tmx --before-src /tmp/before13/src
    python bench/tm_batchkeys.py FILE --units 140000 --batch 10000 --runs 3

The sources (the first tuv's seg of each of the first --units tus, UTF-8 bytes, as the import gives them) are
read once with lxml; each tree then runs in a fresh process: batch_codes over them a --batch at a time (what a
worker does, partworker.BATCH), the least CPU of --repeat, and a digest of what it gave (keys, owners, codes), so
that two trees that key alike say "the same". The ratio is after / before.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import hashlib, json, pickle, sys, time
from tarjimon.core.tm.sqlite.batchkeys import Codes, batch_codes
srcs = pickle.load(open(sys.argv[1], "rb"))
size, repeat = int(sys.argv[2]), int(sys.argv[3])
best = None
for _ in range(repeat):
    codes = Codes()
    t = time.process_time()
    outs = [batch_codes(srcs[i:i + size], "en", codes, byte_keys=True) for i in range(0, len(srcs), size)]
    cpu = time.process_time() - t
    best = cpu if best is None else min(best, cpu)
h = hashlib.sha256()
for keys, owners, got in outs:
    h.update(b"\x01".join(keys)); h.update(owners.tobytes()); h.update(got.tobytes())
print(json.dumps({"cpu": best, "digest": h.hexdigest()[:16]}))
"""


def sources(path: Path, units: int) -> list[bytes]:
    from lxml import etree

    out: list[bytes] = []
    for _, tu in etree.iterparse(str(path), tag="tu", resolve_entities=False, no_network=True):
        seg = tu.find("tuv/seg")
        out.append("".join(seg.itertext()).encode("utf-8") if seg is not None else b"")
        tu.clear()
        if len(out) >= units:
            break
    return out


def run(src: Path, data: Path, batch: int, repeat: int) -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    done = subprocess.run([sys.executable, "-c", CHILD, str(data), str(batch), str(repeat)], env=env,
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("tmx", type=Path)
    ap.add_argument("--before-src", type=Path, help="the other tree's src folder")
    ap.add_argument("--units", type=int, default=140_000)
    ap.add_argument("--batch", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=3, help="alternated runs of each tree")
    ap.add_argument("--repeat", type=int, default=3, help="passes in one run, the least CPU kept")
    a = ap.parse_args()
    srcs = sources(a.tmx, a.units)
    trees = ([("before", a.before_src)] if a.before_src else []) + [("after", ROOT / "src")]
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "sources.pickle"
        data.write_bytes(pickle.dumps(srcs))
        print(f"{a.tmx}: {len(srcs):,} sources, batches of {a.batch:,}, load {os.getloadavg()[0]:.2f}")
        got: dict[str, list[dict[str, object]]] = {name: [] for name, _ in trees}
        for _ in range(a.runs):
            for name, src in trees:
                r = run(src, data, a.batch, a.repeat)
                got[name].append(r)
                print(f"{name:6}  CPU {r['cpu']:.3f} s  = {len(srcs) / float(r['cpu']):,.0f} sources/CPU-s"
                      f"  digest {r['digest']}")
    med = {name: sorted(float(r["cpu"]) for r in rs)[len(rs) // 2] for name, rs in got.items()}
    line = ", ".join(f"{name} median {cpu:.3f} s" for name, cpu in med.items())
    if a.before_src:
        same = {r["digest"] for rs in got.values() for r in rs}
        line += f"; after / before = {med['after'] / med['before']:.2f}"
        line += "; the same keys and stems" if len(same) == 1 else "; keys or stems DIFFER (or codes' order)"
    print(f"{line}; load {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
