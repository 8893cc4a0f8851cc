"""The number check with numbers written in words (core/qa/number_words.py), scored on text it was not written
from: the human translations of ../shared/data/parallel (uz-kk 343 pairs, en-kk 193, both directions).

    python bench/qa_number_words.py [--before /tmp/before11] [-v]

A human translation that writes "five to eight" as "5-8", or "uch" as "3", is right: each number finding on
these pairs is a false alarm. Recall: each target holding a digit gets its first number changed (last digit
+ 1), and the check must still report it. Printed per direction: false alarms and planted faults caught, for
this tree and for --before (run in a child process, the same pairs), and the cost per target of the number
check against the digits-only check of the same tree (the peer, same run).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PARALLEL = ROOT.parent / "shared" / "data" / "parallel"
DIRECTIONS = [("uz", "kk", ["apertium-kaz-uzb/uzb-big.txt"], ["apertium-kaz-uzb/kaz-big.txt"]),
              ("en", "kk", ["apertium-eng-kaz/evaluation_text1.eng.txt", "apertium-eng-kaz/evaluation_t2unk.eng.txt",
                            "apertium-eng-kaz/eng.txt"],
               ["apertium-eng-kaz/evaluation_text1.kaz.txt", "apertium-eng-kaz/evaluation_t2unk.kaz.txt",
                "apertium-eng-kaz/kaz.txt"])]  # fmt: skip


def _lines(name: str) -> list[str]:
    return (PARALLEL / name).read_text(encoding="utf-8").splitlines()


def pairs() -> list[tuple[str, str, str, str]]:
    """(source language, target language, source, target) for every pair, both directions."""
    out = []
    for a, b, files_a, files_b in DIRECTIONS:
        for fa, fb in zip(files_a, files_b, strict=True):
            la, lb = _lines(fa), _lines(fb)
            if "\t" in la[0]:
                da = dict(x.split("\t", 1) for x in la if "\t" in x)
                db = dict(x.split("\t", 1) for x in lb if "\t" in x)
                both = [(da[k], db[k]) for k in da if k in db]
            else:
                both = list(zip(la, lb, strict=False))
            out += [(a, b, s, t) for s, t in both] + [(b, a, t, s) for s, t in both]
    return out


def score(src: str) -> dict[str, list[int]]:
    """{direction: [pairs, false alarms, planted, caught]} with the tree at `src`."""
    sys.path.insert(0, src)
    from tarjimon.core.qa.checks import check_segment

    out: dict[str, list[int]] = {}
    for sl, tl, s, t in pairs():
        row = out.setdefault(f"{sl}->{tl}", [0, 0, 0, 0])
        row[0] += 1
        if any(f.check == "number" for f in check_segment(s, t, tl, source_lang=sl)):
            row[1] += 1
            if VERBOSE:
                print(f"  alarm {sl}->{tl} | {s[:80]} | {t[:80]}", file=sys.stderr)
        m = re.search(r"\d+", t)
        if m:
            d = m.group()
            wrong = t[: m.start()] + d[:-1] + str((int(d[-1]) + 1) % 10) + t[m.end() :]
            row[2] += 1
            row[3] += any(f.check == "number" for f in check_segment(s, wrong, tl, source_lang=sl))
    return out


def cost() -> tuple[float, float]:
    """Microseconds per target of the number check with words, and of the digits-only check (the peer)."""
    sys.path.insert(0, str(ROOT / "src"))
    from tarjimon.core.qa.checks import _check_numbers

    rows = pairs()
    best = [float("inf"), float("inf")]
    for _ in range(7):  # interleaved, the best of each: a loaded machine slows both alike
        for i, with_words in enumerate((True, False)):
            start = time.perf_counter()
            for sl, tl, s, t in rows:
                _check_numbers(s, t, tl, sl) if with_words else _check_numbers(s, t)
            best[i] = min(best[i], time.perf_counter() - start)
    return best[0] / len(rows) * 1e6, best[1] / len(rows) * 1e6


VERBOSE = False


def main() -> None:
    global VERBOSE
    ap = argparse.ArgumentParser()
    ap.add_argument("--before", help="a tree to compare (its src/ is scored in a child process)")
    ap.add_argument("--score", help=argparse.SUPPRESS)  # the child: score this src, print JSON
    ap.add_argument("-v", action="store_true", help="print each false alarm")
    args = ap.parse_args()
    VERBOSE = args.v
    if args.score:
        print(json.dumps(score(args.score)))
        return
    after = score(str(ROOT / "src"))
    before = None
    if args.before:
        child = subprocess.run([sys.executable, __file__, "--score", str(Path(args.before) / "src")],
                               capture_output=True, text=True, check=True)  # fmt: skip
        before = json.loads(child.stdout)
    for direction, (n, alarms, planted, caught) in after.items():
        line = f"{direction}: {n} pairs, {alarms} false alarms, {caught}/{planted} planted wrong numbers caught"
        if before:
            b = before[direction]
            line += f" (before: {b[1]} false alarms, {b[3]}/{b[2]} caught)"
        print(line)
    words, digits = cost()
    print(f"number check per target: {words:.1f} µs with words, {digits:.1f} µs digits only "
          f"(ratio {words / digits:.2f})")  # fmt: skip


if __name__ == "__main__":
    main()
