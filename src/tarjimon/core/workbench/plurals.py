"""The plural kind of each form of a PO document's plural messages, per target language (formats/po_plurals.py):
what the grid, the editor and `segments list` show beside msgstr[0], [1], [2], so that a translator types
Russian's "few" (2 файла) and "many" (5 файлов) into the right one."""

from __future__ import annotations

import polib

from tarjimon.core import langs as langtags
from tarjimon.core.formats import po_document
from tarjimon.core.formats.po_plurals import form_labels
from tarjimon.core.models import Segment
from tarjimon.core.project import ProjectRepository


def plural_kinds(repo: ProjectRepository, target_langs: list[str], document_id: int | None = None) -> dict[int, dict[str, str]]:
    """{segment id: {lang: kind}} for every form of every plural message of the project's PO documents (or of
    one): "one", "few", "many", "few/many" (a POT's msgid_plural in Russian, written into both), "unused" (a
    form the language has not: a Russian PO's third form in Kazakh)."""
    out: dict[int, dict[str, str]] = {}
    po_docs = [r[0] for r in repo.store.conn.execute("SELECT id FROM documents WHERE format = ?", (po_document.FORMAT,))]
    for doc_id in po_docs:  # (only these: the others' originals, a DOCX of megabytes, are not read)
        if document_id is not None and doc_id != document_id:
            continue
        fmt, original = repo.original(doc_id)
        messages = _plural_messages(repo.segments(doc_id))
        if not messages:
            continue
        language, header = _header(original, fmt)
        for forms in messages:
            for lang in target_langs:
                own = header if language and langtags.primary(language) == langtags.primary(lang) else ""
                for seg, kind in zip(forms, form_labels(len(forms), lang, own), strict=True):
                    out.setdefault(seg.id, {})[lang] = kind
    return out


def _plural_messages(segments: list[Segment]) -> list[list[Segment]]:
    """The segments of each plural message: its paragraph's, when one of them is a form past the first."""
    by_paragraph: dict[int, list[Segment]] = {}
    for seg in segments:
        by_paragraph.setdefault(seg.paragraph, []).append(seg)
    return [segs for segs in by_paragraph.values() if any(s.kind.startswith("plural ") for s in segs)]


def _header(original: bytes | None, fmt: str) -> tuple[str, str]:
    """(Language, Plural-Forms) of the PO file kept with the document ("" where it has none: a POT)."""
    skeleton = po_document.unpack(original, fmt)
    if not skeleton:
        return "", ""
    text: str = skeleton["text"]
    head = text[: text.find("\n\n")] if "\n\n" in text else text  # the header entry comes first
    try:
        meta = polib.pofile(head).metadata
    except (OSError, ValueError):
        return str(skeleton.get("language") or ""), ""
    return (meta.get("Language") or str(skeleton.get("language") or "")).strip(), meta.get("Plural-Forms", "")
