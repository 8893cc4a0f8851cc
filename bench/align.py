"""Benchmark sentence alignment (`tarjimon align`) against a Gale-Church length-only run on the same articles.

    PYTHONPATH=$PWD/src python bench/align.py [--seed 17] [--articles N] [--show]

Real parallel text from ../shared/data/parallel (Apertium: 342 Uzbek-Kazakh sentence pairs, and the English-
Kazakh texts, all numbered or line-aligned) is built into newsroom-like articles of 1-4 sentence paragraphs,
and the target version of each is damaged the way desks damage them (seeded random, so every run builds the
same articles): sentences merged (also across paragraphs), a sentence split at a comma (a quote from its
attribution), a lead sentence dropped from either side, a paragraph moved, a "see also" line added, 956,000
written as 956 мың, the page cut off. The gold alignment is known line by line.

Scored two ways, both printed on every row:
- "lines" (the measure of the first five sessions): on links (source line, target line) after both aligners'
  output is mapped back to the lines their sentences came from: precision = links given that join a line and
  its translation / links given, recall = gold (line, target line) links some link given joins / gold links.
- "segments" (sixth session): the gold projected onto the segments each side actually has, as a translator
  sees the pairs. A source segment and a target segment are linked when the target segment holds the
  translation of a line the source segment holds; the gold units are the connected groups of such links (a
  line our segmenter joins to the next, beside a target the desk merged the other way, makes one unit of two
  segments a side). Precision = right links given / links given, a link being right when its two segments
  are joined by gold links among the segments of its own pair (directly, or through the pair's other
  segments: a pair of two segments a side covering such a unit is right as a whole); recall = segments of
  gold units (both sides) that some right link given reaches / such segments.
Why both: where our segmenter cuts a corpus line differently from the target's cuts (an English line without
its full stop joined to the next, crossing a merge of the desk's), the lines measure wants links no pairing of
whole segments can give without also giving wrong ones; `ceiling` prints, per corpus, the best recall any
aligner of contiguous segment groups could reach at precision 1 on the same articles, on each measure (en-kk
lines 0.976-0.979 a seed set, segments 0.99-1.0). The gold data and the damage are the same for both.
Also: every article paired with another article's target must be refused (different stories), and no real
pair may be.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from align_scoring import ceiling, score, score_segments  # noqa: E402  (bench/align_scoring.py)

from tarjimon.core.align.versions import Version, align_versions  # noqa: E402
from tarjimon.core.errors import BadInput  # noqa: E402
from tarjimon.core.models.article import Article, Paragraph  # noqa: E402

__all__ = ["ceiling", "score", "score_segments"]  # the scoring, for bench/align_joint.py, align_errors.py, tests

REPO = Path(__file__).resolve().parents[1]
PARALLEL = REPO.parent / "shared" / "data" / "parallel"
SEE_ALSO = {"kk": "Сондай-ақ оқыңыз: {}", "en": "See also: {}", "ru": "Читайте также: {}"}
TOPICS = ["Астанада жаңа саябақ ашылды", "Елордадағы жол жөндеу жұмыстары", "Ауа райы болжамы",
          "Новый мост через Ишим", "Weather forecast for the week", "Exhibition opens in the capital"]


def dictionary_terms(corpus: str, *, strict: bool = False):
    """The Apertium bilingual dictionary of the corpus's languages as a glossary (read from ../shared at run
    time), recognised loosely word by word (core/align/lexicon.py, what `align` does with a project's
    glossaries); with `strict`, through the glossary's own term recognition instead (the earlier way)."""
    from lxml import etree

    from tarjimon.core.workbench.aligning import Lexicon, morphology_stems

    name, left, right = {"kaz-uzb": ("apertium-kaz-uzb.kaz-uzb.dix", "kk", "uz"),
                         "eng-kaz": ("apertium-eng-kaz.eng-kaz.dix", "en", "kk")}[corpus]
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, recover=True)
    root = etree.parse(str(PARALLEL.parent / "glossary-sources" / name), parser).getroot()

    def side(el) -> str:
        return " ".join("".join(el.itertext()).replace("|", " ").split()) if el is not None else ""

    pairs, seen = [], set()
    for p in root.iter("p"):
        lw, rw = side(p.find("l")), side(p.find("r"))
        if lw and rw and (lw, rw) not in seen:
            seen.add((lw, rw))
            pairs.append({left: (lw,), right: (rw,)})
    cache: dict[tuple[str, str], object] = {}
    if strict:
        from tarjimon.core.glossary.store import LoadedGlossary
        from tarjimon.core.models.glossary import Concept, Glossary

        concepts = [Concept(p, id=f"c{n}") for n, p in enumerate(pairs)]
        glossary = LoadedGlossary(Glossary(name, [left, right], [], concepts), name=name)

        def recognise(text: str, lang: str) -> object:
            return frozenset(h.concept for h in glossary.find(text, lang, fuzzy=False))
    else:
        recognise = Lexicon(pairs, stems=morphology_stems).find

    def find(text: str, lang: str):
        key = (text, lang)
        if key not in cache:
            cache[key] = recognise(text, lang)
        return cache[key]

    return find


