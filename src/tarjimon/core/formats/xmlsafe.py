"""Untrusted XML (TMX, TBX): the prolog checked by a real scanner before any parser sees the file.

libxml2 substitutes internal entities in attribute values and applies ATTLIST default values even with
entity resolution off, so a DOCTYPE's internal subset is the one place where a file could change what it
says. The scanner walks the prolog as XML does (comments, processing instructions, quoted literals, the
internal subset's declarations), so a `<` inside a comment or a 70 KB comment before the DOCTYPE cannot
hide a declaration. Refused: ENTITY and ATTLIST declarations, parameter-entity references, and anything in
the subset it does not understand. ELEMENT and NOTATION declarations and comments are harmless and pass.
Only the prolog is scanned: `<!ENTITY` inside the document's CDATA or text is just text.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from lxml import etree

from tarjimon.core.errors import BadInput

PROLOG_LIMIT = 1 << 20  # a prolog (declaration, comments, DOCTYPE) longer than this is refused
_NAME_START = re.compile(r"[A-Za-z_:\u00c0-\uffff]")
_DECL = re.compile(r"<!([A-Z]+)")


class _Incomplete(Exception):
    """The prolog goes on past the bytes given."""


def _decode_head(head: bytes) -> str:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return head.decode("utf-16", errors="replace")
    if head[:2] in (b"<\x00", b"\x00<"):
        return head.decode("utf-16-le" if head[0] == 0x3C else "utf-16-be", errors="replace")
    return head.decode("latin-1")  # every ASCII markup character is itself; enough for the prolog


def _skip(text: str, pos: int, end: str) -> int:
    found = text.find(end, pos)
    if found < 0:
        raise _Incomplete
    return found + len(end)


def _literal(text: str, pos: int) -> int:
    return _skip(text, pos + 1, text[pos])


_WHY = {
    "ENTITY": "entity declarations (<!ENTITY>) in the DOCTYPE are refused: entities are never expanded",
    "ATTLIST": "attribute defaults (<!ATTLIST>) in the DOCTYPE are refused: defaults are never applied",
    "%": "parameter entity references in the DOCTYPE are refused: entities are never expanded",
    "?": "an unknown declaration in the DOCTYPE is refused",
}


def _refuse(text: str, pos: int, what: str, path: str | Path) -> BadInput:
    return BadInput(_WHY[what], path=path, line=text.count("\n", 0, pos) + 1)


def _subset(text: str, pos: int, path: str | Path) -> int:
    """Scan the internal subset from after `[`; return the position after `]`."""
    while True:
        if pos >= len(text):
            raise _Incomplete
        c = text[pos]
        if c.isspace():
            pos += 1
        elif c == "]":
            return pos + 1
        elif text.startswith("<!--", pos):
            pos = _skip(text, pos + 4, "-->")
        elif text.startswith("<?", pos):
            pos = _skip(text, pos + 2, "?>")
        elif c == "%":
            raise _refuse(text, pos, "%", path)
        else:
            m = _DECL.match(text, pos)
            if m is None or m.group(1) not in ("ELEMENT", "NOTATION", "ENTITY", "ATTLIST"):
                if len(text) - pos < 12:
                    raise _Incomplete
                raise _refuse(text, pos, "?", path)
            if m.group(1) in ("ENTITY", "ATTLIST"):
                raise _refuse(text, pos, m.group(1), path)
            pos = m.end()
            while True:  # to the declaration's closing `>`, skipping quoted literals
                if pos >= len(text):
                    raise _Incomplete
                if text[pos] in "\"'":
                    pos = _literal(text, pos)
                elif text[pos] == ">":
                    pos += 1
                    break
                elif text[pos] == "%":
                    raise _refuse(text, pos, "%", path)
                else:
                    pos += 1


def _doctype(text: str, pos: int, path: str | Path) -> int:
    """Scan a DOCTYPE from after `<!DOCTYPE`; return the position after its `>`."""
    while True:
        if pos >= len(text):
            raise _Incomplete
        c = text[pos]
        if c in "\"'":
            pos = _literal(text, pos)
        elif c == "[":
            pos = _subset(text, pos + 1, path)
        elif c == ">":
            return pos + 1
        else:
            pos += 1


def scan_prolog(text: str, path: str | Path) -> bool:
    """Check a document's prolog; True when it ended (the root element starts), False if `text` is too short.

    Raises BadInput for a declaration that could change the document (with its line).
    """
    pos = 1 if text.startswith("\ufeff") else 0
    try:
        while True:
            while pos < len(text) and text[pos].isspace():
                pos += 1
            if pos >= len(text):
                return False
            if text.startswith("<?", pos):
                pos = _skip(text, pos + 2, "?>")
            elif text.startswith("<!--", pos):
                pos = _skip(text, pos + 4, "-->")
            elif text.startswith("<!DOCTYPE", pos):
                pos = _doctype(text, pos + 9, path)
            elif text.startswith("<", pos) and pos + 1 < len(text) and _NAME_START.match(text[pos + 1]):
                return True
            elif len(text) - pos < 10 and "<!DOCTYPE".startswith(text[pos:]):
                return False
            else:
                return True  # not a prolog the scanner knows: the XML parser reports it with its line
    except _Incomplete:
        return False


def check_prolog_bytes(data: bytes, path: str | Path) -> bool:
    """`scan_prolog` on the start of a file's bytes; True when the prolog ended within them.

    A prolog longer than PROLOG_LIMIT is refused."""
    done = scan_prolog(_decode_head(data[:PROLOG_LIMIT]), path)
    if not done and len(data) >= PROLOG_LIMIT:
        raise BadInput(f"the XML prolog is longer than {PROLOG_LIMIT} bytes; refused", path=path, line=1)
    return done


def check_prolog_file(path: str | Path) -> None:
    """Read as much of the file as its prolog needs (at most PROLOG_LIMIT) and check it."""
    try:
        with open(path, "rb") as f:
            data = f.read(1 << 16)
            while not check_prolog_bytes(data, path):
                more = f.read(1 << 16)
                if not more:
                    return  # a file that is all prolog: the parser says what is wrong with it
                data += more
    except OSError as exc:
        raise BadInput(f"cannot read file ({exc.strerror or exc})", path=path) from exc


def syntax_error(exc: etree.XMLSyntaxError, path: str | Path) -> BadInput:
    """A one-line BadInput for an lxml syntax error: libxml2's first real error and its line."""
    line = exc.lineno if exc.lineno and exc.lineno > 0 else None
    msg = str(exc.msg or exc).split(", line ")[0].splitlines()[0]
    # libxml2's log (cleared before each parse) holds the first error: iterparse may raise a later one (an
    # undefined entity deep in a big file came out as "Start tag expected" on line 1), or none with a line
    for entry in getattr(exc, "error_log", None) or ():
        if entry.level_name in ("ERROR", "FATAL") and entry.line > 0:
            msg, line = entry.message.splitlines()[0], entry.line
            break
    if msg.startswith("Entity '") and msg.endswith("' not defined"):
        msg += " (XML knows only &amp; &lt; &gt; &quot; &apos; and &#NNN;: write the character itself)"
    if "XML_PARSE_HUGE" in msg:  # libxml2's limits, which a user cannot lift (and should not: a hostile file)
        what = ("elements nested more than 256 deep" if "depth" in msg.lower()
                else "a text or an attribute value of more than 10 MB")  # fmt: skip
        return BadInput(f"refused: {what} (no translation file needs it; a damaged or hostile file)",
                        path=path, line=line)  # fmt: skip
    return BadInput(f"malformed XML: {msg}", path=path, line=line)


# Characters XML 1.0 cannot carry at all, not even as &#...; (formats/tmx.py drops the same on export).
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_text(text: str) -> str:
    """`text` without the characters XML 1.0 cannot carry (a control character a replace or a TM edit put in a
    target): lxml refuses them with a ValueError, and the file could not be written at all."""
    return _FORBIDDEN.sub("", text)
