"""Workbench frames through the real terminal key path: tmux writes the key's bytes, Textual parses them.

    python bench/tui_tmux.py                      # seed + 20,000-unit TM + glossary, 10,000-segment document
    python bench/tui_tmux.py --tm 5000 --moves 40
    python bench/tui_tmux.py --tm 20000 --moves 30 --pause 0.03 --runs 3   # three runs, then each p95 side by side

bench/tui.py posts key events to the app (the Pilot path); here the app runs in a real (tmux) terminal and
every key goes in as the bytes a terminal sends (`tmux send-keys`). The app runs in a child process that
appends one line per frame it writes to the terminal (clock, its UI thread's CPU clock, current row, editor
text length) to a log; a latency runs from just before `tmux send-keys` to the first logged frame showing the
change, so it includes starting the tmux client (a few ms), the same for Textual's floor (an app with one
TextArea) measured in the same run. Beside it, "UI CPU": the app's UI-thread CPU from its last frame before
the key to the frame showing it (the key's parsing, its handling, rendering and writing the frame, and whatever
else that thread did meanwhile), which other work on the machine hardly changes.
`--pause`: seconds between keys; 0.03 is a held key's repeat rate, 0.1 (default) a translator's pace.
"""

from __future__ import annotations

import argparse
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
SRC = os.environ.get("TARJIMON_BENCH_SRC") or str(HERE.parent / "src")  # another version's src/, timed the same
sys.path.insert(0, SRC)
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))

SERVER = f"tarjimon-bench-{os.getpid()}"


def serve(folder: str, name: str, log: str) -> None:
    """In the tmux pane: run the workbench (or, with name "-", a one-TextArea app), logging each frame."""
    import tui_tmux_trace
    from textual.app import App
    from textual.widgets import TextArea

    tui_tmux_trace.install(log + ".trace", os.environ.get("TARJIMON_TMUX_TRACE") == "1")
    if os.environ.get("BENCH_SWITCH"):
        sys.setswitchinterval(float(os.environ["BENCH_SWITCH"]))

    out = open(log, "a", buffering=1, encoding="utf-8")  # noqa: SIM115 (open while the app runs)
    if name == "-":

        class Floor(App):  # type: ignore[type-arg]
            def compose(self):  # type: ignore[no-untyped-def]
                yield TextArea("", id="ta")

        app: App = Floor()  # type: ignore[type-arg]

        def state() -> str:
            return f"0 {len(app.query_one(TextArea).text)}"
    else:
        from tarjimon.core.workbench import open_workbench
        from tarjimon.tui.app import TarjimonApp
        from tarjimon.tui.workbench import WorkbenchScreen

        app = TarjimonApp(open_workbench(Path(folder), name, lock=True))

        def state() -> str:
            screen = app.screen
            if not isinstance(screen, WorkbenchScreen) or not screen.rows:
                return "-1 0"
            return f"{screen.row_index} {len(screen.editor.text)}"

    original = app._display

    def timed_display(*args, **kwargs):  # type: ignore[no-untyped-def]
        original(*args, **kwargs)
        out.write(f"{time.monotonic():.6f} {time.thread_time():.6f} {state()}\n")

    app._display = timed_display  # type: ignore[method-assign]
    if os.environ.get("BENCH_PROFILE"):  # cProfile of the UI thread, dumped to this file
        import cProfile

        profile = cProfile.Profile()
        profile.enable()
        try:
            app.run()
        finally:
            profile.disable()
            profile.dump_stats(os.environ["BENCH_PROFILE"] + "-" + (name.strip("-") or "floor"))
        return
    app.run()


def _frames(log: Path) -> list[tuple[float, float, int, int]]:
    out = []
    for line in log.read_text(encoding="utf-8").splitlines():
        t, cpu, row, n = line.split()
        out.append((float(t), float(cpu), int(row), int(n)))
    return out


def _wait(log: Path, since: int, test, timeout: float = 5.0) -> tuple[float, float] | None:  # type: ignore[no-untyped-def]
    """(clock, UI-thread CPU clock) of the first frame after `since` passing `test(row, length)`."""
    limit = time.monotonic() + timeout
    while time.monotonic() < limit:
        for t, cpu, row, n in _frames(log)[since:]:
            if test(row, n):
                return t, cpu
        time.sleep(0.001)
    return None


