"""What the workbench asks while the translator works: TM matches, glossary hits, QA, concordance.

Plain Python, called from worker threads. The TM and glossary components may be absent or fail (a
project without them, a broken glossary file): lookups then answer with nothing and say why, rather
than take the editor down.
"""

from __future__ import annotations

import sys
import threading
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from tarjimon.core.config import ProjectConfig

if TYPE_CHECKING:  # imported when first used: the TUI starts without them
    from tarjimon.core.glossary.store import GlossarySet
    from tarjimon.core.tm.api import TranslationMemory


class LookupSource(Protocol):
    """What the lookups need of a project (the Workbench facade offers it)."""

    config: ProjectConfig
    glossaries_dir: Path | None

    @property
    def source_lang(self) -> str: ...

    @property
    def tm(self) -> TranslationMemory: ...

    def glossaries(self, glossaries_dir: Path | None = None) -> GlossarySet: ...


# A source longer than this (characters) is not looked up or checked as the translator types: one paragraph
# of 24 MB with no sentence end made every keystroke run seconds of QA and TM keys over it (no news
# sentence comes near it: 20,000 characters is some 3,000 words). `tarjimon qa` still checks it.
LOOKUP_SOURCE_MAX = 20_000


def too_long(source: str) -> str:
    """Why a source is not looked up as the translator types ("" when it is)."""
    if len(source) <= LOOKUP_SOURCE_MAX:
        return ""
    return f"not looked up as you type: {len(source):,} characters (over {LOOKUP_SOURCE_MAX:,})"


_HOLD: list[Any] = [None]  # what hold_background_loads was last given, for the spelling module once loaded


def hold_background_loads(busy: Any) -> None:
    """While `busy()` says True, background work of the lookups that is not urgent waits (the spelling
    dictionaries' load: core/qa/spelling.py); None: never. The TUI passes "a key came a moment ago".
    (Handed to the spelling module when the first check loads it: importing it here, as the workbench
    opens, cost its first paint ~50 ms.)"""
    _HOLD[0] = busy
    spelling = sys.modules.get("tarjimon.core.qa.spelling")
    if spelling is not None:
        spelling.hold_background_loads(busy)


@dataclass(frozen=True)
class LookupRequest:
    """The cell the translator is on, and the source text as shown (the script they picked)."""

    segment_id: int
    lang: str
    source: str
    shown_source: str
    context: tuple[str | None, str | None] = (None, None)


@dataclass(frozen=True)
class LookupResult:
    """TM matches and glossary hits for one request."""

    request: LookupRequest
    matches: list[Any] = field(default_factory=list)
    hits: list[Any] = field(default_factory=list)
    error: str = ""


@dataclass(frozen=True)
class QARequest:
    """A target to check: the cell, its text as typed, its status and the segment's other targets."""

    segment_id: int
    lang: str
    source: str
    target: str
    status: str = "draft"
    others: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class QAResult:
    """The QA findings (`tarjimon.core.qa.Finding`) of one target."""

    request: QARequest
    findings: list[Any] = field(default_factory=list)
    error: str = ""


