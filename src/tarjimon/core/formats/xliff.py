"""XLIFF 1.2 and 2.0: bilingual files read as TM units, and documents exported as XLIFF 1.2.

Reading (1.0-1.2 and 2.x, told apart by the root's version): every segment with a non-empty target is a unit
(1.2: a trans-unit, or each `mrk mtype="seg"` of its seg-source; 2.0: each segment of a unit). Languages come
from the file (source-language/target-language, srcLang/trgLang), else from the caller. Inline codes become
TMX inline markup, so the TM shows and protects them like a TMX file's: g/pc -> bpt...ept, x/ph -> ph,
bx/sc -> bpt, ex/ec -> ept, 1.2's bpt/ept/ph/it keep their native code. A target in a needs-* state (1.2) or
"initial" (2.0) is kept as a fuzzy unit. Notes are kept.

Export: one XLIFF 1.2 (or, as `xliff2`, 2.0) file per document and target language, a trans-unit (unit) per
segment with its state (empty: no target; draft: needs-review-translation, approved="no"; translated: translated, approved="yes";
reviewed: final, approved="yes").

Safety: parsed by tbx.parse_xml (no entities, no DTD, no network; entity declarations refused).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from xml.sax.saxutils import escape

from lxml import etree

from tarjimon.core import langs
from tarjimon.core.errors import BadInput
from tarjimon.core.formats.tbx import parse_xml
from tarjimon.core.models.tm import Unit
from tarjimon.core.textio import read_bytes

NS12 = "urn:oasis:names:tc:xliff:document:1.2"
NS20 = "urn:oasis:names:tc:xliff:document:2.0"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_STATE_OUT = {"draft": "needs-review-translation", "translated": "translated", "reviewed": "final"}
_STATE_OUT_2 = {"draft": "initial", "translated": "translated", "reviewed": "final"}


def _local(el: etree._Element) -> str:
    return el.tag.rsplit("}", 1)[-1] if isinstance(el.tag, str) else ""


def _children(el: etree._Element, name: str) -> list[etree._Element]:
    return [c for c in el if _local(c) == name]


class _Codes:
    """XLIFF code ids -> TMX's integer i/x numbers, shared by a unit's source and target."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}
        self.next = itertools.count(1)

    def __call__(self, key: str | None) -> int:
        key = key or f"?{len(self.numbers)}"
        if key not in self.numbers:
            self.numbers[key] = next(self.next)
        return self.numbers[key]


def inline(el: etree._Element, codes: _Codes) -> tuple[str, str | None]:
    """(plain text, TMX inline markup or None when there are no codes) of a source/target/mrk element."""
    plain: list[str] = []
    markup: list[str] = []
    found = _walk(el, codes, plain, markup)
    return "".join(plain), ("".join(markup) if found else None)


def _walk(el: etree._Element, codes: _Codes, plain: list[str], markup: list[str]) -> bool:
    found = False
    plain.append(el.text or "")
    markup.append(escape(el.text or ""))
    for child in el:
        name = _local(child)
        cid = child.get("id")
        code = _tag(child, name)
        if name in ("g", "pc"):
            n = codes(cid)
            markup.append(f'<bpt i="{n}" x="{n}">{code}</bpt>')
            _walk(child, codes, plain, markup)
            markup.append(f'<ept i="{n}">&lt;/{name}&gt;</ept>')
            found = True
        elif name in ("x", "ph"):
            native = "".join(child.itertext()) if name == "ph" else ""
            markup.append(f'<ph x="{codes(cid)}">{escape(native) or code}</ph>')
            found = True
        elif name in ("bx", "sc", "bpt"):
            n = codes(child.get("rid") or cid)
            native = escape("".join(child.itertext())) if name == "bpt" else code
            markup.append(f'<bpt i="{n}" x="{n}">{native}</bpt>')
            found = True
        elif name in ("ex", "ec", "ept"):
            n = codes(child.get("rid") or child.get("startRef") or cid)
            native = escape("".join(child.itertext())) if name == "ept" else code
            markup.append(f'<ept i="{n}">{native}</ept>')
            found = True
        elif name == "it":
            pos = "begin" if child.get("pos") == "open" else "end"
            markup.append(f'<it pos="{pos}" x="{codes(cid)}">{escape("".join(child.itertext()))}</it>')
            found = True
        elif name == "cp":  # 2.0: a character XML cannot carry
            try:
                char = chr(int(child.get("hex", ""), 16))
            except ValueError:
                char = ""
            plain.append(char)
            markup.append(escape(char))
        elif name == "mrk":  # an annotation (not a segment marker here): its text is the segment's
            found = _walk(child, codes, plain, markup) or found
        plain.append(child.tail or "")
        markup.append(escape(child.tail or ""))
    return found


