"""A fast reader for the plain tus of one part of a big UTF-8 TMX (parallel import).

Most tus of a big TMX are `<tu><tuv xml:lang="en"><seg>text</seg></tuv><tuv xml:lang="ru"><seg>text</seg>
</tuv></tu>`: no attributes besides xml:lang, no notes, props or inline codes. Building lxml elements for them
and reading them back from Python costs more than everything else an import does, so the part is read in
chunks of whole tus (:func:`scan_chunks`):

1. a chunk of plain tus only is split by one regular expression (:func:`columns`): what lies between the segs'
   texts must be exactly a plain tu's tags, and its characters what an XML parser takes (tmx_check.chars_ok;
   only predefined entities and references to allowed characters); else the chunk is not plain;
1b. a chunk whose tus carry attributes (OmegaT's dated target tuvs) is read as columns by tmx_dated.py (the
   skeletons' dates taken out, each distinct shape parsed once and checked by libxml2);
2. any other chunk is checked by libxml2 with the safe options of :func:`tmx.read_tmx` (no entity resolution,
   DTD or network, no huge trees) and a parser target that builds nothing, as the content of a `<body>`
   (tmx_check.check_piece; refused: the streaming reader takes the rest of the part, and refuses what is bad,
   which makes the import fall back to the sequential reader, reporting the line). Then it is walked tu by tu
   (:func:`scan`): a plain tu by one strict regular expression, its seg texts decoded (predefined entities
   and character references only); a tu whose tags carry attributes and whose tu carries props and notes of
   text only by another (tmx_tags.py: other tools' metadata, read into a record); any other tu whose bytes
   hold no comment, CDATA or PI parsed on its own by lxml and read by the normal code (:func:`tmx._tu`); a
   comment between tus is skipped; anything else (an unknown element, a namespace), or ODD_RUN tus in a row
   that are not plain, hands the rest of the part to the normal streaming reader;
3. the file's head (declaration, DOCTYPE, `<tmx>`, header, `<body>`, comments) is checked by libxml2
   (tmx_check.check_head).

The pieces are well-formed each and follow each other as `<body>`'s children: the part is well-formed. (The
whole part used to go through libxml2 first: 4.6 ns a byte, a sixth of a worker's time; chars_ok takes ~2.)
The units are exactly those of the slow reader; :func:`scan` yields lists of plain tus, each as `(tag_a,
text_a, tag_b, text_b)` in UTF-8 bytes (references resolved), and a :class:`tmx.TranslationUnitRecord` for
any other tu.
"""

from __future__ import annotations

import mmap
import re
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import Any

from lxml import etree

from tarjimon.core.formats import tmx, tmx_dated
from tarjimon.core.formats.tmx_check import chars_ok, check_piece
from tarjimon.core.formats.tmx_tags import ATTR_LINE, ATTR_TU, BAD_AMP, attr_record, resolve
from tarjimon.core.formats.tmx_tags import text as _text

_WS = rb"[ \t\r\n]*"
_LANG = rb'<tuv xml:lang="([A-Za-z0-9_.-]{1,64})">'
_SEG = rb"<seg>([^<\r]*)</seg>"
_PLAIN_TU = re.compile(
    _WS + rb"<tu>" + _WS + _LANG + _WS + _SEG + _WS + rb"</tuv>" + _WS + _LANG + _WS + _SEG + _WS + rb"</tuv>"
    + _WS + rb"</tu>"
)
# a comment between tus (OmegaT writes "<!-- Default translations -->" after <body>): no "--" inside
_COMMENT = re.compile(rb"<!--(?:[^-]|-(?!-))*-->")
_COMMENT_AT = re.compile(_WS + rb"<!--(?:[^-]|-(?!-))*-->")
_ANY_TU = re.compile(_WS + rb"<tu[ \t\r\n>]")
_LAST_END = re.compile(_WS + rb"</body>" + _WS + rb"</tmx>" + _WS)
_BODY_END = re.compile(rb"<body" + _WS + rb">" + _WS + rb"$")
_XML_DECL = re.compile(rb"^(?:\xef\xbb\xbf)?<\?xml[^>]*\?>")
_LITERAL = rb"""(?:"[^"<>]*"|'[^'<>]*')"""
_DOCTYPE = re.compile(rb"<!DOCTYPE[ \t\r\n]+[A-Za-z_][A-Za-z0-9_.:-]*(?:[ \t\r\n]+(?:SYSTEM[ \t\r\n]+" + _LITERAL
                      + rb"|PUBLIC[ \t\r\n]+" + _LITERAL + rb"[ \t\r\n]+" + _LITERAL + rb"))?[ \t\r\n]*>")
