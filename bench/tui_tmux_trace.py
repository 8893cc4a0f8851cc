"""What the app did between a key's bytes and its frame: a tracer for bench/tui_tmux.py (`--trace-slow MS`).

In the app's process (the tmux pane) probes append one line per event to a trace file: the input thread
reading the key's bytes, each frame (its start, end, the widgets whose lines it rendered and how many), the
side panels' paints (`Panel._wrap`: Rich wrapping a panel's text), screen layouts, the lookup worker's calls
into the core, garbage collections. Each line: clock, the thread's CPU clock, the thread, the event.
The bench process then prints, for every key slower than MS, the events from a little before the key was sent
to the frame that showed it. The probes cost a little (a line per event); use them to find causes, not to
measure.
"""

from __future__ import annotations

import gc
import threading
import time
from pathlib import Path
from typing import Any

Event = tuple[float, float, str, str]  # clock, thread CPU clock, thread, what


def install(path: str, full: bool) -> None:
    """(The app's process, before the app runs.) Log events to `path`: only the keys' bytes read, or (`full`)
    every event."""
    from textual._xterm_parser import XTermParser
    from textual.screen import Screen
    from textual.widget import Widget

    from tarjimon.core.workbench.lookups import Lookups
    from tarjimon.tui.panel import Panel

    out = open(path, "a", buffering=1, encoding="utf-8")  # noqa: SIM115 (open while the app runs)
    main = threading.main_thread().ident

    def log(what: str) -> None:
        ident = threading.get_ident()
        name = "ui" if ident == main else threading.current_thread().name[:12].replace(" ", "_")
        out.write(f"{time.monotonic():.6f} {time.thread_time():.6f} {name} {what}\n")

    frame_lines: dict[str, list[float]] = {}
    feed = XTermParser.feed

    def traced_feed(self: Any, data: str) -> Any:
        log(f"in {data!r}")
        return feed(self, data)

    XTermParser.feed = traced_feed  # type: ignore[method-assign]
    if not full:
        return

    update = Screen._on_timer_update

    def traced_update(self: Any) -> None:
        frame_lines.clear()
        t, c = time.monotonic(), time.thread_time()
        log("frame-start")
        update(self)
        what = " ".join(f"{k}:{int(v[0])}l/{v[1] * 1000:.2f}ms" for k, v in frame_lines.items())
        log(f"frame-end {(time.monotonic() - t) * 1000:.2f}ms cpu {(time.thread_time() - c) * 1000:.2f}ms {what}")

    Screen._on_timer_update = traced_update  # type: ignore[method-assign]

    render_lines = Widget.render_lines

    def traced_render_lines(self: Any, crop: Any) -> Any:
        c = time.thread_time()
        strips = render_lines(self, crop)
        name = self.id or type(self).__name__
        seen = frame_lines.setdefault(name, [0, 0.0])
        seen[0] += len(strips)
        seen[1] += time.thread_time() - c
        return strips

    Widget.render_lines = traced_render_lines  # type: ignore[method-assign]

    relayout = Screen._refresh_layout

    def traced_relayout(self: Any, *args: Any, **kwargs: Any) -> Any:
        c = time.thread_time()
        try:
            return relayout(self, *args, **kwargs)
        finally:
            log(f"layout {(time.thread_time() - c) * 1000:.2f}ms")

    Screen._refresh_layout = traced_relayout  # type: ignore[method-assign]

    def timed(cls: Any, name: str, label: str) -> None:
        original = getattr(cls, name)

        def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
            c = time.thread_time()
            log(f"{label}-start {getattr(self, 'id', '') or ''}")
            try:
                return original(self, *args, **kwargs)
            finally:
                log(f"{label}-end {getattr(self, 'id', '') or ''} {(time.thread_time() - c) * 1000:.2f}ms")

        setattr(cls, name, wrapper)

    timed(Panel, "update", "panel-update")
    timed(Lookups, "lookup", "lookup")
    timed(Lookups, "check", "check")
    try:
        from tarjimon.tui.workbench import WorkbenchScreen

        timed(WorkbenchScreen, "_paint_side_due", "side-paint")
        timed(WorkbenchScreen, "goto", "goto")
        timed(WorkbenchScreen, "save_draft", "save-draft")
        due = WorkbenchScreen._paint_side_due

        def waits(self: Any, *args: Any, **kwargs: Any) -> Any:  # what it waits for when it does not paint
            out = due(self, *args, **kwargs)
            timer = getattr(self, "_side_timer", None)
            if timer is not None:
                log(f"side-paint-waits {timer._interval * 1000:.1f}ms for {sorted(self._side_due)}")
            return out

        WorkbenchScreen._paint_side_due = waits  # type: ignore[method-assign]
    except AttributeError:
        pass

    gc_start = [0.0]

    def on_gc(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            gc_start[0] = time.monotonic()
        else:
            log(f"gc gen{info['generation']} {(time.monotonic() - gc_start[0]) * 1000:.2f}ms")

    gc.callbacks.append(on_gc)


def read(path: Path) -> list[Event]:
    events = []
    if not path.exists():
        return events
    for line in path.read_text(encoding="utf-8").splitlines():
        t, cpu, thread, what = line.split(" ", 3)
        events.append((float(t), float(cpu), thread, what))
    return events


def report(events: list[Event], keys: list[tuple[str, float, float]], slow_ms: float, before: float = 0.04) -> None:
    """For each (key name, sent at, frame at) slower than `slow_ms`: the events from `before` seconds ahead of
    the key to the frame, times relative to the send."""
    slow = [k for k in keys if (k[2] - k[1]) * 1000 > slow_ms]
    print(f"  {len(slow)} of {len(keys)} keys slower than {slow_ms:.0f} ms (times from tmux send-keys):")
    for name, sent, shown in slow:
        print(f"  -- {name}: {(shown - sent) * 1000:.1f} ms")
        for t, _cpu, thread, what in events:
            if sent - before <= t <= shown + 0.0005:
                print(f"     {(t - sent) * 1000:+7.1f} {thread:<12} {what[:400]}")


def in_app(events: list[Event], keys: list[tuple[str, float, float]]) -> list[float]:
    """For each key: seconds from the input thread reading its bytes to the frame that showed it."""
    reads = [t for t, _c, _th, what in events if what.startswith("in ")]
    out = []
    for _name, sent, shown in keys:
        got = next((t for t in reads if sent <= t <= shown), None)
        if got is not None:
            out.append(shown - got)
    return out
