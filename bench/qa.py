"""QA benchmark: the cost per target of each part of the checks, against the per-target checks of a CAT tool
(tarjimon.core.qa.checks.check_segment: numbers, terms, punctuation, tags...) measured in the same run.

    python bench/qa.py [--repeat 5] [--rounds 50]

Targets: the 18 kk/ru/en targets of the planted-fault project of tests/test_qa_planted.py (6 segments, real
Uzbek sources), each checked `rounds` times (median of `repeat` runs). Reported: microseconds per target for
the per-target checks (the peer), + names/tokens and the checks across targets, + spelling (dictionaries
warm, a fresh Speller each run so its word cache starts empty), all of it as check_project runs it (the
checks across targets once per segment), and the one-off dictionary load per language.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

from test_qa_planted import ARTICLE, CORRECT, FAULTS, GLOSSARY  # noqa: E402

from tarjimon.core.glossary.store import GlossarySet, load_glossary  # noqa: E402
from tarjimon.core.qa import checks  # noqa: E402
from tarjimon.core.qa.spelling import Speller, _load, dictionary_paths  # noqa: E402
from tarjimon.core.qa.target import check_segment  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--rounds", type=int, default=50)
    args = ap.parse_args()
    sources = ARTICLE.strip().splitlines()
    texts = {**CORRECT, **{k: t for k, (t, _) in FAULTS.items()}}
    rows = {n: {lang: t for (m, lang), t in texts.items() if m == n} for n in range(1, 7)}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "g.tsv"
        path.write_text(GLOSSARY, encoding="utf-8")
        glossary = GlossarySet([load_glossary(path, "planted", cache_dir=Path(tmp) / ".cache")])
        words = [w for line in GLOSSARY.splitlines()[1:] for term in line.split("\t") for w in term.split()]

        for lang in ("kk", "ru", "en"):
            start = time.perf_counter()
            for stem in dictionary_paths(lang)[:1]:
                _load(str(stem))
            print(f"dictionary load {lang}: {time.perf_counter() - start:.2f} s (once per process)")

        def run(kind: str) -> float:
            times = []
            for _ in range(args.repeat):
                speller = Speller(glossary_words=words) if kind in ("spelling", "project") else None
                start = time.perf_counter()
                for _ in range(args.rounds):
                    cache: dict | None = {} if kind == "project" else None  # one check_project run
                    for n, targets in rows.items():
                        src = sources[n - 1]
                        hits = glossary.find(src, "uz")
                        for lang, target in targets.items():
                            if kind == "peer":
                                checks.check_segment(src, target, lang, source_lang="uz", glossary=glossary,
                                                     other_targets=targets, source_hits=hits)
                            else:
                                check_segment(src, target, lang, source_lang="uz", glossary=glossary,
                                              other_targets=targets, source_hits=hits, speller=speller,
                                              across_cache=cache)
                times.append((time.perf_counter() - start) / (args.rounds * len(texts)))
            return statistics.median(times) * 1e6

        peer = run("peer")
        full = run("full")
        spelling = run("spelling")
        project = run("project")
    print(f"per-target checks (peer):              {peer:8.0f} µs/target")
    print(f"+ names, tokens, across targets:       {full:8.0f} µs/target  ({full / peer:.2f}× the peer)")
    print(f"+ spelling (warm dictionaries):        {spelling:8.0f} µs/target  ({spelling / peer:.2f}× the peer)")
    print(f"all, as check_project runs them:       {project:8.0f} µs/target  ({project / peer:.2f}× the peer)")


if __name__ == "__main__":
    main()
