"""What a TBX file says about its entries besides their terms, kept so that an export gives it back.

- Transactions (`transacGrp`: origination or modification, who, when) and cross-references (`ref` to another
  entry, `xref` to a web page or a picture; v2's `descrip`/`termNote type="crossReference"` too; DCT's
  `basic:transactionType`, `basic:responsibility`, `basic:crossReference`...) where they stood: on the entry,
  on a language section, on a term. They live in the glossary file's `x-tbx` column as JSON:
  `{"entry": PART, "langs": {LANG: PART}, "terms": {LANG: {TERM: PART}}}`, PART being
  `{"transactions": [{"type", "by", "target", "date"}], "refs": [{"el": "ref"|"xref", "type", "target", "text"}],
  "info": [{"el": "admin"|"descrip"|"note", "type", "text"}]}` (keys without a value left out). `info` holds
  what the glossary's own columns do not: admin elements (source, customerSubset, projectSubset, and other
  tools' productSubset...; DCT `basic:source`...), descrips of other kinds, a second subjectField or definition,
  notes; on a term, its notes one by one. The entry's first subjectField, definition and note are the
  glossary's domain, definition and note columns; `"definition_at"` on the entry's part names the language
  section the definition was read from (written back there).
- The file's header (`tbxHeader`/`martifHeader`: fileDesc with titleStmt, publicationStmt, sourceDesc;
  encodingDesc; revisionDesc) and back matter (the persons transactions point at: `refObjectSec`/
  `refObjectList`), as XML without namespaces (the `frame`), kept beside the glossary (`NAME.tbx-header.xml`,
  writing.py).

Written back in DCA style, only as far as the dialect written permits (tbx_dialects: TBX-Basic, as its
Schematron enforces it, or TBX 2008's default dialect in a v2 export that needs it): a transaction that is not
an origination or a modification, an `xref` whose target is not an http(s) address, a picture below the
language level, a category the dialect has not are left out of the file (they stay in the glossary, and the
export counts them: `left`); a `ref` is a crossReference; a target that names no id of the file written is
dropped; SDL's compact dates (20050422T10:20:30Z) are spelt as xsd dates.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from lxml import etree

from tarjimon.core.formats import tbx_dialects
from tarjimon.core.formats.tbx_dialects import Left
from tarjimon.core.formats.tbx_history import COLUMN, dumps, loads  # noqa: F401 (the column's JSON)

_XML_NS = "{http://www.w3.org/XML/1998/namespace}"
_REF_TYPES = {"crossReference": "ref", "relatedConcept": "ref", "relatedTerm": "ref",
              "relatedConceptBroader": "ref", "externalCrossReference": "xref", "xGraphic": "xref"}  # fmt: skip
_ARROW = re.compile(r"^(.*?)\s*->\s*(\S+)$")  # v2 samples: "LISA Web site -> http://www.lisa.org"
_HTTP = re.compile(r"^https?://\S+$")
_DATE = re.compile(r"^\d{4}-\d\d-\d\d(T\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?)?$")
_COMPACT = re.compile(r"^(\d{4})(\d\d)(\d\d)(T\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)?)?$")
HEADER_PARTS = ("fileDesc", "encodingDesc", "revisionDesc")
Part = dict[str, list[dict[str, str]]]


def local(el: etree._Element) -> str:
    tag = el.tag
    return tag.rsplit("}", 1)[-1].split(":")[-1] if isinstance(tag, str) else ""


def _text(el: etree._Element) -> str:
    return " ".join("".join(el.itertext()).split())


# ---- reading ----------------------------------------------------------------------------------------------
def _transaction(grp: etree._Element) -> dict[str, str]:
    got: dict[str, str] = {}
    for el in grp:
        name, kind = local(el), el.get("type", "")
        if (name == "transac" or name == "transactionType") and _text(el):
            got["type"] = _text(el)
        elif (name == "transacNote" and kind in ("responsibility", "")) or name == "responsibility":
            if _text(el):
                got["by"] = _text(el)
            if el.get("target"):
                got["target"] = el.get("target", "")
        elif name == "date" and _text(el):
            got["date"] = _text(el)
    return got


def _ref(el: etree._Element) -> dict[str, str] | None:
    name, kind = local(el), el.get("type", "")
    if name in ("ref", "xref"):
        found = {"el": name, "type": kind or ("crossReference" if name == "ref" else "externalCrossReference")}
    elif name in _REF_TYPES:  # DCT: <basic:crossReference target="...">
        found = {"el": _REF_TYPES[name], "type": name}
    elif name in ("descrip", "termNote") and kind in _REF_TYPES:  # v2 (TBX 2008) spelling
        found = {"el": _REF_TYPES[kind], "type": kind}
    else:
        return None
    text, target = _text(el), el.get("target", "")
    arrow = _ARROW.match(text)
    if arrow and not target and found["el"] == "xref":
        text, target = arrow.group(1), arrow.group(2)
    found.update((k, v) for k, v in (("target", target), ("text", text)) if v)
    return found


_ADMIN_DCT = {"source", "customerSubset", "projectSubset"}  # DCT spellings of admin types
# descrip types the reader keeps elsewhere (the glossary's columns, a term's contexts and notes: tbx.py)
_OWN_DESCRIPS = {"context", "crossReference", "relatedConcept", "relatedTerm", "relatedConceptBroader",
                 "externalCrossReference", "xGraphic"}  # fmt: skip
_OWN_TERMNOTES = {"partOfSpeech", "administrativeStatus", "context", "termType", "grammaticalGender",
                  "geographicalUsage", "termLocation"}  # fmt: skip


def _info(el: etree._Element, taken: set[etree._Element]) -> dict[str, str] | None:
    """An admin, descrip or note `el` as a kept item (None: not one, empty, or read elsewhere: `taken` holds
    the elements the glossary's columns took)."""
    name, kind, text = local(el), el.get("type", ""), _text(el)
    if not text or el in taken:
        return None
    if name == "admin" or name in _ADMIN_DCT or (name == "termNote" and kind in _ADMIN_DCT):
        return {"el": "admin", "type": kind if name in ("admin", "termNote") else name, "text": text}
    if name in ("descrip", "subjectField", "definition") and (kind or name) not in _OWN_DESCRIPS:
        return {"el": "descrip", "type": kind if name == "descrip" else name, "text": text}
    if name == "note":
        return {"el": "note", "text": text}
    if name == "termNote" and kind and kind not in _OWN_TERMNOTES:  # transferComment, pronunciation...
        return {"el": "termNote", "type": kind, "text": text}
    return None


def read_part(holder: etree._Element, taken: set[etree._Element] | None = None) -> Part:
    """The transactions, cross-references and other information (admin, descrip, note: `info`) standing
    directly in `holder` (an entry, a language section, a term section), in their order. `taken`: elements
    read into the glossary's own columns, not kept again."""
    part: Part = {}
    for el in (sub for child in holder for sub in (child if local(child) == "termGrp" else (child,))):
        if local(el) == "transacGrp":  # (a v2 ntig's termGrp: its term notes are the term's)
            got = _transaction(el)
            if got:
                part.setdefault("transactions", []).append(got)
        elif (ref := _ref(el)) is not None:
            part.setdefault("refs", []).append(ref)
        elif (item := _info(el, taken or set())) is not None:
            part.setdefault("info", []).append(item)
        elif local(el) in ("adminGrp", "descripGrp"):  # a group: its main element (its source note follows)
            for sub in el:
                if (item := _info(sub, taken or set())) is not None:
                    part.setdefault("info", []).append(item)
    return part


def merge_part(into: dict[str, Any], part: Part) -> None:
    """`part`'s items added after those `into` holds (a language or a term met twice in one entry)."""
    for key, items in part.items():
        into.setdefault(key, []).extend(items)


def read_frame(root: etree._Element) -> str:
    """The file's header and back matter as XML without namespaces ("" when it has neither)."""
    frame = etree.Element("tbxFrame")
    for el in root.iter():
        if local(el) in ("tbxHeader", "martifHeader"):
            for child in el:
                if local(child) in HEADER_PARTS:
                    frame.append(_plain(child))
            break
    for el in root.iter():
        if local(el) == "back":
            back = _plain(el)
            if len(back):
                frame.append(back)
            break
    return etree.tostring(frame, encoding="unicode", pretty_print=True).strip() if len(frame) else ""


def _plain(el: etree._Element) -> etree._Element:
    """A copy of `el` with its elements' namespaces and prefixes dropped (xml:lang, xml:id kept)."""
    out = etree.Element(local(el) or "p")
    for key, value in el.attrib.items():
        if not key.startswith("{") or key.startswith(_XML_NS):
            out.set(key, value)
    out.text = el.text if el.text and el.text.strip() else None  # indentation goes: written pretty again
    for child in el:
        if isinstance(child.tag, str):
            copy = _plain(child)
            copy.tail = child.tail if child.tail and child.tail.strip() else None
            out.append(copy)
    return out


# ---- writing ----------------------------------------------------------------------------------------------
def xsd_date(value: str) -> str:
    """`value` as an xsd date or dateTime, "" when it cannot be one."""
    if _DATE.match(value):
        return value
    m = _COMPACT.match(value)
    return f"{m.group(1)}-{m.group(2)}-{m.group(3)}{m.group(4) or ''}" if m else ""


def write_part(part: dict[str, Any], make: Callable[..., etree._Element], ids: dict[str, str], *,
               pictures: bool, left: Left | None = None, level: str = "", dialect: str = "") -> None:  # fmt: skip
    """Append `part`'s transactions and cross-references through `make(tag, text, **attrs)` (which builds a
    child of the right parent in the right namespace), as far as TBX-Basic permits (see the module). `ids`:
    each id a target may name (an entry's id in the file read, a person's of the back matter) -> the id it
    has in the file written. `left` counts what is not written. In TBX 2008's default dialect (`dialect`), a
    concept relation (IBM's relatedConcept, relatedConceptBroader) keeps its own type as a descrip at `level`
    where that dialect has it; TBX-Basic has only crossReference."""
    left = Left() if left is None else left
    for t in part.get("transactions", ()):
        if t.get("type") not in ("origination", "modification"):
            left[f"transaction {t.get('type', '')}".strip()] += 1
            continue
        grp = make("transacGrp", None)
        sub = _sub(grp)
        sub("transac", t["type"], type="transactionType")
        if t.get("by"):
            target = _target(t.get("target", ""), ids)
            sub("transacNote", t["by"], type="responsibility", **({"target": target} if target else {}))
        if xsd_date(t.get("date", "")):
            sub("date", xsd_date(t["date"]))
    for r in part.get("refs", ()):
        target = _target(r.get("target", ""), ids)
        kind = r.get("type", "")
        if r.get("el") == "ref" and dialect == tbx_dialects.DEFAULT and tbx_dialects.permitted("descrip", kind, level, dialect):
            make("descrip", r.get("text", "") or target, type=kind, **({"target": target} if target else {}))
        elif r.get("el") == "ref" and (r.get("text") or target):
            make("ref", r.get("text", "") or target, type="crossReference", **({"target": target} if target else {}))
        elif _HTTP.match(target) and (pictures or r.get("type") != "xGraphic"):
            kind = "xGraphic" if r.get("type") == "xGraphic" else "externalCrossReference"
            make("xref", r.get("text", "") or target, type=kind, target=target)
        else:
            left[f"{r.get('el', 'ref')} {r.get('type', '')}".strip()] += 1


def write_info(part: dict[str, Any], make: Callable[..., etree._Element], level: str,
               dialect: str = tbx_dialects.BASIC, left: Left | None = None) -> None:  # fmt: skip
    """Append `part`'s kept admin, descrip, termNote and note items through `make`, those `dialect` permits at
    `level` (entry, lang, term: tbx_dialects); the others stay in the glossary, not in the file, counted in
    `left`."""
    for item in part.get("info", ()):
        el, kind, text = item.get("el", ""), item.get("type", ""), item.get("text", "")
        if not text:
            continue
        if el == "note":
            make("note", text)
        elif tbx_dialects.permitted(el, kind, level, dialect):
            make(el, text, type=kind)
        elif left is not None:
            left[f"{el} {kind}"] += 1


def _target(target: str, ids: dict[str, str]) -> str:
    """What `target` becomes in the file written: an http(s) address stays, an id is mapped, else ""."""
    return target if _HTTP.match(target) else ids.get(target, "")


def _sub(parent: etree._Element) -> Callable[..., etree._Element]:
    ns = parent.tag[: parent.tag.index("}") + 1] if parent.tag.startswith("{") else ""

    def make(tag: str, text: str | None, **attrs: str) -> etree._Element:
        el = etree.SubElement(parent, ns + tag, **attrs)
        el.text = text
        return el

    return make


def frame_parts(frame: str, v2: bool) -> tuple[list[etree._Element], etree._Element | None]:
    """The header's parts (fileDesc first) and the back matter of a kept `frame`, as elements without a
    namespace, renamed for TBX v2 (`refObjectList`) or v3 (`refObjectSec`). ([], None) for no frame."""
    if not frame:
        return [], None
    try:
        root = etree.fromstring(frame, etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False))
    except etree.XMLSyntaxError:
        return [], None
    header = [el for el in root if el.tag in HEADER_PARTS]
    if not any(el.tag == "fileDesc" for el in header):
        header = []
    back = next((el for el in root if el.tag == "back"), None)
    if back is not None:
        for el in back.iter():
            if el.tag in ("refObjectSec", "refObjectList"):
                el.tag = "refObjectList" if v2 else "refObjectSec"
    return sorted(header, key=lambda el: HEADER_PARTS.index(str(el.tag))), back


def into_namespace(el: etree._Element, ns: str) -> etree._Element:
    """`el` (and its descendants) moved into namespace `ns` ("" for none)."""
    for sub in el.iter():
        if isinstance(sub.tag, str) and not sub.tag.startswith("{"):
            sub.tag = f"{{{ns}}}{sub.tag}" if ns else sub.tag
    return el


def frame_ids(back: etree._Element | None) -> set[str]:
    """The ids the back matter declares (what a transaction's `target` may name)."""
    return {el.get("id", "") for el in back.iter() if el.get("id")} if back is not None else set()
