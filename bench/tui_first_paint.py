"""First paint of the workbench (issue 11 goal 2): wall clock and CPU, two versions alternated, Textual's floor beside.

    python bench/tui_first_paint.py                                  # this tree, 5 rounds
    python bench/tui_first_paint.py --before /tmp/before13/src --rounds 6
    python bench/tui_first_paint.py --big 10000 --tm 20000

Each measurement is a fresh Python process (as a translator starts `tarjimon open`), run headless by Pilot at
160x45: "app" runs from opening the project and creating the app to the first frame written with the grid's rows
in it (bench/tui.py waits one more pause after the rows are set), "process" from the process's start
(interpreter, imports) to that frame. Beside the wall clock, the CPU the process used over the same span (all
its threads, getrusage) and the UI thread's own, which a loaded machine changes far less than the wall clock. The peer, in the same rounds: Textual's floor, an app with one TextArea
holding the seed article, timed the same way. Modules are compiled once (a first start, not counted) and their
.pyc kept, as after `pip install`. Rounds alternate the versions (before, after, floor) so load
drifts hit all of them alike; the best and the median of the rounds are printed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TREE_SRC = HERE.parent / "src"

CHILD = r"""
import asyncio, json, os, resource, sys, threading, time
start_wall = float(sys.argv[1])
def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime
which, projects, name = sys.argv[2], sys.argv[3], sys.argv[4]
if which == "floor":
    from textual.app import App
    from textual.widgets import TextArea
    text = open(sys.argv[5], encoding="utf-8").read()
    class Floor(App):
        def compose(self):
            yield TextArea(text, id="ta")
    t0, c0, m0 = time.perf_counter(), cpu(), time.thread_time()
    app = Floor()
    ready = lambda: bool(app.query("#ta")) and app.query_one("#ta").size.height > 0
else:
    from pathlib import Path
    from tarjimon.core.workbench import open_workbench
    from tarjimon.tui.app import TarjimonApp
    from tarjimon.tui.grid import SegmentGrid
    from tarjimon.tui.workbench import WorkbenchScreen
    t0, c0, m0 = time.perf_counter(), cpu(), time.thread_time()
    project = open_workbench(Path(projects), name, lock=True)
    app = TarjimonApp(project)
    ready = lambda: isinstance(app.screen, WorkbenchScreen) and bool(app.screen.query_one(SegmentGrid).rows)
painted = {}
display = app._display
def timed_display(*args, **kwargs):  # the frame is written to the (headless) terminal here
    display(*args, **kwargs)
    if not painted and ready():
        now, used, main = time.perf_counter(), cpu(), time.thread_time()
        painted.update(app=now - t0, app_cpu=used - c0, app_main_cpu=main - m0,
                       process=time.time() - start_wall, process_cpu=used)
app._display = timed_display
async def main():
    async with app.run_test(size=(160, 45)) as pilot:
        while not painted:
            await pilot.pause(0.001)
        print(json.dumps(painted))
        os._exit(0)  # the figures are out: no teardown in the measurement's process
asyncio.run(main())
"""


def measure(src: str, which: str, projects: Path, name: str, article: Path) -> dict[str, float]:
    # Compiled once and kept, as an installed package is (pip writes the .pyc files): a version whose folder
    # cannot be written (or PYTHONDONTWRITEBYTECODE=1) compiled every module again at every start.
    cache = projects.parent / "pycache" / str(abs(hash(src)))
    env = dict(os.environ, PYTHONPATH=src, TARJIMON_EDITOR_SPELLING="0", PYTHONPYCACHEPREFIX=str(cache))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    out = subprocess.run(
        [sys.executable, "-c", CHILD, repr(time.time()), which, str(projects), name, str(article)],
        env=env, capture_output=True, text=True, timeout=300, check=False,
    )
    lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise SystemExit(f"{which} ({src}) failed:\n{out.stderr[-2000:]}")
    figures: dict[str, float] = json.loads(lines[-1])
    return figures


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--before", help="another version's src/ (e.g. /tmp/before13/src), measured alternately")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--tm", type=int, default=20_000, help="TM units of the seed project (uz->kk)")
    ap.add_argument("--big", type=int, default=10_000, help="segments of the big document (0: none)")
    args = ap.parse_args()
    sys.path.insert(0, str(TREE_SRC))
    sys.path.insert(0, str(HERE))
    from tui import SEED, big_article, build_glossary, build_tm

    from tarjimon.core.workbench import Workbench

    root = Path(tempfile.mkdtemp(prefix="tarjimon-bench-paint-"))
    try:
        projects = root / "projects"
        seed = Workbench.create(projects, "seed", "uz", ["kk", "ru", "en"], glossaries_dir=root / "g")
        seed.import_file(SEED)
        build_tm(seed, args.tm, random.Random(7))
        build_glossary(seed, 2000, random.Random(7))
        seed.close()
        names = ["seed"]
        if args.big:
            big = Workbench.create(projects, "big", "uz", ["kk", "ru", "en"], glossaries_dir=root / "g")
            big_article(root / "big-uz.txt", args.big)
            big.import_file(root / "big-uz.txt")
            names.append("big")
            print(f"big document: {len(big.rows()):,} segments")
            big.close()
        versions = [("after", str(TREE_SRC))] + ([("before", args.before)] if args.before else [])
        load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
        print(f"load {load}; {args.rounds} rounds, alternated; each a fresh process at 160x45 (Pilot)")
        results: dict[tuple[str, str], list[dict[str, float]]] = {}
        for _label, src in versions:  # a first start compiles and caches the modules: not counted
            measure(src, "warm-up", projects, "seed", SEED)
        measure(str(TREE_SRC), "floor", projects, "", SEED)
        for _ in range(args.rounds):
            for name in names:
                for label, src in versions:
                    results.setdefault((name, label), []).append(measure(src, label, projects, name, SEED))
            results.setdefault(("floor", "textual"), []).append(measure(str(TREE_SRC), "floor", projects, "", SEED))
        floor = statistics.median(r["app_cpu"] for r in results[("floor", "textual")])
        print("ms: best / median of the rounds; CPU = all the process's threads over the same span")
        print(f"  {'':<14} {'app wall':>15} {'app CPU':>15} {'UI thread CPU':>15} {'process wall':>15} "
              f"{'process CPU':>15}  CPU/floor")
        for (name, label), runs in results.items():
            cells = []
            for key in ("app", "app_cpu", "app_main_cpu", "process", "process_cpu"):
                values = [r[key] * 1000 for r in runs]
                cells.append(f"{min(values):6.0f} / {statistics.median(values):6.0f}")
            ratio = statistics.median(r["app_cpu"] for r in runs) / floor
            print(f"  {name + ' ' + label:<14} " + " ".join(f"{c:>15}" for c in cells) + f"  {ratio:5.1f}x")
        print(f"load at the end {' '.join(Path('/proc/loadavg').read_text().split()[:3])}")
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
