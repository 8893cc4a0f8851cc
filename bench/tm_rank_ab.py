"""The candidates' stage (tm/postings.py `rank`) of two trees on the same captured inputs, interleaved per lookup
in ONE process: steadier than bench/tm_cpu.py's alternating processes on a loaded machine, where a round's CPU
moves by +-7% (the trees' rank run lookup by lookup in turn, so a burst of load falls on both).

    python bench/tm_rank_ab.py DIR SET --before OTHER/src [--runs 9]
    python bench/tm_rank_ab.py /tmp/tmlook11/uz uz --before /tmp/before11/src

SET is DIR/<SET>.json (bench/tm_uz.py, bench/tm_settings.py). The set's lookups are run once with this tree's
code and each lookup's inputs kept (bench/tm_cpu.py's capture: the stems' document frequencies, every list
read); then OTHER's tm/postings.py and tm/sums.py are loaded beside this tree's and both `rank`s run on each
lookup in turn (which first alternates), --runs times, keeping each lookup's least CPU (`time.thread_time_ns`).
Printed: the candidates that differ (must be 0), and per kind of lookup (all; plain: the lists read decide;
pool: the lists not read complete a pool) the median and mean CPU of each tree in us and the median of the
per-lookup ratio this tree / OTHER.
"""

from __future__ import annotations

import importlib.util
import pickle
import statistics
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import tm_cpu  # noqa: E402  (the capture)


def _load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> int:
    args = sys.argv[1:]
    opts = dict(zip(args[2::2], args[3::2], strict=False))
    if len(args) < 4 or "--before" not in opts:
        print(__doc__)
        return 2
    work, name, runs = Path(args[0]), args[1], int(opts.get("--runs", 9))
    other = Path(opts["--before"]) / "tarjimon/core/tm"
    with tempfile.TemporaryDirectory() as tmp:
        tm_cpu.capture(work, name, Path(tmp) / "cases.pkl")
        cases = [c[4] for c in pickle.loads((Path(tmp) / "cases.pkl").read_bytes()) if c[4] is not None]
    from tarjimon.core.tm import postings

    sums = _load("other_sums", other / "sums.py")
    before = _load("other_postings", other / "postings.py")
    for attr in ("totals", "marked", "ascending_ids", "accumulator"):  # the other tree's sums, where it has them
        if hasattr(before, attr) and hasattr(sums, attr):
            setattr(before, attr, getattr(sums, attr))
    pooled = _pooled(postings, cases)
    least = [[1 << 62, 1 << 62] for _ in cases]
    differ = 0
    for r in range(runs):
        for k, (present, top, budget, limit, lists, ids) in enumerate(cases):
            def read(toks: list[str], ls: dict[str, Any] = lists) -> dict[str, Any]:
                return {t: ls[t] for t in toks}

            for which in (0, 1) if (r + k) % 2 else (1, 0):
                module = before if which == 0 else postings
                t0 = time.thread_time_ns()
                got = module.rank(present, top, budget, limit, read)
                least[k][which] = min(least[k][which], time.thread_time_ns() - t0)
                differ += r == 0 and got != ids
    print(f"{name}: postings.rank, this tree against {opts['--before']}, interleaved per lookup, least of {runs}; "
          f"{differ} candidate lists differ; load {open('/proc/loadavg').read().split()[0]}")
    for kind, keep in (("all", [True] * len(cases)), ("plain", [not p for p in pooled]), ("pool", pooled)):
        a = [x[0] / 1e3 for x, s in zip(least, keep, strict=True) if s]
        b = [x[1] / 1e3 for x, s in zip(least, keep, strict=True) if s]
        if a:
            ratio = statistics.median(y / x for x, y in zip(a, b, strict=True))
            print(f"  {kind:5s} {len(a):3d} lookups: other {statistics.median(a):7.1f} / {statistics.mean(a):7.1f} us, "
                  f"this tree {statistics.median(b):7.1f} / {statistics.mean(b):7.1f} (median / mean); "
                  f"this / other per lookup {ratio:.3f}")
    return 0


def _pooled(postings: ModuleType, cases: list[Any]) -> list[bool]:
    """Which lookups go to the pool (the lists not read decide), by this tree's code."""
    seen: list[bool] = []
    real = postings._pool

    def spy(*a: Any) -> Any:
        seen[-1] = True
        return real(*a)

    postings._pool = spy
    try:
        for present, top, budget, limit, lists, _ids in cases:
            seen.append(False)
            postings.rank(present, top, budget, limit, lambda toks, ls=lists: {t: ls[t] for t in toks})
    finally:
        postings._pool = real
    return seen


if __name__ == "__main__":
    sys.exit(main())
