"""`tarjimon export NAME --format tmx`: one TMX per document with its confirmed segments."""

from __future__ import annotations

from pathlib import Path

from tarjimon.core.files import atomic_writer
from tarjimon.core.formats.base import DocumentView
from tarjimon.core.formats.tmx import TmxWriter


class TmxDocumentExporter:
    """A document exporter (the formats registry protocol) writing TMX 1.4b."""

    name = "tmx"
    extension = ".tmx"

    def write(self, view: DocumentView, path: Path) -> None:
        """Write the document's translated/reviewed segments as tus, with their neighbours as context."""
        pairs = view.pairs
        with atomic_writer(path) as f, TmxWriter(f, view.source_lang) as w:
            for i, (seg, tr) in enumerate(pairs):
                if tr.status not in ("translated", "reviewed") or not tr.text:
                    continue
                props = []
                if i > 0:
                    props.append(["x-context-prev", pairs[i - 1][0].source])
                if i + 1 < len(pairs):
                    props.append(["x-context-next", pairs[i + 1][0].source])
                props.append(["x-origin", f"{view.project_name}/{view.document.name}"])
                props.append(["x-status", tr.status])
                w.unit((view.source_lang, seg.source, None), (view.target_lang, tr.text, None), props=props,
                       changed=tr.updated_at or None)

    def file_name(self, view: DocumentView) -> str:
        return f"{Path(view.document.name).stem}.{view.target_lang}.tmx"
