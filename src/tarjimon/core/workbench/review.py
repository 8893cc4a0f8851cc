"""Review: the versions of a target compared word by word (and one restored), reviewers' comments on segments,
and repetitions filled on request or undone. `Workbench.review` gives the TUI and the CLI one `Review`.

All SQL is in the project repository; this module composes it: a version list is the history plus the current
text, each with a word diff against the one before it (or against the current text); restoring a version saves
it through `Workbench.confirm`, so the text it replaces goes to the history like any other change.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tarjimon.core.config import current_user
from tarjimon.core.errors import NotFound, TarjimonError
from tarjimon.core.models import Comment, Translation

Workbench = Any  # the facade (facade.py imports this module: no import back)
Confirmed = Any

REPETITION_MODES = ("fill", "ask", "never")
_TOKEN = re.compile(r"\w+(?:['ʼʻ’`]\w+)*|\s+|[^\w\s]", re.UNICODE)


@dataclass(frozen=True)
class Version:
    """One version of a target: number 1 is the oldest; the last one is the current text (`current`)."""

    number: int
    text: str
    status: str
    author: str
    changed_at: str
    origin: str
    current: bool
    diff: tuple[tuple[str, str], ...]  # ("equal" | "insert" | "delete", text), against `compared_with`
    compared_with: int  # the version number the diff is against (0: none, the first version)

    @property
    def came_from(self) -> str:
        """Who or what wrote this version, as the history shows it (`came_from`)."""
        return came_from(self.author, self.origin)


IMPORT_ORIGIN = "import: "  # a target that came in with a file: "import: story.kk.xlf"
_IMPORT_FORMATS = {"xliff": "an XLIFF file", "po": "a PO file", "import": "a file"}  # before files were named


def came_from(author: str, origin: str) -> str:
    """Where a version came from, for the history: the file it was imported with ("import: story.kk.xlf"),
    the TM match pretranslate filled it from ("pretranslate: TM 100%", with who ran it), else who typed it
    (the user); "?" only for versions saved before authors were kept."""
    if origin.startswith(IMPORT_ORIGIN):
        return origin
    if origin in _IMPORT_FORMATS:
        return f"import: {_IMPORT_FORMATS[origin]}"
    score = origin.removeprefix("tm:")
    if origin.startswith("tm:") and score.isdigit():
        return f"pretranslate: TM {score}%" + (f" ({author})" if author else "")
    return author or "?"


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Word-level diff of two texts: ("equal" | "delete" | "insert", text) pieces that rebuild both.

    The equal and deleted pieces give `old`, the equal and inserted pieces give `new`; words are compared
    whole (a changed letter marks the word), spaces and punctuation are pieces of their own.
    """
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    out: list[tuple[str, str]] = []

    def add(op: str, text: str) -> None:
        if not text:
            return
        if out and out[-1][0] == op:
            out[-1] = (op, out[-1][1] + text)
        else:
            out.append((op, text))

    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            add("equal", "".join(a[i1:i2]))
        else:
            add("delete", "".join(a[i1:i2]))
            add("insert", "".join(b[j1:j2]))
    return out


def marked(diff: Sequence[tuple[str, str]]) -> str:
    """A diff as plain text that reads without colour: deletions [-like this-], insertions {+like this+}."""
    return "".join(text if op == "equal" else f"[-{text}-]" if op == "delete" else f"{{+{text}+}}"
                   for op, text in diff)