@dataclass
class Piece:
    """A line of real text (or a damaged one) in a built article, with the source lines it translates."""

    text: str
    gold: frozenset[int]


def read_pairs(name: str) -> list[tuple[str, str, str, str]]:
    """(source lang, target lang, source line, target line) of one corpus, gold line-aligned."""
    if name == "kaz-uzb":
        folder = PARALLEL / "apertium-kaz-uzb"
        uz = dict(_numbered(folder / "uzb-big.txt"))
        kk = dict(_numbered(folder / "kaz-big.txt"))
        return [("uz", "kk", uz[k], kk[k]) for k in sorted(uz.keys() & kk.keys(), key=int)]
    folder = PARALLEL / "apertium-eng-kaz"
    out = []
    for en_name, kk_name in (("eng.txt", "kaz.txt"), ("evaluation_text1.eng.txt", "evaluation_text1.kaz.txt"),
                             ("evaluation_t2unk.eng.txt", "evaluation_t2unk.kaz.txt")):
        en = (folder / en_name).read_text(encoding="utf-8").splitlines()
        kk = (folder / kk_name).read_text(encoding="utf-8").splitlines()
        out += [("en", "kk", e.strip(), k.strip()) for e, k in zip(en, kk, strict=False) if e.strip() and k.strip()]
    return out


