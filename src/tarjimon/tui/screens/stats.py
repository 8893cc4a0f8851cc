"""The statistics screen (palette: "Statistics"): progress per language as bars, and the QA findings by
check; counted in a worker (the project's QA reads every target), shown when done."""

from __future__ import annotations

from collections import Counter
from typing import Any

from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import ProgressBar, Static

from tarjimon.core.text.visible import visible

STATUSES = ("reviewed", "translated", "draft", "empty")


def findings_table(findings: list[Any], langs: list[str]) -> Table | Text:
    """QA findings counted by check and language, most frequent first."""
    if not findings:
        return Text("no QA findings", style="dim italic")
    by = Counter((f.check, f.lang) for f in findings)
    table = Table(box=None, padding=(0, 2, 0, 0), header_style="bold")
    table.add_column("check")
    for lang in langs:
        table.add_column(lang, justify="right")
    table.add_column("total", justify="right")
    checks = sorted({f.check for f in findings}, key=lambda c: (-sum(by[(c, lang)] for lang in langs), c))
    for check in checks:
        table.add_row(check, *[str(by[(check, lang)]) for lang in langs], str(sum(by[(check, lang)] for lang in langs)))
    return table


class StatsScreen(ModalScreen[None]):
    """Segments, words and progress per target language; the QA findings by check."""

    BINDINGS = [Binding("escape,q", "dismiss", "Close", id="close-stats")]

    class Counted(Message):
        def __init__(self, stats: dict[str, Any], findings: list[Any], error: str = "") -> None:
            super().__init__()
            self.stats = stats
            self.findings = findings
            self.error = error

    def __init__(self, project: Any) -> None:
        super().__init__()
        self.project = project
        self.findings: list[Any] = []  # as last counted

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="stats-box", classes="dialog") as box:
            box.border_title = f"Statistics · {visible(self.project.name)}"
            box.border_subtitle = "Esc closes"
            yield Static(Text("counting…", style="dim italic"), id="stats-summary")
            for lang in self.project.target_langs:
                yield Static(lang, id=f"stats-label-{lang}", classes="stats-label")
                yield ProgressBar(total=100, show_eta=False, id=f"stats-bar-{lang}")
            yield Static("", id="stats-findings")

    def on_mount(self) -> None:
        self.count()

    @work(thread=True, exclusive=True)
    def count(self) -> None:
        try:
            stats = self.project.stats()
            findings = self.project.qa(spelling=False)
        except Exception as exc:  # shown, not raised
            self.post_message(self.Counted({}, [], str(exc)))
            return
        self.post_message(self.Counted(stats, findings))

    def on_stats_screen_counted(self, event: Counted) -> None:
        summary = self.query_one("#stats-summary", Static)
        if event.error:
            summary.update(Text(f"could not count: {event.error}", style="red"))
            return
        s = event.stats
        counts = [(s["documents"], "document"), (s["segments"], "segment"), (s["words"], "word"),
                  (s["tm_units"], "TM unit"), (s.get("open_comments", 0), "open comment")]
        summary.update(" · ".join(f"{n} {what}{'' if n == 1 else 's'}" for n, what in counts)
                       + f" · repetitions: {s.get('repetitions', 'fill')}")
        for lang, c in s["languages"].items():
            self.query_one(f"#stats-bar-{lang}", ProgressBar).update(progress=c["progress"])
            self.query_one(f"#stats-label-{lang}", Static).update(
                f"{lang}  " + "  ".join(f"{st} {c[st]}" for st in STATUSES))
        self.findings = event.findings
        self.query_one("#stats-findings", Static).update(findings_table(event.findings, s["targets"]))
