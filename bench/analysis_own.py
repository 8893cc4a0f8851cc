"""What leaving a document's own work out of the match analysis costs (`tarjimon analyse`, `stats --analysis`).

    python bench/analysis_own.py                                   # this tree
    BENCH_SRC=/tmp/before13/src python bench/analysis_own.py       # another version, measured the same

A project uz -> kk, ru holds the seed article (../shared/seeds) translated into both (tests/data/lang12, every
target confirmed: 70 units of its own in the TM), a second document with each of its sentences changed by a
word (fuzzy matches of the first's work), and 340 units of the Apertium kaz-uzb corpus (../shared/data) as a
TM from elsewhere. Timed (CPU time of this process, median of --runs): `Workbench.analyse()` as it is now
(the TM as it was when each document was imported: up to 8 matches asked per segment, the own ones passed
over) and, the peer in the same run, `analyse(own=True)` (the best match only, what every analysis did before
the thirteenth session). A tree without `own` times its `analyse()` for both.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, os.environ.get("BENCH_SRC") or str(Path(__file__).resolve().parents[1] / "src"))

from qa_article_terms import _numbered as numbered  # noqa: E402  (numbered lines of the Apertium corpus)

from tarjimon.core.workbench import Workbench  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seeds" / "kazinform-2026-01-05-uz.txt"
APERTIUM = ROOT.parent / "shared" / "data" / "parallel" / "apertium-kaz-uzb"
TRANSLATION = ROOT / "tests" / "data" / "lang12" / "article_kk_ru.tsv"


def build(folder: Path) -> None:
    project = Workbench.create(folder, "bench", "uz", ["kk", "ru"])
    with project:
        project.import_file(SEED)
        changed = folder / "changed-uz.txt"
        changed.write_text("\n\n".join(s.source.rstrip(".") + " ҳам." for s in project.segments()) + "\n",
                           encoding="utf-8")
        project.import_file(changed)
        rows = [line.split("\t") for line in TRANSLATION.read_text(encoding="utf-8").splitlines()
                if line.strip() and not line.startswith("#")]  # fmt: skip
        segments = project.segments(project.documents()[0].id)
        for number, kk, ru in rows:
            project.confirm(segments[int(number)].id, "kk", kk)
            project.confirm(segments[int(number)].id, "ru", ru)
        uzb, kaz = numbered(APERTIUM / "uzb-big.txt"), numbered(APERTIUM / "kaz-big.txt")
        for n in sorted(set(uzb) & set(kaz)):
            project.tm.add(uzb[n], kaz[n], "uz", "kk", origin="apertium")


def timed(fn, runs: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not SEED.is_file() or not APERTIUM.is_dir():
        sys.exit(f"needs {SEED} and {APERTIUM}")
    folder = Path(tempfile.mkdtemp())
    build(folder)
    with Workbench.open(folder, "bench") as project:
        try:
            project.analyse(own=True)
            now, peer = (lambda: project.analyse()), (lambda: project.analyse(own=True))
        except TypeError:  # a tree before the thirteenth session
            now = peer = project.analyse
        first = {(d.document, d.lang): {b: c.segments for b, c in d.bands.items() if c.segments}
                 for d in project.analyse().documents}  # fmt: skip
        for _ in range(2):  # alternate, so load changes hit both alike
            t_now, t_peer = timed(now, args.runs), timed(peer, args.runs)
    print(f"load average {os.getloadavg()[0]:.1f}; 2 documents x 2 languages, 70 segments, "
          f"{project_units(folder)} TM units")
    print(f"analyse (as it was at import): {t_now * 1000:.0f} ms CPU; analyse(own=True): {t_peer * 1000:.0f} ms "
          f"CPU; ratio {t_now / t_peer:.2f}")
    for key, bands in first.items():
        print(f"  {key[0]} -> {key[1]}: {bands}")


def project_units(folder: Path) -> int:
    with Workbench.open(folder, "bench") as project:
        return int(project.tm.count())


if __name__ == "__main__":
    main()
