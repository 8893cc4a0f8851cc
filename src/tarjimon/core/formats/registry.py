"""The registry of document export formats: name -> exporter."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from tarjimon.core import files
from tarjimon.core.errors import TarjimonError
from tarjimon.core.formats.base import document_view
from tarjimon.core.formats.po import PoExporter
from tarjimon.core.formats.txt import TextExporter

if TYPE_CHECKING:
    from tarjimon.core.project import Project

EXPORTERS: dict[str, Any] = {
    "po": PoExporter(),
    "txt": TextExporter(),
}


def _register_tmx() -> None:
    from tarjimon.core.formats.tmx_document import TmxDocumentExporter

    register_exporter(TmxDocumentExporter())


def register_exporter(exporter: Any) -> None:
    """Add a document export format (it needs `name`, `extension`, `write(view, path)`, `file_name(view)`)."""
    EXPORTERS[exporter.name] = exporter


def export_documents(project: Project, fmt: str, lang: str, outdir: Path, *, overwrite: bool = False) -> list[Path]:
    """Write every document of `project` in format `fmt` for target `lang`; return the paths written.

    Without `overwrite`, an existing file among them is refused before anything is written."""
    exporter = EXPORTERS.get(fmt)
    if exporter is None:
        raise TarjimonError(f"unknown export format {fmt!r} (known: {', '.join(sorted(EXPORTERS))})")
    lang = project.target(lang)
    views = [document_view(project, doc, lang) for doc in project.documents()]
    paths = [outdir / exporter.file_name(view) for view in views]
    if not overwrite:
        for path in paths:
            if path.exists() or path.is_symlink():
                raise TarjimonError(f"{path} exists (use --force to replace it)")
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise files.disk_error(exc, outdir) from exc
    for view, path in zip(views, paths, strict=True):
        exporter.write(view, path)
    return paths


_register_tmx()
