"""Reading one tu of a TMX without lxml when its tags carry attributes and its tu props and notes (the fast
reader's per-tu case, tmx_fast.scan): one regular expression (`ATTR_TU`) takes a tu of two tuvs whose segs
hold text only, its tu and tuv attributes (ids, dates, srclang, TMX 1.1's lang; values without `&`, `<` or
characters XML would normalise; no namespace prefix but xml:lang, no xmlns) and, before its tuvs, props and
notes of text only (Trados's x-Context, MateCat's ids, OmegaT's file/prev/next). `attr_record` turns the match
into the record lxml and tmx._tu would give. The piece it is read from is well-formed already (libxml2 checked
it), so the patterns need not refuse what XML does.
"""

from __future__ import annotations

import re

from tarjimon.core.formats import tmx
from tarjimon.core.formats.tmx_check import BAD_CHAR

WS = rb"[ \t\r\n]*"
SEG = rb"<seg>([^<\r]*)</seg>"
_ATTR = (rb"[ \t\r\n]+(?:xml:lang|[A-Za-z_][A-Za-z0-9_.-]*)[ \t\r\n]*=[ \t\r\n]*"
         rb"""(?:"[^"<&\t\r\n]*"|'[^'<&\t\r\n]*')""")
_ATTRS = rb"((?:" + _ATTR + rb")*)" + WS
# the tu's props and notes (Trados's x-Context, MateCat's ids, OmegaT's file/prev/next), text only
_META_ITEM = rb"<(prop|note)((?:" + _ATTR + rb")*)" + WS + rb">([^<\r]*)</(?:prop|note)>"
_META = re.compile(_META_ITEM)
_META_ANY = rb"<(?:prop|note)(?:" + _ATTR + rb")*" + WS + rb">[^<\r]*</(?:prop|note)>" + WS  # (well-formed)
ATTR_TU = re.compile(
    WS + rb"<tu" + _ATTRS + rb">" + WS + rb"((?:" + _META_ANY + rb")*)"
    + rb"<tuv" + _ATTRS + rb">" + WS + SEG + WS + rb"</tuv>" + WS
    + rb"<tuv" + _ATTRS + rb">" + WS + SEG + WS + rb"</tuv>" + WS + rb"</tu>"
)
_ATTR_PAIR = re.compile(r"""(xml:lang|[A-Za-z_][A-Za-z0-9_.-]*)[ \t\r\n]*=[ \t\r\n]*(?:"([^"]*)"|'([^']*)')""")
BAD_AMP = re.compile(rb"&(?!(?:#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|amp|lt|gt|quot|apos);)")
_REF = re.compile(r"&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);")
NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
# the `line` of a record read here from a tu whose tags carry attributes other tools' metadata is not among
# (dates, srclang): partworker stores it by its own shortcut; other records say line 0 (UnitFilter.pairs)
ATTR_LINE = -1


def text(raw: bytes) -> str:
    """A seg's (or prop's) UTF-8 text, its predefined entities and character references resolved."""
    out = raw.decode("utf-8")
    if "&" in out:
        out = _REF.sub(_ref, out)
    return out


def _ref(m: re.Match[str]) -> str:
    name = m.group(1)
    if name[0] != "#":
        return NAMED[name]
    return chr(int(name[2:], 16) if name[1] == "x" else int(name[1:]))


_NAMED_BYTES = [(f"&{k};".encode(), v.encode()) for k, v in NAMED.items() if k != "amp"] + [(b"&amp;", b"&")]


