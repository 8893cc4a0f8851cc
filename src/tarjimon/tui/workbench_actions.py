"""The workbench's actions (what keys and palette commands do), kept apart from its state and layout."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work

from tarjimon.core.errors import TarjimonError
from tarjimon.core.text import tags
from tarjimon.tui.editor import TargetEditor
from tarjimon.tui.grid import SegmentGrid
from tarjimon.tui.navigation import LAST_CELL, Filter, first_untranslated, next_with_status, spaced_insert
from tarjimon.tui.pivots_panel import PivotsPanel

if TYPE_CHECKING:
    from tarjimon.tui.workbench import WorkbenchScreen

    _Base = WorkbenchScreen
else:
    _Base = object


class WorkbenchActions(_Base):
    """Mixed into WorkbenchScreen: every `action_*` a binding or the command palette can run."""

    @property
    def editor(self) -> TargetEditor:
        return self.query_one(TargetEditor)

    @property
    def grid(self) -> SegmentGrid:
        return self.query_one(SegmentGrid)

    # ---- moving ---------------------------------------------------------------------------------
    def action_confirm(self) -> None:
        self.confirm()

    def action_review(self) -> None:
        self.confirm("reviewed")

    def action_toggle_enter_mode(self) -> None:
        """Enter (and F9) go on to the next segment, or to the next language of the same segment."""
        self.enter_mode = "language" if self.enter_mode == "segment" else "segment"
        if not self.read_only:
            self.project.set_setting("enter_goes_to", self.enter_mode)
        self.editor.enter_mode = self.enter_mode
        self._summarise_lookups()
        where = "the next language of this segment" if self.enter_mode == "language" else "the next segment"
        self.notify(f"Enter confirms and goes to {where}", timeout=3)

    def action_next_target(self) -> None:
        self._cycle_target(1)

    def action_prev_target(self) -> None:
        self._cycle_target(-1)

    def _cycle_target(self, delta: int) -> None:
        langs = self.project.target_langs
        pos = langs.index(self.lang) + delta
        if 0 <= pos < len(langs):
            self.goto(self.row_index, langs[pos])
            return
        # Past the last language: the next segment's first (or the previous one's last).
        try:
            at = self.order.index(self.row_index) + delta
        except ValueError:
            return
        if 0 <= at < len(self.order):
            self.goto(self.order[at], langs[0] if delta > 0 else langs[-1])

    def action_next_segment(self) -> None:
        self.step(1)

    def action_prev_segment(self) -> None:
        self.step(-1)

    def action_first_segment(self) -> None:
        if self.order:
            self.goto(self.order[0], self.lang)

    def action_last_segment(self) -> None:
        if self.order:
            self.goto(self.order[-1], self.lang)

    def action_goto_segment(self) -> None:
        from tarjimon.tui.screens.goto import GotoScreen

        self.app.push_screen(GotoScreen(self.grid.places, self.row_index + 1), self.go_to_number)

    def go_to_number(self, number: int | None) -> None:
        """Segment `number` (1-based), in the current language; a filter hiding it is cleared first."""
        if number is None or not 1 <= number <= len(self.rows):
            return
        if number - 1 not in self.order:
            self.apply_filter(Filter(), keep=False)
        self.goto(number - 1, self.lang)

    def action_next_draft(self) -> None:
        found = next_with_status(self.rows, self.order, self._position(), self.lang, ("draft",))
        if found is None:
            self.notify("No draft left", timeout=3)
            return
        self.goto(*found)

    def _position(self) -> int:
        try:
            return self.order.index(self.row_index)
        except ValueError:
            return -1

    def action_next_untranslated(self) -> None:
        try:
            start = self.order.index(self.row_index)
        except ValueError:
            start = -1
        found = first_untranslated(self.rows, self.order, start, self.lang, self.query_one(SegmentGrid).plurals)
        if found is None:
            self.notify("Every target is translated", timeout=3)
            return
        self.goto(*found)

    # ---- filling the target ---------------------------------------------------------------------
    def _replace_all(self, text: str) -> None:
        """Replace the editor's text as one undoable edit."""
        editor = self.editor
        if editor.read_only:
            return
        editor.replace(text, (0, 0), editor.document.end)
        editor.move_cursor(editor.document.end)
        editor.focus()

    def action_clear_target(self) -> None:
        self._replace_all("")

    def action_next_match(self) -> None:
        """F6: match 1; pressed again (the target still holding the match it put there), the next one."""
        if not self.matches:
            self.notify("No TM match", severity="warning", timeout=2)
            return
        turn = self._match_turn
        if turn and self.editor.text != self.matches[turn - 1].target_for(self.row.segment.source):
            turn = 0  # the translator edited the match: start again from the best one
        turn = turn % len(self.matches) + 1
        self._match_turn = turn
        self._replace_all(self.matches[turn - 1].target_for(self.row.segment.source))

    def action_copy_source(self) -> None:
        self._replace_all(self.shown_source(self.row_index, self.row.segment.source))

    def action_insert_tag(self) -> None:
        """The first of the source's tags the target lacks, at the cursor; with text selected and both tags
        of a pair missing, the selection is wrapped in them (tags come from DOCX/ODT/TMX formatting)."""
        editor = self.editor
        if editor.read_only:
            return
        source = self.row.segment.source
        missing = tags.missing_tags(source, editor.text)
        if not missing:
            told = "The target has every tag of the source" if tags.tag_list(source) else "No tags in this source"
            self.notify(told, timeout=2)
            return
        first = missing[0]
        closing = first.replace("⟨", "⟨/", 1)
        start, end = sorted(editor.selection)
        if start != end and not first.endswith("/⟩") and not first.startswith("⟨/") and closing in missing:
            editor.replace(first + editor.selected_text + closing, start, end)
        else:
            editor.insert(first)
        editor.focus()

    def action_insert_match(self, number: int) -> None:
        if not 1 <= number <= len(self.matches):
            self.notify(f"No TM match {number}", severity="warning", timeout=2)
            return
        self._replace_all(self.matches[number - 1].target_for(self.row.segment.source))
        self._match_turn = number

    def action_insert_term(self, number: int = 0) -> None:
        """Insert glossary term `number`; without one, the first whose translation the target lacks."""
        usable = [h for h in self.hits if h.targets.get(self.lang)]
        if number:
            hit = self.hits[number - 1] if number <= len(self.hits) else None
        else:
            text = self.editor.text.casefold()
            hit = next((h for h in usable if h.targets[self.lang].casefold() not in text), None)
            hit = hit or (usable[0] if usable else None)
        term = hit.targets.get(self.lang, "") if hit else ""
        if not term or self.editor.read_only:
            self.notify("No glossary term to insert", severity="warning", timeout=2)
            return
        # At the cursor, with a space either side where a word would otherwise touch it.
        editor = self.editor
        row, col = editor.cursor_location
        line = editor.document.get_line(row)
        editor.insert(spaced_insert(line[:col], term, line[col:]))
        editor.focus()

    def action_undo(self) -> None:
        self.editor.action_undo()

    def action_redo(self) -> None:
        self.editor.action_redo()

    # ---- dialogs --------------------------------------------------------------------------------
    def action_add_term(self) -> None:
        from tarjimon.tui.screens.add_term import AddTermScreen, TermDraft

        draft = TermDraft(
            source_lang=self.project.source_lang,
            langs=self.project.target_langs,
            terms={self.lang: self.editor.selected_text.strip()},
            glossaries=self.lookups.glossary_names(),
            source=self.shown_source(self.row_index, self.row.segment.source),
            covered=list(self.hit_spans),
            lang=self.lang,
            glossary=self.term_glossary,
        )
        self.app.push_screen(AddTermScreen(draft), self._term_added)

    def _term_added(self, result: tuple[str, dict[str, str]] | None) -> None:
        if result:
            self.term_glossary = result[0]
            self.no_gc_until_drawn()
            # The term is in the index (and the panel) at once; its file is written by the worker, and the
            # translator told once that is durable (a failed write takes it out again).
            staged = self.lookups.stage_term(result[0], "add", terms=result[1])
            if staged is None:
                self._save_term(*result, staged)
                return
            if not self.show_relooked():  # the segment's hits found again here: drawn with the screen the
                self._ask_lookups()  # dialog leaves (else the lookup worker answers)
            # written once that screen is drawn: started at once, the write's worker took the GIL from it
            self.call_after_refresh(self._save_term, *result, staged)

    @work(thread=True, exclusive=True, group="glossary-write")
    def _save_term(self, glossary: str, terms: dict[str, str], staged: object = None) -> None:
        try:
            shown_already = staged is not None and self.lookups.commit_term(staged)
            if not shown_already:
                self.lookups.add_term(glossary, terms)
        except Exception as exc:
            self.app.call_from_thread(self.notify, f"Term not added: {exc}", severity="error")
            self.app.call_from_thread(self._glossary_changed, "")
            return
        shown = " → ".join(terms.values())
        self.app.call_from_thread(self._glossary_changed, f"Added to {glossary}: {shown}", shown_already)

    def action_concordance(self) -> None:
        from tarjimon.tui.screens.concordance import ConcordanceScreen

        self.app.push_screen(ConcordanceScreen(self.lookups, self.lang, self.editor.selected_text.strip()),
                             self._insert_found)

    def _insert_found(self, target: str | None) -> None:
        """A unit's target chosen in the concordance: at the cursor (over the selected text, if any)."""
        editor = self.editor
        if target and not editor.read_only:
            start, end = sorted(editor.selection)
            editor.replace(target, start, end)
            editor.focus()

    def action_filter(self) -> None:
        from tarjimon.tui.screens.filter import FilterScreen

        def done(flt: Filter | None) -> None:
            if flt is not None:
                self.apply_filter(flt)

        self.app.push_screen(FilterScreen(self.filter, self.project.target_langs), done)

    def action_clear_filter(self) -> None:
        self.apply_filter(Filter())

    def action_filter_status(self, status: str) -> None:
        self.apply_filter(Filter(status=status, lang=self.lang))

    def action_filter_findings(self) -> None:
        self.apply_filter(Filter(lang=self.lang, findings=True))

    def action_help(self) -> None:
        from tarjimon.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen())

    def action_stats(self) -> None:
        from tarjimon.tui.screens.stats import StatsScreen

        self.app.push_screen(StatsScreen(self.project))

    def action_dismiss_finding(self) -> None:
        """Dismiss one of the QA panel's findings for this text, with a reason (stored in the project)."""
        from tarjimon.tui.qa_panel import QAPanel
        from tarjimon.tui.screens.dismiss import DismissScreen

        self.paint_side_now()  # the findings of this cell, as the panel shows them
        findings = list(self.query_one(QAPanel).findings)
        if not findings:
            self.notify("No QA finding to dismiss here")
            return
        self.app.push_screen(DismissScreen(findings, self.qa_focus), self._dismissed)

    def _dismissed(self, result: tuple[object, str] | None) -> None:
        if result:
            self._store_dismissal(*result)

    @work(thread=True, exclusive=True, group="qa-dismiss")
    def _store_dismissal(self, finding: object, reason: str) -> None:
        try:
            self.project.ignore_finding(finding.segment, finding.lang, finding.check, reason)  # type: ignore[attr-defined]
        except Exception as exc:  # shown, not raised
            self.app.call_from_thread(self.notify, f"Could not dismiss: {exc}", severity="error")
            return
        self.app.call_from_thread(self._after_dismissal)

    def _after_dismissal(self) -> None:
        self._qa_answers.clear()  # the dismissed finding must not come back from the cache
        self._ask_qa()

    # ---- looks and housekeeping -----------------------------------------------------------------
    def action_toggle_script(self) -> None:
        self.script = "latin" if self.script == "cyrillic" else "cyrillic"
        if not self.read_only:
            self.project.set_setting("source_script", self.script)
        self.query_one("#grid").refresh_sources()  # type: ignore[attr-defined]
        self.query_one("#grid").scroll_to_row(self.row_index)  # type: ignore[attr-defined]
        self.notify(f"Source in {self.script.capitalize()} script", timeout=2)
        self._ask_lookups()

    def action_toggle_theme(self) -> None:
        self.app.theme = "textual-light" if self.app.current_theme.dark else "textual-dark"

    def action_save(self) -> None:
        saved = self.save_draft()
        self.notify("Draft saved" if saved else "Nothing to save", timeout=2)

    def action_quit(self) -> None:
        """Quit, saving what is typed first: Ctrl+Q never loses text (nor a target kept while busy)."""
        self.save_draft()
        if self.ready_to_quit():
            self.remember_cell()
            self.app.exit()

    def action_projects(self) -> None:
        """Ctrl+\\: back to the project list, as Ctrl+Q quits: the typed text saved as a draft, the kept
        targets saved (or not leaving, said), the cell remembered for the next opening."""
        self.save_draft()
        if not self.ready_to_quit():
            return
        self.remember_cell()
        self.app.call_later(self.app.back_to_projects, self)  # type: ignore[attr-defined]

    def remember_cell(self) -> None:
        """Keep the cell being edited in the project's settings: the next `tarjimon open` starts there."""
        if self.read_only or not self.rows:
            return
        cell = f"{self.row.segment.id}:{self.lang}"
        if self.project.config.settings.get(LAST_CELL) != cell:
            try:
                self.project.set_setting(LAST_CELL, cell)
            except (OSError, TarjimonError):  # a read-only or linked project.toml: quitting goes on; the next
                pass  # opening starts at the first untranslated target

    # ---- a read-only workbench follows the editing one ----------------------------------------------
    def refresh_from_disk(self) -> None:
        """Read-only: show what the editing workbench (another process) has saved since the last look."""
        version = self.project.store.data_version()
        if version == self._seen_version:
            return  # nothing committed elsewhere: one PRAGMA, no reload
        self._seen_version = version
        self.load_comment_marks()  # comments added or resolved there: the grid's ✱ and the panel
        self.show_comments()
        rows = self.project.rows()
        grid = self.query_one("#grid", SegmentGrid)
        if len(rows) != len(self.rows):  # a document imported (or removed) elsewhere: show them all again
            self.rows, self.filter, self.order = rows, Filter(), list(range(len(rows)))
            grid.set_rows(rows, {d.id: d.name for d in self.project.documents()}, plurals=self.project.plural_kinds())
            self.goto(min(self.row_index, len(rows) - 1), self.lang, save=False)
            return
        for i, (old, new) in enumerate(zip(self.rows, rows, strict=True)):
            if old.targets != new.targets:
                self.rows[i] = new
                grid.update_row(i, new)
                if i == self.row_index:
                    target = new.targets[self.lang]
                    self.stored = target.text
                    self.editor.show_target(target.text, self.lang, i + 1, target.status, True)
                    self.query_one("#pivots", PivotsPanel).show(new, self.lang)
