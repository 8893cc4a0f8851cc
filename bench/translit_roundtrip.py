"""Uzbek Cyrillic text -> Latin -> Cyrillic: the share of the original's words reproduced, and the words that
differ (what Latin -> Cyrillic gets wrong on names, acronyms and codes the Cyrillic text keeps).

    python bench/translit_roundtrip.py FILE_OR_DIR...     # each .txt file of a folder
    python bench/translit_roundtrip.py --cases FILE...     # also the texts in capitals and in title case (lang13)
    python bench/translit_roundtrip.py --lists             # ../shared/data/translit's words, in capitals (lang13)
    BENCH_SRC=/tmp/before12/src python bench/translit_roundtrip.py ...   # another tree's converter

Texts not in the repository (third-party prose); docs/benchmarks.md says where each set came from.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from difflib import SequenceMatcher
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, os.environ.get("BENCH_SRC", str(ROOT / "src")))

from tarjimon.core.translit import to_cyrillic, to_latin  # noqa: E402

LISTS = ROOT.parent / "shared" / "data" / "translit"


def lists() -> None:
    """Each word of the exception lists whose lower-case conversion is right, in capitals before a capital
    word (a headline's run of capitals): Latin -> Cyrillic, and the Cyrillic round trip."""
    pairs = []  # (latin, cyrillic): fitrat's list is cyrillic<TAB>latin, UzTransliterator's latin,cyrillic
    for line in (LISTS / "lat_cyr_data_exceptions.tsv").read_text("utf-8").splitlines()[2:]:
        cyr, _, lat = line.partition("\t")
        pairs.append((lat.strip(), cyr.strip()))
    for line in (LISTS / "cyr_exwords.csv").read_text("utf-8").splitlines():
        lat, _, cyr = line.partition(",")
        pairs.append((lat.strip(), cyr.strip()))
    right = [(lat, cyr) for lat, cyr in pairs if lat.replace("'", "").isalpha() and to_cyrillic(lat) == cyr]
    caps = sum(to_cyrillic(lat.upper() + " SHAHRI").split()[0] == cyr.upper() for lat, cyr in right)
    print(f"Latin -> Cyrillic: {len(right)} words right in lower case, {caps} in capitals")
    words = [cyr for _lat, cyr in pairs if cyr.isalpha() and to_cyrillic(to_latin(cyr)) == cyr]
    caps = sum(to_cyrillic(to_latin(w.upper() + " ШАҲРИ")).split()[0] == w.upper() for w in words)
    print(f"Cyrillic round trip: {len(words)} words right in lower case, {caps} in capitals")


def main() -> None:
    if "--lists" in sys.argv:
        lists()
        return
    files: list[Path] = []
    for arg in sys.argv[1:]:
        if arg == "--cases":
            continue
        path = Path(arg)
        files += sorted(path.glob("*.txt")) if path.is_dir() else [path]
    cases = [("as written", str)] + ([("capitals", str.upper), ("title case", str.title)] if "--cases" in sys.argv else [])
    for name, change in cases:
        if len(cases) > 1:
            print(f"== {name}")
        score(files, change)


def score(files: list[Path], change: Callable[[str], str]) -> None:
    total = same = 0
    for path in files:
        cyr = change(path.read_text(encoding="utf-8"))
        got, want = to_cyrillic(to_latin(cyr)).split(), cyr.split()
        matcher = SequenceMatcher(None, got, want, autojunk=False)
        total += len(want)
        same += sum(block.size for block in matcher.get_matching_blocks())
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag != "equal":
                print(f"  {path.name}: want {' '.join(want[j1:j2])!r}, got {' '.join(got[i1:i2])!r}")
    print(f"{len(files)} files, {total} words, reproduced {same}, agreement {same / max(total, 1):.4f}")


if __name__ == "__main__":
    main()
