"""OpenDocument text (.odt) articles: content.xml read with lxml; export rewrites the original package.

Reading: every `text:h` (kind "heading") and `text:p` of the body in document order ("list" inside a list
item, "heading" when its style derives from a Title or Heading style, "note" in a footnote or endnote, right
after the paragraph holding its mark); a text box's paragraphs travel with their frame. Inline elements holding text (`text:span` with its style, `text:a` with
its link) become a tag pair `⟨1⟩…⟨/1⟩`; those without text (a footnote or endnote, a tab, a line break, a
frame) a standalone tag `⟨2/⟩` (syntax: formats/inline.py). Bookmarks and reference marks are kept at the
start of the paragraph.

Export (`export --format odt`): the original package with content.xml rewritten: each translated paragraph's
content replaced by the target, every tag span becoming a copy of its source element. The other members
(styles, pictures, meta, manifest) are copied byte for byte, `mimetype` first and stored, as ODF requires;
a digital signature would no longer match and is left out.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from tarjimon.core.errors import BadInput, TarjimonError
from tarjimon.core.files import atomic_write
from tarjimon.core.formats.base import DocumentView, original_file, target_file_name
from tarjimon.core.formats.package import member_error, read_package
from tarjimon.core.formats.tbx import parse_xml
from tarjimon.core.formats.xmlsafe import xml_text
from tarjimon.core.models.article import Article, Paragraph
from tarjimon.core.text import tags as inline

OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
MIMETYPE = b"application/vnd.oasis.opendocument.text"
_KEPT_AT_START = {"bookmark", "bookmark-start", "bookmark-end", "reference-mark", "reference-mark-start",
                  "reference-mark-end", "alphabetical-index-mark", "toc-mark"}  # fmt: skip
_DROPPED = {"soft-page-break"}
_SPACES = re.compile(r"[ \t\r\n]+")
_SIGNATURES = "META-INF/documentsignatures.xml"


def _local(el: Any) -> str:
    return el.tag.rsplit("}", 1)[-1] if isinstance(el.tag, str) else ""


def _t(name: str) -> str:
    return f"{{{TEXT}}}{name}"


@dataclass
class OdtParagraph:
    """A paragraph with text: the element, its tagged text, kind, and each tag's element (a shell for a
    pair, the whole element for a standalone tag)."""

    element: Any
    text: str
    kind: str
    tags: dict[int, tuple[str, Any]]  # number -> ("pair", shell) or ("empty", the element)


def _shell(el: Any) -> Any:
    return el.makeelement(el.tag, el.attrib)


def tagged_paragraph(p: Any) -> tuple[str, dict[int, tuple[str, Any]]]:
    """A paragraph's text with inline tags, and what each tag number stands for."""
    tags: dict[int, tuple[str, Any]] = {}
    out: list[str] = []

    def walk(el: Any) -> None:
        out.append(el.text or "")
        for child in el:
            name = _local(child)
            if name == "s":
                out.append(" ")  # text:s c="N": N spaces, one once whitespace is collapsed
            elif name in _KEPT_AT_START or name in _DROPPED or not name:
                pass
            elif name != "note" and "".join(child.itertext()).strip() and child.tag.startswith(f"{{{TEXT}}}"):
                tags[len(tags) + 1] = ("pair", _shell(child))
                n = len(tags)
                out.append(inline.open_tag(n))
                walk(child)
                out.append(inline.close_tag(n))
            else:  # a note, tab, line break, frame, empty span: the element itself (export moves it back)
                tags[len(tags) + 1] = ("empty", child)
                out.append(inline.empty_tag(len(tags)))
            out.append(child.tail or "")

    walk(p)
    return _SPACES.sub(" ", "".join(out)).strip(), tags


def _heading_styles(root: Any) -> set[str]:
    """Automatic paragraph styles derived from a Title or Heading style."""
    out = set()
    for st in root.iter(f"{{{STYLE}}}style"):
        parent = (st.get(f"{{{STYLE}}}parent-style-name") or "").lower()
        if parent.startswith(("heading", "title", "subtitle")):
            out.add(st.get(f"{{{STYLE}}}name") or "")
    return out


def paragraphs(root: Any) -> list[OdtParagraph]:
    """The paragraphs with text of a parsed content.xml, in document order."""
    body = root.find(f"{{{OFFICE}}}body")
    if body is None:
        return []
    headings = _heading_styles(root)
    out = []
    for p in body.iter(_t("p"), _t("h")):
        ancestors = [_local(a) for a in p.iterancestors()]
        nearest = next((a for a in ancestors if a in ("p", "h", "note-body")), "")
        if nearest in ("p", "h") or "tracked-changes" in ancestors:
            continue  # a text box's paragraph (it travels with its frame), or deleted text kept for tracking
        text, tags = tagged_paragraph(p)
        if not inline.strip_tags(text).strip():
            continue
        style = (p.get(_t("style-name")) or "").lower()
        if nearest == "note-body":
            kind = "note"
        elif _local(p) == "h" or style in {h.lower() for h in headings} or style.startswith(("heading", "title")):
            kind = "heading"
        elif "list-item" in ancestors:
            kind = "list"
        else:
            kind = "body"
        out.append(OdtParagraph(p, text, kind, tags))
    return out


