"""Add, change and delete a term in the workbench with a 100,000-concept glossary (issue 11, goal 1), by Pilot.

    PYTHONPATH=TREE/src python bench/glossary_tui.py [--terms 100000] [--adds 5] [--kind random|dictionary]

The seed project's own glossary (project/glossary.tsv) holds N concepts (bench/glossary_index.py's random
Cyrillic words, or its dictionary words). The app opens; once its Uzbek glossary index is built (the first
lookup), N times: Ctrl+T, a word of the current segment typed as the Uzbek term, Enter (an add); Alt+E on that
hit, its Kazakh changed, Enter (a change); then Ctrl+D, Y (a delete). The first add comes right after a word
is typed in the Kazakh target (its QA check asks for the Kazakh index: "no wait after opening").

Each is timed from the key that closes the dialog, by marks the app's own calls leave (no polling of the
app): `dismissed` (the dialog's answer reaches the workbench), `staged` (the change is in the index, before
its file is written), `redrawn` (the first frame of the workbench after the dialog), `asked` (a lookup
queued), `answered` (a lookup's answer reached the UI thread), `index` (the Uzbek index holds the change),
`panel` (the glossary panel holds it), `painted` (the first frame drawn after that: what the translator
sees), `durable` (the workbench says it is written; after the file's fsync). ms wall; `ui cpu` is the UI
thread's own CPU from the key to `painted` (on a quiet machine the wall approaches it), `app cpu` the whole
process's until `durable`. Medians and p95 (nearest rank: the largest of fewer than 20 runs); the first add
after opening is shown on its own too. Run it with each tree's src on PYTHONPATH to compare them.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from glossary_index import dictionary_tsv, random_tsv  # noqa: E402

from tarjimon.core.glossary.index import TermIndex  # noqa: E402
from tarjimon.core.workbench import Workbench  # noqa: E402
from tarjimon.tui.app import TarjimonApp  # noqa: E402
from tarjimon.tui.glossary_panel import GlossaryPanel  # noqa: E402
from tarjimon.tui.workbench import WorkbenchScreen  # noqa: E402

SEED = BENCH.parents[1] / "shared" / "seeds" / "kazinform-2026-01-05-uz.txt"
KINDS = ("add", "edit", "delete")
MARKS = ("dismissed", "staged", "redrawn", "asked", "answered", "index", "panel", "painted", "durable")
TOLD = {"add": "Added to", "edit": "Saved in", "delete": "Deleted from"}


class Watch:
    """The marks of one timed key, left by the app's calls (wrapped once, below)."""

    def __init__(self) -> None:
        self.kind = ""
        self.armed = False
        self.t0 = self.ui0 = self.cpu0 = 0.0
        self.marks: dict[str, float] = {}
        self.shows: Any = lambda text: False  # the panel's text holds the change
        self.done: asyncio.Event | None = None

    def start(self, kind: str, shows: Any) -> None:
        self.kind, self.shows, self.marks, self.done = kind, shows, {}, asyncio.Event()
        self.t0, self.ui0, self.cpu0 = time.perf_counter(), time.thread_time(), time.process_time()
        self.armed = True

    def mark(self, name: str) -> None:
        if self.armed and name not in self.marks:
            self.marks[name] = time.perf_counter() - self.t0
            if name == "painted":
                self.marks["ui cpu"] = time.thread_time() - self.ui0
            if name == "durable":
                self.marks["app cpu"] = time.process_time() - self.cpu0
            if "painted" in self.marks and "durable" in self.marks and self.done is not None:
                self.armed = False
                self.done.set()


WATCH = Watch()


def _wrap(cls: type, name: str, before: Any = None, after: Any = None) -> None:
    original = getattr(cls, name, None)
    if original is None:
        return

    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        if before is not None:
            before(self, *args)
        result = original(self, *args, **kwargs)
        if after is not None:
            after(self, *args)
        return result

    setattr(cls, name, wrapper)


