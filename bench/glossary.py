"""Glossary benchmark: load time (cold/warm cache) and recognition time on the seed with 30 vs 50k vs 100k
terms, against naive peers measured in the same run, plus recall of the seed's hand-counted gold.

    python bench/glossary.py [--sizes 50000,100000] [--repeat 5]
    python bench/glossary.py --index [--terms 100000] [--runs 3] [--before DIR]

--index (issue 11): the index of a 100,000-concept glossary of random Cyrillic words (1-3 per term, four
languages) and of as many dictionary words (Apertium): cold build, one term added (in the workbench and
through the CLI), `find` on the seed article; peers in the same run: pyahocorasick (exact lower-cased
forms), one big alternation regex, and the exact-form word n-gram matcher. --before DIR measures another
source tree (e.g. `git archive` of the commit before) on the same files, in the same run.

Vocabulary: the Apertium bilingual dictionaries in ../shared/data/glossary-sources/ (kaz-uzb, uzb-kaa,
kaz-rus, eng-kaz). Every concept gets a `uz` term so that the Uzbek index really holds N terms: the Uzbek
word where the dictionary has one (kaz-uzb, uzb-kaa; Latin script), else the dictionary's left-hand word, then
(to reach 100k distinct terms) the right-hand word.
The 59 seed terms (tests/data/glossary/seed_terms.tsv) are always included, so recall is comparable.
Peers: translate-toolkit-style `text.find(term)` over every term, and Weblate-style exact lower-cased
word n-gram lookup (a hash set; the best an exact-form matcher can do).
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tarjimon.core.formats.tsv import read_table, tsv_text  # noqa: E402
from tarjimon.core.glossary.store import load_glossary  # noqa: E402
from tarjimon.core.models.glossary import Concept, Glossary  # noqa: E402

SOURCES = ROOT / ".." / "shared" / "data" / "glossary-sources"
SEED = ROOT / ".." / "shared" / "seeds" / "kazinform-2026-01-05-uz.txt"
DATA = ROOT / "tests" / "data" / "glossary"
DICTS = [  # file, left language, right language
    ("apertium-kaz-uzb.kaz-uzb.dix", "kk", "uz"),
    ("apertium-uzb-kaa.uzb-kaa.dix", "uz", "kaa"),
    ("apertium-kaz-rus.kaz-rus.dix", "kk", "ru"),
    ("apertium-eng-kaz.eng-kaz.dix", "en", "kk"),
]


def side(el: etree._Element | None) -> str:
    if el is None:
        return ""
    text = "".join(t for t in el.itertext())
    return " ".join(text.replace("|", " ").split())


def apertium_concepts(skip: set[str]) -> list[Concept]:
    out: list[Concept] = []
    seen: set[str] = set(skip)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, recover=True)
    # First every entry keyed by its Uzbek word (or its left-hand word); then, to reach 100k distinct terms,
    # the right-hand words of the dictionaries without Uzbek as further concepts.
    passes = [(name, left, right, "l") for name, left, right in DICTS]
    passes += [(name, left, right, "r") for name, left, right in DICTS if "uz" not in (left, right)]
    for name, left, right, key_side in passes:
        root = etree.parse(str(SOURCES / name), parser).getroot()
        for p in root.iter("p"):
            lw, rw = side(p.find("l")), side(p.find("r"))
            if not lw or not rw or not re.search(r"\w\w", lw + rw):
                continue
            terms = {left: (lw,), right: (rw,)}
            if "uz" not in terms:
                terms["uz"] = (lw if key_side == "l" else rw,)
            elif key_side == "r":
                continue
            key = name + " " + " ".join(terms["uz"][0].casefold().split())
            if key in seen:
                continue
            seen.add(key)
            out.append(Concept(terms, domain=name.split(".")[0]).with_id())
    return out


def gold() -> dict[str, int]:
    rows = (DATA / "seed_gold.tsv").read_text(encoding="utf-8").splitlines()
    return {r.split("\t")[0]: int(r.split("\t")[1]) for r in rows if r and not r.startswith("#")}


def recall(terms: Counter[str], want: dict[str, int]) -> float:
    return sum(min(terms[t], n) for t, n in want.items()) / sum(want.values())


def best_of(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def peer_substring(text: str, terms: list[str]) -> Counter[str]:
    low = text.lower()
    found: Counter[str] = Counter()
    for term in terms:
        t = term.lower()
        i = low.find(t)
        while i >= 0:
            found[term] += 1
            i = low.find(t, i + len(t))
    return found


def peer_exact_words(text: str, termset: dict[tuple[str, ...], str], maxlen: int) -> Counter[str]:
    words = [w.lower() for w in re.findall(r"\w+", text)]
    found: Counter[str] = Counter()
    for i in range(len(words)):
        for n in range(maxlen, 0, -1):
            hit = termset.get(tuple(words[i : i + n]))
            if hit:
                found[hit] += 1
                break
    return found


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="50000,100000")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--index", action="store_true", help="the index benchmark of issue 11")
    ap.add_argument("--terms", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--before", type=Path, help="another source tree to measure the same way")
    args = ap.parse_args()
    if args.index:
        from glossary_index import run  # bench/glossary_index.py

        return run(args.terms, args.runs, args.before, apertium_concepts, SEED)
    if not SOURCES.is_dir() or not SEED.is_file():
        print("needs ../shared/data/glossary-sources and ../shared/seeds", file=sys.stderr)
        return 2
    text = SEED.read_text(encoding="utf-8")
    want = gold()
    seed = read_table(DATA / "seed_terms.tsv", "seed")
    big = apertium_concepts(set())
    print(
        f"Apertium concepts available: {len(big)}; seed {len(text)} chars; gold occurrences {sum(want.values())}"
    )
    tmp = Path(tempfile.mkdtemp(prefix="tarjimon-bench-"))
    rows = []
    try:
        sizes = [0] + [int(s) for s in args.sizes.split(",")]
        for size in sizes:
            concepts = list(seed.concepts) + big[:size]
            g = Glossary(f"g{size}", ["uz", "kk", "ru", "en", "kaa"], ["note"], concepts)
            path = tmp / f"g{size}.tsv"
            path.write_text(tsv_text(g), encoding="utf-8")
            t0 = time.perf_counter()
            load_glossary(path, index_langs=("uz",))
            cold = time.perf_counter() - t0
            warm = best_of(lambda p=path: load_glossary(p, index_langs=("uz",)), args.repeat)
            loaded = load_glossary(path, index_langs=("uz",))
            loaded.find(text, "uz")  # warm the per-process morphology cache like a running app
            find = best_of(lambda lg=loaded: lg.find(text, "uz"), args.repeat)
            hits = loaded.find(text, "uz")
            rec = recall(Counter(h.term for h in hits), want)
            uz_terms = [t for c in concepts for t in c.terms.get("uz", ())]
            sub_t = best_of(lambda ts=uz_terms: peer_substring(text, ts), max(1, args.repeat // 2))
            termset = {tuple(re.findall(r"\w+", t.lower())): t for t in uz_terms}
            maxlen = max(len(k) for k in termset)
            exact_t = best_of(lambda ts=termset, m=maxlen: peer_exact_words(text, ts, m), args.repeat)
            sub_rec = recall(peer_substring(text, uz_terms), want)
            exact_rec = recall(peer_exact_words(text, termset, maxlen), want)
            rows.append((len(uz_terms), cold, warm, find, rec, sub_t, sub_rec, exact_t, exact_rec))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print()
    print(
        "| uz terms | load cold s | load warm s | tarjimon find ms | recall | substring peer ms | recall | exact-form peer ms | recall |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for n, cold, warm, find, rec, sub_t, sub_rec, ex_t, ex_rec in rows:
        print(
            f"| {n:,} | {cold:.2f} | {warm:.3f} | {find * 1000:.1f} | {rec:.3f} | {sub_t * 1000:.1f} | {sub_rec:.3f} "
            f"| {ex_t * 1000:.2f} | {ex_rec:.3f} |"
        )
    base = rows[0][3]
    print()
    for n, *_rest in rows[1:]:
        r = _rest[2] / base
        print(
            f"find time with {n:,} terms / with {rows[0][0]} terms: {r:.2f}x;"
            f" substring peer {_rest[4] / rows[0][5]:.0f}x"
        )
    print(
        f"find ms median-free (best of {args.repeat}); recall with vs without the big glossary: "
        f"{rows[-1][4]:.3f} vs {rows[0][4]:.3f}"
    )
    print(f"scaling check: {statistics.mean(r[3] for r in rows[1:]) / base:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
