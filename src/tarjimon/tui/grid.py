"""The segment grid: source beside every target, one row per segment, drawn line by line (Line API).

Only the lines on screen are rendered (`render_line`), each row's strips are cached, and the layout is a
list of row heights with their prefix sums, so a 10,000-segment document scrolls like a 10-segment one.
The grid does not edit: the screen tells it where the cursor is and what the editor holds (`live_text`);
clicks go back up as `CellClicked`.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from itertools import accumulate

from rich.cells import cell_len
from rich.segment import Segment as RichSegment
from rich.style import Style
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tarjimon.core.models import SegmentRow
from tarjimon.tui.layout import NUMBER_WIDTH, SEPARATOR, column_widths, line_starts, pad, term_pieces, wrap
from tarjimon.tui.panel import set_virtual_size
from tarjimon.tui.scrollbar import LineScrollBars

_BACKGROUNDS = {"header", "header-current", "doc", "para", "row-odd", "cursor-row", "cursor-cell"}
STATUS_MARKS = {"empty": "○", "draft": "◐", "translated": "●", "reviewed": "✔"}


@dataclass(frozen=True)
class Block:
    """A run of lines in the grid: a document heading, a paragraph gap or a segment row."""

    kind: str  # "doc" | "para" | "row"
    row: int  # index into the grid's rows (the first row of the document/paragraph for headings)
    height: int


class SegmentGrid(LineScrollBars, ScrollView, can_focus=False):
    """Rows of segments with a fixed header line naming the languages."""

    COMPONENT_CLASSES = {
        "segment-grid--header",
        "segment-grid--header-current",
        "segment-grid--doc",
        "segment-grid--para",
        "segment-grid--row-odd",
        "segment-grid--cursor-row",
        "segment-grid--cursor-cell",
        "segment-grid--number",
        "segment-grid--title",
        "segment-grid--empty",
        "segment-grid--draft",
        "segment-grid--translated",
        "segment-grid--reviewed",
        "segment-grid--term",
        "segment-grid--comment",
    }

    DEFAULT_CSS = """
    SegmentGrid { background: $surface; scrollbar-gutter: stable; }
    SegmentGrid > .segment-grid--header { background: $panel; color: $text-muted; text-style: bold; }
    SegmentGrid > .segment-grid--header-current { background: $primary; color: $text; text-style: bold; }
    SegmentGrid > .segment-grid--doc { background: $primary-muted; color: $text; text-style: bold; }
    SegmentGrid > .segment-grid--para { color: $text-disabled; }
    SegmentGrid > .segment-grid--row-odd { background: $boost; }
    SegmentGrid > .segment-grid--cursor-row { background: $primary 15%; }
    SegmentGrid > .segment-grid--cursor-cell { background: $accent 35%; color: $text; }
    SegmentGrid > .segment-grid--number { color: $text-muted; }
    SegmentGrid > .segment-grid--title { text-style: bold; }
    SegmentGrid > .segment-grid--empty { color: $text-disabled; }
    SegmentGrid > .segment-grid--draft { color: $warning; }
    SegmentGrid > .segment-grid--translated { color: $success; }
    SegmentGrid > .segment-grid--reviewed { color: $accent; }
    SegmentGrid > .segment-grid--term { color: $text-warning; text-style: underline; }
    SegmentGrid > .segment-grid--comment { color: $warning; text-style: bold; }
    """

    class CellClicked(Message):
        """The translator clicked a target cell (or a source cell: `lang` is then the current language)."""

        def __init__(self, row: int, lang: str | None) -> None:
            super().__init__()
            self.row = row
            self.lang = lang

    def __init__(self, source_lang: str, langs: list[str], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.source_lang = source_lang
        self.langs = list(langs)
        self.rows: list[SegmentRow] = []
        self.doc_names: dict[int, str] = {}
        self.shown_rows: list[int] = []
        self.cursor: tuple[int, str] = (0, self.langs[0])
        self.live_text: str | None = None
        self.terms: tuple[int, str, list[tuple[int, int]]] = (-1, "", [])  # (row, source as shown, spans)
        self.source_view: Callable[[int, str], str] = lambda _i, text: text
        self._blocks: list[Block] = []
        self._starts: list[int] = []
        self._block_of_row: dict[int, int] = {}
        self._cache: dict[int, list[Strip]] = {}
        self._styles: dict[str, Style] = {}
        self._layout_width = 0
        self._counts_cache: dict[str, int] | None = None
        self.commented: set[int] = set()  # rows with open reviewer comments: ✱ after their number

    # ---- attributes down ------------------------------------------------------------------------
    def set_rows(
        self, rows: list[SegmentRow], doc_names: dict[int, str], shown: list[int] | None = None
    ) -> None:
        """Show these rows (only `visible` ones, by index, when a filter is on)."""
        self.rows = rows
        self.doc_names = doc_names
        self._counts_cache = None
        self.shown_rows = list(range(len(rows))) if shown is None else shown
        self.relayout()

    def set_commented(self, rows: set[int]) -> None:
        """Rows with open reviewer comments (marked ✱ beside their number)."""
        changed = rows ^ self.commented
        self.commented = set(rows)
        for index in changed:
            self._forget(index)
            self._refresh_row(index)

    def set_shown(self, shown: list[int]) -> None:
        self.shown_rows = shown
        self.relayout()

    def update_row(self, index: int, row: SegmentRow) -> None:
        """A row's targets changed: redraw it (its height may change)."""
        self.rows[index] = row
        self._counts_cache = None
        self._remeasure(index)
        self.refresh(Region(0, 0, self.size.width, 1))  # the header counts

    def set_cursor(self, row: int, lang: str) -> None:
        """Move the highlighted cell; the row is scrolled into view."""
        old, old_lang = self.cursor
        self.cursor = (row, lang)
        self.live_text = None
        self._forget(old)
        self._refresh_row(old)
        self._remeasure(row)
        self.scroll_to_row(row)
        if lang != old_lang:
            self.refresh(Region(0, 0, self.size.width, 1))  # the header marks the current language

    def set_live_text(self, text: str) -> None:
        """What the editor holds for the cursor cell, drawn in place while the translator types."""
        self.live_text = text
        self._remeasure(self.cursor[0])

    def set_terms(self, row: int, shown_source: str, spans: list[tuple[int, int]]) -> None:
        """Glossary terms found in a row's source (offsets into the source as shown): underlined there."""
        old = self.terms[0]
        self.terms = (row, shown_source, list(spans))
        for index in {old, row}:
            self._forget(index)
            self._refresh_row(index)

    def refresh_sources(self) -> None:
        """The source script changed: lay everything out again."""
        self.relayout()

    # ---- layout ---------------------------------------------------------------------------------
    @property
    def _width(self) -> int:
        return max(20, self.scrollable_content_region.width)

    def relayout(self) -> None:
        """Measure every visible row: heights only, the strips are rendered when they are seen."""
        if not self.scrollable_content_region.width:
            return  # not laid out yet: on_resize measures, once, at the real width
        self._layout_width = self._width
        blocks: list[Block] = []
        last_doc: int | None = None
        last_para: int | None = None
        for index in self.shown_rows:
            seg = self.rows[index].segment
            if seg.document_id != last_doc:
                blocks.append(Block("doc", index, 1))
                last_doc, last_para = seg.document_id, seg.paragraph
            elif seg.paragraph != last_para:
                blocks.append(Block("para", index, 1))
                last_para = seg.paragraph
            blocks.append(Block("row", index, self._measure(index)))
        self._set_blocks(blocks)

    def _set_blocks(self, blocks: list[Block]) -> None:
        self._blocks = blocks
        self._starts = [0, *accumulate(b.height for b in blocks)][:-1] if blocks else []
        self._block_of_row = {b.row: i for i, b in enumerate(blocks) if b.kind == "row"}
        self._cache.clear()
        total = (self._starts[-1] + blocks[-1].height) if blocks else 0
        set_virtual_size(self, Size(self._layout_width, total + 1))  # no re-layout of the screen
        self.refresh()

    def _remeasure(self, index: int) -> None:
        bi = self._block_of_row.get(index)
        if bi is None:
            return
        self._cache.pop(bi, None)
        height = self._measure(index)
        if height != self._blocks[bi].height:
            self._blocks[bi] = Block("row", index, height)
            self._set_blocks(self._blocks)
        else:
            self._refresh_row(index)

    def _refresh_row(self, index: int) -> None:
        """Repaint only a row's lines (a move or a keystroke must not repaint the whole grid)."""
        span = self.row_span(index)
        if span is not None:
            self.refresh_lines(span[0] + 1, span[1])  # +1: the header line above the rows

    def _forget(self, index: int) -> None:
        bi = self._block_of_row.get(index)
        if bi is not None:
            self._cache.pop(bi, None)

    def _cells(self, index: int) -> list[list[str]]:
        """The wrapped lines of each cell of a row: source first, then each target."""
        source_w, target_ws = column_widths(self._layout_width, len(self.langs))
        row = self.rows[index]
        cells = [wrap(self.source_view(index, row.segment.source), source_w - 2)]
        for lang, width in zip(self.langs, target_ws, strict=True):
            text = row.targets[lang].text
            if self.live_text is not None and (index, lang) == self.cursor:
                text = self.live_text
            cells.append(wrap(text, width - 3) if text else [""])
        return cells

    def _measure(self, index: int) -> int:
        return max(len(c) for c in self._cells(index))

    def on_resize(self, event: events.Resize) -> None:
        if self._width != self._layout_width:
            self.relayout()
        # A lower grid (F3 at 80x24) must still show the cursor row; on opening, the new virtual size is
        # only taken into account (max_scroll_y) after this refresh, so scroll again then.
        self.scroll_to_row(self.cursor[0])
        self.call_after_refresh(lambda: self.scroll_to_row(self.cursor[0]))

    # ---- scrolling ------------------------------------------------------------------------------
    def row_span(self, index: int) -> tuple[int, int] | None:
        bi = self._block_of_row.get(index)
        if bi is None:
            return None
        return self._starts[bi], self._blocks[bi].height

    def scroll_to_row(self, index: int, center: bool = False) -> None:
        """Scroll just enough to show a row (and the heading above it, if there is one); with `center`,
        put it in the middle of the grid if it is not on screen already."""
        span = self.row_span(index)
        if span is None:
            return
        top, height = span
        bi = self._block_of_row[index]
        if bi > 0 and self._blocks[bi - 1].kind != "row":
            top -= 1
            height += 1
        view = max(1, self.scrollable_content_region.height - 1)
        if center and not (self.scroll_y <= top and top + height <= self.scroll_y + view):
            self.scroll_to(y=max(0, top - (view - height) // 2), animate=False, immediate=True)
        elif top < self.scroll_y:
            self.scroll_to(y=top, animate=False, immediate=True)
        elif top + height > self.scroll_y + view:
            self.scroll_to(y=max(0, min(top, top + height - view)), animate=False, immediate=True)

    # ---- drawing --------------------------------------------------------------------------------
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
        super().notify_style_update()

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
            label = f" {lang}  {done.get(lang, 0)}/{len(self.rows)}"
            segs.append(RichSegment(pad(label, width), style))
        return Strip(segs)

    def _counts(self) -> dict[str, int]:
        """Confirmed targets per language (cached: the header is drawn on every frame)."""
        if self._counts_cache is not None:
            return self._counts_cache
        counts: dict[str, int] = {}
        for row in self.rows:
            for lang, target in row.targets.items():
                if target.status in ("translated", "reviewed"):
                    counts[lang] = counts.get(lang, 0) + 1
        self._counts_cache = counts
        return counts

    def _render_block(self, block: Block) -> list[Strip]:
        width = self._layout_width
        if block.kind == "doc":
            name = self.doc_names.get(self.rows[block.row].segment.document_id, "")
            return [Strip([RichSegment(pad(f" ▌ {name}", width), self._style("doc"))])]
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
        starts = line_starts(self.source_view(index, row.segment.source), cells[0]) if spans else []
        term_style = source_style + self._style("term")
        strips = []
        for n in range(height):
            num = f"{index + 1:>{NUMBER_WIDTH - 1}} " if n == 0 else " " * NUMBER_WIDTH
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
                segs.append(RichSegment(pad(text, w - 3), cell_style))
            strips.append(Strip(segs))
        return strips

    def _term_spans(self, index: int) -> list[tuple[int, int]]:
        row, shown, spans = self.terms
        if row != index or not spans or shown != self.source_view(index, self.rows[index].segment.source):
            return []  # another row, or the answer for a script no longer shown
        return spans

    # ---- mouse ----------------------------------------------------------------------------------
    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y == 0 or not self._blocks:
            return
        line = int(self.scroll_y) + offset.y - 1
        bi = bisect_right(self._starts, line) - 1
        if bi < 0 or self._blocks[bi].kind != "row":
            return
        source_w, target_ws = column_widths(self._layout_width, len(self.langs))
        x = offset.x - NUMBER_WIDTH - 1 - source_w
        lang = None
        for candidate, width in zip(self.langs, target_ws, strict=True):
            x -= 1
            if 0 <= x < width:
                lang = candidate
                break
            x -= width
        self.post_message(self.CellClicked(self._blocks[bi].row, lang))

