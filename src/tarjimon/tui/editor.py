"""The target editor: a TextArea for the cell under the cursor, with the workbench's keys on top of it.

Enter confirms (it does not break the line: Ctrl+J, Alt+Enter or Shift+Enter do), Tab and Shift+Tab move
between target languages, and the TextArea's own undo/redo (Ctrl+Z / Ctrl+Y) works within a target.
Inline tags (⟨1⟩…⟨/1⟩) are inserted with F10 / Alt+T and deleted whole by Backspace and Delete.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import replace

from textual import events
from textual.binding import Binding
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip
from textual.widgets import TextArea

from tarjimon.core.text.tags import tag_span
from tarjimon.core.text.visible import visible
from tarjimon.tui.grid import STATUS_MARKS
from tarjimon.tui.keys import editor_actions
from tarjimon.tui.plain import pictured_strip

_ACTIONS = editor_actions()


def _own_bindings() -> list[Binding]:
    """The TextArea's bindings without the keys the workbench takes (F6 and F7 select in a TextArea, Ctrl+U
    deletes to the line start): left in, they would hide the workbench's keys from the footer."""
    out = []
    for binding in TextArea.BINDINGS:
        if isinstance(binding, Binding):
            keys = [k for k in binding.key.split(",") if k.strip() not in _ACTIONS]
            if keys:
                out.append(replace(binding, key=",".join(keys)))
    return out


KEYS_HINT = "Enter confirm · F9 review · Tab next language · F1 keys"
READ_ONLY_HINT = "read-only: Enter next segment · Tab next language · F1 keys"  # nothing is confirmed


