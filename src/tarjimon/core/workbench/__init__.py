"""The workbench facade: the one object (and the one factory) the CLI, the TUI and the tests open a project
through. It sits above the project repository, the TM, the glossaries, QA and the formats, and composes them:
facade.py (the verbs), importing.py / exporting.py (articles in and out through the format registry),
confirm.py (confirmed targets on their way to the TM), lookups.py (what the TUI's workers ask),
pretranslate.py, quality.py (QA with the project's names, words and dismissed findings; reports)."""

from __future__ import annotations

from tarjimon.core.workbench.facade import Confirmed, Workbench, open_workbench
from tarjimon.core.workbench.quality import checks_registry

__all__ = ["Confirmed", "Workbench", "checks_registry", "open_workbench"]