def _numbered(path: Path) -> list[tuple[str, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        num, _, text = line.partition("\t")
        if text.strip():
            rows.append((num.strip(), " ".join(text.split())))
    return rows


def _paragraphs(pieces: list[Piece], rng: random.Random) -> list[list[Piece]]:
    out, i = [], 0
    while i < len(pieces):
        size = rng.choice((1, 2, 2, 3, 3, 4))
        out.append(pieces[i:i + size])
        i += size
    return out


def _merge(a: Piece, b: Piece) -> Piece:
    first = re.sub(r"[.!?…]+\s*$", "", a.text.rstrip())
    second = b.text[:1].lower() + b.text[1:]
    return Piece(f"{first}; {second}", a.gold | b.gold)


def _split(p: Piece) -> list[Piece] | None:
    commas = [m.start() for m in re.finditer(r", (?=\w)", p.text)]
    commas = [c for c in commas if 25 < c < len(p.text) - 25]
    if not commas:
        return None
    c = commas[len(commas) // 2]
    rest = p.text[c + 2:]
    return [Piece(p.text[:c] + ".", p.gold), Piece(rest[:1].upper() + rest[1:], p.gold)]


def _thousands(text: str, lang: str) -> str:
    word = {"kk": "мың", "en": "thousand", "ru": "тысяч"}[lang]
    return re.sub(r"\b(\d{1,3})[ ,]000\b(?![.,]\d)", lambda m: f"{m.group(1)} {word}", text)


def build_article(rows: list[tuple[str, str, str, str]], rng: random.Random, start: int
                  ) -> tuple[list[list[Piece]], list[list[Piece]], str, str]:
    """One article: source paragraphs and damaged target paragraphs (with gold source line ids)."""
    slang, tlang = rows[0][0], rows[0][1]
    src = [Piece(r[2], frozenset([start + n])) for n, r in enumerate(rows)]
    tgt = [Piece(_thousands(r[3], tlang), frozenset([start + n])) for n, r in enumerate(rows)]
    if rng.random() < 0.5:  # a desk drops the lead sentence of one version
        (src if rng.random() < 0.5 else tgt).pop(0)
    for _ in range(max(1, len(tgt) // 12)):  # omissions in the target
        if len(tgt) > 4:
            tgt.pop(rng.randrange(1, len(tgt)))
    if rng.random() < 0.5 and len(src) > 4:  # ... and in the source
        src.pop(rng.randrange(1, len(src)))
    out: list[Piece] = []
    i = 0
    while i < len(tgt):  # merges and splits
        r = rng.random()
        if r < 0.07 and i + 1 < len(tgt):
            out.append(_merge(tgt[i], tgt[i + 1]))
            i += 2
            continue
        if r < 0.14 and (parts := _split(tgt[i])):
            out.extend(parts)
        else:
            out.append(tgt[i])
        i += 1
    s_paras, t_paras = _paragraphs(src, rng), _paragraphs(out, rng)
    if len(t_paras) > 3 and rng.random() < 0.5:  # a moved paragraph
        moved = t_paras.pop(rng.randrange(1, len(t_paras) - 1))
        t_paras.insert(rng.randrange(0, len(t_paras) + 1), moved)
    if rng.random() < 0.6:  # a "see also" line
        t_paras.insert(rng.randrange(1, len(t_paras) + 1),
                       [Piece(SEE_ALSO[tlang].format(rng.choice(TOPICS)), frozenset())])
    if rng.random() < 0.25 and len(t_paras) > 4:  # the page is cut off
        t_paras = t_paras[:-1]
    return s_paras, t_paras, slang, tlang


def to_version(paras: list[list[Piece]], lang: str, name: str) -> tuple[Version, list[list[frozenset[int]]]]:
    """The version of built paragraphs, and for each sentence the gold line sets of the pieces it overlaps."""
    article = Article(paragraphs=[Paragraph(" ".join(p.text for p in para)) for para in paras])
    version = Version.of_article(article, lang, name)
    spans: list[list[tuple[int, int, frozenset[int], int]]] = []
    piece_id = 0
    for para in paras:
        pos, row = 0, []
        for p in para:
            row.append((pos, pos + len(p.text), p.gold, piece_id))
            piece_id += 1
            pos += len(p.text) + 1
        spans.append(row)
    owners: list[list[tuple[int, frozenset[int]]]] = []
    for s in version.sentences:
        owners.append([(pid, g) for a, b, g, pid in spans[s.paragraph] if a < s.end and s.start < b])
    return version, owners  # type: ignore[return-value]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", default="17,3,99", help="the seeds of the damage (each builds every article again)")
    ap.add_argument("--size", type=int, default=24, help="lines per article")
    ap.add_argument("--min", type=float, default=0.5, help="the confidence threshold of `align --min`")
    ap.add_argument("--show", action="store_true", help="print the wrong links of our aligner")
    ap.add_argument("--no-glossary", action="store_true", help="align without the Apertium dictionaries")
    ap.add_argument("--strict-glossary", action="store_true",
                    help="recognise the dictionaries with the glossary's strict term recognition (the earlier way)")
    ap.add_argument("--no-check", action="store_true", help="align every real pair, refusing none")
    ap.add_argument("--ablation", action="store_true", help="precision and recall without each signal in turn")
    ap.add_argument("--corpus", choices=("kaz-uzb", "eng-kaz"), action="append",
                    help="only this corpus (repeatable; both by default)")
    args = ap.parse_args(argv)
    if args.ablation:
        return ablation(args)
    if not PARALLEL.is_dir():
        print(f"skipped: {PARALLEL} is missing")
        return 0
    seeds = [int(x) for x in args.seeds.split(",")]
    print(f"bench/align.py --seeds {args.seeds} --size {args.size} --min {args.min}"
          f"{' --no-glossary' if args.no_glossary else ''}{' --strict-glossary' if args.strict_glossary else ''}")
    print(f"{'':39}{'lines measure':^22} {'segments measure':^22}")
    print(f"{'corpus':9} {'seed':>5} {'articles':>8} {'aligner':14} {'P':>7} {'R':>7} {'F1':>6} "
          f"{'P':>7} {'R':>7} {'F1':>6} {'wall s':>7} {'CPU s':>6}")
    refused_wrong = total_wrong = refused_real = unverified_real = unverified_wrong = 0
    labels = (("tarjimon", False, 0.0), (f"tarjimon≥{args.min}", False, args.min), ("gale-church", True, 0.0))
    for corpus in args.corpus or ("kaz-uzb", "eng-kaz"):
        rows = read_pairs(corpus)
        terms = None if args.no_glossary else dictionary_terms(corpus, strict=args.strict_glossary)
        totals = {label: [0, 0, 0, 0, 0.0, 0, 0.0, 0, 0, 0, 0] for label, _, _ in labels}
        reach = [0, 0, 0, 0]
        for seed in seeds:
            rng = random.Random(seed)
            built = []
            for n, at in enumerate(range(0, len(rows) - args.size // 2, args.size)):
                s, t, sl, tl = build_article(rows[at:at + args.size], rng, at)
                sv, s_own = to_version(s, sl, f"{corpus}-{n}.{sl}")
                tv, t_own = to_version(t, tl, f"{corpus}-{n}.{tl}")
                built.append((sv, tv, s_own, t_own, tl))
                reach = [x + y for x, y in zip(reach, ceiling(s_own, t_own), strict=True)]
            for label, length_only, floor in labels:
                t0, c0 = time.perf_counter(), time.process_time()
                here, segs = [0, 0, 0, 0], [0, 0, 0, 0]
                for sv, tv, s_own, t_own, tl in built:
                    sv.features, tv.features = [], []
                    try:
                        al = align_versions(sv, {tl: tv}, terms=terms,
                                            check=not (length_only or args.no_check), length_only=length_only)
                    except BadInput as exc:
                        if "cannot verify" not in str(exc):
                            refused_real += 1
                            print(f"  refused a real pair: {exc}")
                            continue
                        unverified_real += 1  # the translator's `align --force`
                        sv.features, tv.features = [], []
                        al = align_versions(sv, {tl: tv}, terms=terms, check=False)
                    if length_only:
                        pred = [(b.source, b.target) for b in al.beads[tl] if b.source and b.target]
                    else:
                        pred = [(p.source, p.target) for p in al.pairs[tl] if p.confidence >= floor]
                    *counts, wrong = score(pred, s_own, t_own)
                    here = [x + y for x, y in zip(here, counts, strict=True)]
                    segs = [x + y for x, y in zip(segs, score_segments(pred, s_own, t_own), strict=True)]
                    if args.show and floor and not length_only:
                        for i, j in wrong:
                            print(f"  wrong {sv.name}: {sv.sentences[i].text[:70]!r} -> "
                                  f"{tv.sentences[j].text[:70]!r}")
                elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
                _line(corpus, str(seed), len(built), label, here, elapsed, cpu, segs)
                total = totals[label]
                totals[label] = [*(x + y for x, y in zip(total[:4], here, strict=True)), total[4] + elapsed,
                                 total[5] + len(built), total[6] + cpu,
                                 *(x + y for x, y in zip(total[7:], segs, strict=True))]
            for k, (sv, _, _, _, _) in enumerate(built):  # another story's target must be refused
                if len(built) < 2:
                    continue
                tv = built[(k + len(built) // 2) % len(built)][1]
                total_wrong += 1
                sv.features, tv.features = [], []
                try:
                    align_versions(sv, {tv.lang: tv}, terms=terms)
                    print(f"  not refused: {sv.name} with {tv.name} (seed {seed})")
                except BadInput as exc:
                    refused_wrong += 1
                    unverified_wrong += "cannot verify" in str(exc)
        for label, _, _ in labels:
            t = totals[label]
            _line(corpus, "all", int(t[5]), label, t[:4], t[4], t[6], t[7:])
        print(f"{corpus:9} ceiling: at precision 1, any aligner of contiguous segment groups reaches recall "
              f"{reach[0] / max(reach[1], 1):.4f} on lines ({reach[0]} of {reach[1]} gold links), "
              f"{reach[2] / max(reach[3], 1):.4f} on segments ({reach[2]} of {reach[3]})")
    print(f"different stories refused: {refused_wrong} of {total_wrong} ({unverified_wrong} as 'cannot verify'); "
          f"real pairs refused: {refused_real}; real pairs 'cannot verify' (aligned as with --force): "
          f"{unverified_real}")
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


SIGNALS = {  # what each row of --ablation takes away from every sentence's features
    "all signals": {},
    "no glossary terms": {"terms": frozenset(), "term_groups": ()},
    "no numbers": {"numbers": frozenset()},
    "no names, cognates": {"names": frozenset(), "cognates": frozenset()},
    "no punctuation, asides": {"punct": frozenset(), "aside": False},
}


def ablation(args: argparse.Namespace) -> int:
    """Each signal's share: the same articles aligned with every sentence's features less one signal."""
    from dataclasses import replace

    seeds = [int(x) for x in args.seeds.split(",")]
    print(f"bench/align.py --ablation --seeds {args.seeds} --size {args.size} (all pairs; totals over the seeds)")
    print(f"{'corpus':9} {'signals':24} {'precision':>9} {'recall':>7} {'F1':>6}")
    for corpus in ("kaz-uzb", "eng-kaz"):
        rows = read_pairs(corpus)
        terms = dictionary_terms(corpus)
        built = []
        for seed in seeds:
            rng = random.Random(seed)
            for at in range(0, len(rows) - args.size // 2, args.size):
                s, t, sl, tl = build_article(rows[at:at + args.size], rng, at)
                built.append((*to_version(s, sl, "s"), *to_version(t, tl, "t"), tl))
        for name, cut in SIGNALS.items():
            counts = [0, 0, 0, 0]
            for sv, s_own, tv, t_own, tl in built:
                for v in (sv, tv):
                    v.features = []
                    v.prepare(terms)
                    v.features = [replace(f, **cut) for f in v.features]
                al = align_versions(sv, {tl: tv}, terms=terms, check=False)
                *got, _ = score([(p.source, p.target) for p in al.pairs[tl]], s_own, t_own)
                counts = [x + y for x, y in zip(counts, got, strict=True)]
            p, r = counts[0] / max(counts[1], 1), counts[2] / max(counts[3], 1)
            print(f"{corpus:9} {name:24} {p:>9.4f} {r:>7.4f} {2 * p * r / max(p + r, 1e-9):>6.4f}")
    return 0


def _prf(c: list) -> str:
    p, r = c[0] / max(c[1], 1), c[2] / max(c[3], 1)
    return f"{p:>7.4f} {r:>7.4f} {2 * p * r / max(p + r, 1e-9):>6.4f}"


def _line(corpus: str, seed: str, articles: int, label: str, c: list, elapsed: float, cpu: float,
          segs: list) -> None:
    print(f"{corpus:9} {seed:>5} {articles:>8} {label:14} {_prf(c)} {_prf(segs)} {elapsed:>7.2f} {cpu:>6.2f}")


if __name__ == "__main__":
    sys.exit(main())