class Review:
    """Versions, comments and repetitions of one open project (see the module docstring)."""

    def __init__(self, workbench: Workbench) -> None:
        self.wb = workbench

    @property
    def user(self) -> str:
        """Who is working now: the author of what is saved ($TARJIMON_USER, else the OS user)."""
        return current_user()

    # ---- versions -------------------------------------------------------------------------------
    def versions(self, segment_id: int, lang: str, *, against: str = "previous") -> list[Version]:
        """Every version of a target, oldest first, the current text last; each with a word diff against the
        version before it (`against="previous"`) or against the current text (`against="current"`)."""
        lang = self.wb.target(lang)
        repo = self.wb.repo
        entries = [(h.text, h.status, h.author, h.changed_at, h.origin) for h in repo.history(segment_id, lang)]
        now_ = repo.translation(segment_id, lang)
        if now_.text:
            entries.append((now_.text, now_.status, repo.target_author(segment_id, lang), now_.updated_at,
                            now_.origin))
        last = len(entries)
        out = []
        for n, (text, status, author, when, origin) in enumerate(entries, start=1):
            if against == "current":
                other = last if n != last else 0
            else:
                other = n - 1
            base = entries[other - 1][0] if other else ""
            diff = tuple(word_diff(base, text)) if other else (("equal", text),)
            out.append(Version(n, text, status, author, when, origin, n == last and bool(now_.text), diff, other))
        return out

    def restore(self, segment_id: int, lang: str, number: int) -> Confirmed:
        """Make version `number` the current text again (with its status, origin "restored vN"); the text it
        replaces goes to the history, so a restore is undone by restoring that one."""
        versions = self.versions(segment_id, lang)
        if not 1 <= number <= len(versions):
            raise NotFound(f"no version {number} of this target (1 to {len(versions)})" if versions
                           else "this target has no versions yet")
        v = versions[number - 1]
        status = v.status if v.status in ("draft", "translated", "reviewed") else "draft"
        return self.wb.confirm(segment_id, lang, v.text, status, f"restored v{number}")

    # ---- comments -------------------------------------------------------------------------------
    def add_comment(self, segment_id: int, text: str, lang: str = "") -> Comment:
        """A reviewer's comment on a segment's `lang` target, or on the whole segment (`lang` "")."""
        return self.wb.repo.add_comment(segment_id, self.wb.target(lang) if lang else "", text, self.user)

    def comments(self, segment_id: int | None = None, *, lang: str | None = None,
                 include_resolved: bool = False, include_removed: bool = False) -> list[Comment]:
        """Comments of a segment (or of the project), the open ones only unless `include_resolved`; with `lang`,
        those on that language and those on the whole segment; with `include_removed` (project-wide), those
        kept from removed sentences too (`Comment.removed` says why)."""
        found = self.wb.repo.comments(segment_id, include_resolved=include_resolved, include_removed=include_removed)
        if lang:
            lang = self.wb.target(lang)
            found = [c for c in found if c.lang in ("", lang)]
        return found

    def removed_comments(self, segment_id: int, lang: str | None = None) -> list[Comment]:
        """The comments kept from removed sentences of this segment's document (a re-import dropped them)."""
        document = self.wb.repo.document_name(self.wb.repo.segment(segment_id).document_id)
        found = self.wb.repo.removed_comments(document)
        if lang:
            found = [c for c in found if c.lang in ("", self.wb.target(lang))]
        return found

    def resolve(self, comment_id: int, *, reopen: bool = False) -> Comment:
        """Mark a comment resolved (by the current user), or open it again."""
        return self.wb.repo.resolve_comment(comment_id, self.user, reopen=reopen)

    def open_counts(self) -> dict[int, int]:
        """Segment id -> its number of open comments (the grid's marker)."""
        return self.wb.repo.open_comment_counts()

    def notes(self, lang: str) -> dict[int, list[str]]:
        """Segment id -> the open comments that concern `lang`, as one-line notes for an export."""
        out: dict[int, list[str]] = {}
        for c in self.wb.repo.comments():
            if c.lang in ("", lang):
                out.setdefault(c.segment_id, []).append(comment_note(c))
        return out

    # ---- repetitions ----------------------------------------------------------------------------
    @property
    def repetition_mode(self) -> str:
        """What a confirm does with the same sentence's empty targets elsewhere: fill, ask or never."""
        mode = str(self.wb.config.settings.get("repetitions", "fill"))
        return mode if mode in REPETITION_MODES else "fill"

    def set_repetition_mode(self, mode: str) -> None:
        if mode not in REPETITION_MODES:
            raise TarjimonError(f"repetitions: {mode!r} is not one of {', '.join(REPETITION_MODES)}")
        self.wb.set_setting("repetitions", mode)

    def fill_repetitions(self, segment_id: int, lang: str, only: Sequence[int] | None = None) -> list[Translation]:
        """Fill the same sentence's empty `lang` targets with this segment's confirmed target (of them, only the
        segments in `only`): the "ask" mode's answer."""
        lang = self.wb.target(lang)
        segment = self.wb.repo.segment(segment_id)
        saved = self.wb.repo.translation(segment_id, lang)
        if saved.status not in ("translated", "reviewed"):
            raise TarjimonError("only a confirmed target fills its repetitions")
        return self.wb.repo.fill_repetitions(segment, saved, only, author=self.user)

    def undo_fill(self, filled: Sequence[Translation]) -> list[Translation]:
        """Empty again the targets a fill of repetitions wrote, unless changed since; return those emptied."""
        return self.wb.repo.unfill_repetitions(filled)


def comment_note(c: Comment) -> str:
    """A comment as one line: `reviewer (kk, 2026-11-29): text`."""
    scope = f"{c.lang}, " if c.lang else ""
    return f"{c.author} ({scope}{c.created_at[:10]}): {' '.join(c.text.split())}"
