"""`export --format xliff` (1.2) and `xliff2` (2.0): one file per document and target language.

A document imported from an XLIFF file of the same version is written back into that file
(xliff_export.patch: ids, notes, metadata, extensions and codes as they were, targets and states filled).
Any other document is written as a new file: a trans-unit (1.2) per segment, or a unit (2.0) per paragraph of the
file it came from (one per segment otherwise), its tags as codes (xliff_codes.natives_of), with its state
(empty: no target; draft: needs-review-translation, approved="no" / initial; translated: translated; reviewed:
final). A document imported
from the other XLIFF version keeps its unit ids, notes and codes (mapped to the version written: g <-> pc,
x <-> ph, bx/ex <-> sc/ec).
"""

from __future__ import annotations

import codecs
import copy
from itertools import groupby
from pathlib import Path
from typing import Any

from lxml import etree

from tarjimon.core import langs
from tarjimon.core.errors import TarjimonError
from tarjimon.core.files import atomic_write
from tarjimon.core.formats import xliff_document as xd
from tarjimon.core.formats.base import DocumentView, target_file_name
from tarjimon.core.formats.tmx import clean
from tarjimon.core.formats.xliff_codes import NS12, NS20, Codes, local, natives_of

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _name(view: DocumentView, skeleton: dict[str, Any] | None, version: str) -> str:
    suffix = skeleton.get("suffix", ".xlf") if skeleton and skeleton["version"] == version else ".xlf"
    return target_file_name(view, suffix or ".xlf")


def _infos(view: DocumentView, skeleton: dict[str, Any] | None) -> list[dict[str, Any]]:
    """Each segment's unit id, segment id, notes and codes: from the XLIFF file it came from, else made up."""
    if skeleton and len(skeleton["segments"]) == len(view.pairs):
        return list(skeleton["segments"])
    # a Word or ODT paragraph's tags become codes (g, bx/ex, x; pc, sc/ec, ph in 2.0) the other tool protects
    return [{"u": None, "s": None, "notes": [f"paragraph {seg.paragraph + 1}" + (f", {seg.kind}" if seg.kind != "body"
             else "")], "codes": natives_of(seg.source), "lead": "", "trail": ""} for seg, _ in view.pairs]  # fmt: skip


def _content(el: etree._Element, info: dict[str, Any], text: str, version: str) -> None:
    text = clean(info.get("lead", "") + text + info.get("trail", ""))[0]
    if info.get("codes"):
        Codes(info["codes"]).fill(el, text, version)
    else:
        el.text = text


class XliffExporter:
    """`export --format xliff`: XLIFF 1.2."""

    name = "xliff"
    extension = ".xlf"

    def write(self, view: DocumentView, path: Path) -> None:
        skeleton = xd.unpack(view.original, view.original_format)
        if skeleton and skeleton["version"] == "1.2":
            atomic_write(path, patch(skeleton, view.target_lang, view.pairs, view.notes))
            return
        root = etree.Element(f"{{{NS12}}}xliff", nsmap={None: NS12}, version="1.2")
        file = etree.SubElement(root, f"{{{NS12}}}file", original=view.document.name,
                                datatype="plaintext", **{"source-language": view.source_lang,
                                                         "target-language": view.target_lang})  # fmt: skip
        header = etree.SubElement(file, f"{{{NS12}}}header")
        etree.SubElement(header, f"{{{NS12}}}tool", {"tool-id": "tarjimon", "tool-name": "Tarjimon"})
        body = etree.SubElement(file, f"{{{NS12}}}body")
        infos = _infos(view, skeleton)
        unit_sizes: dict[Any, int] = {}
        for info in infos:
            unit_sizes[info["u"]] = unit_sizes.get(info["u"], 0) + 1
        for (seg, tr), info in zip(view.pairs, infos, strict=True):
            ident = str(seg.position + 1) if info["u"] is None else str(info["u"])
            if info["u"] is not None and unit_sizes[info["u"]] > 1:
                ident = f"{ident}_{info['s'] or seg.position + 1}"
            tu = etree.SubElement(body, f"{{{NS12}}}trans-unit", id=ident)
            tu.set(XML_SPACE, "preserve")
            _content(etree.SubElement(tu, f"{{{NS12}}}source"), info, seg.source, "1.2")
            if tr.text:
                tu.set("approved", "no" if tr.status == "draft" else "yes")
                target = etree.SubElement(tu, f"{{{NS12}}}target", state=xd.OUT_12.get(tr.status, "translated"))
                _content(target, info, tr.text, "1.2")
            for note in info["notes"] + ([view.hints[seg.id]] if seg.id in view.hints else []):
                etree.SubElement(tu, f"{{{NS12}}}note").text = clean(note)[0]
            for note in view.notes.get(seg.id, ()):  # reviewers' open comments
                etree.SubElement(tu, f"{{{NS12}}}note", **{"from": "reviewer"}).text = clean(note)[0]
        atomic_write(path, etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))

    def file_name(self, view: DocumentView) -> str:
        return _name(view, xd.unpack(view.original, view.original_format), "1.2")


