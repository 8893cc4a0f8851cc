"""The side panels (TM, glossary, pivots, comments, QA) are painted in frames of their own, once keys pause.

A move's frame should hold only what the move changes at once (the grid's two rows, the editor, its label), and
a key's frame only the key's echo: a panel repainted in the same frame adds its lines to it (the TM panel alone
~1.5 ms of a 6 ms frame). So a panel's new content is not drawn when it is known but handed to `paint_side`,
which draws it a moment after the frame that showed the change, and only once no key has come for that moment
(`SIDE_QUIET` after a move, `SIDE_QUIET_TYPING` after a typed key): typing right after a move paints the panels
once the typing pauses; a held Ctrl+Down paints them between its repeats, never in a move's own frame.

The panels due are painted together, in one frame: each paint only swaps lines wrapped ahead (the lookup worker
wraps the TM and glossary text with the answer), and one frame of five panels costs about half of five frames
of one (each frame has its own compositing and output: measured in a real terminal, ~4.5 ms of the UI thread
for all five, ~8.5 ms one by one), so it is over soonest, well before the next key of a typist or a held key
(~30 ms). A key read from the terminal before the paint (`TarjimonApp.last_input_at`, set by the input thread
before the key is even handled) puts it off until keys pause again: the key's frame goes first.

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

from tarjimon.tui import collector

if TYPE_CHECKING:
    from tarjimon.tui.workbench import WorkbenchScreen

    _Base = WorkbenchScreen
else:
    _Base = object

# Seconds without a key before the side panels are painted: after a move (Enter, Ctrl+Down...) a moment, so that
# keys already sent behind it (a burst, a paste) are handled first, then at once: the next key of a held key or a
# typist comes ~30 ms or more after a move, and the panels' frame is over long before; after a typed key longer: a typist's next key comes within ~100 ms, and
# what the panels show does not change with typing (a lookup answer that comes late, QA findings) can wait.
SIDE_QUIET = 0.005
SIDE_QUIET_TYPING = 0.08
FRAME_WAIT = 0.002  # seconds: looking again for the frame of a key, which must be drawn before the panels
PAINT_ORDER = ("tm", "glossary", "qa", "pivots", "comments")


class SidePaint(_Base):
    """Mixed into WorkbenchScreen."""

    _side_due: dict[str, Callable[[], None]]
    _side_timer: Timer | None
    _side_asked: bool
    _side_drawn_at: float
    _side_frame_at: float

    def _side_init(self) -> None:
        self._side_due = {}
        self._side_timer = None
        self._side_asked = False
        self._side_drawn_at = 0.0  # when the frame before the due paints was drawn
        self._side_frame_at = 0.0  # when the screen last wrote a frame (0: not known)
        self._idle_timer: Timer | None = None  # the older generations' collection once the keys pause

    def _compositor_refresh(self) -> None:  # Textual's: the screen writes a frame
        super()._compositor_refresh()  # type: ignore[misc]
        self._side_frame_at = time.monotonic()
        if self._drafts_due:  # the move is on screen: commit the draft it left, before anything else
            self.flush_drafts()

    def paint_side(self, name: str, paint: Callable[[], None]) -> None:
        """Paint panel `name` with `paint` a moment after this frame, once keys pause (a newer paint of the same
        panel replaces it)."""
        self._side_due[name] = paint
        if not self._side_asked and self._side_timer is None:
            self._side_asked = True
            self.call_after_refresh(self._paint_side_due)

    def _paint_side_due(self) -> None:
        now = time.monotonic()
        if self._side_asked:  # right after the frame that showed the change: the quiet
            self._side_drawn_at = now  # counts from here at least
        self._side_asked = False
        self._side_timer = None
        if not self._side_due:
            return
        editor = self.editor
        quiet = SIDE_QUIET_TYPING if editor.last_key_typed else SIDE_QUIET
        # (a key read but not handled yet counts too: its frame goes first)
        last_key = max(editor.last_key_at, getattr(self.app, "last_input_at", 0.0))
        wait = max(last_key, self._side_drawn_at) + quiet - now
        if wait <= 0.001 and last_key >= self._side_frame_at > 0:
            wait = FRAME_WAIT  # the last key's own frame is not drawn yet (a busy machine): it goes first
        if wait > 0.001:
            self._side_timer = self.set_timer(wait, self._paint_side_due)
            return
        due, self._side_due = self._side_due, {}
        for name in sorted(due, key=lambda n: PAINT_ORDER.index(n) if n in PAINT_ORDER else len(PAINT_ORDER)):
            due[name]()
        collector.collect_quietly()  # the quiet moment: the garbage of the frames since (collector.py)
        if self._idle_timer is not None:
            self._idle_timer.stop()
        self._idle_timer = self.set_timer(collector.IDLE_AFTER, self._collect_if_idle)

    def _collect_if_idle(self) -> None:
        """The keys may have paused: the older generations' collections, if they are due (collector.py)."""
        self._idle_timer = None
        last_key = max(self.editor.last_key_at, getattr(self.app, "last_input_at", 0.0))
        if time.monotonic() - last_key >= collector.IDLE_AFTER * 0.9:
            collector.collect_quietly(idle=True)

    def paint_side_now(self) -> None:
        """Paint all that is due at once (before an action reads a panel)."""
        if self._side_timer is not None:
            self._side_timer.stop()
            self._side_timer = None
        due, self._side_due = self._side_due, {}
        for paint in due.values():
            paint()
