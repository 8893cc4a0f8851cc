"""A bilingual XLIFF 1.2 or 2.0 file as a document: its segments, targets and states, and the file written back.

Reading: every translatable segment of the file, in order (1.2: a trans-unit, or each `mrk mtype="seg"` of its
seg-source, as Trados' sdlxliff writes them; 2.0: each segment of a unit), becomes a segment of the document;
a trans-unit / unit is a paragraph. Inline codes become placeables (formats/xliff_codes.py). Targets come with
their state mapped to the project's statuses (`status_of`). Units marked translate="no" and segments with no
text (only codes or spaces) are not segments; they stay in the file as they were.

The file itself is kept with the document (`Article.original`: the file and what each segment came from, as
compressed JSON): writing the document back
(xliff_export.patch) fills each segment's target into that file, so ids, notes, metadata, other tools' extensions
(sdl:, mq:, mda:) and the codes come back as they were; a target the project did not change is written as the
file had it, state included.
"""

from __future__ import annotations

import codecs
import json
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from tarjimon.core.errors import BadInput
from tarjimon.core.formats.tbx import parse_xml
from tarjimon.core.formats.xliff_codes import PLACEABLE, Codes, local
from tarjimon.core.models.article import Article, Paragraph
from tarjimon.core.textio import read_bytes

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SDL = "http://sdl.com/FileTypes/SdlXliff/1.0"
RANK = {"empty": 0, "draft": 1, "translated": 2, "reviewed": 3}
# a target's state in the file -> the project's status
STATES_12 = {"translated": "translated", "final": "reviewed", "signed-off": "reviewed",
             "needs-review-translation": "draft", "needs-review-l10n": "draft", "needs-review-adaptation": "draft",
             "needs-adaptation": "draft", "needs-l10n": "draft", "new": "empty", "needs-translation": "empty"}
STATES_20 = {"initial": "empty", "translated": "translated", "reviewed": "reviewed", "final": "reviewed"}
SDL_CONF = {"Translated": "translated", "ApprovedTranslation": "reviewed", "ApprovedSignOff": "reviewed",
            "Draft": "draft", "RejectedTranslation": "draft", "RejectedSignOff": "draft"}  # fmt: skip
MQ = "MQXliff"  # memoQ's mqxliff: the segment's status when the target has no state
MQ_STATUS = {"NotStarted": "empty", "PartiallyEdited": "draft", "Pretranslated": "draft", "Edited": "draft",
             "ManuallyConfirmed": "translated", "Confirmed": "translated", "Proofread": "reviewed",
             "Reviewer1Confirmed": "reviewed", "Reviewer2Confirmed": "reviewed"}  # fmt: skip
# the project's status -> the state written
OUT_12 = {"draft": "needs-review-translation", "translated": "translated", "reviewed": "final"}
OUT_20 = {"draft": "initial", "translated": "translated", "reviewed": "final"}
OUT_MQ = {"draft": "PartiallyEdited", "translated": "ManuallyConfirmed", "reviewed": "Proofread"}
OUT_SDL = {"draft": "Draft", "translated": "Translated", "reviewed": "ApprovedTranslation"}


@dataclass
class Slot:
    """One segment of the file: its unit, source and target elements, and the languages it is in."""

    unit: etree._Element
    container: etree._Element  # 1.2: the trans-unit; 2.0: the segment
    source: etree._Element
    target: etree._Element | None
    mid: str | None  # 1.2 mrk mid or 2.0 segment id
    source_lang: str | None
    target_lang: str | None
    codes: Codes = field(default_factory=Codes)
    shown: str = ""


@dataclass(frozen=True)
class Target:
    lang_tag: str
    text: str
    status: str


@dataclass(frozen=True)
class Bilingual:
    """An XLIFF file read as a document, not yet stored."""

    version: str  # "1.2" (1.0-1.2) or "2.0" (2.x)
    source_tags: frozenset[str]
    article: Article
    pieces: list[tuple[int, str, str]]
    targets: list[Target | None]
    # a file Tarjimon exported from one of a project's documents (not from an XLIFF/PO file): that document's
    # name, and each segment's position in it (1-based), so the translator's targets go back into it
    origin: str = ""
    positions: tuple[int, ...] = ()


def version_of(root: etree._Element, path: str | Path) -> str:
    """"1.2" for XLIFF 1.0-1.2, "2.0" for 2.x; BadInput for anything else."""
    if local(root) != "xliff":
        raise BadInput(f"not an XLIFF file (root element <{local(root)}>)", path=path, line=root.sourceline)
    found = root.get("version") or ""
    ns = etree.QName(root).namespace or ""
    if found in ("1.0", "1.1", "1.2") or (not found and ns.endswith(("1.0", "1.1", "1.2"))):
        return "1.2"
    if found in ("2.0", "2.1", "2.2") or (not found and ns.endswith(":2.0")):
        return "2.0"
    raise BadInput(f"XLIFF version {found or '(none)'} is not supported (1.0-1.2, 2.0-2.2)", path=path,
                   line=root.sourceline)


