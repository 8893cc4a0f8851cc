"""A shared story in the workbench (mixed into WorkbenchScreen): what colleagues confirmed, shown in the grid
and the pivots as it arrives (`remote_targets`, called by the story's listener thread through the app), and the
state of the story's server in the header while it does not answer (`show_story_state`, every second)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tarjimon.core.models import Translation
from tarjimon.tui.editor import TargetEditor
from tarjimon.tui.grid import SegmentGrid
from tarjimon.tui.pivots_panel import PivotsPanel

if TYPE_CHECKING:
    from tarjimon.tui.workbench import WorkbenchScreen

    _Base = WorkbenchScreen
else:
    _Base = object


class SharedStoryView(_Base):
    """Mixed into WorkbenchScreen."""

    _story_state = ""  # what show_story_state last showed ("" : the server answers)

    def show_story_state(self) -> None:
        """A shared story whose server stopped answering: "story offline, N queued" in the header until it is
        back (then said once); what is confirmed meanwhile is kept and sent by the listener when it returns."""
        sharing = self.project.sharing
        state = sharing.state() if sharing is not None else ""
        if state == self._story_state:
            return
        shown = self.sub_title == f"story {self._story_state}"  # (not a filter's or a busy project's title)
        if state and (not self.sub_title or shown):
            self.sub_title = f"story {state}"  # (sent when the server is back: the notification says so)
        elif not state:
            if shown:
                self.sub_title = ""
            self.notify("Story server back: queued targets sent", timeout=4)
        if state and not self._story_state:
            self.notify("Story server unreachable: keep working; confirmed targets are kept and sent when it "
                        "is back", severity="warning", timeout=6)
        self._story_state = state

    def remote_targets(self, changed: list[Translation]) -> None:
        """Targets a colleague confirmed (a shared story): into the grid and the pivots; the cell being edited
        gets the new text only when nothing was typed in it."""
        where = {row.segment.id: i for i, row in enumerate(self.rows)}
        for t in changed:
            index = where.get(t.segment_id)
            if index is None or t.lang not in self.rows[index].targets:
                continue
            self._set_target(index, t)
            who = t.origin.removeprefix("shared:")
            if index == self.row_index:
                self.query_one(PivotsPanel).show(self.row, self.lang)
                if t.lang == self.lang and self.query_one(TargetEditor).text != self.stored:
                    self.notify(
                        f"{who} changed this target to «{t.text}» while you were typing: Enter "
                        "overwrites it (both stay in the history)",
                        severity="warning",
                        timeout=8,
                    )
                    continue
                if t.lang == self.lang:
                    self.stored = t.text
                    self.query_one(TargetEditor).show_target(
                        t.text, t.lang, index + 1, t.status, self.read_only
                    )
                    self._ask_qa()  # the colleague's text is checked, not the one it replaced
            where = self.query_one(SegmentGrid).label(index + 1)
            self.notify(f"{t.lang} {where}: {who} confirmed «{t.text[:40]}»", timeout=3)