def _content(members: dict[str, bytes], path: str | Path) -> Any:
    if members.get("mimetype", b"").strip() != MIMETYPE:
        raise BadInput("not an OpenDocument text: its mimetype member is not " + MIMETYPE.decode(), path=path)
    if "content.xml" not in members:
        raise BadInput("not an OpenDocument text: the package has no content.xml", path=path)
    try:
        return parse_xml(members["content.xml"], path)
    except BadInput as exc:
        raise member_error("content.xml", exc, path) from exc


def read_article(path: str | Path) -> tuple[Article, str]:
    """Read an .odt article; the file's bytes are kept on the Article for export."""
    data, members = read_package(path, "ODT")
    found = paragraphs(_content(members, path))
    return Article(paragraphs=[Paragraph(text=p.text, kind=p.kind) for p in found], original=data), "utf-8"


def _append_text(parent: Any, text: str) -> None:
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _inside(el: Any, top: Any, names: tuple[str, ...]) -> bool:
    """Whether `el` sits in an element called one of `names` below `top`."""
    parent = el.getparent()
    while parent is not None and parent is not top:
        if _local(parent) in names:
            return True
        parent = parent.getparent()
    return False


def rebuild(para: OdtParagraph, text: str) -> None:
    """Replace a paragraph's content with `text` (tagged), each span a copy of its source element."""
    p = para.element
    kept = [copy.deepcopy(c) for c in p.iter() if c is not p and _local(c) in _KEPT_AT_START
            and not _inside(c, p, ("note", "frame"))]  # fmt: skip
    for child in list(p):
        p.remove(child)
    p.text = None
    for mark in kept:
        mark.tail = None
        p.append(mark)
    stack: list[tuple[int, Any]] = [(0, p)]
    moved: set[int] = set()
    for tok in inline.tokens(text.replace("\n", " ")):
        if tok.kind == "text":
            _append_text(stack[-1][1], tok.text)
            continue
        kind, el = para.tags.get(tok.n, ("", None))
        if tok.kind == "open" and kind == "pair":
            shell = copy.deepcopy(el)
            stack[-1][1].append(shell)
            stack.append((tok.n, shell))
        elif tok.kind == "close" and any(n == tok.n for n, _ in stack[1:]):
            while stack.pop()[0] != tok.n:
                pass
        elif tok.kind == "empty" and kind == "empty":
            # the element itself the first time (a note's paragraphs, translated in place, stay in it)
            if id(el) in moved:
                el = copy.deepcopy(el)
            else:
                moved.add(id(el))
                if el.getparent() is not None:
                    el.getparent().remove(el)
            el.tail = None
            stack[-1][1].append(el)
        # anything else: a number the source paragraph did not have, or a pair written as standalone


class OdtExporter:
    """`export --format odt`: the original .odt with each translated paragraph in the target language."""

    name = "odt"
    extension = ".odt"

    def check(self, view: DocumentView) -> None:
        """Refuse, before any file is written, a document not imported from ODT."""
        original_file(view, "ODT")

    def write(self, view: DocumentView, path: Path) -> None:
        from tarjimon.core.formats.txt import paragraph_texts

        data = original_file(view, "ODT")
        source = zipfile.ZipFile(io.BytesIO(data))
        root = parse_xml(source.read("content.xml"), view.document.name)
        found = paragraphs(root)
        if len(found) != len(view.paragraphs):
            raise TarjimonError(f"{view.document.name}: the stored original has {len(found)} paragraphs, the "
                                f"project {len(view.paragraphs)}: import the file again")  # fmt: skip
        for i, text in paragraph_texts(view).items():
            text = xml_text(text)  # (a control character in a target: left out, as TMX export does)
            if text != found[i].text:  # a paragraph left in the source stays exactly as it was
                rebuild(found[i], text)
        content = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
        buf = io.BytesIO()
        with source, zipfile.ZipFile(buf, "w") as out:
            out.writestr(zipfile.ZipInfo("mimetype"), source.read("mimetype"), compress_type=zipfile.ZIP_STORED)
            for info in source.infolist():
                if info.filename in ("mimetype", _SIGNATURES) or info.is_dir():
                    continue
                body = content if info.filename == "content.xml" else source.read(info)
                out.writestr(info, body, compress_type=zipfile.ZIP_DEFLATED if info.filename == "content.xml"
                             else info.compress_type)  # fmt: skip
        atomic_write(path, buf.getvalue())

    def file_name(self, view: DocumentView) -> str:
        return target_file_name(view, ".odt")
