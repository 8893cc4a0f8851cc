"""TBX (ISO 30042) in and out.

In: TBX v2 (`martif`, termEntry/langSet/tig|ntig) and v3 (`tbx`, conceptEntry/langSec/termSec), the
TBX-Basic and TBX-Min dialects (also TBX-Min 1.0: `TBX`, entry/langGroup/termGroup, termStatus), DCA style
(`<descrip type="subjectField">`) and DCT style (`<min:subjectField>`), in whatever encoding the XML
declaration names. Elements are matched by local name, so namespaces and prefixes do not matter.
Out: TBX-Basic, DCA style, UTF-8: v3 (the default) or v2 (`martif`, `glossary export --format tbx2`).

Safety: lxml never resolves entities, loads a DTD or touches the network, and a DOCTYPE that declares
entities (billion laughs, external entities) is refused outright.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from lxml import etree

from tarjimon.core import langs as langtags
from tarjimon.core.errors import BadInput, TarjimonError
from tarjimon.core.files import atomic_write
from tarjimon.core.formats import tbx_dialects, tbx_extras, tbx_history, xmlsafe
from tarjimon.core.formats.tbx_dialects import Left
from tarjimon.core.formats.tsv import ordered_langs
from tarjimon.core.models.glossary import Concept, Glossary
from tarjimon.core.textio import read_bytes

TBX_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_STATUS_IN = {
    "preferredterm-admn-sts": "preferred", "preferred": "preferred",
    "admittedterm-admn-sts": "admitted", "admitted": "admitted",
    "deprecatedterm-admn-sts": "forbidden", "supersededterm-admn-sts": "forbidden", "notrecommended": "forbidden",
    "deprecated": "forbidden", "forbidden": "forbidden", "obsolete": "forbidden",
}  # fmt: skip
_STATUS_OUT = {"preferred": "preferredTerm-admn-sts", "admitted": "admittedTerm-admn-sts",
               "forbidden": "deprecatedTerm-admn-sts"}  # fmt: skip
_STATUS_RAW = ("preferred", "admitted", "deprecated", "superseded")
TERM_INFO = tbx_history.TERM_INFO  # the extra column holding each term's own status, notes and contexts (JSON)
CONTEXT_SEPARATOR = "\n"  # between a term's contexts (each one's own whitespace is collapsed)
# a term's other TBX-Basic term notes, kept with it; written back where the dialect's picklist has the value
TERM_NOTES = ("termType", "grammaticalGender", "geographicalUsage", "termLocation")
_NCNAME = re.compile(r"^[A-Za-z_][\w.\-]*$")


def _local(el: etree._Element) -> str:
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].split(":")[-1]


def _text(el: etree._Element) -> str:
    return " ".join("".join(el.itertext()).split())


def parse_xml(data: bytes, path: str | Path) -> etree._Element:
    """Parse untrusted XML safely; refuse entity declarations. Raises BadInput with the line."""
    xmlsafe.check_prolog_bytes(data, path)  # entity and ATTLIST declarations refused, CDATA is just text
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False,
        remove_comments=True, remove_pis=True,
    )  # fmt: skip
    etree.clear_error_log()
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise xmlsafe.syntax_error(exc, path) from exc
    except (ValueError, LookupError) as exc:  # unknown declared encoding and the like
        raise BadInput(f"unreadable XML ({exc})", path=path) from exc
    tree = root.getroottree()
    dtd = tree.docinfo.internalDTD
    if dtd is not None and (any(True for _ in dtd.iterentities()) or any(
            True for e in dtd.iterelements() for _ in e.iterattributes())):  # fmt: skip
        raise BadInput("XML entity declarations are not accepted", path=path, line=1)
    for el in root.iter():
        if isinstance(el, etree._Entity):
            raise BadInput(f"XML entity reference &{el.name}; is not accepted", path=path, line=el.sourceline)
    return root


def read_tbx(path: str | Path, name: str) -> Glossary:
    """Read a TBX file (v2 or v3, TBX-Basic or TBX-Min, DCA or DCT) into a Glossary."""
    return read_tbx_bytes(read_bytes(path), path, name)


def read_tbx_bytes(data: bytes, path: str | Path, name: str) -> Glossary:
    root = parse_xml(data, path)
    if _local(root) not in ("tbx", "martif", "TBX"):  # TBX: TBX-Min 1.0 (2013)
        raise BadInput(f"not a TBX file (root element <{_local(root)}>)", path=path, line=root.sourceline)
    glossary = Glossary(name)
    glossary.tbx_frame = tbx_extras.read_frame(root)
    for entry in root.iter():
        if _local(entry) in ("conceptEntry", "termEntry", "entry"):
            concept = _concept(entry, path, glossary)
            if concept is not None:
                glossary.concepts.append(concept)
    return glossary


def _concept(entry: etree._Element, path: str | Path, glossary: Glossary) -> Concept | None:
    terms: dict[str, list[str]] = {}
    domain = note = pos = definition = ""
    statuses: list[str] = []
    info: dict[str, dict[str, dict[str, str]]] = {}
    taken: set[etree._Element] = set()  # elements read into the glossary's columns (held: lxml keeps their proxies)
    definition_at = ""  # the language section the definition was read from ("": the entry)
    kept: dict[str, Any] = {}
    if entry.get("id"):  # its id in the file (which a cross-reference may name): written back as its id
        kept["id"] = entry.get("id")
    for child in [sub for el in entry for sub in (el if _local(el) in ("descripGrp", "adminGrp") else (el,))]:
        kind = _local(child)  # (a descripGrp's definition is the entry's definition, its admin source kept)
        ctype = child.get("type", "")
        if kind in ("langSec", "langSet", "langGroup"):
            tag = child.get(XML_LANG) or child.get("lang") or ""
            try:
                lang = langtags.normalize(tag)
            except TarjimonError as exc:
                raise BadInput(exc.message, path=path, line=child.sourceline) from exc
            if lang not in glossary.langs:
                glossary.langs.append(lang)
            _term_info(child, lang, info)
            for el in child.iter():
                if _local(el) == "term":
                    value = _text(el)
                    if value and value not in terms.setdefault(lang, []):
                        terms[lang].append(value)
                elif _local(el) == "partOfSpeech" or (
                    _local(el) == "termNote" and el.get("type") == "partOfSpeech"
                ):
                    pos = pos or _text(el)
                elif _local(el) in ("administrativeStatus", "termStatus") or (
                    _local(el) == "termNote" and el.get("type") == "administrativeStatus"
                ):
                    statuses.append(_STATUS_IN.get(_text(el).lower(), ""))
                elif not definition and _text(el) and (
                        (_local(el) == "descrip" and el.get("type") == "definition") or _local(el) == "definition"):  # fmt: skip
                    definition, definition_at = _text(el), lang
                    taken.add(el)
        elif not domain and _text(child) and (kind == "subjectField" or (kind == "descrip" and ctype == "subjectField")):
            domain = _text(child)
            taken.add(child)
        elif not definition and _text(child) and (kind == "definition" or (kind == "descrip" and ctype == "definition")):
            definition, definition_at = _text(child), ""
            taken.add(child)
        elif kind == "note" and not note and _text(child):
            note = _text(child)
            taken.add(child)
    if not terms:
        return None
    kept["entry"] = tbx_extras.read_part(entry, taken)  # transactions, cross-references, admin and the like
    if definition_at:
        kept["entry"]["definition_at"] = definition_at
    for child in entry:
        if _local(child) in ("langSec", "langSet", "langGroup"):
            _kept(child, langtags.normalize(child.get(XML_LANG) or child.get("lang") or ""), kept, taken)
    status = (
        statuses[0]
        if statuses and len(set(statuses)) == 1 and len(statuses) == sum(map(len, terms.values()))
        else ""
    )
    extra: tuple[tuple[str, str], ...] = (("definition", definition),) if definition else ()
    if definition and "definition" not in glossary.columns:
        glossary.columns.append("definition")
    kept = {k: v for k, v in kept.items() if v}
    if kept:
        extra += ((tbx_extras.COLUMN, tbx_extras.dumps(kept)),)
        if tbx_extras.COLUMN not in glossary.columns:
            glossary.columns.append(tbx_extras.COLUMN)
    if info:
        extra += ((TERM_INFO, json.dumps(info, ensure_ascii=False, sort_keys=True)),)
        if TERM_INFO not in glossary.columns:
            glossary.columns.append(TERM_INFO)
    return Concept(
        {k: tuple(v) for k, v in terms.items()}, note, domain, status, pos, entry.get("id", ""), extra
    ).with_id()


def _kept(lang_sec: etree._Element, lang: str, kept: dict[str, Any], taken: set[etree._Element]) -> None:
    """The transactions, cross-references and other information of a language section and of each of its
    terms, into `kept` (`taken`: elements read into the glossary's columns)."""
    part = tbx_extras.read_part(lang_sec, taken)
    if part:  # (two sections of one language, IBM's: both kept)
        tbx_extras.merge_part(kept.setdefault("langs", {}).setdefault(lang, {}), part)
    for sec in lang_sec.iter():
        if _local(sec) in ("termSec", "tig", "ntig", "termGroup"):
            term = next((_text(t) for t in sec.iter() if _local(t) == "term"), "")
            part = tbx_extras.read_part(sec, taken)
            if term and part:
                tbx_extras.merge_part(kept.setdefault("terms", {}).setdefault(lang, {}).setdefault(term, {}), part)


def _term_info(lang_sec: etree._Element, lang: str, info: dict[str, dict[str, dict[str, str]]]) -> None:
    """Each term's own administrativeStatus (preferred/admitted/deprecated/superseded, as written), notes and
    contexts (descrip type="context", DCT `context`), from its termSec/tig/ntig/termGroup:
    info[lang][term] = {"status": ..., "note": ..., "context": ...}."""
    for sec in lang_sec.iter():
        if _local(sec) not in ("termSec", "tig", "ntig", "termGroup"):
            continue
        term = next((_text(t) for t in sec.iter() if _local(t) == "term"), "")
        if not term:
            continue
        got: dict[str, str] = {}
        notes, contexts = [], []
        for el in sec.iter():
            name = _local(el)
            if name in ("administrativeStatus", "termStatus") or (
                    name == "termNote" and el.get("type") == "administrativeStatus"):  # fmt: skip
                got["status"] = _text(el).replace("Term-admn-sts", "").replace("term-admn-sts", "")
            elif name == "note" and _text(el):
                notes.append(_text(el))
            elif (
                name == "context" or (name in ("descrip", "termNote") and el.get("type") == "context")
            ) and _text(el):
                contexts.append(_text(el))  # a sentence using the term: what a translator checks it against
            elif (name == "partOfSpeech" or (name == "termNote" and el.get("type") == "partOfSpeech")) and _text(el):
                got.setdefault("pos", _text(el))  # (the terms that had one get it back, not all of them)
            elif (kind := el.get("type", "") if name == "termNote" else name) in TERM_NOTES and _text(el):
                got.setdefault(kind, _text(el))  # termType, grammaticalGender...: DCA termNote or DCT element
        if notes:
            got["note"] = " / ".join(notes)
        if contexts:
            got["context"] = CONTEXT_SEPARATOR.join(contexts)
        if got:
            info.setdefault(lang, {})[term] = got


def term_info(concept: Concept) -> dict[str, dict[str, dict[str, str]]]:
    """A concept's per-term status and notes (read from TBX), {} when it has none."""
    raw = dict(concept.extra).get(TERM_INFO, "")
    try:
        found = json.loads(raw) if raw else {}
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}


