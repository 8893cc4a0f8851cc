"""The workbench's glossary maintenance: change or delete a term of the segment (Ctrl+F7, Alt+E; the palette's
"Change glossary term N" and "Delete glossary term N"), the glossary panel and the segment's hits redrawn at
once. The file is written in a worker; success is told only once the write is durable, and a failed write
(the file changed under the dialog, a disk error) changes nothing and says why."""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING, Any

from textual import work

from tarjimon.core.errors import TarjimonError
from tarjimon.core.models.glossary import split_synonyms
from tarjimon.tui.screens.edit_term import EditTermScreen, TermChoice, TermEdit

if TYPE_CHECKING:
    from tarjimon.tui.workbench import WorkbenchScreen

    _Base = WorkbenchScreen
else:
    _Base = object


class TermActions(_Base):
    """Mixed into WorkbenchScreen."""

    def _term_choices(self) -> list[TermChoice]:
        """The segment's hits as concepts of their glossaries, numbered as the glossary panel numbers them."""
        out: list[TermChoice] = []
        for n, hit in enumerate(self.hits, start=1):
            try:
                concept, row = self.lookups.term_concept(hit.glossary, hit.concept, hit.term)
            except (TarjimonError, RuntimeError):
                continue  # changed meanwhile: the next lookup redraws the panel
            out.append(TermChoice(n, hit.glossary, concept, row, hit.text))
        return out

    def _usable_choices(self, number: int) -> list[TermChoice] | None:
        if self.read_only:
            self.notify("Read-only: glossary terms cannot be changed here", severity="warning", timeout=3)
            return None
        if not self.hits or (number and not 1 <= number <= len(self.hits)):
            told = f"No glossary term {number} in this segment" if number else "No glossary term in this segment"
            self.notify(told, severity="warning", timeout=2)
            return None
        choices = self._term_choices()
        if not choices:
            self.notify("The segment's terms changed in the glossary: look again", severity="warning", timeout=3)
            return None
        return choices

    def action_edit_term(self, number: int = 0) -> None:
        """Change (or, with Ctrl+D in the dialog, delete) the concept of one of the segment's glossary hits."""
        choices = self._usable_choices(number)
        if choices is None:
            return
        first = next((i for i, c in enumerate(choices) if c.number == number), 0)
        langs = [self.project.source_lang, *self.project.target_langs]
        self.app.push_screen(EditTermScreen(choices, langs, first), self._term_edited)

    def action_delete_term(self, number: int) -> None:
        """Delete the concept of glossary hit `number` (after a question)."""
        from tarjimon.tui.screens.confirm import ConfirmScreen

        choices = self._usable_choices(number)
        if choices is None:
            return
        choice = next((c for c in choices if c.number == number), None)
        if choice is None:
            return
        shown = " → ".join(ts[0] for ts in choice.concept.terms.values() if ts)

        def answered(yes: bool | None) -> None:
            if yes:
                self._term_edited(("delete", choice, {}, {}))

        self.app.push_screen(ConfirmScreen("Delete a glossary term",
                                           f"Delete {shown} from glossary {choice.glossary}?", "Delete"), answered)  # fmt: skip

    def _term_edited(self, result: TermEdit | None) -> None:
        if not result:
            return
        what, choice, terms, fields = result
        self.no_gc_until_drawn()
        # Shown at once (the index patched with the file's new bytes), written by the worker right after.
        staged = self.lookups.stage_term(choice.glossary, "remove" if what == "delete" else "edit", terms=terms,
                                         concept_id=choice.concept.id, row=choice.row, fields=fields)  # fmt: skip
        if staged is None:
            self._write_term(what, choice, terms, fields, staged)
            return
        if not self.show_relooked():  # drawn with the screen the dialog leaves (as Ctrl+T's term)
            self._ask_lookups()
        self.call_after_refresh(self._write_term, what, choice, terms, fields, staged)

    @work(thread=True, exclusive=True, group="glossary-write")
    def _write_term(self, what: str, choice: TermChoice, terms: dict[str, str], fields: dict[str, str],
                    staged: Any) -> None:  # fmt: skip
        concept, glossary = choice.concept, choice.glossary
        shown_already = False
        try:
            if staged is not None and self.lookups.commit_term(staged):
                shown_already = True
                shown = concept.terms if what == "delete" else _terms(terms)
            elif what == "delete":
                self.lookups.remove_term(glossary, concept.id, choice.row)
                shown = concept.terms
            else:
                shown = self.lookups.edit_term(glossary, concept.id, choice.row, terms, fields).terms
        except Exception as exc:  # the file changed under the dialog, a disk error: nothing written
            self.app.call_from_thread(self.notify, f"Term not changed: {exc}", severity="error", timeout=6)
            self.app.call_from_thread(self._glossary_changed, "")  # (a staged change was undone)
            return
        done = "Deleted from" if what == "delete" else "Saved in"
        told = f"{done} {glossary}: " + " → ".join(ts[0] for ts in shown.values() if ts)
        self.app.call_from_thread(self._glossary_changed, told, shown_already)

    def no_gc_until_drawn(self) -> None:
        """No garbage collection until the frame that shows a glossary change is drawn: a full collection
        (50-70 ms, triggered by Textual's own allocations while it redraws the screen the dialog leaves) fell
        inside that window in some runs; it runs right after instead."""
        if gc.isenabled():
            gc.disable()
            self.call_after_refresh(gc.enable)

    def _glossary_changed(self, told: str, shown_already: bool = False) -> None:
        """A glossary changed (durably): the panel and the segment's underlines from a fresh lookup, unless
        the staged change already showed them (then only the segments ahead are looked up again). Either way
        the cached answers are forgotten now that the file is written (a lookup process reads it again)."""
        self.forget_lookups(keep_current=shown_already)
        self._ask_lookups()
        if told:
            self.notify(told, timeout=4)


def _terms(values: dict[str, str]) -> dict[str, list[str]]:
    """The dialog's fields as terms by language (the first of "a | b")."""
    return {lang: list(split_synonyms(value)) for lang, value in values.items()}  # (a\|b: one term with a bar)
