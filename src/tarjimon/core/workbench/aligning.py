"""`tarjimon align`: published versions of a story aligned into TM units (core/align does the aligning).

`read_version` reads an article in any format Tarjimon imports; `align_story` aligns a source version with
its targets using the project's glossaries as one of the signals; `accept` adds the chosen pairs to the
project's TM (any backend, through `TranslationMemory.import_units`) with their confidence and origin
("align:<source file>"); `match_folders` pairs the files of a batch by date and title.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from tarjimon.core import langs
from tarjimon.core.align.lexicon import Lexicon
from tarjimon.core.align.review import ACCEPTED, PENDING, REJECTED, ReviewRows
from tarjimon.core.align.signals import features
from tarjimon.core.align.versions import Alignment, Pair, TermFinder, Version, align_versions
from tarjimon.core.errors import BadInput, NotFound, TarjimonError
from tarjimon.core.files import check_input_file
from tarjimon.core.models.tm import NewUnit
from tarjimon.core.tm.api import TranslationMemory
from tarjimon.core.workbench.importing import article_format

DEFAULT_MIN = 0.5
__all__ = ["ACCEPTED", "DEFAULT_MIN", "PENDING", "REJECTED", "AlignReport", "Alignment", "Pair", "ReviewRows",
           "Lexicon", "accept", "align_story", "glossary_terms", "match_folders", "read_version"]


@dataclass
class AlignReport:
    """What one story's alignment gave: the pairs that went to the TM, those below the threshold, the
    sentences left alone, per target language."""

    source: str
    targets: dict[str, str]
    added: dict[str, list[Pair]] = field(default_factory=dict)
    below: dict[str, list[Pair]] = field(default_factory=dict)
    unaligned: dict[str, tuple[list[str], list[str]]] = field(default_factory=dict)
    stored: int = 0
    duplicates: int = 0
    pending: str = ""  # the file keeping the alignment for a review in the workbench, if any

    def to_json(self) -> dict[str, object]:
        def pairs(items: list[Pair]) -> list[dict[str, object]]:
            return [{"source": p.source_text, "target": p.target_text, "confidence": p.confidence,
                     "shape": p.shape, "agreement": p.agreement} for p in items]

        return {
            "source": self.source,
            "targets": self.targets,
            "added": {lang: pairs(v) for lang, v in self.added.items()},
            "below": {lang: pairs(v) for lang, v in self.below.items()},
            "unaligned": {lang: {"source": s, "target": t} for lang, (s, t) in self.unaligned.items()},
            "stored": self.stored,
            "duplicates": self.duplicates,
            "pending": self.pending,
        }


def read_version(path: str | Path, lang: str) -> tuple[Version, dict[str, str]]:
    """The sentences of one article file (any document format of the registry) and its metadata."""
    p = Path(path)
    if p.is_dir():
        raise BadInput("is a folder, not an article (--batch takes folders)", path=p)
    check_input_file(p)  # missing, a FIFO, a device: one line, before any reader opens it
    article, _ = article_format(p).reader("document")(p)
    version = Version.of_article(article, langs.primary(lang), p.name)
    if not version.sentences:
        raise BadInput("the file holds no text to align", path=p)
    return version, dict(article.meta)


def morphology_stems(word: str, lang: str) -> list[str]:
    """The stems the glossary's morphology finds for a word (Snowball, or the suffix rules of uz and kk)."""
    from tarjimon.core.glossary.morphology import morphology

    m = morphology(lang)
    return [stem for stem, _, _ in m.analyses(m.key(word))]


def glossary_terms(glossaries: object) -> TermFinder | None:
    """A term finder over a `GlossarySet`'s concepts, read loosely (core/align/lexicon.py: any inflected form
    of a word, verbs too), or None without glossaries."""
    if glossaries is None or not getattr(glossaries, "glossaries", None):
        return None
    lexicon = Lexicon((c.terms for g in glossaries.glossaries for c in g.concepts),  # type: ignore[attr-defined]
                      stems=morphology_stems)
    return lexicon.find


def align_story(source: str | Path, source_lang: str, targets: dict[str, str | Path], *,
                terms: TermFinder | None = None, min_confidence: float = DEFAULT_MIN,
                check: bool = True) -> tuple[Alignment, AlignReport]:
    """Align one story's versions; BadInput when a target is another story, or (without `check`, the
    translator's --force) the same-story check cannot tell (nothing is stored)."""
    src, _ = read_version(source, source_lang)
    versions = {langs.primary(lang): read_version(path, lang)[0] for lang, path in targets.items()}
    if not versions:
        raise BadInput("name at least one target version (--kk, --ru, --en)")
    alignment = align_versions(src, versions, terms=terms, check=check)
    report = AlignReport(src.name, {lang: v.name for lang, v in versions.items()})
    for lang, pairs in alignment.pairs.items():
        report.added[lang] = [p for p in pairs if p.confidence >= min_confidence]
        report.below[lang] = [p for p in pairs if p.confidence < min_confidence]
        lone_s, lone_t = alignment.unaligned(lang)
        report.unaligned[lang] = ([src.sentences[i].text for i in lone_s],
                                  [versions[lang].sentences[j].text for j in lone_t])
    return alignment, report


