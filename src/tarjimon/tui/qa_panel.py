"""QA findings of the current target: one line each, coloured by severity; one dim line when there are none."""

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
        self._height: int | None = None  # set inline while there are findings; None: the stylesheet's
        self._shrink: Timer | None = None

    def show(self, findings: list[Any], error: str = "") -> None:
        """Show `findings` (worst first, as the core sorts them); the panel grows to fit a few."""
        self.findings = list(findings)
        self.border_title = f"QA ({len(self.findings)})" if self.findings else "QA"
        if not self.findings:
            self._fit(1)
            self.update(Text(error or "no findings", style="dim italic"))
            return
        width = max(20, self.content_region.width or 34)
        out = Text()
        for n, f in enumerate(self.findings):
            line = self._line(f)
            more = Text(f"… {len(self.findings) - n} more", style="dim")
            if (
                n
                and self._height_of(
                    out + Text("\n") + line + (Text("\n") + more if n + 1 < len(self.findings) else Text()),
                    width,
                )
                > MAX_LINES
            ):
                out.append("\n")
                out.append_text(more)
                break
            if n:
                out.append("\n")
            out.append_text(line)
        self._fit(self._height_of(out, width))
        self.update(out)

    @staticmethod
    def _line(finding: Any) -> Text:
        severity = getattr(finding, "severity", "")
        style = SEVERITY_STYLE.get(severity, "")
        line = Text()
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