class Lookups:
    """The TM and glossary set of a project, opened once and shared by the worker threads
    (`Workbench.lookups`); taken from the project (`project.tm`, `project.glossaries()`) on first use."""

    def __init__(self, project: LookupSource) -> None:
        self.project = project
        self._tm: Any = None
        self._glossaries: Any = None
        self._lock = threading.Lock()
        self._extras_lock = threading.Lock()
        self._extras: tuple[Any, Any, Any] | None = None
        self.errors: list[str] = []
        self.stale_glossary = ""  # why a glossary changed on disk could not be read again (follow_glossaries)

    @property
    def tm(self) -> Any | None:
        if self._tm is None:
            try:
                self._tm = getattr(self.project, "tm", None)
            except Exception as exc:
                self.errors.append(f"TM: {exc}")
        return self._tm

    @property
    def glossaries(self) -> Any | None:
        found = self._glossaries
        if found is not None:  # loaded (or failed): no lock, so the UI thread never waits for a worker's
            return found or None
        with self._lock:
            if self._glossaries is None:
                try:
                    self._glossaries = self.project.glossaries()
                except Exception as exc:
                    self.errors.append(f"glossary: {exc}")
                    self._glossaries = False
            return self._glossaries or None

    def refresh(self) -> None:
        """Another process changed a glossary file or the TM (the lookup process, told by the editor's): the
        glossaries brought up to their files (patched in place when a few rows changed), the names table and
        the word list read again. The TM's caches follow its database on their own."""
        with self._lock:
            glossaries = self._glossaries
            folder = getattr(self.project, "folder", None)
            created = folder is not None and (Path(folder) / "glossary.tsv").is_file()
            if glossaries is False or (glossaries and "project" not in glossaries.names and created):
                self._glossaries = None  # it failed to load, or the project's own glossary appeared: load again
            elif glossaries:
                self._follow(glossaries)
            self._extras = None

    def follow_glossaries(self) -> list[str]:
        """(A worker thread, every few seconds.) The glossaries another program changed since the last look
        (`tarjimon glossary add`, a `git pull`, an editor), brought up to their files: the names, or ["!"] when
        one could not be read again (a git conflict: `stale_glossary` says why, the lookups' error too, and
        the glossary as it was is used meanwhile). One stat a glossary when nothing changed."""
        glossaries = self._glossaries
        if not glossaries:
            return []
        with self._lock:
            moved = self._follow(glossaries)
            if moved:
                self._extras = None
        return moved

    def _follow(self, glossaries: Any) -> list[str]:
        from tarjimon.core.errors import TarjimonError

        try:
            moved: list[str] = glossaries.follow_files()
        except TarjimonError as exc:
            self.stale_glossary = f"glossary: {exc} (the version read before is used)"
            return ["!"]
        if moved and self.stale_glossary:
            self.stale_glossary = ""
        return moved

    def lookup(self, request: LookupRequest, limit: int = 9) -> LookupResult:
        """TM matches for the source in the target language; glossary terms in the source as shown."""
        if too_long(request.source):
            return LookupResult(request, error=too_long(request.source))
        matches: list[Any] = []
        hits: list[Any] = []
        errors: list[str] = []
        tm = self.tm
        if tm is not None:
            try:
                matches = list(
                    tm.lookup(
                        request.source, request.lang, limit=limit, min_score=50, context=request.context
                    )
                )
            except Exception as exc:
                errors.append(f"TM: {exc}")
        glossaries = self.glossaries
        if glossaries is not None:
            try:
                hits = list(glossaries.find(request.shown_source, self.project.source_lang))
            except Exception as exc:
                errors.append(f"glossary: {exc}")
        errors += [self.stale_glossary] if self.stale_glossary else []
        return LookupResult(request, matches, hits, "; ".join(errors + self.errors))

    def relooked(self, result: LookupResult) -> LookupResult | None:
        """`result` with its glossary hits found again, now, its TM matches kept: the current segment's answer
        right after a glossary change was staged (the TM did not change), on the UI thread. None when a
        glossary would make it wait (an index being built): the ordinary lookup then answers."""
        glossaries = self.glossaries
        if glossaries is None or too_long(result.request.source):
            return None
        try:
            hits = glossaries.find_now(result.request.shown_source, self.project.source_lang)
        except Exception:  # the ordinary lookup meets it again and says so
            return None
        return None if hits is None else replace(result, hits=hits)

    def check(self, request: QARequest) -> QAResult:
        """The QA checks of one target (spelling and the checks across its siblings included), with the
        project's glossaries, names table and word list; findings dismissed for this text left out."""
        from tarjimon.core.qa import check_segment, spelling

        if too_long(request.source):
            return QAResult(request, [], f"QA: not checked as you type ({len(request.source):,} characters): "
                            "`tarjimon qa` checks it")
        spelling.hold_background_loads(_HOLD[0])  # (before a check starts the dictionaries' load)
        try:
            glossary = self.glossaries
            extras = self._qa_extras(glossary)
            findings = check_segment(
                request.source, request.target, request.lang, source_lang=self.project.source_lang,
                glossary=glossary, other_targets=dict(request.others), segment=request.segment_id,
                status=request.status, names=extras[0], speller=extras[1],
            )  # fmt: skip
            dismissed = extras[2]
            if dismissed is not None:
                findings = [f for f in findings if not any(i.matches(f) for i in dismissed())]
        except Exception as exc:  # a QA bug must not take the editor down
            return QAResult(request, [], f"QA: {exc}")
        return QAResult(request, findings)

    def _qa_extras(self, glossary: Any) -> tuple[Any, Any, Any]:
        """(names table, speller, a callable listing dismissed findings), made once; None where the
        project offers none (a bare LookupSource). (Its own lock: the names table of a big glossary takes a
        while, and the glossaries must not wait for it.)"""
        with self._extras_lock:
            extras = self._extras
            if extras is None:
                from tarjimon.core.workbench import quality

                folder = getattr(self.project, "folder", None)
                names = quality.names(self.project) if folder is not None else None
                speller = quality.speller(self.project, glossary, wait=False) if folder is not None else None
                repo = getattr(self.project, "repo", None)
                extras = self._extras = (names, speller, repo.ignored_findings if repo is not None else None)
            return extras

    def concordance(self, text: str, lang: str | None, limit: int = 50) -> list[Any]:
        """TM units whose source or target contains `text`."""
        tm = self.tm
        if tm is None or not text.strip():
            return []
        return list(tm.concordance(text, target_lang=lang, limit=limit))

    def glossary_names(self) -> list[str]:
        """Glossaries a new term can go to: the project's attached ones and its own ("project")."""
        names = list(self.project.config.glossaries)
        glossaries = self.glossaries
        for name in getattr(glossaries, "names", []) if glossaries is not None else []:
            if name not in names:
                names.append(name)
        if "project" not in names:
            names.append("project")
        return names

    def add_term(self, glossary: str, terms: dict[str, str]) -> None:
        """Add one concept (language -> term) to a glossary of the set."""
        glossaries = self.glossaries
        if glossaries is None:
            raise RuntimeError("this project has no glossaries")
        glossaries.add_concept(glossary, {lang: t.strip() for lang, t in terms.items() if t.strip()})

    def term_concept(self, glossary: str, concept_id: str, term: str) -> tuple[Any, str | None]:
        """The concept of a glossary hit (its glossary, concept id and source term), with its row as the file
        has it (None for a glossary read whole): what the edit dialog shows and an edit starts from."""
        glossaries = self.glossaries
        if glossaries is None:
            raise RuntimeError("this project has no glossaries")
        return glossaries.concept_row(glossary, concept_id, self.project.source_lang, term)  # type: ignore[no-any-return]

    def edit_term(self, glossary: str, concept_id: str, row: str | None, terms: dict[str, str],
                  fields: dict[str, str] | None = None) -> Any:  # fmt: skip
        """Change a concept: each language of `terms` set to its value ("a | b": synonyms; "" clears it), each
        of `fields` (note, domain, status, pos) given set ("" clears it). Refused (nothing written) when its
        row changed since `row` was read. The concept as stored now."""
        from tarjimon.core.glossary.editing import check_values, edited

        given = {lang: [value] for lang, value in terms.items()}
        given_fields = _fields(fields)
        check_values(given, *given_fields.values())
        glossaries = self.glossaries
        if glossaries is None:
            raise RuntimeError("this project has no glossaries")
        change = glossaries.change_concept(glossary, concept_id, lambda c: edited(c, given, **given_fields), row=row)
        return change.new

    def remove_term(self, glossary: str, concept_id: str, row: str | None) -> Any:
        """Remove a concept from its glossary (refused when its row changed since `row` was read); the concept
        removed."""
        glossaries = self.glossaries
        if glossaries is None:
            raise RuntimeError("this project has no glossaries")
        return glossaries.change_concept(glossary, concept_id, lambda _c: None, row=row).old

    # ---- a change shown at once, written right after (GlossarySet.stage / commit) ----
    def stage_term(self, glossary: str, what: str, *, terms: dict[str, str] | None = None, concept_id: str = "",
                   row: str | None = None, fields: dict[str, str] | None = None) -> Any | None:  # fmt: skip
        """Show a change in the glossary's indexes at once, before its file is written (`commit_term` writes
        it): `what` is "add" (a concept of `terms`), "edit" or "remove" (concept `concept_id`, shown as
        `row`). None when it cannot be staged: the ordinary add_term / edit_term / remove_term then does it."""
        from tarjimon.core.glossary import adding, editing
        from tarjimon.core.glossary.store import make_concept

        glossaries = self.glossaries
        if glossaries is None:
            return None
        try:
            if what == "add":
                concept = make_concept({lang: t.strip() for lang, t in (terms or {}).items() if t.strip()})
                return glossaries.stage(glossary, lambda data, path: _steps(adding.spliced_at(data, path, glossary, concept)))
            given = {lang: [value] for lang, value in (terms or {}).items()}
            given_fields = _fields(fields)
            editing.check_values(given, *given_fields.values())

            def update(c: Any) -> Any:
                return None if what == "remove" else editing.edited(c, given, **given_fields)

            def make(data: bytes, path: Path) -> Any:
                change = editing.changed(data, path, glossary, concept_id, update, row=row)
                return change.steps if change is not None and change.data is not data else None

            return glossaries.stage(glossary, make)
        except Exception:  # whatever it is, the ordinary path meets it again and says so
            return None

    def commit_term(self, staged: Any) -> bool:
        """Write a staged change durably (False: the file changed since, nothing written, the staged change
        undone; make it the ordinary way). Raises, the staged change undone, when the write fails."""
        glossaries = self.glossaries
        return bool(glossaries is not None and glossaries.commit(staged))


def _steps(found: Any) -> Any:
    """adding.spliced_at's answer as the one step GlossarySet.stage takes (None stays None)."""
    return None if found is None else [found]


def _fields(fields: dict[str, str] | None) -> dict[str, str]:
    """The concept fields an edit may set (note, domain, status, pos), others refused."""
    given = dict(fields or {})
    unknown = set(given) - {"note", "domain", "status", "pos"}
    if unknown:
        raise ValueError(f"not a concept field: {', '.join(sorted(unknown))}")
    return given
