"""TM browser benchmark: paging through a big SQLite TM the way the TM browser (Ctrl+B) and `tm list` do,
against the peer every simple browser uses: reading the whole TM (`TranslationMemory.units()`) and slicing.

    python bench/tm_browse.py                  # 100,000 units (the brief's size)
    python bench/tm_browse.py --units 300000

Units are synthetic (seeded): Uzbek Cyrillic sources and Kazakh targets built from a small vocabulary, in
five origins, two target languages. Timed (median of --runs): the first page (100 units), a page deep in
the TM (ids below 1,000), a search for a rare text (found in 0.1% of the units) and a search for text
found nowhere (the worst case: every unit is read once, in chunks), each against reading all units.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from tarjimon.core.models.tm import NewUnit  # noqa: E402
from tarjimon.core.store import Store  # noqa: E402
from tarjimon.core.tm.browse import UnitQuery  # noqa: E402
from tarjimon.core.tm.sqlite.backend import SqliteMemory  # noqa: E402

UZ = "давлат мактаб шаҳар янги президент вазир қарор марказ талаба дастур лойиҳа ҳукумат йил бугун".split()
KK = "мемлекет мектеп қала жаңа президент министр қаулы орталық студент бағдарлама жоба үкімет жыл бүгін".split()


def units(n: int, seed: int = 7):  # type: ignore[no-untyped-def]
    rnd = random.Random(seed)
    for i in range(n):
        k = rnd.randint(4, 9)
        picks = [rnd.randrange(len(UZ)) for _ in range(k)]
        src = " ".join(UZ[p] for p in picks) + f" {i}."
        tgt = " ".join(KK[p] for p in picks) + f" {i}."
        if i % 1000 == 0:
            src = "Камёб ибора " + src
        lang = "kk" if i % 3 else "ru"
        yield NewUnit("uz", lang, "uz", lang, src.capitalize(), tgt.capitalize(), origin=f"archive-{i % 5}.tmx")


def timed(fn, runs: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--units", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tm = SqliteMemory(Store(Path(tmp) / "tm.db"))
        t = time.perf_counter()
        tm.import_units(units(args.units), big=True)
        print(f"{tm.count():,} units imported in {time.perf_counter() - t:.1f} s")
        peer = timed(lambda: list(tm.units()), max(1, args.runs // 2))
        rows = [
            ("first page (100 units)", lambda: tm.browse(limit=100)),
            ("a page deep in the TM (ids < 1,000)", lambda: tm.browse(before=1000, limit=100)),
            ("search, rare text (0.1% of units)", lambda: tm.browse(UnitQuery("kamyob ibora"), limit=100)),
            ("search, text found nowhere", lambda: tm.browse(UnitQuery("йўқ нарса"), limit=100)),
        ]
        print(f"\npeer: read every unit (tm.units()): {peer:.1f} ms\n")
        print("| what | ms (median) | peer / this |")
        print("|---|---|---|")
        for name, fn in rows:
            ms = timed(fn, args.runs)
            print(f"| {name} | {ms:.1f} | {peer / ms:.1f}x |")
        found = tm.browse(UnitQuery("kamyob ibora"), limit=100)
        print(f"\nrare search found {len(found)} units (Latin query, Cyrillic units)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
