"""A strict syntax check of a PO file before polib reads it: what msgfmt refuses, refused here, with its line.

polib is lenient: it drops the last character of an unterminated string (`msgid "abc` becomes `ab`), keeps a
truncated entry, accepts `msgstr[7]` in a file with nplurals=2 and a msgid twice. The checker walks the lines
once (linear, whatever their length) and refuses:
- a line that is not a comment, a keyword with a string, or a string continuing the previous keyword;
- a string without its closing quote, or with an unknown escape;
- an entry without msgid or msgstr, keywords out of order, msgstr[N] with a plain msgid (or the reverse);
- plural indexes that are not 0, 1, 2... in order, or reach past the header's Plural-Forms nplurals;
- the same msgid (with the same msgctxt) twice.
Obsolete entries (`#~`) are comments here, as polib skips them anyway.
"""

from __future__ import annotations

import re
from pathlib import Path

from tarjimon.core.errors import BadInput
from tarjimon.core.formats.po_plurals import MAX_FORMS as MAX_NPLURALS

MAX_LINE = 1 << 20  # a PO line longer than 1 MB is not a translation catalogue
_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?[ \t]*(\".*)?$")
_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"[ \t]*$')
_ESCAPES = re.compile(r"\\(.)")
_OK_ESCAPES = set('ntrabfv"\\01234567x?\'')
_NPLURALS = re.compile(r"nplurals\s*=\s*(\d+)")


def _fail(message: str, path: str | Path, line: int) -> BadInput:
    return BadInput(f"PO syntax error: {message}", path=path, line=line)


def _string(rest: str, path: str | Path, line: int) -> str:
    m = _STRING.match(rest)
    if m is None:
        if rest.startswith('"'):
            raise _fail("string without its closing quote", path, line)
        raise _fail("expected a quoted string", path, line)
    body = m.group(1)
    for esc in _ESCAPES.finditer(body):
        if esc.group(1) not in _OK_ESCAPES:
            raise _fail(f"unknown escape sequence \\{esc.group(1)}", path, line)
    return body


class _Entry:
    def __init__(self, line: int) -> None:
        self.line = line
        self.ctxt: str | None = None
        self.msgid: str | None = None
        self.plural = False
        self.msgstr = False
        self.indexes: list[tuple[int, int]] = []  # (index, line)
        self.last = ""  # the keyword a continuation string belongs to
        self.parts: dict[str, list[str]] = {}


def check_po(text: str, path: str | Path) -> None:
    """Raise BadInput (file and line) for anything msgfmt would refuse in the PO `text`."""
    seen: dict[tuple[str | None, str], int] = {}
    nplurals: int | None = None  # checked only when the header declares Plural-Forms (as msgfmt does)
    entry: _Entry | None = None
    header_done = False

    def finish(e: _Entry | None) -> None:
        nonlocal nplurals, header_done
        if e is None:
            return
        if e.msgid is None:
            raise _fail("an entry without msgid", path, e.line)
        if not e.msgstr:
            raise _fail("msgid without msgstr (a truncated entry?)", path, e.line)
        msgid = "".join(e.parts.get("msgid", []))
        if not header_done:
            header_done = True
            if msgid == "" and e.ctxt is None:
                m = _NPLURALS.search("".join(e.parts.get("msgstr", [])))
                if m:
                    nplurals = int(m.group(1))
                    if not 1 <= nplurals <= MAX_NPLURALS:  # (msgfmt refuses it too; 200000000 hung export)
                        raise _fail(f"nplurals={nplurals} in Plural-Forms: a language has 1 to {MAX_NPLURALS} plural "
                                    "forms", path, e.line)  # fmt: skip
        if e.plural:
            got = [i for i, _ in e.indexes]
            for i, ln in e.indexes:
                if nplurals is not None and i >= nplurals:
                    raise _fail(f"msgstr[{i}] but the header says nplurals={nplurals}", path, ln)
            if got != list(range(len(got))):
                raise _fail("msgstr[N] indexes out of order or repeated", path, e.indexes[0][1])
        key = (e.ctxt, msgid)
        if key in seen and not (msgid == "" and e.ctxt is None):
            raise _fail(f"duplicate msgid (first defined on line {seen[key]})", path, e.line)
        seen[key] = e.line

    for n, raw in enumerate(text.split("\n"), 1):
        if len(raw) > MAX_LINE:
            raise _fail(f"line longer than {MAX_LINE} characters: not a PO file", path, n)
        line = raw.strip()
        if not line or line.startswith("#"):
            if line.startswith("#") and entry is not None and entry.msgstr:
                finish(entry)
                entry = None
            continue
        if line.startswith('"'):
            if entry is None or not entry.last:
                raise _fail("a string that belongs to no keyword", path, n)
            entry.parts.setdefault(entry.last, []).append(_string(line, path, n))
            continue
        m = _KEYWORD.match(line)
        if m is None:
            raise _fail(f"unknown keyword {line.split()[0][:40]!r}", path, n)
        word, index, rest = m.group(1), m.group(2), m.group(3)
        if rest is None:
            raise _fail(f"{word} without a quoted string", path, n)
        value = _string(rest, path, n)
        if word in ("msgctxt", "msgid"):
            if entry is not None and (entry.msgstr or word == "msgctxt" or entry.msgid is not None):
                if not entry.msgstr:
                    raise _fail("msgid without msgstr (a truncated entry?)", path, entry.line)
                finish(entry)
                entry = None
            if entry is None:
                entry = _Entry(n)
            if word == "msgctxt":
                entry.ctxt = value
            else:
                entry.msgid = value
        elif entry is None or entry.msgid is None:
            raise _fail(f"{word} before msgid", path, n)
        elif word == "msgid_plural":
            if entry.plural or entry.msgstr:
                raise _fail("msgid_plural out of place", path, n)
            entry.plural = True
        else:  # msgstr
            if entry.plural and index is None:
                raise _fail("a plural entry needs msgstr[0], msgstr[1]...", path, n)
            if not entry.plural and index is not None:
                raise _fail(f"msgstr[{index}] without msgid_plural", path, n)
            if index is None and entry.msgstr:
                raise _fail("msgstr twice in one entry", path, n)
            if index is not None:
                entry.indexes.append((int(index), n))
            entry.msgstr = True
        entry.last = word if index is None else f"{word}[{index}]"
        entry.parts.setdefault(entry.last, []).append(value)
    finish(entry)
