"""The workbench screen: the grid, the target editor under it, and the panels beside it.

It owns the editing session: which cell is current, saving drafts and confirmed targets (at once, on
the UI thread: a commit takes a millisecond and must not be lost to a kill), and asking for lookups,
which run in one long-lived worker thread (one SQLite connection) and come back as messages.
"""

from __future__ import annotations

import gc
import queue
import re
import threading
import time
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Header, TextArea

from tarjimon.core.errors import TarjimonError
from tarjimon.core.models import SegmentRow, Translation
from tarjimon.core.text.visible import visible
from tarjimon.core.translit import to_cyrillic, to_latin
from tarjimon.core.workbench import Workbench
from tarjimon.core.workbench.lookup_process import LookupProcess
from tarjimon.core.workbench.lookups import LookupResult, QARequest, QAResult
from tarjimon.tui import collector
from tarjimon.tui.align_pending import AlignPendingActions
from tarjimon.tui.comments_panel import CommentsPanel
from tarjimon.tui.editor import TargetEditor
from tarjimon.tui.footer import FittingFooter
from tarjimon.tui.glossary_panel import GlossaryPanel
from tarjimon.tui.grid import SegmentGrid
from tarjimon.tui.keys import app_bindings
from tarjimon.tui.maintenance_actions import MaintenanceActions
from tarjimon.tui.navigation import UNDONE, Filter, first_untranslated, matches, remembered_cell
from tarjimon.tui.panel import Wrapped
from tarjimon.tui.panel_pages import PanelPages
from tarjimon.tui.pending_saves import BUSY_WAIT, PendingSaves
from tarjimon.tui.pivots_panel import PivotsPanel
from tarjimon.tui.qa_actions import QAActions
from tarjimon.tui.qa_panel import QALine, QAPanel
from tarjimon.tui.review_actions import ReviewActions
from tarjimon.tui.shared_story import SharedStoryView
from tarjimon.tui.side_paint import SidePaint
from tarjimon.tui.term_actions import TermActions
from tarjimon.tui.tm_panel import TMPanel
from tarjimon.tui.undo_confirm import UndoConfirm
from tarjimon.tui.workbench_actions import WorkbenchActions
from tarjimon.tui.workbench_edits import WorkbenchEdits
from tarjimon.tui.workbench_lookups import LOOKUP_PROCESS_AFTER, QueueItem, WorkbenchLookups

AUTOSAVE_SECONDS = 3.0
REFRESH_SECONDS = 2.0  # how often a read-only workbench looks for targets confirmed elsewhere
_CYRILLIC = re.compile("[\u0400-\u04ff]")
FOCUS_CLICK = 1.0  # seconds after the window gets the focus in which a click only gives the focus


