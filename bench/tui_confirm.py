"""Enter on a target: from the key to the first frame showing the next segment (Pilot, headless terminal).

    python bench/tui_confirm.py                     # the seed article and a 13,000,000-character segment
    python bench/tui_confirm.py --huge 3000000 --runs 3
    TARJIMON_BENCH_SRC=/tmp/before11/src python bench/tui_confirm.py   # another version, timed the same

Enter commits the target (and its row in the TM outbox); the TM then takes it: on the screen's thread before
the eleventh session, in a worker thread since. A unit's words are indexed by the TM, which for a segment of
13 million characters took seconds. Each run types a short target in a fresh cell and presses Enter; the
peer in the same run is Ctrl+Down (a move without a save) on the same project.
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

sys.path.insert(0, os.environ.get("TARJIMON_BENCH_SRC") or str(Path(__file__).resolve().parents[1] / "src"))

from tarjimon.core.workbench import Workbench  # noqa: E402
from tarjimon.tui.app import TarjimonApp  # noqa: E402
from tarjimon.tui.workbench import WorkbenchScreen  # noqa: E402

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "kazinform-2026-01-05-uz.txt"
WORDS = "Toshkent shahrida yangi maktab ochildi va unda koʻplab oʻquvchilar tahsil oladi".split()


def paragraph(chars: int) -> str:
    out, n, i = [], 0, 0
    while n < chars:
        out.append(WORDS[i % len(WORDS)])
        n += len(out[-1]) + 1
        i += 1
    return " ".join(out)


async def _until(condition, timeout: float = 60.0) -> None:  # type: ignore[no-untyped-def]
    limit = time.perf_counter() + timeout
    while not condition() and time.perf_counter() < limit:
        await asyncio.sleep(0.0005)


async def enters(project: Workbench, rows: list[int], key: str) -> list[float]:
    """For each row: go there (not timed), type a target, then `key`; the time to the next segment's frame."""
    from textual import events

    app = TarjimonApp(project)
    frames: list[tuple[float, int]] = []
    out: list[float] = []
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause(0.3)
        screen = app.screen
        assert isinstance(screen, WorkbenchScreen)
        display = app._display

        def timed_display(*args, **kwargs):  # type: ignore[no-untyped-def]
            display(*args, **kwargs)
            frames.append((time.perf_counter(), screen.row_index))

        app._display = timed_display  # type: ignore[method-assign]
        for n, row in enumerate(rows):
            screen.goto(row, "kk")
            await pilot.pause(0.2)
            await pilot.press(*f"Т{n}")
            await pilot.pause(0.3)
            frames.clear()
            t0 = time.perf_counter()
            app.post_message(events.Key(key, None))
            await _until(lambda row=row: any(f[1] != row for f in frames))
            out.append(next(f[0] for f in frames if f[1] != row) - t0)
            await pilot.pause(0.5)
        await _until(lambda: not project.delivery.pending())  # (the TM took everything before the next run)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--huge", type=int, default=13_000_000, help="characters of the huge segment")
    ap.add_argument("--runs", type=int, default=3, help="Enters on the huge segment")
    args = ap.parse_args()
    root = Path(tempfile.mkdtemp(prefix="tarjimon-bench-confirm-"))
    try:
        (root / "huge.txt").write_text(f"Birinchi gap.\n\n{paragraph(args.huge)}\n\nUchinchi gap.\n", encoding="utf-8")
        seed = Workbench.create(root / "projects", "seed", "uz", ["kk"], glossaries_dir=root / "g")
        seed.import_file(SEED)
        huge = Workbench.create(root / "projects", "huge", "uz", ["kk"], glossaries_dir=root / "g")
        huge.import_file(root / "huge.txt")
        big = max(range(len(huge.rows())), key=lambda i: len(huge.rows()[i].segment.source))
        results = {
            "seed: Enter": asyncio.run(enters(seed, list(range(1, 13)), "enter")),
            "seed: Ctrl+Down": asyncio.run(enters(seed, list(range(13, 25)), "ctrl+down")),
            "huge: Enter": asyncio.run(enters(huge, [big] * args.runs, "enter")),
            "huge: Ctrl+Down": asyncio.run(enters(huge, [big] * args.runs, "ctrl+down")),
        }
        seed.close()
        huge.close()
    finally:
        shutil.rmtree(root, ignore_errors=True)
    print(f"src: {sys.path[0]}  huge segment: {args.huge:,} characters")
    for name, values in results.items():
        ms = [v * 1000 for v in values]
        print(f"{name:<18} median {statistics.median(ms):8.1f} ms   max {max(ms):8.1f} ms   n={len(ms)}")
    for what in ("seed", "huge"):
        ratio = statistics.median(results[f"{what}: Enter"]) / statistics.median(results[f"{what}: Ctrl+Down"])
        print(f"{what}: Enter / Ctrl+Down (medians) = {ratio:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
