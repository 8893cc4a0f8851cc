"""Kazakh spelling (QA `spelling`, core/qa/spelling.py): false alarms on human Kazakh text and planted typos
caught, for this tree and a --before tree (a child process each, the same texts).

    python bench/qa_spelling_kk.py [--before /tmp/before11] [-v]

Texts: the Kazakh side of ../shared/data/parallel (536 sentences, 5,556 words: the development set of the
verb-form rule of the eleventh session) and the msgstrs of the GNOME and Weblate Kazakh PO files of
../shared/data/interop/real/po (held out: not looked at while the rule was written). Every word the check
reports in them counts as a false alarm (a few are the texts' own typos: түрғындар, олданбалар). Typos are
planted in the words of five letters or more the Hunspell dictionary itself knows (the same words for both
trees): the first Kazakh letter typed as its Russian look-alike (қ -> к, і -> и, ң -> н: a keyboard without
Kazakh letters), and two neighbouring letters swapped (a fixed random seed); a typo that is itself in the
dictionary is not counted. The peer is the --before tree, measured in the same run.
"""

from __future__ import annotations

import argparse
import glob
import json
import random
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
LOOK = {"қ": "к", "ғ": "г", "ұ": "у", "ү": "у", "ө": "о", "ә": "а", "і": "и", "ң": "н"}


def texts() -> dict[str, list[str]]:
    import polib

    parallel = []
    for name in ("apertium-kaz-uzb/kaz-big.txt", "apertium-eng-kaz/evaluation_text1.kaz.txt",
                 "apertium-eng-kaz/evaluation_t2unk.kaz.txt", "apertium-eng-kaz/kaz.txt"):  # fmt: skip
        parallel += [line.split("\t", 1)[-1].strip() for line in (SHARED / "parallel" / name).open(encoding="utf-8")]
    po = []
    for name in sorted(glob.glob(str(SHARED / "interop" / "real" / "po" / "*kk*.po"))):
        for e in polib.pofile(name):
            po += [m for m in [e.msgstr, *e.msgstr_plural.values()] if m]
    return {"parallel (development)": parallel, "GNOME/Weblate PO (held out)": po}


def score(src: str) -> dict[str, list[int]]:
    sys.path.insert(0, src)
    from tarjimon.core.qa.spelling import Speller, dictionary

    speller, kk = Speller(), dictionary("kk")
    out = {}
    for name, lines in texts().items():
        words = flagged = planted = caught = swapped = swap_caught = 0
        rnd, seen = random.Random(11), set()
        for line in lines:
            words += len(re.findall(r"\w+", line))
            for _, _, word in speller.misspelt(line, "kk"):
                flagged += 1
                if VERBOSE:
                    print(f"  {name}: {word}", file=sys.stderr)
            for m in re.finditer(r"[^\W\d_]+", line):
                w = m.group()
                if len(w) < 5 or w[0].isupper() or w in seen or not kk.lookup(w):
                    continue
                seen.add(w)
                i = next((i for i, c in enumerate(w) if c in LOOK), None)
                if i is not None and not kk.lookup(t := w[:i] + LOOK[w[i]] + w[i + 1 :]):
                    planted += 1
                    caught += not speller.word_ok(t, "kk")
                j = rnd.randrange(1, len(w) - 1)
                t = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
                if t != w and not kk.lookup(t):
                    swapped += 1
                    swap_caught += not speller.word_ok(t, "kk")
        out[name] = [len(lines), words, flagged, planted, caught, swapped, swap_caught]
    return out


VERBOSE = False


def main() -> None:
    global VERBOSE
    ap = argparse.ArgumentParser()
    ap.add_argument("--before", help="a tree to compare (its src/, in a child process)")
    ap.add_argument("--score", help=argparse.SUPPRESS)
    ap.add_argument("-v", action="store_true", help="print each word reported")
    args = ap.parse_args()
    VERBOSE = args.v
    if args.score:
        print(json.dumps(score(args.score)))
        return
    runs = {"after": score(str(ROOT / "src"))}
    if args.before:
        child = subprocess.run([sys.executable, __file__, "--score", str(Path(args.before) / "src")],
                               capture_output=True, text=True, check=True)  # fmt: skip
        runs["before"] = json.loads(child.stdout)
    for name in runs["after"]:
        for tree, result in runs.items():
            n, words, flagged, planted, caught, swapped, swap_caught = result[name]
            print(f"{name}, {tree}: {n} texts, {words} words, {flagged} reported ({flagged / words:.1%}); "
                  f"Kazakh-letter typos caught {caught}/{planted} ({caught / planted:.1%}), swapped letters "
                  f"{swap_caught}/{swapped} ({swap_caught / swapped:.1%})")  # fmt: skip


if __name__ == "__main__":
    main()
