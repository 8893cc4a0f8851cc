"""Ctrl+T in the workbench with a 100,000-concept glossary (issue 11, goal 1), driven by Textual's Pilot.

    PYTHONPATH=TREE/src python bench/glossary_tui.py [--terms 100000] [--adds 5] [--kind random|dictionary]

The seed project's own glossary (project/glossary.tsv) holds N concepts (bench/glossary_index.py's random
Cyrillic words, or its dictionary words). The app opens, its glossary index is built (the first lookup),
then, N times: Ctrl+T, the Uzbek term typed over the picked one, Enter. Timed from Enter until the
glossary index holds the new term (the file written and the index patched, in the app's worker thread;
wall and the app process's CPU time). Run it with each tree's src on PYTHONPATH to compare them on the
same machine.
"""

from __future__ import annotations

import argparse
import asyncio
import os
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


async def _until(condition, timeout: float = 120.0) -> bool:  # type: ignore[no-untyped-def]
    limit = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > limit:
            return False
        await asyncio.sleep(0.0005)
    return True


async def run(project: Workbench, adds: int) -> dict[str, list[float]]:
    app = TarjimonApp(project)
    out: dict[str, list[float]] = {"index": [], "cpu": []}
    async with app.run_test(size=(160, 45)) as pilot:
        await _until(lambda: isinstance(app.screen, WorkbenchScreen))
        screen = app.screen
        t = time.perf_counter()
        await _until(lambda: screen.lookups.glossaries is not None)
        loaded = next(g for g in screen.lookups.glossaries.glossaries if g.name == "project")
        await _until(lambda: "uz" in loaded._indexes)  # built by the first lookup, in its worker
        index = loaded.index("uz")
        print(f"  glossary index ready {time.perf_counter() - t:.2f} s after the first paint ({len(index):,} terms)")
        for k in range(adds):
            await pilot.press(*"атама", "shift+home", "ctrl+t")
            await _until(lambda: app.screen is not screen)
            await pilot.pause()
            term = "янги атама " + "бвгдзклмнп"[k % 10] * (k // 10 + 2)
            app.screen.query_one("#term-uz").value = term
            before = index.indexed
            t, c = time.perf_counter(), time.process_time()
            await pilot.press("enter")
            ok = await _until(lambda i=index, b=before: i.indexed > b)
            out["index"].append(time.perf_counter() - t)
            out["cpu"].append(time.process_time() - c)
            if not ok:
                raise SystemExit("the term never reached the index")
            current = next(g for g in screen.lookups.glossaries.glossaries if g.name == "project")
            assert current.index("uz") is index, "the index was rebuilt, not patched"
            await _until(lambda: app.screen is screen)
            await pilot.press(*["backspace"] * 5)  # the typed word goes again
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
        print(f"Ctrl+T, Enter -> term in the index (file written, index patched): median {med(r['index']) * 1000:.0f} ms"
              f" wall, {med(r['cpu']) * 1000:.0f} ms CPU of the whole app; each: "
              + ", ".join(f"{x * 1000:.0f}" for x in r["index"]))  # fmt: skip
        print(f"load {os.getloadavg()[0]:.1f} at the end")
        project.close()
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
