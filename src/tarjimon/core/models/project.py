"""The project's domain objects (documents, segments, targets, their history and comments): frozen dataclasses,
never database rows. Named by tarjimon.core.models too, which imports this module when one is first asked for
(a command that never meets them, `tarjimon glossary find`, does not build their classes)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Document:
    """An imported article."""

    id: int
    name: str
    position: int
    meta: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    segment_count: int = 0


@dataclass(frozen=True)
class Segment:
    """One sentence (or title) of a document's source text."""

    id: int
    document_id: int
    position: int
    paragraph: int
    source: str
    kind: str = "body"  # "title" for the article's headline, "body" otherwise


@dataclass(frozen=True)
class Translation:
    """The target text of one segment in one language."""

    segment_id: int
    lang: str
    text: str
    status: str  # one of STATUSES
    updated_at: str = ""
    origin: str = ""  # "", "tm:101", "tm:87", "repetition", "import"...


@dataclass(frozen=True)
class SegmentRow:
    """A segment with its targets, as the grid shows it."""

    segment: Segment
    targets: dict[str, Translation]


@dataclass(frozen=True)
class HistoryEntry:
    """An earlier version of a target, kept when it was replaced."""

    segment_id: int
    lang: str
    text: str
    status: str
    changed_at: str
    origin: str
    author: str = ""  # who wrote this version ($TARJIMON_USER or the OS user; "" before authors were kept)


@dataclass(frozen=True)
class Comment:
    """A reviewer's comment on a segment: on one target language, or on the whole segment (`lang` "")."""

    id: int
    segment_id: int
    lang: str
    text: str
    author: str
    created_at: str
    resolved_at: str = ""
    resolved_by: str = ""
    # Set on a comment whose sentence is gone (a re-import dropped it, its document was removed): why, and the
    # sentence's document name and source, for "on a removed sentence".
    removed: str = ""
    document: str = ""
    source: str = ""

    @property
    def open(self) -> bool:
        return not self.resolved_at


@dataclass(frozen=True)
class ImportReport:
    """What an article import did."""

    document: str
    segments: int
    unchanged: int
    changed: int
    removed: int
    encoding: str
    reimport: bool
    targets: int = 0  # targets a bilingual file (XLIFF) gave the project
    targets_kept: int = 0  # targets of the file not taken: the project's differ and are as advanced
