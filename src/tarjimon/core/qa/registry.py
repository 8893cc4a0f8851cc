"""The registry of QA checks: each check's stable id, severity, scope and the function that runs it.

`tarjimon qa --checks` lists it and docs/qa.md documents every id in it (a test keeps the two together).
Scopes: "target" (one target against its source), "across" (the targets of one segment side by side),
"project" (a target against the rest of the project).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tarjimon.core.qa import across, checks, language, spelling, tokens

SEVERITIES = checks.SEVERITIES


@dataclass(frozen=True)
class Check:
    """One check: its id (a finding's `check`), severity, what it finds, its scope and its function."""

    id: str
    severity: str
    description: str
    scope: str
    function: Callable[..., Any]

    def to_json(self) -> dict[str, str]:
        return {"id": self.id, "severity": self.severity, "scope": self.scope, "description": self.description,
                "function": f"{self.function.__module__}.{self.function.__qualname__}"}


_TARGET_FUNCTIONS: dict[str, Callable[..., Any]] = {
    "empty-translated": checks.check_segment,
    "number": checks._check_numbers,
    "glossary-term": checks._check_glossary,
    "forbidden-term": checks._check_glossary,
    "untranslated": checks._check_untranslated,
    "same-as-other-target": checks._check_untranslated,
    "whitespace": checks._check_whitespace,
    "end-punctuation": checks._check_punctuation,
    "quotes": checks._check_punctuation,
    "brackets": checks._check_punctuation,
    "tags": checks._check_tags,
    "script-mix": checks._check_script,
    "consistency": checks.check_consistency,
}

_NEW: list[Check] = [
    Check("kept-token", "warning", "a Latin-script name, brand or acronym, URL, e-mail, hashtag or handle of the "
          "source is neither kept nor transliterated in the target", "target", tokens.check_tokens),
    Check("wrong-language", "warning", "the target does not look written in its column's language (its letters "
          "and commonest words are another language's)", "target", language.check_language),
    Check("spelling", "info", "a target word the language's Hunspell dictionary, the glossary and the project's "
          "word list do not know", "target", spelling.check_spelling),
    Check("across-number", "warning", "a number two targets of the segment carry and the third lacks or "
          "changes", "across", across.check_numbers_across),
    Check("across-name", "warning", "a Latin-script name two targets keep and the third drops", "across",
          across.check_names_across),
    Check("across-term", "warning", "a glossary concept two targets use and the third lacks", "across",
          across.check_terms_across),
    Check("length-ratio", "warning", "a target much shorter or longer than its siblings, relative to each "
          "language's usual length ratio", "across", across.check_length_across),
]

REGISTRY: dict[str, Check] = {
    **{cid: Check(cid, checks._SEVERITY[cid], text,
                  "project" if cid == "consistency" else "across" if cid == "same-as-other-target" else "target",
                  _TARGET_FUNCTIONS[cid])
       for cid, text in checks.CHECKS.items()},
    **{c.id: c for c in _NEW},
}

#: id -> description, every check (the old `CHECKS` shape).
CHECKS: dict[str, str] = {cid: c.description for cid, c in REGISTRY.items()}
_ORDER = {severity: i for i, severity in enumerate(SEVERITIES)}


def severity(check_id: str) -> str:
    """The severity of a check id."""
    return REGISTRY[check_id].severity


def worst_first(findings: list[Any]) -> list[Any]:
    """Findings sorted by severity, errors first (stable otherwise)."""
    return sorted(findings, key=lambda f: _ORDER[f.severity])
