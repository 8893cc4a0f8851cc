"""Letters, apostrophes and script detection shared by both conversion directions."""

from __future__ import annotations

import re
from typing import Literal

Script = Literal["cyrillic", "latin", "mixed", "none"]

#: Canonical marks of the 1995 alphabet: oʻ/gʻ take U+02BB, the tutuq belgisi (ъ) takes U+02BC.
TURNED_COMMA = "\u02bb"
MODIFIER_APOSTROPHE = "\u02bc"

#: Everything typed in real text for either mark: ' ` ‘ ’ ʻ ʼ (and the acute/prime look-alikes).
APOSTROPHES = "'`\u2018\u2019\u02bb\u02bc\u00b4\u02b9\u2032"
_APOSTROPHE_SET = frozenset(APOSTROPHES)

CYR_LETTERS = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяўқғҳ"
CYR_VOWELS = frozenset("аеёиоуэюяў")
LAT_VOWELS = frozenset("aeiou")

_CYR_RE = re.compile("[\u0400-\u04ff]")
_LAT_RE = re.compile("[A-Za-z]")

# oʻ / gʻ: an apostrophe straight after o or g when a letter follows; gʻ may also end a word
# ("togʻ"), and so may oʻ ("obroʻ") with the marks that are not also closing quotes (' ` ‘ ʻ).
# Any other apostrophe between two letters is the tutuq belgisi.
_OG_MARK_RE = re.compile(
    f"(?<=[oO])[{APOSTROPHES}](?=[A-Za-z])"
    f"|(?<=[A-Za-z][oO])['`\u2018\u02bb](?![A-Za-z])"
    f"|(?<=[gG])[{APOSTROPHES}](?=[A-Za-z])"
    f"|(?<=[A-Za-z\u02bb][gG])[{APOSTROPHES}]"
)
_MID_MARK_RE = re.compile(f"(?<=[A-Za-z])[{APOSTROPHES}](?=[A-Za-z])")


def is_apostrophe(char: str) -> bool:
    """True for any character used in real text as oʻ/gʻ mark or tutuq belgisi."""
    return char in _APOSTROPHE_SET


def normalize_apostrophes(text: str) -> str:
    """Rewrite the apostrophes of Uzbek Latin words to the canonical 1995 characters.

    After ``o``/``g`` any of ' ` ‘ ’ ʻ ʼ becomes U+02BB (oʻ, gʻ); between two other letters it becomes
    U+02BC, the tutuq belgisi (maʼlumot). Quotes elsewhere ('like this') are left alone.
    Note that ``oʼ`` is always read as oʻ: in Latin text the two cannot be told apart. Meant for
    Uzbek Latin text: an English contraction (don't) gets U+02BC as well.
    """
    text = _MID_MARK_RE.sub(MODIFIER_APOSTROPHE, text)
    return _OG_MARK_RE.sub(TURNED_COMMA, text)


def detect_script(text: str) -> Script:
    """Classify ``text`` as ``"cyrillic"``, ``"latin"``, ``"mixed"`` or ``"none"`` (no letters).

    Uzbek Cyrillic news routinely quotes Latin names (Kazinform, Astana Hub), so a text is still
    ``"cyrillic"`` (or ``"latin"``) when the other script holds under 10% of its letters.
    """
    cyr = len(_CYR_RE.findall(text))
    lat = len(_LAT_RE.findall(text))
    total = cyr + lat
    if total == 0:
        return "none"
    if lat <= total * 0.1:
        return "cyrillic"
    if cyr <= total * 0.1:
        return "latin"
    return "mixed"
