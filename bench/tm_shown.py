"""The matches a TM lookup shows, dumped for every query of a bench set, to check that a speed change shows
exactly the same thing (units, scores, penalties, word diffs, texts, displays, origin, in order).

    python bench/tm_shown.py dump DIR SET OUT.json          # SET: DIR/<SET>.json (mixed, uz-heldout, exhaustive)
    BENCH_SRC=<other tree>/src python bench/tm_shown.py dump DIR SET OUT.json   # another tree's code
    python bench/tm_shown.py compare A.json B.json           # every query whose shown matches differ; exit 1 if any

Lookups as bench/tm_settings.py runs them (limit 5, min score 50, the default budget and candidates).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
if os.environ.get("BENCH_SRC"):
    sys.path.insert(0, os.environ["BENCH_SRC"])


def dump(work: Path, name: str, out: Path) -> int:
    from tarjimon.core.store import Store
    from tarjimon.core.tm.sqlite.backend import SqliteMemory

    data = json.loads((work / f"{name}.json").read_text())
    tm = SqliteMemory(Store(work / "million.db"))
    rows = []
    for q, kind, sl, tl, _ in data:
        found = tm.lookup(q, tl, source_lang=sl, limit=5, min_score=50)
        rows.append([q, kind, [[m.unit_id, m.score, list(m.penalties), [list(d) for d in m.diff], m.source,
                                m.target, m.source_display, m.target_display, m.origin, m.context_match]
                               for m in found]])
    out.write_text(json.dumps(rows, ensure_ascii=False))
    print(f"{len(rows)} lookups of {work / name}.json -> {out}")
    return 0


def compare(a: Path, b: Path) -> int:
    ra, rb = json.loads(a.read_text()), json.loads(b.read_text())
    if len(ra) != len(rb):
        print(f"different query sets: {len(ra)} and {len(rb)} lookups")
        return 1
    differ = 0
    for (q, kind, ma), (_, _, mb) in zip(ra, rb, strict=True):
        if ma != mb:
            differ += 1
            print(f"  [{kind}] {q[:80]!r}: {[(m[0], m[1]) for m in ma]} vs {[(m[0], m[1]) for m in mb]}")
    print(f"{len(ra) - differ} of {len(ra)} lookups show identical matches (units, scores, penalties, diffs, texts, displays); "
          f"{differ} differ")
    return 1 if differ else 0


def main() -> int:
    args = sys.argv[1:]
    if len(args) == 4 and args[0] == "dump":
        return dump(Path(args[1]), args[2], Path(args[3]))
    if len(args) == 3 and args[0] == "compare":
        return compare(Path(args[1]), Path(args[2]))
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main())
