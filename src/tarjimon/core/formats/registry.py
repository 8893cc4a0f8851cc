"""The registry of document export formats: name -> exporter."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

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


def export_documents(project: Project, fmt: str, lang: str, outdir: Path) -> list[Path]:
    """Write every document of `project` in format `fmt` for target `lang`; return the paths written."""
    exporter = EXPORTERS.get(fmt)
    if exporter is None:
        raise TarjimonError(f"unknown export format {fmt!r} (known: {', '.join(sorted(EXPORTERS))})")
    lang = project.target(lang)
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    for doc in project.documents():
        view = document_view(project, doc, lang)
        path = outdir / exporter.file_name(view)
        exporter.write(view, path)
        written.append(path)
    return written


_register_tmx()
