"""Held-out check (issue 15): segmentation, transliteration and term recognition on published text that no
rule, test or benchmark of Tarjimon had used, annotated by hand before Tarjimon was run on it. Scored once;
the figures are recorded in docs/benchmarks.md ("Held-out published text").

Usage:  python bench/heldout.py [--show-errors]

Texts (GPL-3.0, read from ../shared/data/parallel, never copied into the repository):
- uz Latin: lines 1-100 of apertium-kaz-uzb/uzb-big.txt (a Wikipedia-style article on Nur-Sultan);
- uz Cyrillic: the same lines rendered word by word through the hand transliteration
  tests/data/heldout/translit_uz.tsv (not through Tarjimon);
- kk: lines 1-100 of apertium-kaz-uzb/kaz-big.txt (the Kazakh original);
- en: apertium-eng-kaz/evaluation_t2unk.eng.txt and evaluation_text1.eng.txt (TED talk transcripts), title
  lines left out;
- ru: there is no published Russian prose in ../shared/data (only UI strings in PO files): not measured.

Gold: tests/data/heldout/segmentation.tsv (sentence splits), translit_uz.tsv (every word in Cyrillic),
terms.tsv + terms_gold.tsv (occurrences per line).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from difflib import SequenceMatcher
from pathlib import Path

from tarjimon.core.formats.tsv import read_table
from tarjimon.core.glossary.store import LoadedGlossary
from tarjimon.core.segment.gold import score
from tarjimon.core.translit import normalize_apostrophes, to_cyrillic, to_latin

ROOT = Path(__file__).resolve().parents[1]
HELD = ROOT / "tests" / "data" / "heldout"
PARALLEL = ROOT.parent / "shared" / "data" / "parallel"
sys.path.insert(0, str(Path(__file__).parent))
from segmentation import segmenters  # noqa: E402  (the same peers as bench/segmentation.py)

_LATIN_WORD = re.compile(r"[A-Za-zʻʼ'’‘]+")
_END = re.compile(r"[.!?…][\"”»)]*$")


def published(relpath: str, first: int, last: int) -> list[str]:
    """Lines first..last (1-based) of a shared text, without the "N<TAB>" numbering of the Apertium files."""
    lines = (PARALLEL / relpath).read_text(encoding="utf-8").splitlines()[first - 1 : last]
    return [ln.split("\t", 1)[1] if re.match(r"\d+\t", ln) else ln for ln in lines]


def translit_table() -> dict[str, str]:
    rows = (HELD / "translit_uz.tsv").read_text(encoding="utf-8").splitlines()
    return dict(r.split("\t") for r in rows if r and not r.startswith("#"))


def cyrillic(line: str, table: dict[str, str]) -> str:
    """A Latin line in Cyrillic through the hand table (case follows the text's word)."""

    def one(m: re.Match[str]) -> str:
        word = m.group()
        if word in table:
            return table[word]
        cyr = table[word.lower()]
        if word.isupper() and len(word) > 1:
            return cyr.upper()
        return cyr[:1].upper() + cyr[1:] if word[0].isupper() else cyr

    return _LATIN_WORD.sub(one, line)


def sources(table: dict[str, str]) -> dict[str, list[str]]:
    uz = published("apertium-kaz-uzb/uzb-big.txt", 1, 100)
    en = published("apertium-eng-kaz/evaluation_t2unk.eng.txt", 2, 93)
    en += published("apertium-eng-kaz/evaluation_text1.eng.txt", 2, 57)
    return {
        "uz-Latn": uz,
        "uz-Cyrl": [cyrillic(line, table) for line in uz],
        "kk": published("apertium-kaz-uzb/kaz-big.txt", 1, 100),
        "en": [" ".join(line.split()) for line in en],
    }


def gold_sentences(lang: str, lines: list[str], splits: dict[str, list[tuple[int, str]]]) -> list[str]:
    """One sentence per line; en: a line without an end mark runs on into the next; splits inside lines."""
    out: list[str] = []
    carry = ""
    for n, line in enumerate(lines, 1):
        parts = [line]
        for at, end in splits.get(lang, []):
            if at == n:
                cut = parts[-1].index(end) + len(end)
                parts[-1:] = [parts[-1][:cut], parts[-1][cut:].strip()]
        for part in parts:
            text = f"{carry} {part}".strip()
            if lang == "en" and not _END.search(text) and n < len(lines):
                carry = text
                continue
            out.append(text)
            carry = ""
    return out


def seg_cases(src: dict[str, list[str]]) -> dict[str, list[tuple[str, str, frozenset[int]]]]:
    spec = [r.split("\t") for r in (HELD / "segmentation.tsv").read_text(encoding="utf-8").splitlines()]
    spec = [r for r in spec if r[0] and not r[0].startswith("#")]
    splits: dict[str, list[tuple[int, str]]] = {}
    size = {r[1]: int(r[2]) for r in spec if r[0] == "paragraph"}
    for r in spec:
        if r[0] == "split":
            splits.setdefault(r[1], []).append((int(r[2]), r[3]))
    cases: dict[str, list[tuple[str, str, frozenset[int]]]] = {}
    for lang, lines in src.items():
        sentences = gold_sentences(lang, lines, splits)
        k = size[lang]
        for i in range(0, len(sentences), k):
            block = sentences[i : i + k]
            ends, pos = [], 0
            for s in block:
                pos += len(s)
                ends.append(pos)
                pos += 1
            cases.setdefault(lang, []).append((" ".join(block), lang, frozenset(ends[:-1])))
    return cases


def agreement(got: str, want: str) -> float:
    a, b = normalize_apostrophes(got).split(), normalize_apostrophes(want).split()
    blocks = SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
    return sum(x.size for x in blocks) / max(len(b), 1)


def term_scores(src: dict[str, list[str]], show: bool) -> None:
    glossary = LoadedGlossary(read_table(HELD / "terms.tsv", "heldout"))
    gold: Counter[tuple[str, int, str]] = Counter()
    for row in (HELD / "terms_gold.tsv").read_text(encoding="utf-8").splitlines():
        if row and not row.startswith("#"):
            lang, line, term, _surface, count = row.split("\t")
            gold[(lang, int(line), term)] += int(count)
    kk_terms = {c.terms["kk"][0]: c.terms["kk"][0] for c in glossary.concepts if c.terms.get("kk")}
    for setting, lang in (("uz-Latn", "uz"), ("uz-Cyrl", "uz"), ("kk", "kk")):
        found: Counter[tuple[str, int, str]] = Counter()
        for n, line in enumerate(src[setting], 1):
            for h in glossary.find(line, lang):
                term = h.term if lang == "kk" else _uz_first(glossary, h.term)
                found[(lang, n, kk_terms.get(term, term))] += 1
        want = Counter({k: v for k, v in gold.items() if k[0] == lang})
        tp = sum((found & want).values())
        p, r = tp / max(1, sum(found.values())), tp / max(1, sum(want.values()))
        print(f"| {setting} | {sum(want.values())} | {sum(found.values())} | {tp} | {p:.3f} | {r:.3f} |")
        if show:
            print("   missed:", dict(want - found))
            print("   extra: ", dict(found - want))


def _uz_first(glossary: LoadedGlossary, term: str) -> str:
    """The first uz term of the concept holding `term` (synonyms are scored as their concept)."""
    for c in glossary.concepts:
        if term in c.terms.get("uz", ()):
            return c.terms["uz"][0]
    return term


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-errors", action="store_true", help="print every wrong boundary, word and hit")
    args = parser.parse_args()
    if not PARALLEL.is_dir():
        sys.exit(f"needs the shared texts in {PARALLEL}")
    table = translit_table()
    src = sources(table)
    cases = seg_cases(src)

    print("## segmentation (boundary P / R / F1; sentences per language)\n")
    found, _missing = segmenters()
    langs = list(cases)
    print(
        "| segmenter | "
        + " | ".join(f"{lg} ({sum(len(b) + 1 for *_, b in cases[lg])})" for lg in langs)
        + " |"
    )
    print("|" + "---|" * (len(langs) + 1))
    for name, seg in found.items():
        cells = []
        for lg in langs:
            s = score(cases[lg], seg)
            cells.append(f"{s.precision:.3f} / {s.recall:.3f} / **{s.f1:.3f}**")
        print(f"| {name} | " + " | ".join(cells) + " |")
    if args.show_errors:
        from tarjimon.core.segment import split
        from tarjimon.core.segment.gold import boundaries_of

        for lg in langs:
            for text, lang, gold in cases[lg]:
                got = boundaries_of(text, split(text, lang))
                for e in sorted(got ^ gold):
                    kind = "false split" if e in got else "missed"
                    print(f"   {lg} {kind}: …{text[max(0, e - 40) : e]}|{text[e : e + 30]}…")

    print("\n## transliteration (word agreement over lines 1-100 of uzb-big.txt)\n")
    lat, cyr = src["uz-Latn"], src["uz-Cyrl"]
    words = sum(len(c.split()) for c in cyr)
    l2c = sum(agreement(to_cyrillic(a), b) * len(b.split()) for a, b in zip(lat, cyr, strict=True)) / words
    c2l = sum(agreement(to_latin(b), a) * len(a.split()) for a, b in zip(lat, cyr, strict=True))
    c2l /= sum(len(a.split()) for a in lat)
    print("| converter | Lat→Cyr (vs hand Cyrillic) | Cyr→Lat (vs published Latin) |\n|---|---|---|")
    print(f"| tarjimon | {l2c:.3f} | {c2l:.3f} |")
    try:
        import alifbo

        a_l2c = sum(
            agreement(alifbo.to_cyrillic(alifbo.to_new_latin(a).text).text, b) * len(b.split())
            for a, b in zip(lat, cyr, strict=True)
        )
        a_c2l = sum(
            agreement(alifbo.to_old_latin(alifbo.from_cyrillic(b).text).text, a) * len(a.split())
            for a, b in zip(lat, cyr, strict=True)
        )
        print(
            f"| alifbo {alifbo.__version__} | {a_l2c / words:.3f} | {a_c2l / sum(len(a.split()) for a in lat):.3f} |"
        )
    except ImportError:
        print("| alifbo | not installed | |")
    if args.show_errors:
        for a, b in zip(lat, cyr, strict=True):
            got, want = to_cyrillic(a).split(), b.split()
            for op, i1, i2, j1, j2 in SequenceMatcher(None, got, want, autojunk=False).get_opcodes():
                if op != "equal":
                    print(f"   Lat→Cyr: {' '.join(got[i1:i2])!r} should be {' '.join(want[j1:j2])!r}")

    print("\n## term recognition (tests/data/heldout/terms.tsv; occurrences per line)\n")
    print("| text | gold | found | right | precision | recall |\n|---|---|---|---|---|---|")
    term_scores(src, args.show_errors)


if __name__ == "__main__":
    main()
