"""File-format benchmark: what the format registry costs, and TM import/export against a peer source tree.

    python bench/formats.py TMX_FILE --peer ../main/src [--rounds 4]

The registry's lookup (content sniffing included) is timed in-process. The TM import and export go through
the CLI (`tarjimon tm import`, `tm export`), alternating this tree and the peer tree round by round so both
see the same machine load; the medians and their ratio are printed, and the two exports are compared (equal
but for the import timestamps).
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parents[1] / "src"


def run(src: Path, *args: str) -> float:
    env = dict(os.environ, PYTHONPATH=str(src))
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "tarjimon", *args], env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("tmx", type=Path)
    ap.add_argument("--peer", type=Path, required=True, help="the src/ folder of the tree to compare with")
    ap.add_argument("--rounds", type=int, default=4)
    args = ap.parse_args()

    sys.path.insert(0, str(HERE))
    from tarjimon.core.formats import registry

    n = 2000
    started = time.perf_counter()
    for _ in range(n):
        registry.for_path(args.tmx, kind="units", purpose="read")
    print(f"registry.for_path on {args.tmx.name}: {(time.perf_counter() - started) / n * 1e6:.0f} µs per lookup")

    times: dict[str, dict[str, list[float]]] = {"this": {"import": [], "export": []}, "peer": {"import": [], "export": []}}
    with tempfile.TemporaryDirectory() as tmp:
        for r in range(args.rounds):
            for name, src in (("this", HERE), ("peer", args.peer.resolve())):
                folder = Path(tmp) / f"{name}{r}"
                run(src, "new", "b", "--source", "en", "--targets", "ru", "--projects-dir", str(folder))
                times[name]["import"].append(run(src, "tm", "import", "b", str(args.tmx), "--projects-dir", str(folder)))
                times[name]["export"].append(run(src, "tm", "export", "b", "-o", str(folder / "out.tmx"),
                                                 "--projects-dir", str(folder)))
        strip = re.compile(rb' creationdate="[^"]*" changedate="[^"]*"')
        same = strip.sub(b"", (Path(tmp) / "this0" / "out.tmx").read_bytes()) == strip.sub(
            b"", (Path(tmp) / "peer0" / "out.tmx").read_bytes())
    for step in ("import", "export"):
        a, b = statistics.median(times["this"][step]), statistics.median(times["peer"][step])
        print(f"tm {step} (CLI, {args.rounds} rounds): this {a:.2f} s, peer {b:.2f} s, ratio {a / b:.2f}")
    print(f"exports equal but for timestamps: {same}; load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