def resolve(texts: list[bytes]) -> bool:
    """Resolve the references in the texts holding a `&`, in place: character references by the reader's
    code, the five predefined entities with one replace each over those texts joined (an entity holds no NUL,
    and `&amp;` goes last, as in one text: 1.0 instead of 1.6 ms for a chunk's 6,000 texts). False when a
    character reference is to a character XML does not allow (the chunk is then not read as columns: libxml2
    decides). (tmx_fast.columns's and tmx_dated's.)"""
    named = []
    for i in [i for i, t in enumerate(texts) if t.find(38) >= 0]:  # 38: "&" (find of an int: memchr)
        if b"&#" in texts[i]:
            try:
                resolved = text(texts[i])
            except ValueError:  # beyond U+10FFFF
                return False
            if BAD_CHAR.search(resolved):
                return False
            texts[i] = resolved.encode("utf-8")
        else:
            named.append(i)
    if not named:
        return True
    joined = b"\x00".join([texts[i] for i in named])
    for name, char in _NAMED_BYTES:
        if name in joined:
            joined = joined.replace(name, char)
    for i, one in zip(named, joined.split(b"\x00"), strict=True):
        texts[i] = one
    return True


_SEEN_ATTRS: dict[bytes, dict[str, str] | None] = {}  # the tags' attributes read already (callers never change them)


def _attrs(raw: bytes) -> dict[str, str] | None:
    got = _SEEN_ATTRS.get(raw, _SEEN_ATTRS)
    if got is not _SEEN_ATTRS:
        return got  # type: ignore[return-value]
    if len(_SEEN_ATTRS) > 4096:  # (dated tags are all different)
        _SEEN_ATTRS.clear()
    out = _SEEN_ATTRS[raw] = _read_attrs(raw)
    return out


def _read_attrs(raw: bytes) -> dict[str, str] | None:
    out: dict[str, str] = {}
    for key, dq, sq in _ATTR_PAIR.findall(raw.decode("utf-8")):  # (one decode: names are ASCII)
        if key == "xmlns":
            return None
        out[key] = dq or sq
    return out


def attr_record(groups: tuple[bytes, ...]) -> tmx.TranslationUnitRecord | None:
    """The record lxml would give for a tu matched by ATTR_TU (None: leave it to lxml)."""
    tu_raw, meta_raw, a_raw, a_seg, b_raw, b_seg = groups
    tu, a, b = _attrs(tu_raw), _attrs(a_raw), _attrs(b_raw)
    if tu is None or a is None or b is None:
        return None
    if (b"&" in a_seg and BAD_AMP.search(a_seg)) or (b"&" in b_seg and BAD_AMP.search(b_seg)):
        return None
    props: list[list[str]] = []
    notes: list[str] = []
    if meta_raw:
        if b"&" in meta_raw and BAD_AMP.search(meta_raw):
            return None
        for kind, attrs_raw, raw in _META.findall(meta_raw):
            attrs = _attrs(attrs_raw)
            if attrs is None:  # an xmlns: lxml would not call it a prop or a note
                return None
            if kind == b"note":
                notes.append(text(raw))
            else:
                props.append([attrs.get("type", ""), text(raw)])
    ta = a.get("xml:lang") or a.get("lang")
    tb = b.get("xml:lang") or b.get("lang")
    if not ta or not tb:
        return None
    # other tools' metadata (tuid, creationid, ...; OmegaT's on the tuv) is kept: such a tu goes the general way
    # (line 0, not ATTR_LINE)
    kept = {k: v for k, v in tu.items() if k in tmx.TU_ATTRS}
    kept_a = {k: v for k, v in a.items() if k in tmx.TU_ATTRS}
    kept_b = {k: v for k, v in b.items() if k in tmx.TU_ATTRS}
    return tmx.TranslationUnitRecord(
        tu.get("srclang"),
        [tmx.Variant(ta, text(a_seg), None, [], [], a.get("creationdate"), a.get("changedate"), kept_a),
         tmx.Variant(tb, text(b_seg), None, [], [], b.get("creationdate"), b.get("changedate"), kept_b)],
        notes, props, tu.get("creationdate"), tu.get("changedate"),
        0 if kept or kept_a or kept_b or meta_raw else ATTR_LINE, kept)
