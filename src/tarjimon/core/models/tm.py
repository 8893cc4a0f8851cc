"""Domain objects of the translation memory: frozen dataclasses, never database rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Unit:
    """One source -> target pair in the TM."""

    id: int
    source: str  # plain text (inline codes removed), whitespace as written
    target: str
    source_lang: str  # normalised primary subtag ("en")
    target_lang: str
    source_tag: str = ""  # as written in the file ("EN-us")
    target_tag: str = ""
    source_markup: str | None = None  # raw inline XML of the TMX <seg>, when it had inline codes
    target_markup: str | None = None
    context: tuple[str | None, str | None] = (None, None)
    origin: str = ""
    notes: tuple[str, ...] = ()
    props: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    fuzzy: bool = False
    created_at: str = ""
    changed_at: str = ""


@dataclass(frozen=True)
class Match:
    """A TM unit offered for a sentence, with its score (0-100; 101 = identical with the same context).

    `diff` lists the words as (op, text): op is "equal", "delete" (in the unit's source, not in the
    sentence) or "insert" (in the sentence, not in the unit). `penalties` names every small deduction
    (numbers, case, punctuation, whitespace, tags, script, fuzzy); see docs/tm-scoring.md.
    """

    source: str
    target: str
    score: int
    source_lang: str
    target_lang: str
    origin: str
    diff: tuple[tuple[str, str], ...]
    penalties: tuple[str, ...]
    unit_id: int
    source_display: str = ""  # with inline codes as numbered placeables: "⟨1⟩bold⟨/1⟩"
    target_display: str = ""
    context_match: bool = False

    def as_json(self) -> dict[str, Any]:
        """The JSON object `tm search --json` prints for this match."""
        return {
            "source": self.source,
            "target": self.target,
            "score": self.score,
            "source_lang": self.source_lang,
            "target_lang": self.target_lang,
            "origin": self.origin,
            "penalties": list(self.penalties),
            "diff": [list(d) for d in self.diff],
            "source_display": self.source_display,
            "target_display": self.target_display,
            "unit_id": self.unit_id,
        }


@dataclass(frozen=True)
class ConcordanceHit:
    """A unit whose source or target contains the words searched for; spans are (start, end) offsets."""

    unit_id: int
    source: str
    target: str
    source_lang: str
    target_lang: str
    origin: str
    source_spans: tuple[tuple[int, int], ...]
    target_spans: tuple[tuple[int, int], ...]

    def as_json(self) -> dict[str, Any]:
        return {
            "unit_id": self.unit_id,
            "source": self.source,
            "target": self.target,
            "source_lang": self.source_lang,
            "target_lang": self.target_lang,
            "origin": self.origin,
            "source_spans": [list(s) for s in self.source_spans],
            "target_spans": [list(s) for s in self.target_spans],
        }


@dataclass(frozen=True)
class ImportResult:
    """What importing one TMX or PO file into the TM did."""

    path: str
    format: str  # "tmx" or "po"
    added: int  # new units
    duplicates: int  # pairs already stored (or repeated in the file)
    skipped: int  # pairs not needed (other languages), empty or obsolete entries
    seconds: float = 0.0
