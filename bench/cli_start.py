"""The commands a user runs often on a project, as fresh processes: what each costs above the interpreter's start
(issue 11 goal 1, from the CLI: start-up).

    python bench/cli_start.py [--runs 5] [--before OTHER_TREE] [--no-bytecode]

Each tree makes its own demo project (`tarjimon demo`: the seed story, 10 segments, 23 TM units, the news
glossary) in a temporary folder, then per round runs: `python -c pass` (the floor), `tarjimon --version`,
`--help`, `list`, `documents demo`, `stats demo`, `qa demo --no-spelling`, `tm search demo TEXT --target kk`,
`export demo --format txt --target kk`, `glossary list` and `qa demo` with its spelling check (spylls reading
three Hunspell dictionaries: the first round's is "cold", the tree's per-user cache of parsed dictionaries
empty, XDG_CACHE_HOME in the tree's temporary folder; later rounds read what it kept, when the tree keeps any). With --before the two trees alternate command by
command. Printed as bench/glossary_cli.py prints: median wall and user+sys CPU of the child, the CPU above
`python -c pass`, after/before as a ratio of the median CPU, the load average at the start and the end.
Bytecode as in bench/glossary_cli.py (a compiled-module cache per tree by default).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from glossary_cli import ROOT, Runner, alternate, tree_options


class Project(Runner):
    def __init__(self, src: Path, *, bytecode: bool) -> None:
        super().__init__(src, bytecode=bytecode)
        self.t = ["-m", "tarjimon", "--projects-dir", str(self.work / "p"), "--glossaries-dir", str(self.work / "gl")]
        self.env["XDG_CACHE_HOME"] = str(self.work / "xdg")  # parsed dictionaries (cli8): empty at first
        self.run(*self.t, "demo")

    def steps(self, k: int) -> list:  # type: ignore[type-arg]
        t, out = self.t, str(self.work / "out")
        return [
            lambda: self.rec("python -c pass", "-c", "pass"),
            lambda: self.rec("tarjimon --version", "-m", "tarjimon", "--version"),
            lambda: self.rec("tarjimon --help", "-m", "tarjimon", "--help"),
            lambda: self.rec("list", *t, "list"),
            lambda: self.rec("documents demo", *t, "documents", "demo"),
            lambda: self.rec("stats demo", *t, "stats", "demo"),
            lambda: self.rec("qa demo --no-spelling", *t, "qa", "demo", "--no-spelling", ok=(0, 1)),
            lambda: self.rec("tm search demo", *t, "tm", "search", "demo", "Самарқандда янги IT марказ очилди",
                             "--target", "kk"),
            lambda: self.rec("export demo --format txt", *t, "export", "demo", "--format", "txt", "--target", "kk",
                             "-o", out, "--fill-source", "--include-drafts", "--force"),
            lambda: self.rec("glossary list", *t, "glossary", "list"),
            lambda: self.rec(f"qa demo (spelling{', cold' if k == 0 else ''})", *t, "qa", "demo", ok=(0, 1)),
        ]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    tree_options(ap)
    args = ap.parse_args()
    bytecode = not args.no_bytecode
    trees: list[Runner] = [Project(ROOT / "src", bytecode=bytecode)]
    if args.before:
        trees.insert(0, Project(args.before / "src", bytecode=bytecode))
    print(f"demo project: {'with a bytecode cache' if bytecode else 'no bytecode cache (every module compiled)'}")
    alternate(trees, args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
