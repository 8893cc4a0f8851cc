"""The other targets of the current segment, to read beside the one being written."""

from __future__ import annotations

from rich.text import Text

from tarjimon.core.models import SegmentRow
from tarjimon.tui.grid import STATUS_MARKS
from tarjimon.tui.panel import Panel


class PivotsPanel(Panel):
    """Shows every target of a row except the one being edited."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "Other targets"

    def show(self, row: SegmentRow, lang: str) -> None:
        out = Text()
        for code, target in row.targets.items():
            if code == lang:
                continue
            if out:
                out.append("\n")
            out.append(f"{code} {STATUS_MARKS.get(target.status, '?')} ", style="bold")
            out.append(target.text or "—", style="" if target.text else "dim")
        self.update(out or Text("no other targets", style="dim italic"))
