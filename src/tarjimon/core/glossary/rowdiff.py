"""Which rows of a glossary file changed since its rows were read (rowcache.Rows, mixed in): from where the
change was spliced when tarjimon made it, else found on the file's bytes (filediff), else by comparing every
decoded line."""

from __future__ import annotations

import operator
import re
from bisect import bisect_left
from collections.abc import Sequence
from pathlib import Path

from tarjimon.core.errors import TarjimonError
from tarjimon.core.formats.tsv import refuse_conflict, row_order
from tarjimon.core.glossary import filediff
from tarjimon.core.textio import decode_text

_BLANK_LINE_RE = re.compile(r"\n[^\S\n]*\n")  # starts with a literal: scanned like a substring search


def table_lines(data: bytes, path: Path) -> tuple[list[str], bool]:
    """The non-blank, non-comment lines, as formats.tsv.read_tsv_text keeps them, and whether they are the
    file's lines exactly (a plain file, see filediff: a later version is compared on its bytes)."""
    text, enc = decode_text(data, path)
    refuse_conflict(text, path)
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if (
        not text.startswith(("#", "\ufeff", "\n"))
        and "\n#" not in text
        and "\n\ufeff" not in text
        and not _BLANK_LINE_RE.search(text)
        and not (lines and not lines[0].strip())
        and not (lines and not lines[-1].strip())
    ):
        # the usual file: no line to skip, found by C-level scans
        return lines, enc == "utf-8" and filediff.looks_plain(data)
    return [ln for ln in lines if ln.strip() and not ln.lstrip("\ufeff").startswith("#")], False


def kept_slots(old: Sequence[tuple[int, str | None]], new_rows: list[str]
               ) -> tuple[dict[str | None, int], set[int], list[int], list[str]]:
    """The changed middle of a table, rows `old` ((slot, row text), in file order) become `new_rows`: (each
    old row's slot by its text, the slots whose rows are still there unchanged and in the same order, the old
    slots removed, the new rows added). When kept rows changed their order, none is kept (every row of the
    middle is seeded again)."""
    where = {row: slot for slot, row in old}
    kept = [where[row] for row in new_rows if row in where]
    at = {slot: i for i, (slot, _) in enumerate(old)}
    if any(at[x] > at[y] for x, y in zip(kept, kept[1:], strict=False)):
        kept = []
    keep = set(kept)
    removed = [slot for slot, _ in old if slot not in keep]
    added = [row for row in new_rows if where.get(row) not in keep]
    return where, keep, removed, added


def _first_difference(a: list, b: list) -> int:
    """The first index where two lists differ (the shorter one's length when one starts the other)."""
    same = list(map(operator.eq, a, b))  # compared in C, not in a Python loop
    return same.index(False) if False in same else min(len(a), len(b))


class ChangedRows:
    """Mixed into rowcache.Rows: the rows between the unchanged head and tail of the file's new bytes."""

    path: Path
    header: str
    data: bytes | None
    order: list[int]
    by_slot: list[str | None]
    lines_counted: int

    def _changed_rows(self, data: bytes,
                      splice: filediff.Splice | None = None) -> tuple[int, int, list[str], bool] | None:  # fmt: skip
        """(rows unchanged at the start, at the end, the new rows between, whether `data` is plain) for the
        file's new bytes; None when the header changed or the file cannot be read this way."""
        if self.data is not None and (
            filediff.looks_plain(data) if splice is None else filediff.plain_splice(data, splice)
        ):
            if splice is not None:  # (a plain file: a line per row, after the header)
                change = filediff.spliced(self.data, data, splice, self._line_at(self.data, splice[0]))
            else:
                change = filediff.changed_lines(self.data, data)
            if change.first == 0:  # the header line
                return None
            if not filediff.plain_lines(change.new):  # (the rest is the old plain bytes)
                return self._all_rows(data)
            try:
                text, enc = decode_text(change.new, self.path)
            except TarjimonError:
                return None
            mid = text.split("\n")[:-1]
            if enc == "utf-8" and all(ln.strip() and not ln.startswith("\ufeff") for ln in mid):
                return change.first - 1, len(self.order) - (change.old_end - 1), mid, True
        return self._all_rows(data)

    def _line_at(self, data: bytes, at: int) -> int:
        """The line of this plain file's bytes `data` that starts at byte `at` (0: the header). Counting the
        newlines before it scans up to 13 MB (3 ms); a file tarjimon wrote is sorted by its rows
        (formats.tsv.row_order), so the row there is found by binary search over the rows in file order, and
        taken only when it is that row (rows are unique); otherwise they are counted."""
        order, by_slot = self.order, self.by_slot
        end = data.find(b"\n", at)
        if end >= 0:
            try:
                line = data[at:end].decode("utf-8")
            except UnicodeDecodeError:
                line = None
            if line is not None:
                probe = row_order(line.split("\t"))
                i = bisect_left(order, probe, key=lambda slot: row_order((by_slot[slot] or "").split("\t")))
                if i < len(order) and by_slot[order[i]] == line:
                    return i + 1
        elif at == len(data):
            return len(order) + 1
        self.lines_counted += 1
        return data.count(b"\n", 0, at)

    def _all_rows(self, data: bytes) -> tuple[int, int, list[str], bool] | None:
        """_changed_rows by decoding and comparing every line."""
        try:
            lines, plain = table_lines(data, self.path)
        except TarjimonError:
            return None
        if not lines or lines[0] != self.header:
            return None
        new = lines[1:]
        old = self.order
        n_old, n_new = len(old), len(new)
        rows = [self.by_slot[slot] for slot in old]
        lo = _first_difference(rows, new)
        hi = min(_first_difference(rows[::-1], new[::-1]), n_old - lo, n_new - lo)
        return lo, hi, new[lo : n_new - hi], plain

    # ---- the cache file ----