class Xliff2Exporter:
    """`export --format xliff2`: XLIFF 2.0."""

    name = "xliff2"
    extension = ".xlf"

    def write(self, view: DocumentView, path: Path) -> None:
        skeleton = xd.unpack(view.original, view.original_format)
        if skeleton and skeleton["version"] == "2.0":
            atomic_write(path, patch(skeleton, view.target_lang, view.pairs, view.notes))
            return
        root = etree.Element(f"{{{NS20}}}xliff", nsmap={None: NS20}, version="2.0", srcLang=view.source_lang,
                             trgLang=view.target_lang)  # fmt: skip
        file = etree.SubElement(root, f"{{{NS20}}}file", id="f1", original=view.document.name)
        infos = _infos(view, skeleton)
        rows = list(zip(view.pairs, infos, strict=True))
        # one unit per unit of the file the document came from, else one per segment
        for key, group in groupby(rows, key=lambda r: r[1]["u"] if r[1]["u"] is not None else id(r)):
            members = list(group)
            first = members[0]
            ident = f"u{first[0][0].position + 1}" if first[1]["u"] is None else str(key)
            unit = etree.SubElement(file, f"{{{NS20}}}unit", id=ident)
            comments = [note for (seg, _), _ in members for note in view.notes.get(seg.id, ())]
            own = first[1]["notes"] + [view.hints[seg.id] for (seg, _), _ in members if seg.id in view.hints]
            if own or comments:
                notes = etree.SubElement(unit, f"{{{NS20}}}notes")
                for note in own:  # the file's own notes; what a segment is (a PO plural form's kind)
                    etree.SubElement(notes, f"{{{NS20}}}note").text = clean(note)[0]
                for note in comments:  # reviewers' open comments
                    etree.SubElement(notes, f"{{{NS20}}}note", category="reviewer").text = clean(note)[0]
            for (seg, tr), info in members:
                segment = etree.SubElement(unit, f"{{{NS20}}}segment", id=str(info["s"] or f"s{seg.position + 1}"),
                                           state=xd.OUT_20.get(tr.status, "initial") if tr.text else "initial")
                source = etree.SubElement(segment, f"{{{NS20}}}source")
                source.set(XML_SPACE, "preserve")
                _content(source, info, seg.source, "2.0")
                if tr.text:
                    target = etree.SubElement(segment, f"{{{NS20}}}target")
                    target.set(XML_SPACE, "preserve")
                    _content(target, info, tr.text, "2.0")
        atomic_write(path, etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))

    def file_name(self, view: DocumentView) -> str:
        return _name(view, xd.unpack(view.original, view.original_format), "2.0")


