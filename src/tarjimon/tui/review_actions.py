"""The workbench's review actions: versions of a target (Ctrl+A), comments (F12), what a confirm does with
the same sentence elsewhere (repetitions: fill and say so, ask, never; the palette switches and undoes), and
the segments with QA findings for the filter (Ctrl+F)."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from textual import work

from tarjimon.core.errors import TarjimonError
from tarjimon.core.models import Translation
from tarjimon.core.workbench import Confirmed
from tarjimon.core.workbench.review import REPETITION_MODES
from tarjimon.tui.comments_panel import CommentsPanel
from tarjimon.tui.editor import TargetEditor
from tarjimon.tui.grid import SegmentGrid
from tarjimon.tui.navigation import Filter

if TYPE_CHECKING:
    from tarjimon.tui.workbench import WorkbenchScreen

    _Base = WorkbenchScreen
else:
    _Base = object


FILL_TOLD_FOR = 5.0  # seconds a "Filled N repetitions" notice stays up
_clock = time.monotonic  # (a test sets another)


class ReviewActions(_Base):
    """Mixed into WorkbenchScreen."""

    last_fill: list[Translation]
    _fill_told_until = 0.0  # while a fill's notice is up, the next fills are said under the editor only
    comment_counts: dict[int, int]

    # ---- the filter on QA findings (Ctrl+F) -----------------------------------------------------------
    @work(thread=True, exclusive=True, group="qa-filter")
    def _check_for_filter(self, flt: Filter, keep: bool) -> None:
        """The segments with QA findings in the filter's languages, as `tarjimon qa` finds them (the
        project-wide checks too), worked out in a thread (a long document takes a moment); then filtered."""
        try:
            findings = self.project.qa(flt.qa_langs)
        except TarjimonError as exc:
            self.app.call_from_thread(self.notify, f"QA: {exc}", severity="error")
            kept = self.filter if not self.filter.findings else Filter()  # the filter as it was, titled so
            self.app.call_from_thread(self.apply_filter, kept)
            return
        flagged = {f.segment for f in findings}
        self.app.call_from_thread(self.apply_filter, flt, keep, flagged)

    # ---- comments: the grid's marker and the panel ----------------------------------------------------
    def load_comment_marks(self) -> None:
        """Which rows have open comments (one query), for the grid's ✱ and the panel."""
        self.comment_counts = self.project.review.open_counts()
        where = {row.segment.id: i for i, row in enumerate(self.rows)}
        self.query_one(SegmentGrid).set_commented({where[s] for s in self.comment_counts if s in where})

    def show_comments(self) -> None:
        """The current segment's open comments (on this language or the whole segment) in their panel."""
        if not self.rows:
            return
        segment_id = self.row.segment.id
        found = (self.project.review.comments(segment_id, lang=self.lang)
                 if self.comment_counts.get(segment_id) else [])  # fmt: skip
        self.query_one(CommentsPanel).show(found)
        editor = self.query_one(TargetEditor)
        if editor.comments != len(found):  # the line under the editor says it: "1 comment F12" (a move from a
            editor.comments = len(found)  # segment with comments kept saying so when the lookups came first)
            self._summarise_lookups()

    def action_comments(self) -> None:
        from tarjimon.tui.screens.comments import CommentsScreen

        if not self.rows:
            return
        self.save_draft()
        title = f"Comments · {self.grid.label(self.row_index + 1)} · {self.lang}"
        screen = CommentsScreen(self.project.review, self.row.segment.id, self.lang, title, self.read_only)
        self.app.push_screen(screen, self._comments_closed)

    def _comments_closed(self, changed: bool | None) -> None:
        if changed:
            self.load_comment_marks()
            self.show_comments()
            self._summarise_lookups()
        self.editor.focus()

    # ---- versions ---------------------------------------------------------------------------------
    def action_history(self) -> None:
        from tarjimon.tui.screens.history import HistoryScreen

        if not self.rows:
            return
        self.save_draft()  # what is typed is a version too
        segment_id, lang, index = self.row.segment.id, self.lang, self.row_index
        title = f"Versions · {self.grid.label(index + 1)} · {lang}"
        screen = HistoryScreen(title, self.shown_source(index, self.row.segment.source),
                               lambda against: self.project.review.versions(segment_id, lang, against=against))
        self.app.push_screen(screen, lambda number: self._restore(index, lang, number))

    def _restore(self, index: int, lang: str, number: int | None) -> None:
        if not number or self.read_only:
            self.editor.focus()
            return
        try:
            done = self.project.review.restore(self.rows[index].segment.id, lang, number)
        except TarjimonError as exc:
            self.notify(str(exc), severity="error")
            return
        self._set_target(index, done.saved)
        if (index, lang) == (self.row_index, self.lang):
            self.stored = done.saved.text
            self.editor.show_target(done.saved.text, lang, index + 1, done.saved.status, self.read_only)
            self._ask_qa()  # the restored text is checked, not the one it replaced
        self.notify(f"Restored version {number} (the text it replaced is kept as a version)", timeout=4)
        self.after_repetitions(index, done)
        self.editor.focus()

    # ---- repetitions ------------------------------------------------------------------------------
    def after_repetitions(self, index: int, done: Confirmed) -> None:
        """After a confirm: say how many repetitions were filled (undo in the palette), or ask (the "ask"
        mode) which to fill."""
        if done.filled:
            self._filled(done.filled)
        elif done.repeats:
            from tarjimon.tui.screens.repetitions import RepetitionsScreen

            where = {row.segment.id: i for i, row in enumerate(self.rows)}
            docs = {d.id: d.name for d in self.project.documents()}
            repeats = [(sid, self.grid.places[where[sid]].index, docs.get(self.rows[where[sid]].segment.document_id, ""))
                       for sid in done.repeats if sid in where]  # fmt: skip
            segment_id, saved = self.rows[index].segment.id, done.saved
            self.app.push_screen(RepetitionsScreen(saved.text, saved.lang, repeats),
                                 lambda ids: self._fill_chosen(segment_id, saved.lang, ids))

    def _fill_chosen(self, segment_id: int, lang: str, ids: list[int] | None) -> None:
        if ids:
            try:
                filled = self.project.review.fill_repetitions(segment_id, lang, ids)
            except TarjimonError as exc:
                self.notify(str(exc), severity="error")
                return
            self._filled(filled)
        self.editor.focus()

    def _filled(self, filled: list[Translation]) -> None:
        self._mirror_repetitions(filled)
        self.last_fill = list(filled)
        n = len(filled)
        note = f"filled {n} repetition{'s' if n > 1 else ''}"
        self.editor.note = note
        self._summarise_lookups()
        # One notice at a time: a translator confirming a repeated article segment after segment got a pile of
        # them over the glossary and QA panels (the walk of the eleventh session); the editor's note says each.
        if _clock() >= self._fill_told_until:
            self._fill_told_until = _clock() + FILL_TOLD_FOR
            self.notify(f"{note.capitalize()} of this sentence (undo: Ctrl+P, \"Undo the fill of repetitions\")",
                        timeout=FILL_TOLD_FOR)

    def action_undo_repetitions(self) -> None:
        if not self.last_fill or self.read_only:
            self.notify("No fill of repetitions to undo", timeout=2)
            return
        emptied = self.project.review.undo_fill(self.last_fill)
        where = {row.segment.id: i for i, row in enumerate(self.rows)}
        for t in emptied:
            if t.segment_id in where:
                self._set_target(where[t.segment_id], t)
        kept = len(self.last_fill) - len(emptied)
        self.last_fill = []
        self.editor.note = f"undid {len(emptied)} repetitions"
        self._summarise_lookups()
        self.notify(f"Emptied {len(emptied)} repetitions again" + (f"; {kept} changed since, kept" if kept else ""),
                    timeout=4)

    def action_repetition_mode(self) -> None:
        """Switch what a confirm does with the same sentence elsewhere: fill → ask → never → fill."""
        mode = REPETITION_MODES[(REPETITION_MODES.index(self.project.review.repetition_mode) + 1) % 3]
        if self.read_only:
            self.notify("Read-only: the setting is not changed", severity="warning", timeout=2)
            return
        self.project.review.set_repetition_mode(mode)
        said = {"fill": "fills them and says how many", "ask": "asks which to fill",
                "never": "never fills them"}[mode]
        self.notify(f"Repetitions: {mode} (a confirm {said})", timeout=4)
