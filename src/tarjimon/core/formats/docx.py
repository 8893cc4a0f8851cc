"""Word (.docx) articles read as paragraphs with inline tags (export: docx_write.py).

Reading: every paragraph of the body with text (tables and content controls included; a text box's
paragraphs stay inside its picture) in document order, then the footnotes' and endnotes' paragraphs (kind
"note"). A body paragraph's kind comes from its style: "heading" (Title, Subtitle, Heading N, an outline
level), "list" (a numbered or bulleted paragraph), else "body". Runs whose formatting differs from the
paragraph's usual one (bold, italic, a character style...) become a tag pair `⟨1⟩…⟨/1⟩`, a hyperlink another,
and what is not text (a footnote or endnote mark, a tab, a break, a picture, a field code) a standalone tag
`⟨2/⟩` (the syntax: core/text/tags.py). Word's noise makes no tags: runs split for revision marks, proofing
marks, a change of language, a formatted space.

python-docx opens the package (parts, relationships, content types, after package.py's checks); the
paragraph XML is walked here with lxml.
"""

from __future__ import annotations

import copy
import io
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from tarjimon.core.errors import BadInput, TarjimonError
from tarjimon.core.formats import xmlsafe
from tarjimon.core.formats.package import read_package
from tarjimon.core.models.article import Article, Paragraph
from tarjimon.core.text import tags as inline

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_DESCEND = {"ins", "moveTo", "smartTag", "customXml", "sdtContent", "dir", "bdo"}
_DROP = {"pPr", "del", "moveFrom", "proofErr", "bookmarkStart", "bookmarkEnd", "commentRangeStart",
         "commentRangeEnd", "permStart", "permEnd", "sdtPr", "sdtEndPr", "moveFromRangeStart",
         "moveFromRangeEnd", "moveToRangeStart", "moveToRangeEnd"}  # fmt: skip
_RUN_SKIP = {"rPr", "softHyphen", "lastRenderedPageBreak", "delText", "delInstrText"}
_NOISE = {"lang", "noProof", "webHidden", "specVanish", "rtl", "cs"}  # run properties that mark no formatting
_SPACES = re.compile(r"[ \t\r\n]+")


def wtag(name: str) -> str:
    return f"{{{W}}}{name}"


def local_name(el: Any) -> str:
    return el.tag.rsplit("}", 1)[-1] if isinstance(el.tag, str) else ""


@dataclass
class Tag:
    """What a tag number stands for: a formatting (its run properties), a link (the hyperlink element,
    without its runs), or standalone content (the runs it was)."""

    kind: str  # "format", "link", "empty"
    element: Any = None  # rPr (format; None: no properties) or hyperlink (link)
    base: Any = None  # link: the run properties of its text
    runs: list[Any] = field(default_factory=list)  # empty: the runs, copied


@dataclass
class DocxParagraph:
    """A paragraph of the file with text: the element, its tagged text, kind, tags and usual run format."""

    element: Any
    text: str
    kind: str
    tags: dict[int, Tag]
    base: Any  # the rPr of its most common formatting (None: none)


def _signature(rpr: Any) -> bytes:
    if rpr is None:
        return b""
    kept = copy.deepcopy(rpr)
    for child in list(kept):
        if local_name(child) in _NOISE or local_name(child) == "rPrChange":
            kept.remove(child)
        elif local_name(child) == "rFonts":
            child.attrib.pop(wtag("hint"), None)
    if not len(kept):
        return b""
    return b"".join(sorted(etree.tostring(c, method="c14n") for c in kept))


@dataclass
class _Item:
    text: str | None  # None: standalone content
    rpr: Any
    link: Any
    run: Any = None


def _items(container: Any, link: Any, out: list[_Item]) -> None:
    for child in container:
        name = local_name(child)
        if name == "r":
            _run_items(child, link, out)
        elif name == "hyperlink":
            _items(child, child, out)
        elif name in _DESCEND or name == "sdt":
            _items(child, link, out)
        elif name in _DROP or not name:
            continue
        else:  # fldSimple, oMath, a foreign element: kept whole
            out.append(_Item(None, None, link, copy.deepcopy(child)))


def _run_items(run: Any, link: Any, out: list[_Item]) -> None:
    rpr = run.find(wtag("rPr"))
    for child in run:
        name = local_name(child)
        if name in _RUN_SKIP or not name:
            continue
        if name == "t":
            out.append(_Item(child.text or "", rpr, link))
        elif name == "noBreakHyphen":
            out.append(_Item("\u2011", rpr, link))
        else:  # a tab, break, footnote mark, picture, field character: the run with just that child
            piece = run.makeelement(run.tag, run.attrib)
            if rpr is not None:
                piece.append(copy.deepcopy(rpr))
            piece.append(copy.deepcopy(child))
            out.append(_Item(None, rpr, link, piece))


def _usual(items: list[_Item]) -> tuple[bytes, Any]:
    """The signature covering most characters of `items`, and an rPr having it."""
    counts: Counter[bytes] = Counter()
    first: dict[bytes, Any] = {}
    for it in items:
        if it.text and it.text.strip():
            sig = _signature(it.rpr)
            counts[sig] += len(it.text)
            first.setdefault(sig, it.rpr)
    if not counts:
        return b"", None
    sig = counts.most_common(1)[0][0]
    return sig, first[sig]


