"""What the workbench asks the core while the translator works: TM matches, glossary hits, concordance.

Plain Python, called from worker threads. The TM and glossary components may be absent (a project
without them, or an older core): every function then answers with nothing rather than failing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tarjimon.core.project import Project


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


def tm_of(project: Project) -> Any | None:
    """The project's TM, or None when the TM component is not there."""
    try:
        return getattr(project, "tm", None)
    except Exception:  # a TM that fails to open must not take the editor down
        return None


def glossaries_of(project: Project) -> Any | None:
    """The project's glossary set (an object with `find(text, lang)`), or None."""
    for name in ("glossary", "glossaries"):
        try:
            found = getattr(project, name, None)
        except Exception:
            continue
        found = found() if callable(found) and not hasattr(found, "find") else found
        if found is not None and hasattr(found, "find"):
            return found
    return None


def lookup(project: Project, request: LookupRequest, limit: int = 9) -> LookupResult:
    """TM matches for the source in the target language, glossary terms found in the shown source."""
    matches: list[Any] = []
    hits: list[Any] = []
    errors = []
    tm = tm_of(project)
    if tm is not None:
        try:
            matches = list(
                tm.lookup(request.source, request.lang, limit=limit, min_score=50, context=request.context)
            )
        except Exception as exc:  # shown in the panel, never raised into the UI
            errors.append(f"TM: {exc}")
    glossary = glossaries_of(project)
    if glossary is not None:
        try:
            hits = list(glossary.find(request.shown_source, project.source_lang))
        except Exception as exc:
            errors.append(f"glossary: {exc}")
    return LookupResult(request, matches, hits, "; ".join(errors))


def concordance(project: Project, text: str, lang: str | None, limit: int = 50) -> list[Any]:
    """TM units whose source or target contains `text`."""
    tm = tm_of(project)
    if tm is None or not text.strip():
        return []
    return list(tm.concordance(text, target_lang=lang, limit=limit))


def glossary_names(project: Project) -> list[str]:
    """Glossaries the project uses (project.toml), for the add-term dialog."""
    return list(project.config.glossaries)


def add_term(project: Project, glossary: str, terms: dict[str, str]) -> None:
    """Add one concept (language -> term) to a glossary, through whichever API the core offers."""
    terms = {lang: term.strip() for lang, term in terms.items() if term.strip()}
    adder = getattr(project, "add_term", None) or getattr(project, "add_concept", None)
    if adder is not None:
        adder(glossary, terms)
        return
    gset = glossaries_of(project)
    for name in ("add_term", "add_concept", "add"):
        fn = getattr(gset, name, None)
        if fn is not None:
            fn(glossary, terms)
            return
    raise RuntimeError("this Tarjimon has no glossary component yet")
