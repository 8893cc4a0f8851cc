"""The CLI's start-up and glossary commands at 100,000 concepts, as a user runs them: fresh processes, CPU of
each (issue 11 goal 1, from the CLI).

    python bench/glossary_cli.py GLOSSARY.tsv [--runs 5] [--before OTHER_TREE] [--no-bytecode]

Each command runs in a fresh interpreter with the tree's src on PYTHONPATH, on a copy of GLOSSARY.tsv (e.g.
/tmp/gloss4/data/random.tsv), after one `glossary find` has built the row cache. Per round: `python -c pass`
(the interpreter: the floor nothing can go under), `tarjimon --version` and `--help` (the interpreter and
our start-up imports), `glossary add`, `show TERM`, `show ID`, `edit ID --kk T`, `remove ID`, then `find` on
a sentence and on the seed article (../shared/seeds/, when there) in that glossary (changed since its caches were
written: by this round's add, edit and remove), then the same two finds in a second copy never changed. The
first find of each tree (no cache yet: it writes them) is timed once, as "first: no cache". With --before, the
other tree runs the same commands on its own copies, the two trees alternating command by command.

Bytecode: by default each tree's modules are compiled once into a cache of their own (PYTHONPYCACHEPREFIX in a
temporary folder, so a read-only tree is never written), as an installed copy runs. --no-bytecode runs them
as this machine's sessions do (PYTHONDONTWRITEBYTECODE=1: every module compiled at every start).

Printed per command and tree: the median over the rounds of the wall time and of the child's user+sys CPU
(getrusage), each round's CPU, the CPU above `python -c pass`; with --before, after/before as a ratio of the
median CPU. The load average at the start and the end.
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
ARTICLE = ROOT.parent / "shared" / "seeds" / "kazinform-2026-01-05-uz.txt"  # the seed article (35 sentences)


class Runner:
    """Fresh interpreters on one tree's src, with (by default) a compiled-module cache of their own, in a
    temporary working folder; each command's wall time and user+sys CPU recorded under a name."""

    def __init__(self, src: Path, *, bytecode: bool) -> None:
        self.src = src
        self.work = Path(tempfile.mkdtemp(prefix="tarjimon-bench-cli-"))
        self.env = dict(os.environ, PYTHONPATH=str(src))
        self.env.pop("PYTHONPYCACHEPREFIX", None)
        if bytecode:
            self.env.pop("PYTHONDONTWRITEBYTECODE", None)
            self.env["PYTHONPYCACHEPREFIX"] = str(self.work / "pycache")
            subprocess.run([sys.executable, "-m", "compileall", "-q", str(src)], env=self.env, check=True)
        else:  # (run from a copy without __pycache__ folders: a tree's stray ones are not read either)
            copy = self.work / "src"
            shutil.copytree(src, copy, ignore=shutil.ignore_patterns("__pycache__"))
            self.env["PYTHONPATH"] = str(copy)
            self.env["PYTHONDONTWRITEBYTECODE"] = "1"
        self.times: dict[str, list[tuple[float, float]]] = {}

    def run(self, *args: str, ok: tuple[int, ...] = (0,)) -> tuple[float, float, str]:
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        done = subprocess.run([sys.executable, *args], env=self.env, capture_output=True, text=True, cwd=self.work)
        wall = time.perf_counter() - t
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        if done.returncode not in ok:
            raise SystemExit(f"{self.src}: {' '.join(args)} failed: {done.stderr[-400:]}")
        return wall, (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime), done.stdout

    def rec(self, name: str, *args: str, ok: tuple[int, ...] = (0,)) -> str:
        wall, cpu, out = self.run(*args, ok=ok)
        self.times.setdefault(name, []).append((wall, cpu))
        return out

    def medians(self) -> dict[str, tuple[float, float]]:
        return {name: (statistics.median(w for w, _c in xs), statistics.median(c for _w, c in xs))
                for name, xs in self.times.items()}  # fmt: skip

    def report(self, before: dict[str, tuple[float, float]] | None) -> None:
        mine = self.medians()
        floor = mine["python -c pass"][1]
        print(f"{self.src}:")
        for name, xs in self.times.items():
            wall, cpu = mine[name]
            above = f", {cpu - floor:+.3f} over python -c pass" if name != "python -c pass" else ""
            ratio = f"; after/before CPU {cpu / before[name][1]:.2f}" if before and before[name][1] else ""
            print(f"  {name:28s} wall {wall:.3f} s, CPU {cpu:.3f} s{above}{ratio}  (CPU each: "
                  f"{', '.join(f'{c:.3f}' for _w, c in xs)})")  # fmt: skip

    def close(self) -> None:
        shutil.rmtree(self.work, ignore_errors=True)


