"""Confirmed targets on their way to the TM.

The project's own database is the source of truth. Confirming a target writes it AND a row in `tm_outbox` in
one transaction; right after the commit the target is handed to the TM (`TranslationMemory.confirm`), and
the outbox row is dropped once the TM took it. A TM that cannot take it now (a server that is down, a busy
database) leaves the row, and it is delivered on the next confirm or the next time the project opens: a kill
-9 between the two commits loses nothing, and the TM never shares a transaction with the project.

The workbench confirms without delivering (`Workbench.confirm(deliver=False)`: Enter returns once the target
and its outbox row are committed) and delivers the outbox in a worker thread; one delivery runs at a time.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from tarjimon.core import faults
from tarjimon.core.errors import TarjimonError
from tarjimon.core.models import Segment, Translation
from tarjimon.core.models.tm import NewUnit
from tarjimon.core.project import ProjectRepository
from tarjimon.core.tm.api import TranslationMemory

log = logging.getLogger(__name__)
# What a TM backend may raise when it cannot take a unit now (the unit stays queued).
UNAVAILABLE: tuple[type[BaseException], ...] = (sqlite3.OperationalError, OSError, TarjimonError)


@dataclass(frozen=True)
class Confirmed:
    """What saving a target did: the target as saved, the repetitions it filled elsewhere, and (the "ask" mode
    of repetitions) the ids of the segments it could fill, for the translator to choose."""

    saved: Translation
    filled: list[Translation] = field(default_factory=list)
    repeats: list[int] = field(default_factory=list)


class TMDelivery:
    """Hands a project's confirmed targets to its TM, and retries what the TM did not take."""

    def __init__(self, repo: ProjectRepository, tm: Callable[[], TranslationMemory], project_name: str,
                 source_lang: str) -> None:
        self.repo = repo
        self.tm = tm  # the TM is opened on first use
        self.project_name = project_name
        self.source_lang = source_lang
        self.last_error = ""
        self._one_at_a_time = threading.RLock()  # (a worker thread and the UI's never give a unit twice)
        self.closed = False  # the project is closing: no delivery starts (what is queued waits for the next open)

    def unit_for(self, segment: Segment, saved: Translation) -> NewUnit:
        """The TM unit a confirmed target becomes: its sentence, its neighbours as context, its origin."""
        prev, nxt = self.repo.neighbours(segment)
        origin = f"{self.project_name}/{self.repo.document_name(segment.document_id)}"
        return NewUnit(self.source_lang, saved.lang, self.source_lang, saved.lang, segment.source, saved.text,
                       context_prev=prev, context_next=nxt, origin=origin, segment_id=segment.id,
                       author=self.repo.target_author(segment.id, saved.lang) or None)

    def deliver(self, segment: Segment, saved: Translation) -> bool:
        """Give one just-confirmed target to the TM (then anything still queued); False if it stays queued."""
        with self._one_at_a_time:
            ok = self._give(segment, saved, saved.updated_at)
            if ok and self.repo.pending_count():
                self.retry()
            return ok

    def retry(self, limit: int = 1000) -> int:
        """Deliver the queued targets (oldest first) that are still confirmed; return how many the TM took."""
        with self._one_at_a_time:
            return self._retry(limit)

    def _retry(self, limit: int) -> int:
        repo = self.repo
        taken = 0
        for segment_id, lang, queued_at in repo.pending_for_tm(limit):
            try:
                segment = repo.segment(segment_id)
            except TarjimonError:  # the segment was removed by a re-import: nothing to deliver
                repo.taken_by_tm(segment_id, lang, queued_at)
                continue
            current = repo.translation(segment_id, lang)
            if current.status not in ("translated", "reviewed"):
                repo.taken_by_tm(segment_id, lang, queued_at)
                continue
            if not self._give(segment, current, queued_at):
                break  # the TM is unavailable: keep the rest queued, in order
            taken += 1
        return taken

    def drain(self) -> int:
        """Deliver everything queued (a thousand at a time) until the TM stops taking it or the project closes;
        how many units the TM took."""
        taken = 0
        with self._one_at_a_time:
            while not self.closed and self.repo.pending_count():
                faults.checkpoint("tm.outbox")
                took = self._retry(1000)
                if not took:
                    break
                taken += took
        return taken

    def close(self) -> None:
        """The project closes: wait for a delivery under way (a worker thread's), start no other."""
        with self._one_at_a_time:
            self.closed = True

    def pending(self) -> int:
        """How many confirmed targets wait for the TM."""
        return self.repo.pending_count()

    def _give(self, segment: Segment, saved: Translation, queued_at: str) -> bool:
        repo = self.repo
        try:
            self.tm().confirm(self.unit_for(segment, saved))
        except UNAVAILABLE as exc:
            self.last_error = str(exc)
            log.warning("TM did not take segment %s (%s): %s; it stays queued", segment.id, saved.lang, exc)
            try:
                repo.not_taken(segment.id, saved.lang)
            except sqlite3.Error:
                pass
            return False
        repo.taken_by_tm(segment.id, saved.lang, queued_at)
        self.last_error = ""
        return True
