"""Domain objects of the translation memory: frozen dataclasses, never database rows."""

from __future__ import annotations

import hashlib
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

    def target_for(self, source: str) -> str:
        """The target to put in a segment whose source is `source`: with the unit's tags (its target as shown)
        when its source as shown is that source, tags and all (a TMX unit with inline codes matching a DOCX
        segment with the same tags scores 100: tm/tagged.py), else the plain target."""
        return self.target_display if self.target_display and self.source_display == source else self.target

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
    reasons: dict[str, int] = field(default_factory=dict)  # why pairs were skipped -> how many


def dedup_hash(source_lang: str, target_lang: str, source: str, target: str) -> int:
    """A signed 64-bit hash of what makes a unit the same unit (normalised languages, texts with markup)."""
    data = "\x1f".join((source_lang, target_lang, source, target)).encode("utf-8", "surrogatepass")
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "little", signed=True)


@dataclass
class NewUnit:
    """A unit about to be stored (read from a file, or a target confirmed in a project)."""

    source_lang: str  # primary subtags
    target_lang: str
    source_tag: str  # as written in the file
    target_tag: str
    source: str
    target: str
    source_markup: str | None = None
    target_markup: str | None = None
    context_prev: str | None = None
    context_next: str | None = None
    origin: str = ""
    notes: str | None = None  # JSON
    props: str | None = None  # JSON
    fuzzy: bool = False
    created_at: str | None = None
    changed_at: str | None = None
    segment_id: int | None = None  # the project segment a confirmed target belongs to
    author: str | None = None  # who wrote a confirmed target (a colleague's, pulled from a shared story); a team TM
    # records it as the unit's changeid (else its own user)

    def dedup(self) -> int:
        return dedup_hash(
            self.source_lang,
            self.target_lang,
            self.source_markup or self.source,
            self.target_markup or self.target,
        )


@dataclass(slots=True)
class Candidate:
    """A unit a backend's index proposes for a sentence, with what scoring needs (tm/ranking.py).

    Not frozen: a lookup builds 60 of them and throws them away, and a frozen dataclass's __init__ (one
    object.__setattr__ per field) costs four times a plain one with slots; nothing keeps or changes them.
    """

    id: int
    source: str
    target: str
    skey: str  # the unit's matching key (tm/text.key_of)
    source_lang: str
    target_lang: str
    source_markup: str | None = None
    target_markup: str | None = None
    fuzzy: bool = False
    context_prev: str | None = None
    context_next: str | None = None
    origin: str = ""
    changed_at: str = ""