def children(el: etree._Element, name: str) -> list[etree._Element]:
    return [c for c in el if local(c) == name]


def preserved(el: etree._Element) -> bool:
    node: etree._Element | None = el
    while node is not None:
        if node.get(XML_SPACE):
            return node.get(XML_SPACE) == "preserve"
        node = node.getparent()
    return False


def slots(root: etree._Element, version: str) -> Iterator[Slot]:
    """The translatable segments of a parsed file, in order (the same walk reads and writes a file)."""
    if version == "2.0":
        for unit in (el for el in root.iter() if local(el) == "unit"):
            if unit.get("translate") == "no":
                continue
            for seg in children(unit, "segment"):
                src, tgt = children(seg, "source"), children(seg, "target")
                if src:
                    yield from _kept(Slot(unit, seg, src[0], tgt[0] if tgt else None, seg.get("id"),
                                          root.get("srcLang"), root.get("trgLang")))  # fmt: skip
        return
    for file in (el for el in root.iter() if local(el) == "file"):
        sl, tl = file.get("source-language"), file.get("target-language")
        for tu in (el for el in file.iter() if local(el) == "trans-unit"):
            if tu.get("translate") == "no":
                continue
            src, tgt, seg_source = children(tu, "source"), children(tu, "target"), children(tu, "seg-source")
            target = tgt[0] if tgt else None
            tlang = target.get(XML_LANG) if target is not None and target.get(XML_LANG) else tl
            marks = [m for m in seg_source[0].iter() if local(m) == "mrk" and m.get("mtype") == "seg"] \
                if seg_source else []  # fmt: skip
            if marks:
                found = {m.get("mid"): m for m in target.iter() if local(m) == "mrk"} if target is not None else {}
                for mark in marks:
                    yield from _kept(Slot(tu, tu, mark, found.get(mark.get("mid")), mark.get("mid"), sl, tlang))
            elif src:
                yield from _kept(Slot(tu, tu, src[0], target, None, sl, tlang))


def _kept(slot: Slot) -> Iterator[Slot]:
    slot.shown = slot.codes.show(slot.source, collapse=not preserved(slot.source))
    if PLACEABLE.sub("", slot.shown).strip():
        yield slot


def status_of(slot: Slot, version: str) -> str:
    """The project status of a slot's target: sdl:seg conf (sdlxliff), else the target's state, else memoQ's
    mq:status, else approved="yes" -> translated; a target with text and nothing saying what it is, a draft
    (kept, not confirmed)."""
    if version == "2.0":
        state = slot.container.get("state")
        return STATES_20.get(state or "", "draft")
    if slot.mid is not None:
        conf = sdl_seg(slot)
        if conf is not None and conf.get("conf") in SDL_CONF:
            return SDL_CONF[conf.get("conf", "")]
    state = slot.target.get("state") if slot.target is not None else None
    tu_target = children(slot.unit, "target")
    if state is None and tu_target:
        state = tu_target[0].get("state")
    if state in STATES_12:
        return STATES_12[state or ""]
    if slot.unit.get(f"{{{MQ}}}status") in MQ_STATUS:
        return MQ_STATUS[slot.unit.get(f"{{{MQ}}}status", "")]
    return "translated" if slot.unit.get("approved") == "yes" else "draft"


def sdl_seg(slot: Slot) -> etree._Element | None:
    for el in slot.unit.iter(f"{{{SDL}}}seg"):
        if el.get("id") == slot.mid:
            return el
    return None


def parse(path: str | Path) -> tuple[etree._Element, str]:
    """The parsed file (through the safe parser) and its version."""
    root = parse_xml(read_bytes(path), path)
    return root, version_of(root, path)


def file_form(data: bytes) -> dict[str, Any]:
    """How a file's bytes are laid out beyond its XML, where it is not UTF-8 with LF line ends and no BOM:
    {"enc": "UTF-16"}, {"bom": True}, {"eol": "\r\n"} (a file from Windows), for the export to write it so."""
    form: dict[str, Any] = {}
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or data[:2] in (b"<\x00", b"\x00<"):
        form["enc"] = "UTF-16"
        data = data.decode("utf-16" if data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
                            else "utf-16-le" if data[0] == 0x3C else "utf-16-be", "replace").encode()  # fmt: skip
    elif data.startswith(codecs.BOM_UTF8):
        form["bom"] = True
    lines = data.count(b"\n")
    if lines and data.count(b"\r\n") * 2 > lines:
        form["eol"] = "\r\n"
    return form


