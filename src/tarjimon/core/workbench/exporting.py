"""Document export: each document's paragraphs, segments and targets handed to the format's exporter."""

from __future__ import annotations

from pathlib import Path

from tarjimon.core.formats import registry
from tarjimon.core.formats.base import DocumentView
from tarjimon.core.models import Document
from tarjimon.core.project import ProjectRepository


def document_view(repo: ProjectRepository, project_name: str, source_lang: str, document: Document,
                  lang: str) -> DocumentView:
    """Collect a document's paragraphs, segments and `lang` targets."""
    pairs = [(s, repo.translation(s.id, lang)) for s in repo.segments(document.id)]
    return DocumentView(project_name, source_lang, lang, document, repo.paragraphs(document.id), pairs)


def export_documents(repo: ProjectRepository, project_name: str, source_lang: str, fmt: str, lang: str,
                     outdir: Path) -> list[Path]:
    """Write every document in format `fmt` for target `lang` into `outdir`; return the paths written."""
    writer = registry.by_name(fmt, kind="document", purpose="write").writer("document")
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    for doc in repo.documents():
        view = document_view(repo, project_name, source_lang, doc, lang)
        path = outdir / writer.file_name(view)
        writer.write(view, path)
        written.append(path)
    return written
