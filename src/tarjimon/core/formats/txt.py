"""Plain-text (and Markdown) export: the article rebuilt paragraph by paragraph in the target language.

A segment without a translation keeps its source text, as translators expect from a CAT tool's export.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from tarjimon.core.articles import render
from tarjimon.core.formats.base import DocumentView, atomic_write_bytes


class TextExporter:
    name = "txt"
    extension = ".txt"

    def write(self, view: DocumentView, path: Path) -> None:
        texts: dict[int, list[str]] = {}
        for seg, tr in view.pairs:
            texts.setdefault(seg.paragraph, []).append(tr.text if tr.text else seg.source)
        paragraphs = [
            (replace(p), " ".join(texts.get(i, []))) for i, p in enumerate(view.paragraphs) if i in texts
        ]
        atomic_write_bytes(path, render(paragraphs, view.document.meta).encode("utf-8"))

    def file_name(self, view: DocumentView) -> str:
        stem = Path(view.document.name).stem
        suffix = Path(view.document.name).suffix if Path(view.document.name).suffix == ".md" else ".txt"
        return f"{stem}.{view.target_lang}{suffix}"
