"""Quality assurance of targets: the checks a translator runs before delivery (as in Xbench or Verifika), and
the ones only a multilingual newsroom needs (the targets of a segment compared with each other).

Modules: `checks` (one target against its source: numbers, terms, punctuation, tags...), `tokens` (names and
tokens kept), `across` (the targets of a segment side by side), `spelling` (Hunspell), `registry` (every
check's id, severity and function), `target` (all the checks of one target), `project` (a whole project,
with the dismissed findings left out), `analysis` (TM match bands). Pure Python, no UI: the workbench calls it.
"""

from __future__ import annotations

from tarjimon.core.models.qa import Finding
from tarjimon.core.qa.checks import _stem_found, numbers  # noqa: F401  (_stem_found: tests of core/text)
from tarjimon.core.qa.project import check_project
from tarjimon.core.qa.registry import CHECKS, REGISTRY, SEVERITIES, Check
from tarjimon.core.qa.target import check_segment

__all__ = ["CHECKS", "REGISTRY", "SEVERITIES", "Check", "Finding", "check_project", "check_segment", "numbers"]
