"""Editing beyond one target: joining and splitting segments, and project-wide find and replace in targets
(with a preview, one transaction, and an undo). The SQL is the repository's (project/repository_edits.py);
this module adds what crosses layers: the TM gets the confirmed targets these produce (through the outbox,
like any confirm), and the search itself.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from tarjimon.core.errors import BadInput, TarjimonError
from tarjimon.core.models import Segment, Translation
from tarjimon.core.models.editing import Replacement, ReplaceReport
from tarjimon.core.project import ProjectRepository
from tarjimon.core.segment_places import Place
from tarjimon.core.workbench.confirm import TMDelivery

if TYPE_CHECKING:
    import regex as rx

    from tarjimon.core.workbench.sharing import SharedStory

# The search is the third-party `regex` engine (installed with sacremoses; a dependency of its own now), not
# `re`: the same syntax, and a `timeout` on each search, which `re` lacks. A translator's expression that
# backtracks without end, (a|aa)+$, held `re` for minutes (the workbench's preview runs on its UI thread: the
# screen froze); a time limit of our own would need a process per search. regex also never explodes on
# (a+)+$ or (x+x+)+y, as `re` does. Imported when a search is made (~9 ms: not at every workbench's start).


class Workbench(Protocol):
    """What editing needs of a project (the Workbench facade offers it)."""

    repo: ProjectRepository
    delivery: TMDelivery

    @property
    def target_langs(self) -> list[str]: ...

    def target(self, tag: str, *, source: str | None = None) -> str: ...

    @property
    def sharing(self) -> SharedStory | None: ...

CONFIRMED = ("translated", "reviewed")


@dataclass(frozen=True)
class SegmentsEdited:
    """What a join or split made: the new segments, their targets, and (split) the languages whose target was
    cut at the punctuation matching the source's (the others went whole to the first part)."""

    segments: list[Segment]
    targets: list[Translation]
    cut: list[str]


def join(workbench: Workbench, segment_id: int, author: str = "") -> SegmentsEdited:
    """Join a segment with the next one of its paragraph (see ProjectRepository.join_segments); a joined
    target that is confirmed goes to the TM as one unit (the units of the two old segments stay)."""
    repo = workbench.repo
    segment = repo.segment(segment_id)
    _file_segments(repo, segment)
    workbench.delivery.retry()  # what the old segments confirmed reaches the TM before they go
    nxt = repo.next_segment(segment)
    if nxt is None:
        raise TarjimonError("this is the last segment of its document: there is nothing to join it with")
    new, saved = repo.join_segments(segment, nxt, author)
    _deliver(workbench, new, saved)
    return SegmentsEdited([new], saved, [])


def split(workbench: Workbench, segment_id: int, at: int, author: str = "") -> SegmentsEdited:
    """Split a segment at source character `at` (see ProjectRepository.split_segment)."""
    _file_segments(workbench.repo, workbench.repo.segment(segment_id))
    workbench.delivery.retry()
    first, second, saved, cut = workbench.repo.split_segment(workbench.repo.segment(segment_id), at, author)
    return SegmentsEdited([first, second], saved, cut)


def _file_segments(repo: ProjectRepository, segment: Segment) -> None:
    """Refuse to join or split the segments of an XLIFF document: they are the file's, which is written back."""
    fmt = repo.original(segment.document_id)[0]
    if fmt in ("xliff", "po"):
        raise TarjimonError(f"{repo.document_name(segment.document_id)}: an {fmt.upper()} document keeps the file's "
                            "segments (they are written back into it): it cannot be joined or split")  # fmt: skip


def _deliver(workbench: Workbench, segment: Segment, saved: Sequence[Translation]) -> None:
    for target in saved:
        if target.status in CONFIRMED:
            workbench.delivery.deliver(segment, target)


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # (a target may hold a tab or a line break)
SEARCH_SECONDS = 3.0  # all the targets of one preview searched within this, or the expression is refused


def pattern(find: str, *, regex: bool = False, whole_word: bool = False, case: bool = False) -> rx.Pattern[str]:
    """The search of a find and replace: plain text (default) or a regular expression, whole words only or
    not, case-sensitive or not. A bad expression is a one-line error."""
    import regex as rx

    if not find:
        raise BadInput("nothing to find: give the text to look for")
    body = find if regex else rx.escape(find)
    if whole_word:
        body = rf"(?<!\w)(?:{body})(?!\w)"
    try:
        return rx.compile(body, 0 if case else rx.IGNORECASE)
    except rx.error as exc:
        raise BadInput(f"bad regular expression {find!r}: {exc}") from None


