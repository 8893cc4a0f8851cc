"""Reading users' text files: the encodings we accept and how we tell junk from text.

Accepted: UTF-8 (with or without BOM), UTF-16 with a BOM, and Windows-1251 Cyrillic, which is detected
only when the bytes are not UTF-8 and their high bytes decode to Cyrillic words of their own (beside Latin ones
in a bilingual glossary), not to letters inside Latin words (a Latin-1 or binary file does not pass). Everything else is refused with a one-line error.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from tarjimon.core import files
from tarjimon.core.errors import BadInput

MAX_TEXT_BYTES = 50 * 1024 * 1024

# Control characters that never occur in a text file (tab, newline, carriage return, form feed are fine).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F])  # the same characters


def read_bytes(path: str | Path, *, limit: int = MAX_TEXT_BYTES) -> bytes:
    """Read a file's bytes, refusing missing files, folders, devices, FIFOs and files over `limit`.

    core/files.py checks the file before opening it, so /dev/zero or a FIFO is refused at once."""
    return files.read_input_bytes(path, limit)


def decode_text(data: bytes, path: str | Path) -> tuple[str, str]:
    """Decode a text file's bytes; return (text, encoding name). Raise BadInput for anything else."""
    if data.startswith(codecs.BOM_UTF8):
        text, enc = _strict(data[3:], "utf-8", path), "utf-8-sig"
    elif data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        text, enc = _strict(data, "utf-16", path), "utf-16"
    else:
        try:
            text, enc = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as exc:
            guessed = _cp1251(data)
            if guessed is None:
                line = data[: exc.start].count(b"\n") + 1
                raise BadInput(
                    "not UTF-8, UTF-16 or Windows-1251 text (binary or unknown encoding)", path=path, line=line
                ) from exc
            odd = _implausible(guessed)
            if odd:
                raise BadInput(f"not UTF-8, and read as Windows-1251 it is not plausible Cyrillic ({odd}); "
                               "save it as UTF-8", path=path) from exc
            text, enc = guessed, "windows-1251"
    # (UTF-8 keeps control characters as the same single bytes: deleting them from the bytes is a C pass at
    # half the regex's cost on a 13 MB glossary; the regex then finds the first one's line)
    clean = enc == "utf-8" and len(data.translate(None, _CONTROL_BYTES)) == len(data)
    bad = None if clean else _CONTROL.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        raise BadInput("binary data (control characters) in a text file", path=path, line=line)
    return (text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text), enc


def read_text(path: str | Path) -> tuple[str, str]:
    """Read a user's text file; return (text with \\n line ends, encoding name)."""
    return decode_text(read_bytes(path), path)


def _strict(data: bytes, encoding: str, path: str | Path) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise BadInput(f"invalid {encoding.upper()} text", path=path, line=line) from exc


def _cp1251(data: bytes) -> str | None:
    """Decode as Windows-1251 only if the result looks like Cyrillic prose, else None."""
    if b"\x00" in data:
        return None
    try:
        text = data.decode("cp1251")
    except UnicodeDecodeError:
        return None
    # High bytes in cp1251 are mostly Cyrillic letters; in Latin-1 prose or binary data they are not.
    high = [c for c in text if ord(c) > 0x7F]
    high_cyr = sum(1 for c in high if "\u0400" <= c <= "\u04ff")
    if not high_cyr or high_cyr / len(high) < 0.9:
        return None
    # Cyrillic read where there was none (Latin-1 "résumé" -> "rйsumй", "über" -> "ьber") sits inside Latin
    # words; real Cyrillic makes words of its own, beside the Latin ones of a bilingual glossary or TM
    # ("house<TAB>дом": more Latin letters than Cyrillic, and still Windows-1251), and make a good part of the
    # letters (a few stray bytes, "Salom \xff\xfe dunyo", read "яю": not Cyrillic text)
    words = _WORD.findall(text)
    cyrillic_words = [w for w in words if _CYRILLIC.search(w)]
    mixed = sum(1 for w in cyrillic_words if _LATIN.search(w))
    cyrillic = sum(len(w) for w in cyrillic_words)
    if mixed > len(cyrillic_words) * 0.1 or cyrillic < 0.25 * sum(map(len, words)):
        return None
    return text


_WORD = re.compile(r"[^\W\d_]+")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_LATIN = re.compile("[A-Za-z\u00c0-\u024f]")


# Letters no uz/kk/ru text has: Windows-1251 puts them where Mac Cyrillic has capitals (and KOI8-R others).
_FOREIGN = set("ЂЃЉЊЌЋЏђѓљњќћџ")


def _implausible(text: str) -> str:
    """Why cp1251-decoded `text` is not real prose ('' when it is): KOI8-R reads as mostly capitals in a
    scrambled order, Mac Cyrillic as Serbian letters and capitals in mid-word."""
    letters = [c for c in text if "\u0400" <= c <= "\u04ff"]
    if len(letters) < 20:
        return ""
    upper = sum(1 for c in letters if c.isupper())
    if upper / len(letters) > 0.5:
        return "mostly capital letters: KOI8-R?"
    mid_caps = sum(1 for a, b in zip(text, text[1:], strict=False)
                   if a.islower() and b.isupper() and "\u0400" <= a <= "\u04ff" and "\u0400" <= b <= "\u04ff")
    foreign = sum(1 for c in letters if c in _FOREIGN)
    if (foreign + mid_caps) / len(letters) > 0.01:
        return "letters from other alphabets and capitals inside words: Mac Cyrillic?"
    return ""