def units_of(pairs: Iterable[Pair], source_lang: str, origin: str, context: dict[int, tuple[str | None, str | None]]
             ) -> list[NewUnit]:
    """TM units of aligned pairs: text as in the articles, the confidence and shape as props."""
    out = []
    for p in pairs:
        prev, nxt = context.get(p.source[0], (None, None))
        props = [["x-align-confidence", f"{p.confidence:.3f}"], ["x-align-shape", p.shape]]
        if p.agreement:
            props.append(["x-align-agreement", p.agreement])
        out.append(NewUnit(source_lang, p.lang, source_lang, p.lang, p.source_text, p.target_text,
                           context_prev=prev, context_next=nxt, origin=origin, props=json.dumps(props)))
    return out


def contexts(version: Version) -> dict[int, tuple[str | None, str | None]]:
    """Each sentence's neighbours (the context a project segment gets), so an aligned unit can match at 101%."""
    texts = [s.text for s in version.sentences]
    return {i: (texts[i - 1] if i else None, texts[i + 1] if i + 1 < len(texts) else None)
            for i in range(len(texts))}


def accept(tm: TranslationMemory, alignment: Alignment, pairs: dict[str, list[Pair]]) -> tuple[int, int]:
    """Add the chosen pairs to the TM, all or nothing; (added, duplicates)."""
    src = alignment.source
    ctx = contexts(src)
    units: list[NewUnit] = []
    for items in pairs.values():
        units.extend(units_of(items, src.lang, f"align:{src.name}", ctx))
    if not units:
        return 0, 0
    return tm.import_units(units)


_DATE_RE = re.compile(r"(\d{4})[-_.]?(\d{2})[-_.]?(\d{2})")


def story_key(path: Path, meta: dict[str, str]) -> tuple[str, str]:
    """(date, title) of an article: its header's, else a date in its file name and its first line."""
    date = meta.get("date", "")
    if not date:
        m = _DATE_RE.search(path.name)
        date = "-".join(m.groups()) if m else ""
    return date, meta.get("title", "")


def _title_overlap(a: str, a_lang: str, b: str, b_lang: str) -> int:
    fa, fb = features(a, a_lang), features(b, b_lang)
    return len(fa.numbers & fb.numbers) + len((fa.names | fa.cognates) & (fb.names | fb.cognates))


def match_folders(source_dir: Path, source_lang: str, target_dirs: dict[str, Path]
                  ) -> tuple[list[tuple[Path, dict[str, Path]]], list[str]]:
    """Pair every article of `source_dir` with the target articles of the same date, the one whose title
    shares most numbers, names and cognates when a day has several. Returns the stories and what was left."""
    left: list[str] = []

    def listing(folder: Path, lang: str) -> list[tuple[Path, tuple[str, str]]]:
        if not folder.is_dir():
            if folder.exists():
                raise BadInput("is a file, not a folder (--batch takes folders of articles)", path=folder)
            raise NotFound("no such folder", path=folder)
        out = []
        for p in sorted(folder.iterdir()):
            if p.name.startswith("."):
                continue
            if p.is_dir():
                left.append(f"{p.name}/ ({lang}): a folder inside the batch folder, not read")
                continue
            try:
                check_input_file(p)
                article, _ = article_format(p).reader("document")(p)
            except TarjimonError as exc:  # a FIFO, a binary file, an unknown format: listed, not fatal
                left.append(f"{p.name} ({lang}): {exc.message}")
                continue
            out.append((p, story_key(p, dict(article.meta))))
        return out

    sources = listing(source_dir, source_lang)
    pools = {lang: listing(folder, lang) for lang, folder in target_dirs.items()}
    stories = []
    for path, (date, title) in sources:
        found: dict[str, Path] = {}
        for lang, pool in pools.items():
            same_day = [(p, t) for p, (d, t) in pool if d and d == date]
            if not same_day:
                continue
            best = max(same_day, key=lambda pt: _title_overlap(title, source_lang, pt[1], lang))
            if len(same_day) > 1 and not _title_overlap(title, source_lang, best[1], lang):
                continue  # several stories that day and no title in common: do not guess
            found[lang] = best[0]
            pool.remove((best[0], (date, best[1])))
        if found:
            stories.append((path, found))
        else:
            left.append(f"{path.name}: no target article of {date or 'an unknown date'}")
    for lang, pool in pools.items():
        left.extend(f"{p.name} ({lang}): no source article matched" for p, _ in pool)
    return stories, left
