"""The repetitions of a confirmed segment (the same source elsewhere in the project) on a huge segment.

    python bench/repetitions.py                                   # this tree
    BENCH_SRC=/tmp/before12/src python bench/repetitions.py       # another version, measured the same

A project holds a 13,000,000-character segment, and 40 short sentences of which one comes back three times.
Timed (CPU time of this process, median of --runs): `repo.repetitions` of the huge segment and of the repeated
short one, and `Workbench.confirm(..., deliver=False)` of the huge segment (Enter's path in the workbench, after
the eleventh session). The peer in the same run: `repo.segment(id)`, reading the huge segment's row back,
which Enter pays anyway. Before the twelfth session the repetitions were found through an index on the whole
source (a 13 MB key compared); after it through an index on the source's hash (project migration 9).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, os.environ.get("BENCH_SRC") or str(Path(__file__).resolve().parents[1] / "src"))

from tarjimon.core.workbench import Workbench  # noqa: E402

WORDS = "Toshkent shahrida yangi maktab ochildi va unda koʻplab oʻquvchilar tahsil oladi".split()


def paragraph(chars: int) -> str:
    out, n, i = [], 0, 0
    while n < chars:
        out.append(WORDS[i % len(WORDS)])
        n += len(out[-1]) + 1
        i += 1
    return " ".join(out)


def timed(fn, runs: int) -> float:  # type: ignore[no-untyped-def]
    """Median CPU milliseconds of `fn()`."""
    out = []
    for _ in range(runs):
        t = time.process_time()
        fn()
        out.append((time.process_time() - t) * 1000)
    return statistics.median(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--huge", type=int, default=13_000_000, help="characters of the huge segment")
    ap.add_argument("--runs", type=int, default=9)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        short = [f"Gap raqami {i} shu yerda." for i in range(40)]
        text = " ".join(short) + f" {short[7]}\n\n{paragraph(args.huge)}\n\n{short[7]} {short[7]}\n"
        (root / "huge.txt").write_text(text, encoding="utf-8")
        p = Workbench.create(root / "projects", "huge", "uz", ["kk"], glossaries_dir=root / "g")
        p.import_file(root / "huge.txt")
        # closed and opened again, as the workbench finds a project: in the importing process the huge row read
        # back costs 10 ms or 27 depending on what the import left in SQLite's and the OS's caches (the before
        # tree wrote the source twice, with its index), and 24 ms in a fresh connection for both trees
        p.close()
        p = Workbench.open(root / "projects", "huge", glossaries_dir=root / "g")
        segs = p.segments()
        big = max(segs, key=lambda s: len(s.source))
        rep = next(s for s in segs if s.source == short[7])
        assert len(p.repo.repetitions(rep, "kk")) == 3 and p.repo.repetitions(big, "kk") == []
        n = iter(range(10**6))
        row = {
            "read the huge row (peer)": timed(lambda: p.repo.segment(big.id), args.runs),
            "repetitions: huge": timed(lambda: p.repo.repetitions(big, "kk"), args.runs),
            "repetitions: short, 3 found": timed(lambda: p.repo.repetitions(rep, "kk"), args.runs),
            "confirm huge (deliver=False)": timed(lambda: p.confirm(big.id, "kk", f"maqsad {next(n)}", deliver=False),
                                                  args.runs),
        }
        p.close()
    print(f"src: {sys.path[0]}  huge segment: {args.huge:,} characters  load: {os.getloadavg()[0]:.1f}")
    peer = row["read the huge row (peer)"]
    for name, ms in row.items():
        print(f"  {name:32s} {ms:9.2f} ms CPU   / peer {ms / peer:6.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
