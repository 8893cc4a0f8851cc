"""The base of the side panels: a widget that repaints itself only.

`Static.update` asks for a new layout of the whole screen (its size may change); the panels have fixed
shares of the side bar, so showing a new match list needs a repaint of one panel, nothing more.
"""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text
from textual.widget import Widget


class Panel(Widget):
    """Shows whatever renderable it was last given."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._content: RenderableType = Text("")

    def update(self, content: RenderableType) -> None:
        if isinstance(content, Text) and isinstance(self._content, Text):
            if content.plain == self._content.plain and content.spans == self._content.spans:
                return  # the same text: no repaint (the pivots of empty segments, "no matches"...)
        self._content = content
        self.refresh()

    @property
    def room(self) -> int:
        """How many lines the panel shows (content beyond them is not worth rendering)."""
        return max(3, self.content_region.height or 40)

    def render(self) -> RenderableType:
        return self._content