def _numbers(workbench: Workbench) -> tuple[dict[int, int], dict[int, Place]]:
    """Segment id -> its number in reading order (the order of a replace's list), and -> its place as every face
    says it ("segment 12", "b.txt #3")."""
    from tarjimon.core.segment_places import places

    where = places(workbench.repo.segments(), {d.id: d.name for d in workbench.repo.documents()})
    return {sid: n for n, sid in enumerate(where, 1)}, where


def _replacement(c: Any, number: int, place: Place | None, before: str, after: str) -> Replacement:
    """A change as the reports give it: its segment's number across the project and its place."""
    return Replacement(c.segment_id, number, c.lang, before, after, c.status, place.label if place else "",
                       place.document if place else "", place.index if place else 0)  # fmt: skip


def plan(workbench: Workbench, find: str, replace: str, langs: Sequence[str] | None = None, *,
         regex: bool = False, whole_word: bool = False, case: bool = False) -> list[Replacement]:
    """The preview: every target (of `langs`, default all) the replace would change, before -> after, in
    reading order. Nothing is written. An expression that takes over SEARCH_SECONDS is refused."""
    import regex as rx

    search = pattern(find, regex=regex, whole_word=whole_word, case=case)
    wanted = [workbench.target(lang) for lang in langs] if langs else workbench.target_langs
    number, place = _numbers(workbench)
    out = []
    deadline = time.monotonic() + SEARCH_SECONDS
    for t in workbench.repo.targets(wanted):
        try:
            after = search.sub((lambda m: m.expand(replace)) if regex else (
                (lambda m: replace) if case else (lambda m: keep_case(m.group(), replace))), t.text,
                timeout=max(deadline - time.monotonic(), 0.01))  # fmt: skip
        except TimeoutError:
            raise BadInput(f"the regular expression {find!r} takes too long on the targets (over "
                           f"{SEARCH_SECONDS:.0f} s): make it simpler") from None  # fmt: skip
        except (rx.error, IndexError) as exc:
            raise BadInput(f"bad replacement {replace!r}: {exc}") from None
        if after != t.text and _CONTROL.search(after) and not _CONTROL.search(t.text):
            raise BadInput(f"the replacement {replace!r} would put a control character into a target (no file "
                           "format holds one)")  # fmt: skip
        if after != t.text and t.segment_id in number:
            out.append(_replacement(t, number[t.segment_id], place.get(t.segment_id), t.text, after))
    order = {lang: i for i, lang in enumerate(workbench.target_langs)}
    return sorted(out, key=lambda r: (r.number, order.get(r.lang, 99)))


def keep_case(found: str, replace: str) -> str:
    """A case-insensitive plain replace keeps the case of what it replaces: «МЕКТЕП» -> «УЧИЛИЩЕ», «Мектеп» ->
    «Училище», «мектеп» -> «училище» (the replacement as typed otherwise)."""
    if len(found) > 1 and found.isupper():
        return replace.upper()
    if found[:1].isupper() and replace[:1].islower():
        return replace[:1].upper() + replace[1:]
    return replace


def apply(workbench: Workbench, find: str, replace: str, changes: Sequence[Replacement],
          options: dict[str, object], deliver: bool = True, author: str = "") -> ReplaceReport:
    """Write a previewed replace in one transaction (targets changed since the preview are skipped); the
    confirmed targets it changed are queued for the TM in it, and delivered now (`deliver`) or by the caller
    (`deliver_queued`: the TUI does it in a worker thread, a big replace takes the TM a few seconds)."""
    report = workbench.repo.apply_replacements(find, replace, options, changes, author)
    if deliver:
        deliver_queued(workbench)
    return report


def undo(workbench: Workbench, deliver: bool = True, author: str = "") -> ReplaceReport:
    """Undo the latest replace: every target it changed back to its text before, unless it was edited since
    (those are skipped and named in the report)."""
    last = workbench.repo.last_replace()
    if last is None:
        raise TarjimonError("no replace to undo")
    batch, _find, _replace, changes = last
    number, place = _numbers(workbench)
    changes = [_replacement(c, number.get(c.segment_id, 0), place.get(c.segment_id), c.before, c.after)
               for c in changes]
    report = workbench.repo.undo_replacements(batch, changes, author)
    if deliver:
        deliver_queued(workbench)
    return report


def deliver_queued(workbench: Workbench) -> int:
    """Everything queued for the TM (a replace, the workbench's confirms; a retry takes 1000 at a time), until
    the TM stops taking; how many units it took. A shared story's queue goes too (the same targets: queued
    for it in their transaction, sharing_schema.py's LOCAL_MIGRATIONS 2)."""
    if workbench.sharing is not None:
        workbench.sharing.send(confirming=True)
    return workbench.delivery.drain()
