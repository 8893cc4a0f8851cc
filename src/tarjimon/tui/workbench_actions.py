"""The workbench's actions (what keys and palette commands do), kept apart from its state and layout."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work

from tarjimon.tui.editor import TargetEditor
from tarjimon.tui.navigation import Filter, first_untranslated

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

    # ---- moving ---------------------------------------------------------------------------------
    def action_confirm(self) -> None:
        self.confirm()

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

    def action_next_untranslated(self) -> None:
        try:
            start = self.order.index(self.row_index)
        except ValueError:
            start = -1
        found = first_untranslated(self.rows, self.order, start, self.lang)
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

    def action_copy_source(self) -> None:
        self._replace_all(self.shown_source(self.row_index, self.row.segment.source))

    def action_insert_match(self, number: int) -> None:
        if not 1 <= number <= len(self.matches):
            self.notify(f"No TM match {number}", severity="warning", timeout=2)
            return
        self._replace_all(self.matches[number - 1].target)

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
        self.editor.insert(term)
        self.editor.focus()

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
            covered=[(h.start, h.end) for h in self.hits],
            lang=self.lang,
            glossary=self.term_glossary,
        )
        self.app.push_screen(AddTermScreen(draft), self._term_added)

    def _term_added(self, result: tuple[str, dict[str, str]] | None) -> None:
        if result:
            self.term_glossary = result[0]
            self._save_term(*result)

    @work(thread=True, exclusive=True, group="glossary-write")
    def _save_term(self, glossary: str, terms: dict[str, str]) -> None:
        try:
            self.lookups.add_term(glossary, terms)
        except Exception as exc:
            self.app.call_from_thread(self.notify, f"Term not added: {exc}", severity="error")
            return
        shown = " → ".join(terms.values())
        self.app.call_from_thread(self.notify, f"Added to {glossary}: {shown}", timeout=4)
        self.app.call_from_thread(self.forget_lookups)
        self.app.call_from_thread(self._ask_lookups)

    def action_concordance(self) -> None:
        from tarjimon.tui.screens.concordance import ConcordanceScreen

        self.app.push_screen(ConcordanceScreen(self.lookups, self.lang, self.editor.selected_text.strip()))

    def action_filter(self) -> None:
        from tarjimon.tui.screens.filter import FilterScreen

        def done(flt: Filter | None) -> None:
            if flt is not None:
                self.apply_filter(flt)

        self.app.push_screen(FilterScreen(self.filter, self.project.target_langs), done)

    def action_clear_filter(self) -> None:
        self.apply_filter(Filter())

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

        findings = list(self.query_one(QAPanel).findings)
        if not findings:
            self.notify("No QA finding to dismiss here")
            return
        self.app.push_screen(DismissScreen(findings), self._dismissed)

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

    def action_toggle_panels(self) -> None:
        side = self.query_one("#side")
        self.panels_forced = not side.display
        self._apply_size()

    def action_toggle_theme(self) -> None:
        self.app.theme = "textual-light" if self.app.current_theme.dark else "textual-dark"

    def action_save(self) -> None:
        saved = self.save_draft()
        self.notify("Draft saved" if saved else "Nothing to save", timeout=2)

    def action_quit(self) -> None:
        """Quit, saving what is typed first: Ctrl+Q never loses text (nor a target kept while busy)."""
        self.save_draft()
        if self.ready_to_quit():
            self.app.exit()
