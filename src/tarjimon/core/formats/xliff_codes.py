"""XLIFF inline codes <-> the project's placeables (⟨1⟩ … ⟨/1⟩ paired, ⟨2/⟩ standalone).

A segment's source and target are shown to the translator as text with numbered placeables, the one tag syntax
of core/text/tags.py (which the editor inserts and protects and QA's tag check compares). `Codes` numbers the codes of one
segment (source first, then the target, which shares the numbers of the source codes with the same XLIFF id)
and keeps each code's element as the file wrote it, so `fill` writes them back unchanged:

- wrapping codes (1.2 g, mrk; 2.0 pc, mrk) show as ⟨n⟩…⟨/n⟩ around their content;
- opening and closing codes (1.2 bx/ex, bpt/ept; 2.0 sc/ec, sm/em) show as ⟨n⟩ and ⟨/n⟩, paired by id/rid
  (startRef);
- everything else (1.2 x, ph, it; 2.0 ph; an unknown element) shows as ⟨n/⟩.

A translator may move placeables so that a wrapping code no longer nests (⟨1⟩a⟨2⟩b⟨/1⟩c⟨/2⟩): `fill` then
writes that code as an opening and a closing code (1.2 bx/ex, 2.0 sc/ec), which every XLIFF reader accepts.
A code written for the other XLIFF version (a 1.2 document exported as 2.0) is mapped to its equivalent.
"""

from __future__ import annotations

import copy
from typing import Any

from lxml import etree

from tarjimon.core.text import tags

NS12 = "urn:oasis:names:tc:xliff:document:1.2"
NS20 = "urn:oasis:names:tc:xliff:document:2.0"
WRAP = {"g", "pc", "mrk"}
OPEN = {"bx", "bpt", "sc", "sm"}
CLOSE = {"ex", "ept", "ec", "em"}
PLACEABLE = tags.TAG_RE
# the other version's equivalent of a code, by role: (1.2 name, 2.0 name)
_EQUIVALENT = {"w": ("g", "pc"), "o": ("bx", "sc"), "c": ("ex", "ec"), "s": ("x", "ph")}


def local(el: Any) -> str:
    """An element's local name ("" for comments and processing instructions)."""
    return el.tag.rsplit("}", 1)[-1] if isinstance(el.tag, str) else ""


def _bare(el: etree._Element) -> str:
    """The element as XML without its content (wrapping codes) or without its tail (the others)."""
    dup = copy.copy(el)
    dup.tail = None
    if local(el) in WRAP:
        dup.text = None
        for child in list(dup):
            dup.remove(child)
    return etree.tostring(dup, encoding="unicode")


class Codes:
    """The codes of one segment: XLIFF id -> placeable number, and each number's elements as written.

    `natives` is plain JSON (number -> {"w"|"o"|"c"|"s": element XML}), kept with the document."""

    def __init__(self, natives: dict[str, dict[str, str]] | None = None) -> None:
        self.numbers: dict[str, int] = {}
        self.natives: dict[str, dict[str, str]] = natives if natives is not None else {}
        self.namespace = ""

    def number(self, key: str) -> int:
        if key not in self.numbers:
            self.numbers[key] = len(self.numbers) + 1
        return self.numbers[key]

    def show(self, el: etree._Element, *, collapse: bool = False) -> str:
        """The text of a source/target/mrk element with its codes as placeables."""
        out: list[str] = []
        self._walk(el, out)
        text = "".join(out)
        return " ".join(text.split()) if collapse else text

    def _walk(self, el: etree._Element, out: list[str]) -> None:
        out.append(el.text or "")
        for child in el:
            name = local(child)
            if not name:  # a comment kept by a parser
                out.append(child.tail or "")
                continue
            cid = child.get("id") or ""
            if name == "cp":  # 2.0: a character XML 1.0 cannot carry
                try:
                    out.append(chr(int(child.get("hex", ""), 16)))
                except ValueError:
                    pass
            elif name in WRAP:
                n = self._record(f"w:{name}:{cid}", "w", child)
                out.append(f"⟨{n}⟩")
                self._walk(child, out)
                out.append(f"⟨/{n}⟩")
            elif name in OPEN:
                key = child.get("rid") or cid
                out.append(f"⟨{self._record(f'p:{key}', 'o', child)}⟩")
            elif name in CLOSE:
                key = child.get("rid") or child.get("startRef") or cid
                out.append(f"⟨/{self._record(f'p:{key}', 'c', child)}⟩")
            else:
                out.append(f"⟨{self._record(f's:{name}:{cid}', 's', child)}/⟩")
            out.append(child.tail or "")

    def _record(self, key: str, role: str, el: etree._Element) -> int:
        n = self.number(key)
        self.natives.setdefault(str(n), {}).setdefault(role, _bare(el))
        return n

    def fill(self, el: etree._Element, text: str, version: str) -> None:
        """Write `text` (with placeables) as the content of `el`, codes as the file wrote them.

        `version` is the version of the file being written ("1.2" or "2.0"); a placeable whose number this
        segment does not know is written as text."""
        el.text = None
        for child in list(el):
            el.remove(child)
        self.namespace = etree.QName(el).namespace or ""  # 1.0-1.2 files each have their own
        tokens = _tokens(text, self.natives)
        nested = _nested(tokens, self.natives)
        stack = [el]
        last: etree._Element | None = None  # the element whose tail the next text goes to

        def put(piece: str) -> None:
            if last is None:
                stack[-1].text = (stack[-1].text or "") + piece
            else:
                last.tail = (last.tail or "") + piece

        for kind, n, piece in tokens:
            if kind == "text":
                put(piece)
                continue
            native = self.natives[n]
            if kind == "open" and "w" in native and n in nested:
                code = self._element(native["w"], "w", version, n)
                stack[-1].append(code)
                stack.append(code)
                last = None
            elif kind == "close" and "w" in native and n in nested:
                last = stack.pop()
            else:
                # a code as written, or a wrapping code that no longer nests (as an opening/closing pair)
                role = {"open": "o", "close": "c", "alone": "s"}[kind]
                spec = native.get(role) or native.get("w") or next(iter(native.values()))
                code = self._element(spec, role, version, n)
                stack[-1].append(code)
                last = code

    def _element(self, spec: str, role: str, version: str, n: str) -> etree._Element:
        el = etree.fromstring(spec)
        ns = self.namespace or (NS20 if version.startswith("2") else NS12)
        name = local(el)
        same_role = (role == "w" and name in WRAP) or (role == "o" and name in OPEN) or (
            role == "c" and name in CLOSE) or (role == "s" and name not in WRAP | OPEN | CLOSE)  # fmt: skip
        same_version = (etree.QName(el).namespace or "").startswith(f"urn:oasis:names:tc:xliff:document:{version[0]}")
        if same_version and same_role:
            return el
        # another version's code, or a wrapping code written as an opening/closing pair: its equivalent
        wanted = _EQUIVALENT[role][1 if version.startswith("2") else 0]
        ident = el.get("id") or f"c{n}"
        out = etree.Element(f"{{{ns}}}{wanted}", nsmap={None: ns})
        if role == "c":
            out.set("startRef" if wanted == "ec" else "rid", ident)
            if wanted == "ex":
                out.set("id", ident)
        else:
            out.set("id", ident)
            if wanted == "bx":
                out.set("rid", ident)
        return out


