"""How the segment grid draws its lines (mixed into SegmentGrid, grid.py): a row's strips, the header line,
the components' styles, and the lines Textual styled handed back after a scroll.

The grid's own strips are kept per block (`_cache`) and the lines Textual styled from them per block too
(`_styled`); grid.py drops both for a block whenever its row changes (cursor, live text, terms, a target).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.segment import Segment as RichSegment
from rich.style import Style
from textual.geometry import Region
from textual.strip import Strip

from tarjimon.core.text.visible import pictured, visible
from tarjimon.tui.layout import NUMBER_WIDTH, SEPARATOR, column_widths, line_starts, pad, term_pieces

if TYPE_CHECKING:
    from tarjimon.tui.grid import SegmentGrid

    _Base = SegmentGrid
else:
    _Base = object

_BACKGROUNDS = {"header", "header-current", "doc", "para", "row-odd", "cursor-row", "cursor-cell"}
STATUS_MARKS = {"empty": "○", "draft": "◐", "translated": "●", "reviewed": "✔"}


def plural_label(kind: str) -> str:
    """What a target cell of a PO plural form starts with: its kind in the target language ("few: ")."""
    return f"{kind}: " if kind else ""


@dataclass(frozen=True)
class Block:
    """A run of lines in the grid: a document heading, a paragraph gap or a segment row."""

    kind: str  # "doc" | "para" | "row"
    row: int  # index into the grid's rows (the first row of the document/paragraph for headings)
    height: int


class GridPaint(_Base):
    """Mixed into SegmentGrid (before Textual's classes)."""

    def _style(self, name: str) -> Style:
        """A component's style: backgrounds blended over the grid's own (so "$primary 15%" works),
        foreground-only components partial, so they can be laid over any row background. Worked out once
        (Textual's `get_component_rich_style` walks the styles: ~85 us, ~16 times a row), until the styles
        change; "base" is the grid's own."""
        style = self._styles.get(name)
        if style is None:
            if name == "base":
                style = self.rich_style
            else:
                style = self.get_component_rich_style(f"segment-grid--{name}")
                if name not in _BACKGROUNDS:
                    style = Style(
                        color=style.color, bold=style.bold, italic=style.italic, underline=style.underline
                    )
            self._styles[name] = style
        return style

    def notify_style_update(self) -> None:
        self._styles.clear()  # the theme or a class changed: work the styles out again
        self._cache.clear()
        self._styled.clear()
        super().notify_style_update()

    def render_lines(self, crop: Region) -> list[Strip]:
        """Textual's, but a line it styled before (the background beyond the columns, the line filters' input)
        is handed back from `_styled` wherever it now is on screen: Textual keeps styled lines by their row on
        screen, and a scroll (every move at the bottom of the screen, every PageDown) makes every row new: the
        grid's 37 lines went through its styles again (~1 ms of a ~4 ms frame). Lines are kept per block, and
        dropped with the block's own strips (`_cache`) when its row changes. Should the styles put anything
        around the lines (a border, padding, an outline) or should this Textual lack the styles cache's
        internals, every line goes through Textual's path as before."""
        styles_cache = self._styles_cache
        dirty, cached = getattr(styles_cache, "_dirty_lines", None), getattr(styles_cache, "_cache", None)
        if not (isinstance(dirty, set) and isinstance(cached, dict)) or not self._bare() or not self._blocks:
            return super().render_lines(crop)
        if self.size.width != getattr(styles_cache, "_width", None):
            self._styled.clear()  # (the styles cache starts afresh at a new width)
        top = int(self.scroll_y) - 1
        end = self._starts[-1] + self._blocks[-1].height
        fresh: dict[int, tuple[int, int]] = {}
        for y in crop.line_range:
            line = top + y
            if y == 0 or not 0 <= line < end or (y not in dirty and y in cached):
                continue  # the header, the blank below the rows, a line already on screen
            bi = bisect_right(self._starts, line) - 1
            n = line - self._starts[bi]
            styled = self._styled.get(bi, {}).get(n)
            if styled is None:
                fresh[y] = (bi, n)
            else:
                cached[y] = styled
                dirty.discard(y)
        strips = super().render_lines(crop)
        for y, (bi, n) in fresh.items():
            if y in cached and bi in self._cache:  # (kept only while the block's own strips are)
                self._styled.setdefault(bi, {})[n] = cached[y]
        return strips

    def _bare(self) -> bool:
        """No border, padding or outline: a line's style does not depend on where it is on screen."""
        styles = self.styles
        return not any(styles.gutter) and not any(edge[0] for edge in styles.outline)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y == 0:
            return self._header().crop(0, width)
        line = int(self.scroll_y) + y - 1
        if not self._blocks or line >= self._starts[-1] + self._blocks[-1].height:
            return Strip.blank(width, self._style("base"))
        bi = bisect_right(self._starts, line) - 1
        strips = self._cache.get(bi)
        if strips is None:
            strips = self._cache[bi] = self._render_block(self._blocks[bi])
        return strips[line - self._starts[bi]].crop(0, width)

    def _header(self) -> Strip:
        source_w, target_ws = column_widths(self._layout_width, len(self.langs))
        base = self._style("header")
        done = self._counts()
        segs = [RichSegment(pad("  #", NUMBER_WIDTH), base), RichSegment(SEPARATOR, base)]
        segs.append(RichSegment(pad(f" {self.source_lang} · source", source_w), base))
        for lang, width in zip(self.langs, target_ws, strict=True):
            style = self._style("header-current") if lang == self.cursor[1] else base
            segs.append(RichSegment(SEPARATOR, base))
            label = f" {lang}  {done.get(lang, 0)}/{len(self.rows) - done.get(f'{lang} unused', 0)}"
            segs.append(RichSegment(pad(label, width), style))
        return Strip(segs)

    def _counts(self) -> dict[str, int]:
        """Confirmed targets per language, and as "LANG unused" the empty PO plural forms it has not (no work
        there: not counted in its total) (cached: the header is drawn on every frame)."""
        if self._counts_cache is not None:
            return self._counts_cache
        counts: dict[str, int] = {}
        for row in self.rows:
            kinds = self.plurals.get(row.segment.id, {})
            for lang, target in row.targets.items():
                if target.status in ("translated", "reviewed"):
                    counts[lang] = counts.get(lang, 0) + 1
                elif target.status == "empty" and kinds.get(lang) == "unused":
                    counts[f"{lang} unused"] = counts.get(f"{lang} unused", 0) + 1
        self._counts_cache = counts
        return counts

    def _render_block(self, block: Block) -> list[Strip]:
        width = self._layout_width
        if block.kind == "doc":
            name = self.doc_names.get(self.rows[block.row].segment.document_id, "")
            return [Strip([RichSegment(pad(f" ▌ {visible(name)}", width), self._style("doc"))])]
        if block.kind == "para":
            return [Strip([RichSegment(pad(" " * (NUMBER_WIDTH - 2) + "¶", width), self._style("para"))])]
        return self._render_row(block.row, block.height)

    def _render_row(self, index: int, height: int) -> list[Strip]:
        source_w, target_ws = column_widths(self._layout_width, len(self.langs))
        row = self.rows[index]
        cells = self._cells(index)
        current = index == self.cursor[0]
        base = self._style("base")
        if current:
            base = self._style("cursor-row")
        elif index % 2:
            base = self._style("row-odd")
        number = base + self._style("number")
        source_style = base + self._style("title") if row.segment.kind == "title" else base
        spans = self._term_spans(index)
        starts = line_starts(pictured(self.source_view(index, row.segment.source)), cells[0]) if spans else []
        term_style = source_style + self._style("term")
        strips = []
        for n in range(height):
            shown = self.places[index].index if index < len(self.places) else index + 1  # from 1 in its document
            num = f"{shown:>{NUMBER_WIDTH - 1}} " if n == 0 else " " * NUMBER_WIDTH
            if n == 0 and index in self.commented:  # open reviewer comments: ✱ after the number
                segs = [RichSegment(num[:-1], number), RichSegment("✱", base + self._style("comment"))]
            else:
                segs = [RichSegment(num, number)]
            segs.append(RichSegment(SEPARATOR, number))
            text = cells[0][n] if n < len(cells[0]) else ""
            if spans and n < len(starts):
                segs.append(RichSegment(" ", source_style))
                segs.extend(term_pieces(text, starts[n], spans, source_style, term_style))
                segs.append(RichSegment(pad("", source_w - 1 - cell_len(text)), source_style))
            else:
                segs.append(RichSegment(pad(" " + text, source_w), source_style))
            for c, (lang, w) in enumerate(zip(self.langs, target_ws, strict=True), start=1):
                status = row.targets[lang].status
                cell_style = self._style("cursor-cell") if current and lang == self.cursor[1] else base
                segs.append(RichSegment(SEPARATOR, number))
                mark = f" {STATUS_MARKS.get(status, '?')} " if n == 0 else "   "
                segs.append(RichSegment(mark, cell_style + self._style(status)))
                text = cells[c][n] if n < len(cells[c]) else ""
                label = plural_label(self.plural_kind(index, lang)) if n == 0 else ""
                if label and text.startswith(label):  # a PO plural form's kind ("few: "), dim before the target
                    segs.append(RichSegment(label, cell_style + self._style("plural")))
                    text = text[len(label):]
                    segs.append(RichSegment(pad(text, w - 3 - cell_len(label)), cell_style))
                    continue
                segs.append(RichSegment(pad(text, w - 3), cell_style))
            strips.append(Strip(segs))
        return strips

    def _term_spans(self, index: int) -> list[tuple[int, int]]:
        row, shown, spans = self.terms
        if row != index or not spans or shown != self.source_view(index, self.rows[index].segment.source):
            return []  # another row, or the answer for a script no longer shown
        return spans