def _instrument() -> None:
    w = WATCH
    for name in ("_term_added", "_term_edited"):
        _wrap(WorkbenchScreen, name, lambda s, *a: w.mark("dismissed"), lambda s, *a: w.mark("staged"))
    _wrap(WorkbenchScreen, "on_workbench_screen_lookups_done", lambda s, *a: w.mark("answered"))

    def index_changed(removing: bool) -> Any:
        def after(index: TermIndex, *args: Any) -> None:
            if index.lang == "uz" and (w.kind == "delete") == removing:
                w.mark("index")

        return after

    _wrap(TermIndex, "add_row", after=index_changed(False))
    _wrap(TermIndex, "remove_row", after=index_changed(True))

    def panel_shown(panel: GlossaryPanel, *args: Any) -> None:
        if w.armed and w.shows(panel.text):
            w.mark("panel")

    _wrap(GlossaryPanel, "show", after=panel_shown)

    def frame(screen: Any) -> None:
        if w.armed and screen is screen.app.screen and isinstance(screen, WorkbenchScreen):
            if "dismissed" in w.marks:
                w.mark("redrawn")
            if "panel" in w.marks:
                w.mark("painted")

    _wrap(WorkbenchScreen, "_compositor_refresh", after=frame)

    def told(app: Any, message: Any, *args: Any) -> None:
        if w.armed and TOLD.get(w.kind, "\0") in str(message):
            w.mark("durable")

    _wrap(TarjimonApp, "notify", after=told)


def _asked(screen: WorkbenchScreen) -> None:
    """Mark the first lookup queued after the dialog closed."""
    put = screen._requests.put

    def marked(item: Any, *args: Any, **kwargs: Any) -> None:
        if isinstance(item, tuple) and "dismissed" in WATCH.marks:
            WATCH.mark("asked")
        put(item, *args, **kwargs)

    screen._requests.put = marked  # type: ignore[method-assign]


async def _until(condition, timeout: float = 120.0) -> bool:  # type: ignore[no-untyped-def]
    limit = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > limit:
            return False
        await asyncio.sleep(0.005)
    return True


async def _timed(pilot: Any, key: str, kind: str, shows: Any, out: dict[str, list[dict[str, float]]]) -> None:
    WATCH.start(kind, shows)
    await pilot.press(key)
    assert WATCH.done is not None
    try:
        await asyncio.wait_for(WATCH.done.wait(), 120)
    except TimeoutError:
        raise SystemExit(f"{kind}: never {sorted({'painted', 'durable'} - set(WATCH.marks))}") from None
    WATCH.armed = False
    out[kind].append(dict(WATCH.marks))


