"""A small app around the alignment review screen, for `tarjimon align ... --review`."""

from __future__ import annotations

from typing import Any

from textual.app import App

from tarjimon.core.workbench.aligning import Alignment
from tarjimon.tui.align_review import AlignCommands, AlignReviewScreen
from tarjimon.tui.plain import PlainNotify


class AlignReviewApp(PlainNotify, App[None]):
    """Shows `AlignReviewScreen`; `stored` is (added, duplicates) when the reviewer saved, else None."""

    TITLE = "Tarjimon · align"
    COMMANDS = App.COMMANDS | {AlignCommands}

    def __init__(self, project: Any, alignment: Alignment, *, min_confidence: float = 0.5) -> None:
        super().__init__()
        self.project = project
        self.alignment = alignment
        self.min_confidence = min_confidence
        self.stored: tuple[int, int] | None = None

    def on_mount(self) -> None:
        self.push_screen(AlignReviewScreen(self.project, self.alignment, self.min_confidence), self._done)

    def _done(self, result: tuple[int, int] | None) -> None:
        self.stored = result
        self.exit()
