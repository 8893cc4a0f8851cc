"""A shared story in the workbench (mixed into WorkbenchScreen): what colleagues confirmed, shown in the grid
and the pivots as it arrives (`remote_targets`, called by the story's listener thread through the app), and the
state of the story's server in the header while it does not answer (`show_story_state`, every second); and the
state of a team TM's server (`show_team_state`, after each lookup)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.timer import Timer

from tarjimon.core.models import Translation
from tarjimon.core.workbench import backends
from tarjimon.core.workbench.backends import team_note
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
    _team_state: str | None = None  # what show_team_state last showed (None: the team TM's server answers)
    _team_timer: Timer | None = None  # asks an offline team TM's server again

    def show_team_state(self) -> None:
        """(After a lookup.) A team TM whose server did not answer: said once, and "team TM offline, N queued" in
        the header until a lookup or a confirm reaches it again (asked at most every RETRY_AFTER seconds); then
        what was queued is sent. Before, a workbench opened with its server unreachable said nothing until a
        confirm, and a queue waited for the next confirm even once the server answered lookups again."""
        if self._team_state is None and not self.project.config.settings.get(backends.TEAM_URL):
            return  # (no team TM: nothing asked of the project, its TM not opened here)
        note = team_note(self.project)
        if note == self._team_state:
            return
        self._title_states(self._story_state, note)
        if note and self._team_state is None:
            why = str(getattr(self.project.tm, "last_error", ""))  # (a refused login is not a server down)
            self.notify("Team TM unreachable: lookups come from the project's own TM; confirmed targets are kept "
                        "and sent when it is back" + (f". {why}" if why else ""), severity="warning", timeout=8)
            self._team_timer = self.set_interval(max(backends.RETRY_AFTER, 1.0), self._ask_team_tm)
        elif not note:
            self.notify("Team TM back", timeout=4)
            self.deliver_to_tm()  # (what was queued)
            if self._team_timer is not None:
                self._team_timer.stop()
                self._team_timer = None
        self._team_state = note

    def _ask_team_tm(self) -> None:
        """(Every RETRY_AFTER seconds while the team TM is offline.) Ask its server, off the screen's thread: a
        translator moving among segments whose answers are cached would never ask it."""
        self.run_worker(self._team_tm_answers, thread=True, group="team-tm", exclusive=True)

    def _team_tm_answers(self) -> None:
        tm = self.project.tm
        if isinstance(tm, backends.TeamMemory) and tm.online and not self.project.delivery.closed:
            self.app.call_from_thread(self.show_team_state)

    def show_story_state(self) -> None:
        """A shared story whose server stopped answering: "story offline, N queued" in the header until it is
        back (then said once); what is confirmed meanwhile is kept and sent by the listener when it returns."""
        sharing = self.project.sharing
        state = sharing.state() if sharing is not None else ""
        if state == self._story_state:
            return
        self._title_states(state, self._team_state)  # (sent when the server is back: the notification says so)
        if not state:
            self.notify("Story server back: queued targets sent", timeout=4)
        if state and not self._story_state:
            why = sharing.last_error if sharing is not None else ""
            self.notify("Story server unreachable: keep working; confirmed targets are kept and sent when it "
                        "is back" + (f". {why}" if why else ""), severity="warning", timeout=8)
        self._story_state = state

    def _title_states(self, story: str, team: str | None) -> None:
        """The header says what of the story's and the team TM's servers does not answer, both when both do not
        (before, the first one said kept the header: "story offline, 1 queued" hid that the team TM was
        offline too, with its own queue). Not over a filter's or a busy project's title."""
        def title(story: str, team: str | None) -> str:
            return " · ".join(p for p in (f"story {story}" if story else "", f"team TM {team}" if team else "") if p)

        if not self.sub_title or self.sub_title == title(self._story_state, self._team_state):
            self.sub_title = title(story, team)

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
        if changed:  # into the TM at once (before: at this desk's next confirm), a team TM's under their author
            self.deliver_to_tm()