# The mapped pages already read are dropped every RELEASE bytes: they count in a worker's peak (8 MB: +5 MB)
RELEASE = 2 << 20
# After this many tus in a row that are not plain (a file whose tuvs carry dates, say), the rest of the part
# goes to the streaming reader: lxml one tu at a time would be slower than it.
ODD_RUN = 32
# libxml2 refuses a text node over 10,000,000 bytes (no XML_PARSE_HUGE: tmx.read_tmx's safe options) when it
# builds a tree, not when it only checks the document; a tu this long (or a tenth of it: no TM holds such
# texts) stops the fast reader, and the import falls back to the sequential one, which decides.
LONG_TEXT = 1_000_000


class LongText(ValueError):
    """A text too long for the fast reader (see LONG_TEXT)."""

PLAIN_BATCH = 2048  # plain tus yielded together



def _fragment_parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                           remove_comments=True, remove_pis=True)


def body_start(buf: Any, first_tu: int) -> int | None:
    """Where the tus of a file start, if its head (declaration, DOCTYPE, `<tmx>`, header, `<body>`) is plain:
    no comment, CDATA or processing instruction could hide a `<tu` in it, and `<body>` comes right before."""
    head = bytes(buf[:first_tu])
    m = _XML_DECL.match(head)
    rest = _DOCTYPE.sub(b"", head[m.end():] if m else head, count=1)  # a DOCTYPE without `<` in it
    if b"<!--" in rest:  # whole comments (a `<tu` inside one ends the head inside it: left unmatched)
        rest = _COMMENT.sub(b"", rest)
    if b"<!" in rest or b"<?" in rest or not _BODY_END.search(rest):
        return None
    return first_tu


def scan(buf: Any, start: int, end: int, last: bool, path: Path,
         rest: Callable[[int], Iterator[Any]]) -> Generator[Any, None, bool]:
    """Yield the tus of `buf[start:end]` (see the module doc); `rest(pos)` reads the part from `pos` on the
    slow way (the streaming reader, records only) when something unusual appears. Returns True when it read
    `buf[start:end]` itself, False when it handed the rest over."""
    plain = _PLAIN_TU.match
    with_attrs = ATTR_TU.match
    any_tu = _ANY_TU.match
    bad_amp = BAD_AMP.search
    parser = _fragment_parser()
    pos, odd = start, 0  # odd: tus in a row that were not plain
    # pages already read are dropped from a mapped file every RELEASE bytes (they would count in the RSS)
    madvise = getattr(buf, "madvise", None)
    released = start - start % mmap.PAGESIZE
    batch: list[tuple[bytes, bytes, bytes, bytes]] = []
    attrs_first = False  # the last tu carried metadata: so will the next, most likely (OmegaT's, Trados's)
    while True:
        if madvise is not None and pos - released > RELEASE:
            upto = pos - pos % mmap.PAGESIZE
            madvise(mmap.MADV_DONTNEED, released, upto - released)
            released = upto
        if attrs_first:
            m = with_attrs(buf, pos, end)
            rec = attr_record(m.groups()) if m is not None and m.end() - pos <= LONG_TEXT else None
            if rec is not None:
                yield rec
                pos = m.end()  # type: ignore[union-attr]
                odd = 0
                attrs_first = rec.line != ATTR_LINE
                continue
            attrs_first = False
        # plain tus, as many as come in a row (the common case: one match, no decoding, per tu)
        while len(batch) < PLAIN_BATCH:
            m = plain(buf, pos, end)
            if m is None:
                break
            if m.end() - pos > LONG_TEXT:
                raise LongText(pos)
            a, sa, b, sb = m.groups()
            if b"&" in sa or b"&" in sb:
                if bad_amp(sa) is not None or bad_amp(sb) is not None:
                    break
                sa, sb = _text(sa).encode("utf-8"), _text(sb).encode("utf-8")
            batch.append((a, sa, b, sb))
            pos = m.end()
        if batch:
            full = len(batch) >= PLAIN_BATCH
            yield batch
            batch = []
            odd = 0
            if full:  # go on with plain tus
                continue
        m = with_attrs(buf, pos, end)
        if m is not None:
            if m.end() - pos > LONG_TEXT:
                raise LongText(pos)
            rec = attr_record(m.groups())
            if rec is not None:
                yield rec
                pos = m.end()
                odd = 0
                attrs_first = rec.line != ATTR_LINE
                continue
        m = _COMMENT_AT.match(buf, pos, end)  # (the piece is well-formed: libxml2 checked it)
        if m is not None:
            pos = m.end()
            continue
        m = any_tu(buf, pos, end)
        if m is not None and odd < ODD_RUN:
            tu_at = m.end() - 4
            close = buf.find(b"</tu>", tu_at, end)
            if close >= 0:
                raw = bytes(buf[tu_at : close + 5])
                if b"<!" not in raw and b"<?" not in raw:
                    try:
                        el = etree.fromstring(raw, parser)
                    except etree.XMLSyntaxError:
                        el = None
                    if el is not None and el.tag == "tu":
                        yield tmx._tu(el, path)
                        pos = close + 5
                        odd += 1
                        continue
            break
        tail = bytes(buf[pos:end])
        if (_LAST_END.fullmatch(tail) if last else not tail.strip(b" \t\r\n")):
            return True
        break
    yield from rest(pos)
    return False


