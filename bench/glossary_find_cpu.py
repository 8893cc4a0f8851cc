"""`find` on the seed article as CPU time (time.process_time), for comparing two source trees on a loaded machine.

    for t in BEFORE_TREE . BEFORE_TREE .; do PYTHONPATH=$t/src python bench/glossary_find_cpu.py GLOSSARY.tsv; done

Copies GLOSSARY.tsv to a temporary folder, loads it (Uzbek index), finds once, then prints the median CPU time
of 25 finds with and without the fuzzy pass, and of 25 finds each made as if the text's words were new to the
index (its typo picks forgotten, TermIndex.typo_memo; a tree without them: the same as the first line). Make GLOSSARY.tsv with bench/glossary_index.py's random_tsv or
dictionary_tsv (as `glossary import` writes it).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

from tarjimon.core.glossary.store import load_glossary

SEED = Path(__file__).resolve().parents[1] / ".." / "shared" / "seeds" / "kazinform-2026-01-05-uz.txt"


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="tarjimon-find-"))
    try:
        path = tmp / "g.tsv"
        shutil.copy(sys.argv[1], path)
        text = SEED.read_text(encoding="utf-8")
        glossary = load_glossary(path, index_langs=("uz",))
        glossary.find(text, "uz")
        for fuzzy in (True, False):
            times = []
            for _ in range(25):
                t = time.process_time()
                glossary.find(text, "uz", fuzzy=fuzzy)
                times.append(time.process_time() - t)
            print(f"{sys.argv[1]} fuzzy={fuzzy}: median {sorted(times)[12] * 1000:.1f} ms CPU")
        memo = getattr(glossary.index("uz"), "typo_memo", {})
        times = []
        for _ in range(25):
            memo.clear()
            t = time.process_time()
            glossary.find(text, "uz")
            times.append(time.process_time() - t)
        print(f"{sys.argv[1]} fuzzy=True, typo picks forgotten: median {sorted(times)[12] * 1000:.1f} ms CPU")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
