"""The protocol every document export format follows, and the data they all start from."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from tarjimon.core import files
from tarjimon.core.articles import Paragraph
from tarjimon.core.models import Document, Segment, Translation


@dataclass(frozen=True)
class DocumentView:
    """Everything an exporter needs about one document in one target language."""

    project_name: str
    source_lang: str
    target_lang: str
    document: Document
    paragraphs: list[Paragraph]
    pairs: list[tuple[Segment, Translation]]


class DocumentExporter(Protocol):
    """Writes one document's translation into one file."""

    name: str
    extension: str

    def write(self, view: DocumentView, path: Path) -> None: ...


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write a file so that a crash leaves either the old file or the new one, never half (core/files.py)."""
    files.atomic_write(path, data)
