"""Text from others shown on a terminal with its control characters made visible.

A document name from a shared story, a glossary term, a TMX header's creator id, a file's name: anyone can put
an ESC sequence (colours, a cleared screen, OSC 52 writing the clipboard, a retitled window), a BEL, a
carriage return (the line overwritten), a backspace or a bidi override (text shown reversed, or hidden) into
them. Every face prints such text through `visible`: each of those characters becomes its Python escape
(`\\x1b`, `\\r`, `\\u202e`), which the terminal shows as written and a reader can still tell apart. JSON output
needs none of this (its own escapes cover C0 controls; bidi controls stay: a program reads them).
"""

from __future__ import annotations

import re

# C0 controls (tab and line feed too: a name or a field holding one would fake a column or a line), DEL, C1
# controls (U+009B is a CSI to some terminals), the bidi marks, embeddings, overrides and isolates, and the
# line and paragraph separators.
_HIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def _escape(found: re.Match[str]) -> str:
    code = ord(found.group())
    return {9: "\\t", 10: "\\n", 13: "\\r"}.get(code) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def visible(text: object) -> str:
    """`text` (str() of it) with every character that would act on the terminal instead of being shown
    replaced by its escape; text without one comes back unchanged (the same object)."""
    shown = text if isinstance(text, str) else str(text)
    if shown.isprintable():  # (C speed: none of _HIDDEN is printable; ~0.3 µs for a sentence, the regex ~5 µs)
        return shown
    return _HIDDEN.sub(_escape, shown) if _HIDDEN.search(shown) else shown


def visible_lines(text: str) -> str:
    """`visible` for text whose line breaks are its own (a multi-line message, a segment with a line break kept):
    each line made visible, the line feeds kept."""
    return "\n".join(visible(line) for line in text.split("\n"))


def _picture(found: re.Match[str]) -> str:
    code = ord(found.group())
    return chr(0x2400 + code) if code < 0x20 else "\u2421" if code == 0x7F else "\ufffd"


def pictured(text: str) -> str:
    """`visible` one character for one, for text drawn where offsets count (the workbench's grid and panels:
    term spans, wrapped lines): a C0 control becomes its Control Pictures sign (ESC ␛, tab ␉, BEL ␇), DEL ␡,
    a C1 or bidi control or a line separator �. Line feeds stay (the text's own line breaks)."""
    if text.isprintable() or not _HIDDEN.search(text):
        return text
    return "\n".join(_HIDDEN.sub(_picture, line) for line in text.split("\n"))
