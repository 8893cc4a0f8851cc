"""The alignment review screen (`tarjimon align NAME SOURCE --kk KK --review`): aligned pairs side by side
with their confidence; keys to accept, reject, join, split and shift; the accepted pairs go to the TM.

The keys are one table (`ALIGN_KEYS`, the same `Key` rows as tui/keys.py): plain letters and F-keys every
terminal delivers; the footer, the bindings and the command palette (`AlignCommands`) read it. The edits are
core/align/review.py's verbs; the screen only draws the rows.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.screen import Screen
from textual.widgets import DataTable, Static

from tarjimon.core.workbench.aligning import ACCEPTED, REJECTED, Alignment, ReviewRows, accept
from tarjimon.tui.footer import FittingFooter
from tarjimon.tui.keys import Key
from tarjimon.tui.plain import plain

REVIEW = "Aligned pairs"
ALIGN_KEYS: list[Key] = [
    Key("align-accept", "a,enter", "accept", "Accept the pair (it goes to the TM)", "Accept", True, REVIEW),
    Key("align-reject", "r,delete", "reject", "Reject the pair (it stays out of the TM)", "Reject", True, REVIEW),
    Key("align-save", "f2", "save", "Add the accepted pairs to the TM and close", "Save", True, REVIEW),
    Key("align-quit", "escape,q", "quit_review", "Close without adding anything", "Close", True, REVIEW),
    Key("align-join", "j", "join", "Join the pair with the next one (a merge the aligner missed)", "Join", True,
        REVIEW),
    Key("align-split", "s", "split", "Split off the last sentence of the longer side", "Split", True, REVIEW),
    Key("align-shift-up", "u,f5", "shift_up", "Shift up: pull the next target sentence into this pair",
        "Shift ↑", True, REVIEW),
    Key("align-shift-down", "d,f6", "shift_down", "Shift down: push this pair's last target sentence on",
        "Shift ↓", True, REVIEW),
    Key("align-lang", "l,f4", "next_lang", "Next target language", "Lang", True, REVIEW),
]
MARKS = {ACCEPTED: ("✔", "green"), REJECTED: ("✗", "red"), "pending": ("?", "yellow")}


def confidence_text(value: float) -> Text:
    style = "green" if value >= 0.8 else "yellow" if value >= 0.5 else "red"
    return Text(f"{value:.2f}", style=style)


class AlignCommands(Provider):
    """Every review action by name in the command palette (Ctrl+P)."""

    def _available(self) -> bool:
        return isinstance(self.screen, AlignReviewScreen)

    def _run(self, action: str) -> None:
        self.app.call_later(self.screen.run_action, action)

    async def discover(self) -> Hits:
        if self._available():
            for k in ALIGN_KEYS:
                yield DiscoveryHit(k.description, partial(self._run, k.action), help=k.keys)

    async def search(self, query: str) -> Hits:
        if not self._available():
            return
        matcher = self.matcher(query)
        for k in ALIGN_KEYS:
            score = matcher.match(k.description)
            if score > 0:
                yield Hit(score, matcher.highlight(k.description), partial(self._run, k.action), help=k.keys)


class AlignReviewScreen(Screen[tuple[int, int] | None]):
    """Review the pairs of every target language; F2 adds the accepted ones to the project's TM."""

    BINDINGS = [Binding(k.keys, k.action, k.label, show=k.show, id=k.id, tooltip=k.description)
                for k in ALIGN_KEYS]
    COMMANDS = {AlignCommands}  # its actions in the palette of any app (the workbench's too)
    DEFAULT_CSS = """
    AlignReviewScreen DataTable { height: 1fr; }
    AlignReviewScreen #align-title { height: auto; max-height: 3; padding: 0 1; background: $panel; }
    """

    def __init__(self, project: Any, alignment: Alignment, min_confidence: float = 0.5) -> None:
        super().__init__()
        self.project = project
        self.alignment = alignment
        self.langs = list(alignment.targets)
        self.rows = {lang: ReviewRows(alignment, lang, min_confidence) for lang in self.langs}
        self.lang = self.langs[0]

    def compose(self) -> ComposeResult:
        yield Static("", id="align-title")
        yield DataTable(id="align-pairs", cursor_type="row", zebra_stripes=True)
        yield FittingFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        width = max(self.app.size.width - 34, 40) // 2
        table.add_column("", key="mark", width=1)
        table.add_column("conf", key="conf", width=4)
        table.add_column("shape", key="shape", width=5)
        table.add_column("with", key="agreement", width=5)
        table.add_column(self.alignment.source.lang, key="source", width=width)
        table.add_column(self.lang, key="target", width=width)
        self.redraw()
        table.focus()

    @property
    def current(self) -> ReviewRows:
        return self.rows[self.lang]

    def redraw(self, keep: int | None = None) -> None:
        table = self.query_one(DataTable)
        row_at = table.cursor_row if keep is None else keep
        table.clear()
        rows = self.current
        for n, row in enumerate(rows.rows):
            src, tgt = rows.texts(n)
            mark, style = MARKS[row.status]
            conf = confidence_text(row.confidence) if row.source and row.target else Text("", style="dim")
            table.add_row(Text(mark, style=style), conf, row.shape, Text(row.agreement, style="green"), Text(src), Text(tgt),
                          key=str(n), height=None)
        total = sum(1 for r in rows.rows if r.status == ACCEPTED)
        self.query_one("#align-title", Static).update(plain(
            f"{self.alignment.source.name} → {rows.target.name} ({self.lang}) · {total} pairs accepted of "
            f"{len(rows.rows)} rows · targets: {' '.join(self.langs)} (l: next) · with: the other targets that "
            "agree"))
        if rows.rows:
            table.move_cursor(row=min(max(row_at, 0), len(rows.rows) - 1))

    def _edit(self, verb: str, advance: bool = False) -> None:
        n = self.query_one(DataTable).cursor_row
        if not self.current.rows:
            return
        getattr(self.current, verb)(n)
        self.redraw(n + 1 if advance else n)

    def action_accept(self) -> None:
        self._edit("accept", advance=True)

    def action_reject(self) -> None:
        self._edit("reject", advance=True)

    def action_join(self) -> None:
        self._edit("join")

    def action_split(self) -> None:
        self._edit("split")

    def action_shift_up(self) -> None:
        self._edit("shift_up")

    def action_shift_down(self) -> None:
        self._edit("shift_down")

    def action_next_lang(self) -> None:
        self.lang = self.langs[(self.langs.index(self.lang) + 1) % len(self.langs)]
        table = self.query_one(DataTable)
        table.columns["target"].label = Text(self.lang)  # type: ignore[index]
        self.redraw(0)

    def action_save(self) -> None:
        self.store({lang: rows.accepted() for lang, rows in self.rows.items()})

    @work(thread=True, exclusive=True)
    def store(self, pairs: dict[str, list[Any]]) -> None:
        try:
            result = accept(self.project.tm, self.alignment, pairs)
        except Exception as exc:  # shown, not raised: nothing was added (import_units is all or nothing)
            self.app.call_from_thread(self.notify, f"nothing added: {exc}", severity="error")
            return
        self.app.call_from_thread(self.dismiss, result)

    def action_quit_review(self) -> None:
        self.dismiss(None)
