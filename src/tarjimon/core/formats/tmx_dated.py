"""Dated tus of one chunk of a big TMX as columns (the parallel import's fast reader, tmx_fast.scan_chunks).

OmegaT writes every target tuv with its own ids and dates (`<tuv xml:lang="ru-RU" changeid="bob"
changedate="20210816T014448Z" creationid="bob" creationdate="20210816T014448Z">`): read tu by tu (tmx_tags.py, a
record and a unit per tu) such a file took five times the CPU of a plain one. Here a chunk of whole tus is split
by one regular expression at the segs' texts, as tmx_fast.columns does; what lies between two texts (the
"skeleton": tags, attributes, whitespace, props and notes of text only) has its creationdate and changedate
values taken out by one pattern over all the chunk's skeletons, and what is left ("the shape") is parsed once per
distinct shape: a synthetic tu made of the shape, placeholder texts and placeholder dates (one distinct valid date
a slot) goes through the strict pattern of tmx_tags (ATTR_TU, attr_record) and through libxml2 (check_piece: a
shape that is well-formed makes every tu of it well-formed, its texts being checked as columns checks them). The
caller (partworker) turns each shape's record into a unit once, and each tu into its texts, its dates put where
the placeholders came out. `Dated.record(i)` gives the record the tu-by-tu reader gives (for a tu the caller
cannot take whole: an empty seg, a pair filtered out).

A chunk with a CR, a single quote in a skeleton, characters XML refuses, an unknown entity, more than MAX_SHAPES
shapes, or a skeleton the strict pattern refuses is not taken (None): tmx_fast reads it as before.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import numpy as np
from lxml import etree

from tarjimon.core.formats import tmx
from tarjimon.core.formats.tmx_check import chars_ok, check_piece
from tarjimon.core.formats.tmx_tags import ATTR_TU, BAD_AMP, attr_record, resolve

_SPLIT = re.compile(rb"<seg>([^<]*)</seg>")
# a date attribute's value (creationdate, changedate) in TMX's one form: what varies between the skeletons
# (any "...date": a literal start is ten times faster to find than a look-behind; _shape takes only creationdate and
# changedate, the shapes with any other are read tu by tu)
_DATE = re.compile(rb'date="(\d{8}T\d{6}Z)"')
_TAKEN = re.compile(rb'[ \t\n](?:creation|change)date="\Z')
_SLOT = b"\x01"  # where a date was taken out (a byte no XML document holds: chars_ok refuses it)
_OPEN_NEXT = re.compile(rb"[ \t\n]*</tuv>[ \t\n]*</tu>([ \t\n]*<tu[ \t\n>].*)", re.S)  # between two tus
_END = re.compile(rb"[ \t\n]*</tuv>[ \t\n]*</tu>[ \t\n]*")  # after the last text
_HEAD = re.compile(rb"[ \t\n]*<tu[ \t\n>]")
MAX_SHAPES = 1024  # distinct shapes in a chunk (dated tags carry the same few ids; a tu with a note is a shape)
MAX_SLOTS = 50  # dates in one tu
LONG_TEXT = 1_000_000  # tmx_fast.LONG_TEXT (the caller raises tmx_fast.LongText)


def placeholder(k: int) -> str:
    """The k-th slot's date in a shape's record (TMX form); its ISO form (tmx.iso_date) names the slot."""
    return f"19000101T00{k // 60:02d}{k % 60:02d}Z"


class Shape:
    """One distinct skeleton of a tu: `record` is what attr_record gives for it with the texts "a" and "b" and
    the slot k's date placeholder(k); `slots` its number of dates."""

    __slots__ = ("record", "slots", "plan")

    def __init__(self, record: tmx.TranslationUnitRecord, slots: int) -> None:
        self.record, self.slots = record, slots
        self.plan: Any = None  # the caller's (partworker): how a tu of this shape is stored