# Element names of the two versions: (v3 TBX 2019, v2 TBX 2008 `martif`).
_NAMES = {
    "root": ("tbx", "martif"), "header": ("tbxHeader", "martifHeader"), "entry": ("conceptEntry", "termEntry"),
    "lang": ("langSec", "langSet"), "termsec": ("termSec", "tig"),
}  # fmt: skip


def tbx_bytes(glossary: Glossary, version: int = 3, left: Left | None = None) -> bytes:
    """The glossary as TBX, DCA style, UTF-8: v3 (TBX 2019, namespaced `tbx`, TBX-Basic) or v2 (`martif`, which
    older tools such as translate-toolkit read: TBX-Basic, or TBX 2008's default dialect when the glossary
    holds categories only that one has). `left` counts what the file could not hold (tbx_dialects)."""
    data, _dialect, got = tbx_file(glossary, version)
    if left is not None:
        left.update(got)
    return data


def tbx_file(glossary: Glossary, version: int = 3) -> tuple[bytes, str, Left]:
    """(the file, the dialect it declares, what it could not hold): see tbx_bytes."""
    left = Left()
    data = _tbx_bytes(glossary, version, tbx_dialects.BASIC, left)
    if version == 2 and any(map(tbx_dialects.in_default, left)):
        left = Left()
        return _tbx_bytes(glossary, version, tbx_dialects.DEFAULT, left), tbx_dialects.DEFAULT, left
    return data, tbx_dialects.BASIC, left


