"""The workbench facade: the one object (and the one factory) the CLI, the TUI and the tests open a project
through. It sits above the project repository, the TM, the glossaries, QA and the formats, and composes them:
facade.py (the verbs), parts.py (an open project's parts: create, open, close, the TM), importing.py /
exporting.py (articles in and out through the format registry), confirm.py (confirmed targets on their way to
the TM), lookups.py (what the TUI's workers ask), pretranslate.py, quality.py (QA with the project's names, words
and dismissed findings; reports).

The names below are imported when first asked for (PEP 562), not with the package: a command that only needs
a submodule (`tarjimon glossary add` needs workbench.glossaries) does not pay for the facade's TM, numpy and
formats (~0.15 s of imports)."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tarjimon.core.workbench.confirm import Confirmed
    from tarjimon.core.workbench.facade import Workbench, open_workbench
    from tarjimon.core.workbench.quality import checks_registry

__all__ = ["Confirmed", "Workbench", "checks_registry", "open_workbench"]

_HOME = {"Confirmed": "confirm", "Workbench": "facade", "open_workbench": "facade", "checks_registry": "quality"}


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value
