"""A million-unit uz->kk TM beside the million en->ru units, and one query set over both (issue 11 goal 4).

    python bench/tm_uz.py build DIR --en-tmx /tmp/perftm/synthetic-1000000.tmx   # DIR/million.db
    python bench/tm_uz.py answers DIR --en-answers /tmp/perftm/exhaustive.json   # DIR/mixed.json
    python bench/tm_settings.py --set mixed DIR 30000,60                          # agreement and times
    python bench/tm_uz.py answers DIR --no-en --name uz-heldout --seed 7 --queries 96   # other uz queries
    python bench/tm_uz.py build DIR --no-en ; python bench/tm_uz.py answers DIR --no-en --name uz
                                      # the goal's own TM: the million uz->kk units alone, DIR/uz.json

The uz->kk units are made as bench/tm.py made its 100,000 (clauses of the apertium-kaz-uzb article in
../shared joined 2-4 at a time, the same seed, so the first 100,000 are those units), a million of them. As a
newsroom's TM mostly is, the sources are Uzbek Cyrillic, but every tenth unit is stored in Latin (as
published). The en->ru units are the bench's synthetic million (its TMX file imported as it is).

Queries (seeded; units picked by id): 240 en->ru ones with their exhaustive answers, taken as they are from
bench/tm_settings.py's set (same units, so the same answers), and 240 uz->kk ones, 30 of each kind:
  latin            a Cyrillic unit's source in Latin, as published
  latin-typo       the same with one or two typing slips
  latin-reordered  the same with words moved
  latin-edited     the same with a word dropped, added or replaced, a suffix, a number, case
  cyrillic         a Latin unit's source in Cyrillic (the reverse direction)
  cyrillic-typo    a Cyrillic unit's source with slips (the same script)
  cyrillic-edited  a Latin unit's source in Cyrillic, edited
  latin-same       a Latin unit's source with slips (the same script)
Every query's best score by the exhaustive search (our formula against every unit of the pair, bench/tm.py
Exhaustive) is computed once and kept with it in DIR/mixed.json (several minutes at a million units).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import tm as bench  # noqa: E402

from tarjimon.core.store import Store  # noqa: E402
from tarjimon.core.tm.sqlite.backend import SqliteMemory  # noqa: E402
from tarjimon.core.translit import to_cyrillic  # noqa: E402

SEED = 20260105 + 2  # bench/tm.py: args.seed + 2 for the uz units
LATIN_EVERY = 10  # every tenth unit stored in Latin


def uz_units(count: int) -> list[tuple[str, str, str]]:
    """(Latin source, Cyrillic source, Kazakh target) of `count` units, bench/tm.py's generator."""
    fragments = bench.uzbek_fragments()
    if not fragments:
        raise SystemExit(f"{bench.UZ_KK} not found (the shared data folder)")
    return list(bench.uzbek_units(fragments, count, random.Random(SEED)))


def stored(i: int, unit: tuple[str, str, str]) -> str:
    return unit[0] if i % LATIN_EVERY == LATIN_EVERY - 1 else unit[1]


def build(work: Path, en_tmx: Path | None, count: int) -> None:
    db = work / "million.db"
    if db.exists():
        raise SystemExit(f"{db} exists: remove it first")
    t0 = time.perf_counter()
    units = uz_units(count)
    uz_tmx = work / f"uz-kk-{count}-mixed.tmx"
    bench.write_tmx(uz_tmx, ((stored(i, u), u[2]) for i, u in enumerate(units)), "uz", "kk")
    print(f"{uz_tmx}: {count:,} units in {time.perf_counter() - t0:.1f} s", flush=True)
    for tmx in ([en_tmx] if en_tmx else []) + [uz_tmx]:
        imp = bench.import_in_child(db, tmx)
        print(f"import {tmx.name}: {imp['added']:,} units in {imp['seconds']:.1f} s", flush=True)


KINDS = ("latin", "latin-typo", "latin-reordered", "latin-edited", "cyrillic", "cyrillic-typo",
         "cyrillic-edited", "latin-same")


def uz_queries(units: list[tuple[str, str, str]], n: int, rng: random.Random) -> list[tuple[str, str]]:
    latin_ids = [i for i in range(len(units)) if i % LATIN_EVERY == LATIN_EVERY - 1]
    cyr_ids = [i for i in range(len(units)) if i % LATIN_EVERY != LATIN_EVERY - 1]
    per = n // len(KINDS)
    out: list[tuple[str, str]] = []
    for kind in KINDS:
        from_latin = kind in ("cyrillic", "cyrillic-edited", "latin-same")
        for i in rng.sample(latin_ids if from_latin else cyr_ids, per):
            lat, cyr, _ = units[i]
            if kind == "latin":
                q = lat
            elif kind == "latin-typo":
                q = bench.typo(lat, rng)
            elif kind == "latin-reordered":
                q = bench.reorder(lat, rng)
            elif kind == "latin-edited":
                q = bench.perturb(lat, rng)
            elif kind == "cyrillic":
                q = to_cyrillic(lat)
            elif kind == "cyrillic-typo":
                q = bench.typo(cyr, rng)
            elif kind == "cyrillic-edited":
                q = bench.perturb(to_cyrillic(lat), rng)
            else:
                q = bench.typo(lat, rng)
            out.append((q, kind))
    return out


def answers(work: Path, en_answers: Path | None, count: int, n: int, name: str = "mixed", seed: int = SEED + 1) -> None:
    path = work / f"{name}.json"
    tm = SqliteMemory(Store(work / "million.db"))
    data = [row for row in json.loads(en_answers.read_text()) if row[2] == "en"] if en_answers else []
    qs = uz_queries(uz_units(count), n, random.Random(seed))
    t0 = time.perf_counter()
    ref = bench.Exhaustive(tm, "uz", "kk")
    print(f"exhaustive reference: {len(ref.keys):,} uz->kk units read in {time.perf_counter() - t0:.1f} s", flush=True)
    for k, (q, kind) in enumerate(qs):
        data.append([q, kind, "uz", "kk", ref.best(q)[0]])
        if k % 20 == 19:
            print(f"  {k + 1} of {len(qs)} answered, {time.perf_counter() - t0:.0f} s", flush=True)
    path.write_text(json.dumps(data, ensure_ascii=False))
    print(f"{path}: {len(data)} queries")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=("build", "answers"))
    ap.add_argument("dir")
    ap.add_argument("--units", type=int, default=1_000_000)
    ap.add_argument("--queries", type=int, default=240)
    ap.add_argument("--en-tmx", type=Path, default=Path("/tmp/perftm/synthetic-1000000.tmx"))
    ap.add_argument("--en-answers", type=Path, default=Path("/tmp/perftm/exhaustive.json"))
    ap.add_argument("--name", default="mixed", help="the set's name: DIR/NAME.json")
    ap.add_argument("--seed", type=int, default=SEED + 1, help="another seed: other units, other edits")
    ap.add_argument("--no-en", action="store_true", help="uz->kk only: build imports no en->ru units; answers copies no en->ru queries")
    args = ap.parse_args()
    work = Path(args.dir)
    work.mkdir(parents=True, exist_ok=True)
    if args.what == "build":
        build(work, None if args.no_en else args.en_tmx, args.units)
    else:
        answers(work, None if args.no_en else args.en_answers, args.units, args.queries, args.name, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