def alternate(trees: list[Runner], runs: int) -> None:
    """`runs` rounds of every tree's steps, the trees alternating step by step; the load printed around."""
    print(f"load {os.getloadavg()[0]:.1f} at the start")
    for k in range(runs):
        rounds = [t.steps(k) for t in trees]  # type: ignore[attr-defined]
        for step in range(len(rounds[0])):
            for r in rounds:
                r[step]()
    print(f"load {os.getloadavg()[0]:.1f} at the end; medians of {runs} rounds")
    before = trees[0].medians() if len(trees) > 1 else None
    for t in trees:
        t.report(before if t is not trees[0] else None)
        t.close()


class Tree(Runner):
    """One tree with its own copy of the glossary."""

    def __init__(self, src: Path, glossary: Path, *, bytecode: bool) -> None:
        super().__init__(src, bytecode=bytecode)
        (self.work / "gl").mkdir()
        shutil.copy(glossary, self.work / "gl" / "big.tsv")
        shutil.copy(glossary, self.work / "gl" / "same.tsv")  # never changed: its caches stay current
        self.g = ["-m", "tarjimon", "--glossaries-dir", str(self.work / "gl"), "glossary"]
        # the caches (the row cache; after cli8 also the keyed index): the first find on each copy, timed
        self.rec("glossary find (first: no cache)", *self.g, "find", "big", "--text", "x", "--lang", "uz")
        self.run(*self.g, "find", "same", "--text", "x", "--lang", "uz")

    def steps(self, k: int) -> list:  # type: ignore[type-arg]
        """One round, as callables (so two trees can alternate command by command)."""
        g, state = self.g, {}

        def show_term() -> None:
            out = self.rec("glossary show TERM", *g, "show", "big", f"янги атама {k}", "--json")
            state["id"] = json.loads(out)[0]["id"]

        return [
            lambda: self.rec("python -c pass", "-c", "pass"),
            lambda: self.rec("tarjimon --version", "-m", "tarjimon", "--version"),
            lambda: self.rec("tarjimon --help", "-m", "tarjimon", "--help"),
            lambda: self.rec("glossary add", *g, "add", "big", "--uz", f"янги атама {k}", "--kk", f"жаңа {k}"),
            show_term,
            lambda: self.rec("glossary show ID", *g, "show", "big", state["id"], "--json"),
            lambda: self.rec("glossary edit ID --kk T", *g, "edit", "big", state["id"], "--kk", f"өзгерген {k}"),
            lambda: self.rec("glossary remove ID", *g, "remove", "big", state["id"]),
            lambda: self.rec("glossary find (a sentence)", *g, "find", "big", "--text", "янги атама", "--lang", "uz"),
            *([lambda: self.rec("glossary find (the article)", *g, "find", "big", "--text-file", str(ARTICLE), "--lang",
                                "uz")] if ARTICLE.is_file() else []),  # fmt: skip
            lambda: self.rec("find, unchanged (a sentence)", *g, "find", "same", "--text", "янги атама", "--lang", "uz"),
            *([lambda: self.rec("find, unchanged (the article)", *g, "find", "same", "--text-file", str(ARTICLE),
                                "--lang", "uz")] if ARTICLE.is_file() else []),  # fmt: skip
        ]


def tree_options(ap: argparse.ArgumentParser) -> None:
    """The options every start-up bench takes: rounds, the tree to pair with, bytecode or not."""
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--before", type=Path, help="another tree (its src/ runs the same commands, alternating)")
    ap.add_argument("--no-bytecode", action="store_true", help="compile every module at every start "
                    "(PYTHONDONTWRITEBYTECODE=1), as without a bytecode cache")  # fmt: skip


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("glossary", type=Path)
    tree_options(ap)
    args = ap.parse_args()
    bytecode = not args.no_bytecode
    trees = [Tree(ROOT / "src", args.glossary, bytecode=bytecode)]
    if args.before:
        trees.insert(0, Tree(args.before / "src", args.glossary, bytecode=bytecode))
    print(f"{args.glossary}: {'with a bytecode cache' if bytecode else 'no bytecode cache (every module compiled)'}")
    alternate(trees, args.runs)  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
