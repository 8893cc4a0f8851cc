"""Pure layout helpers for the segment grid: column widths and a fast word wrap (no Textual here)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from rich.cells import cell_len
from rich.segment import Segment as RichSegment
from rich.style import Style

NUMBER_WIDTH = 5  # "1234 " : the segment number column
SEPARATOR = "│"


@lru_cache(maxsize=4096)
def _width(word: str) -> int:
    return cell_len(word)


ROW_LINES_MAX = 200  # a grid cell shows at most this many lines (a 24 MB paragraph would be 300,000)
MORE = "…"  # ends a cell cut at ROW_LINES_MAX lines


def wrap(text: str, width: int, max_lines: int = ROW_LINES_MAX) -> list[str]:
    """Greedy word wrap to `width` cells; explicit line breaks kept; over-long words broken.

    Much cheaper than Rich's wrapping, which matters when a 10,000-segment document is laid out. At most
    `max_lines` lines: a longer text stops there, its last line ending in "…", and only that much of it is
    ever read (a segment of one 24 MB paragraph took the workbench ~70 s to open, wrapping and drawing
    300,000 lines of a row nobody can read in a grid; the whole text stays in the database and the editor).
    """
    width = max(1, width)
    if "\n" not in text and len(text) <= 2 * width and cell_len(text) <= width:
        return [text]
    out: list[str] = []
    for line in _wrapped_lines(text, width):
        if len(out) == max_lines:
            last = out[-1]
            while last and _width(last) + 1 > width:
                last = last[:-1]
            out[-1] = last + MORE
            break
        out.append(line)
    return out


def _wrapped_lines(text: str, width: int) -> Iterator[str]:
    """The lines of `wrap`, one at a time (words found as they are needed, never the whole text split)."""
    at, end = 0, len(text)
    while at <= end:
        stop = text.find("\n", at)
        if stop < 0:
            stop = end
        line = ""
        used = 0
        pos = at
        while pos <= stop:
            space = text.find(" ", pos, stop)
            if space < 0:
                space = stop
            if space - pos > 2 * width:  # a word far longer than the column: cut without measuring it
                if used:
                    yield line
                    line, used = "", 0
                while space - pos > 2 * width:
                    yield text[pos : pos + width]
                    pos += width
            word = text[pos:space]
            pos = space + 1
            w = _width(word)
            if used and used + 1 + w <= width:
                line += " " + word
                used += 1 + w
                continue
            if used:
                yield line
            while w > width:  # a word longer than the column: break it
                yield word[:width]
                word = word[width:]
                w = _width(word)
            line, used = word, w
        yield line
        at = stop + 1


def column_widths(total: int, targets: int) -> tuple[int, list[int]]:
    """Width of the source column and of each target column for a grid `total` cells wide.

    The source gets a little more room than each target: it is read, the targets are scanned.
    """
    free = max(8 * (targets + 1), total - NUMBER_WIDTH - (targets + 1) - 1)
    unit = free / (targets + 1.25)
    source = int(unit * 1.25)
    each = (free - source) // targets if targets else 0
    widths = [each] * targets
    if targets:
        widths[-1] += free - source - each * targets
    return source, widths


def pad(text: str, width: int) -> str:
    """`text` padded with spaces (or cut) to exactly `width` cells."""
    used = cell_len(text)
    if used > width:
        return text[:width]
    return text + " " * (width - used)


def line_starts(text: str, lines: list[str]) -> list[int]:
    """Where each line `wrap(text, ...)` made starts in `text` (the lines are pieces of it, in order)."""
    out = []
    at = 0
    for line in lines:
        found = text.find(line, at) if line else at
        if found < 0:
            found = at
        out.append(found)
        at = found + len(line)
    return out


def term_pieces(
    text: str, start: int, spans: list[tuple[int, int]], plain: Style, term: Style
) -> list[RichSegment]:
    """A source line cut into plain and term pieces; `start` is where the line begins in the source."""
    out = []
    at = 0
    for s, e in sorted(spans):
        s, e = max(s - start, at), min(e - start, len(text))
        if s >= e:
            continue
        if s > at:
            out.append(RichSegment(text[at:s], plain))
        out.append(RichSegment(text[s:e], term))
        at = e
    if at < len(text):
        out.append(RichSegment(text[at:], plain))
    return out
