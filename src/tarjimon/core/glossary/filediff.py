"""Which lines of a glossary file changed between two versions, found on the bytes (no decoding of the rest).

A 100,000-concept TSV is ~13 MB: decoding it, splitting it into lines and comparing the lines takes ~50 ms,
where an add, an edit or a delete changes one line. Here the two versions are compared in blocks (a C-level
`==` on bytes), from the front and from the back, and only the lines between the first and the last changed
byte are decoded. This only holds for a *plain* file, whose every line is a row as the TSV reader keeps it:
UTF-8 without BOM, LF line ends, ending with a newline, no blank or comment line (rowcache checks the lines
it decodes; anything else takes the full path).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tarjimon.core.formats.tsv import conflict_line

_BLOCK = 1 << 16


def looks_plain(data: bytes) -> bool:
    """Whether a file's bytes may be a plain file (the lines themselves are checked when decoded)."""
    return data.endswith(b"\n") and not data.startswith(_ODD_STARTS) and b"\r" not in data


def plain_lines(chunk: bytes) -> bool:
    """Whether whole lines (from a plain file's changed part) keep it plain: no blank or comment line.
    (A regex finds a two-byte sequence ~3x faster than `in` here, and the lines of an edit are few.)"""
    return (
        b"\r" not in chunk
        and not chunk.startswith((b"\n", b"#"))
        and not _ODD_LINE.search(chunk)
        and conflict_line(chunk) is None  # (left to the full reader, which refuses it naming the line)
    )


_ODD_STARTS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"#", b"\n")
_ODD_LINE = re.compile(rb"\n(?=[\n#])")


def common_prefix(a: bytes, b: bytes) -> int:
    """The length of the longest common prefix of two byte strings (blocks compared in C, then halved)."""
    n = min(len(a), len(b))
    i = 0
    while i < n and a[i : i + _BLOCK] == b[i : i + _BLOCK]:
        i += _BLOCK
    size = min(_BLOCK, n - i)  # (one may end inside the block: then they differ only after n)
    if a[i : i + size] == b[i : i + size]:
        return i + size
    while size > 1:  # a[i:i+size] != b[i:i+size]: halve it down to the first differing byte
        half = size // 2
        if a[i : i + half] == b[i : i + half]:
            i += half
            size -= half
        else:
            size = half
    return i


def common_suffix(a: bytes, b: bytes, limit: int) -> int:
    """The length of the longest common suffix of two byte strings, at most `limit`."""
    la, lb = len(a), len(b)
    j = 0
    while j < limit:
        step = min(_BLOCK, limit - j)
        if a[la - j - step : la - j] != b[lb - j - step : lb - j]:
            break
        j += step
    else:
        return limit
    size = min(_BLOCK, limit - j)  # the last `size` bytes before the shared j differ somewhere
    while size > 1:
        half = size // 2
        if a[la - j - half : la - j] == b[lb - j - half : lb - j]:
            j += half
            size -= half
        else:
            size = half
    return j


@dataclass(frozen=True)
class LineChange:
    """Lines `first` to `old_end` (exclusive, 0 = the first line of the file) of the old version became the
    lines of `new` (bytes, each line with its newline; b"" when no line came in)."""

    first: int
    old_end: int
    new: bytes


def changed_lines(old: bytes, new: bytes) -> LineChange:
    """The changed run of lines between two versions of a file, both ending with a newline."""
    p = common_prefix(old, new)
    lo, ln = len(old), len(new)
    # Whole lines only. A line is unchanged when it lies, newline included, in the common prefix...
    start = old.rfind(b"\n", 0, p) + 1  # the start of the line holding the first changed byte
    s = common_suffix(old, new, min(lo, ln) - start)  # (from `start`, not `p`: a row inserted before a
    # row that begins like it is one new line, not a change of that row)
    # ... or starts in the common suffix (a line starting right where it begins, when both versions have a
    # newline just before it).
    t = old.find(b"\n", lo - s - 1) if lo - s - 1 >= 0 else -1
    if t == lo - s - 1 and (t < 0 or new[ln - s - 1 : ln - s] != b"\n"):
        t = old.find(b"\n", lo - s)
    old_end_byte = t + 1 if t >= 0 else lo
    new_end_byte = old_end_byte - lo + ln
    first = old.count(b"\n", 0, start)
    return LineChange(first, first + old.count(b"\n", start, old_end_byte), new[start:new_end_byte])


#: A change its maker knows (adding.py, editing.py): bytes old[start:old_end] became new[start:new_end], whole
#: lines, the rest the same. The index is then patched without comparing the two versions.
Splice = tuple[int, int, int]


def plain_splice(new: bytes, splice: Splice) -> bool:
    """`looks_plain` for a plain file's new version made by `splice`: only the bytes it brought in are looked at."""
    start, _old_end, new_end = splice
    return start > 0 and new.endswith(b"\n") and new.find(b"\r", start, new_end) < 0


def spliced(old: bytes, new: bytes, splice: Splice, first: int) -> LineChange:
    """The LineChange of a known splice that starts at line `first` of the old version."""
    start, old_end, new_end = splice
    return LineChange(first, first + old.count(b"\n", start, old_end), new[start:new_end])


def splice(data: bytes, start: int, end: int, insert: bytes | memoryview = b"") -> tuple[bytes, Splice]:
    """`data` with bytes [start, end) replaced by `insert`, in one copy (slices of a memoryview are not copied
    before the join), and its Splice."""
    view = memoryview(data)
    return b"".join((view[:start], insert, view[end:])), (start, end, start + len(insert))
