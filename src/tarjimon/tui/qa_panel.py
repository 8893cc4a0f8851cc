"""QA findings of the current segment: a place kept for the QA checks when they land."""

from __future__ import annotations

from rich.text import Text

from tarjimon.tui.panel import Panel


class QAPanel(Panel):
    """Shows findings it is given (objects with `check`, `severity`, `message`)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "QA"

    def show(self, findings: list) -> None:
        if not findings:
            self.update(Text("no findings", style="dim italic"))
            return
        out = Text()
        for f in findings:
            out.append(f"{getattr(f, 'severity', '')} ", style="bold red")
            out.append(f"{getattr(f, 'message', f)}\n")
        self.update(out)