async def run(project: Workbench, adds: int) -> dict[str, list[dict[str, float]]]:
    app = TarjimonApp(project)
    out: dict[str, list[dict[str, float]]] = {k: [] for k in KINDS}
    async with app.run_test(size=(160, 45)) as pilot:
        await _until(lambda: isinstance(app.screen, WorkbenchScreen))
        screen = app.screen
        assert isinstance(screen, WorkbenchScreen)
        _asked(screen)
        t = time.perf_counter()
        await _until(lambda: screen.lookups.glossaries is not None)
        loaded = next(g for g in screen.lookups.glossaries.glossaries if g.name == "project")
        await _until(lambda: "uz" in loaded._indexes)  # built by the first lookup, in its worker
        index = loaded.index("uz")
        print(f"  glossary index ready {time.perf_counter() - t:.2f} s after the first paint ({len(index):,} terms)")
        words = [w for w in dict.fromkeys(re.findall(r"\w{5,}", screen.rows[screen.row_index].segment.source))]
        can_edit = hasattr(screen, "action_edit_term")
        for k in range(adds):
            term = words[k % len(words)]
            await pilot.press(*"атама", "shift+home", "ctrl+t")
            await _until(lambda: app.screen is not screen)
            await pilot.pause()
            app.screen.query_one("#term-uz").value = term
            app.screen.query_one("#term-kk").value = f"термин{k}"
            await _timed(pilot, "enter", "add", lambda text, k=k: f"термин{k}" in text, out)
            current = next(g for g in screen.lookups.glossaries.glossaries if g.name == "project")
            assert current.index("uz") is index, "the index was rebuilt, not patched"
            await _until(lambda: app.screen is screen)
            await pilot.press(*["backspace"] * 5)  # the typed word goes again
            app._notifications.clear()
            await pilot.pause(0.2)
            if not can_edit:
                continue
            number = next(n for n, h in enumerate(screen.hits, 1) if h.term == term)
            await app.run_action(f"edit_term({number})", screen)
            await _until(lambda: app.screen is not screen)
            await pilot.pause()
            app.screen.query_one("#edit-term-kk").value = f"өзгерген{k}"
            await _timed(pilot, "enter", "edit", lambda text, k=k: f"өзгерген{k}" in text, out)
            app._notifications.clear()
            await pilot.pause(0.2)
            number = next(n for n, h in enumerate(screen.hits, 1) if h.term == term)
            await app.run_action(f"delete_term({number})", screen)
            await _until(lambda: app.screen is not screen)
            await pilot.pause()
            await _timed(pilot, "y", "delete", lambda text, k=k: f"өзгерген{k}" not in text, out)
            app._notifications.clear()
            await pilot.pause(0.2)
    return out


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def report(r: dict[str, list[dict[str, float]]]) -> None:
    names = [*MARKS, "ui cpu", "app cpu"]
    for kind in KINDS:
        runs = r[kind]
        if not runs:
            continue
        print(f"{kind} ({len(runs)} runs), ms from the key that closes the dialog:")
        for label, pick in (("median", statistics.median), ("p95", _p95)):
            cells = [f"{n} {pick([m[n] for m in runs if n in m]) * 1000:.0f}" for n in names if any(n in m for m in runs)]
            print(f"  {label:6s} " + ", ".join(cells))
        print("  each (index/panel/painted/durable; ui cpu): " + ", ".join(
            "/".join(f"{m.get(n, float('nan')) * 1000:.0f}" for n in ("index", "panel", "painted", "durable"))
            + f"; {m['ui cpu'] * 1000:.0f}" for m in runs))  # fmt: skip
    if r["add"]:
        first = r["add"][0]
        print("first add after opening: " + ", ".join(f"{n} {first[n] * 1000:.0f}" for n in names if n in first))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--terms", type=int, default=100_000)
    ap.add_argument("--adds", type=int, default=5)
    ap.add_argument("--kind", choices=("random", "dictionary"), default="random")
    args = ap.parse_args()
    _instrument()
    root = Path(tempfile.mkdtemp(prefix="tarjimon-bench-ctrlt-"))
    try:
        project = Workbench.create(root / "projects", "seed", "uz", ["kk", "ru", "en"],
                                   glossaries_dir=root / "glossaries")  # fmt: skip
        project.import_file(SEED)
        if args.kind == "random":
            tsv = random_tsv(args.terms)
        else:
            from glossary import apertium_concepts  # bench/glossary.py

            tsv = dictionary_tsv(args.terms, apertium_concepts)
        from tarjimon.core.formats.tsv import read_tsv_text, tsv_text

        (project.folder / "glossary.tsv").write_text(tsv_text(read_tsv_text(tsv, "g", "project")), encoding="utf-8")
        import tarjimon

        print(f"{args.terms:,} {args.kind} concepts in the project glossary; tree {Path(tarjimon.__file__).parents[1]}; "
              f"load {os.getloadavg()[0]:.1f}")  # fmt: skip
        report(asyncio.run(run(project, args.adds)))
        print(f"load {os.getloadavg()[0]:.1f} at the end")
        project.close()
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