def natives_of(text: str) -> dict[str, dict[str, str]]:
    """Codes for the placeables of a segment no XLIFF file gave (a Word or ODT paragraph's bold run, link,
    footnote mark), so that an XLIFF export protects them as codes instead of writing ⟨1⟩ as text: a paired
    one as g (2.0 pc), a lone opening or closing one as bx/ex (sc/ec), a standalone one as x (ph), each with
    its placeable's number as id (`Codes.fill` maps them to the version written)."""
    toks = list(tags.tokens(text))
    opened = {t.n for t in toks if t.kind == "open"}
    closed = {t.n for t in toks if t.kind == "close"}
    out: dict[str, dict[str, str]] = {}
    for t in toks:
        n = str(t.n)
        if t.kind == "empty":
            out.setdefault(n, {"s": f'<x xmlns="{NS12}" id="{n}"/>'})
        elif t.kind in ("open", "close"):
            if t.n in opened and t.n in closed:
                out.setdefault(n, {"w": f'<g xmlns="{NS12}" id="{n}"/>'})
            else:
                name, role = ("bx", "o") if t.kind == "open" else ("ex", "c")
                out.setdefault(n, {role: f'<{name} xmlns="{NS12}" id="{n}" rid="{n}"/>'})
    return out


def _tokens(text: str, natives: dict[str, Any]) -> list[tuple[str, str, str]]:
    """("text", "", piece) and ("open"|"close"|"alone", number, "") tokens (core/text/tags.tokens); a placeable
    whose number the segment does not know stays text."""
    out: list[tuple[str, str, str]] = []
    for tok in tags.tokens(text):
        if tok.kind == "text" or str(tok.n) not in natives:
            piece = tok.text if tok.kind == "text" else {"open": tags.open_tag, "close": tags.close_tag,
                                                         "empty": tags.empty_tag}[tok.kind](tok.n)  # fmt: skip
            out.append(("text", "", piece))
        else:
            out.append(({"empty": "alone"}.get(tok.kind, tok.kind), str(tok.n), ""))
    return out


def _nested(tokens: list[tuple[str, str, str]], natives: dict[str, Any]) -> set[str]:
    """The wrapping codes whose ⟨n⟩ and ⟨/n⟩ appear once each and nest properly."""
    seen: dict[str, int] = {}
    for kind, n, _ in tokens:
        if kind in ("open", "close"):
            seen[f"{kind}{n}"] = seen.get(f"{kind}{n}", 0) + 1
    stack: list[str] = []
    good: set[str] = set()
    for kind, n, _ in tokens:
        if "w" not in natives.get(n, {}) or seen.get(f"open{n}") != 1 or seen.get(f"close{n}") != 1:
            continue
        if kind == "open":
            stack.append(n)
        elif kind == "close" and n in stack:
            if stack[-1] == n:
                good.add(n)
            stack.remove(n)
    return good
