"""Tags written in TM texts (tm/tagged.py): the scores of tag-only matches, and every other shown match
unchanged, on the real TMX and PO files of ../shared, this tree against another (the peer: BENCH_SRC).

    python bench/tm_tags.py dump OUT.json                            # this tree
    BENCH_SRC=/tmp/before11/src python bench/tm_tags.py dump OUT.json  # the before-tree
    python bench/tm_tags.py compare BEFORE.json AFTER.json

The TM: every TMX and PO file of ../shared/data/interop (real/ and the compliance files) imported into one
SQLite TM (files a tree refuses are skipped, the same in both). Queries, for every unit (by source, target
language): the source as it is ("same"), the source with the tags written in it removed ("untagged": what
a plain sentence looks like against a unit holding {0}, %s or <b>), and, for a unit with TMX markup or tags
in its text, the source shown with ⟨n⟩ tags ("tagged": a project's DOCX segment). `compare` prints, per kind,
how many queries' shown matches (unit, score, penalties, diff) differ and the mean best score of the query's
own unit before and after, and counts the queries without any tag (in the query or the units shown) whose
matches differ: that must be 0.
"""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if os.environ.get("BENCH_SRC"):
    sys.path.insert(0, os.environ["BENCH_SRC"])
else:
    sys.path.insert(0, str(ROOT / "src"))
SHARED = ROOT.parent / "shared" / "data" / "interop"
# the tags tm/tagged.py knows, written here again so that the before-tree makes the same queries
_ELEMENTS = "a|b|i|u|s|em|strong|span|br|sup|sub|small|big|code|kbd|font|img|mark|abbr|q|strike|tt|g|x|bx|ex|ph|bpt|ept|it"
TAG = re.compile(r"⟨/?\d+/?⟩|%?\{\d+\}|%?\{[A-Za-z_]\w*\}|%(?:\d+\$)?(?:\(\w+\))?[sdif]"
                 rf"|</?(?:{_ELEMENTS})(?:\s+[^<>]*)?/?>", re.IGNORECASE)


def _untagged(text: str) -> str:
    return " ".join(TAG.sub(" ", text).split())


def dump(out: Path) -> None:
    from tarjimon.core.formats import tmx
    from tarjimon.core.store import Store
    from tarjimon.core.tm.sqlite.backend import SqliteMemory

    with tempfile.TemporaryDirectory() as tmp:
        tm = SqliteMemory(Store(Path(tmp) / "tm.db"))
        files = sorted(SHARED.rglob("*.tmx")) + sorted(SHARED.rglob("*.po"))
        taken = []
        for path in files:
            if path.stat().st_size > 5_000_000:
                continue
            try:
                tm.import_file(path)
                taken.append(path.name)
            except Exception:  # a file the tree refuses (a probe): skipped, the same in both trees
                continue
        rows = []
        for u in tm.units():
            queries = [("same", u.source), ("untagged", _untagged(u.source))]
            shown = tmx.display(u.source_markup, u.source) if u.source_markup else u.source
            if TAG.search(shown):
                queries.append(("tagged", re.sub(r"\{(\d+)\}", r"⟨\1/⟩", shown)))
            for kind, q in queries:
                if not q.strip():
                    continue
                matches = tm.lookup(q, u.target_lang, source_lang=u.source_lang, limit=5, min_score=50)
                rows.append({"kind": kind, "query": q, "unit": u.id, "pair": f"{u.source_lang}>{u.target_lang}",
                             "matches": [[m.unit_id, m.score, list(m.penalties), [list(d) for d in m.diff],
                                          m.source] for m in matches]})  # fmt: skip
        tm.close()
    out.write_text(json.dumps({"files": taken, "rows": rows}, ensure_ascii=False))
    print(f"{len(taken)} files, {len(rows)} queries -> {out}")


def compare(a_path: Path, b_path: Path) -> int:
    a, b = json.loads(a_path.read_text()), json.loads(b_path.read_text())
    assert a["files"] == b["files"], "the trees imported different files"
    stats: dict[str, list[int]] = {}
    plain_changed = 0
    for ra, rb in zip(a["rows"], b["rows"], strict=True):
        assert ra["query"] == rb["query"]
        kind = ra["kind"]
        s = stats.setdefault(kind, [0, 0, 0, 0])  # queries, differing, sum of own score before, after
        s[0] += 1
        s[1] += ra["matches"] != rb["matches"]
        own_a = next((m[1] for m in ra["matches"] if m[0] == ra["unit"]), 0)
        own_b = next((m[1] for m in rb["matches"] if m[0] == rb["unit"]), 0)
        s[2] += own_a
        s[3] += own_b
        tagged = TAG.search(ra["query"]) or any(TAG.search(m[4]) for m in ra["matches"] + rb["matches"])
        if not tagged and ra["matches"] != rb["matches"]:
            plain_changed += 1
            print("  changed without tags:", ra["query"][:80])
    print(f"{'kind':<10}{'queries':>8}{'differ':>8}{'own score before':>18}{'after':>8}")
    for kind, (n, diff, before, after) in stats.items():
        print(f"{kind:<10}{n:>8}{diff:>8}{before / n:>18.1f}{after / n:>8.1f}")
    print(f"queries with no tag in the query or the units shown whose matches differ: {plain_changed}")
    return 1 if plain_changed else 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["dump"]:
        dump(Path(sys.argv[2]))
    elif sys.argv[1:2] == ["compare"]:
        sys.exit(compare(Path(sys.argv[2]), Path(sys.argv[3])))
    else:
        sys.exit(__doc__)
