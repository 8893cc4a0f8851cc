"""The grid's vertical scrollbar: Textual's, repainting only the lines whose content changed.

A move that scrolls the grid moves the thumb by a line or two, but Textual repaints every line of the bar (its
`position` is a repainting reactive): 37 lines through the styles cache, ~1.2 ms of a ~6 ms frame, on every
move at the bottom of the screen and every PageDown. Here the bar's lines are still worked out whole (cheap:
one Rich render), compared with the ones on screen, and only those that differ are repainted. Should a
Textual version lack the internals this relies on, the bar repaints whole, as Textual's does.
"""

from __future__ import annotations

from typing import cast

from textual.geometry import Region
from textual.scrollbar import ScrollBar
from textual.strip import Strip
from textual.widget import Widget


class LineScrollBar(ScrollBar):
    """A scrollbar that repaints only its changed lines."""

    def __init__(self, vertical: bool = True, name: str | None = None, *, thickness: int = 1) -> None:
        super().__init__(vertical, name, thickness=thickness)
        self._painted: list[Strip] | None = None  # the content lines on screen
        self._kept: dict[int, Strip] = {}  # their painted lines, kept from the styles cache a refresh empties

    def notify_style_update(self) -> None:
        self._painted = None  # colours may have changed: repaint whole
        super().notify_style_update()

    def _set_dirty(self, *regions: Region) -> None:
        if not regions:  # a whole repaint empties the styles cache: keep its lines to hand back if unchanged
            cached = getattr(self._styles_cache, "_cache", None)
            if isinstance(cached, dict) and cached:
                self._kept = dict(cached)
        super()._set_dirty(*regions)

    def render_lines(self, crop: Region) -> list[Strip]:
        styles_cache = self._styles_cache
        dirty, cached = getattr(styles_cache, "_dirty_lines", None), getattr(styles_cache, "_cache", None)
        if self._dirty_regions and isinstance(dirty, set) and isinstance(cached, dict):
            self._render_content()  # the whole bar's content lines (what render_line hands out)
            lines = list(self._render_cache.lines)
            old, kept = self._painted, self._kept
            if old is not None and len(old) == len(lines):
                for y, (before, now) in enumerate(zip(old, lines, strict=True)):
                    if before == now and y in kept:
                        cached[y] = kept[y]
                        dirty.discard(y)
            self._painted, self._kept = lines, {}
        return super().render_lines(crop)


class LineScrollBars:
    """Mixed into a scroll view (before ScrollView): its vertical scrollbar is a LineScrollBar."""

    @property
    def vertical_scrollbar(self) -> ScrollBar:
        """Textual's vertical scrollbar, made as Textual makes it, but repainting only its changed lines."""
        view = cast(Widget, self)
        if view._vertical_scrollbar is None and hasattr(view.app, "_start_widget"):
            view._vertical_scrollbar = bar = LineScrollBar(
                vertical=True, name="vertical", thickness=view.scrollbar_size_vertical
            )
            bar.display = False
            view.app._start_widget(view, bar)
        return super().vertical_scrollbar  # type: ignore[misc]
