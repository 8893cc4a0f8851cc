"""F12 (or Alt+M): reviewers' comments on the current segment: read them, add one, resolve or reopen one.

A comment is on the language being edited or, with the box ticked, on the whole segment. It is committed as
soon as Enter adds it (the project's database, so it is in backups and exported as a note in XLIFF and PO).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, OptionList
from textual.widgets.option_list import Option

from tarjimon.core.errors import TarjimonError
from tarjimon.core.models import Comment
from tarjimon.core.workbench.review import Review
from tarjimon.tui.plain import signs


def comment_text(c: Comment) -> Text:
    """A comment as the list and the panel show it: ✱ open / ✓ resolved, who, when, about what, the text."""
    out = Text()
    out.append("✱ " if c.open else "✓ ", style="bold yellow" if c.open else "green")
    out.append(c.author or "?", style="italic")
    out.append(f" · {c.lang or 'segment'} · {c.created_at[:16].replace('T', ' ')}", style="dim")
    if not c.open:
        out.append(f" · resolved by {c.resolved_by}", style="dim")
    if c.removed:
        out.append(f"\n  on a removed sentence ({c.removed}): «{c.source}»", style="dim italic")
    out.append("\n  ")
    out.append(c.text, style="" if c.open else "dim strike")
    return signs(out)  # (an author or a text from another desk: control characters as signs)


class CommentsScreen(ModalScreen[bool]):
    """Answers True when a comment was added, resolved or reopened (the workbench then refreshes)."""

    BINDINGS = [Binding("escape", "close", "Close", id="close-comments")]
    AUTO_FOCUS = "#comment-text"

    def __init__(self, review: Review, segment_id: int, lang: str, title: str, read_only: bool = False) -> None:
        super().__init__()
        self.review = review
        self.segment_id = segment_id
        self.lang = lang
        self.title_text = title
        self.read_only = read_only
        self.changed = False
        self.comments: list[Comment] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="comments-box", classes="dialog") as box:
            box.border_title = self.title_text
            box.border_subtitle = "Enter adds · Shift+Tab to the list, Enter resolves/reopens · Esc closes"
            yield OptionList(id="comment-list")
            yield Label(f"A new comment (on {self.lang}; tick for the whole segment)")
            yield Input(placeholder="what should change, and why", id="comment-text", disabled=self.read_only)
            yield Checkbox("on the whole segment, not only this language", id="comment-whole",
                           disabled=self.read_only)

    def on_mount(self) -> None:
        self._fill()

    def _fill(self, keep: int | None = None) -> None:
        self.comments = self.review.comments(self.segment_id, lang=self.lang, include_resolved=True)
        self.comments.sort(key=lambda c: (not c.open, c.id))  # open ones first
        # then those kept from this document's sentences that a re-import removed (resolvable, not lost)
        self.comments += self.review.removed_comments(self.segment_id, self.lang)
        options = self.query_one(OptionList)
        options.clear_options()
        if not self.comments:
            options.add_option(Option(Text("no comments on this segment yet", style="dim"), disabled=True))
            return
        options.add_options([Option(comment_text(c), id=str(c.id)) for c in self.comments])
        ids = [c.id for c in self.comments]
        options.highlighted = ids.index(keep) if keep in ids else 0

    @property
    def text(self) -> str:
        """The comments as plain text (for tests and tools)."""
        return "\n".join(comment_text(c).plain for c in self.comments)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not event.value.strip():
            self.action_close()
            return
        whole = self.query_one("#comment-whole", Checkbox).value
        try:
            self.review.add_comment(self.segment_id, event.value, "" if whole else self.lang)
        except TarjimonError as exc:
            self.notify(str(exc), severity="error")
            return
        self.changed = True
        event.input.value = ""
        self._fill()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.read_only or event.option.id is None:
            return
        comment = next(c for c in self.comments if str(c.id) == event.option.id)
        done = self.review.resolve(comment.id, reopen=not comment.open)
        self.changed = True
        self.notify(f"Comment {'resolved' if not done.open else 'reopened'}", timeout=2)
        self._fill(keep=done.id)

    def action_close(self) -> None:
        self.dismiss(self.changed)