def read_bilingual(path: str | Path) -> Bilingual:
    """Read an XLIFF file as a document: segments grouped by unit, targets with their statuses."""
    data = read_bytes(path)
    root = parse_xml(data, path)
    version = version_of(root, path)
    paragraphs: list[Paragraph] = []
    pieces: list[tuple[int, str, str]] = []
    targets: list[Target | None] = []
    infos: list[dict[str, Any]] = []
    units: dict[Any, int] = {}  # keyed by the element: kept alive, so lxml gives the same one back
    for slot in slots(root, version):
        para = units.setdefault(slot.unit, len(units))
        if para == len(paragraphs):
            paragraphs.append(Paragraph(text=""))
        lead, text, trail = _split_space(slot.shown)
        paragraphs[para] = Paragraph(text=(paragraphs[para].text + " " + text).strip())
        pieces.append((para, "body", text))
        info: dict[str, Any] = {"u": slot.unit.get("id"), "s": slot.mid, "lead": lead, "trail": trail,
                                "notes": _notes(slot.unit), "tl": slot.target_lang}  # fmt: skip
        target = None
        if slot.target is not None:
            shown = _split_space(slot.codes.show(slot.target, collapse=not preserved(slot.target)))[1]
            status = status_of(slot, version) if shown else "empty"
            info["t"], info["st"] = shown, status
            if status != "empty":
                if not slot.target_lang:
                    raise BadInput("the file does not name its target language (target-language/trgLang)",
                                   path=path, line=slot.target.sourceline)
                target = Target(slot.target_lang, shown, status)
        info["codes"] = slot.codes.natives
        infos.append(info)
        targets.append(target)
    if not pieces:
        raise BadInput("the file holds no text to translate", path=path)
    xml = etree.tostring(root, encoding="unicode")
    skeleton = {"version": version, "xml": xml, "segments": infos, "suffix": Path(path).suffix.lower()}
    if form := file_form(data):  # (UTF-16, a BOM, CRLF line ends: written back so by the export)
        skeleton["form"] = form
    source_tags = frozenset(s.source_lang for s in slots(root, version) if s.source_lang)
    origin, positions = _exported_from(root, version, infos)
    return Bilingual(version, source_tags, Article(paragraphs=paragraphs, original=pack(skeleton)), pieces, targets,
                     origin, positions)  # fmt: skip


def _exported_from(root: etree._Element, version: str, infos: list[dict[str, Any]]) -> tuple[str, tuple[int, ...]]:
    """(document name, segment positions) when the file is what `export --format xliff|xliff2` writes for a
    document of another format (one file named after the document; 1.2: Tarjimon's tool, unit ids 1, 2...;
    2.0: unit ids u1, u2... and segment ids s1, s2...); ("", ()) otherwise."""
    files = [el for el in root.iter() if local(el) == "file"]
    if len(files) != 1 or not files[0].get("original"):
        return "", ()
    if version == "1.2":
        tools = [t.get("tool-id") for t in files[0].iter() if local(t) == "tool"]
        ids = [str(i.get("u") or "") for i in infos]
        if tools != ["tarjimon"] or not all(i.isdigit() for i in ids):
            return "", ()
    else:
        ids = [str(i.get("s") or "") for i in infos]
        if not all(re.fullmatch(r"s\d+", i) for i in ids) or not all(
                re.fullmatch(r"u\d+", str(i.get("u") or "")) for i in infos):  # fmt: skip
            return "", ()
        ids = [i[1:] for i in ids]
    return str(files[0].get("original")), tuple(int(i) for i in ids)


def read_article(path: str | Path) -> tuple[Article, str]:
    """The document reader of the registry: the file's sources by unit (the importer stores its segments and
    targets through read_bilingual)."""
    return read_bilingual(path).article, "utf-8"


def _split_space(text: str) -> tuple[str, str, str]:
    body = text.strip()
    if not body:
        return "", "", ""
    start = text.find(body)
    return text[:start], body, text[start + len(body) :]


def _notes(unit: etree._Element) -> list[str]:
    found = [n for n in unit.iter() if local(n) == "note"]
    return [" ".join("".join(n.itertext()).split()) for n in found]


def pack(skeleton: dict[str, Any]) -> bytes:
    """The skeleton as the project keeps it (the document's original, compressed JSON)."""
    return zlib.compress(json.dumps(skeleton, ensure_ascii=False).encode(), 6)


def unpack(original: bytes | None, original_format: str) -> dict[str, Any] | None:
    """The skeleton a document imported from XLIFF keeps, or None for any other document."""
    if original is None or original_format != "xliff":
        return None
    data: dict[str, Any] = json.loads(zlib.decompress(original))
    return data
