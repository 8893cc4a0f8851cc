"""Ctrl+A (or Alt+H): the versions of the current target, compared word by word, and one restored.

Each version says who wrote it, when, its status and origin, and what changed against the version before it
(D: against the current text instead). Deleted words are red, struck through AND between [- -]; inserted
words green, underlined AND between {+ +}, so the diff reads without colour too. Enter (or R) restores the
highlighted version: the workbench saves it as a new version, so nothing is lost and a restore is undone by
restoring the text it replaced.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tarjimon.core.workbench.review import Version
from tarjimon.tui.grid import STATUS_MARKS
from tarjimon.tui.plain import signs

DELETED = "red strike"
INSERTED = "green underline"


def diff_text(diff: Sequence[tuple[str, str]]) -> Text:
    """A word diff as Rich text: colour and marks ([-deleted-], {+inserted+})."""
    out = Text()
    for op, piece in diff:
        if op == "delete":
            out.append("[-", style="red")
            out.append(piece, style=DELETED)
            out.append("-]", style="red")
        elif op == "insert":
            out.append("{+", style="green")
            out.append(piece, style=INSERTED)
            out.append("+}", style="green")
        else:
            out.append(piece)
    return out


def version_text(v: Version) -> Text:
    """One version as the list shows it: a heading line, then its text with the diff marked."""
    head = Text()
    head.append(f"v{v.number}", style="bold")
    if v.current:
        head.append(" ")
        head.append("current", style="bold reverse")
    head.append(f" · {v.changed_at[:16].replace('T', ' ')} · ")
    who = v.came_from  # the user, or the file or TM match it came from ("import: story.kk.xlf")
    head.append(who, style="italic")
    head.append(f" · {STATUS_MARKS.get(v.status, '?')} {v.status}")
    if v.origin and who in (v.author, "?"):
        head.append(f" · {v.origin}", style="dim")
    if v.compared_with:
        head.append(f" · vs v{v.compared_with}", style="dim")
    body = diff_text(v.diff) if v.compared_with else Text(v.text)
    return signs(head + Text("\n") + Text("  ") + body)  # (others' text: control characters as signs)


class HistoryScreen(ModalScreen[int | None]):
    """Answers the number of the version to restore, or None."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Close", id="close-history"),
        Binding("d", "toggle_against", "Diff against previous / current", id="history-against"),
        Binding("r", "restore", "Restore", id="history-restore"),
    ]

    def __init__(self, title: str, source: str, load: Callable[[str], list[Version]]) -> None:
        super().__init__()
        self.title_text = title
        self.source = source
        self.load = load
        self.against = "previous"
        self.versions: list[Version] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="history-box", classes="dialog") as box:
            box.border_title = self.title_text
            box.border_subtitle = "↑↓ pick · Enter/R restores · D diff vs previous/current · Esc closes"
            yield Static(signs(Text(f"source: {self.source}")), id="history-source")
            yield Static("", id="history-against")
            yield OptionList(id="history-list")

    def on_mount(self) -> None:
        self._fill()
        self.query_one(OptionList).focus()

    def _fill(self) -> None:
        self.versions = self.load(self.against)
        options = self.query_one(OptionList)
        options.clear_options()
        if not self.versions:
            options.add_option(Option(Text("no versions yet: nothing was saved in this target", style="dim"),
                                      disabled=True))
        else:
            options.add_options([Option(version_text(v), id=str(v.number)) for v in reversed(self.versions)])
            options.highlighted = 0
        what = "the one before" if self.against == "previous" else "the current text"
        n = len(self.versions)
        self.query_one("#history-against", Static).update(Text(
            f"{n} version{'s' if n != 1 else ''}, newest first, each against {what}: [-deleted-] {{+inserted+}}"))

    @property
    def text(self) -> str:
        """Everything the list shows, as plain text (for tests and tools)."""
        return "\n".join(version_text(v).plain for v in reversed(self.versions))

    def action_toggle_against(self) -> None:
        self.against = "current" if self.against == "previous" else "previous"
        self._fill()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_restore()

    def action_restore(self) -> None:
        index = self.query_one(OptionList).highlighted
        if index is None or not self.versions:
            return
        chosen = self.versions[len(self.versions) - 1 - index]
        if chosen.current:
            self.notify("That is the current text already", timeout=2)
            return
        self.dismiss(chosen.number)
