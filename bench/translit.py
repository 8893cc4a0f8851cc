"""Benchmark Uzbek Cyrillic <-> Latin conversion against peers measured in the same run.

    python bench/translit.py              # accuracy (word list, texts, seed) and speed
    python bench/translit.py --derive     # rebuild the derived section of exceptions.tsv

Peers: alifbo (pip install alifbo; its 2026-alphabet output is taken through ``to_old_latin``, its
input through ``to_new_latin``) and PyICU's CLDR ``uz_Cyrl-uz_Latn`` transform when installed.
Peer output gets the same apostrophe normalisation as ours before comparison.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import time
from collections.abc import Callable
from difflib import SequenceMatcher
from pathlib import Path

from tarjimon.core.translit import _cyr2lat, _lat2cyr, normalize_apostrophes, to_cyrillic, to_latin
from tarjimon.core.translit._lexicon import Lexicon, latin_key, parse_lines

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data"
SHARED = REPO.parent / "shared"
SEED = SHARED / "seeds" / "kazinform-2026-01-05-uz.txt"
# Third-party Latin Uzbek (Apertium kaz-uzb texts, GPL-3.0): a check not written with our rules.
THIRD_PARTY = SHARED / "data" / "parallel" / "apertium-kaz-uzb" / "uzb-big.txt"
EXCEPTIONS = REPO / "src" / "tarjimon" / "core" / "translit" / "exceptions.tsv"
DERIVED_MARK = "# == derived (Latin -> Cyrillic only) =="

Convert = Callable[[str], str]


def peers() -> dict[str, tuple[Convert, Convert]]:
    """name -> (to_latin, to_cyrillic) for every peer that is installed."""
    found: dict[str, tuple[Convert, Convert]] = {"tarjimon": (to_latin, to_cyrillic)}
    try:
        import alifbo

        found[f"alifbo {alifbo.__version__}"] = (
            lambda t: alifbo.to_old_latin(alifbo.from_cyrillic(t).text).text,
            lambda t: alifbo.to_cyrillic(alifbo.to_new_latin(t).text).text,
        )
    except ImportError:
        print("alifbo not installed: pip install alifbo", file=sys.stderr)
    try:
        import icu

        fwd = icu.Transliterator.createInstance("uz_Cyrl-uz_Latn")
        back = icu.Transliterator.createInstance("uz_Latn-uz_Cyrl")
        found["PyICU (CLDR)"] = (fwd.transliterate, lambda t: back.transliterate(normalize_apostrophes(t)))
    except Exception:  # noqa: BLE001 - PyICU missing or without the transform
        print("PyICU not installed: skipped", file=sys.stderr)
    return found


def word_pairs() -> list[tuple[str, str, str]]:
    rows = []
    for line in (DATA / "translit_words.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(tuple(line.split("\t")))
    return rows  # type: ignore[return-value]


def agreement(got: str, want: str) -> float:
    a, b = normalize_apostrophes(got).split(), want.split()
    blocks = SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
    return sum(x.size for x in blocks) / max(len(b), 1)


def texts() -> list[tuple[str, str, str]]:
    out = []
    for n in (1, 2, 3):
        cyr = (DATA / f"translit_text{n}.cyr.txt").read_text(encoding="utf-8")
        lat = (DATA / f"translit_text{n}.lat.txt").read_text(encoding="utf-8")
        out.append((f"text{n}", cyr, lat))
    return out


def accuracy(name: str, fwd: Convert, back: Convert) -> str:
    pairs = word_pairs()
    c2l = sum(normalize_apostrophes(fwd(c)) == lat for c, lat, _ in pairs)
    both = [(c, lat) for c, lat, d in pairs if d == "both"]
    l2c = sum(back(lat) == c for c, lat in both)
    t_fwd = " / ".join(f"{agreement(fwd(c), lat):.3f}" for _, c, lat in texts())
    t_back = " / ".join(f"{agreement(back(lat), c):.3f}" for _, c, lat in texts())
    seed = "—"
    if SEED.exists():
        cyr = SEED.read_text(encoding="utf-8")
        seed = f"{agreement(back(normalize_apostrophes(fwd(cyr))), cyr):.3f}"
    third = "—"
    if THIRD_PARTY.exists():
        lat = normalize_apostrophes(THIRD_PARTY.read_text(encoding="utf-8"))
        third = f"{agreement(fwd(back(lat)), lat):.3f}"
    return f"| {name} | {c2l}/{len(pairs)} | {l2c}/{len(both)} | {t_fwd} | {t_back} | {seed} | {third} |"


def speed(fwd: Convert, back: Convert, runs: int = 5) -> tuple[float, float]:
    """Median words per second for Cyrillic->Latin and Latin->Cyrillic over the three texts x 40."""
    cyr = "\n\n".join(c for _, c, _ in texts()) * 40
    lat = "\n\n".join(lat for _, _, lat in texts()) * 40
    words = len(cyr.split())
    result = []
    for func, text in ((fwd, cyr), (back, lat)):
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            func(text)
            times.append(time.perf_counter() - start)
        result.append(words / statistics.median(times))
    return result[0], result[1]


def benchmark() -> None:
    found = peers()
    print("## accuracy (word agreement on text1 / text2 / text3; round trips: share of words unchanged)")
    print(
        "| converter | Cyr→Lat words | Lat→Cyr words | texts Cyr→Lat | texts Lat→Cyr "
        "| seed Cyr→Lat→Cyr | uzb-big Lat→Cyr→Lat |"
    )
    print("|---|---|---|---|---|---|---|")
    for name, (fwd, back) in found.items():
        print(accuracy(name, fwd, back))
    print()
    print("## speed (words/s, median of 5 runs, 14,000 words)")
    print("| converter | Cyr→Lat | Lat→Cyr |")
    print("|---|---|---|")
    base = None
    for name, (fwd, back) in found.items():
        f, b = speed(fwd, back)
        base = base or (f, b)
        ratio = "" if name == "tarjimon" else f" (tarjimon is {base[0] / f:.1f}x / {base[1] / b:.1f}x)"
        print(f"| {name} | {f:,.0f} | {b:,.0f} |{ratio}")


def _source_pairs() -> list[tuple[str, str]]:
    folder = SHARED / "data" / "translit"
    pairs = []
    with (folder / "lat_cyr_data_exceptions.tsv").open(encoding="utf-8") as f:
        pairs += [(r[0], r[1]) for r in csv.reader(f, delimiter="\t") if len(r) >= 2]
    with (folder / "cyr_exwords.csv").open(encoding="utf-8") as f:
        pairs += [(r[1], r[0]) for r in csv.reader(f) if len(r) >= 2]
    with (folder / "lat_exwords.csv").open(encoding="utf-8") as f:
        pairs += [(r[0], r[1]) for r in csv.reader(f) if len(r) >= 2]
    return [(c.strip().lower(), latin_key(lat.strip())) for c, lat in pairs]


# Pairs from the source lists that would hurt ordinary words (sol, tush, normal) or are typos.
_BLOCK = set(
    "альни соль толь миль лось ноль сажъ субъ қитьа қатьий ульва нормаль полька туш тушь "
    "швейсария альт".split()
)


def derive() -> None:
    """Keep only source pairs that the rules plus the hand-written entries get wrong."""
    text = EXCEPTIONS.read_text(encoding="utf-8")
    head = text.split(DERIVED_MARK)[0]
    lexicon = Lexicon()
    parse_lines(head.splitlines(), lexicon)
    derived: list[str] = []
    for cyr, lat in sorted(set(_source_pairs()), key=lambda p: (len(p[0]), p)):
        if cyr in _BLOCK or "-" in cyr or not cyr.isalpha() or not lat.replace("'", "").isalpha():
            continue
        if not all("а" <= ch <= "я" or ch in "ёўқғҳ" for ch in cyr) or not lat.isascii():
            continue
        if _lat2cyr.to_cyrillic(lat, lexicon) == cyr:
            continue
        flags = ("w" if cyr.endswith("ь") else "") + "<"
        lexicon.add(cyr, lat, flags, override=False)
        derived.append(f"{cyr}\t{lat}\t{flags}")
    EXCEPTIONS.write_text(head + DERIVED_MARK + "\n" + "\n".join(sorted(derived)) + "\n", encoding="utf-8")
    checked = sum(1 for c, lat in _source_pairs() if latin_key(_cyr2lat.to_latin(c, lexicon)) == lat)
    print(f"{len(derived)} derived entries; rules+lexicon agree Cyr->Lat with {checked} source pairs")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--derive", action="store_true", help="rebuild the derived exception entries")
    args = parser.parse_args()
    derive() if args.derive else benchmark()


if __name__ == "__main__":
    main()
