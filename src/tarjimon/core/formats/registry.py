"""The registry of document export formats: name -> exporter."""

from __future__ import annotations

from typing import Any

from tarjimon.core.errors import TarjimonError
from tarjimon.core.formats.po import PoExporter
from tarjimon.core.formats.txt import TextExporter

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


def exporter(fmt: str) -> Any:
    """The document exporter of format `fmt` (TarjimonError listing the known ones when there is none)."""
    found = EXPORTERS.get(fmt)
    if found is None:
        raise TarjimonError(f"unknown export format {fmt!r} (known: {', '.join(sorted(EXPORTERS))})")
    return found


_register_tmx()