def run(folder: Path, name: str, keys: list[str], count: int, pause: float,
        trace_slow: float = 0.0) -> dict[str, list[float]]:  # fmt: skip
    """Each key's latency (tmux send-keys -> frame, s), its UI-thread CPU ("KEY cpu") and the part from the
    app reading its bytes to the frame ("KEY in app")."""
    import tui_tmux_trace
    from tmux_driver import xterm_bytes

    log = folder / f"frames-{name.strip('-') or 'floor'}.log"
    log.write_text("", encoding="utf-8")
    trace = Path(str(log) + ".trace")
    trace.unlink(missing_ok=True)
    env = f"PYTHONPATH={SRC} TARJIMON_PROJECTS={folder} TARJIMON_TMUX_TRACE={int(trace_slow > 0)} BENCH_SWITCH={os.environ.get('BENCH_SWITCH', '')} BENCH_PROFILE={os.environ.get('BENCH_PROFILE', '')}"
    line = f"cd {HERE} && exec env TERM=xterm-256color {env} {sys.executable} {__file__} --serve {folder} {name} {log}"
    session = "b" + str(len(name))
    subprocess.run(["tmux", "-L", SERVER, "new-session", "-d", "-s", session, "-x", "160", "-y", "45", line],
                   check=True)  # fmt: skip
    result: dict[str, list[float]] = {k: [] for k in keys} | {f"{k} cpu": [] for k in keys}
    sent: list[tuple[str, float, float]] = []  # (key, sent at, shown at)
    try:
        if _wait(log, 0, lambda row, n: row >= 0, timeout=30) is None:
            raise SystemExit(f"{name}: the app never drew a frame")
        time.sleep(3.0)  # start-up over: the lookup process (started 1 s after the first frame) is answering
        for i in range(count):
            for key in keys:
                if key == "ctrl+down" and (i // 25) % 2:
                    key, name_as = "ctrl+up", "ctrl+down"  # back up the 35-segment article; timed the same
                else:
                    name_as = key
                frames = _frames(log)
                since = len(frames)
                cpu0, row0, n0 = frames[-1][1], frames[-1][2], frames[-1][3]
                t0 = time.monotonic()
                subprocess.run(["tmux", "-L", SERVER, "send-keys", "-t", session, "-l", xterm_bytes(key)], check=True)
                if len(key) == 1:
                    hit = _wait(log, since, lambda row, n, n0=n0: n != n0)
                else:
                    hit = _wait(log, since, lambda row, n, r0=row0: row != r0)
                if hit is not None:
                    result[name_as].append(hit[0] - t0)
                    result[f"{name_as} cpu"].append(hit[1] - cpu0)
                    sent.append((name_as, t0, hit[0]))
                time.sleep(pause)
            if i % 10 == 9 and "x" in keys:  # keep the typed text short
                subprocess.run(["tmux", "-L", SERVER, "send-keys", "-t", session, "-l", "\x7f" * 10], check=True)
                time.sleep(0.2)
    finally:
        subprocess.run(["tmux", "-L", SERVER, "send-keys", "-t", session, "-l", "\x11"], check=False, capture_output=True)
        time.sleep(0.5)
        subprocess.run(["tmux", "-L", SERVER, "kill-session", "-t", session], check=False, capture_output=True)
    events = tui_tmux_trace.read(trace)
    for key in keys:
        result[f"{key} in app"] = tui_tmux_trace.in_app(events, [k for k in sent if k[0] == key])
    if trace_slow > 0:
        tui_tmux_trace.report(events, sent, trace_slow)
    return result


def show(label: str, result: dict[str, list[float]], key: str) -> None:
    from tui import pct

    def line(name: str, values: list[float], unit: str = "ms") -> None:
        ms = [v * 1000 for v in values]
        if not ms:
            print(f"  {name:<34} no frame seen")
            return
        print(f"  {name:<34} n={len(ms):<4} mean {statistics.mean(ms):6.1f} {unit}   p50 {pct(ms, 0.5):6.1f}"
              f"   p95 {pct(ms, 0.95):6.1f}   max {max(ms):6.1f}")  # fmt: skip

    line(label, result[key])
    line("  its UI-thread CPU", result[f"{key} cpu"])
    line("  bytes read by the app -> frame", result[f"{key} in app"])


def _parts(args: argparse.Namespace, projects: Path, segments: int,
           parts: list[str]) -> list[tuple[str, tuple[list[float], list[float]]]]:  # fmt: skip
    """One run of the parts asked for, printed as it goes; each goal line's (latencies, UI CPU) for the summary."""
    from tui import pct

    out: list[tuple[str, tuple[list[float], list[float]]]] = []
    ratios = []
    floor = 0.0
    if "floor" in parts:
        f = run(projects, "-", ["x"], args.moves, args.pause, args.trace_slow)
        print("Textual floor (an app with one TextArea), tmux send-keys -> frame:")
        show("key press echoed", f, "x")
        floor = pct([v * 1000 for v in f["x"]], 0.95)
        out.append(("floor: key echo", (f["x"], f["x cpu"])))
    if "seed" in parts:
        r = run(projects, "seed", ["ctrl+down", "x"], args.moves, args.pause, args.trace_slow)
        print(f"seed, {args.tm:,}-unit TM, glossary, tmux send-keys -> frame:")
        show("Ctrl+Down: next segment painted", r, "ctrl+down")
        show("a key press echoed", r, "x")
        ratios += [("Ctrl+Down", r["ctrl+down"]), ("key echo", r["x"])]
        out += [("seed: Ctrl+Down", (r["ctrl+down"], r["ctrl+down cpu"])), ("seed: key echo", (r["x"], r["x cpu"]))]
    if "big" in parts:
        r2 = run(projects, "big", ["pagedown"], args.moves, args.pause, args.trace_slow)
        print(f"{segments:,}-segment document, tmux send-keys -> frame:")
        show("PageDown: next segment painted", r2, "pagedown")
        ratios.append(("PageDown", r2["pagedown"]))
        out.append((f"{segments:,} segments: PageDown", (r2["pagedown"], r2["pagedown cpu"])))
    if floor and ratios:
        print(f"p95 / the floor's key echo p95 ({floor:.1f} ms; both include starting the tmux client): "
              + ", ".join(f"{label} {pct([v * 1000 for v in values], 0.95) / floor:.1f}x"
                          for label, values in ratios))  # fmt: skip
    return out


def main() -> int:
    if len(sys.argv) == 5 and sys.argv[1] == "--serve":
        serve(*sys.argv[2:])
        return 0
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tm", type=int, default=20_000)
    ap.add_argument("--big", type=int, default=10_000)
    ap.add_argument("--moves", type=int, default=60)
    ap.add_argument("--pause", type=float, default=0.1)
    ap.add_argument("--trace-slow", type=float, default=0.0, metavar="MS",
                    help="trace the app (bench/tui_tmux_trace.py) and print what happened for keys slower than MS")
    ap.add_argument("--only", choices=("floor", "seed", "big"), action="append",
                    help="run only these parts (default: all three)")
    ap.add_argument("--runs", type=int, default=1,
                    help="run the parts this many times (same files), then print each run's p95 and UI CPU side by side")
    args = ap.parse_args()
    if shutil.which("tmux") is None:
        print("needs tmux")
        return 2
    from tui import SEED, big_article, build_glossary, build_tm, pct

    from tarjimon.core.workbench import Workbench

    root = Path(tempfile.mkdtemp(prefix="tarjimon-bench-tmux-"))
    try:
        projects = root / "projects"
        project = Workbench.create(projects, "seed", "uz", ["kk", "ru", "en"], glossaries_dir=root / "g")
        project.import_file(SEED)
        build_tm(project, args.tm, random.Random(7))
        build_glossary(project, 2000, random.Random(7))
        project.close()
        parts = args.only or ["floor", "seed", "big"]
        segments = 0
        if "big" in parts:
            big = Workbench.create(projects, "big", "uz", ["kk", "ru", "en"], glossaries_dir=root / "g")
            big_article(root / "big-uz.txt", args.big)
            big.import_file(root / "big-uz.txt")
            segments = len(big.rows())
            big.close()
        load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
        print(f"load {load}; {args.pause * 1000:.0f} ms between keys; app src {SRC}")
        print("each line: tmux send-keys -> the frame showing the key (includes starting a tmux client); its\n"
              "UI-thread CPU; and the part from the app reading the key's bytes to that frame")
        summary: dict[str, list[tuple[float, float, str]]] = {}  # line -> each run's (p95, UI CPU p50, load)
        for number in range(1, args.runs + 1):
            if args.runs > 1:
                print(f"-- run {number} of {args.runs}, load {' '.join(Path('/proc/loadavg').read_text().split()[:3])}")
            for label, values in _parts(args, projects, segments, parts):
                ms = [v * 1000 for v in values[0]]
                cpu = [v * 1000 for v in values[1]]
                if ms:
                    load = Path("/proc/loadavg").read_text().split()[0]
                    summary.setdefault(label, []).append((pct(ms, 0.95), pct(cpu, 0.5), load))
        if args.runs > 1:
            print(f"p95 of each run, ms (its UI-thread CPU p50; load average), {args.pause * 1000:.0f} ms between keys:")
            for label, runs in summary.items():
                cells = ", ".join(f"{p95:.1f} ({cpu:.1f}; {load})" for p95, cpu, load in runs)
                print(f"  {label:<34} {cells}; median p95 {statistics.median(r[0] for r in runs):.1f}")
        print(f"load at the end {' '.join(Path('/proc/loadavg').read_text().split()[:3])}")
    finally:
        subprocess.run(["tmux", "-L", SERVER, "kill-server"], check=False, capture_output=True)
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
