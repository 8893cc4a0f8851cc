"""TMX 1.4b (and 1.1) reading and writing, streamed: a million units never become one DOM.

Reading is safe by construction: lxml's iterparse with resolve_entities=False, no_network=True,
load_dtd=False, huge_tree=False, and any DOCTYPE that declares entities is refused before parsing (the
"billion laughs" and external entities such as file:///etc/passwd). A seg's inline codes (bpt, ept, it, ph,
hi, sub, ut) are kept verbatim as `markup` for export; `plain` is the text a translator reads (codes
dropped, hi text kept) and is what matching uses. Whitespace is kept as written.
"""

from __future__ import annotations

import re
from collections.abc import Generator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any
from xml.sax.saxutils import escape

from lxml import etree

from tarjimon.core import files
from tarjimon.core.errors import BadInput
from tarjimon.core.formats import xmlsafe

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MAX_TMX_BYTES = 8 << 30  # TMX files of a few GB exist; more is not a TM
CODES = {"bpt", "ept", "it", "ph", "ut"}
INLINE = CODES | {"hi", "sub"}
# Characters XML 1.0 cannot carry at all (not even as &#...;): dropped on export, counted as a warning.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@dataclass(slots=True)
class Variant:
    """One tuv: a language tag as written and the seg's text."""

    tag: str
    plain: str
    markup: str | None
    notes: list[str] = field(default_factory=list)
    props: list[list[str]] = field(default_factory=list)
    created: str | None = None
    changed: str | None = None
    attrs: dict[str, str] = field(default_factory=dict)  # its creationid, changeid... (OmegaT writes them here)


# tu attributes other tools write (OmegaT, Trados, memoQ) that a unit keeps and writes back
TU_ATTRS = ("tuid", "creationid", "changeid", "usagecount", "lastusagedate", "creationtool", "o-encoding")


@dataclass(slots=True)
class TranslationUnitRecord:
    """One tu as read from a file."""

    srclang: str | None
    variants: list[Variant]
    notes: list[str]
    props: list[list[str]]
    created: str | None
    changed: str | None
    line: int
    attrs: dict[str, str] = field(default_factory=dict)  # the tu's other attributes (tuid, creationid, ...)


def _local(tag: Any) -> str:
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def check_prolog(path: Path) -> None:
    """Refuse a document whose DOCTYPE declares entities or attribute defaults (formats/xmlsafe.py)."""
    xmlsafe.check_prolog_file(path)


def _inner_markup(seg: etree._Element) -> str:
    parts = [escape(seg.text or "")]
    for child in seg:
        parts.append(etree.tostring(child, encoding="unicode", with_tail=True))
    return "".join(parts)


def _plain(el: etree._Element, path: Path) -> str:
    parts = [el.text or ""]
    for child in el:
        if not isinstance(child.tag, str):
            if child.tag is etree.Entity:
                raise BadInput(f"entity reference {child.text} is not allowed", path=path, line=child.sourceline)
        else:
            name = _local(child.tag)
            if name == "hi":
                parts.append(_plain(child, path))
            elif name not in INLINE:
                raise BadInput(f"unexpected element <{name}> inside a segment", path=path, line=child.sourceline)
        parts.append(child.tail or "")
    return "".join(parts)


def _check_entities(el: etree._Element, path: Path) -> None:
    for node in el.iter(etree.Entity):
        raise BadInput(f"entity reference {node.text} is not allowed", path=path, line=node.sourceline)


def read_tmx(
    path: str | Path, source: IO[bytes] | None = None
) -> Generator[TranslationUnitRecord | dict[str, str], None, None]:
    """Yield the header attributes (a dict, first) then every tu of a TMX file, streaming.

    Raises BadInput (with file and line) for malformed XML, a file that is not TMX, refused DOCTYPEs,
    entity references and unknown encodings. `source` (a part of the file, for parallel import) is read
    instead of `path` when given; `path` then only names it.
    """
    path = Path(path)
    if source is None:
        files.check_input_file(path, MAX_TMX_BYTES)  # no device, FIFO or folder (they would hang or fill memory)
        check_prolog(path)
    header: dict[str, str] | None = None
    checked = False
    etree.clear_error_log()  # so a syntax error's log holds this file's errors only
    try:
        # Only header and tu events: a tu is handled whole at its end, then freed.
        context = etree.iterparse(
            source if source is not None else str(path),
            events=("end",),
            tag=("header", "tu"),
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            huge_tree=False,
            remove_comments=True,
            remove_pis=True,
        )
        for _, el in context:
            if not checked:
                _check_root(el.getroottree(), path)
                checked = True
            if el.tag == "tu":
                if header is None:
                    header = {}
                    yield header
                yield _tu(el, path)
                el.clear(keep_tail=False)
                parent = el.getparent()
                while el.getprevious() is not None:
                    del parent[0]
            else:
                header = dict(el.attrib)
                yield header
        if not checked:
            if context.root is None:
                raise BadInput("not a TMX file (no root element)", path=path, line=1)
            _check_root(context.root.getroottree(), path)
        if header is None:
            yield {}
    except etree.XMLSyntaxError as exc:
        raise xmlsafe.syntax_error(exc, path) from exc
    except LookupError as exc:  # an encoding Python/libxml2 does not know
        raise BadInput(f"unknown encoding ({exc})", path=path, line=1) from exc


