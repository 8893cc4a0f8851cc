"""The protocol every document export format follows, and the data they all start from."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from tarjimon.core import files
from tarjimon.core.articles import Paragraph
from tarjimon.core.models import Document, Segment, Translation

if TYPE_CHECKING:
    from tarjimon.core.project import Project


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


def document_view(project: Project, document: Document, lang: str) -> DocumentView:
    """Collect a document's paragraphs, segments and `lang` targets."""
    conn = project.store.conn
    paragraphs = [
        Paragraph(text="", prefix=r["prefix"], blank_before=r["blank_before"], kind=r["kind"])
        for r in conn.execute("SELECT * FROM paragraphs WHERE document_id = ? ORDER BY idx", (document.id,))
    ]
    pairs = [(s, project.translation(s.id, lang)) for s in project.segments(document.id)]
    return DocumentView(project.name, project.source_lang, lang, document, paragraphs, pairs)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write a file so that a crash leaves either the old file or the new one, never half (core/files.py)."""
    files.atomic_write(path, data)
