"""Benchmark: sentence boundary precision / recall / F1 and speed of Tarjimon vs peer segmenters.

Usage:  python bench/segmentation.py [--runs 7]

Data: (a) the shared seed article's body (../shared/seeds/kazinform-2026-01-05-uz.txt, gold boundaries in
tests/data/segmentation_seed_gold.tsv; skipped if the seed is missing) and (b) the gold set
tests/data/segmentation_gold.txt (uz Cyrillic and Latin, kk, ru, en). Every segmenter gets one paragraph at a
time. Boundaries are the end offsets of all sentences of a paragraph but the last, micro-averaged.

Peers (the `bench` extra): sentencex, pysbd, segtok; a missing peer is reported as missing. A naive regex
split is shown as a floor. Time is the median over --runs of segmenting every paragraph of (a) and (b),
scaled to 1,000 gold sentences.
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from tarjimon.core.segment import normalise_lang, split
from tarjimon.core.segment.gold import read_gold, score

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
SEED = ROOT.parent / "shared" / "seeds" / "kazinform-2026-01-05-uz.txt"

Segmenter = Callable[[str, str], list[str]]
Case = tuple[str, str, frozenset[int]]


def _naive(text: str, lang: str) -> list[str]:
    return re.split(r"(?<=[.!?…])\s+", text)


def _sentencex() -> Segmenter:
    import sentencex

    return lambda text, lang: list(sentencex.segment(normalise_lang(lang), text))


def _pysbd() -> Segmenter:
    import pysbd

    cache: dict[str, pysbd.Segmenter] = {}

    def run(text: str, lang: str) -> list[str]:
        # pysbd has no Uzbek: Cyrillic Uzbek gets the Russian rules, Latin Uzbek the English ones.
        code = normalise_lang(lang)
        if code == "uz":
            code = "en" if "latn" in lang.lower() else "ru"
        if code not in cache:
            cache[code] = pysbd.Segmenter(language=code, clean=False)
        return list(cache[code].segment(text))

    return run


def _segtok() -> Segmenter:
    from segtok.segmenter import split_single

    return lambda text, lang: list(split_single(text))


def segmenters() -> tuple[dict[str, Segmenter], dict[str, str]]:
    """Available segmenters by name, and the missing peers with the reason."""
    found: dict[str, Segmenter] = {"tarjimon": split}
    missing: dict[str, str] = {}
    for name, factory in (("sentencex", _sentencex), ("pysbd", _pysbd), ("segtok", _segtok)):
        try:
            found[name] = factory()
        except ImportError as exc:
            missing[name] = f"missing ({exc}); pip install {name}"
    found["naive regex"] = _naive
    return found, missing


def seed_cases() -> list[Case]:
    """(paragraph, lang, gold boundaries) for the seed body, or [] if the shared seed is absent."""
    if not SEED.is_file():
        return []
    lines = SEED.read_text(encoding="utf-8").splitlines()
    cases = []
    for row in (DATA / "segmentation_seed_gold.tsv").read_text(encoding="utf-8").splitlines():
        if row.startswith("#") or row.startswith("line\t"):
            continue
        number, _count, ends = (row.split("\t") + [""])[:3]
        cases.append((lines[int(number) - 1], "uz-Cyrl", frozenset(int(e) for e in ends.split())))
    return cases


def gold_cases() -> list[Case]:
    return [(p.text, p.lang, p.boundaries) for p in read_gold(DATA / "segmentation_gold.txt")]


def time_per_1000(segmenter: Segmenter, cases: list[Case], sentences: int, runs: int) -> float:
    """Median seconds to segment all `cases`, scaled to 1,000 sentences."""
    timings = []
    for _ in range(runs):
        t0 = time.perf_counter()
        for text, lang, _ in cases:
            segmenter(text, lang)
        timings.append(time.perf_counter() - t0)
    return statistics.median(timings) * 1000 / sentences


def version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as v

    try:
        return v(name)
    except PackageNotFoundError:
        return ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timing runs (median is reported)")
    parser.add_argument(
        "--gold-file",
        action="append",
        default=[],
        metavar="FILE",
        help="another gold file in the same format (e.g. a held-out set kept outside the repository)",
    )
    args = parser.parse_args()

    found, missing = segmenters()
    datasets = {"seed": seed_cases(), "gold": gold_cases()}
    for extra in args.gold_file:
        datasets[Path(extra).stem] = [(p.text, p.lang, p.boundaries) for p in read_gold(extra)]
    if not datasets["seed"]:
        print(f"seed article not found at {SEED}: the seed column is skipped")
    all_cases = [c for cases in datasets.values() for c in cases]
    n_sentences = sum(len(b) + 1 for _, _, b in all_cases)
    print(
        f"seed: {len(datasets['seed'])} paragraphs, gold: {len(datasets['gold'])} paragraphs; "
        f"{n_sentences} sentences timed, median of {args.runs} runs\n"
    )

    header = (
        "| segmenter | " + " | ".join(f"{d} P / R / F1" for d in datasets) + " | ms per 1,000 sentences |"
    )
    print(header)
    print("|" + "---|" * (len(datasets) + 2))
    f1s: dict[str, dict[str, float]] = {}
    ms: dict[str, float] = {}
    for name, seg in found.items():
        cells = []
        f1s[name] = {}
        for dname, cases in datasets.items():
            if not cases:
                cells.append("—")
                continue
            s = score(cases, seg)
            f1s[name][dname] = s.f1
            cells.append(f"{s.precision:.3f} / {s.recall:.3f} / **{s.f1:.3f}**")
        ms[name] = time_per_1000(seg, all_cases, n_sentences, args.runs) * 1000
        label = f"{name} {version(name)}".strip()
        print(f"| {label} | " + " | ".join(cells) + f" | {ms[name]:.1f} |")
    for name, why in missing.items():
        print(f"| {name} | " + " | ".join("—" for _ in datasets) + f" | {why} |")

    peers = [n for n in found if n not in ("tarjimon", "naive regex")]
    print()
    for dname, cases in datasets.items():
        if not cases or not peers:
            continue
        best = max(peers, key=lambda n: f1s[n][dname])
        ratio = f1s["tarjimon"][dname] / f1s[best][dname] if f1s[best][dname] else float("inf")
        print(
            f"{dname}: Tarjimon F1 {f1s['tarjimon'][dname]:.3f} vs best peer {best} {f1s[best][dname]:.3f} "
            f"-> ratio {ratio:.3f}"
        )
    if peers:
        fastest = min(peers, key=lambda n: ms[n])
        print(
            f"speed: Tarjimon {ms['tarjimon']:.1f} ms vs fastest peer {fastest} {ms[fastest]:.1f} ms per 1,000 "
            f"sentences -> Tarjimon takes {ms['tarjimon'] / ms[fastest]:.2f}x the time"
        )


if __name__ == "__main__":
    main()
