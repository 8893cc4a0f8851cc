"""What ran before a slow frame: a tracer for bench/tui.py (`--trace-slow MS`).

While the moves run, a sampler thread looks at every thread's stack every millisecond (the innermost frame
and the innermost of our own), the garbage collector reports each collection, and the lookup worker's
calls into the core (TM + glossary lookup, QA check) are timed. For every move slower than the threshold,
it prints what the UI thread and the other threads were doing between the key and the frame.

Sampling takes the GIL a thousand times a second: the traced run is slower than an untraced one. Use it to
find causes, not to measure.
"""

from __future__ import annotations

import collections
import gc
import sys
import threading
import time
from pathlib import Path
from typing import Any

OURS = ("tarjimon", "textual", "rich", "spylls", "asyncio", "sqlite")


def _where(frame: Any) -> str:
    """The innermost frame, and the innermost one of tarjimon's (or the place it calls into)."""
    inner = f"{Path(frame.f_code.co_filename).stem}.{frame.f_code.co_name}"
    f, ours = frame, ""
    while f is not None:
        if "/tarjimon/" in f.f_code.co_filename:
            ours = f"{Path(f.f_code.co_filename).stem}.{f.f_code.co_name}"
            break
        f = f.f_back
    return inner if not ours or ours == inner else f"{inner} < {ours}"


class Tracer:
    """Samples stacks, garbage collections and the lookup worker's calls; `report` explains slow moves."""

    def __init__(self, interval: float = 0.001) -> None:
        self.interval = interval
        self.samples: list[tuple[float, str, str]] = []  # (clock, thread name, where)
        self.gcs: list[tuple[float, float, int]] = []  # (start, end, generation)
        self.calls: list[tuple[float, float, str]] = []  # (start, end, what) of the lookup worker
        self._gc_start = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, name="tracer", daemon=True)
        self._main = threading.main_thread().ident

    def _sample(self) -> None:
        names = {}
        while not self._stop.wait(self.interval):
            now = time.perf_counter()
            for ident, frame in sys._current_frames().items():
                if ident == self._thread.ident:
                    continue
                if ident not in names:
                    names[ident] = next((t.name for t in threading.enumerate() if t.ident == ident), "?")
                name = "ui" if ident == self._main else names[ident]
                self.samples.append((now, name, _where(frame)))

    def _gc(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._gc_start = time.perf_counter()
        else:
            self.gcs.append((self._gc_start, time.perf_counter(), info["generation"]))

    def wrap(self, obj: Any, name: str) -> None:
        """Time every call of `obj.name` (an instance attribute shadows the method)."""
        original = getattr(obj, name)

        def timed(*args: Any, **kwargs: Any) -> Any:
            t = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.calls.append((t, time.perf_counter(), name))

        setattr(obj, name, timed)

    def start(self) -> None:
        gc.callbacks.append(self._gc)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()
        gc.callbacks.remove(self._gc)

    def report(self, windows: list[tuple[float, float]], slow_ms: float, before: float = 0.1) -> None:
        """For each (key, frame) window longer than `slow_ms`: the UI thread's samples from `before`
        seconds ahead of the key to the frame, the other threads', the worker's calls and collections."""
        slow = [(a, b) for a, b in windows if (b - a) * 1000 > slow_ms]
        print(f"  {len(slow)} of {len(windows)} moves slower than {slow_ms:.0f} ms")
        for n, (a, b) in enumerate(slow):
            print(f"  -- slow move {n + 1}: {(b - a) * 1000:.1f} ms")
            for label, lo, hi in (("before the key", a - before, a), ("key -> frame", a, b)):
                by_thread: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
                for t, thread, where in self.samples:
                    if lo <= t < hi:
                        by_thread[thread][where] += 1
                print(f"     {label} ({(hi - lo) * 1000:.0f} ms):")
                for thread, counts in sorted(by_thread.items()):
                    top = ", ".join(f"{w} x{c}" for w, c in counts.most_common(4))
                    print(f"       {thread:<12} {sum(counts.values()):4} samples: {top}")
            for s, e, what in self.calls:
                if e > a - before and s < b:
                    print(f"     worker {what}: {(s - a) * 1000:+.1f} .. {(e - a) * 1000:+.1f} ms")
            near = [(s, e, g) for s, e, g in self.gcs if e > a - before and s < b]
            if near:
                s, e, g = max(near, key=lambda x: x[1] - x[0])
                print(
                    f"     gc: {len(near)} collections, {sum(e - s for s, e, _ in near) * 1000:.1f} ms in all; "
                    f"longest gen {g} at {(s - a) * 1000:+.1f} ms, {(e - s) * 1000:.1f} ms long"
                )
