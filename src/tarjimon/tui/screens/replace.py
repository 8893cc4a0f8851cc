"""Ctrl+W (or Alt+R): find and replace in the project's targets.

Find, replace, the language (this one or all) and the options (regular expression, whole words, case); Enter
shows a preview of every change (segment, language, before → after, what goes and what comes marked) and
writes nothing; Ctrl+S writes exactly what the preview shows, in one transaction; Ctrl+R undoes the last
replace (a target edited since is kept, and named). Esc closes; the workbench then shows the new targets.
"""

from __future__ import annotations

import difflib
from typing import Any

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, Select, Static

from tarjimon.core.errors import TarjimonError
from tarjimon.core.models.editing import Replacement, ReplaceReport
from tarjimon.core.workbench import Workbench

SHOWN = 300  # changes drawn in the preview (all are counted and applied)


def render_change(change: Replacement) -> Text:
    """`12 kk  before` and under it `→ after`: the removed text struck out in red, the added text in green."""
    before, after = Text(), Text()
    matcher = difflib.SequenceMatcher(a=change.before, b=change.after, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            before.append(change.before[a1:a2])
            after.append(change.after[b1:b2])
            continue
        before.append(change.before[a1:a2], style="bold red strike")
        after.append(change.after[b1:b2], style="bold green")
    where = change.label.removeprefix("segment ")  # "12", or "b.txt #3" in a project of several documents
    return Text.assemble((f"{where:>4} {change.lang}  ", "bold"), before, ("\n       → ", "dim"), after)


def render_preview(changes: list[Replacement]) -> Text:
    if not changes:
        return Text("no target would change", style="dim")
    out = Text()
    for n, change in enumerate(changes[:SHOWN]):
        if n:
            out.append("\n")
        out.append_text(render_change(change))
    if len(changes) > SHOWN:
        out.append(f"\n… and {len(changes) - SHOWN} more (all are replaced)", style="dim")
    return out


class FieldInput(Input):
    """An Input that takes Tab / Shift+Tab at once, in order with the typing: a binding runs only after its
    key has bubbled up to the app, so "find", Tab, "replace" typed in one burst put all of it in the first
    field. Keys that reach this field after the focus has moved on are handed to the field that has it."""

    async def _on_key(self, event: events.Key) -> None:
        focused = self.app.focused
        if focused is not None and focused is not self:
            event.stop()
            event.prevent_default()
            focused.post_message(events.Key(event.key, event.character))
            return
        if event.key in ("tab", "shift+tab"):
            event.stop()
            event.prevent_default()
            if event.key == "tab":
                self.screen.focus_next()
            else:
                self.screen.focus_previous()
            return
        await super()._on_key(event)


class ReplaceScreen(ModalScreen[bool]):
    """Answers whether any target changed (the workbench reloads them)."""

    BINDINGS = [
        Binding("escape", "close", "Close", id="close-replace"),
        Binding("ctrl+s", "apply", "Replace all", id="replace-all"),
        Binding("ctrl+r", "undo", "Undo last replace", id="undo-replace"),
    ]
    AUTO_FOCUS = "#replace-find"

    def __init__(self, project: Workbench, lang: str, find: str = "") -> None:
        super().__init__()
        self.project = project
        self.lang = lang
        self.initial = find
        self.preview: list[Replacement] = []
        self.previewed: tuple[Any, ...] | None = None  # the fields the preview was made with
        self.changed = False

    def compose(self) -> ComposeResult:
        langs = [(f"{lg} only", lg) for lg in self.project.target_langs]
        with Vertical(id="replace-box", classes="dialog") as box:
            box.border_title = "Find and replace in targets"
            box.border_subtitle = "Enter preview · Ctrl+S replace all · Ctrl+R undo the last · Esc close"
            with Horizontal(classes="row"):
                yield FieldInput(self.initial, placeholder="find", id="replace-find")
                yield FieldInput(placeholder="replace with", id="replace-with")
            with Horizontal(classes="row", id="replace-options"):
                yield Select([*langs, ("all targets", "*")], value=self.lang, allow_blank=False,
                             id="replace-lang")
                yield Checkbox("regex", id="replace-regex")
                yield Checkbox("whole word", id="replace-word")
                yield Checkbox("case", id="replace-case")
            yield Label("type what to find and press Enter for a preview", id="replace-status")
            with VerticalScroll(id="replace-results"):
                yield Static(id="replace-preview")

    # ---- the fields ------------------------------------------------------------------------------
    def _fields(self) -> tuple[Any, ...]:
        lang = self.query_one("#replace-lang", Select).value
        return (self.query_one("#replace-find", Input).value, self.query_one("#replace-with", Input).value,
                None if lang == "*" else [str(lang)], self.query_one("#replace-regex", Checkbox).value,
                self.query_one("#replace-word", Checkbox).value, self.query_one("#replace-case", Checkbox).value)

    def _status(self, text: str, style: str = "") -> None:
        self.query_one("#replace-status", Label).update(Text(text, style=style))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.show_preview()

    def show_preview(self) -> bool:
        """Compute and show the preview of the fields as they are; False (said why) when they are wrong."""
        fields = self._fields()
        find, replace, langs, regex, word, case = fields
        try:
            self.preview = self.project.plan_replace(find, replace, langs, regex=regex, whole_word=word, case=case)
        except TarjimonError as exc:
            self.preview, self.previewed = [], None
            self._status(str(exc), "bold red")
            self.query_one("#replace-preview", Static).update("")
            return False
        self.previewed = fields
        n = len(self.preview)
        self._status(f"{n} target{'s' if n != 1 else ''} would change: Ctrl+S replaces "
                     f"{'them' if n != 1 else 'it'}" if n else "nothing to replace", "bold" if n else "dim")
        self.query_one("#replace-preview", Static).update(render_preview(self.preview))
        return True

    # ---- apply and undo --------------------------------------------------------------------------
    def action_apply(self) -> None:
        if self.previewed != self._fields():
            if self.show_preview() and self.preview:
                self._status(f"Preview updated ({len(self.preview)}): check it, then Ctrl+S again", "bold yellow")
            return
        if not self.preview:
            self._status("nothing to replace", "dim")
            return
        find, replace, _langs, regex, word, case = self.previewed
        try:
            report = self.project.replace(find, replace, self.preview, deliver=False, regex=regex,
                                          whole_word=word, case=case)
        except TarjimonError as exc:
            self._status(f"Not replaced: {exc}", "bold red")
            return
        self.changed = self.changed or bool(report.changed)
        self._done("Replaced", report)
        self.preview, self.previewed = [], None

    def action_undo(self) -> None:
        try:
            report = self.project.undo_replace(deliver=False)
        except TarjimonError as exc:
            self._status(str(exc), "bold yellow")
            return
        self.changed = self.changed or bool(report.changed)
        self._done("Undone: put back", report)
        self.preview, self.previewed = [], None

    @work(thread=True, group="replace-tm")
    def _deliver(self) -> None:
        """The confirmed targets changed go to the TM in this thread (a big replace takes it seconds); what
        it cannot take now stays queued in the project and is delivered later."""
        try:
            self.project.deliver_queued()
        except Exception as exc:  # shown, not raised: the targets are saved and stay queued
            self.app.call_from_thread(self.notify, f"TM not updated yet: {exc}", severity="warning")

    def _done(self, verb: str, report: ReplaceReport) -> None:
        self._deliver()
        n = len(report.changed)
        text = f"{verb} {n} target{'s' if n != 1 else ''}"
        if report.skipped:
            text += f"; {len(report.skipped)} skipped"
        self._status(text + (" · Ctrl+R undoes it" if verb == "Replaced" else ""), "bold green")
        out = render_preview(report.changed) if verb == "Replaced" else render_preview(
            [Replacement(c.segment_id, c.number, c.lang, c.after, c.before, c.status, c.place)
             for c in report.changed])
        for change, why in report.skipped:
            out.append(f"\n{change.label} {change.lang}  skipped: {why}", style="yellow")
        self.query_one("#replace-preview", Static).update(out)

    def action_close(self) -> None:
        self.dismiss(self.changed)
