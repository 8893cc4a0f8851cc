"""The UI thread's own CPU per move and per key echo, beside the wall time, and what re-laid out the screen.

    python bench/tui_cpu.py --moves 60 --pause 0.1      # a translator's pace, a letter typed every third move
    python bench/tui_cpu.py --moves 60 --pause 0        # key repeat
    TARJIMON_BENCH_SRC=/tmp/before/src python bench/tui_cpu.py ...   # another version, timed the same way

On a shared machine the wall time of a frame is mostly waiting for a core; `time.thread_time()` of the UI thread
from the key to the frame showing it is the work the app itself did, which a change can be judged by under load.
Also counted: whole-screen layouts (`Screen._refresh_layout`) and what asked for them (the callers of
`refresh(layout=True)`), scrollbar renders. Seed article, 20,000-unit TM, 2,000-concept glossary, 160x45, the
editor's spelling off (its dictionary load is not what is measured here).
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import os
import random
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

os.environ.setdefault("TARJIMON_EDITOR_SPELLING", "0")
sys.path.insert(0, os.environ.get("TARJIMON_BENCH_SRC") or str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from tui import SEED, _process_ready, _until, build_glossary, build_tm, pct  # noqa: E402

from tarjimon.core.workbench import Workbench  # noqa: E402
from tarjimon.tui.app import TarjimonApp  # noqa: E402
from tarjimon.tui.workbench import WorkbenchScreen  # noqa: E402


def count_layouts() -> tuple[list[int], collections.Counter[str], list[int]]:
    """Patch Textual to count screen layouts, the callers asking for one, and scrollbar renders."""
    from textual.screen import Screen
    from textual.scrollbar import ScrollBar
    from textual.widget import Widget

    layouts, callers, bars = [0], collections.Counter[str](), [0]
    refresh, relayout, render = Widget.refresh, Screen._refresh_layout, ScrollBar.render

    def counted_refresh(self, *args, layout: bool = False, **kwargs):  # type: ignore[no-untyped-def]
        if layout:
            stack = traceback.extract_stack(limit=7)[:-1]
            callers[" <- ".join(f"{Path(f.filename).name}:{f.name}" for f in reversed(stack[-5:]))] += 1
        return refresh(self, *args, layout=layout, **kwargs)

    def counted_relayout(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        layouts[0] += 1
        return relayout(self, *args, **kwargs)

    def counted_render(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        bars[0] += 1
        return render(self, *args, **kwargs)

    Widget.refresh = counted_refresh  # type: ignore[method-assign]
    Screen._refresh_layout = counted_relayout  # type: ignore[method-assign]
    ScrollBar.render = counted_render  # type: ignore[method-assign]
    return layouts, callers, bars


async def run(project: Workbench, moves: int, pause: float) -> None:
    from textual import events

    app = TarjimonApp(project)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause(0.3)
        screen = app.screen
        assert isinstance(screen, WorkbenchScreen)
        await _until(lambda: os.environ.get("TARJIMON_LOOKUP_PROCESS") != "1" or _process_ready(screen), 20.0)
        await pilot.pause(0.5)
        layouts, callers, bars = count_layouts()
        frames: list[tuple[float, float, int, int, str]] = []
        display = app._display

        def timed_display(*args, **kwargs):  # type: ignore[no-untyped-def]
            display(*args, **kwargs)
            frames.append((time.perf_counter(), time.thread_time(), screen.row_index, screen.lookups_shown,
                           screen.editor.text))  # fmt: skip

        app._display = timed_display  # type: ignore[method-assign]
        wall: dict[str, list[float]] = {"move": [], "key": []}
        cpu: dict[str, list[float]] = {"move": [], "key": []}
        cpu0, wall0 = time.process_time(), time.perf_counter()
        for i in range(moves):
            if screen.row_index >= len(screen.rows) - 1:
                screen.goto(0, screen.lang)
                await pilot.pause(0.2)
            row, shown = screen.row_index, screen.lookups_shown
            frames.clear()
            t, c = time.perf_counter(), time.thread_time()
            app.post_message(events.Key("ctrl+down", None))
            await _until(lambda r=row: any(f[2] != r for f in frames))
            hit = next(f for f in frames if f[2] != row)
            wall["move"].append((hit[0] - t) * 1000)
            cpu["move"].append((hit[1] - c) * 1000)
            if i % 3 == 0:  # a letter typed while the lookups of the move run
                frames.clear()
                t, c = time.perf_counter(), time.thread_time()
                app.post_message(events.Key("x", "x"))
                await _until(lambda: any(f[4].endswith("x") for f in frames))
                hit = next(f for f in frames if f[4].endswith("x"))
                wall["key"].append((hit[0] - t) * 1000)
                cpu["key"].append((hit[1] - c) * 1000)
            await _until(lambda r=row, s=shown: any(f[2] != r and f[3] != s for f in frames))
            if i % 3 == 0:
                app.post_message(events.Key("backspace", None))
                await pilot.pause(0.01)
            if pause:
                await asyncio.sleep(pause)
        for name in ("move", "key"):
            w, c = wall[name], cpu[name]
            print(f"  {name:<5} n={len(w):<3} wall p50 {pct(w, 0.5):5.1f} p95 {pct(w, 0.95):5.1f} ms | "
                  f"UI-thread CPU p50 {pct(c, 0.5):5.1f} p95 {pct(c, 0.95):5.1f} ms")  # fmt: skip
        print(f"  process CPU {time.process_time() - cpu0:.2f} s in {time.perf_counter() - wall0:.2f} s; "
              f"screen layouts {layouts[0]}; scrollbar renders {bars[0]}")  # fmt: skip
        for caller, n in callers.most_common(6):
            print(f"    {n:>3} layout asked by {caller}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--moves", type=int, default=60)
    ap.add_argument("--pause", type=float, default=0.1, help="seconds between moves; 0 is key repeat")
    ap.add_argument("--tm", type=int, default=20_000)
    args = ap.parse_args()
    root = Path(tempfile.mkdtemp(prefix="tarjimon-bench-tui-cpu-"))
    try:
        project = Workbench.create(root / "projects", "seed", "uz", ["kk", "ru", "en"], glossaries_dir=root / "g")
        project.import_file(SEED)
        build_tm(project, args.tm, random.Random(7))
        build_glossary(project, 2000, random.Random(7))
        print(f"load {' '.join(Path('/proc/loadavg').read_text().split()[:3])}; pause {args.pause} s; "
              f"lookup process {'on' if os.environ.get('TARJIMON_LOOKUP_PROCESS') == '1' else 'off'}")
        asyncio.run(run(project, args.moves, args.pause))
        project.close()
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
