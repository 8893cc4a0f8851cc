"""QA through the workbench: the project's checks with its glossaries, names table, word list and dismissed
findings; dismissing a finding; and the match analysis against its TM."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from tarjimon.core.errors import TarjimonError
from tarjimon.core.models.qa import Finding, Ignored, text_hash

if TYPE_CHECKING:
    from tarjimon.core.qa.spelling import Speller

Workbench = Any  # the facade (facade.py imports this module: no import back)

NAMES_FILE = "names.tsv"  # the project's own additions to the names table
WORDS_FILE = "words.txt"  # the project's word list for the spelling check


def glossary_words(glossary: Any) -> set[str]:
    """Every word of every term of the glossaries (the spelling check knows them)."""
    out: set[str] = set()
    for loaded in getattr(glossary, "glossaries", []) if glossary is not None else []:
        try:
            concepts = loaded.glossary.concepts
        except Exception:  # a glossary that does not load is reported by its own lookups
            continue
        for concept in concepts:
            for terms in concept.terms.values():
                for term in terms:
                    out.update(re.findall(r"[^\W\d_]+", term))
    return out


def speller(workbench: Workbench, glossary: Any, *, wait: bool = True) -> Speller:
    """A speller knowing the project's word list and its glossaries' words (`wait=False`: the editor's, which
    skips a language until its dictionaries have loaded in the background)."""
    from tarjimon.core.qa.spelling import Speller, read_word_list

    return Speller(read_word_list(workbench.folder / WORDS_FILE), glossary_words(glossary), wait=wait)


def names(workbench: Workbench) -> dict[tuple[str, str], set[str]]:
    """The names table: the package's plus the project's names.tsv."""
    from tarjimon.core.qa.tokens import names_table

    return names_table(workbench.folder / NAMES_FILE)


def run_qa(workbench: Workbench, targets: list[str] | None = None, *, spelling: bool = True,
           with_ignored: bool = False) -> list[Finding]:  # fmt: skip
    """The QA findings of the project (dismissed ones left out unless `with_ignored`)."""
    from tarjimon.core.qa import check_project

    glossary = workbench.glossaries()
    return check_project(workbench, targets=targets, glossary=glossary,
                         speller=speller(workbench, glossary) if spelling else None, names=names(workbench),
                         ignored=() if with_ignored else workbench.repo.ignored_findings())  # fmt: skip


def ignore(workbench: Workbench, segment_id: int, lang: str, check: str, reason: str,
           text: str | None = None) -> Ignored:  # fmt: skip
    """Dismiss the finding `check` of a target for its current text (or `text`) with a reason."""
    from tarjimon.core.qa.registry import REGISTRY

    lang = workbench.target(lang)
    if check not in REGISTRY:
        raise TarjimonError(f"unknown check {check!r} (see `tarjimon qa --checks`)")
    if not reason.strip():
        raise TarjimonError("a dismissed finding needs a reason (--reason)")
    if text is None:
        text = workbench.translation(segment_id, lang).text
    item = Ignored(segment_id, lang, check, text_hash(text), reason.strip())
    workbench.repo.ignore_finding(item)
    return item


def checks_registry() -> list[Any]:
    """Every QA check (`tarjimon.core.qa.registry.Check`: id, severity, scope, description, function)."""
    from tarjimon.core.qa.registry import REGISTRY

    return list(REGISTRY.values())


def stats_html(workbench: Workbench) -> str:
    """The statistics page an editor gets: progress per language (inline SVG bars) and QA findings by check."""
    from tarjimon.core.qa.report import stats_html as render

    return render(workbench.stats(), workbench.qa())


def analysis_html(analysis: Any) -> str:
    """The match analysis as an HTML page (tables and inline SVG bars, no network)."""
    from tarjimon.core.qa.report import analysis_html as render

    return render(analysis)