def _tag(el: etree._Element, name: str) -> str:
    """The element's start tag as the file wrote it (escaped, for a TMX code's content): <g id="1">, <x id="2"/>."""
    attrs = "".join(f' {k.rsplit("}", 1)[-1]}="{v}"' for k, v in el.attrib.items())
    return escape(f"<{name}{attrs}{'>' if name in ('g', 'pc') else '/>'}", {'"': "&quot;"})


def read_units(path: str | Path, *, source_lang: str | None = None, target_lang: str | None = None) -> Iterator[Unit]:
    """The translated segments of an XLIFF 1.x or 2.x file as units."""
    root = parse_xml(read_bytes(path), path)
    if _local(root) != "xliff":
        raise BadInput(f"not an XLIFF file (root element <{_local(root)}>)", path=path, line=root.sourceline)
    if root.get("version", "").startswith("2"):
        yield from _units_2(root, path, root.get("srcLang") or source_lang, root.get("trgLang") or target_lang)
        return
    for file in (el for el in root.iter() if _local(el) == "file"):
        sl = file.get("source-language") or source_lang
        tl = file.get("target-language") or target_lang
        for tu in (el for el in file.iter() if _local(el) == "trans-unit"):
            yield from _units_1(tu, path, sl, tl)


def _unit(path: str | Path, el: etree._Element, sl: str | None, tl: str | None, source: tuple[str, str | None],
          target: tuple[str, str | None], notes: list[str], fuzzy: bool) -> Unit:  # fmt: skip
    if not sl or not tl:
        missing = "source-language/srcLang" if not sl else "target-language/trgLang"
        raise BadInput(f"the file does not name its {missing}; name it (--source-lang/--target-lang)", path=path,
                       line=el.sourceline)  # fmt: skip
    return Unit(0, source[0], target[0], langs.primary(sl), langs.primary(tl), sl, tl, source[1], target[1],
                notes=tuple(notes), fuzzy=fuzzy)  # fmt: skip


def _units_1(tu: etree._Element, path: str | Path, sl: str | None, tl: str | None) -> Iterator[Unit]:
    sources, targets = _children(tu, "source"), _children(tu, "target")
    if not sources or not targets:
        return
    target = targets[0]
    notes = [" ".join("".join(n.itertext()).split()) for n in _children(tu, "note")]
    fuzzy = (target.get("state") or "").startswith("needs-")
    tl = target.get(XML_LANG) or tl
    codes = _Codes()
    seg_source = _children(tu, "seg-source")
    marks = {m.get("mid"): m for m in target.iter() if _local(m) == "mrk" and m.get("mtype") == "seg"}
    if seg_source and marks:
        for mark in (m for m in seg_source[0].iter() if _local(m) == "mrk" and m.get("mtype") == "seg"):
            found = marks.get(mark.get("mid"))
            if found is not None and "".join(found.itertext()).strip():
                yield _unit(path, tu, sl, tl, inline(mark, codes), inline(found, codes), notes, fuzzy)
        return
    if "".join(target.itertext()).strip():
        yield _unit(path, tu, sl, tl, inline(sources[0], codes), inline(target, codes), notes, fuzzy)


def _units_2(root: etree._Element, path: str | Path, sl: str | None, tl: str | None) -> Iterator[Unit]:
    for unit in (el for el in root.iter() if _local(el) == "unit"):
        notes = [" ".join("".join(n.itertext()).split()) for group in _children(unit, "notes")
                 for n in _children(group, "note")]  # fmt: skip
        codes = _Codes()
        for segment in _children(unit, "segment"):
            sources, targets = _children(segment, "source"), _children(segment, "target")
            if sources and targets and "".join(targets[0].itertext()).strip():
                fuzzy = segment.get("state") == "initial"
                yield _unit(path, segment, sl, tl, inline(sources[0], codes), inline(targets[0], codes), notes,
                            fuzzy)  # fmt: skip