def tagged_paragraph(p: Any) -> tuple[str, dict[int, Tag], Any]:
    """A paragraph element's text with inline tags, what each tag stands for, and its usual run format."""
    items: list[_Item] = []
    _items(p, None, items)
    base_sig, base = _usual([it for it in items if it.link is None])
    link_base = {id(link): _usual([it for it in items if it.link is link]) for link in {it.link for it in items}}
    tags: dict[int, Tag] = {}
    out: list[str] = []
    link_open: tuple[Any, int] | None = None
    fmt_open: tuple[bytes, int] | None = None
    last_empty: int | None = None

    def close_fmt() -> None:
        nonlocal fmt_open
        if fmt_open is not None:
            out.append(inline.close_tag(fmt_open[1]))
            fmt_open = None

    for it in items:
        if (link_open[0] if link_open else None) is not it.link:
            close_fmt()
            if link_open is not None:
                out.append(inline.close_tag(link_open[1]))
                link_open = None
            if it.link is not None:
                shell = it.link.makeelement(it.link.tag, it.link.attrib)
                tags[len(tags) + 1] = Tag("link", shell, link_base[id(it.link)][1])
                link_open = (it.link, len(tags))
                out.append(inline.open_tag(len(tags)))
            last_empty = None
        if it.text is None:
            if last_empty is not None:
                tags[last_empty].runs.append(it.run)
                continue
            tags[len(tags) + 1] = Tag("empty", runs=[it.run])
            last_empty = len(tags)
            out.append(inline.empty_tag(last_empty))
            continue
        usual = link_base[id(it.link)][0] if it.link is not None else base_sig
        current = fmt_open[0] if fmt_open else usual
        sig = current if not it.text.strip() else _signature(it.rpr)
        if sig != current:
            close_fmt()
            if sig != usual:
                tags[len(tags) + 1] = Tag("format", it.rpr)
                fmt_open = (sig, len(tags))
                out.append(inline.open_tag(len(tags)))
        out.append(it.text)
        last_empty = None
    close_fmt()
    if link_open is not None:
        out.append(inline.close_tag(link_open[1]))
    return _SPACES.sub(" ", "".join(out)).strip(), tags, base


def _kind(p: Any, style_names: dict[str, str]) -> str:
    ppr = p.find(wtag("pPr"))
    style = ""
    if ppr is not None:
        ps = ppr.find(wtag("pStyle"))
        style = style_names.get(ps.get(wtag("val"), ""), ps.get(wtag("val"), "")) if ps is not None else ""
        if ppr.find(wtag("outlineLvl")) is not None:
            return "heading"
    low = style.lower()
    if low.startswith("heading") or low in ("title", "subtitle"):
        return "heading"
    if (ppr is not None and ppr.find(wtag("numPr")) is not None) or low.startswith("list"):
        return "list"
    return "body"


def open_document(data: bytes, path: str | Path) -> Any:
    """python-docx's Document for a package's bytes (already checked by read_package)."""
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError as exc:  # a dependency, but an install may have lost it
        raise TarjimonError("Word files need python-docx: pip install python-docx") from exc

    try:
        return docx.Document(io.BytesIO(data))
    except etree.XMLSyntaxError as exc:
        bad = xmlsafe.syntax_error(exc, path)
        raise BadInput(f"not a readable DOCX file: {bad.message}" + (f" (line {bad.line} of a part)" if bad.line
                       else ""), path=path) from exc  # fmt: skip
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise BadInput(f"not a readable DOCX file ({str(exc).splitlines()[0] if str(exc) else type(exc).__name__})",
                       path=path) from exc  # fmt: skip


@dataclass
class NotesPart:
    """The footnotes or endnotes part of a document, parsed (python-docx keeps it as bytes)."""

    part: Any
    root: Any

    def store(self) -> None:
        """Put the changed XML back into the package."""
        self.part._blob = etree.tostring(self.root, xml_declaration=True, encoding="UTF-8", standalone=True)


def note_parts(doc: Any) -> list[NotesPart]:
    """The document's footnotes part, then its endnotes part (those it has)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml.parser import parse_xml

    found = {rel.reltype: rel.target_part for rel in doc.part.rels.values() if not rel.is_external}
    out = []
    for reltype in (RT.FOOTNOTES, RT.ENDNOTES):
        part = found.get(reltype)
        if part is not None:
            root = part.element if hasattr(part, "element") else parse_xml(part.blob)
            out.append(NotesPart(part, root))
    return out


def _text_paragraphs(container: Any, kind: Callable[[Any], str]) -> Iterator[DocxParagraph]:
    for p in container.iter(wtag("p")):
        if any(local_name(a) == "p" for a in p.iterancestors()):
            continue  # a text box's paragraph: it travels with its picture
        text, tags, base = tagged_paragraph(p)
        if inline.strip_tags(text).strip():
            yield DocxParagraph(p, text, kind(p), tags, base)


def paragraphs(doc: Any, notes: list[NotesPart]) -> list[DocxParagraph]:
    """The paragraphs with text of an opened document in document order, then those of its footnotes and
    endnotes (kind "note"; the separators Word puts there are not notes)."""
    style_names = {s.style_id: s.name for s in doc.styles if s.style_id}
    out = list(_text_paragraphs(doc.element.body, lambda p: _kind(p, style_names)))
    for part in notes:
        for note in part.root:
            if local_name(note) in ("footnote", "endnote") and note.get(wtag("type"), "normal") == "normal":
                out.extend(_text_paragraphs(note, lambda _p: "note"))
    return out


def read_article(path: str | Path) -> tuple[Article, str]:
    """Read a .docx article; the file's bytes are kept on the Article for export."""
    data, members = read_package(path, "DOCX")
    if "word/document.xml" not in members:
        raise BadInput("not a Word document: the package has no word/document.xml", path=path)
    doc = open_document(data, path)
    found = paragraphs(doc, note_parts(doc))
    article = Article(paragraphs=[Paragraph(text=p.text, kind=p.kind) for p in found], original=data)
    title = (doc.core_properties.title or "").strip()
    if title:
        article.meta["title"] = title
    return article, "utf-8"
