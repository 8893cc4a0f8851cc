"""Match analysis: how much of each document the TM covers, per target language, in the bands CAT tools
report (Trados, memoQ): repetitions, 101% (identical with the same context), 100%, 95-99, 85-94, 75-84, 50-74
and no match, each with its segments, words and characters (non-space). Every segment falls in exactly one
band, so the bands add up to the document's words.

A segment whose source (case and spacing aside) came earlier in the project, in reading order, is a
repetition: the translator does it once. The others take the best TM match's score (`tm.lookup` with the
neighbouring sentences as context).

A document is counted against the TM as it was when it was (last) imported, as memoQ and Trados count a job: the
units its own confirmed targets made since (their origin is "project/document", made at or after the import)
are left out, so a translated article does not analyse as 101% matches of itself. A unit that was in the TM
before (a TMX's, one a pretranslate used, the previous version's of a re-imported article) and the other
documents' units still count. `own=True` counts the TM as it is now (every unit).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from tarjimon.core.project.stats import count_words

BANDS = ("repetitions", "101%", "100%", "95-99%", "85-94%", "75-84%", "50-74%", "no match")


def band_of(score: int | None) -> str:
    """The band of a best TM score (None: no match of 50% or more)."""
    if score is None or score < 50:
        return "no match"
    if score >= 101:
        return "101%"
    if score >= 100:
        return "100%"
    for low, name in ((95, "95-99%"), (85, "85-94%"), (75, "75-84%")):
        if score >= low:
            return name
    return "50-74%"


@dataclass
class Counts:
    """Segments, words and non-space characters of one band."""

    segments: int = 0
    words: int = 0
    characters: int = 0

    def add(self, source: str) -> None:
        self.segments += 1
        self.words += count_words(source)
        self.characters += sum(not ch.isspace() for ch in source)

    @classmethod
    def summed(cls, parts: Iterable[Counts]) -> Counts:
        """The counts of several bands (or documents) together."""
        out = cls()
        for c in parts:
            out.segments += c.segments
            out.words += c.words
            out.characters += c.characters
        return out


@dataclass
class DocumentAnalysis:
    """One document in one target language: counts per band and in total."""

    document: str
    lang: str
    bands: dict[str, Counts] = field(default_factory=lambda: {b: Counts() for b in BANDS})
    own_left_out: int = 0  # segments whose best match was a unit of the document's own work, left out

    @property
    def total(self) -> Counts:
        return Counts.summed(self.bands.values())

    def to_json(self) -> dict[str, Any]:
        total = self.total
        return {"document": self.document, "lang": self.lang,
                "bands": {b: vars(c) for b, c in self.bands.items()}, "total": vars(total),
                "own_left_out": self.own_left_out}


@dataclass
class Analysis:
    """The analysis of a project: one entry per document and target language."""

    project: str
    documents: list[DocumentAnalysis]
    own: bool = False  # counted against every unit, the document's own work included

    @property
    def against(self) -> str:
        """What the documents were counted against, in words (the reports say it)."""
        if self.own:
            return "against the TM as it is now, each document's own confirmed targets included"
        return ("against the TM as it was when each document was imported: the units its own confirmed "
                "targets made since are left out (--include-own counts them)")

    def to_json(self) -> dict[str, Any]:
        return {"project": self.project, "bands": list(BANDS), "own_units": "included" if self.own else "left out",
                "against": self.against, "documents": [d.to_json() for d in self.documents]}


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


@dataclass(frozen=True)
class _Own:
    """What a document's own work looks like in the TM, made at or after its import: units of its origin
    ("project/document"), or of the same document in another project (a copy under another name) holding one
    of its confirmed (source, target) pairs. A TMX's unit a target reused keeps its own origin: it counts."""

    origin: str
    since: str
    pairs: frozenset[tuple[str, str]]

    def looks_mine(self, match: Any) -> bool:
        """The match's unit came from this document (when, the caller asks the unit)."""
        document = self.origin[self.origin.find("/"):]  # "/a.txt"
        return match.origin == self.origin or (match.origin.endswith(document)
                                               and (match.source, match.target) in self.pairs)


def analyse(repo: Any, tm: Any, target_langs: Sequence[str], documents: Sequence[Any],
            project: str = "", *, own: bool = False) -> Analysis:  # fmt: skip
    """Analyse every document in every target language against `tm` (a TranslationMemory): as it was when
    the document was imported, or (`own`) as it is."""
    out = []
    segments = {doc.id: repo.segments(doc.id) for doc in documents}
    contexts = {s.id: repo.neighbours(s) for segs in segments.values() for s in segs}
    made: dict[int, str] = {}  # unit id -> created_at, for the units that look like a document's own
    for lang in target_langs:
        seen: set[str] = set()
        for doc in documents:
            result = DocumentAnalysis(doc.name, lang)
            mine = None
            if not own:
                pairs = frozenset((r.segment.source, r.targets[lang].text) for r in repo.rows([lang], doc.id)
                                  if r.targets[lang].status in ("translated", "reviewed"))  # fmt: skip
                mine = _Own(f"{project}/{doc.name}", repo.imported_at(doc.id), pairs)
            for seg in segments[doc.id]:
                key = _key(seg.source)
                if key in seen:
                    band = "repetitions"
                else:
                    seen.add(key)
                    best, skipped = _best(tm, seg.source, lang, contexts[seg.id], mine, made)
                    result.own_left_out += skipped
                    score = None if best is None else (101 if best.context_match and best.score >= 100
                                                       else best.score)  # fmt: skip
                    band = band_of(score)
                result.bands[band].add(seg.source)
            out.append(result)
    return Analysis(project, out, own)


def _best(tm: Any, source: str, lang: str, context: Any, mine: _Own | None,
          made: dict[int, str]) -> tuple[Any, bool]:  # fmt: skip
    """The best match of 50% or more that is not the document's own work (`mine`), and whether a better one
    was left out for being so."""
    limit = 1 if mine is None else 8
    while True:
        matches = tm.lookup(source, lang, limit=limit, min_score=50, context=context)
        for n, m in enumerate(matches):
            if mine is None or not mine.looks_mine(m):
                return m, n > 0
            if m.unit_id not in made:
                made[m.unit_id] = tm.unit(m.unit_id).created_at
            if made[m.unit_id] < mine.since:  # in the TM before the document came: counts
                return m, n > 0
        if len(matches) < limit or limit >= 256:
            return None, bool(matches)
        limit *= 4
