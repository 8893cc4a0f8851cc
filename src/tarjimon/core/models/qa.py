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
