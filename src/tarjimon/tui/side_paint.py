"""The side panels (TM, glossary, pivots, comments, QA) are painted in frames of their own, once keys pause.

A move's frame should hold only what the move changes at once (the grid's two rows, the editor, its label), and
a key's frame only the key's echo: a panel repainted in the same frame adds its lines to it (the TM panel alone
~1.5 ms of a 6 ms frame). So a panel's new content is not drawn when it is known but handed to `paint_side`,
which draws it a moment after the frame that showed the change, and only once no key has come for that moment
(`SIDE_QUIET` after a move, `SIDE_QUIET_TYPING` after a typed key): typing right after a move paints the panels
once the typing pauses; a held Ctrl+Down paints them between its repeats, never in a move's own frame.

One panel is painted a frame (TM first), the next a moment later (`SIDE_GAP`, time for that frame to be drawn),
and only while no key has come meanwhile: a key read from the terminal while the panels are being painted
(`TarjimonApp.last_input_at`, set by the input thread, before the key is even handled) stops them until keys
pause again, so a key's frame waits at most for one panel's frame (~1-2 ms), never for all five.

A paint is a function of the screen's state when it runs (not of the state when it was asked for): a paint
that is due for a segment the translator has left draws the current one, never an earlier one's. What keys act
on (F6's matches, Alt+G's hits, the offered terms, the QA findings F8 and the dismiss dialog read) is set at
once by the callers, never by the paint.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.timer import Timer

if TYPE_CHECKING:
    from tarjimon.tui.workbench import WorkbenchScreen

    _Base = WorkbenchScreen
else:
    _Base = object

# Seconds without a key before the side panels are painted: after a move (Enter, Ctrl+Down...) a moment, so that a
# key sent right behind it (a held key, a letter typed at once) is not drawn in the panels' frame, yet the panels
# follow the segment at once to the eye; after a typed key longer: a typist's next key comes within ~100 ms, and
# what the panels show does not change with typing (a lookup answer that comes late, QA findings) can wait.
SIDE_QUIET = 0.005
SIDE_QUIET_TYPING = 0.08
SIDE_GAP = 0.003  # seconds between two panels' paints: the first one's frame is drawn in between
PAINT_ORDER = ("tm", "glossary", "qa", "pivots", "comments")  # one a frame, in this order


class SidePaint(_Base):
    """Mixed into WorkbenchScreen."""

    _side_due: dict[str, Callable[[], None]]
    _side_timer: Timer | None
    _side_asked: bool
    _side_drawn_at: float

    def _side_init(self) -> None:
        self._side_due = {}
        self._side_timer = None
        self._side_asked = False
        self._side_drawn_at = 0.0  # when the frame before the due paints was drawn

    def paint_side(self, name: str, paint: Callable[[], None]) -> None:
        """Paint panel `name` with `paint` a moment after this frame, once keys pause (a newer paint of the same
        panel replaces it)."""
        self._side_due[name] = paint
        if not self._side_asked and self._side_timer is None:
            self._side_asked = True
            self.call_after_refresh(self._paint_side_due)

    def _paint_side_due(self, going_on: bool = False) -> None:
        now = time.monotonic()
        if self._side_asked and not going_on:  # right after the frame that showed the change: the quiet
            self._side_drawn_at = now  # counts from here at least
        self._side_asked = False
        self._side_timer = None
        if not self._side_due:
            return
        editor = self.editor
        quiet = SIDE_QUIET_TYPING if editor.last_key_typed else SIDE_QUIET
        # (a key read but not handled yet counts too: its frame goes first)
        last_key = max(editor.last_key_at, getattr(self.app, "last_input_at", 0.0))
        wait = max(last_key, 0.0 if going_on else self._side_drawn_at) + quiet - now
        if wait > 0.001:
            self._side_timer = self.set_timer(wait, self._paint_side_due)
            return
        # One panel a frame, the TM's first: a key that comes meanwhile waits for one panel's frame (~1-2 ms in a
        # terminal), not for all five; the rest follow frame by frame while no key comes. (Not call_after_refresh:
        # it runs before the panel's repaint reaches the screen, and all five were drawn in one frame.)
        name = next((n for n in PAINT_ORDER if n in self._side_due), next(iter(self._side_due)))
        self._side_due.pop(name)()
        if self._side_due:  # (a key read meanwhile makes the next one wait for the quiet again)
            self._side_timer = self.set_timer(SIDE_GAP, lambda: self._paint_side_due(True))

    def paint_side_now(self) -> None:
        """Paint all that is due at once (before an action reads a panel)."""
        if self._side_timer is not None:
            self._side_timer.stop()
            self._side_timer = None
        due, self._side_due = self._side_due, {}
        for paint in due.values():
            paint()
