"""The workbench's editing actions beyond one target: split or join segments (Insert), find and replace in
targets (Ctrl+W), and reloading the grid after them. Mixed into WorkbenchScreen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tarjimon.core.errors import TarjimonError
from tarjimon.core.workbench.editing import SegmentsEdited
from tarjimon.tui.grid import SegmentGrid

if TYPE_CHECKING:
    from tarjimon.tui.workbench import WorkbenchScreen

    _Base = WorkbenchScreen
else:
    _Base = object


class WorkbenchEdits(_Base):
    """Split, join, find and replace: the core does them; the workbench shows the result."""

    def _next_in_paragraph(self) -> str | None:
        segment = self.row.segment
        if self.row_index + 1 >= len(self.rows):
            return None
        nxt = self.rows[self.row_index + 1].segment
        same = (nxt.document_id, nxt.paragraph) == (segment.document_id, segment.paragraph)
        return nxt.source if same else None

    def action_split_join(self) -> None:
        from tarjimon.tui.screens.split_join import SplitJoinScreen

        if self.read_only or not self.rows:
            self.notify("Read-only: segments cannot be split or joined here", severity="warning", timeout=3)
            return
        self.save_draft()
        screen = SplitJoinScreen(self.grid.places[self.row_index].index, self.row.segment.source,
                                 self._next_in_paragraph())
        self.app.push_screen(screen, self._split_or_join)

    def _split_or_join(self, answer: tuple[str, int] | None) -> None:
        if answer is None:
            return
        if answer[0] == "join":
            self.action_join_segments()
        else:
            self._edit_segments("split", answer[1])

    def action_join_segments(self) -> None:
        if self.read_only or not self.rows:
            return
        self.save_draft()
        self._edit_segments("join", 0)

    def _edit_segments(self, verb: str, at: int) -> None:
        number = self.grid.places[self.row_index].index  # as the grid numbers it (in its document)
        try:
            if verb == "join":
                done = self.project.join_segments(self.row.segment.id)
            else:
                done = self.project.split_segment(self.row.segment.id, at)
        except TarjimonError as exc:
            self.notify(str(exc), severity="warning", timeout=5)
            return
        self.reload_rows(done.segments[0].id)
        self.notify(_edited_note(verb, number, done, self.project.target_langs), timeout=6)

    def reload_rows(self, segment_id: int | None = None) -> None:
        """Read every row again (segments joined or split, targets replaced) and stay on `segment_id` (or the
        current position), in the current language; the filter is applied again."""
        rows = self.project.rows()
        ids = [r.segment.id for r in rows]
        index = ids.index(segment_id) if segment_id in ids else min(self.row_index, len(rows) - 1)
        self.rows = rows
        self._shown.clear()
        self.forget_lookups()
        self.query_one(SegmentGrid).set_rows(rows, {d.id: d.name for d in self.project.documents()}, plurals=self.project.plural_kinds())
        self.row_index = max(index, 0)
        self.apply_filter(self.filter)
        if self.rows:
            self.goto(self.row_index, self.lang, save=False)
            grid = self.query_one(SegmentGrid)
            self.call_after_refresh(lambda: grid.scroll_to_row(self.row_index, center=True))

    def action_find_replace(self) -> None:
        from tarjimon.tui.screens.replace import ReplaceScreen

        if self.read_only:
            self.notify("Read-only: targets cannot be replaced here", severity="warning", timeout=3)
            return
        self.save_draft()  # what is typed is a target the replace may change
        editor = self.editor
        self.app.push_screen(ReplaceScreen(self.project, self.lang, editor.selected_text.strip()), self._replaced)

    def _replaced(self, changed: bool | None) -> None:
        if changed:
            self.reload_rows(self.row.segment.id if self.rows else None)

    def action_undo_replace(self) -> None:
        if self.read_only:
            return
        self.save_draft()
        try:
            report = self.project.undo_replace(deliver=False)
        except TarjimonError as exc:
            self.notify(str(exc), severity="warning", timeout=3)
            return
        self.run_worker(self.project.deliver_queued, thread=True, group="replace-tm")  # the TM, off the UI
        self.reload_rows(self.row.segment.id if self.rows else None)
        skipped = f"; {len(report.skipped)} edited since, kept" if report.skipped else ""
        self.notify(f"Undid the last replace: {len(report.changed)} targets put back{skipped}", timeout=5)


def _edited_note(verb: str, number: int, done: SegmentsEdited, langs: list[str]) -> str:
    if verb == "join":
        return f"Joined segments {number} and {number + 1}; the targets joined per language"
    have = sorted({t.lang for t in done.targets})
    whole = [lg for lg in have if lg not in done.cut]
    parts = [f"Split segment {number} in two"]
    if done.cut:
        parts.append(f"{', '.join(done.cut)} cut at the matching punctuation")
    if whole:
        parts.append(f"{', '.join(whole)} kept whole in part 1: re-split it")
    if not have:
        return parts[0]
    drafts = any(t.status == "draft" for t in done.targets)  # a split undoing a join: confirmed as before
    return "; ".join(parts) + (" (drafts)" if drafts else " (confirmed, as before the join)")
