"""Document export: each document's paragraphs, segments and targets handed to the format's exporter."""

from __future__ import annotations

from pathlib import Path

from tarjimon.core import files
from tarjimon.core.errors import TarjimonError
from tarjimon.core.formats import registry
from tarjimon.core.formats.base import DocumentView
from tarjimon.core.models import Document
from tarjimon.core.project import ProjectRepository
from tarjimon.core.workbench.review import comment_note


def document_view(repo: ProjectRepository, project_name: str, source_lang: str, document: Document,
                  lang: str) -> DocumentView:
    """Collect a document's paragraphs, segments and `lang` targets, and the reviewers' open comments on them
    (exported as notes where the format has them: XLIFF, PO)."""
    pairs = [(s, repo.translation(s.id, lang)) for s in repo.segments(document.id)]
    ids = {s.id for s, _ in pairs}
    notes: dict[int, list[str]] = {}
    for c in repo.comments():
        if c.segment_id in ids and c.lang in ("", lang):
            notes.setdefault(c.segment_id, []).append(comment_note(c))
    fmt, original = repo.original(document.id)
    return DocumentView(project_name, source_lang, lang, document, repo.paragraphs(document.id), pairs,
                        original, fmt, notes)


def export_documents(repo: ProjectRepository, project_name: str, source_lang: str, fmt: str, lang: str,
                     outdir: Path, *, overwrite: bool = False) -> list[Path]:
    """Write every document in format `fmt` for target `lang` into `outdir`; return the paths written.

    Without `overwrite`, an existing file among them is refused before anything is written."""
    writer = registry.by_name(fmt, kind="document", purpose="write").writer("document")
    views = [document_view(repo, project_name, source_lang, doc, lang) for doc in repo.documents()]
    paths = [outdir / writer.file_name(view) for view in views]
    for view in views:  # an exporter that cannot take a document (docx of a .txt) says so before any file
        getattr(writer, "check", lambda _view: None)(view)
    if not overwrite:
        for path in paths:
            if path.exists() or path.is_symlink():
                raise TarjimonError(f"{path} exists (use --force to replace it)")
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise files.disk_error(exc, outdir) from exc
    for view, path in zip(views, paths, strict=True):
        writer.write(view, path)
    return paths
