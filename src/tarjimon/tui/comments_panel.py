"""Reviewers' open comments on the current segment, beside the grid (shown only when there are some)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from tarjimon.core.models import Comment
from tarjimon.tui.panel import Panel
from tarjimon.tui.screens.comments import comment_text


class CommentsPanel(Panel):
    """Shows the open comments it is given; hidden while there are none (no room taken)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "Comments"
        self.comments: list[Comment] = []
        self.add_class("-none")  # hidden until a segment with comments is shown (painted after the move's frame)

    def show(self, comments: Sequence[Comment]) -> None:
        self.comments = list(comments)
        self.border_title = f"Comments ({len(self.comments)}) F12"
        out = Text()
        for n, c in enumerate(self.comments):
            if n:
                out.append("\n")
            out.append_text(comment_text(c))
        self.update(out)
        self.set_class(not self.comments, "-none")  # only a change of class costs a re-layout