# ---- whole chunks of plain tus --------------------------------------------------------------------------
DATED_MISSES = 2  # chunks in a row not plain nor dated (Trados's: props that differ per tu) end the tries
CHUNK = 2 << 20  # bytes of the file looked at together (cut just after a `</tu>`)
_SEG_SPLIT = re.compile(rb"<seg>([^<]*)</seg>")
_WSC = rb"[ \t\n]*"
_TUV = rb'<tuv xml:lang="([A-Za-z0-9_.-]{1,64})">'
_HEAD = re.compile(_WSC + rb"<tu>" + _WSC + _TUV + _WSC)  # before the first seg of a chunk
_MID = re.compile(_WSC + rb"</tuv>" + _WSC + _TUV + _WSC)  # between the two segs of a tu
_NEXT = re.compile(_WSC + rb"</tuv>" + _WSC + rb"</tu>" + _WSC + rb"<tu>" + _WSC + _TUV + _WSC)  # between tus
_END = re.compile(_WSC + rb"</tuv>" + _WSC + rb"</tu>" + _WSC)  # after the last seg


class Columns:
    """Plain tus of one chunk, as columns: tags_a[i], texts_a[i], tags_b[i], texts_b[i] (UTF-8 bytes, the
    texts' entities resolved). `tag_a`/`tag_b` are set when every tu of the chunk has the same two tags."""

    __slots__ = ("tag_a", "tag_b", "tags_a", "tags_b", "texts_a", "texts_b")

    def __init__(self, tags_a: list[bytes], texts_a: list[bytes], tags_b: list[bytes], texts_b: list[bytes],
                 tag_a: bytes | None, tag_b: bytes | None) -> None:
        self.tags_a, self.texts_a, self.tags_b, self.texts_b = tags_a, texts_a, tags_b, texts_b
        self.tag_a, self.tag_b = tag_a, tag_b

    def rows(self) -> list[tuple[bytes, bytes, bytes, bytes]]:
        return list(zip(self.tags_a, self.texts_a, self.tags_b, self.texts_b, strict=True))


def _langs(skeletons: list[bytes], pattern: re.Pattern[bytes]) -> dict[bytes, bytes] | None:
    """{skeleton: its tuv's language} when every distinct skeleton matches `pattern` whole, else None."""
    out = {}
    for sk in set(skeletons):
        m = pattern.fullmatch(sk)
        if m is None:
            return None
        out[sk] = m.group(1)
    return out


