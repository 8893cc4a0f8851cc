"""Where a lookup's shown matches stand among its candidates (the index's order), for a query set: what scoring
fewer than the 60 candidates would change (issue 11 goal 4).

    python bench/tm_positions.py DIR SET              # DIR/million.db, the queries of DIR/SET.json (bench/tm_uz.py)
    BENCH_SRC=<other tree>/src python bench/tm_positions.py DIR SET

Each query is looked up as bench/tm_settings.py does (min score bench/tm.py's MIN), its candidates' ids taken
from the backend's `_candidate_keys`. Printed: how many lookups take their top match from each tenth of the
candidate list, and how many show some match (of the five) from position 30, 40 and 50 on: a lookup whose
candidates were cut there would show other matches.
"""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import tm as bench  # noqa: E402  (bench/tm.py put this tree's src/ first)

if os.environ.get("BENCH_SRC"):
    sys.path.insert(0, os.environ["BENCH_SRC"])
    for name in [m for m in sys.modules if m.startswith("tarjimon")]:
        del sys.modules[name]

from tarjimon.core.store import Store  # noqa: E402
from tarjimon.core.tm.sqlite.backend import SqliteMemory  # noqa: E402


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    work, name = Path(sys.argv[1]), sys.argv[2]
    data = json.loads((work / f"{name}.json").read_text())
    tm = SqliteMemory(Store(work / "million.db"))
    top1: Counter[int] = Counter()
    deepest: list[int] = []
    for q, _kind, sl, tl, _best in data:
        keys, _ = tm._candidate_keys(q, sl, tl)
        at = {i: k for k, (i, _) in enumerate(keys)}
        shown = tm.lookup(q, tl, source_lang=sl, min_score=bench.MIN)
        if shown:
            top1[at[shown[0].unit_id] // 10] += 1
            deepest.append(max(at[m.unit_id] for m in shown))
    print(f"{len(data)} lookups of {work / name}.json, {len(deepest)} with a match shown")
    print("  top match from positions: " + ", ".join(f"{10 * d}-{10 * d + 9}: {n}" for d, n in sorted(top1.items())))
    print("  some match shown from position " + ", ".join(
        f"{p} on: {sum(x >= p for x in deepest)}" for p in (30, 40, 50)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
