"""Well-formedness checks of pieces of a TMX for the parallel import's fast reader (formats/tmx_fast.py).

libxml2 with the safe options of :func:`tmx.read_tmx` and a parser target that builds nothing decides for a
piece of the body it is given (:func:`check_piece`, :func:`check_head`, or a whole part:
:func:`check_wellformed`); a chunk of plain tus is checked by :func:`chars_ok` instead, whose searches take
~2 ns a byte against libxml2's 4.6 (its structure is known: the patterns of tmx_fast.columns).
"""

from __future__ import annotations

import codecs
import io
import re
from typing import Any, Protocol

import numpy as np
from lxml import etree


class Readable(Protocol):
    def read(self, n: int = -1) -> bytes: ...


class _Nothing:
    """A parser target that keeps nothing: libxml2 parses (and checks) the document, no tree is built."""

    def close(self) -> None:
        return None


def check_wellformed(source: Readable, chunk: int = 1 << 20) -> None:
    """Parse everything `source` gives with libxml2 and the safe options, building nothing.

    Raises lxml.etree.XMLSyntaxError for anything the slow reader would refuse as malformed XML."""
    parser = etree.XMLParser(target=_Nothing(), resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False)
    while True:
        data = source.read(chunk)
        if not data:
            break
        parser.feed(data)
    parser.close()


OPEN = b'<tmx version="1.4"><body>\n'  # put in front of a piece of the body to parse it as a document
CLOSE = b"\n</body></tmx>\n"  # ... and after it


def check_piece(piece: bytes, head: bool = False, end: bool = False) -> None:
    """libxml2's check of a piece of the body (whole tus and what lies between them) as a document of its own:
    OPEN before it (unless it is the `head` of the file), CLOSE after it (unless it is the `end` of the file)."""
    check_wellformed(io.BytesIO((b"" if head else OPEN) + piece + (b"" if end else CLOSE)))


# the bytes an XML document may not hold (C0 controls but tab, LF and CR) and the characters (after references)
_CONTROL = bytes(range(9)) + b"\x0b\x0c" + bytes(range(14, 32))
_NOT_CONTROL = bytes(sorted(set(range(256)) - set(_CONTROL)))
BAD_CHAR = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


# UTF-8 is checked in pieces of this size: the decoded pieces (thrown away) stay small, where decoding a chunk
# of 2 MB at once makes a string of up to 4 MB each time (4.4 instead of 2.6 ms a chunk)
PIECE = 32768
_UTF8 = codecs.getincrementaldecoder("utf-8")


def _utf8_ok(raw: bytes) -> bool:
    """Whether `raw` is valid UTF-8, as `raw.decode("utf-8")` decides (the same decoder, a piece at a time:
    a sequence cut between two pieces is completed by the next one; one left open at the end is refused)."""
    if raw.isascii():
        return True
    decode = _UTF8().decode
    view = memoryview(raw)
    try:
        for at in range(0, len(raw), PIECE):
            decode(view[at : at + PIECE])
        decode(b"", True)
    except UnicodeDecodeError:
        return False
    return True


def _cdata_end(raw: bytes) -> bool:
    """Whether `raw` holds "]]>": numpy finds every "]" and looks at the two bytes after it (0.5 ms for a chunk
    of 2 MB; `b"]]>" in raw` stops at every ">" of the chunk's tags, 1.7 ms)."""
    arr = np.frombuffer(raw, dtype=np.uint8)
    at = np.flatnonzero(arr[:-2] == 93)  # 93: "]"
    return bool(len(at)) and bool(((arr[at + 1] == 93) & (arr[at + 2] == 62)).any())


def chars_ok(raw: bytes) -> bool:
    """Whether bytes of element content (no markup in them, or only ASCII markup) hold only what an XML parser
    takes: valid UTF-8 (no surrogates, no overlong forms), no control character but tab, LF and CR, no U+FFFE
    or U+FFFF, no `]]>`. A search for one rare byte first (`]`, the 0xEF lead byte) before the longer ones."""
    if raw.translate(None, _NOT_CONTROL):
        return False
    if raw.find(93) >= 0 and _cdata_end(raw):  # 93: "]"
        return False
    if raw.find(0xEF) >= 0 and (b"\xef\xbf\xbe" in raw or b"\xef\xbf\xbf" in raw):
        return False
    return _utf8_ok(raw)


def check_head(buf: Any, start: int) -> None:
    """libxml2's check of the file's head (up to `start`, from body_start) closed by `</body></tmx>`."""
    check_piece(bytes(buf[:start]), head=True)
