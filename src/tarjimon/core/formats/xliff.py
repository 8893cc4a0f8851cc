"""XLIFF 1.2 and 2.0: bilingual files read as TM units (as documents: xliff_document.py; written: xliff_export.py).

Reading (1.0-1.2 and 2.x, told apart by the root's version): every segment with a non-empty target is a unit
(1.2: a trans-unit, or each `mrk mtype="seg"` of its seg-source; 2.0: each segment of a unit; units marked
translate="no" are not translations), found by the walk that reads a file as a document (xliff_document.slots). Languages come
from the file (source-language/target-language, srcLang/trgLang), else from the caller. Inline codes become
TMX inline markup, so the TM shows and protects them like a TMX file's: g/pc -> bpt...ept, x/ph -> ph,
bx/sc -> bpt, ex/ec -> ept, 1.2's bpt/ept/ph/it keep their native code. A target in a needs-* state (1.2) or
"initial" (2.0) is kept as a fuzzy unit. Notes are kept.

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
from tarjimon.core.formats.xliff_document import parse, slots
from tarjimon.core.models.tm import Unit

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


def read_units(path: str | Path, *, source_lang: str | None = None, target_lang: str | None = None,
               untranslated: bool = False) -> Iterator[Unit]:  # fmt: skip
    """The translated segments of an XLIFF 1.x or 2.x file as units: the segments xliff_document.slots finds
    (the walk that reads a file as a document), those with a target. With `untranslated`, the others too, with
    an empty target: the TM import counts them ("empty target") rather than pass over them without a word."""
    root, version = parse(path)
    for slot in slots(root, version):
        target = slot.target
        if target is None or not "".join(target.itertext()).strip():
            if not untranslated:
                continue
            sl = slot.source_lang or source_lang or "und"
            tl = slot.target_lang or target_lang or "und"
            yield Unit(0, "".join(slot.source.itertext()), "", langs.primary(sl), langs.primary(tl), sl, tl)
            continue
        if version == "2.0":
            fuzzy = slot.container.get("state") == "initial"
        else:
            state = target.get("state") or next((t.get("state") for t in _children(slot.unit, "target")), None)
            fuzzy = (state or "").startswith("needs-")
        notes = [" ".join("".join(n.itertext()).split()) for n in slot.unit.iter() if _local(n) == "note"]
        codes = _Codes()
        yield _unit(path, slot.container, slot.source_lang or source_lang, slot.target_lang or target_lang,
                    inline(slot.source, codes), inline(target, codes), notes, fuzzy)  # fmt: skip


def _unit(path: str | Path, el: etree._Element, sl: str | None, tl: str | None, source: tuple[str, str | None],
          target: tuple[str, str | None], notes: list[str], fuzzy: bool) -> Unit:  # fmt: skip
    if not sl or not tl:
        missing = "source-language/srcLang" if not sl else "target-language/trgLang"
        raise BadInput(f"the file does not name its {missing}; name it (--source-lang/--target-lang)", path=path,
                       line=el.sourceline)  # fmt: skip
    return Unit(0, source[0], target[0], langs.primary(sl), langs.primary(tl), sl, tl, source[1], target[1],
                notes=tuple(notes), fuzzy=fuzzy)  # fmt: skip
