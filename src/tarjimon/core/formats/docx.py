"""Word (.docx) articles: read as paragraphs with inline tags, exported by rewriting the original file.

Reading: every paragraph of the body with text (tables and content controls included; a text box's
paragraphs stay inside its picture) in document order. Its kind comes from its style: "heading" (Title,
Subtitle, Heading N, an outline level), "list" (a numbered or bulleted paragraph), else "body". Runs whose
formatting differs from the paragraph's usual one (bold, italic, a character style...) become a tag pair
`⟨1⟩…⟨/1⟩`, a hyperlink another, and what is not text (a footnote or endnote mark, a tab, a break, a
picture, a field code) a standalone tag `⟨2/⟩` (syntax: formats/inline.py).

Export (`export --format docx`) needs the original file, which the project keeps (repository.original):
it is opened again, its paragraphs found by the same walk, and each translated paragraph's content replaced
by the target text, every tag span getting back the formatting (or the link) it had; styles, headers and
footers, page setup, tables, pictures and untouched paragraphs come through as they were. A tag the target
lost is lost in the file (QA reports it); a tag number the source did not have is dropped.

python-docx opens and saves the package (parts, relationships, content types); the XML is walked here.
"""

from __future__ import annotations

import copy
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from tarjimon.core.errors import BadInput, TarjimonError
from tarjimon.core.files import atomic_write
from tarjimon.core.formats import xmlsafe
from tarjimon.core.formats.base import DocumentView, original_file
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


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


def _local(el: Any) -> str:
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
        if _local(child) in _NOISE or _local(child) == "rPrChange":
            kept.remove(child)
        elif _local(child) == "rFonts":
            child.attrib.pop(_w("hint"), None)
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
        name = _local(child)
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
    rpr = run.find(_w("rPr"))
    for child in run:
        name = _local(child)
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
    ppr = p.find(_w("pPr"))
    style = ""
    if ppr is not None:
        ps = ppr.find(_w("pStyle"))
        style = style_names.get(ps.get(_w("val"), ""), ps.get(_w("val"), "")) if ps is not None else ""
        if ppr.find(_w("outlineLvl")) is not None:
            return "heading"
    low = style.lower()
    if low.startswith("heading") or low in ("title", "subtitle"):
        return "heading"
    if (ppr is not None and ppr.find(_w("numPr")) is not None) or low.startswith("list"):
        return "list"
    return "body"


def open_document(data: bytes, path: str | Path) -> Any:
    """python-docx's Document for a package's bytes (already checked by read_package)."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        return docx.Document(io.BytesIO(data))
    except etree.XMLSyntaxError as exc:
        bad = xmlsafe.syntax_error(exc, path)
        raise BadInput(f"not a readable DOCX file: {bad.message}" + (f" (line {bad.line} of a part)" if bad.line
                       else ""), path=path) from exc  # fmt: skip
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise BadInput(f"not a readable DOCX file ({str(exc).splitlines()[0] if str(exc) else type(exc).__name__})",
                       path=path) from exc  # fmt: skip


def paragraphs(doc: Any) -> list[DocxParagraph]:
    """The paragraphs with text of an opened document, in document order."""
    style_names = {s.style_id: s.name for s in doc.styles if s.style_id}
    out = []
    body = doc.element.body
    for p in body.iter(_w("p")):
        if any(_local(a) == "p" for a in p.iterancestors()):
            continue  # a text box's paragraph: it travels with its picture
        text, tags, base = tagged_paragraph(p)
        if inline.strip_tags(text).strip():
            out.append(DocxParagraph(p, text, _kind(p, style_names), tags, base))
    return out


def read_article(path: str | Path) -> tuple[Article, str]:
    """Read a .docx article; the file's bytes are kept on the Article for export."""
    data, members = read_package(path, "DOCX")
    if "word/document.xml" not in members:
        raise BadInput("not a Word document: the package has no word/document.xml", path=path)
    doc = open_document(data, path)
    found = paragraphs(doc)
    article = Article(paragraphs=[Paragraph(text=p.text, kind=p.kind) for p in found], original=data)
    title = (doc.core_properties.title or "").strip()
    if title:
        article.meta["title"] = title
    return article, "utf-8"


def _run(p: Any, rpr: Any, text: str) -> Any:
    run = p.makeelement(_w("r"), {})
    if rpr is not None:
        run.append(copy.deepcopy(rpr))
    t = etree.SubElement(run, _w("t"))
    t.text = text
    t.set(XML_SPACE, "preserve")
    return run


def rebuild(para: DocxParagraph, text: str) -> None:
    """Replace a paragraph's content with `text` (tagged), each tag span formatted as in the source."""
    p = para.element
    starts = [c for c in p if _local(c) == "bookmarkStart"]
    ends = [c for c in p if _local(c) == "bookmarkEnd"]
    for child in list(p):
        if _local(child) != "pPr":
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
                parent().append(_run(p, rpr(), tok.text))
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

    def write(self, view: DocumentView, path: Path) -> None:
        from tarjimon.core.formats.txt import paragraph_texts

        doc = open_document(original_file(view, "DOCX"), view.document.name)
        found = paragraphs(doc)
        if len(found) != len(view.paragraphs):
            raise TarjimonError(f"{view.document.name}: the stored original has {len(found)} paragraphs, the "
                                f"project {len(view.paragraphs)}: import the file again")  # fmt: skip
        for i, text in paragraph_texts(view).items():
            rebuild(found[i], text)
        buf = io.BytesIO()
        doc.save(buf)
        atomic_write(path, buf.getvalue())

    def file_name(self, view: DocumentView) -> str:
        return f"{Path(view.document.name).stem}.{view.target_lang}.docx"

