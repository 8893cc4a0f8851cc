"""Uzbek Cyrillic text -> Latin -> Cyrillic: the share of the original's words reproduced, and the words that
differ (what Latin -> Cyrillic gets wrong on names, acronyms and codes the Cyrillic text keeps).

    python bench/translit_roundtrip.py FILE_OR_DIR...     # each .txt file of a folder
    BENCH_SRC=/tmp/before12/src python bench/translit_roundtrip.py ...   # another tree's converter

Texts not in the repository (third-party prose); docs/benchmarks.md says where each set came from.
"""

from __future__ import annotations

import os
import sys
from difflib import SequenceMatcher
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, os.environ.get("BENCH_SRC", str(ROOT / "src")))

from tarjimon.core.translit import to_cyrillic, to_latin  # noqa: E402


def main() -> None:
    files: list[Path] = []
    for arg in sys.argv[1:]:
        path = Path(arg)
        files += sorted(path.glob("*.txt")) if path.is_dir() else [path]
    total = same = 0
    for path in files:
        cyr = path.read_text(encoding="utf-8")
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
