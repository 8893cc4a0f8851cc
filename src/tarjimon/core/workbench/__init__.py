"""The workbench facade: the one object (and the one factory) the CLI, the TUI and the tests open a project
through. It sits above the project repository, the TM, the glossaries, QA and the formats, and composes them:
facade.py (the verbs), importing.py / exporting.py (articles in and out through the format registry),
confirm.py (confirmed targets on their way to the TM), lookups.py (what the TUI's workers ask),
pretranslate.py."""

from __future__ import annotations

from tarjimon.core.workbench.facade import Confirmed, Workbench, open_workbench

__all__ = ["Confirmed", "Workbench", "open_workbench"]