def _tbx_bytes(glossary: Glossary, version: int, dialect: str, left: Left) -> bytes:
    v2 = version == 2
    ns = "" if v2 else f"{{{TBX_NS}}}"

    def el(parent: etree._Element, key: str, **attrs: str) -> etree._Element:
        return etree.SubElement(parent, ns + _NAMES.get(key, (key, key))[v2], **attrs)

    langs = ordered_langs(glossary)
    root = etree.Element(ns + _NAMES["root"][v2], nsmap=None if v2 else {None: TBX_NS})
    root.set("type", dialect)
    if not v2:
        root.set("style", "dca")
    root.set(XML_LANG, langs[0] if langs else "und")
    header_parts, back = tbx_extras.frame_parts(glossary.tbx_frame, v2)
    header = el(root, "header")
    for part in header_parts:  # the header the glossary's TBX came with
        header.append(tbx_extras.into_namespace(part, "" if v2 else TBX_NS))
    if not header_parts:
        file_desc = el(header, "fileDesc")
        el(el(file_desc, "sourceDesc"), "p").text = f"Tarjimon glossary {glossary.name}"
    text = el(root, "text")
    body = el(text, "body")
    cids = _concept_ids(glossary)
    ids = {i: i for i in tbx_extras.frame_ids(back)}  # what a transaction's or a cross-reference's target names
    for concept, cid in zip(glossary.concepts, cids, strict=True):
        ids[tbx_extras.loads(concept.extra).get("id", "")] = cid
        ids[cid] = cid
    ids.pop("", None)
    for concept, cid in zip(glossary.concepts, cids, strict=True):
        kept = tbx_extras.loads(concept.extra)
        poses = {p for terms in term_info(concept).values() for t in terms.values() if (p := t.get("pos"))}
        entry = el(body, "entry", id=cid)
        if concept.domain:
            el(entry, "descrip", type="subjectField").text = concept.domain
        definition = dict(concept.extra).get("definition", "")
        at = kept.get("entry", {}).get("definition_at", "")  # the language section it was read from
        at = at if at in langs and concept.terms.get(at) else ""
        if definition and not at:
            el(entry, "descrip", type="definition").text = definition
        if concept.note:
            el(entry, "note").text = concept.note
        tbx_extras.write_info(kept.get("entry", {}), _maker(entry, el), "entry", dialect, left)
        tbx_extras.write_part(kept.get("entry", {}), _maker(entry, el), ids, pictures=True, left=left, level="entry",
                              dialect=dialect)  # fmt: skip
        for lang in langs:
            terms = concept.terms.get(lang, ())
            if not terms:
                continue
            sec = el(entry, "lang")
            sec.set(XML_LANG, lang)
            if definition and at == lang:
                el(sec, "descrip", type="definition").text = definition
            tbx_extras.write_info(kept.get("langs", {}).get(lang, {}), _maker(sec, el), "lang", dialect, left)
            tbx_extras.write_part(kept.get("langs", {}).get(lang, {}), _maker(sec, el), ids, pictures=True, left=left)
            own = term_info(concept).get(lang, {})
            for term in terms:
                ts = el(sec, "termsec")
                el(ts, "term").text = term
                had = own.get(term, {}).get("pos", "")  # (read, unless the concept's was changed since)
                pos = had if poses and concept.pos in poses else concept.pos if had or not poses else ""
                if pos and tbx_dialects.value_permitted("partOfSpeech", pos, dialect):
                    el(ts, "termNote", type="partOfSpeech").text = pos
                elif pos:
                    left[f"termNote partOfSpeech ({pos})"] += 1
                status = own.get(term, {}).get("status", "")
                if status in _STATUS_RAW:
                    el(ts, "termNote", type="administrativeStatus").text = status + "Term-admn-sts"
                elif concept.status:
                    el(ts, "termNote", type="administrativeStatus").text = _STATUS_OUT[concept.status]
                for kind in TERM_NOTES:
                    value = own.get(term, {}).get(kind, "")
                    if value and tbx_dialects.value_permitted(kind, value, dialect):
                        el(ts, "termNote", type=kind).text = value
                    elif value:
                        left[f"termNote {kind} ({value})"] += 1
                for context in filter(None, own.get(term, {}).get("context", "").split(CONTEXT_SEPARATOR)):
                    el(ts, "descrip", type="context").text = context
                term_part = kept.get("terms", {}).get(lang, {}).get(term, {})
                if own.get(term, {}).get("note") and not any(i.get("el") == "note" for i in term_part.get("info", ())):
                    el(ts, "note").text = own[term]["note"]  # (else its notes one by one, below)
                tbx_extras.write_info(term_part, _maker(ts, el), "term", dialect, left)
                tbx_extras.write_part(term_part, _maker(ts, el), ids, pictures=False, left=left)
    if back is not None and len(back):  # the persons the transactions name
        text.append(tbx_extras.into_namespace(back, "" if v2 else TBX_NS))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _concept_ids(glossary: Glossary) -> list[str]:
    """Each concept's id in the file: the id of the TBX entry it was read from, else its own; an XML name,
    unique."""
    used: set[str] = set()
    out = []
    for concept in glossary.concepts:
        cid = tbx_extras.loads(concept.extra).get("id") or concept.with_id().id
        if not _NCNAME.match(cid):
            cid = "c-" + re.sub(r"[^\w.\-]", "_", cid)
        while cid in used:
            cid += "_"
        used.add(cid)
        out.append(cid)
    return out


def _maker(parent: etree._Element, el: Any) -> Any:
    """tbx_extras.write_part's `make`: a child of `parent` in the file's namespace."""

    def make(tag: str, text: str | None, **attrs: str) -> etree._Element:
        child = el(parent, tag, **attrs)
        child.text = text
        return child

    return make


# ---- the registry's entry points (formats/base.py) ----------------------------------------------------
read_concepts = read_tbx


def write_concepts(glossary: Glossary, path: str | Path, version: int = 3) -> str:
    """Write `glossary` as TBX v3 (TBX-Basic, DCA), atomically; the line saying what the file could not hold
    ("" when nothing)."""
    data, dialect, left = tbx_file(glossary, version)
    atomic_write(path, data)
    return tbx_dialects.say(left, dialect, version)


def write_concepts_v2(glossary: Glossary, path: str | Path) -> str:
    """Write `glossary` as TBX v2 (`martif`: TBX-Basic, or TBX 2008's default dialect), atomically."""
    return write_concepts(glossary, path, version=2)