def _check_root(tree: etree._ElementTree, path: Path) -> None:
    """The root is a plain <tmx> and the document declares nothing (defence behind the prolog scan)."""
    root = tree.getroot()
    if root.tag != "tmx":
        name = _local(root.tag)
        if name == "tmx" and isinstance(root.tag, str) and root.tag.startswith("{"):
            ns = root.tag[1:].split("}", 1)[0]
            raise BadInput(f"TMX has no XML namespace, but the root <tmx> is in namespace {ns!r}; remove the "
                           "xmlns attribute", path=path, line=root.sourceline)
        raise BadInput(f"not a TMX file (root element <{name}>)", path=path, line=root.sourceline)
    dtd = tree.docinfo.internalDTD
    if dtd is not None and (any(True for _ in dtd.iterentities()) or any(
            True for e in dtd.iterelements() for _ in e.iterattributes())):  # fmt: skip
        raise BadInput("declarations in the DOCTYPE are refused", path=path, line=1)


def _tu(el: etree._Element, path: Path) -> TranslationUnitRecord:
    _check_entities(el, path)  # in props and notes too, not only in segs (an unknown entity is never dropped)
    notes: list[str] = []
    props: list[list[str]] = []
    variants: list[Variant] = []
    for child in el:
        tag = child.tag
        if tag == "tuv":
            variants.append(_tuv(child, path))
        elif tag == "prop":
            props.append([child.get("type", ""), child.text or ""])
        elif tag == "note":
            notes.append(child.text or "")
    attrs = {k: v for k, v in el.attrib.items() if k not in ("srclang", "creationdate", "changedate")}
    return TranslationUnitRecord(
        el.get("srclang"), variants, notes, props, el.get("creationdate"), el.get("changedate"),
        el.sourceline or 0, attrs,
    )


def _tuv(tuv: etree._Element, path: Path) -> Variant:
    tag = tuv.get(XML_LANG) or tuv.get("lang")
    if not tag:
        raise BadInput("tuv without xml:lang", path=path, line=tuv.sourceline)
    seg = None
    notes: list[str] = []
    props: list[list[str]] = []
    for child in tuv:
        name = child.tag
        if name == "seg":
            seg = child
        elif name == "prop":
            props.append([child.get("type", ""), child.text or ""])
        elif name == "note":
            notes.append(child.text or "")
    if seg is None:
        raise BadInput("tuv without seg", path=path, line=tuv.sourceline)
    if len(seg):
        _check_entities(seg, path)
        plain, markup = _plain(seg, path), _inner_markup(seg)
    else:
        plain, markup = seg.text or "", None
    attrs = {k: v for k, v in tuv.attrib.items() if k in TU_ATTRS}
    return Variant(tag, plain, markup, notes, props, tuv.get("creationdate"), tuv.get("changedate"), attrs)


