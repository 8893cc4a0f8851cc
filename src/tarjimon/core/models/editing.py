"""Domain objects of editing the segmentation (join, split) and of project-wide find and replace."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class SegmentEdit:
    """A join or split the translator made, remembered so a re-import of the document makes it again.

    join: the sentences `first` and `second` (next to each other, one paragraph) became `result`;
    split: the sentence `result` became `first` and `second`.
    """

    kind: str  # "join" or "split"
    result: str
    first: str
    second: str


@dataclass(frozen=True)
class Replacement:
    """One target a find-and-replace changes (or changed): its segment, language, text before and after."""

    segment_id: int
    number: int  # the segment's number as the workbench shows it (1-based, reading order)
    lang: str
    before: str
    after: str
    status: str  # the target's status (kept by the replace)
    place: str = ""  # the segment as every face names it: "segment 12", "b.txt #3" (core/segment_places.py)
    document: str = ""  # its document's name
    index: int = 0  # its number in that document (from 1)

    @property
    def label(self) -> str:
        return self.place or f"segment {self.number}"

    def to_json(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True)
class ReplaceReport:
    """What a replace (or its undo) did: the batch, the targets changed and those skipped (with why)."""

    batch: int
    changed: list[Replacement] = field(default_factory=list)
    skipped: list[tuple[Replacement, str]] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {"batch": self.batch, "changed": [r.to_json() for r in self.changed],
                "skipped": [{**r.to_json(), "reason": why} for r, why in self.skipped]}
