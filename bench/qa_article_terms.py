"""Glossary warnings on a correct translation of the real article, and planted term errors caught (lang12).

    python bench/qa_article_terms.py [--pairs]
    BENCH_SRC=/tmp/before12/src python bench/qa_article_terms.py     # the before-tree (its own news.tsv)

`--pairs`: also the glossary warnings on the apertium-kaz-uzb Uzbek-Kazakh pairs of ../shared (uzb*.txt /
kaz*.txt, a published translation line by line): each warning there is a candidate false one, read by hand.

The article (../shared/seeds/kazinform-2026-01-05-uz.txt, cut as `tarjimon segment` cuts it) and its hand
translation into Kazakh and Russian (tests/data/lang12/article_kk_ru.tsv). 1) Every target is checked with the
tree's shipped news.tsv (qa.target.check_segment, the other target as sibling): every finding on this correct
translation is a false one. 2) Each target term whose concept the source has is replaced by a neutral wrong
word (нәрсе, вещь): the glossary-term check should catch it.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = Path(os.environ.get("BENCH_SRC", str(ROOT / "src")))
sys.path.insert(0, str(SRC))

from tarjimon.core.glossary.loaded import load_glossary  # noqa: E402
from tarjimon.core.glossary.store import GlossarySet  # noqa: E402
from tarjimon.core.qa import checks, target  # noqa: E402
from tarjimon.core.segment import split  # noqa: E402
from tarjimon.core.text.header import header_title_start  # noqa: E402

ARTICLE = ROOT.parent / "shared" / "seeds" / "kazinform-2026-01-05-uz.txt"
TRANSLATION = ROOT / "tests" / "data" / "lang12" / "article_kk_ru.tsv"
WRONG = {"kk": "нәрсе", "ru": "вещь"}


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    shutil.copy(SRC / "tarjimon" / "glossaries" / "news.tsv", folder / "news.tsv")
    news = GlossarySet([load_glossary(folder / "news.tsv")])
    article = ARTICLE.read_text(encoding="utf-8")
    article = article[max(header_title_start(article), 0) :]  # the header's headline is a segment, its date not
    segments = [s for line in article.split("\n") if line.strip() for s in split(line, "uz")]
    rows = [line.split("\t") for line in TRANSLATION.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]  # fmt: skip
    findings = planted = caught = 0
    for number, kk, ru in rows:
        source = segments[int(number)]
        wanted = {h.concept for h in news.find(source, "uz") if h.kind not in ("fuzzy", "possible")}
        for lang, text in (("kk", kk), ("ru", ru)):
            for f in target.check_segment(source, text, lang, source_lang="uz", glossary=news,
                                          other_targets={"kk": kk, "ru": ru}):  # fmt: skip
                findings += 1
                print(f"  finding: segment {number} {lang} {f.check}: {f.message}")
            for h in news.find(text, lang, fuzzy=False):
                if h.concept not in wanted or text[h.start : h.end] in source:
                    continue  # a term kept as written (IT, Astana Hub) is no error to plant
                bad = text[: h.start] + WRONG[lang] + text[h.end :]
                planted += 1
                found = checks.check_segment(source, bad, lang, source_lang="uz", glossary=news)
                if any(f.check == "glossary-term" for f in found):
                    caught += 1
                else:
                    print(f"  not caught: segment {number} {lang} {text[h.start : h.end]!r} replaced")
    print(f"{len(rows)} segments x kk, ru: findings on the correct translation {findings}; "
          f"planted term errors caught {caught} of {planted}")
    if "--pairs" in sys.argv:
        pairs(news)


def _numbered(path: Path) -> dict[int, str]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        number, tab, text = line.partition("\t")
        if tab and number.strip().isdigit():
            out[int(number)] = text.strip()
    return out


def pairs(news: GlossarySet) -> None:
    folder = ROOT.parent / "shared" / "data" / "parallel" / "apertium-kaz-uzb"
    count = warnings = 0
    for uzb, kaz in (("uzb-big.txt", "kaz-big.txt"), ("uzb.txt", "kaz.txt")):
        sources, targets = _numbered(folder / uzb), _numbered(folder / kaz)
        for number in sorted(set(sources) & set(targets)):
            count += 1
            for f in checks.check_segment(sources[number], targets[number], "kk", source_lang="uz", glossary=news):
                if f.check in ("glossary-term", "forbidden-term"):
                    warnings += 1
                    print(f"  {uzb}:{number} {f.message}")
    print(f"apertium-kaz-uzb pairs: {count}, glossary warnings on the published Kazakh {warnings}")


if __name__ == "__main__":
    main()
