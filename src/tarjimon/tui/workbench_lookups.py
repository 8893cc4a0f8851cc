"""How the workbench gets TM matches and glossary hits without ever waiting for them.

One long-lived worker thread (one SQLite connection) takes requests from a queue; when the translator moves
faster than it answers, only the latest request is answered. After answering, while nothing else is asked,
it looks up the next segments ahead, so moving on usually finds the answer already there and shows it in
the same frame as the move. Answers come back as messages; the cache is kept on the UI thread and dropped
when the TM or the glossary changes.

QA of the current target goes through the same worker: asked on each move and, debounced, as the translator
types; only the latest check is answered, and a finding shows only while the text it was found in is still
the editor's.

With TARJIMON_LOOKUP_PROCESS=1 the lookups themselves run in a child process once the workbench has drawn its
first frame and been idle a moment (core/workbench/lookup_process.py): a lookup is mostly Python, and in this
process it holds the GIL the UI thread needs to echo a key; the worker thread then only sends the request and
waits in a read. Until the child is ready, and for good if it dies, the worker answers in this process (logged).
It is off by default: on this 2-core machine shared with other work it made moves and key echoes slower, not
faster (docs/benchmarks.md, "Issue 11 goal 2: fifth session").
"""

from __future__ import annotations

import logging
import os
import queue
import time
from typing import TYPE_CHECKING, Any

from textual import work
from textual.worker import get_current_worker

from tarjimon.core.workbench.lookup_process import LookupProcess, LookupProcessGone
from tarjimon.core.workbench.lookups import LookupRequest, LookupResult, QARequest, QAResult
from tarjimon.tui.editor import TargetEditor
from tarjimon.tui.glossary_panel import GlossaryPanel, glossary_text
from tarjimon.tui.grid import SegmentGrid
from tarjimon.tui.panel import Wrapped, wrap_lines
from tarjimon.tui.tm_panel import TMPanel, tm_text

if TYPE_CHECKING:
    from tarjimon.tui.workbench import WorkbenchScreen

    _Base = WorkbenchScreen
else:
    _Base = object

# (the request to answer now, or None when the answer was cached; requests to answer ahead when idle; the TM
# and glossary panels' text widths, to wrap the answers' text to)
LookupItem = tuple[LookupRequest | None, list[LookupRequest], dict[str, int]]
QueueItem = LookupItem | QARequest
AHEAD = 2
CACHE_LIMIT = 400
WRAPPED_LIMIT = 8  # answers whose panel text is kept wrapped (an older one is wrapped again if shown)
SHRINK_AFTER = 0.25  # seconds without a new answer before empty panels give their room away
QA_AFTER = 0.3  # seconds of no typing before the target is checked again
QA_CACHE_LIMIT = 200
FOLLOW_SECONDS = 2.0  # how often the glossary files are looked at for another program's change (a stat each)
LOOKUP_PROCESS_AFTER = 1.0  # seconds after the first frame before the lookup process starts (not during start-up)

log = logging.getLogger(__name__)


def _key(request: LookupRequest) -> tuple[int, str, str]:
    return request.segment_id, request.lang, request.shown_source


def _hits_in_order(result: LookupResult) -> list[Any]:
    """Terms in the order they come in the source, each concept once (where it first comes): the panel's
    numbers and Alt+G agree. A term the sentence repeats twelve times is one entry, not twelve (the
    underlines in the source mark every occurrence)."""
    seen: set[tuple[str, str]] = set()
    hits = []
    for hit in sorted(result.hits, key=lambda h: (h.start, h.end)):
        concept = (hit.glossary, hit.concept or hit.term)
        if concept not in seen:
            seen.add(concept)
            hits.append(hit)
    return hits


def wrap_answer(console: Any, result: LookupResult, widths: dict[str, int]) -> dict[str, Wrapped]:
    """(The lookup worker.) The TM and glossary panels' text for `result`, wrapped to the panels' widths: the
    panels' paint then only swaps lines (Rich's wrapping was ~95 % of a paint, 2-4 ms of the UI thread, in a
    frame of its own that a key sent right then waited behind)."""
    out = {}
    texts = {"tm": lambda: tm_text(result.matches, result.error, widths.get("tm", 0)),
             "glossary": lambda: glossary_text(_hits_in_order(result), result.request.lang)}  # fmt: skip
    for name, make in texts.items():
        width = widths.get(name, 0)
        if width > 0:
            text = make()
            out[name] = Wrapped(text, width, wrap_lines(console, text, width))
    return out