class Dated:
    """The tus of one chunk: tu i has the shape shapes[kinds[i]], the texts texts_a[i] and texts_b[i] (UTF-8,
    references resolved) and the dates dates[i] (one a slot, in ISO form: tmx.iso_date's)."""

    __slots__ = ("dates", "kinds", "parts", "path", "shapes", "texts_a", "texts_b")

    def __init__(self, parts: list[bytes], shapes: list[Shape], kinds: list[int], texts_a: list[bytes],
                 texts_b: list[bytes], dates: list[tuple[str, ...]], path: Path) -> None:
        self.parts, self.shapes, self.kinds, self.dates, self.path = parts, shapes, kinds, dates, path
        self.texts_a, self.texts_b = texts_a, texts_b

    def raw(self, i: int) -> bytes:
        """Tu i's bytes (but the whitespace before its `</tuv></tu>`)."""
        p = self.parts
        opening = p[0] if i == 0 else p[4 * i]
        if i:
            opening = opening[opening.index(b"</tu>") + 5:]
        return b"".join([opening, b"<seg>", p[4 * i + 1], b"</seg>", p[4 * i + 2], b"<seg>", p[4 * i + 3],
                         b"</seg></tuv></tu>"])

    def record(self, i: int) -> tmx.TranslationUnitRecord:
        """Tu i's record, as tmx_fast.scan reads it (tmx_tags, else lxml)."""
        raw = self.raw(i)
        m = ATTR_TU.fullmatch(raw)
        rec = attr_record(m.groups()) if m is not None else None
        if rec is not None:
            return rec
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                                 remove_comments=True, remove_pis=True)
        return tmx._tu(etree.fromstring(raw.strip(), parser), self.path)


def _shape(opening: bytes, mid: bytes) -> Shape | None:
    """The shape of the tus whose skeletons (dates taken out) are `opening` (from `<tu` to the first text)
    and `mid` (between the texts); None when it is not one tmx_tags reads or not well-formed."""
    slots = opening.count(_SLOT) + mid.count(_SLOT)
    if slots > MAX_SLOTS or (slots and b"'" in opening + mid):  # (a single-quoted value could hold a "date")
        return None
    for piece in (opening + b"\x00" + mid).split(_SLOT)[:-1]:
        if piece.rfind(b"<") < piece.rfind(b">"):  # a date taken out of a note's or prop's text
            return None
        if _TAKEN.search(piece) is None:  # lastusagedate (Trados): kept among the unit's props
            return None
    pieces = (opening + b"<seg>a</seg>" + mid + b"<seg>b</seg></tuv></tu>").split(_SLOT)
    out = [pieces[0]]
    for k, piece in enumerate(pieces[1:]):
        out += [placeholder(k).encode("ascii"), piece]
    tu = b"".join(out)
    m = ATTR_TU.fullmatch(tu)
    if m is None:
        return None
    try:
        check_piece(tu)  # duplicate attributes, entities: what libxml2 refuses
    except etree.XMLSyntaxError:
        return None
    rec = attr_record(m.groups())
    if rec is None or [v.plain for v in rec.variants] != ["a", "b"]:
        return None
    return Shape(rec, slots)