def columns(chunk: bytes) -> Columns | None:
    """The tus of `chunk` (whole tus, nothing else but whitespace, from a well-formed document) when all of
    them are plain, else None. One regular-expression split finds every seg's text; what lies between two
    segs (the "skeleton": end and start tags, whitespace) must be exactly a plain tu's, so the chunk holds
    nothing else (no comment, CDATA, PI, attribute, note, prop or inline code; no CR, which XML would
    normalise), and its characters must be what XML allows (chars_ok, and the character references')."""
    # A comment, CDATA section, PI or DOCTYPE needs no search of its own (`b"<!" in chunk` took 2.8 ms of a 2 MB
    # chunk, `<` being everywhere): a text holds no `<` and the split eats only `<seg>` and `</seg>`, so any `<!`
    # or `<?` is in a skeleton, which the strict patterns below refuse. A CR (one byte: memchr) may be in a text.
    if b"\r" in chunk:
        return None
    parts = _SEG_SPLIT.split(chunk)
    n = (len(parts) - 1) // 4
    if n == 0 or len(parts) != 4 * n + 1:
        return None
    head = _HEAD.fullmatch(parts[0])
    if head is None or _END.fullmatch(parts[-1]) is None:
        return None
    mids = parts[2::4]
    nexts = parts[4:-1:4]
    mid_langs = _langs(mids, _MID)
    next_langs = _langs(nexts, _NEXT) if nexts else {}
    if mid_langs is None or next_langs is None:
        return None
    if not chars_ok(chunk):  # what libxml2 would refuse (its skeletons are the patterns' ASCII)
        return None
    texts_a, texts_b = parts[1::4], parts[3::4]
    if max(map(len, texts_a)) > LONG_TEXT or max(map(len, texts_b)) > LONG_TEXT:
        raise LongText(0)
    if b"&" in chunk:
        if BAD_AMP.search(chunk) is not None:
            return None  # an entity the reader must see (or refuse)
        if not (resolve(texts_a) and resolve(texts_b)):
            return None
    first = head.group(1)
    a_set = set(next_langs.values()) | {first}
    b_set = set(mid_langs.values())
    if len(a_set) == 1 and len(b_set) == 1:
        tag_a, tag_b = first, next(iter(b_set))
        return Columns([tag_a] * n, texts_a, [tag_b] * n, texts_b, tag_a, tag_b)
    tags_a = [first, *(next_langs[sk] for sk in nexts)]
    tags_b = [mid_langs[sk] for sk in mids]
    return Columns(tags_a, texts_a, tags_b, texts_b, None, None)


def scan_chunks(buf: Any, start: int, end: int, last: bool, path: Path,
                rest: Callable[[int], Iterator[Any]]) -> Iterator[Any]:
    """The tus of `buf[start:end]` like :func:`scan`, but chunk by chunk: a chunk of plain tus comes as one
    :class:`Columns`; any other chunk is read by :func:`scan` (which may hand the rest of the part over)."""
    madvise = getattr(buf, "madvise", None)
    released = start - start % mmap.PAGESIZE
    pos = start
    shapes: dict[tuple[bytes, bytes], Any] = {}  # tmx_dated's shapes parsed already
    misses = 0  # chunks in a row tmx_dated did not take: after DATED_MISSES, it is not asked again
    while pos < end:
        cut = buf.find(b"</tu>", pos + CHUNK, end) if pos + CHUNK < end else -1
        if cut < 0 and last:  # the file's last tus; `</body></tmx>` is left to scan
            cut = buf.rfind(b"</tu>", pos, end)
        stop = end if cut < 0 else cut + 5
        got: Any = None
        if cut >= 0 or not last:
            chunk = bytes(buf[pos:stop])
            got = columns(chunk)
            if got is None and misses < DATED_MISSES:
                if len(shapes) > 4096:
                    shapes.clear()
                got = tmx_dated.dated(chunk, path, shapes)
                misses = 0 if got is not None else misses + 1
            del chunk
        if got is not None:
            yield got
        else:
            try:
                check_piece(bytes(buf[pos:stop]), end=last and stop == end)
            except etree.XMLSyntaxError:  # malformed, or cut inside a comment or CDATA holding a "</tu>":
                yield from rest(pos)  # the streaming reader takes the rest of the part (and refuses what is bad)
                return
            done = yield from scan(buf, pos, stop, last and stop == end, path, rest)
            if not done:
                return
        pos = stop
        if madvise is not None and pos - released > RELEASE:
            upto = pos - pos % mmap.PAGESIZE
            madvise(mmap.MADV_DONTNEED, released, upto - released)
            released = upto
