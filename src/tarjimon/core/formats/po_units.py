"""A gettext PO file read as translation units (polib).

msgctxt is kept (as a prop), plural entries give one unit per form (msgid -> msgstr[0], msgid_plural ->
msgstr[1..]), fuzzy entries are kept but marked (they score lower); untranslated forms (target "") and obsolete
entries (`obsolete`) are read too, for the reader to skip and count. The charset comes from the header (e.g. CP1251); an unknown one is refused.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import polib

from tarjimon.core import files
from tarjimon.core.errors import BadInput
from tarjimon.core.formats.po_check import check_po

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CHARSET = re.compile(rb"charset=([A-Za-z0-9_.:-]+)")
MAX_PO_BYTES = 100 * 1024 * 1024


@dataclass
class PoPair:
    """One msgid -> msgstr pair of a PO file."""

    source: str
    target: str
    fuzzy: bool
    line: int
    notes: list[str] = field(default_factory=list)
    props: list[list[str]] = field(default_factory=list)
    obsolete: bool = False  # a `#~` entry (its target left out)


def _charset(data: bytes) -> str:
    m = _CHARSET.search(data[:4096])
    if not m:
        return "utf-8"
    name = m.group(1).decode("ascii").lower()
    if name == "charset":  # the template placeholder "CHARSET"
        return "utf-8"
    return name


def read_po(path: str | Path) -> tuple[str | None, Iterator[PoPair]]:
    """Parse a PO file; return (its Language header or None, the pairs). Raises BadInput on bad files."""
    parsed = parse_po(path)
    po, unhide = parsed.catalogue, parsed.unhide
    language = po.metadata.get("Language") or None
    pairs = _pairs(po)
    if unhide:
        pairs = (_unmask(p, unhide) for p in pairs)
    return language, pairs


@dataclass
class ParsedPo:
    """A PO file checked and parsed: its text (BOM left out), charset, polib catalogue, and the table bringing
    back characters hidden from polib (see _line_separator_masks)."""

    text: str
    charset: str
    bom: bool
    catalogue: polib.POFile
    unhide: dict[int, str]


def parse_po(path: str | Path) -> ParsedPo:
    """Read, check (what msgfmt refuses, with its line) and parse a PO file. Raises BadInput on bad files."""
    path = Path(path)
    data = files.read_input_bytes(path, MAX_PO_BYTES)  # no device, FIFO or folder; a size limit
    charset = _charset(data)
    try:
        codecs.lookup(charset)
    except LookupError as exc:
        raise BadInput(f"unknown encoding {charset!r} in the PO header", path=path, line=1) from exc
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or data[:2] in (b"m\x00", b"\x00m", b"#\x00",
                                                                                   b"\x00#"):  # fmt: skip
        raise BadInput("a PO file in UTF-16, which gettext does not read (msgfmt refuses it): save it as UTF-8",
                       path=path, line=1)  # fmt: skip
    if b"\x00" in data:
        raise BadInput("binary data (NUL bytes) in a PO file", path=path, line=data[: data.index(b"\x00")].count(b"\n") + 1)
    try:
        text = data.decode(charset)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise BadInput(f"not valid {charset} text", path=path, line=line) from exc
    bom = text.startswith("\ufeff")
    if bom:
        text = text[1:]
    bad = _CONTROL.search(text)
    if bad:
        raise BadInput("control characters in a PO file", path=path, line=text.count("\n", 0, bad.start()) + 1)
    check_po(text, path)  # what msgfmt refuses, with its line (polib would read some of it wrongly)
    hide, unhide = _line_separator_masks(text)
    try:
        po = polib.pofile(text.translate(hide) if hide else text, encoding=charset, wrapwidth=0)
    except (OSError, ValueError) as exc:
        m = re.search(r"line (\d+)", str(exc))
        detail = re.sub(r"\s*\(line \d+\)", "", str(exc)).replace(" in po file", "").strip()
        raise BadInput(f"PO {detail[:1].lower() + detail[1:]}" if detail else "PO syntax error", path=path,
                       line=int(m.group(1)) if m else None) from exc
    return ParsedPo(text, charset, bom, po, unhide)


# polib splits a text it is given with str.splitlines(), which also breaks lines at these characters (U+2028
# LINE SEPARATOR in a message would cut it in two); PO lines end at "\n" only, so they are hidden from polib.
_SPLITLINES_ONLY = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


def _line_separator_masks(text: str) -> tuple[dict[int, str], dict[int, str]]:
    """Translation tables that hide the characters polib would take for line ends, and bring them back."""
    found = [ch for ch in _SPLITLINES_ONLY if ch in text]
    if not found:
        return {}, {}
    free = (chr(cp) for cp in range(0xF0000, 0xFFFFE) if chr(cp) not in text)
    hide = {ord(ch): next(free) for ch in found}
    return hide, {ord(mask): ch for ch, mask in ((chr(k), v) for k, v in hide.items())}


def _unmask(pair: PoPair, unhide: dict[int, str]) -> PoPair:
    return PoPair(
        pair.source.translate(unhide), pair.target.translate(unhide), pair.fuzzy, pair.line,
        [n.translate(unhide) for n in pair.notes], [[k, v.translate(unhide)] for k, v in pair.props], pair.obsolete,
    )  # fmt: skip


def _pairs(po: polib.POFile) -> Iterator[PoPair]:
    """Every message's pairs, untranslated ones (target "") and obsolete ones (`obsolete`) included, for a TM
    import to count what it does not take."""
    for entry in po:
        if not entry.msgid:
            continue
        if entry.obsolete:
            yield PoPair(entry.msgid, "", False, entry.linenum, obsolete=True)
            continue
        fuzzy = "fuzzy" in entry.flags
        notes = [n for n in (entry.comment, entry.tcomment) if n]
        props: list[list[str]] = []
        if entry.msgctxt is not None:
            props.append(["x-msgctxt", entry.msgctxt])
        if entry.occurrences:
            props.append(["x-occurrences", " ".join(f"{f}:{n}" if n else f for f, n in entry.occurrences)])
        if entry.msgid_plural:
            forms = sorted(entry.msgstr_plural.items())
            for n, target in forms:
                source = entry.msgid if int(n) == 0 else entry.msgid_plural
                yield PoPair(source, target, fuzzy, entry.linenum, notes, [*props, ["x-plural-form", str(n)]])
        else:
            yield PoPair(entry.msgid, entry.msgstr, fuzzy, entry.linenum, notes, props)
