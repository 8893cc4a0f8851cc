"""Held-out check on published news (issue 15): term recognition with the shipped newsroom glossary, scored
against hand-annotated occurrences (tests/data/heldout/news/*.tsv, see their headers).

Usage:  python bench/heldout_news.py --text kk=FILE --text uz-latn=FILE --text uz-cyrl=FILE [--show-errors]
        [--gold-dir tests/data/heldout/news3]   (default: the second round, tests/data/heldout/news)

The texts (one sentence per line, as listed in each gold file's header) are third-party news prose and are
not kept in the repository; this script scores whichever of them you give it. The figures recorded in
docs/benchmarks.md ("Held-out published news") were scored once, on 2026-11-29.

Scoring rule for every round (written down 2026-11-30 before the fifth round was collected): a hit of kind
"possible" (a general word that is a term in one sense only, its `sense` words absent from the sentence: see
docs/glossaries.md) is shown to the translator but not counted as found; the gold is annotated by meaning.

Alternatives (written down 2026-11-30 before the sixth round was collected): Tarjimon shows one concept per
span, never two hits. Where a word belongs to two concepts and the sentence reads either way (Kazakh халық
"the people" or "the population": халықты қолдау, халықтың әл-ауқаты), the gold may name both concepts
joined by " / " in its term column (`халық / тұрғындар`); the occurrence is then right when Tarjimon's one
hit is either concept, and counts once in gold and once in found (a second hit on it would be extra). Where
the sentence tells one sense (қазақ халқы "the Kazakh people", халық саны "the population count", облыс
халқы "the region's population"), the gold names that one concept.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from tarjimon.core.formats.tsv import read_table
from tarjimon.core.glossary.store import LoadedGlossary
from tarjimon.core.models.glossary import TermHit

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "heldout" / "news"
NEWS = ROOT / "src" / "tarjimon" / "glossaries" / "news.tsv"


def concept_key(glossary: LoadedGlossary, hit: TermHit, lang: str) -> str:
    """A hit is scored as its concept: the concept's first term in `lang` (a word two concepts share,
    like халық, is scored as the concept recognition chose)."""
    for concept in glossary.concepts:
        if concept.id == hit.concept and hit.term in concept.terms.get(lang, ()):
            return concept.terms[lang][0]
    return hit.term


def score(glossary: LoadedGlossary, lines: list[str], gold_path: Path) -> tuple[Counter, Counter]:
    gold: Counter[tuple[int, str]] = Counter()
    either: list[tuple[int, list[str], int]] = []  # occurrences the gold gives two readings of
    lang = ""
    for row in gold_path.read_text(encoding="utf-8").splitlines():
        if row and not row.startswith("#"):
            lang, line, term, _surface, count = row.split("\t")
            if " / " in term:
                either.append((int(line), [t.strip() for t in term.split(" / ")], int(count)))
            else:
                gold[(int(line), term)] += int(count)
    found: Counter[tuple[int, str]] = Counter()
    for n, line in enumerate(lines, 1):
        for hit in glossary.find(line, lang):
            if hit.kind != "possible":  # shown as possible (a general word without its sense): not a hit
                found[(n, concept_key(glossary, hit, lang))] += 1
    spare = found - gold  # hits no single-reading occurrence takes
    for n, terms, count in either:
        for _ in range(count):  # each occurrence takes a spare hit of either reading, else its first
            term = next((t for t in terms if spare[(n, t)] > 0), terms[0])
            spare[(n, term)] -= 1
            gold[(n, term)] += 1
    return gold, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--text", action="append", default=[], metavar="NAME=FILE", help="kk, uz-latn, uz-cyrl"
    )
    parser.add_argument("--show-errors", action="store_true")
    parser.add_argument(
        "--gold-dir",
        type=Path,
        default=GOLD,
        help="folder of NAME.tsv gold files (news: 2nd round, news3: 3rd)",
    )
    args = parser.parse_args()
    if not args.text:
        sys.exit(
            "give at least one --text NAME=FILE (the texts are not in the repository: see the gold headers)"
        )
    glossary = LoadedGlossary(read_table(NEWS, "news"))
    print("| text | lines | gold | found | right | precision | recall |")
    print("|---|---|---|---|---|---|---|")
    for spec in args.text:
        name, _, path = spec.partition("=")
        lines = Path(path).read_text(encoding="utf-8").splitlines()
        gold, found = score(glossary, lines, args.gold_dir / f"{name}.tsv")
        right = sum((gold & found).values())
        p, r = right / max(1, sum(found.values())), right / max(1, sum(gold.values()))
        print(
            f"| {name} | {len(lines)} | {sum(gold.values())} | {sum(found.values())} | {right} | {p:.3f} | {r:.3f} |"
        )
        if args.show_errors:
            print("   missed:", sorted((gold - found).items()))
            print("   extra: ", sorted((found - gold).items()))


if __name__ == "__main__":
    main()
