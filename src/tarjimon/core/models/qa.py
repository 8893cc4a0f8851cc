"""Domain objects of quality assurance."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Finding:
    """One QA problem of one target: which check found it, how serious, and what differs."""

    segment: int
    lang: str
    check: str
    severity: str
    message: str
    source: str
    target: str

    def to_json(self) -> dict[str, object]:
        """The `tarjimon qa --json` shape."""
        return asdict(self)


def text_hash(text: str) -> str:
    """A short stable hash of a target's text: a dismissed finding is keyed by it, so it comes back when the
    text changes."""
    import hashlib

    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


@dataclass(frozen=True)
class Ignored:
    """A finding dismissed with a reason: for one segment, language, check and target text (by its hash)."""

    segment: int
    lang: str
    check: str
    text_hash: str
    reason: str
    created_at: str = ""

    def matches(self, finding: Finding) -> bool:
        return (finding.segment, finding.lang, finding.check, text_hash(finding.target)) == (
            self.segment, self.lang, self.check, self.text_hash)

    def to_json(self) -> dict[str, object]:
        return asdict(self)
