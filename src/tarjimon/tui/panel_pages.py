"""Where the side panels go, and F3.

From NARROW columns the panels stand beside the grid (TM, glossary, other targets, comments, QA) and F3 shows or
hides them. Below, they are hidden, and F3 shows them under the editor (the grid keeps its width) a page at a
time, two or three side by side: the TM matches and the glossary, then the other targets (pivots) with the QA
findings and the reviewer comments, then none. So at 80x24 every panel can be reached, one key each time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tarjimon.tui.editor import TargetEditor

if TYPE_CHECKING:
    from tarjimon.tui.workbench import WorkbenchScreen

    _Base = WorkbenchScreen
else:
    _Base = object

NARROW = 130  # below this many columns the side panels hide (F3 shows them, a page at a time)
PAGES = ("TM and glossary", "other targets and QA")


class PanelPages(_Base):
    """Mixed into WorkbenchScreen (its `panels_forced`: F3's choice, None: by the width; `panel_page`: the page
    shown under the editor on a narrow terminal, 0: TM and glossary)."""

    def action_toggle_panels(self) -> None:
        """F3: show / hide the panels; under the editor (narrow) the next page, then none."""
        side = self.query_one("#side")
        if side.display and self.stacked and self.panel_page + 1 < len(PAGES):
            self.panel_page += 1
        else:
            self.panels_forced = not side.display
            self.panel_page = 0
        self._apply_size()

    @property
    def stacked(self) -> bool:
        """The panels are (to be) shown under the editor, a page at a time."""
        return self.has_class("-stacked")

    def _apply_size(self) -> None:
        """Panels beside the grid when there is room; F3 shows them anyway, under the editor a page at a time
        when the terminal is narrow. A lower editor on short terminals."""
        width = self.size.width
        editor = self.query_one(TargetEditor)
        editor.styles.height = 4 if self.size.height < 32 else 6
        # A lower or narrower editor wraps the target again: keep the line being typed in sight.
        self.call_after_refresh(editor.scroll_cursor_visible)
        show = self.panels_forced if self.panels_forced is not None else width >= NARROW
        stacked = bool(show) and width < NARROW
        side = self.query_one("#side")
        side.display = show
        self.set_class(stacked, "-stacked")
        self.set_class(stacked and self.panel_page == 1, "-page-2")
        side.styles.width = "1fr" if stacked else (46 if width >= 180 else 38)
        side.styles.height = (8 if self.size.height < 32 else 12) if stacked else "1fr"
        self._summarise_lookups()
        self.show_qa_line()  # the QA panel came or went: the QA line goes or comes

    def qa_panel_on_screen(self) -> bool:
        """The QA panel is drawn: beside the grid, or under the editor on its page."""
        return bool(self.query_one("#side").display) and (
            not self.stacked or self.panel_page == 1
        )

    def f3_hint(self) -> str:
        """What F3 does next, for the line under the editor while the panels are under it."""
        if not self.stacked:
            return ""
        return "F3 → other targets, QA" if self.panel_page == 0 else "F3 hide panels"
