"""QA findings of the current target: one line each, coloured by severity; one dim line when there are none.
Where the panel is not on screen (below 130 columns, or hidden with F3) the QA line under the grid shows the
finding F8 is on, whole (wrapped on up to three lines): `QALine`."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.timer import Timer

from tarjimon.tui.panel import Panel

SEVERITY_STYLE = {"error": "bold red", "warning": "dark_orange", "info": "dodger_blue2"}
MESSAGE_STYLE = {"error": "red", "info": "dim"}
SEVERITY_MARK = {"error": "✖", "warning": "▲", "info": "i"}
MAX_LINES = 10  # the most the panel grows to; more findings are counted, not shown
SHRINK_AFTER = 0.25  # seconds of the same (smaller) findings before the panel gives its room back


class QAPanel(Panel):
    """Shows the findings it is given (`tarjimon.core.qa.Finding`: check, severity, message)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "QA"
        self.findings: list[Any] = []
        self.focus = 0  # the finding F8 is on
        self._height: int | None = None  # set inline while there are findings; None: the stylesheet's
        self._shrink: Timer | None = None

    def show(self, findings: list[Any], error: str = "", focus: int = 0) -> None:
        """Show `findings` (worst first, as the core sorts them); the panel grows to fit a few. With several,
        the one F8 is on (`focus`) is marked ▶."""
        self.findings = list(findings)
        self.focus = focus
        self.border_title = f"QA ({len(self.findings)})" if self.findings else "QA"
        if not self.findings:
            self._fit(1)
            self.update(Text(error or "no findings", style="dim italic"))
            return
        width = max(20, self.content_region.width or 34)
        out = self._listed(0, width)
        if focus and "▶ " not in out.plain:  # F8's finding is past "… N more": the list starts at it
            out = self._listed(focus, width)
        self._fit(self._height_of(out, width))
        self.update(out)

    def _listed(self, start: int, width: int) -> Text:
        """The findings from `start` on, as many as fit in MAX_LINES, then "… N more" (and "… N above" first
        when the list does not start at the first)."""
        out = Text(f"… {start} above", style="dim") if start else Text()
        for n in range(start, len(self.findings)):
            line = self._line(self.findings[n], n == self.focus and len(self.findings) > 1)
            more = Text(f"… {len(self.findings) - n} more", style="dim")
            last = n + 1 == len(self.findings)
            if n > start and self._height_of(out + Text("\n") + line + (Text() if last else Text("\n") + more),
                                             width) > MAX_LINES:
                out.append("\n")
                out.append_text(more)
                break
            if out.plain:
                out.append("\n")
            out.append_text(line)
        return out

    @staticmethod
    def _line(finding: Any, focused: bool = False) -> Text:
        severity = getattr(finding, "severity", "")
        style = SEVERITY_STYLE.get(severity, "")
        line = Text()
        if focused:
            line.append("▶ ", style="bold")
        line.append(SEVERITY_MARK.get(severity, "·") + " ", style=f"bold {style}" if style else "")
        line.append(str(getattr(finding, "message", finding)), style=MESSAGE_STYLE.get(severity, ""))
        return line

    def _height_of(self, text: Text, width: int) -> int:
        return len(text.wrap(self.app.console, width))

    def _fit(self, lines: int) -> None:
        """Grow to the findings' lines (plus the border), back to the stylesheet's one line when none;
        only a change of height costs a re-layout (of the whole screen: 10-20 ms), so the panel grows at once
        but shrinks only once the translator pauses: moving through segments with and without findings, or
        typing, does not re-lay out the screen on every key."""
        height = None if lines <= 1 else min(MAX_LINES, lines) + 2
        if self._shrink is not None:
            self._shrink.stop()
            self._shrink = None
        if height == self._height:
            return
        if height is None or (self._height is not None and height < self._height):
            self._shrink = self.set_timer(SHRINK_AFTER, lambda: self._resize(height))
        else:
            self._resize(height)

    def _resize(self, height: int | None) -> None:
        self._shrink = None
        self._height = height
        self.styles.height = height


QA_LINE_MAX = 3  # lines of the QA line: a long message wraps, never cut mid-word on one line
QA_LINE_KEYS = "F8 next · Ctrl+E dismiss"  # (Ctrl+E: every terminal sends it; Alt+I is the second key)


def qa_line_text(findings: list[Any], focus: int) -> Text:
    """The QA line's text: the finding F8 is on, whole: its mark, its check, which of how many, its message,
    then the keys that act on it."""
    finding = findings[focus]
    severity = getattr(finding, "severity", "")
    style = SEVERITY_STYLE.get(severity, "")
    out = Text()
    out.append(f"{SEVERITY_MARK.get(severity, '·')} QA ", style=f"bold {style}" if style else "bold")
    count = f"{focus + 1}/{len(findings)} " if len(findings) > 1 else ""
    out.append(f"{count}{getattr(finding, 'check', '')}: ", style="bold")
    out.append(str(getattr(finding, "message", finding)), style=MESSAGE_STYLE.get(severity, ""))
    out.append(f"  {QA_LINE_KEYS}", style="dim")
    return out


class QALine(Panel):
    """One to three lines under the grid, shown while the QA panel is not on screen and the target has
    findings: the finding F8 is on, whole. Its height changes only when the number of lines does."""

    DEFAULT_CSS = """
    QALine {
        height: 1;
        padding: 0 1;
        background: $boost;
        display: none;
        overflow-y: hidden;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.shown: Text | None = None  # what it shows (None: hidden), for the tests and the screenshots
        self._hide: Timer | None = None

    def _hidden(self) -> None:
        self._hide = None
        self.display = False

    def show(self, findings: list[Any], focus: int, wanted: bool) -> None:
        """Show finding `focus` of `findings` when `wanted` (the QA panel is not on screen), else hide."""
        if self._hide is not None:
            self._hide.stop()
            self._hide = None
        if not (wanted and findings):
            self.shown = None
            if self.display:  # emptied now, hidden once the keys pause (hiding re-lays out the screen)
                self.update(Text(""))
                self._hide = self.set_timer(SHRINK_AFTER, self._hidden)
            return
        text = qa_line_text(findings, min(focus, len(findings) - 1))
        self.shown = text
        width = max(20, (self.app.size.width or 80) - 2)
        lines = min(QA_LINE_MAX, len(text.wrap(self.app.console, width)))
        if self.styles.height is None or self.styles.height.value != lines:
            self.styles.height = lines
        if not self.display:
            self.display = True
        self.update(text)

    def waiting(self) -> None:
        """The cell changed: its findings are not known yet (the line keeps its height until they are)."""
        if self.display and self.shown is not None:
            self.shown = None
            self.update(Text("QA: checking…", style="dim italic"))
