"""Joining and splitting segments, as pure functions on text: how two sentences (and their targets) are
joined, where a target is cut when its source is split, and how a re-import makes the translator's joins and
splits again. The repository (repository_edits.py) stores what these decide.
"""

from __future__ import annotations

from collections.abc import Sequence

from tarjimon.core.errors import TarjimonError
from tarjimon.core.models import STATUSES
from tarjimon.core.models.editing import SegmentEdit
from tarjimon.core.text.tags import tag_span

# Punctuation a split may fall after; a target is cut after the same mark when it has as many of them.
SPLIT_MARKS = ".!?…;:,—"
_CLOSERS = "”»\"'’)]"


def join_text(first: str, second: str) -> str:
    """Two sentences of one paragraph as one: joined with a single space (nothing doubled, nothing lost)."""
    first, second = first.rstrip(), second.lstrip()
    if not first or not second:
        return first or second
    return f"{first} {second}"


def weaker(first: str, second: str) -> str:
    """The weaker of two statuses (empty < draft < translated < reviewed)."""
    return min(first, second, key=STATUSES.index)


def joined_target(first: tuple[str, str], second: tuple[str, str]) -> tuple[str, str]:
    """The target of a joined segment from the two targets (text, status): joined when both have one, with
    the weaker status; when only one has a text, that text as a draft (half the sentence is untranslated)."""
    (text1, status1), (text2, status2) = first, second
    text = join_text(text1, text2)
    if not text:
        return "", "empty"
    if not text1.strip() or not text2.strip():
        return text, "draft"
    return text, weaker(status1, status2)


def split_source(source: str, at: int) -> tuple[str, str]:
    """A source cut at character `at`: both parts stripped; an error when either would be empty."""
    if not 0 < at < len(source):
        raise TarjimonError(f"cannot split at {at}: the source has {len(source)} characters (split inside it)")
    inside = tag_span(source, at)
    if inside is not None and inside[0] < at:
        raise TarjimonError(f"cannot split at {at}: it is inside the tag {source[inside[0]:inside[1]]}")
    first, second = source[:at].rstrip(), source[at:].lstrip()
    if not first or not second:
        raise TarjimonError(f"cannot split at {at}: one part would be empty")
    return first, second


def _mark_before(text: str) -> str:
    """The split mark that ends `text` (closing quotes and brackets skipped), or ""."""
    end = text.rstrip().rstrip(_CLOSERS)
    return end[-1] if end and end[-1] in SPLIT_MARKS else ""


def split_target(source: str, at: int, target: str) -> tuple[str, str, bool]:
    """Cut a target where its source is cut: after the same punctuation mark when the source part ends with
    one and the target has that mark as many times as the source (the k-th mark of the source -> the k-th of
    the target). Otherwise the whole target goes to the first part and the second is empty, for the
    translator to re-split. Returns (first, second, whether it was cut at a matching mark)."""
    head, _ = split_source(source, at)
    mark = _mark_before(head)
    if not target.strip():
        return "", "", False
    if mark and target.count(mark) == source.count(mark):
        k = head.count(mark)
        pos = -1
        for _ in range(k):
            pos = target.index(mark, pos + 1)
        cut = pos + 1
        while cut < len(target) and target[cut] in _CLOSERS:
            cut += 1
        first, second = target[:cut].strip(), target[cut:].strip()
        if first and second:
            return first, second, True
    return target.strip(), "", False


def apply_edits(pieces: Sequence[tuple[int, str, str]], edits: Sequence[SegmentEdit]) -> list[tuple[int, str, str]]:
    """A re-imported document's sentences (paragraph, kind, source) with the translator's earlier joins and
    splits made again, in the order they were made, wherever their sentences still are (every occurrence):
    so the joined or split segments (and their targets) are kept by the re-import's alignment."""
    out = list(pieces)
    for edit in edits:
        if edit.kind == "join":
            i, joined = 0, []
            while i < len(out):
                para, kind, text = out[i]
                if (text == edit.first and i + 1 < len(out) and out[i + 1][2] == edit.second
                        and out[i + 1][0] == para):
                    joined.append((para, kind, edit.result))
                    i += 2
                    continue
                joined.append(out[i])
                i += 1
            out = joined
        elif edit.kind == "split":
            split: list[tuple[int, str, str]] = []
            for para, kind, text in out:
                if text == edit.result:
                    split += [(para, kind, edit.first), (para, kind, edit.second)]
                else:
                    split.append((para, kind, text))
            out = split
    return out
