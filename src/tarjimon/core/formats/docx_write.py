"""Word (.docx) export (`export --format docx`): the original file rewritten in a target language.

The original, kept in the project (repository.original), is opened again and its paragraphs found by the
reader's own walk (docx.paragraphs); each translated paragraph's content is replaced by the target text,
every tag span getting back the run properties, hyperlink or standalone content it had in the source; styles,
numbering, headers and footers, page setup, tables, pictures and untouched paragraphs come through as they
were, and Word is told the target language (w:lang). A tag the target lost is lost in the file (QA reports
it); a tag number the source paragraph did not have is dropped. Bookmarks move to the paragraph's start and
end; comment anchors and tracked-change marks inside a translated paragraph are dropped (changes accepted).
"""

from __future__ import annotations

import copy
import io
from pathlib import Path
from typing import Any

from lxml import etree

from tarjimon.core.errors import TarjimonError
from tarjimon.core.files import atomic_write
from tarjimon.core.formats.base import DocumentView, original_file, target_file_name
from tarjimon.core.formats.docx import (
    XML_SPACE,
    DocxParagraph,
    Tag,
    local_name,
    note_parts,
    open_document,
    paragraphs,
    wtag,
)
from tarjimon.core.formats.xmlsafe import xml_text
from tarjimon.core.text import tags as inline

# The language Word's proofing tools should assume for a target (w:lang w:val); others are written as given.
WORD_LANGS = {"kk": "kk-KZ", "ru": "ru-RU", "en": "en-US", "uz": "uz-Latn-UZ", "tr": "tr-TR", "ky": "ky-KG"}


def _set_lang(rpr: Any, lang: str) -> None:
    found = rpr.find(wtag("lang")) if rpr is not None else None
    if found is not None and found.get(wtag("val")):
        found.set(wtag("val"), WORD_LANGS.get(lang, lang))


def _run(p: Any, rpr: Any, text: str, lang: str) -> Any:
    run = p.makeelement(wtag("r"), {})
    if rpr is not None:
        run.append(copy.deepcopy(rpr))
        _set_lang(run[0], lang)
    t = etree.SubElement(run, wtag("t"))
    t.text = text
    t.set(XML_SPACE, "preserve")
    return run


def rebuild(para: DocxParagraph, text: str, lang: str) -> None:
    """Replace a paragraph's content with `text` (tagged, in language `lang`), each tag span formatted as in
    the source."""
    p = para.element
    starts = [c for c in p if local_name(c) == "bookmarkStart"]
    ends = [c for c in p if local_name(c) == "bookmarkEnd"]
    for child in list(p):
        if local_name(child) != "pPr":
            p.remove(child)
    p.extend(starts)
    stack: list[tuple[int, Tag, Any]] = []  # open tags: number, tag, the element text goes into

    def parent() -> Any:
        return next((el for _, tag, el in reversed(stack) if tag.kind == "link"), p)

    def rpr() -> Any:
        for _, tag, _el in reversed(stack):
            if tag.kind == "format":
                return tag.element
            if tag.kind == "link":
                return tag.base
        return para.base

    for tok in inline.tokens(text.replace("\n", " ")):
        tag = para.tags.get(tok.n) if tok.kind != "text" else None
        if tok.kind == "text":
            if tok.text:
                parent().append(_run(p, rpr(), tok.text, lang))
        elif tag is None:
            continue  # a number the source paragraph did not have
        elif tok.kind == "open" and tag.kind in ("format", "link"):
            shell = copy.deepcopy(tag.element) if tag.kind == "link" else None
            if shell is not None:
                parent().append(shell)
            stack.append((tok.n, tag, shell))
        elif tok.kind == "close" and any(n == tok.n for n, _, _ in stack):
            while stack and stack.pop()[0] != tok.n:
                pass
        elif tag.kind == "empty":
            for run in tag.runs:
                parent().append(copy.deepcopy(run))
    p.extend(ends)


class DocxExporter:
    """`export --format docx`: the original .docx with each translated paragraph in the target language."""

    name = "docx"
    extension = ".docx"

    def check(self, view: DocumentView) -> None:
        """Refuse, before any file is written, a document not imported from DOCX."""
        original_file(view, "DOCX")

    def write(self, view: DocumentView, path: Path) -> None:
        from tarjimon.core.formats.txt import paragraph_texts

        doc = open_document(original_file(view, "DOCX"), view.document.name)
        notes = note_parts(doc)
        found = paragraphs(doc, notes)
        if len(found) != len(view.paragraphs):
            raise TarjimonError(f"{view.document.name}: the stored original has {len(found)} paragraphs, the "
                                f"project {len(view.paragraphs)}: import the file again")  # fmt: skip
        for i, text in paragraph_texts(view).items():
            text = xml_text(text)  # (a control character in a target: left out, as TMX export does)
            if text != found[i].text:  # a paragraph left in the source stays exactly as it was
                rebuild(found[i], text, view.target_lang)
        for part in notes:
            part.store()
        defaults = doc.styles.element.find(f"{wtag('docDefaults')}/{wtag('rPrDefault')}/{wtag('rPr')}")
        _set_lang(defaults, view.target_lang)
        buf = io.BytesIO()
        doc.save(buf)
        atomic_write(path, buf.getvalue())

    def file_name(self, view: DocumentView) -> str:
        return target_file_name(view, ".docx")

