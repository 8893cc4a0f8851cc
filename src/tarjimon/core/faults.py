"""Deterministic kill points for the durability tests.

`checkpoint(name)` kills the process with SIGKILL when the environment variable TARJIMON_KILL_AT equals
`name`. The tests run `tarjimon` in a subprocess with TARJIMON_KILL_AT set and then check the database: a
kill at a named point between two writes is exact, where a kill after a sleep lands wherever the clock
says (often after the import has already finished). The variable is read once, at import; without it a
checkpoint is one comparison against None.
"""

from __future__ import annotations

import os
import signal

_KILL_AT: str | None = os.environ.get("TARJIMON_KILL_AT") or None


def checkpoint(name: str) -> None:
    """Die here, as a power cut would, when TARJIMON_KILL_AT names this point; otherwise do nothing."""
    if _KILL_AT is not None and _KILL_AT == name:
        os.kill(os.getpid(), signal.SIGKILL)


# The points the code marks, so a test can check that each one is still reached (a renamed or removed call
# would otherwise make its kill test pass without killing anything).
POINTS = (
    "article.document",  # importer: after the documents row, before the paragraphs
    "article.paragraphs",  # importer: after the paragraphs, before the segments
    "article.segments",  # importer: after the segments, before the commit
    "article.file",  # batch import: after each file of the batch is stored (one transaction for all)
    "tm.batch",  # TM bulk import: after each batch of units is written
    "tm.commit",  # TM bulk import: everything written, before the commit
    "tm.part",  # parallel TMX import: after each part is copied into the TM
    "target.saved",  # save_target: the target written, before its TM queue row, repetitions and the commit
    "target.committed",  # save_target: the target committed (with its TM queue row), before the TM takes it
    "tm.outbox",  # TMDelivery.drain (the workbench's worker after a confirm, a replace): before the TM takes
    # the queued targets
    "document.removed",  # remove a document: its targets in the history, its rows deleted, before the commit
    "project.hashes",  # project migration 9: every segment's source hash written, before the commit
    "file.replace",  # an atomic file write (a glossary, project.toml...): the new file written, before it
    # replaces the old one
)