def dated(chunk: bytes, path: Path, known: dict[tuple[bytes, bytes], Shape | None]) -> Dated | None:
    """The tus of `chunk` (whole tus, nothing else but whitespace, from a well-formed document) as
    :class:`Dated`, or None (see the module doc). `known` keeps the shapes parsed already (by the caller: one
    per part)."""
    if b"\r" in chunk:
        return None
    parts = _SPLIT.split(chunk)
    n = (len(parts) - 1) // 4
    if n == 0 or len(parts) != 4 * n + 1 or _HEAD.match(parts[0]) is None or _END.fullmatch(parts[-1]) is None:
        return None
    skeletons = b"\x00".join(parts[0:-1:2])  # head, mid 0, next 0, mid 1, ..., mid n-1 (no NUL in XML)
    dates = _DATE.findall(skeletons)
    normal = (_DATE.sub(b'date="' + _SLOT + b'"', skeletons) if dates else skeletons).split(b"\x00")
    openings, mids = normal[0::2], normal[1::2]
    shapes: list[Shape] = []
    index: dict[tuple[bytes, bytes], int] = {}
    kinds: list[int] = []
    add = kinds.append
    odd: list[int] = []  # tus of no shape (a note of their own, say): read as records, checked by libxml2 here
    for i, key in enumerate(zip(openings, mids, strict=True)):
        got = index.get(key)
        if got is None:
            if key in known:
                shape = known[key]
            else:
                opening = key[0]
                if i:
                    m = _OPEN_NEXT.fullmatch(opening)
                    if m is None:  # not `</tuv></tu> <tu`: no tu of two tuvs with text only
                        return None
                    opening = m.group(1)
                shape = known[key] = _shape(opening, key[1])
            if shape is None:
                if _ODD_MID.fullmatch(key[1]) is None or not _odd_opening(key[0], i):
                    return None
                got = -1
            else:
                if len(shapes) >= MAX_SHAPES:
                    return None
                got = len(shapes)
                shapes.append(shape)
            index[key] = got
        if got < 0:
            odd.append(i)
            if len(odd) > 32 and len(odd) * 2 > i:  # (Trados's tus: props that differ per tu)
                return None
        add(got)
    if len(odd) * 4 > n:
        return None
    if not chars_ok(chunk):
        return None
    texts_a, texts_b = parts[1::4], parts[3::4]
    if max(map(len, texts_a)) > LONG_TEXT or max(map(len, texts_b)) > LONG_TEXT:
        return None  # (the tu-by-tu reader decides)
    if b"&" in chunk:
        if BAD_AMP.search(chunk) is not None:
            return None
        if not (resolve(texts_a) and resolve(texts_b)):
            return None
    values = iso_dates(dates)
    out = Dated(parts, shapes, kinds, texts_a, texts_b, [], path)
    if odd:
        try:
            check_piece(b"".join([out.raw(i) for i in odd]))
        except etree.XMLSyntaxError:
            return None  # (tmx_fast's reader refuses it, with its line)
    counts = [s.slots for s in shapes]
    each = [counts[k] if k >= 0 else openings[i].count(_SLOT) + mids[i].count(_SLOT) for i, k in enumerate(kinds)]
    c = each[0]
    if each.count(c) == n:  # (the common case: every tu has as many dates)
        out.dates = list(zip(*[iter(values)] * c, strict=True)) if c else [()] * n
    else:
        per_tu, at = [], 0
        for c in each:
            per_tu.append(tuple(values[at:at + c]))
            at += c
        out.dates = per_tu
    return out


# YYYYMMDDThhmmssZ -> YYYY-MM-DDThh:mm:ss+00:00 (tmx.iso_date), byte by byte
_ISO = np.frombuffer(b"0000-00-00T00:00:00+00:00", dtype=np.uint8)
_ISO_TO = [0, 1, 2, 3, 5, 6, 8, 9, 10, 11, 12, 14, 15, 17, 18]
_ISO_FROM = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]


def iso_dates(dates: list[bytes]) -> list[str]:
    """tmx.iso_date of each date (all in TMX's one form, as _DATE takes them), a chunk's at once (numpy moves
    the bytes: 1.5 us a date one by one in Python)."""
    if not dates:
        return []
    n = len(dates)
    out = np.tile(_ISO, (n, 1))
    out[:, _ISO_TO] = np.frombuffer(b"".join(dates), dtype=np.uint8).reshape(n, 16)[:, _ISO_FROM]
    text = out.tobytes().decode("ascii")
    return [text[i:i + 25] for i in range(0, 25 * n, 25)]


_ODD_MID = re.compile(rb"[ \t\n]*</tuv>[ \t\n]*<tuv[ \t\n][^<]*>[ \t\n]*")


def _odd_opening(opening: bytes, i: int) -> bool:
    """Whether a skeleton before a tu's first text holds that tu's start only (its `<tu>`, props and notes,
    its first `<tuv>`: the raw tu read as a record is then exactly one tu)."""
    if i:
        m = _OPEN_NEXT.fullmatch(opening)
        if m is None:
            return False
        opening = m.group(1)
    return b"<seg" not in opening and b"</tu>" not in opening and b"<!" not in opening and b"<?" not in opening
