"""Add, change and delete a term in the workbench with a 100,000-concept glossary (issue 11, goal 1), by Pilot.

    PYTHONPATH=TREE/src python bench/glossary_tui.py [--terms 100000] [--adds 5] [--kind random|dictionary]

The seed project's own glossary (project/glossary.tsv) holds N concepts (bench/glossary_index.py's random
Cyrillic words, or its dictionary words). The app opens and its glossary index is built (the first lookup).
Then, N times: Ctrl+T, a word of the current segment typed as the Uzbek term, Enter (an add); and, when the
tree has it (Alt+E), the same term's Kazakh changed, Enter (an edit), then Ctrl+D, Y (a delete). Each is timed
from the key that closes the dialog until (1) the glossary's Uzbek index holds the change, (2) the glossary
panel shows it, (3) the workbench says it is written (durable); wall time, and the app process's CPU time
until (3). Run it with each tree's src on PYTHONPATH to compare them on the same machine.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from glossary_index import dictionary_tsv, random_tsv  # noqa: E402

from tarjimon.core.workbench import Workbench  # noqa: E402
from tarjimon.tui.app import TarjimonApp  # noqa: E402
from tarjimon.tui.workbench import WorkbenchScreen  # noqa: E402

SEED = BENCH.parents[1] / "shared" / "seeds" / "kazinform-2026-01-05-uz.txt"
KINDS = ("add", "edit", "delete")


async def _until(condition, timeout: float = 120.0) -> bool:  # type: ignore[no-untyped-def]
    limit = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > limit:
            return False
        await asyncio.sleep(0.0005)
    return True


def _told(app: TarjimonApp, words: str) -> bool:
    return any(words in str(n.message) for n in list(app._notifications))


async def _timed(pilot, key, changed, shown, told, out, kind):  # type: ignore[no-untyped-def]
    """Press `key`, and time from then until the index changed, the panel shows it, and the app says it is
    written (the watch runs beside the key press, which Pilot awaits until the app is idle)."""
    watch = asyncio.ensure_future(_watch(changed, shown, told, out, kind))
    await asyncio.sleep(0)
    await pilot.press(key)
    await watch


async def _watch(changed, shown, told, out, kind):  # type: ignore[no-untyped-def]
    t, c = time.perf_counter(), time.process_time()
    marks: dict[str, float] = {}
    limit = t + 120
    while len(marks) < 3 and time.perf_counter() < limit:
        for name, cond in (("index", changed), ("panel", shown), ("durable", told)):
            if name not in marks and cond():
                marks[name] = time.perf_counter() - t
                if name == "durable":
                    out[f"{kind} cpu"].append(time.process_time() - c)
        await asyncio.sleep(0.0005)
    if len(marks) < 3:
        raise SystemExit(f"{kind}: never {sorted({'index', 'panel', 'durable'} - set(marks))}")
    for name, value in marks.items():
        out[f"{kind} {name}"].append(value)


async def run(project: Workbench, adds: int) -> dict[str, list[float]]:
    app = TarjimonApp(project)
    out: dict[str, list[float]] = {f"{k} {m}": [] for k in KINDS for m in ("index", "panel", "durable", "cpu")}
    async with app.run_test(size=(160, 45)) as pilot:
        await _until(lambda: isinstance(app.screen, WorkbenchScreen))
        screen = app.screen
        t = time.perf_counter()
        await _until(lambda: screen.lookups.glossaries is not None)
        loaded = next(g for g in screen.lookups.glossaries.glossaries if g.name == "project")
        await _until(lambda: "uz" in loaded._indexes)  # built by the first lookup, in its worker
        index = loaded.index("uz")
        print(f"  glossary index ready {time.perf_counter() - t:.2f} s after the first paint ({len(index):,} terms)")
        panel = screen.query_one("#glossary")
        words = [w for w in dict.fromkeys(re.findall(r"\w{5,}", screen.rows[screen.row_index].segment.source))]
        can_edit = hasattr(screen, "action_edit_term")
        for k in range(adds):
            term = words[k % len(words)]
            await pilot.press(*"атама", "shift+home", "ctrl+t")
            await _until(lambda: app.screen is not screen)
            await pilot.pause()
            app.screen.query_one("#term-uz").value = term
            app.screen.query_one("#term-kk").value = f"термин{k}"
            before = index.indexed
            await _timed(pilot, "enter", lambda b=before: index.indexed > b,
                         lambda k=k: f"термин{k}" in panel.text, lambda: _told(app, "Added to"), out, "add")  # fmt: skip
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
            before = index.indexed
            await _timed(pilot, "enter", lambda b=before: index.indexed > b,
                         lambda k=k: f"өзгерген{k}" in panel.text, lambda: _told(app, "Saved in"), out, "edit")  # fmt: skip
            app._notifications.clear()
            await pilot.pause(0.2)
            number = next(n for n, h in enumerate(screen.hits, 1) if h.term == term)
            await app.run_action(f"delete_term({number})", screen)
            await _until(lambda: app.screen is not screen)
            await pilot.pause()
            eids = [i for i, e in enumerate(index.entries) if e is not None and e[1] == term]  # (len(index)
            # walks 100,000 entries: polled every 0.5 ms it would hold up the app it measures)
            await _timed(pilot, "y", lambda e=eids: all(index.entries[i] is None for i in e), lambda k=k: f"өзгерген{k}" not in panel.text,
                         lambda: _told(app, "Deleted from"), out, "delete")  # fmt: skip
            app._notifications.clear()
            await pilot.pause(0.2)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--terms", type=int, default=100_000)
    ap.add_argument("--adds", type=int, default=5)
    ap.add_argument("--kind", choices=("random", "dictionary"), default="random")
    args = ap.parse_args()
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
        print(f"{args.terms:,} {args.kind} concepts in the project glossary; load {os.getloadavg()[0]:.1f}")
        r = asyncio.run(run(project, args.adds))
        med = statistics.median
        for kind in KINDS:
            if not r[f"{kind} index"]:
                continue
            print(f"{kind}: median ms wall, from the key closing the dialog: index {med(r[f'{kind} index']) * 1000:.0f}, "
                  f"panel {med(r[f'{kind} panel']) * 1000:.0f}, written (durable) {med(r[f'{kind} durable']) * 1000:.0f}; "
                  f"app CPU until written {med(r[f'{kind} cpu']) * 1000:.0f} ms; each (index/panel/durable): "
                  + ", ".join(f"{a * 1000:.0f}/{b * 1000:.0f}/{c * 1000:.0f}"
                              for a, b, c in zip(r[f"{kind} index"], r[f"{kind} panel"], r[f"{kind} durable"], strict=True)))  # fmt: skip
        print(f"load {os.getloadavg()[0]:.1f} at the end")
        project.close()
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