# ---- a document imported from XLIFF, written back into its file ---------------------------------------
def patch(skeleton: dict[str, Any], lang: str, pairs: list[tuple[Any, Any]],
          comments: dict[int, list[str]] | None = None) -> bytes:
    """The kept file with the targets of `pairs` ((Segment, Translation) in document order) in language `lang`,
    and reviewers' open `comments` (segment id -> texts) as notes of their units."""
    version = skeleton["version"]
    root = etree.fromstring(skeleton["xml"].encode(), etree.XMLParser(resolve_entities=False, no_network=True))
    found = list(xd.slots(root, version))
    infos = skeleton["segments"]
    if len(found) != len(infos) or len(infos) != len(pairs):
        raise TarjimonError("the document's kept XLIFF file does not match its segments; re-import the file")
    tag = _lang_tag(infos, lang)
    if version == "2.0":
        root.set("trgLang", tag)
    else:
        for file in (el for el in root.iter() if local(el) == "file"):
            file.set("target-language", tag)
    rebuilt: dict[int, tuple[etree._Element, dict[str, etree._Element], list[str]]] = {}
    for slot, info, (_seg, tr) in zip(found, infos, pairs, strict=True):
        slot.codes = Codes(info["codes"])
        same = info.get("tl") and langs.primary(info["tl"]) == lang and "t" in info
        unchanged = bool(same) and tr.status == info["st"] and (tr.text == info["t"] or tr.status == "empty")
        if version == "2.0":
            _write_20(slot, info, tr, unchanged)
        elif slot.mid is not None:
            _write_mrk(slot, info, tr, unchanged, tag, rebuilt)
        else:
            _write_12(slot, slot.unit, info, tr, unchanged, tag)
        for note in (comments or {}).get(_seg.id, ()):
            _add_note(slot.unit, note, version)
    for target, _marks, statuses in rebuilt.values():  # a unit's state: the least advanced of its segments
        if "changed" not in statuses:
            continue  # every segment as the file had it: so is the state
        lowest = min((s for s in statuses if s in xd.RANK), key=lambda s: xd.RANK[s], default="empty")
        if lowest in xd.OUT_12:
            target.set("state", xd.OUT_12[lowest])
        elif "state" in target.attrib:
            del target.attrib["state"]
    etree.cleanup_namespaces(root, keep_ns_prefixes=[p for p in root.nsmap if p])
    form = skeleton.get("form") or {}  # the file's encoding, BOM and line ends (xliff_document.file_form)
    if form.get("enc") == "UTF-16":
        out = etree.tostring(root, xml_declaration=True, encoding="UTF-16")  # (with its BOM)
        return out.decode("utf-16").replace("\n", form.get("eol", "\n")).encode("utf-16") if form.get("eol") else out
    out = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    if form.get("eol") == "\r\n":  # (a line break inside text or an attribute is &#10; or read back as \n)
        out = out.replace(b"\n", b"\r\n")
    return codecs.BOM_UTF8 + out if form.get("bom") else out


def _lang_tag(infos: list[dict[str, Any]], lang: str) -> str:
    """The file's own tag for `lang` (uz-Cyrl stays uz-Cyrl), else `lang`."""
    return next((i["tl"] for i in infos if i.get("tl") and langs.primary(i["tl"]) == lang), lang)


def _fill(slot: xd.Slot, el: etree._Element, info: dict[str, Any], text: str, version: str) -> None:
    slot.codes.fill(el, clean(info["lead"] + text + info["trail"])[0], version)


def _write_20(slot: xd.Slot, info: dict[str, Any], tr: Any, unchanged: bool) -> None:
    seg = slot.container
    if unchanged or (not tr.text and slot.target is None):
        return
    for attr in ("state", "subState"):
        seg.attrib.pop(attr, None)
    if not tr.text:
        if slot.target is not None:
            seg.remove(slot.target)
        return
    target = slot.target
    if target is None:
        target = etree.Element(slot.source.tag)
        target.tag = slot.source.tag.replace("source", "target")
        slot.source.addnext(target)
        target.tail = slot.source.tail
    if xd.preserved(slot.source):
        target.set(XML_SPACE, "preserve")
    _fill(slot, target, info, tr.text, "2.0")
    seg.set("state", xd.OUT_20[tr.status])


