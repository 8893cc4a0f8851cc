"""The base of the side panels: a text that scrolls (mouse wheel) when it is longer than the panel.

Drawn line by line (Line API) from the text wrapped once per width, so showing a new match list repaints one
panel and re-lays out nothing (`Static.update` would ask for a new layout of the whole screen). Everything
given is drawn: a panel shorter than its text scrolls instead of cutting the last lines off.

Wrapping is most of the cost of showing a new text (Rich renders the styled text into lines: 1-3 ms for a TM
panel): a caller that knows the text ahead (the lookup worker, as an answer comes) wraps it there
(`wrap_lines`) and hands the lines over with the text (`Wrapped`), so the paint itself only swaps lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget

from tarjimon.tui.plain import signs
from tarjimon.tui.scrollbar import LineScrollBars


def wrap_lines(console: Any, content: Text, width: int) -> list[Strip]:
    """`content` wrapped to `width` cells, as the panel draws it (any thread: Rich renders without drawing).
    Its control characters are drawn as signs (a TM unit's or a shared story's ESC would act on the terminal)."""
    lines = console.render_lines(signs(content), console.options.update_width(width), pad=True)
    return [Strip(line, width) for line in lines]


@dataclass(frozen=True)
class Wrapped:
    """A panel's text wrapped ahead of its paint, at the width it had when it was wrapped."""

    content: Text
    width: int
    lines: list[Strip]


class Panel(LineScrollBars, ScrollView, can_focus=False):
    """Shows the text it was last given."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._content = Text("")
        self._lines: list[Strip] = []
        self._wrapped_at = 0
        self._base_style: Style | None = None

    def update(self, content: Text, wrapped: Wrapped | None = None) -> None:
        """Show `content`; `wrapped`: its lines wrapped ahead (used when the panel still has that width)."""
        if content.plain == self._content.plain and content.spans == self._content.spans:
            return  # the same text: no repaint (the pivots of empty segments, "no matches"...)
        self._content = content
        self.scroll_to(y=0, animate=False, immediate=True)
        if wrapped is not None and wrapped.content is content and wrapped.width == self.content_width > 0:
            self._set_lines(wrapped.lines, wrapped.width)
        else:
            self._wrap()
        self.refresh()

    @property
    def content_width(self) -> int:
        """The width the panel's text is wrapped to (0 before the first layout)."""
        return self.scrollable_content_region.width

    @property
    def text(self) -> str:
        """What the panel shows, as plain text (all of it, scrolled out of view or not)."""
        return self._content.plain

    def render(self) -> Text:  # the content, for tests and tools; drawing goes through render_line
        return self._content

    def _wrap(self) -> None:
        width = self.scrollable_content_region.width
        if width <= 0:
            return  # not laid out yet: on_resize wraps
        self._set_lines(wrap_lines(self.app.console, self._content, width), width)

    def _set_lines(self, lines: list[Strip], width: int) -> None:
        self._lines = lines
        self._wrapped_at = width
        set_virtual_size(self, Size(width, len(self._lines)))
        more = len(self._lines) > self.scrollable_content_region.height > 0
        self.border_subtitle = "more below: wheel scrolls" if more else ""

    def on_resize(self) -> None:
        self._wrap()
        self.refresh()

    def notify_style_update(self) -> None:
        self._base_style = None  # the theme or a class changed (Textual clears its component styles here too)
        super().notify_style_update()

    def render_line(self, y: int) -> Strip:
        # `rich_style` walks every ancestor's styles: worked out once, not once per line of every frame.
        style = self._base_style
        if style is None:
            style = self._base_style = self.rich_style
        width = self.scrollable_content_region.width
        index = int(self.scroll_y) + y
        if index < len(self._lines):
            return self._lines[index].crop(0, width).apply_style(style)
        return Strip.blank(width, style)


def set_virtual_size(view: ScrollView, size: Size) -> None:
    """Give a scroll view a new virtual size without re-laying out the screen.

    `virtual_size` is a layout reactive: assigning it re-lays out every widget of the screen (~10-60 ms in
    the workbench, the largest part of a move's frame). A scroll view whose own size does not depend on its
    content only needs its scrollbars updated, which is what Textual's own resize path does
    (`_scroll_update`); should a scrollbar appear or go, that still asks for a layout itself.
    """
    if size == view.virtual_size:
        return
    if not view.container_size:  # not laid out yet: the ordinary path
        view.virtual_size = size
        return
    height = view.container_size.height
    fits = size.height <= height and view.virtual_size.height <= height and size.width <= view.container_size.width
    view.set_reactive(Widget.virtual_size, size)
    if fits and not view.show_vertical_scrollbar and not view.show_horizontal_scrollbar:
        view.refresh()  # no scrollbar before or after: nothing else to update (a bar costs ~1 ms to draw)
        return
    view._scrollbar_changes.clear()
    view._scroll_update(size)
    view.refresh()
