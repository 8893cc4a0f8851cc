"""TM matches for the current segment and target: score, the words that differ, origin, the keys (F6 inserts,
Ctrl+B opens the TM browser to edit or delete a unit)."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from tarjimon.tui.panel import Panel, Wrapped


def highlight_diff(source: str, diff: tuple[tuple[str, str], ...]) -> Text:
    """The unit's source with the words the segment lacks in red; the segment's extra words after a "+"; the
    inline tags that differ (⟨1⟩, {0}, <b>) on a line of their own, "-" the unit's, "+" the segment's."""
    from tarjimon.core.text.tags import is_written_tag as is_tag

    text = Text(source)
    at = 0
    for op, word in diff:
        if op == "insert":
            continue
        found = source.find(word, at)
        if found < 0:
            continue
        if op == "delete":
            text.stylize("bold cyan" if is_tag(word) else "bold red", found, found + len(word))
        at = found + len(word)
    extra = [word for op, word in diff if op == "insert" and not is_tag(word)]
    if extra:
        text.append("\n+ " + " ".join(extra), style="green")
    tags = [("-" if op == "delete" else "+") + word for op, word in diff if op != "equal" and is_tag(word)]
    if tags:
        text.append("\ntags: " + " ".join(tags), style="cyan")
    return text


def score_style(score: int) -> str:
    if score >= 100:
        return "bold green"
    if score >= 85:
        return "bold dark_orange"
    return "bold magenta"


class TMPanel(Panel):
    """Shows the matches it is given (`show`); knows nothing of the TM itself."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "TM matches"
        self.matches: list[Any] = []

    def show(self, matches: list[Any], waiting: bool = False, error: str = "", wrapped: Wrapped | None = None) -> None:
        """Show `matches` (`wrapped`: their text, `tm_text(matches, error)`, wrapped ahead)."""
        self.matches = list(matches)
        self.border_title = f"TM matches ({len(self.matches)})" if self.matches else "TM matches"
        if waiting:
            self.update(Text("looking up…", style="dim"))
        elif wrapped is not None:
            self.update(wrapped.content, wrapped)
        else:
            self.update(tm_text(self.matches, error))


def tm_text(matches: list[Any], error: str = "") -> Text:
    """What the TM panel shows for `matches` (any thread: the lookup worker builds it with the answer)."""
    if not matches:
        return Text(error or "no matches · Ctrl+B: TM browser", style="dim italic")
    # The target first: in a low panel (80x24 with F3) it is what must show; the source after it.
    out = Text()
    for n, match in enumerate(matches, start=1):
        if n > 1:
            out.append("\n")
        out.append(f"Alt+{n} ", style="dim")
        out.append(f"{match.score:>3}% ", style=score_style(match.score))
        out.append(str(getattr(match, "origin", "") or "tm"), style="dim italic")
        out.append("\n→ ", style="dim")
        out.append(match.target, style="bold")
        out.append("\n")
        out.append_text(highlight_diff(match.source, getattr(match, "diff", ()) or ()))
        out.append("\n")
    out.append("F6 inserts match 1, again: the next one · Ctrl+B: the TM browser (edit, delete)", style="dim")
    return out