# ---- display: inline codes as numbered placeables ---------------------------------------------------
def display(markup: str | None, plain: str) -> str:
    """The seg as a translator sees it: codes as ⟨1⟩ … ⟨/1⟩ (paired), ⟨2/⟩ (standalone); hi text kept."""
    if not markup:
        return plain
    try:
        seg = etree.fromstring(f"<seg>{markup}</seg>", etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return plain
    numbers: dict[str, int] = {}
    used: set[int] = set()

    def num(child: etree._Element, pair_key: str | None = None) -> int:
        # the file's own numbers (x, else i) so source and target placeables correspond
        if pair_key is not None and pair_key in numbers:
            return numbers[pair_key]
        wanted = child.get("x") or child.get("i") or ""
        n = int(wanted) if wanted.isdigit() and int(wanted) not in used else max(used, default=0) + 1
        used.add(n)
        if pair_key is not None:
            numbers[pair_key] = n
        return n

    def walk(node: etree._Element) -> str:
        out = [node.text or ""] if _local(node.tag) == "seg" else []
        for child in node:
            name = _local(child.tag)
            if name == "bpt":
                out.append(f"⟨{num(child, 'i' + (child.get('i') or '?'))}⟩")
            elif name == "ept":
                out.append(f"⟨/{num(child, 'i' + (child.get('i') or '?'))}⟩")
            elif name == "it":
                n = num(child)
                out.append(f"⟨/{n}⟩" if child.get("pos") == "end" else f"⟨{n}⟩")
            elif name == "hi":
                n = num(child)
                out.append(f"⟨{n}⟩{(child.text or '')}{walk(child)}⟨/{n}⟩")
            elif name in ("ph", "ut"):
                out.append(f"⟨{num(child)}/⟩")
            out.append(child.tail or "")
        return "".join(out)

    return walk(seg)


# ---- writing ----------------------------------------------------------------------------------------
def clean(text: str) -> tuple[str, int]:
    """Drop characters XML 1.0 forbids; return (text, how many were dropped)."""
    cleaned, n = FORBIDDEN.subn("", text)
    return cleaned, n


def tmx_date(iso: str | None) -> str | None:
    """ISO 8601 (as stored) -> TMX's YYYYMMDDThhmmssZ."""
    if not iso:
        return None
    digits = re.sub(r"[^0-9T]", "", iso.split("+")[0].replace("Z", ""))
    if len(digits) < 15:
        return None
    return digits[:15] + "Z"


_TMX_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z")


def iso_date(tmx: str | None) -> str | None:
    """TMX's YYYYMMDDThhmmssZ -> ISO 8601 UTC; None if it is not that form."""
    if not tmx:
        return None
    m = _TMX_DATE.fullmatch(tmx.strip())
    if not m:
        return None
    y, mo, d, h, mi, s = m.groups()
    return f"{y}-{mo}-{d}T{h}:{mi}:{s}+00:00"


class TmxWriter:
    """Write TMX 1.4b incrementally: `with TmxWriter(f, srclang) as w: w.unit(...)`."""

    def __init__(self, out: IO[bytes], srclang: str, creationtool: str = "Tarjimon", version: str = "0.1") -> None:
        self.out = out
        self.srclang = srclang
        self.tool = (creationtool, version)
        self.dropped = 0
        self.count = 0

    def __enter__(self) -> TmxWriter:
        self._cm = etree.xmlfile(self.out, encoding="UTF-8")
        self.xf = self._cm.__enter__()
        # No DOCTYPE line: validators are given the DTD explicitly (xmllint --dtdvalid), and a SYSTEM
        # identifier would only make them look for a tmx14.dtd next to the file.
        self.xf.write_declaration()
        self._root = self.xf.element("tmx", version="1.4")
        self._root.__enter__()
        self.xf.write("\n  ")
        header = etree.Element(
            "header",
            creationtool=self.tool[0],
            creationtoolversion=self.tool[1],
            segtype="sentence",
            adminlang="en",
            srclang=self.srclang,
            datatype="plaintext",
            **{"o-tmf": "Tarjimon"},
        )
        self.xf.write(header)
        self.xf.write("\n  ")
        self._body = self.xf.element("body")
        self._body.__enter__()
        self.xf.write("\n    ")
        return self

    def __exit__(self, *exc: Any) -> None:
        self.xf.write("\n  ")
        self._body.__exit__(*exc)
        self.xf.write("\n")
        self._root.__exit__(*exc)
        self._cm.__exit__(*exc)

    def _text(self, text: str) -> str:
        cleaned, n = clean(text)
        self.dropped += n
        return cleaned

    def _seg(self, tuv: etree._Element, plain: str, markup: str | None) -> None:
        seg = None
        if markup:
            try:
                seg = etree.fromstring(f"<seg>{self._text(markup)}</seg>",
                                       etree.XMLParser(resolve_entities=False, no_network=True))
            except etree.XMLSyntaxError:
                seg = None
        if seg is None:
            seg = etree.Element("seg")
            seg.text = self._text(plain)
        tuv.append(seg)

    def unit(
        self,
        source: tuple[str, str, str | None],
        target: tuple[str, str, str | None],
        *,
        props: list[list[str]] = (),  # type: ignore[assignment]
        notes: list[str] = (),  # type: ignore[assignment]
        source_extra: tuple[list[str], list[list[str]]] = ([], []),
        target_extra: tuple[list[str], list[list[str]]] = ([], []),
        created: str | None = None,
        changed: str | None = None,
        attrs: dict[str, str] | None = None,
    ) -> None:
        """Write one tu with two tuvs: (tag, plain, markup) for source and target; `attrs` are other tools'
        tu attributes (tuid, creationid, changeid, usagecount) written back as they were read."""
        attrs = {**{k: self._text(str(v)) for k, v in (attrs or {}).items() if k.replace("-", "").isalnum()},
                 "srclang": source[0].replace("_", "-")}
        if tmx_date(created):
            attrs["creationdate"] = tmx_date(created)  # type: ignore[assignment]
        if tmx_date(changed):
            attrs["changedate"] = tmx_date(changed)  # type: ignore[assignment]
        tu = etree.Element("tu", **attrs)
        for note in notes:
            etree.SubElement(tu, "note").text = self._text(note)
        for typ, value in props:
            etree.SubElement(tu, "prop", type=self._text(typ) or "x-unknown").text = self._text(value)
        for (tag, plain, markup), (vnotes, vprops) in ((source, source_extra), (target, target_extra)):
            tuv = etree.SubElement(tu, "tuv", {XML_LANG: tag.replace("_", "-")})
            for note in vnotes:
                etree.SubElement(tuv, "note").text = self._text(note)
            for typ, value in vprops:
                etree.SubElement(tuv, "prop", type=self._text(typ) or "x-unknown").text = self._text(value)
            self._seg(tuv, plain, markup)
        self.xf.write(tu)
        self.xf.write("\n    ")
        self.count += 1
