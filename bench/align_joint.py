"""Benchmark the joint confidence of `tarjimon align` (a source aligned with two targets at once) against each
pair aligned alone, on real three-language text.

    PYTHONPATH=$PWD/src python bench/align_joint.py [--seeds 17,3,99] [--min 0.5]

The three-language text: the one story both Apertium corpora in ../shared/data/parallel hold, "Where is
Azamat?" (apertium-kaz-uzb uzb.txt / kaz.txt, numbered paragraphs) and "Where is James?" (apertium-eng-kaz
eng.txt / kaz.txt, line-aligned). Their Kazakh texts are the same sentences with the children's names
swapped (Азамат/Джеймс, Айгүл/Мэри), so each Uzbek-Kazakh sentence pair (paragraphs whose sentence counts
agree, in order) takes the English line whose Kazakh line holds its Kazakh sentence (or one 85% equal to it,
the names' suffixes following their own vowels): Uzbek, Kazakh and
English triples, gold by construction. (Real names differ between the versions: the Uzbek and Kazakh ones
say Azamat, the English one James, as the corpora do.)

Each seed builds the story as an Uzbek article and damages the Kazakh and the English version each in its own
way (bench/align.py's damage: omissions, merges, splits at a comma, a moved paragraph, a "see also" line).
The glossary is both Apertium dictionaries at once (kk-uz and en-kk), read by core/align/lexicon.py. Scored
as bench/align.py does, per target: every pair, and the pairs at or above --min, once from the target
aligned alone with the source and once from the joint alignment (`align_versions` with both targets).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import align as single  # noqa: E402  (bench/align.py: the articles, the damage, the scoring)

from tarjimon.core.align.versions import align_versions  # noqa: E402
from tarjimon.core.segment import segment_spans  # noqa: E402

NAMES = (("азамат", "джеймс"), ("айгүл", "мэри"))


def _norm(text: str) -> str:
    low = " ".join(text.casefold().split())
    for a, b in NAMES:
        low = low.replace(a, b)
    return re.sub(r"\s+([?!.,])", r"\1", low)


def triples() -> tuple[list[tuple[str, str, str]], int]:
    """(uz, kk, en) texts of the story, one a line of the English version; and how many Uzbek-Kazakh
    sentence pairs found no English line."""
    folder = single.PARALLEL / "apertium-kaz-uzb"
    uz, kk = dict(single._numbered(folder / "uzb.txt")), dict(single._numbered(folder / "kaz.txt"))
    pairs = []
    for key in sorted(uz.keys() & kk.keys(), key=int):
        su = [uz[key][a:b] for a, b in segment_spans(uz[key], "uz")]
        sk = [kk[key][a:b] for a, b in segment_spans(kk[key], "kk")]
        if len(su) == len(sk):
            pairs += zip(su, sk, strict=True)
    en_folder = single.PARALLEL / "apertium-eng-kaz"
    en_lines = (en_folder / "eng.txt").read_text(encoding="utf-8").splitlines()
    kk_lines = (en_folder / "kaz.txt").read_text(encoding="utf-8").splitlines()
    lines = [(_norm(k), " ".join(e.split())) for e, k in zip(en_lines, kk_lines, strict=False) if e.strip()]
    grouped: dict[int, list[tuple[str, str]]] = {}
    missed = 0
    for u, k in pairs:
        at = _line_of(_norm(k), lines)
        if at is None:
            missed += 1
        else:
            grouped.setdefault(at, []).append((u, k))
    out = [(" ".join(u for u, _ in group), " ".join(k for _, k in group), lines[at][1])
           for at, group in sorted(grouped.items())]
    return out, missed


def _line_of(sentence: str, lines: list[tuple[str, str]]) -> int | None:
    """The line holding `sentence`, or the one with a sentence nearly equal to it (a name's suffix follows
    its own vowels: Азаматтың, Джеймстің)."""
    exact = next((n for n, (line, _) in enumerate(lines) if sentence in line), None)
    if exact is not None:
        return exact
    best, at = 0.0, None
    for n, (line, _) in enumerate(lines):
        for a, b in segment_spans(line, "kk"):
            ratio = SequenceMatcher(None, sentence, line[a:b]).ratio()
            if ratio > best:
                best, at = ratio, n
    return at if best >= 0.85 else None


def damage(pieces: list[single.Piece], rng: random.Random, lang: str) -> list[list[single.Piece]]:
    """One target version's damage, as bench/align.py does it to its targets."""
    tgt = list(pieces)
    if rng.random() < 0.5 and len(tgt) > 4:
        tgt.pop(0)
    for _ in range(max(1, len(tgt) // 12)):
        if len(tgt) > 4:
            tgt.pop(rng.randrange(1, len(tgt)))
    out: list[single.Piece] = []
    i = 0
    while i < len(tgt):
        r = rng.random()
        if r < 0.07 and i + 1 < len(tgt):
            out.append(single._merge(tgt[i], tgt[i + 1]))
            i += 2
            continue
        if r < 0.14 and (parts := single._split(tgt[i])):
            out.extend(parts)
        else:
            out.append(tgt[i])
        i += 1
    paras = single._paragraphs(out, rng)
    if len(paras) > 3 and rng.random() < 0.5:
        moved = paras.pop(rng.randrange(1, len(paras) - 1))
        paras.insert(rng.randrange(0, len(paras) + 1), moved)
    if rng.random() < 0.6:
        paras.insert(rng.randrange(1, len(paras) + 1),
                     [single.Piece(single.SEE_ALSO[lang].format(rng.choice(single.TOPICS)), frozenset())])
    return paras


def story(rows: list[tuple[str, str, str]], seed: int) -> tuple[Any, Any, dict[str, Any]]:
    """One seed's article: the uz version (paragraphs) with its line owners, and the kk and en versions, each
    damaged as a desk would (`damage`), with theirs: (uz version, uz owners, {lang: (version, owners)})."""
    rng = random.Random(seed)
    src = [single.Piece(u, frozenset([n])) for n, (u, _, _) in enumerate(rows)]
    s_paras = single._paragraphs(src, rng)
    built = {}
    for col, lang in ((1, "kk"), (2, "en")):
        pieces = [single.Piece(single._thousands(r[col], lang), frozenset([n])) for n, r in enumerate(rows)]
        built[lang] = single.to_version(damage(pieces, rng, lang), lang, f"story.{lang}")
    sv, s_own = single.to_version(s_paras, "uz", "story.uz")
    return sv, s_own, built


def both_dictionaries():
    kk_uz, en_kk = single.dictionary_terms("kaz-uzb"), single.dictionary_terms("eng-kaz")

    def find(text: str, lang: str):
        # each dictionary numbers its own concepts from 0: without a prefix, concept 12 of kk-uz in an Uzbek
        # sentence met concept 12 of en-kk in an English one (a chance match between Uzbek and English)
        return (tuple(frozenset(f"kk-uz:{c}" for c in g) for g in kk_uz(text, lang))
                + tuple(frozenset(f"en-kk:{c}" for c in g) for g in en_kk(text, lang)))

    return find


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", default="17,3,99")
    ap.add_argument("--min", type=float, default=0.5)
    args = ap.parse_args(argv)
    if not single.PARALLEL.is_dir():
        print(f"skipped: {single.PARALLEL} is missing")
        return 0
    rows, missed = triples()
    terms = both_dictionaries()
    print(f"bench/align_joint.py --seeds {args.seeds} --min {args.min}: {len(rows)} uz-kk-en lines "
          f"({missed} uz-kk sentence pairs without an English line left out)")
    print(f"{'target':6} {'aligned':8} {'pairs':7} {'precision':>9} {'recall':>7} {'F1':>6}")
    totals: dict[tuple[str, str, str], list[int]] = {}
    t0, c0 = time.perf_counter(), time.process_time()
    for seed in (int(s) for s in args.seeds.split(",")):
        sv, s_own, built = story(rows, seed)
        for mode in ("alone", "joint"):
            for lang in ("kk", "en"):
                sv.features = []
                targets = {lg: v for lg, (v, _) in built.items()} if mode == "joint" else {lang: built[lang][0]}
                for v in targets.values():
                    v.features = []
                al = align_versions(sv, targets, terms=terms, check=False)
                for label, floor in (("all", 0.0), (f"≥{args.min}", args.min)):
                    pred = [(p.source, p.target) for p in al.pairs[lang] if p.confidence >= floor]
                    *counts, _ = single.score(pred, s_own, built[lang][1])
                    key = (lang, mode, label)
                    totals[key] = [a + b for a, b in zip(totals.get(key, [0, 0, 0, 0]), counts, strict=True)]
    for (lang, mode, label), c in sorted(totals.items()):
        p, r = c[0] / max(c[1], 1), c[2] / max(c[3], 1)
        print(f"{lang:6} {mode:8} {label:7} {p:>9.4f} {r:>7.4f} {2 * p * r / max(p + r, 1e-9):>6.4f}")
    print(f"time {time.perf_counter() - t0:.2f} s wall, {time.process_time() - c0:.2f} s CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main())