class WorkbenchLookups(_Base):
    """Mixed into WorkbenchScreen."""

    def _request_for(self, index: int) -> LookupRequest:
        seg = self.rows[index].segment
        prev = self.rows[index - 1].segment.source if index > 0 else None
        nxt = self.rows[index + 1].segment.source if index + 1 < len(self.rows) else None
        return LookupRequest(seg.id, self.lang, seg.source, self.shown_source(index, seg.source), (prev, nxt))

    def _ask_lookups(self) -> None:
        """Show the current cell's answer (from the cache, or when the worker sends it), and look ahead."""
        request = self._request_for(self.row_index)
        cached = self._answers.get(_key(request))
        if cached is not None:
            self._show_lookups(cached)
        else:  # until its answer comes, keys act on no match (not the last cell's) and its panels are not painted
            self.matches, self.hits, self.hit_spans, self._panels_due = [], [], [], None
        try:
            pos = self.order.index(self.row_index)
        except ValueError:
            pos = len(self.order)
        ahead = [self._request_for(i) for i in self.order[pos + 1 : pos + 1 + AHEAD]]
        ahead = [r for r in ahead if _key(r) not in self._answers]
        # Asked once the move's frame is drawn: a lookup is mostly Python (scoring), and run beside the frame it
        # takes the GIL from it (a move drawn in 10 ms took 20-30); its answer comes no later for it.
        self.call_after_refresh(self._ask, None if cached is not None else request, ahead)

    def _ask(self, request: LookupRequest | None, ahead: list[LookupRequest]) -> None:
        """Queue a lookup for the worker, with the widths the panels' text is to be wrapped to (known once the
        screen is laid out: the first requests are queued after the first frame)."""
        widths = {"tm": self.query_one(TMPanel).content_width,
                  "glossary": self.query_one(GlossaryPanel).content_width}  # fmt: skip
        self._requests.put((request, ahead, widths))

    def show_relooked(self) -> bool:
        """A glossary change was just staged (in the index, not yet written): the current segment's hits found
        again here, at once, and drawn in this frame with its TM matches kept (the TM did not change); the
        other cached answers are forgotten. False when that cannot be done without waiting (no answer yet,
        an index being built): the caller then asks the ordinary lookup."""
        self.forget_lookups()
        request = self._request_for(self.row_index)
        shown = self._panels_due
        if shown is None or _key(shown.request) != _key(request):
            return False
        result = self.lookups.relooked(shown)
        if result is None:
            return False
        self._answers[_key(request)] = result
        self._show_lookups(result)
        # (the glossary panel is what the translator waits for here: drawn with the screen the dialog leaves,
        # not a frame or two later once the keys pause, as an answer after a move is; the TM's is unchanged)
        self.paint_side_now()
        return True

    def forget_lookups(self, keep_current: bool = False) -> None:
        """The TM or a glossary changed: cached answers may be stale (the lookup process is told with the next
        request: its generation moves on). `keep_current`: the current segment's answer is already up to date
        (show_relooked) and stays."""
        current = self._answers.get(_key(self._request_for(self.row_index))) if keep_current and self.rows else None
        self._answers.clear()
        self._wrapped.clear()
        self._lookup_generation += 1
        if current is not None:
            self._answers[_key(current.request)] = current

    def _want_lookup_process(self) -> None:
        """Start-up is over: the lookup worker may start its child process (it does, in its own thread)."""
        if os.environ.get("TARJIMON_LOOKUP_PROCESS", "0") == "1":
            self._lookup_process_wanted = True

    @work(thread=True, exclusive=True, group="lookups")
    def _lookup_loop(self) -> None:
        worker = get_current_worker()
        keys_coming = getattr(self.app, "keys_coming", None)
        check: QARequest | None = None  # the latest check asked, held while keys come
        follow_at = time.monotonic() + FOLLOW_SECONDS
        self.lookups_idle.clear()
        try:
            while not worker.is_cancelled:
                self._tend_lookup_process()
                if time.monotonic() >= follow_at:  # another program changed a glossary file: read it again
                    follow_at = time.monotonic() + FOLLOW_SECONDS
                    moved = self.lookups.follow_glossaries()
                    if moved:
                        self.app.call_from_thread(self._glossaries_followed, moved)
                try:
                    items = [self._requests.get(timeout=0.2 if check is None else 0.05)]
                except queue.Empty:
                    items = []
                while not self._requests.empty():  # the translator moved on: answer only the latest
                    items.append(self._requests.get_nowait())
                checks = [i for i in items if isinstance(i, QARequest)]
                if checks:
                    check = checks[-1]
                # A check (tens of ms of Python in this process, holding the interpreter's lock in slices)
                # waits while keys come: a held Ctrl+Down or fast typing would meet it in its frames, and
                # the segment it checks is left a moment later anyway.
                if check is not None and not (keys_coming is not None and keys_coming()):
                    asking_check, check = check, None
                    self.post_message(self.QADone(self._answer("check", asking_check)))
                asked = [i for i in items if not isinstance(i, QARequest)]
                if not asked:
                    continue
                request, ahead, widths = asked[-1]
                # (an answer asked before a glossary or the TM changed is dropped when it arrives after)
                for asking in ([request] if request is not None else []) + ahead:
                    if asking is not request and (not self._requests.empty() or worker.is_cancelled):
                        break  # (the look-ahead gives way to the translator's next request)
                    generation = self._lookup_generation
                    result = self._answer("lookup", asking)
                    wrapped = wrap_answer(self.app.console, result, widths)
                    self.post_message(self.LookupsDone(result, generation, wrapped))
        finally:
            if self.lookup_process is not None:
                self.lookup_process.close()
            self.lookups_idle.set()  # (back to the project list closes the project once this is set)

    def _glossaries_followed(self, moved: list[str]) -> None:
        """Glossary files another program changed were read again (or one could not be): the panel and the
        underlines from a fresh lookup, and the translator told."""
        self.forget_lookups()
        self._ask_lookups()
        self._qa_answers.clear()  # (the term check's findings may have changed with the terms)
        if "!" in moved:
            self.notify(self.lookups.stale_glossary, severity="error", timeout=10)
        else:
            self.notify(f"Glossary {', '.join(moved)} changed on disk: read again", timeout=4)

    def _tend_lookup_process(self) -> None:
        """(The worker thread.) Start the child once wanted; notice when it is ready."""
        process = self.lookup_process
        if process is None:
            if self._lookup_process_wanted and not self._lookup_process_failed:
                process = LookupProcess(self.project.folder, self.project.glossaries_dir)
                try:
                    process.start()
                except OSError as exc:
                    self._lookup_process_gone(process, f"could not start ({exc})")
                    return
                self.lookup_process = process
            return
        if not process.ready:
            try:
                process.poll_ready()
            except LookupProcessGone as exc:
                self._lookup_process_gone(process, str(exc))

    def _lookup_process_gone(self, process: LookupProcess, why: str) -> None:
        log.warning("lookup process %s: %s; lookups go on in the editor's process", process.pid, why)
        process.close()
        self.lookup_process = None
        self._lookup_process_failed = True

    def _answer(self, kind: str, request: Any) -> Any:
        """(The worker thread.) The answer from the lookup process when it is ready, else from this one."""
        process = self.lookup_process
        if process is not None and process.ready:
            worker = get_current_worker()
            try:
                return process.ask(kind, request, self._lookup_generation, lambda: worker.is_cancelled)
            except LookupProcessGone as exc:
                if worker.is_cancelled:  # the app is closing: nobody will see an answer
                    return QAResult(request) if kind == "check" else LookupResult(request)
                self._lookup_process_gone(process, str(exc))
        return self.lookups.check(request) if kind == "check" else self.lookups.lookup(request)

    # ---- QA -------------------------------------------------------------------------------------
    def _qa_request(self) -> QARequest:
        row = self.row
        text = self.query_one(TargetEditor).text
        others = tuple((lang, t.text) for lang, t in row.targets.items() if lang != self.lang)
        status = row.targets[self.lang].status if text == self.stored else "draft"
        return QARequest(row.segment.id, self.lang, row.segment.source, text, status, others)

    def _ask_qa(self) -> None:
        """Check the current target: an empty one has no findings; a known text shows its cached ones."""
        self._qa_timer = None
        if not self.rows:
            return
        self.qa_cell_changed()
        request = self._qa_request()
        if not request.target.strip() and request.status not in ("translated", "reviewed"):
            self._show_qa(QAResult(request))
            return
        cached = self._qa_answers.get(request)
        if cached is not None:
            self._show_qa(cached)
            return
        self._requests.put(request)

    def _show_qa(self, result: QAResult) -> None:
        """The findings of the current cell, painted once keys pause (if the translator is still in that cell)."""
        cell = (self.row_index, self.lang)

        def paint() -> None:
            if (self.row_index, self.lang) == cell:
                self.show_qa_findings(result.findings, result.error)

        self.paint_side("qa", paint)

    def _typed_qa(self) -> None:
        """The target changed: check it again once the typing pauses."""
        if self._qa_timer is not None:
            self._qa_timer.stop()
        self._qa_timer = self.set_timer(QA_AFTER, self._ask_qa)

    def on_workbench_screen_qadone(self, message: WorkbenchScreen.QADone) -> None:
        result: QAResult = message.result
        if len(self._qa_answers) > QA_CACHE_LIMIT:
            self._qa_answers.clear()
        self._qa_answers[result.request] = result
        if self.rows and result.request == self._qa_request():
            self._show_qa(result)

    def on_workbench_screen_lookups_done(self, message: WorkbenchScreen.LookupsDone) -> None:
        result = message.result
        if message.generation not in (-1, self._lookup_generation):
            return  # found before a glossary or the TM changed: a fresh answer is asked (forget_lookups' caller)
        if len(self._answers) > CACHE_LIMIT:
            self._answers.clear()
        self._answers[_key(result.request)] = result
        # The wrapped lines only of the latest few answers (the current cell and those looked up ahead): kept
        # for all, their Rich segments would be ~100,000 long-lived objects each full collection walks.
        self._wrapped[_key(result.request)] = (result, message.wrapped)
        while len(self._wrapped) > WRAPPED_LIMIT:
            del self._wrapped[next(iter(self._wrapped))]
        if self.rows and _key(result.request) == _key(self._request_for(self.row_index)):
            self._show_lookups(result)
        self.show_team_state()  # type: ignore[attr-defined]

    def _shrink_empty_panels(self) -> None:
        self._shrink_timer = None
        self.query_one(TMPanel).set_class(not self.matches, "-empty")
        self.query_one(GlossaryPanel).set_class(not self.hits, "-empty")

    def _summarise_lookups(self) -> None:
        """The best match and the number of terms, under the editor, while the panels are hidden."""
        best = max((m.score for m in self.matches), default=None)
        shown = bool(self.query_one("#side").display)
        self.query_one(TargetEditor).show_lookup_summary(best, len(self.hits), shown, self.f3_hint())

    def _draw_tm_panel(self, result: LookupResult) -> None:
        if self._panels_due is not result:
            return  # the translator moved on before this frame: a newer answer is (or will be) drawn
        self.query_one(TMPanel).show(result.matches, error=result.error, wrapped=self._wrapped_for(result, "tm"))
        # An empty panel shrinks, but only once the translator pauses: a re-layout on every move costs ~10 ms.
        if self._shrink_timer is not None:
            self._shrink_timer.stop()
        self._shrink_timer = self.set_timer(SHRINK_AFTER, self._shrink_empty_panels)

    def _draw_glossary_panel(self, result: LookupResult) -> None:
        if self._panels_due is not result:
            return
        self.query_one(GlossaryPanel).show(result.request.shown_source, self.hits, self.lang,
                                           wrapped=self._wrapped_for(result, "glossary"))  # fmt: skip
        self.lookups_shown += 1  # (for bench/tui.py: counted when both panels are drawn, the glossary after the TM)
        self.lookups_shown_at = time.perf_counter()

    def _wrapped_for(self, result: LookupResult, panel: str) -> Wrapped | None:
        """Panel `panel`'s text for `result` as the worker wrapped it (None: the panel wraps it itself)."""
        found = self._wrapped.get(_key(result.request))
        if found is None or found[0] is not result or result.request.lang != self.lang:
            return None
        return found[1].get(panel)

    def _show_lookups(self, result: LookupResult) -> None:
        """Show an answer: what keys act on (matches, hits, terms offered, the source's underlines) at once;
        the TM and glossary panels in a later frame, once the keys pause (side_paint.py)."""
        self.matches, self.hits = result.matches, _hits_in_order(result)
        self.hit_spans = [(h.start, h.end) for h in result.hits]  # every occurrence
        self._panels_due = result
        # The move's own frame first (grid row, editor); the panels in a later one, once the keys pause.
        self.paint_side("tm", lambda: self._draw_tm_panel(result))
        self.paint_side("glossary", lambda: self._draw_glossary_panel(result))
        terms = [t for h in self.hits  # (the preferred term, then its synonyms; a term may hold a "|")
                 for t in h.synonyms.get(self.lang) or (h.targets.get(self.lang, ""),) if t.strip()]
        self.query_one(TargetEditor).set_terms(list(dict.fromkeys(terms)))  # offered while typing
        spans = [
            (h.start, h.start + len(result.request.shown_source[h.start : h.end].rstrip()))
            for h in result.hits
        ]
        self._summarise_lookups()
        self.query_one(SegmentGrid).set_terms(self.row_index, result.request.shown_source, spans)
