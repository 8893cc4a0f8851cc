"""The segment grid: source beside every target, one row per segment, drawn line by line (Line API).

Only the lines on screen are rendered (`render_line`, grid_paint.py), each row's strips are cached, and the
layout is a list of row heights with their prefix sums, so a 10,000-segment document scrolls like a 10-segment
one. The grid does not edit: the screen tells it where the cursor is and what the editor holds (`live_text`);
clicks go back up as `CellClicked`.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from itertools import accumulate

from rich.style import Style
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tarjimon.core.models import SegmentRow
from tarjimon.core.segment_places import Place, places
from tarjimon.core.text.visible import pictured
from tarjimon.tui.grid_paint import STATUS_MARKS as STATUS_MARKS  # (re-exported: the editor, pivots, history)
from tarjimon.tui.grid_paint import Block, GridPaint, plural_label
from tarjimon.tui.layout import NUMBER_WIDTH, column_widths, wrap
from tarjimon.tui.panel import set_virtual_size
from tarjimon.tui.scrollbar import LineScrollBars

WRAPPED_KEPT = 256  # rows whose wrapped cells are kept (_cells)


class SegmentGrid(GridPaint, LineScrollBars, ScrollView, can_focus=False):
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
        "segment-grid--plural",
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
    SegmentGrid > .segment-grid--plural { color: $text-muted; text-style: italic; }
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
        self._wrapped: dict[tuple[object, ...], list[list[str]]] = {}  # recent rows' cells, by what they hold
        self._styled: dict[int, dict[int, Strip]] = {}  # block -> its lines as Textual styled them (render_lines)
        self._styles: dict[str, Style] = {}
        self._layout_width = 0
        self._counts_cache: dict[str, int] | None = None
        self.commented: set[int] = set()  # rows with open reviewer comments: ✱ after their number
        self.places: list[Place] = []  # each row's document and number in it (set_rows)
        self.plurals: dict[int, dict[str, str]] = {}  # segment id -> {lang: "one"|"few"|"many"...}: PO plural forms

    # ---- attributes down ------------------------------------------------------------------------
    def set_rows(
        self, rows: list[SegmentRow], doc_names: dict[int, str], shown: list[int] | None = None,
        plurals: dict[int, dict[str, str]] | None = None,
    ) -> None:
        """Show these rows (only `visible` ones, by index, when a filter is on); `plurals`: the kind of each PO
        plural form per target language, shown at the start of its target cells ("few: ...")."""
        self.rows = rows
        self.doc_names = doc_names
        self.places = [found for found in places(rows, doc_names).values()]  # row index -> (document, number)
        self.plurals = plurals or {}
        self._counts_cache = None
        self.shown_rows = list(range(len(rows))) if shown is None else shown
        self.relayout()

    def label(self, number: int) -> str:
        """Row `number` (from 1, as the workbench counts rows) named as every face names it: "segment 12", or
        "article.txt #12" in a project of several documents (core/segment_places.py)."""
        if 1 <= number <= len(self.places):
            return self.places[number - 1].label
        return f"segment {number}"

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
        self._remeasure(old)  # (without the live text it had: drawn from its target again)
        self._forget(row)  # (its height does not change by becoming current)
        self._refresh_row(row)
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
            blocks.append(Block("row", index, self._measure(index, keep=False)))
        self._set_blocks(blocks)

    def _set_blocks(self, blocks: list[Block]) -> None:
        self._blocks = blocks
        self._starts = [0, *accumulate(b.height for b in blocks)][:-1] if blocks else []
        self._block_of_row = {b.row: i for i, b in enumerate(blocks) if b.kind == "row"}
        self._cache.clear()
        self._styled.clear()
        total = (self._starts[-1] + blocks[-1].height) if blocks else 0
        set_virtual_size(self, Size(self._layout_width, total + 1))  # no re-layout of the screen
        self.refresh()

    def _remeasure(self, index: int) -> None:
        bi = self._block_of_row.get(index)
        if bi is None:
            return
        self._cache.pop(bi, None)
        self._styled.pop(bi, None)
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
            self._styled.pop(bi, None)

    def _cells(self, index: int, keep: bool = True) -> list[list[str]]:
        """The wrapped lines of each cell of a row: source first, then each target. Kept for the rows last
        asked for (`keep`), by what they hold: a move measures and draws the rows it leaves and enters, which
        were drawn before with the same texts (wrapping a row's four cells: ~0.1 ms)."""
        row = self.rows[index]
        texts = [self.source_view(index, row.segment.source)]
        kinds = self.plurals.get(row.segment.id, {})
        for lang in self.langs:
            live = self.live_text is not None and (index, lang) == self.cursor
            text = self.live_text if live else row.targets[lang].text
            texts.append(plural_label(kinds.get(lang, "")) + text)  # type: ignore[operator]
        key = (self._layout_width, *texts)
        cells = self._wrapped.get(key) if keep else None
        if cells is None:
            source_w, target_ws = column_widths(self._layout_width, len(self.langs))
            # (control characters drawn as signs, one for one: the source's term spans stay where they are)
            cells = [wrap(pictured(texts[0]), source_w - 2)]
            cells += [wrap(pictured(text), width - 3) if text else [""]
                      for text, width in zip(texts[1:], target_ws, strict=True)]
            if keep:
                if len(self._wrapped) >= WRAPPED_KEPT:
                    self._wrapped.clear()
                self._wrapped[key] = cells
        return cells

    def plural_kind(self, index: int, lang: str) -> str:
        """The plural kind of row `index`'s form in `lang` ("" when it is no PO plural form)."""
        return self.plurals.get(self.rows[index].segment.id, {}).get(lang, "")

    def _measure(self, index: int, keep: bool = True) -> int:
        return max(len(c) for c in self._cells(index, keep))

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

