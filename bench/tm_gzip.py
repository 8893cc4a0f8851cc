"""What a gzip-compressed TMX costs `tm import` (formats/gzipped.py), and how soon a gzip bomb is refused.

    python bench/tm_gzip.py [--tmx /tmp/perftm/debian-en-ru.tmx --langs en,ru] [--big /tmp/perftm/matecat-100000.tmx]
        [--runs 3]

In one process, alternated, CPU seconds (this process and its children):
- `tm import` of the TMX and of the same TMX gzipped, each into a fresh TM (ratio gz / plain);
- unpacking the big TMX's .gz (counted, then written to the scratch folder) against `gzip -dc > /dev/null`,
  the peer that only unpacks it once (ratio ours / gzip);
- a 14.6 MB bomb (one tu repeated to 4 GB) refused: seconds until the one-line refusal.
"""

from __future__ import annotations

import argparse
import gzip
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from tarjimon.core.errors import BadInput  # noqa: E402
from tarjimon.core.formats import gzipped  # noqa: E402
from tarjimon.core.store import Store  # noqa: E402
from tarjimon.core.tm.sqlite.backend import SqliteMemory  # noqa: E402


def cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def timed(fn) -> tuple[float, float, object]:  # type: ignore[no-untyped-def]
    c, t = cpu(), time.perf_counter()
    got = fn()
    return cpu() - c, time.perf_counter() - t, got


def bomb(path: Path) -> Path:
    z = zlib.compressobj(9, zlib.DEFLATED, 31)
    tu = b'<tu><tuv xml:lang="uz"><seg>Gap</seg></tuv><tuv xml:lang="kk"><seg>Soz</seg></tuv></tu>\n'
    block = tu * ((1 << 20) // len(tu))
    with open(path, "wb") as f:
        f.write(z.compress(b'<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="uz"/><body>'))
        for _ in range(4096):
            f.write(z.compress(block))
        f.write(z.flush())
    return path


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tmx", default="/tmp/perftm/debian-en-ru.tmx")
    ap.add_argument("--langs", default="en,ru")
    ap.add_argument("--big", default="/tmp/perftm/matecat-100000.tmx")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    src, tgt = args.langs.split(",")
    work = Path(tempfile.mkdtemp(prefix="bench-tm-gzip-"))
    try:
        plain = Path(args.tmx)
        gz = work / (plain.name + ".gz")
        gz.write_bytes(gzip.compress(plain.read_bytes(), 6))
        print(f"{plain.name}: {plain.stat().st_size:,} bytes, gzipped {gz.stat().st_size:,}")
        for run in range(args.runs):
            got = {}
            for kind, path in (("plain", plain), ("gz", gz)) if run % 2 == 0 else (("gz", gz), ("plain", plain)):
                db = work / f"{kind}{run}.db"
                c, w, r = timed(lambda p=path, d=db: SqliteMemory(Store(d), src, [tgt]).import_file(p))
                got[kind] = (c, w, r.added)  # type: ignore[attr-defined]
            print(f"import run {run}: plain {got['plain'][0]:.2f} s CPU ({got['plain'][2]:,} added), "
                  f"gz {got['gz'][0]:.2f} s CPU ({got['gz'][2]:,} added): ratio gz/plain "
                  f"{got['gz'][0] / got['plain'][0]:.3f}")
        big = Path(args.big)
        if big.is_file():
            bgz = work / (big.name + ".gz")
            with open(big, "rb") as f, gzip.open(bgz, "wb", 6) as out:
                shutil.copyfileobj(f, out, 1 << 20)
            print(f"{big.name}: {big.stat().st_size:,} bytes, gzipped {bgz.stat().st_size:,}")
            for run in range(args.runs):
                def ours() -> None:
                    with gzipped.plain(bgz, 8 << 30):
                        pass

                def peer() -> None:
                    subprocess.run(["gzip", "-dc", str(bgz)], stdout=subprocess.DEVNULL, check=True)

                pairs = [("ours", ours), ("gzip -dc", peer)]
                got = {name: timed(fn)[0] for name, fn in (pairs if run % 2 == 0 else pairs[::-1])}
                print(f"unpack run {run}: ours {got['ours']:.2f} s CPU, gzip -dc {got['gzip -dc']:.2f} s CPU: "
                      f"ratio {got['ours'] / got['gzip -dc']:.2f}")
        b = bomb(work / "bomb.tmx.gz")

        def refuse() -> str:
            try:
                with gzipped.plain(b, 8 << 30):
                    return "accepted!"
            except BadInput as exc:
                return str(exc)

        c, w, msg = timed(refuse)
        print(f"bomb {b.stat().st_size:,} bytes: refused after {c:.2f} s CPU, {w:.2f} s wall: {msg}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