def _write_12(slot: xd.Slot, tu: etree._Element, info: dict[str, Any], tr: Any, unchanged: bool, tag: str) -> None:
    if unchanged or (not tr.text and slot.target is None):
        return
    target = slot.target
    if not tr.text:
        if target is not None:
            tu.remove(target)
        tu.attrib.pop("approved", None)
        if tu.get(f"{{{xd.MQ}}}status") is not None:
            tu.set(f"{{{xd.MQ}}}status", "NotStarted")
        return
    if target is None:
        target = etree.Element(slot.source.tag.replace("source", "target"))
        after = (xd.children(tu, "seg-source") or xd.children(tu, "source"))[-1]
        after.addnext(target)
        target.tail = after.tail
        if slot.source.get(xd.XML_LANG):  # a file whose sources name their language (Okapi): the targets too
            target.set(xd.XML_LANG, tag)
    elif target.get(xd.XML_LANG):
        target.set(xd.XML_LANG, tag)
    for attr in ("state-qualifier",):
        target.attrib.pop(attr, None)
    _fill(slot, target, info, tr.text, "1.2")
    target.set("state", xd.OUT_12[tr.status])
    tu.set("approved", "yes" if tr.status in ("translated", "reviewed") else "no")
    if tu.get(f"{{{xd.MQ}}}status") is not None:
        tu.set(f"{{{xd.MQ}}}status", xd.OUT_MQ[tr.status])


def _write_mrk(slot: xd.Slot, info: dict[str, Any], tr: Any, unchanged: bool, tag: str,
               rebuilt: dict[Any, tuple[etree._Element, dict[Any, etree._Element], list[str]]]) -> None:  # fmt: skip
    tu = slot.unit
    if tu not in rebuilt:  # the unit's target, rebuilt from its seg-source (the structure between segments)
        seg_source = xd.children(tu, "seg-source")[0]
        old = xd.children(tu, "target")
        target = copy.deepcopy(seg_source)
        target.tag = seg_source.tag.replace("seg-source", "target")
        target.attrib.clear()
        if old:
            target.attrib.update(old[0].attrib)
            if old[0].get(xd.XML_LANG):
                target.set(xd.XML_LANG, tag)
            old_marks = {m.get("mid"): m for m in old[0].iter() if local(m) == "mrk"}
            for mark in [m for m in target.iter() if local(m) == "mrk" and m.get("mid") in old_marks]:
                _replace_content(mark, old_marks[mark.get("mid")])
            tu.replace(old[0], target)
        else:
            seg_source.addnext(target)
            target.tail = seg_source.tail
        marks = {m.get("mid"): m for m in target.iter() if local(m) == "mrk" and m.get("mtype") == "seg"}
        rebuilt[tu] = (target, marks, [])
    target, marks, statuses = rebuilt[tu]
    mark = marks[slot.mid or ""]
    conf = xd.sdl_seg(slot)
    if unchanged:
        statuses.append(info["st"])
        return
    statuses.append(tr.status if tr.text else "empty")
    statuses.append("changed")
    if conf is not None:
        conf.set("conf", xd.OUT_SDL.get(tr.status, "Draft")) if tr.text else conf.attrib.pop("conf", None)
    _fill(slot, mark, info, tr.text or "", "1.2")


def _replace_content(dest: etree._Element, src: etree._Element) -> None:
    dest.text = src.text
    for child in list(dest):
        dest.remove(child)
    for child in src:
        dest.append(copy.deepcopy(child))


def _add_note(unit: etree._Element, text: str, version: str) -> None:
    """A reviewer's comment as a note of its unit, where XLIFF puts notes."""
    ns = etree.QName(unit).namespace
    if version == "2.0":
        notes = xd.children(unit, "notes")
        if notes:
            group = notes[0]
        else:
            group = etree.Element(f"{{{ns}}}notes")
            before = next((c for c in unit if local(c) in ("originalData", "segment", "ignorable")), None)
            if before is not None:
                before.addprevious(group)
            else:
                unit.append(group)
        etree.SubElement(group, f"{{{ns}}}note", category="reviewer").text = clean(text)[0]
        return
    note = etree.Element(f"{{{ns}}}note", {"from": "reviewer"})
    note.text = clean(text)[0]
    last = ([c for c in unit if local(c) in ("note", "target", "seg-source", "source")] or [None])[-1]
    if last is not None:
        last.addnext(note)
        note.tail = last.tail
    else:
        unit.append(note)