class WorkbenchScreen(
    PanelPages, PendingSaves, UndoConfirm, SidePaint, QAActions, WorkbenchLookups, ReviewActions, WorkbenchActions, WorkbenchEdits, MaintenanceActions,
    TermActions, AlignPendingActions, SharedStoryView, Screen
):
    """Edit every target of a project's segments side by side."""

    BINDINGS = app_bindings()
    # Not offered (nor run) in a read-only workbench: its footer said "F9 Review", "F6 TM", "Ctrl+T Add term"
    # where those keys change nothing (Ctrl+T wrote the glossary of a project another workbench edits).
    READ_ONLY_OFF = frozenset({"review", "next_match", "insert_term", "add_term"})

    class LookupsDone(Message):
        """TM and glossary answers for a cell."""

        def __init__(self, result: LookupResult, generation: int = -1,
                     wrapped: dict[str, Wrapped] | None = None) -> None:  # fmt: skip
            super().__init__()
            self.result = result
            self.generation = generation  # the lookups' generation it was asked in (-1: unknown)
            self.wrapped = wrapped or {}  # the panels' text for it, wrapped by the worker

    class QADone(Message):
        """QA findings for a target as it was when checked."""
        def __init__(self, result: QAResult) -> None:
            super().__init__()
            self.result = result

    def __init__(self, project: Workbench, read_only: bool = False) -> None:
        super().__init__()
        self.project = project
        self.lookups = project.lookups
        self.read_only = read_only
        self.rows: list[SegmentRow] = []
        self.order: list[int] = []  # visible row indices (the filter's result)
        self.row_index = 0
        self.lang = project.target_langs[0]
        self.stored = ""  # the current target's text as last saved
        self.filter = Filter()
        self.script = str(project.config.settings.get("source_script", "cyrillic"))
        self.matches: list[Any] = []
        self.hits: list[Any] = []  # each concept once
        self.hit_spans: list[tuple[int, int]] = []
        self.panels_forced: bool | None = None
        self.panel_page = 0  # F3's page under the editor on a narrow terminal (panel_pages.py)
        self.term_glossary = "project"  # where Ctrl+T put the last term
        self.enter_mode = str(project.config.settings.get("enter_goes_to", "segment"))  # or "language"
        self._match_turn = 0  # the TM match F6 put in the target last (0: none)
        self._focus_click_until = 0.0
        self._seen_version = 0  # the database's data_version a read-only workbench last showed
        self._shrink_timer: Timer | None = None
        self._qa_timer: Timer | None = None
        self._qa_answers: dict[QARequest, QAResult] = {}
        self._requests: queue.Queue[QueueItem] = queue.Queue()
        self._listening = threading.Event()
        self.lookups_idle = threading.Event()  # the lookup loop is not running (set until it starts, again when it ends)
        self.lookups_idle.set()
        self._answers: dict[tuple[int, str, str], LookupResult] = {}
        self._wrapped: dict[tuple[int, str, str], tuple[LookupResult, dict[str, Wrapped]]] = {}
        self._lookup_generation = 0  # moves on when the TM or a glossary changes (forget_lookups)
        self.lookup_process: LookupProcess | None = None  # the child answering lookups (the worker's)
        self._lookup_process_wanted = False
        self._lookup_process_failed = False
        self._panels_due: LookupResult | None = None  # the answer the TM and glossary panels are to show
        self._shown: dict[tuple[int, str], str] = {}
        self.lookups_shown = 0  # how many answers reached the panels, and when the last did (for bench/tui.py)
        self.lookups_shown_at = 0.0
        self._drafts_due: dict[tuple[int, str], str] = {}  # drafts shown, committed after the frame
        self.last_fill: list[Translation] = []  # the repetitions the last confirm filled (palette: undo)
        self.comment_counts: dict[int, int] = {}  # segment id -> open reviewer comments
        self._gc_was_enabled = False  # collections paused while opening (on_mount until the first frame)
        self._gc_thresholds: tuple[int, int, int] | None = None  # the collector's, while this screen changed them
        self._side_init()

    # ---- building -------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            with Vertical(id="left"):
                yield SegmentGrid(self.project.source_lang, self.project.target_langs, id="grid")
                yield QALine(id="qa-line")  # the finding F8 is on, while the QA panel is off screen
                yield TargetEditor(id="editor")
            with Vertical(id="side"):
                yield TMPanel(id="tm")
                yield GlossaryPanel(id="glossary")
                yield PivotsPanel(id="pivots")
                yield CommentsPanel(id="comments")
                yield QAPanel(id="qa")
        yield FittingFooter()

    def on_mount(self) -> None:
        # Opening builds hundreds of thousands of long-lived objects (rows, their layout, widgets): no garbage
        # collection until the first frame (each walked them all again: 30-90 ms of an 11,575-segment opening).
        self._gc_was_enabled = gc.isenabled()
        gc.disable()
        self.pending: dict[tuple[int, str], tuple[str, str]] = {}
        self.pending_timer: Timer | None = None
        self.project.store.set_busy_timeout(BUSY_WAIT)  # never freeze on another process's write lock
        self.title = f"Tarjimon · {visible(self.project.name)}"
        self.sub_title = "read-only: open for editing elsewhere" if self.read_only else ""
        self.rows = self.project.rows()
        docs = {d.id: d.name for d in self.project.documents()}
        self.order = list(range(len(self.rows)))
        grid = self.query_one(SegmentGrid)
        grid.source_view = self.shown_source
        grid.set_rows(self.rows, docs, plurals=self.project.plural_kinds())
        self.query_one(TargetEditor).labeller = grid.label  # "article.txt #12" in its title
        self.load_comment_marks()
        self.query_one(QAPanel).show([])
        self.set_interval(AUTOSAVE_SECONDS, self.autosave)
        settings = self.project.config.settings
        start = (remembered_cell(self.rows, settings)
                 or first_untranslated(self.rows, self.order, len(self.order) - 1, None, grid.plurals)
                 or (0, self.lang))
        if self.rows:
            self.goto(*start, save=False)
        editor = self.query_one(TargetEditor)
        editor.enter_mode = self.enter_mode
        editor.focus()
        self._apply_size()
        # The grid has no size until the first layout: scroll to the current row once it has one.
        self.call_after_refresh(lambda: grid.scroll_to_row(self.row_index))
        self.call_after_refresh(self._drawn)
        self.watch(self.app, "app_focus", self._app_focus_changed, init=False)
        if self.read_only:
            self._seen_version = self.project.store.data_version()
            self.set_interval(REFRESH_SECONDS, self.refresh_from_disk)
        self._listening = threading.Event()
        if self.project.sharing is not None and not self.read_only:  # a shared story: colleagues' targets, live
            self.project.sharing.listen(
                lambda changed: self.app.call_from_thread(self.remote_targets, changed), self._listening
            )
            self._story_state = ""
            self.set_interval(1.0, self.show_story_state)

    def _drawn(self) -> None:
        """The first frame is drawn. What start-up built (widgets, styles, the rows) lives as long as the
        screen: out of the garbage collector's generations, or each full collection walks it all (a frame)."""
        gc.freeze()
        # The lookup worker starts now: its start (the TM's and glossaries' indexes, rapidfuzz, numpy: ~0.2 s of
        # Python) held the interpreter's lock in slices through the first frame. What was asked waits queued.
        self._lookup_loop()
        if self._gc_was_enabled:
            gc.enable()
            self._gc_was_enabled = False
        # Collections at the quiet moments between keys, full ones far rarer (collector.py).
        self._gc_thresholds = collector.pace()
        self.set_timer(LOOKUP_PROCESS_AFTER, self._want_lookup_process)

    def _app_focus_changed(self, focused: bool) -> None:
        if focused:
            self._focus_click_until = time.monotonic() + FOCUS_CLICK

    def on_unmount(self) -> None:
        self.flush_drafts()
        self._listening.set()
        if self._gc_was_enabled:  # closed before its first frame
            gc.enable()
        if self._gc_thresholds is not None:
            gc.set_threshold(*self._gc_thresholds)

    def on_resize(self) -> None:
        self._apply_size()

    # ---- the source as shown --------------------------------------------------------------------
    def shown_source(self, index: int, text: str) -> str:
        """The source in the script the translator picked (cached: conversion is not free)."""
        if self.project.source_lang != "uz":  # only Uzbek has two scripts: an English or Russian source as written
            return text
        key = (index, self.script)
        shown = self._shown.get(key)
        if shown is None:
            if self.script == "latin":
                shown = to_latin(text)
            else:  # a Cyrillic (or mixed) original is shown as written: its Latin names stay Latin
                shown = text if _CYRILLIC.search(text) else to_cyrillic(text)
            self._shown[key] = shown
        return shown

    # ---- moving ---------------------------------------------------------------------------------
    @property
    def row(self) -> SegmentRow:
        return self.rows[self.row_index]

    def goto(self, index: int, lang: str, save: bool = True) -> None:
        """Leave the current cell (its text kept as a draft) and make (index, lang) current."""
        if save:
            self.keep_draft()  # shown at once, committed right after the move's frame (pending_saves.py)
        self.row_index, self.lang = index, lang
        self._match_turn = 0
        target = self.row.targets[lang]
        self.stored = target.text
        grid = self.query_one(SegmentGrid)
        grid.set_cursor(index, lang)
        editor = self.query_one(TargetEditor)
        editor.plural = grid.plural_kind(index, lang)  # a PO plural form: "few" in the editor's title
        editor.show_target(target.text, lang, index + 1, target.status, self.read_only)
        # The move's frame holds the grid and the editor; the side panels follow once the keys pause.
        self.paint_side("pivots", self._paint_pivots)
        self.paint_side("comments", self.show_comments)
        self._ask_lookups()
        self._ask_qa()

    def _paint_pivots(self) -> None:
        if self.rows:
            self.query_one(PivotsPanel).show(self.row, self.lang)

    def step(self, delta: int) -> bool:
        """Go `delta` visible segments down (or up), same language; False at either end."""
        try:
            pos = self.order.index(self.row_index) + delta
        except ValueError:
            pos = 0
        if not 0 <= pos < len(self.order):
            return False
        self.goto(self.order[pos], self.lang)
        return True

    def on_segment_grid_cell_clicked(self, message: SegmentGrid.CellClicked) -> None:
        # A click that brings the window (the browser tab, the terminal) into focus only gives the focus:
        # moving the editor there would send the next keys into a cell the translator did not choose.
        if time.monotonic() >= self._focus_click_until:
            self.goto(message.row, message.lang or self.lang)
        self._focus_click_until = 0.0
        self.query_one(TargetEditor).focus()

    @on(TextArea.Changed, "#editor")
    def _typed(self) -> None:
        if not self.rows:
            return
        text, grid = self.query_one(TargetEditor).text, self.query_one(SegmentGrid)
        if grid.live_text is None and text == self.stored:
            return  # the editor was loaded with the cell's target (a move): nothing typed, nothing to redraw
        grid.set_live_text(text)
        self._typed_qa()

    def confirm(self, status: str = "translated") -> None:
        """Enter (translated) or F9 (reviewed): committed now; repetitions get it too; then on (`advance`)."""
        if self.read_only or not self.rows:
            self.advance()
            return
        text = self.query_one(TargetEditor).text
        if status == "reviewed" and not text.strip():
            self.notify("An empty target cannot be reviewed", severity="warning", timeout=3)
            return
        if (
            status == "translated"
            and text == self.stored
            and self.row.targets[self.lang].status == "reviewed"
        ):
            status = "reviewed"  # Enter through reviewed targets keeps them reviewed
        self.query_one(TargetEditor).note = ""
        try:
            done = self._save(text, status)
        except TarjimonError:
            return  # told in a notification (e.g. a colleague's newer version); the text stays in the editor
        if done.saved.status in ("translated", "reviewed"):
            self.after_repetitions(self.row_index, done)  # never silently: filled and said so, or asked
        # (the TM gets the target in a worker: `deliver_to_tm`; the lookups are asked again when it took it)
        if not self.advance():
            self.notify("Last segment", timeout=2)

    def advance(self) -> bool:
        """After a confirm: the next segment, or (Ctrl+O) the next unfinished language of this segment,
        then the next segment's first unfinished one. False at the end."""
        if self.enter_mode != "language":
            return self.step(1)
        langs = self.project.target_langs
        pos = langs.index(self.lang)
        for lang in langs[pos + 1 :] + langs[:pos]:
            if self.row.targets[lang].status in UNDONE:
                self.goto(self.row_index, lang)
                return True
        try:
            at = self.order.index(self.row_index) + 1
        except ValueError:
            return False
        if at >= len(self.order):
            return False
        index = self.order[at]
        self.goto(
            index, next((lg for lg in langs if self.rows[index].targets[lg].status in UNDONE), langs[0])
        )
        return True

    def _mirror_repetitions(self, filled: list[Translation]) -> None:
        """The core filled the same sentence's empty targets elsewhere: show them in the grid."""
        if not filled:
            return
        where = {row.segment.id: i for i, row in enumerate(self.rows)}
        for saved in filled:
            if saved.segment_id in where:
                self._set_target(where[saved.segment_id], saved)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (self.read_only and action in self.READ_ONLY_OFF)

    # ---- filtering ------------------------------------------------------------------------------
    def apply_filter(self, flt: Filter, keep: bool = True, flagged: set[int] | None = None) -> None:
        """Show only the rows `flt` lets through; the current segment stays current (and in view) if it
        is one of them (`keep`), else the first shown becomes current. A filter on QA findings has the
        project checked first, in a worker (`flagged`: the segments it found)."""
        self.save_draft()
        if flt.findings and flagged is None:  # (the first check loads the spelling dictionaries: seconds)
            self.notify("Checking the targets for QA findings…", timeout=2)
            self.sub_title = "checking the targets for QA findings…"
            self._check_for_filter(flt, keep)
            return
        self.filter = flt
        self.order = [
            i
            for i, r in enumerate(self.rows)
            if matches(r, flt, self.shown_source(i, r.segment.source), flagged)
        ]
        count = f"{len(self.order)} segment" + ("" if len(self.order) == 1 else "s")
        self.sub_title = f"{flt.describe()} · {count}" if flt.active else ""
        self.query_one(SegmentGrid).set_shown(self.order)
        if not self.order:
            self.notify("No segment matches the filter", severity="warning")
            return
        if self.row_index not in self.order:
            if keep:
                self.goto(self.order[0], self.lang, save=False)
        else:
            grid = self.query_one(SegmentGrid)
            grid.set_cursor(self.row_index, self.lang)
            self.call_after_refresh(lambda: grid.scroll_to_row(self.row_index, center=True))
