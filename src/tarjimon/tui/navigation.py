"""Pure helpers for moving around the grid and filtering it (no Textual, easy to test)."""

from __future__ import annotations

from dataclasses import dataclass

from tarjimon.core.models import SegmentRow
from tarjimon.core.translit import fold

UNDONE = ("empty", "draft")
STATUS_CHOICES = ("any", "untranslated", "empty", "draft", "translated", "reviewed")


@dataclass(frozen=True)
class Filter:
    """Which segments to show: containing `text` (in `lang`: "any", "source" or a target), with `status`, and
    (`findings`) only those with QA findings in `lang` (every target when lang is "any"/"source")."""

    text: str = ""
    status: str = "any"  # one of STATUS_CHOICES, for `lang` (every target when lang is "any"/"source")
    lang: str = "any"
    findings: bool = False  # with QA findings (what `tarjimon qa` finds; the workbench asks it in a worker)

    @property
    def active(self) -> bool:
        return bool(self.text.strip()) or self.status != "any" or self.findings

    @property
    def qa_langs(self) -> list[str] | None:
        """The target languages whose QA findings count (None: every target)."""
        return None if self.lang in ("any", "source") else [self.lang]

    def describe(self) -> str:
        parts = []
        if self.text.strip():
            parts.append(f"“{self.text.strip()}”")
        if self.status != "any":
            parts.append(self.status)
        if self.findings:
            parts.append("with QA findings")
        if self.lang != "any":
            parts.append(f"in {self.lang}")
        return "filter: " + " ".join(parts)


def _status_ok(status: str, wanted: str) -> bool:
    if wanted == "any":
        return True
    if wanted == "untranslated":
        return status in UNDONE
    return status == wanted


def matches(row: SegmentRow, flt: Filter, shown_source: str, flagged: set[int] | None = None) -> bool:
    """Does a row pass the filter? Text is matched case-insensitively in the source as shown and as stored.
    `flagged`: the segments with QA findings (in the filter's languages), when the filter asks for them."""
    if flt.findings and row.segment.id not in (flagged or set()):
        return False
    langs = list(row.targets) if flt.lang in ("any", "source") else [flt.lang]
    if flt.status != "any" and not any(
        _status_ok(row.targets[lg].status, flt.status) for lg in langs if lg in row.targets
    ):
        return False
    needle = flt.text.strip().casefold()
    if not needle:
        return True
    hay: list[str] = []
    if flt.lang in ("any", "source"):
        hay += [row.segment.source, shown_source]
    if flt.lang != "source":
        hay += [row.targets[lg].text for lg in langs if lg in row.targets]
    if any(needle in h.casefold() for h in hay):
        return True
    # Uzbek in either script, with any apostrophe: "qo'shma" finds "қўшма" and "qoʻshma"
    return flt.lang in ("any", "source") and fold(flt.text.strip()) in fold(row.segment.source)


def first_untranslated(
    rows: list[SegmentRow], order: list[int], start: int, lang: str | None,
    plurals: dict[int, dict[str, str]] | None = None,
) -> tuple[int, str] | None:
    """The first row after position `start` of `order` (wrapping) with an untranslated target.

    A target in `lang` is preferred (a translator working through one language stays in it); failing
    that, any target of the row. A PO plural form a language has not (`plurals`: its kind there "unused")
    is no work in that language: skipped.
    """
    plurals = plurals or {}

    def undone(row: SegmentRow, code: str) -> bool:
        return row.targets[code].status in UNDONE and plurals.get(row.segment.id, {}).get(code) != "unused"

    if not order:
        return None
    n = len(order)
    for pass_lang in ([lang] if lang else []) + [None]:
        for step in range(1, n + 1):
            index = order[(start + step) % n]
            targets = rows[index].targets
            if pass_lang is not None:
                if undone(rows[index], pass_lang):
                    return index, pass_lang
                continue
            for code in targets:
                if undone(rows[index], code):
                    return index, code
    return None


def next_with_status(
    rows: list[SegmentRow], order: list[int], start: int, lang: str, statuses: tuple[str, ...]
) -> tuple[int, str] | None:
    """The first (row, language) after position `start` of `order` (wrapping) whose target has one of
    `statuses`: in `lang` first, failing that in any language."""
    n = len(order)
    for pass_lang in (lang, None):
        for step in range(1, n + 1):
            index = order[(start + step) % n]
            for code, target in rows[index].targets.items():
                if (pass_lang is None or code == pass_lang) and target.status in statuses:
                    return index, code
    return None


_OPENERS = "([{«“„‘\"'/-–—\n"


def spaced_insert(before: str, term: str, after: str) -> str:
    """`term` as inserted between `before` and `after` on a line: a space added where a word would
    otherwise touch it ("газет" + "сұхбат" must not become "газетсұхбат")."""
    out = term
    if before and not before[-1].isspace() and before[-1] not in _OPENERS:
        out = " " + out
    if after and (after[0].isalnum() or after[0] in "([«“"):
        out += " "
    return out


LAST_CELL = "last_cell"  # project setting: "SEGMENT_ID:LANG", the cell being edited when the workbench quit


def remembered_cell(rows: list[SegmentRow], settings: dict[str, object]) -> tuple[int, str] | None:
    """The cell the translator was in when they last quit (Ctrl+Q), if its segment and language are still
    there: the workbench opens where they left off, as a CAT tool does."""
    segment, _, lang = str(settings.get(LAST_CELL, "")).partition(":")
    if not segment.isdigit():
        return None
    for index, row in enumerate(rows):
        if row.segment.id == int(segment):
            return (index, lang) if lang in row.targets else None
    return None
