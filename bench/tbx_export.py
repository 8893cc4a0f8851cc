"""What a TBX export costs, v2 (`--format tbx2`) against its peer v3 (`--format tbx`), in the same process,
round by round (CPU time, least of ROUNDS): a v2 export of a glossary holding categories TBX-Basic has not is
built twice (TBX-Basic, then TBX 2008's default dialect, which keeps them).

    python bench/tbx_export.py FILE.tbx [--rounds 5]
    BENCH_SRC=/tmp/before13/src python bench/tbx_export.py FILE.tbx   # another tree's code

FILE is read once (formats.tbx.read_tbx); both exports' least CPU times and their ratio are printed.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, os.environ.get("BENCH_SRC") or str(Path(__file__).resolve().parents[1] / "src"))


def least(run: object, rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        started = time.process_time()
        run()  # type: ignore[operator]
        best = min(best, time.process_time() - started)
    return best


def main() -> None:
    from tarjimon.core.formats.tbx import read_tbx, tbx_bytes

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("file")
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    glossary = read_tbx(args.file, "bench")
    v3 = least(lambda: tbx_bytes(glossary, 3), args.rounds)
    v2 = least(lambda: tbx_bytes(glossary, 2), args.rounds)
    print(f"{Path(args.file).name}: {len(glossary.concepts)} concepts")
    print(f"v3 {v3 * 1000:.1f} ms CPU · v2 {v2 * 1000:.1f} ms CPU · ratio v2/v3 {v2 / v3:.2f}")


if __name__ == "__main__":
    main()
