"""Letters and script detection shared by both conversion directions (apostrophes: core/text/words.py)."""

from __future__ import annotations

import re
from typing import Literal

from tarjimon.core.text.words import (  # the one apostrophe set and its Uzbek rules live in core/text
    APOSTROPHES,
    MODIFIER_APOSTROPHE,
    TURNED_COMMA,
    is_apostrophe,
    normalize_apostrophes,
)

__all__ = [
    "APOSTROPHES", "CYR_LETTERS", "CYR_VOWELS", "LAT_VOWELS", "MODIFIER_APOSTROPHE", "TURNED_COMMA", "Script",
    "detect_script", "is_apostrophe", "normalize_apostrophes",
]  # fmt: skip

Script = Literal["cyrillic", "latin", "mixed", "none"]

CYR_LETTERS = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяўқғҳ"
CYR_VOWELS = frozenset("аеёиоуэюяў")
LAT_VOWELS = frozenset("aeiou")

_CYR_RE = re.compile("[\u0400-\u04ff]")
_LAT_RE = re.compile("[A-Za-z]")


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
