"""User text shown as it is, never read as Textual markup.

Segments, targets, terms, TM units, comments, file names and error messages quoting them are the translator's
(or a shared file's) text: a `[/]` in them made Textual's markup parser raise MarkupError and the whole
workbench crash; `[@click=app.quit]` would have made a clickable action. A string given to Static, Label,
Option, a DataTable cell or a notification is read as markup; Content and rich Text are not.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.text import Text
from textual.content import Content
from textual.notifications import SeverityLevel
from textual.strip import Strip

from tarjimon.core.text.visible import pictured, visible, visible_lines


def plain(text: str | Text | Content) -> Text | Content:
    """`text` for a Static, Label or Option, shown as written, its control characters made visible (a Text or
    Content already is: kept)."""
    return Content(visible_lines(text)) if isinstance(text, str) else text


def cell(text: str) -> Text:
    """`text` for a DataTable cell, shown as written, its control characters made visible."""
    return Text(visible(text))


def signs(text: Text) -> Text:
    """`text` with its control characters drawn as signs, one for one (its styles' spans stay where they
    were): what the panels, the concordance, the history and the comments show of others' text. Rich's Text
    drops a BEL or a CR, but keeps an ESC sequence or a bidi override, and Textual writes them to the terminal."""
    shown = pictured(text.plain)
    if shown is text.plain:
        return text
    text = text.copy()
    text.plain = shown
    return text


def pictured_strip(strip: Strip, width: int | None = None) -> Strip:
    """A drawn line with its control characters as signs (core.text.visible.pictured), for a widget that draws
    the text itself (the editor's TextArea: a target from another desk holding an ESC sequence retitled the
    terminal and cleared it when the editor showed it). The text itself is not changed; `width` cells (the
    strip's own by default)."""
    text = strip.text
    if pictured(text) is text:
        return strip
    signs = [Segment(pictured(seg.text), seg.style, seg.control) for seg in strip]
    return Strip(signs).adjust_cell_length(strip.cell_length if width is None else width)


class PlainNotify:
    """Mixed into an App (before App): its notifications are plain text, from whichever widget or screen asks
    (a widget's notify passes markup=True on): every message of Tarjimon is plain, and many quote a segment,
    a term or a file name."""

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = False) -> None:  # fmt: skip
        markup = markup and message.startswith(TEXTUAL_OWN)
        message, title = visible_lines(message), visible(title)  # (a notification quoting a hostile name)
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)  # type: ignore[misc]


#: Textual's own notifications, whose markup is its own ("Press [b]ctrl+c[/b] to quit the app").
TEXTUAL_OWN = ("Press [b]", "Saved screenshot to [$text-success]")
