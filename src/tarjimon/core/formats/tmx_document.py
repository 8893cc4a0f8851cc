"""`tarjimon export NAME --format tmx`: one TMX per document with its confirmed segments.

A segment's inline tags (⟨1⟩…⟨/1⟩, ⟨2/⟩: formatting and codes of a Word, ODT or XLIFF document) are written as
TMX's own inline elements, which other tools match and protect: a pair as <bpt i="1" x="1"/>…<ept i="1"/>, a
standalone tag as <ph x="2"/>, a tag whose other half is in another segment as <it pos="begin|end" x="1"/>.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from tarjimon.core.files import atomic_writer
from tarjimon.core.formats.base import DocumentView, target_file_name
from tarjimon.core.formats.tmx import TmxWriter
from tarjimon.core.text import tags


def tmx_markup(text: str) -> tuple[str, str | None]:
    """(the text without tags, the seg's inner TMX markup) of a segment text; (text, None) when it has no tag."""
    found = list(tags.TAG_RE.finditer(text))
    if not found:
        return text, None
    opened = {m.group(2) for m in found if not m.group(1) and not m.group(3)}
    closed = {m.group(2) for m in found if m.group(1)}
    parts, at = [], 0
    for m in found:
        parts.append(escape(text[at : m.start()], quote=False))
        n = m.group(2)
        if m.group(3):
            parts.append(f'<ph x="{n}"/>')
        elif m.group(1):
            parts.append(f'<ept i="{n}"/>' if n in opened else f'<it pos="end" x="{n}"/>')
        else:
            parts.append(f'<bpt i="{n}" x="{n}"/>' if n in closed else f'<it pos="begin" x="{n}"/>')
        at = m.end()
    parts.append(escape(text[at:], quote=False))
    return tags.strip_tags(text), "".join(parts)


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
                w.unit((view.source_lang, *tmx_markup(seg.source)), (view.target_lang, *tmx_markup(tr.text)),
                       props=props, changed=tr.updated_at or None)

    def file_name(self, view: DocumentView) -> str:
        return target_file_name(view, ".tmx")
