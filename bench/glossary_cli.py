"""The glossary CLI on a 100,000-concept glossary, as a user runs it: fresh processes, CPU of each (issue 11 goal 1).

    python bench/glossary_cli.py GLOSSARY.tsv [--runs 3] [--before OTHER_TREE]

Each command runs in a fresh interpreter with the tree's src on PYTHONPATH, on a copy of GLOSSARY.tsv (e.g.
/tmp/gloss4/data/random.tsv, or `python bench/glossary_index.py`'s random words written out), after one
`glossary find` has built the row cache. Per round: `python -c pass` and `tarjimon --version` (the floor:
the interpreter, then its imports), `glossary add`, `show TERM`, `show ID`, `edit ID --kk T`, `remove ID`,
then `find`. Printed: the median over the rounds of the wall time and of the child's user+sys CPU (from
getrusage), each round's CPU, and the CPU above `tarjimon --version`. With --before, the other tree runs the
same commands on its own copy, the two trees alternating command by command; the load average is printed.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(src: Path, cwd: Path, *args: str) -> tuple[float, float, str]:
    env = dict(os.environ, PYTHONPATH=str(src))
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    done = subprocess.run([sys.executable, *args], env=env, capture_output=True, text=True, cwd=cwd)
    wall = time.perf_counter() - t
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode:
        raise SystemExit(f"{src}: {' '.join(args)} failed: {done.stderr[-400:]}")
    return wall, (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime), done.stdout


class Tree:
    def __init__(self, src: Path, glossary: Path) -> None:
        self.src = src
        self.work = Path(tempfile.mkdtemp(prefix="tarjimon-bench-cli-"))
        (self.work / "gl").mkdir()
        shutil.copy(glossary, self.work / "gl" / "big.tsv")
        self.times: dict[str, list[tuple[float, float]]] = {}
        self.g = ["-m", "tarjimon", "--glossaries-dir", str(self.work / "gl"), "glossary"]
        run(src, self.work, *self.g, "find", "big", "--text", "x", "--lang", "uz")  # the row cache

    def rec(self, name: str, *args: str) -> str:
        wall, cpu, out = run(self.src, self.work, *args)
        self.times.setdefault(name, []).append((wall, cpu))
        return out

    def steps(self, k: int) -> list:  # type: ignore[type-arg]
        """One round, as callables (so two trees can alternate command by command)."""
        g, state = self.g, {}

        def show_term() -> None:
            out = self.rec("glossary show TERM", *g, "show", "big", f"янги атама {k}", "--json")
            state["id"] = json.loads(out)[0]["id"]

        return [
            lambda: self.rec("python -c pass", "-c", "pass"),
            lambda: self.rec("tarjimon --version", "-m", "tarjimon", "--version"),
            lambda: self.rec("glossary add", *g, "add", "big", "--uz", f"янги атама {k}", "--kk", f"жаңа {k}"),
            show_term,
            lambda: self.rec("glossary show ID", *g, "show", "big", state["id"], "--json"),
            lambda: self.rec("glossary edit ID --kk T", *g, "edit", "big", state["id"], "--kk", f"өзгерген {k}"),
            lambda: self.rec("glossary remove ID", *g, "remove", "big", state["id"]),
            lambda: self.rec("glossary find (after them)", *g, "find", "big", "--text", "янги атама", "--lang", "uz"),
        ]

    def report(self) -> None:
        floor = statistics.median(c for _w, c in self.times["tarjimon --version"])
        print(f"{self.src}:")
        for name, xs in self.times.items():
            wall, cpu = statistics.median(w for w, _c in xs), statistics.median(c for _w, c in xs)
            above = f", {cpu - floor:+.2f} s over the floor" if name.startswith("glossary") else ""
            print(f"  {name:28s} wall {wall:.2f} s, CPU {cpu:.2f} s{above}  (CPU each: "
                  f"{', '.join(f'{c:.2f}' for _w, c in xs)})")  # fmt: skip
        shutil.rmtree(self.work, ignore_errors=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("glossary", type=Path)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--before", type=Path, help="another tree (its src/ runs the same commands, alternating)")
    args = ap.parse_args()
    trees = [Tree(ROOT / "src", args.glossary)]
    if args.before:
        trees.insert(0, Tree(args.before / "src", args.glossary))
    print(f"{args.glossary}: load {os.getloadavg()[0]:.1f} at the start")
    for k in range(args.runs):
        rounds = [t.steps(k) for t in trees]
        for step in range(len(rounds[0])):
            for r in rounds:
                r[step]()
    print(f"load {os.getloadavg()[0]:.1f} at the end; medians of {args.runs} rounds")
    for t in trees:
        t.report()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
