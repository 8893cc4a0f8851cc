"""A footer that shows only the keys that fit whole.

Textual's footer lays its keys out in one row and lets the last ones run under the command palette's key, so
at 80 columns a label was cut in the middle ("^f▏^p palette"). This footer keeps the keys in their order (the
key table puts the most used first), drops the ones that do not fit whole, and works the fit out again when
the terminal is resized. Every key is still in F1 and in the palette.

Textual rebuilds the footer's keys (a widget each, styled anew) on every change of the bindings (a focus moving)
and here on every resize: four times while the workbench opens, ~0.1 s of CPU each on a loaded machine. They are
rebuilt only when what they show would change (the keys, their state, the width).
"""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


def key_width(key: FooterKey, compact: bool) -> int:
    """The cells a footer key takes: the key and its description with the padding Textual's CSS gives them
    (one cell each side of the key, one after the description; in compact style one between them), plus the
    margin that compact style puts after a key."""
    width = cell_len(key.key_display)
    if key.description:
        width += cell_len(key.description) + (1 if compact else 3)
    return width + (1 if compact else 0)


class FittingFooter(Footer):
    """Textual's footer, keeping only the keys that fit whole in the terminal's width."""

    _shown: Any = None  # what the keys on show were made from (`_showing`)

    def _showing(self) -> Any:
        """What the footer's keys are made from: the shown bindings, enabled or not, and the width."""
        if not self._bindings_ready:
            return None
        bindings = self.screen.active_bindings
        keys = tuple((b.key, b.description, on) for _node, b, on, _tip in bindings.values() if b.show)
        palette = bindings.get(self.app.COMMAND_PALETTE_BINDING)
        return keys, palette is not None and palette[2], self.app.size.width, self.compact

    async def recompose(self) -> None:
        if not self.is_attached or self._pruning:  # (asked after a refresh, the screen gone by then)
            return
        showing = self._showing()
        if showing is not None and showing == self._shown:
            return  # the same keys would be made again
        await super().recompose()

    def compose(self) -> ComposeResult:
        self._shown = self._showing()
        items = list(super().compose())
        keys = [item for item in items if isinstance(item, FooterKey)]
        if len(keys) != len(items):  # grouped keys: leave them to Textual
            yield from items
            return
        palette = [key for key in keys if key.has_class("-command-palette")]
        # The palette's key is docked on the right; its border is drawn inside its width (measured: 12 cells).
        room = self.app.size.width - sum(key_width(key, self.compact) for key in palette)
        for key in keys:
            if key in palette:
                continue
            room -= key_width(key, self.compact)
            if room < 0:
                break
            yield key
        yield from palette

    def on_resize(self, event: events.Resize) -> None:
        if self._bindings_ready and self.is_attached:
            self.call_after_refresh(self.recompose)
