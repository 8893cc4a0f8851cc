"""F8, the next QA finding, and the QA line under the grid.

F8 walks findings, not only targets: on a target with several findings it first moves to the next one of them
(the QA panel marks it ▶, the QA line shows it whole), then on to the next target with findings (this language
first, then the others; checked in a worker thread, so a long document never holds the editor). Past the last
segment it goes on from the first and says so. Segments a filter hides come last: reaching one clears the
filter (said too). The grid scrolls the segment found to the middle of the screen.

The QA panel beside the grid is there from 130 columns; below (or hidden with F3) the findings would be out of
sight, so the QA line under the grid shows the finding F8 is on, whole, wrapped on up to three lines."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.worker import get_current_worker

from tarjimon.core.workbench.lookups import QARequest
from tarjimon.tui.grid import SegmentGrid
from tarjimon.tui.navigation import Filter
from tarjimon.tui.qa_panel import QALine, QAPanel

if TYPE_CHECKING:
    from tarjimon.tui.workbench import WorkbenchScreen

    _Base = WorkbenchScreen
else:
    _Base = object


class QAActions(_Base):
    """Mixed into WorkbenchScreen."""

    _qa_focus: tuple[tuple[int, str], int] = ((-1, ""), 0)  # (cell, finding) F8 is on

    @property
    def qa_focus(self) -> int:
        """The finding F8 is on in the current cell (0 once the translator moves)."""
        cell, focus = self._qa_focus
        return focus if cell == (self.row_index, self.lang) else 0

    def show_qa_findings(self, findings: list[object], error: str = "") -> None:
        """The current cell's findings in the QA panel and, when the panel is off screen, in the QA line."""
        focus = self.qa_focus if self.qa_focus < len(findings) else 0
        self._qa_focus = ((self.row_index, self.lang), focus)
        self.query_one(QAPanel).show(list(findings), error, focus)
        self.show_qa_line()

    def qa_cell_changed(self) -> None:
        """A move: the QA line (if shown) says the new cell is being checked until its findings come; its
        height stays (hiding it on every move would re-lay out the screen), so the last cell's finding is never
        shown under another segment."""
        if self._qa_focus[0] != (self.row_index, self.lang):
            self.query_one(QALine).waiting()

    def show_qa_line(self) -> None:
        panel = self.query_one(QAPanel)
        self.query_one(QALine).show(panel.findings, panel.focus, not self.qa_panel_on_screen())

    def action_next_finding(self) -> None:
        """F8: the next finding of this target, else the next target with findings (see the module)."""
        self.paint_side_now()  # the findings of this cell, as the panel shows them
        findings = self.query_one(QAPanel).findings
        if self.qa_focus + 1 < len(findings):
            self._qa_focus = ((self.row_index, self.lang), self.qa_focus + 1)
            self.show_qa_findings(findings)
            return
        self.notify("Looking for the next QA finding…", timeout=1)
        self._find_next_finding(self._position(), self.lang)

    @work(thread=True, exclusive=True, group="next-finding")
    def _find_next_finding(self, start: int, lang: str) -> None:
        """Check the targets after position `start` (this language first, then the others) until one has
        findings; go there. Rows a filter hides are checked last. Runs in a thread: a long document takes a
        moment, the editor never waits."""
        rows, order = list(self.rows), list(self.order)
        shown = set(order)
        hidden = [i for i in range(len(rows)) if i not in shown]
        worker = get_current_worker()
        for pass_lang in (lang, None):
            # (this language's pass leaves the current target out: when it was the language's only one with
            # findings, F8 came back to it and never reached the other languages' findings)
            for step in range(1, len(order) + (pass_lang is None or start < 0)):
                index = order[(start + step) % len(order)]
                code = self._target_with_findings(rows[index], lang, pass_lang)
                if worker.is_cancelled:
                    return
                if code is not None:
                    self.app.call_from_thread(self._go_to_finding, index, code, start + step >= len(order), False)
                    return
        for pass_lang in (lang, None):
            for index in hidden:
                code = self._target_with_findings(rows[index], lang, pass_lang)
                if worker.is_cancelled:
                    return
                if code is not None:
                    self.app.call_from_thread(self._go_to_finding, index, code, False, True)
                    return
        here = order[start] if order and start >= 0 else None
        if here is not None and self._target_with_findings(rows[here], lang, lang) is not None:
            # this target is the only one with findings: round again, from its first finding
            self.app.call_from_thread(self._go_to_finding, here, lang, True, False)
            return
        self.app.call_from_thread(self.notify, "No target with QA findings", timeout=3)

    def _target_with_findings(self, row: object, lang: str, pass_lang: str | None) -> str | None:
        """The first target of `row` with findings (first pass: language `lang` only; second: the others)."""
        targets = row.targets  # type: ignore[attr-defined]
        segment = row.segment  # type: ignore[attr-defined]
        for code, target in targets.items():
            if (code != lang) == (pass_lang == lang) or not target.text.strip():
                continue
            others = tuple((lg, t.text) for lg, t in targets.items() if lg != code)
            request = QARequest(segment.id, code, segment.source, target.text, target.status, others)
            if self.lookups.check(request).findings:
                return str(code)
        return None

    def _go_to_finding(self, index: int, lang: str, wrapped: bool, was_hidden: bool) -> None:
        if was_hidden:
            self.apply_filter(Filter(), keep=False)
        if index not in self.order:
            return
        self.goto(index, lang)
        grid = self.query_one(SegmentGrid)
        self.call_after_refresh(lambda: grid.scroll_to_row(index, center=True))
        where = grid.label(index + 1)
        if was_hidden:
            self.notify(f"F8: {where} ({lang}) was hidden by the filter: filter cleared", timeout=4)
        elif wrapped:
            self.notify(f"F8: past the last segment, on from the first: {where} ({lang})", timeout=4)
