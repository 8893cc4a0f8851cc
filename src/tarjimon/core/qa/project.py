"""QA of a whole project: every non-empty target with all its checks, the project-wide consistency check,
each language's usual length ratio for the checks across targets, and the dismissed findings left out."""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from tarjimon.core.models.qa import Finding, Ignored, text_hash
from tarjimon.core.qa.across import MIN_SOURCE_CHARS
from tarjimon.core.qa.checks import check_consistency
from tarjimon.core.qa.spelling import Speller
from tarjimon.core.qa.target import check_segment
from tarjimon.core.segment_places import places

MIN_RATIO_SAMPLES = 5


def usual_ratios(rows: Iterable[Any], langs: Iterable[str]) -> dict[str, float]:
    """Per language, the median target/source length ratio of the project's longer segments (when it has
    enough of them); the checks across targets weigh a target's length by it."""
    samples: dict[str, list[float]] = {lang: [] for lang in langs}
    for row in rows:
        source = row.segment.source.strip()
        if len(source) < MIN_SOURCE_CHARS:
            continue
        for lang in samples:
            tr = row.targets.get(lang)
            if tr is not None and tr.text.strip():
                samples[lang].append(len(tr.text.strip()) / len(source))
    return {lang: statistics.median(v) for lang, v in samples.items() if len(v) >= MIN_RATIO_SAMPLES}


def check_project(
    project: Any,
    *,
    targets: Iterable[str] | None = None,
    glossaries_dir: Path | None = None,
    glossary: Any = None,
    speller: Speller | None = None,
    names: Any = None,
    ignored: Iterable[Ignored] = (),
) -> list[Finding]:
    """Check every non-empty target (drafts included) of a project, in reading order, plus consistency.

    `targets` limits the languages (default: all the project's targets); the glossaries are the project's
    (`project.glossaries(glossaries_dir)`) unless `glossary` is given; `speller` adds the spelling check;
    `names` is the names table (default the package's); findings matching an `ignored` entry (same segment,
    language, check and target text) are left out.
    """
    langs = list(targets) if targets is not None else project.target_langs
    if glossary is None:
        glossary = project.glossaries(glossaries_dir)
    rows = project.rows()
    ratios = usual_ratios(rows, project.target_langs)
    dismissed = {(i.segment, i.lang, i.check, i.text_hash) for i in ignored}
    out: list[Finding] = []
    across_cache: dict[tuple[Any, ...], Any] = {}
    first_seen: dict[tuple[str, str], tuple[int, str, str]] = {}
    where = places(rows, {d.id: d.name for d in project.documents()})
    for row in rows:
        seg = row.segment
        texts = {lang: t.text for lang, t in row.targets.items()}
        if not any(texts.get(lang, "").strip() or row.targets[lang].status in ("translated", "reviewed")
                   for lang in langs):  # fmt: skip
            continue
        hits = glossary.find(seg.source, project.source_lang) if glossary is not None else None
        for lang in langs:
            tr = row.targets[lang]
            out += check_segment(seg.source, tr.text, lang, source_lang=project.source_lang, glossary=glossary,
                                 other_targets=texts, segment=seg.id, status=tr.status, source_hits=hits,
                                 names=names, speller=speller, usual_ratios=ratios,
                                 across_cache=across_cache)  # fmt: skip
            if not tr.text.strip():
                continue
            differs = check_consistency(first_seen, seg.id, lang, seg.source, tr.text,
                                        where[seg.id].label if seg.id in where else "")  # fmt: skip
            if differs is not None:
                out.append(differs)
    if dismissed:
        out = [f for f in out if (f.segment, f.lang, f.check, text_hash(f.target)) not in dismissed]
    return out
