"""One numbering of segments for every face: a segment is number N of its document (from 1, in reading order),
named with the document when the project has several ("article.txt #12"), alone when it has one ("segment
12"). `tarjimon qa` (its consistency message too), `qa ignored`, `segments list`, `history`, `comment`,
`replace`, the export report, the XLIFF export's unit ids and the workbench (grid, editor title, Ctrl+G, F8) all
say it so, and every --json gives "document", "index" and "place" (`Place.to_json`); the database id stays an
internal key (`qa --json` keeps it as "segment")."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Place:
    """Where a segment is: its document's name and its number in it (from 1)."""

    document: str
    index: int
    several: bool = False  # the project has several documents: the label names this one

    @property
    def label(self) -> str:
        return f"{self.document} #{self.index}" if self.several else f"segment {self.index}"

    def to_json(self) -> dict[str, object]:
        """The keys every `--json` names a segment with: "document", "index" (from 1 in it), "place" (the label)."""
        return {"document": self.document, "index": self.index, "place": self.label}


def places(segments: Iterable[object], names: dict[int, str]) -> dict[int, Place]:
    """Segment id -> its Place, from segments in reading order (`Segment`s or rows with `.segment`) and the
    documents' names by id."""
    several = len(names) > 1
    counts: dict[int, int] = {}
    out: dict[int, Place] = {}
    for item in segments:
        seg = getattr(item, "segment", item)
        doc = seg.document_id  # type: ignore[attr-defined]
        counts[doc] = counts.get(doc, 0) + 1
        out[seg.id] = Place(names.get(doc, "?"), counts[doc], several)  # type: ignore[attr-defined]
    return out


def project_places(project: object) -> dict[int, Place]:
    """Every segment's Place in an open project (a `Workbench`)."""
    names = {d.id: d.name for d in project.documents()}  # type: ignore[attr-defined]
    return places(project.segments(), names)  # type: ignore[attr-defined]