class TargetEditor(TextArea, inherit_bindings=False):
    """Edits one target; its border title says which (language, segment number, status)."""

    BINDINGS = _own_bindings()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, soft_wrap=True, show_line_numbers=False, tab_behavior="focus")
        self.border_subtitle = KEYS_HINT
        self.enter_mode = "segment"  # Ctrl+O: "language" (Enter goes on to this segment's next language)
        self.terms: list[str] = []  # this segment's glossary terms in this language, offered while typing
        self.plural = ""  # the kind of the PO plural form edited ("one", "few", "many"...), in the title
        self.note = ""  # what the last confirm did besides saving ("filled 38 repetitions"), under the editor
        self.comments = 0  # open comments on this segment (said under the editor while the panels are hidden)
        self.last_key_at = 0.0  # (monotonic) the side panels are painted once keys pause (side_paint.py)
        self.last_key_typed = False  # the last key edited the text (not a workbench action such as a move)
        self._css_applied_to: object = None  # the TextArea theme the styles were last applied to (render_lines)
        # Row number (from 1) -> the segment as every face names it ("article.txt #12"): the grid's `label`.
        self.labeller: Callable[[int], str] = lambda number: f"segment {number}"

    def render_lines(self, crop: Region) -> list[Strip]:
        """TextArea's, but the theme's fallback styles are worked out from the CSS once per style change, not on
        every paint: TextArea's `render_lines` asks for ~7 component styles each time (Textual empties its cache
        of them on every refresh), ~0.4 ms of the ~0.9 ms the editor's paint took on a move or a key."""
        theme = self._theme
        if theme is None or self._css_applied_to is not theme:
            self._css_applied_to = theme
            strips = super().render_lines(crop)
        else:
            strips = super(TextArea, self).render_lines(crop)
        return [pictured_strip(s, crop.width) for s in strips]  # (a control character in the target: a sign)

    def post_message(self, message: Message) -> bool:
        # Nothing listens to the cursor's moves (the workbench reads `cursor_location` when it needs it): a move
        # between segments posted two, each bubbling up to the app before the move's frame (~0.14 ms).
        if isinstance(message, TextArea.SelectionChanged):
            return False
        return super().post_message(message)

    def notify_style_update(self) -> None:
        self._css_applied_to = None  # focus, the app's theme, a class: the styles are worked out again
        super().notify_style_update()

    async def _on_key(self, event: events.Key) -> None:
        """Every key bound here or on the workbench runs here, in order with the letters around it.

        Textual gives a printable key to the focused widget at once but runs a binding only after the key
        has bubbled up to the app, so "hello", Home, "X" arriving in one burst typed X before Home moved
        the cursor. Running the bindings here, as each key comes, keeps the keys in the order typed.
        """
        self.last_key_at = time.monotonic()
        if self.app.screen is not self.screen:
            # A dialog opened by a key earlier in the same burst (Ctrl+G then "12"): the keys queued here
            # behind it belong to the dialog.
            event.stop()
            (self.app.focused or self.app.screen).post_message(events.Key(event.key, event.character))
            return
        workbench_action = _ACTIONS.get(event.key)
        self.last_key_typed = workbench_action is None  # a letter, Backspace, Home...: the translator types
        action = workbench_action or self._own_action(event)
        if action is None:
            await super()._on_key(event)
            return
        event.stop()
        event.prevent_default()
        await self.run_action(action)

    def action_undo(self) -> None:
        """Ctrl+Z: the editor's undo; with nothing to undo in the cell a confirm just moved to, the confirm
        (undo_confirm.py)."""
        if not self.history.undo_stack:
            undo_confirm = getattr(self.screen, "undo_right_after_confirm", None)
            if undo_confirm is not None and undo_confirm():
                return
        super().action_undo()

    def _own_action(self, event: events.Key) -> str | None:
        """The TextArea's own binding for a key (Home, Shift+End, Ctrl+Z...), if it has one."""
        for name in (event.key, *event.aliases):
            bindings = self._bindings.key_to_bindings.get(name)
            if bindings:
                return bindings[0].action
        return None

    def action_cursor_line_start(self, select: bool = False) -> None:
        """Home: the start of the line as typed, not of the wrapped line on screen."""
        row, _ = self.cursor_location
        self.move_cursor((row, 0), select=select)

    def action_cursor_line_end(self, select: bool = False) -> None:
        """End: the end of the line as typed, not of the wrapped line on screen."""
        row, _ = self.cursor_location
        self.move_cursor((row, len(self.document.get_line(row))), select=select)

    # ---- glossary term completion ---------------------------------------------------------------
    def update_suggestion(self) -> None:
        """After two typed letters of a word, the rest of the first term of this segment that starts with
        them is offered in grey at the cursor; Right (→) accepts it (the TextArea's own suggestion). Worked
        out at once, on the edit or the cursor move, so a fast burst of keys meets the right suggestion."""
        terms = getattr(self, "terms", None)  # None while the TextArea is being built
        self.suggestion = term_completion(terms, self.document.get_line(self.cursor_location[0]),
                                          self.cursor_location[1]) if (
            terms and not self.read_only and self.selection.is_empty) else ""

    def watch_selection(self) -> None:
        self.update_suggestion()  # the cursor moved: what is offered follows it (or goes)

    def show_target(self, text: str, lang: str, number: int, status: str, read_only: bool = False) -> None:
        """Load a target into the editor (its undo history starts afresh) and put the cursor at the end."""
        self.terms = []  # the next segment's terms come with its lookups
        self.load_text(text)
        self.read_only = read_only
        self.set_label(lang, number, status)
        self.move_cursor(self.document.end)

    def set_label(self, lang: str, number: int, status: str) -> None:
        mark = STATUS_MARKS.get(status, "?")
        lock = " · read-only" if self.read_only else ""
        plural = f" · plural form: {self.plural}" if self.plural else ""
        self.border_title = f"✎ {lang} · {visible(self.labeller(number))}{plural} · {mark} {status}{lock}"

    def show_lookup_summary(self, best: int | None, terms: int, panels_shown: bool, f3: str = "") -> None:
        """With the panels hidden, say under the editor what they would show (F3 shows them); with the panels
        under the editor, what F3 shows next (`f3`)."""
        mode = "Enter → next language · " if self.enter_mode == "language" else ""
        note = f"{self.note} · " if self.note else ""
        if panels_shown:
            hint = READ_ONLY_HINT if self.read_only else KEYS_HINT
            if mode:  # "Enter → next language" says what Enter does: not "Enter confirm" again (80 columns cut it)
                hint = hint.replace("Enter confirm · ", "")
            if f3:
                hint = hint.replace("Tab next language", f3)
            self.border_subtitle = note + mode + hint
            return
        parts = [p.rstrip(" ·") for p in (note, mode) if p]
        parts += [f"TM {best}% F6" if best is not None else "no TM match"]
        if terms:
            parts.append(f"{terms} term{'s' if terms > 1 else ''} F7")
        if self.comments:
            parts.append(f"{self.comments} comment{'s' if self.comments > 1 else ''} F12")
        parts.append("F3 panels · F1 keys")
        self.border_subtitle = " · ".join(parts)

    def set_terms(self, terms: list[str]) -> None:
        self.terms = terms
        self.update_suggestion()

    def action_delete_left(self) -> None:
        """Backspace: a tag (⟨1⟩, ⟨/1⟩, ⟨2/⟩) goes as a whole, never leaving half a tag behind."""
        if not self._delete_tag(before=True):
            super().action_delete_left()

    def action_delete_right(self) -> None:
        """Delete: a tag goes as a whole."""
        if not self._delete_tag(before=False):
            super().action_delete_right()

    def _delete_tag(self, *, before: bool) -> bool:
        if self.read_only or not self.selection.is_empty:
            return False
        row, col = self.cursor_location
        span = tag_span(self.document.get_line(row), col - 1 if before else col)
        if span is None:
            return False
        self.delete((row, span[0]), (row, span[1]))
        return True

    def action_newline(self) -> None:
        """Insert a line break (Enter is taken by confirm)."""
        if not self.read_only:
            self.insert("\n")


_WORD_END = re.compile(r"[\w'ʼʻ’‘-]+$")


def term_completion(terms: list[str], line: str, column: int) -> str:
    """What completes the word before `column` of `line` into one of `terms` ("" when none): the word must
    have two letters or more and end at the cursor (no letter right after it); case is ignored when
    comparing, and the typed letters are kept as typed."""
    if column < len(line) and (line[column].isalnum() or line[column] in "'ʼʻ’-"):
        return ""
    found = _WORD_END.search(line[:column])
    if found is None or len(found.group()) < 2:
        return ""
    typed = found.group().casefold()
    for term in terms:
        if term.casefold().startswith(typed) and len(term) > len(typed):
            return term[len(typed):]
    return ""
