"""The plural kind of each form of a PO document's plural messages, per target language (formats/po_plurals.py):
what the grid, the editor and `segments list` show beside msgstr[0], [1], [2], so that a translator types
Russian's "few" (2 файла) and "many" (5 файлов) into the right one."""

from __future__ import annotations

import json
import zlib
from typing import Any

import polib

from tarjimon.core import langs as langtags
from tarjimon.core.formats import po_document
from tarjimon.core.formats.po_plurals import form_labels
from tarjimon.core.project import ProjectRepository


def plural_kinds(repo: ProjectRepository, target_langs: list[str], document_id: int | None = None) -> dict[int, dict[str, str]]:
    """{segment id: {lang: kind}} for every form of every plural message of the project's PO documents (or of
    one): "one", "few", "many", "one/few/many" (a one-form Kazakh PO in Russian: written into all three),
    "unused" (a form the language has not: a Russian PO's third form in Kazakh). Reads only the plural
    messages' segments and the head of each PO's kept file (a 30,000-message PO: a few ms, not its whole
    skeleton)."""
    out: dict[int, dict[str, str]] = {}
    conn = repo.store.conn
    po_docs = [r[0] for r in conn.execute("SELECT id FROM documents WHERE format = ?", (po_document.FORMAT,))]
    for doc_id in po_docs:  # (only these: the others' originals, a DOCX of megabytes, are not read)
        if document_id is not None and doc_id != document_id:
            continue
        messages: dict[int, list[int]] = {}
        for seg_id, paragraph in conn.execute(
                "SELECT id, paragraph FROM segments WHERE document_id = ? AND paragraph IN (SELECT paragraph FROM "
                "segments WHERE document_id = ? AND kind LIKE 'plural %') ORDER BY position", (doc_id, doc_id)):  # fmt: skip
            messages.setdefault(paragraph, []).append(seg_id)
        if not messages:
            continue
        language, header = _header(conn, doc_id)
        mine = langtags.primary(language) if language else ""
        owns = {lang: header if mine and mine == langtags.primary(lang) else "" for lang in target_langs}
        labels: dict[int, list[dict[str, str]]] = {}  # a message's number of forms -> each form's kinds
        for forms in messages.values():
            found = labels.get(len(forms))
            if found is None:
                per_lang = {lang: form_labels(len(forms), lang, own) for lang, own in owns.items()}
                found = labels[len(forms)] = [{lang: kinds[n] for lang, kinds in per_lang.items()}
                                              for n in range(len(forms))]  # fmt: skip
            for seg_id, kinds_of in zip(forms, found, strict=True):
                out[seg_id] = kinds_of  # (shared between messages: read only)
    return out


def unused_forms(repo: ProjectRepository, target_langs: list[str],
                 document_id: int | None = None) -> dict[str, set[int]]:  # fmt: skip
    """{lang: the segments that are plural forms `lang` has not} (kind "unused": a Russian PO's msgstr[2] in
    Kazakh): no work to do there, so not counted as untranslated (stats, export reports)."""
    out: dict[str, set[int]] = {lang: set() for lang in target_langs}
    for seg_id, kinds in plural_kinds(repo, target_langs, document_id).items():
        for lang, kind in kinds.items():
            if kind == "unused":
                out[lang].add(seg_id)
    return out


_HEAD = 1 << 16  # of a kept PO's skeleton (JSON, its "text" first): enough for any header


def _header(conn: Any, doc_id: int) -> tuple[str, str]:
    """(Language, Plural-Forms) of the PO file kept with the document ("" where it has none: a POT): from the
    head of its skeleton, decompressed no further than the header (the whole one when that is not enough, or
    when the header names no Language and the one the import assumed is needed)."""
    row = conn.execute("SELECT content FROM document_originals WHERE document_id = ?", (doc_id,)).fetchone()
    if row is None or row[0] is None:
        return "", ""
    head = zlib.decompressobj().decompress(bytes(row[0]), _HEAD).decode("utf-8", "ignore")
    start, end = head.find('"text": "'), head.find("\\n\\n")
    meta: dict[str, str] = {}
    if 0 <= start < end:
        try:
            meta = polib.pofile(json.loads(head[start + 8 : end] + '"')).metadata
        except (OSError, ValueError):
            meta = {}
    if meta.get("Language", "").strip():
        return meta["Language"].strip(), meta.get("Plural-Forms", "")
    skeleton = po_document.unpack(bytes(row[0]), po_document.FORMAT) or {}
    text = str(skeleton.get("text", ""))
    try:
        meta = polib.pofile(text[: text.find("\n\n")] if "\n\n" in text else text).metadata
    except (OSError, ValueError):
        meta = {}
    return str(skeleton.get("language") or ""), meta.get("Plural-Forms", "")
