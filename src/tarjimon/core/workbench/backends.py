"""Which TM a project uses: its own SQLite TM, or a team TM on a PostgreSQL server with the SQLite TM as the
offline copy (`TeamMemory`).

A project is connected by `tarjimon tm connect NAME URL`: project.toml's settings get `team_tm` (the URL,
never with a password) and `team_project` (the project's identity on the server). While the server answers,
lookups, concordance, counts and exports come from it; confirmed targets go to both (the local copy first).
When it does not answer, everything comes from the local copy, a confirmed target stays in the project's
`tm_outbox` (core/workbench/confirm.py raises nothing: it keeps the row) and is delivered when the server is
back, on the next confirm or the next open. The server is asked again at most every RETRY_AFTER seconds, so
an unreachable one does not slow every keystroke down.

Ids: a unit from the server keeps its id; a unit from the local copy (offline) gets its id negated, so `unit`
and `delete` know which side a match came from.
"""

from __future__ import annotations

import dataclasses
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from tarjimon.core.errors import TarjimonError
from tarjimon.core.models.tm import ConcordanceHit, ImportResult, Match, NewUnit, Unit
from tarjimon.core.tm.api import Progress, TMStatus, TranslationMemory, UnitQuery

if TYPE_CHECKING:
    from tarjimon.core.config import ProjectConfig
    from tarjimon.core.models import SegmentRow
    from tarjimon.core.project import ProjectRepository
    from tarjimon.core.store import Store
    from tarjimon.core.tm.postgres.backend import PgMemory
    from tarjimon.core.workbench.confirm import TMDelivery

TEAM_URL = "team_tm"
TEAM_PROJECT = "team_project"
RETRY_AFTER = 5.0  # seconds between attempts to reach a server that did not answer


class Workbench(Protocol):
    """What this module needs of the workbench facade (a Protocol: the facade imports this module)."""

    store: Store
    repo: ProjectRepository
    config: ProjectConfig
    delivery: TMDelivery

    @property
    def name(self) -> str: ...
    @property
    def source_lang(self) -> str: ...
    @property
    def target_langs(self) -> list[str]: ...
    @property
    def tm(self) -> TranslationMemory: ...
    def rows(self, document_id: int | None = None) -> list[SegmentRow]: ...
    def save_config(self) -> None: ...
    def reopen_tm(self) -> None: ...


def open_tm(workbench: Workbench, *, lazy_schema: bool = False) -> TranslationMemory:
    """The TM a project uses (see the module's docstring). `lazy_schema`: a project's own TM that does not
    exist yet is made by its first import that adds units (SqliteMemory), not when it is opened."""
    from tarjimon.core.tm.sqlite.backend import SqliteMemory

    url = workbench.config.settings.get(TEAM_URL)
    local = SqliteMemory(workbench.store, workbench.source_lang, workbench.target_langs,
                         lazy_schema=lazy_schema and not url)
    if not url:
        return local
    project = str(workbench.config.settings.get(TEAM_PROJECT) or workbench.name)
    return TeamMemory(local, str(url), project=project, pending=workbench.delivery.pending)


def connect(workbench: Workbench, url: str) -> TMStatus:
    """Connect a project to a team TM at `url` (checked: no password, reachable, migrated); returns its status.
    Nothing is saved when the server cannot be reached."""
    from tarjimon.core.tm.postgres.backend import PgMemory

    project = str(workbench.config.settings.get(TEAM_PROJECT) or f"{workbench.name}-{uuid.uuid4().hex[:8]}")
    remote = PgMemory(url, workbench.source_lang, workbench.target_langs, project=project)
    try:
        status = remote.status()
    finally:
        remote.close()
    workbench.config.settings[TEAM_URL] = url
    workbench.config.settings[TEAM_PROJECT] = project
    workbench.save_config()
    workbench.reopen_tm()
    return status


def disconnect(workbench: Workbench) -> bool:
    """Use the project's own TM again; False if it was not connected."""
    had = workbench.config.settings.pop(TEAM_URL, None) is not None
    if had:
        workbench.save_config()
        workbench.reopen_tm()
    return had


def team_note(workbench: Workbench) -> str | None:
    """"offline, N queued" when the project's team TM did not answer the last time it was asked (None when it
    did, or the project has no team TM). Asks the server nothing."""
    tm = workbench.tm
    if not isinstance(tm, TeamMemory) or not tm.offline:
        return None
    return f"offline, {workbench.delivery.pending()} queued"


class TeamMemory:
    """A team TM on a server with the project's SQLite TM as its offline copy."""

    def __init__(self, local: TranslationMemory, url: str, *, project: str,
                 pending: Callable[[], int] = lambda: 0) -> None:
        from tarjimon.core.tm.postgres.connection import display_url

        self.local = local
        self.url = url
        self.project = project
        self.pending = pending
        self.where = display_url(url)
        self.source_lang = local.source_lang
        self.target_langs = local.target_langs
        self.last_error = ""
        self.last_export_dropped = 0
        self._remote: PgMemory | None = None
        self._failed_at = 0.0
        self._lock = threading.Lock()

    # ---- reaching the server ------------------------------------------------------------------------
    def _server(self) -> PgMemory:
        """The server's TM, or ServerUnreachable (not asked again for RETRY_AFTER seconds after a failure)."""
        from tarjimon.core.tm.postgres.backend import PgMemory
        from tarjimon.core.tm.postgres.connection import ANSWER_TIMEOUT, ServerUnreachable

        with self._lock:
            if self._failed_at and time.monotonic() - self._failed_at < RETRY_AFTER:
                raise ServerUnreachable(self.last_error or f"the TM server {self.where} is unreachable")
            if self._remote is not None:
                return self._remote
            try:
                self._remote = PgMemory(self.url, self.source_lang, self.target_langs, project=self.project,
                                        answer_timeout=ANSWER_TIMEOUT)  # (Enter: never frozen by a paused server)
            except ServerUnreachable as exc:
                self._offline(exc)
                raise
            self.last_error = ""
            self._failed_at = 0.0
            return self._remote

    def _offline(self, exc: BaseException) -> None:
        self.last_error = str(exc)
        self._failed_at = time.monotonic()

    def _try(self, remote: Callable[[PgMemory], Any], local: Callable[[], Any]) -> Any:
        """Ask the server; when it cannot be reached, ask the local copy."""
        from tarjimon.core.tm.postgres.connection import ServerUnreachable

        try:
            got = remote(self._server())
        except ServerUnreachable as exc:
            self._offline(exc)
            return local()
        self._failed_at = 0.0
        return got

    @property
    def offline(self) -> bool:
        """Whether the server did not answer the last time it was asked (no new attempt)."""
        return bool(self._failed_at)

    @property
    def online(self) -> bool:
        """Whether the server answers now (asked again at most every RETRY_AFTER seconds)."""
        from tarjimon.core.tm.postgres.connection import ServerUnreachable

        try:
            self._server().ping()
        except ServerUnreachable as exc:
            self._offline(exc)
            return False
        self._failed_at = 0.0
        return True

    # ---- reading ------------------------------------------------------------------------------------
    def count(self) -> int:
        return int(self._try(lambda s: s.count(), self.local.count))

    def status(self) -> TMStatus:
        def offline() -> TMStatus:
            mine = self.local.status()
            return TMStatus("postgresql", self.where, mine.units, mine.pairs, online=False, pending=self.pending(),
                            detail={"offline_copy": mine.location, "error": self.last_error})

        def online(s: PgMemory) -> TMStatus:
            st = s.status()
            return dataclasses.replace(st, pending=self.pending(),
                                       detail={**st.detail, "offline_copy": self.local.status().location})

        return self._try(online, offline)  # type: ignore[no-any-return]

    def unit(self, unit_id: int) -> Unit:
        if unit_id < 0:
            return dataclasses.replace(self.local.unit(-unit_id), id=unit_id)
        return self._server().unit(unit_id)

    def units(self, target_lang: str | None = None) -> Iterator[Unit]:
        try:
            server = self._server()
        except TarjimonError:
            for u in self.local.units(target_lang):
                yield dataclasses.replace(u, id=-u.id)
            return
        yield from server.units(target_lang)

    def lookup(self, text: str, target_lang: str, *, limit: int = 5, min_score: int = 50,
               context: tuple[str | None, str | None] | None = None,
               source_lang: str | None = None) -> list[Match]:
        kw: dict[str, Any] = {"limit": limit, "min_score": min_score, "context": context, "source_lang": source_lang}
        return self._try(  # type: ignore[no-any-return]
            lambda s: s.lookup(text, target_lang, **kw),
            lambda: [dataclasses.replace(m, unit_id=-m.unit_id) for m in self.local.lookup(text, target_lang, **kw)])

    def concordance(self, text: str, *, target_lang: str | None = None, limit: int = 50,
                    source_lang: str | None = None) -> list[ConcordanceHit]:
        kw: dict[str, Any] = {"target_lang": target_lang, "limit": limit, "source_lang": source_lang}
        return self._try(  # type: ignore[no-any-return]
            lambda s: s.concordance(text, **kw),
            lambda: [dataclasses.replace(h, unit_id=-h.unit_id) for h in self.local.concordance(text, **kw)])

    # ---- writing ------------------------------------------------------------------------------------
    def add(self, source: str, target: str, source_lang: str, target_lang: str, *, origin: str = "",
            context: tuple[str | None, str | None] = (None, None), notes: list[str] | None = None) -> int:
        """Add a unit to the team TM (and the local copy); the server must be reachable."""
        server = self._server()
        self.local.add(source, target, source_lang, target_lang, origin=origin, context=context, notes=notes)
        return server.add(source, target, source_lang, target_lang, origin=origin, context=context, notes=notes)

    def confirm(self, unit: NewUnit) -> int:
        """A confirmed target: into the local copy at once, then to the server. ServerUnreachable when the
        server cannot take it: the workbench keeps it queued and gives it again later (both are idempotent)."""
        self.local.confirm(unit)
        server = self._server()
        try:
            uid = server.confirm(unit)
        except TarjimonError as exc:
            self._offline(exc)
            raise
        self._failed_at = 0.0
        return uid

    def delete(self, unit_id: int) -> None:
        if unit_id < 0:
            self.local.delete(-unit_id)
        else:
            self._server().delete(unit_id)

    def edit(self, unit_id: int, *, source: str | None = None, target: str | None = None) -> Unit:
        """Correct a unit: a server unit on the server (reachable), an offline copy's unit (negative id) there."""
        if unit_id < 0:
            return dataclasses.replace(self.local.edit(-unit_id, source=source, target=target), id=unit_id)
        return self._server().edit(unit_id, source=source, target=target)

    def browse(self, query: UnitQuery | None = None, *, before: int | None = None, limit: int = 50) -> list[Unit]:
        """The server's units; the offline copy's (negative ids) when the server cannot be reached."""
        def local() -> list[Unit]:
            mine = self.local.browse(query, before=-before if before is not None and before < 0 else None,
                                     limit=limit)
            return [dataclasses.replace(u, id=-u.id) for u in mine]

        if before is not None and before < 0:
            return local()
        return self._try(lambda s: s.browse(query, before=before, limit=limit), local)  # type: ignore[no-any-return]

    def import_units(self, units: Iterable[NewUnit], *, progress: Progress | None = None,
                     big: bool = False) -> tuple[int, int]:
        """Units go to the team TM (the server must be reachable)."""
        return self._server().import_units(units, progress=progress, big=big)

    def import_fast(self, path: Path) -> tuple[int, int, int] | None:
        return None

    def import_file(self, path: str | Path, *, source_lang: str | None = None, target_lang: str | None = None,
                    progress: Progress | None = None) -> ImportResult:
        """A TM file goes to the team TM (the server must be reachable: nothing is imported otherwise)."""
        return self._server().import_file(path, source_lang=source_lang, target_lang=target_lang, progress=progress)

    def export_tmx(self, path: str | Path, target_lang: str | None = None, *, overwrite: bool = True) -> int:
        """The team TM as TMX (the local copy when the server is unreachable)."""
        def local() -> int:
            n = self.local.export_tmx(path, target_lang, overwrite=overwrite)
            self.last_export_dropped = getattr(self.local, "last_export_dropped", 0)
            return n

        def remote(s: PgMemory) -> int:
            n = s.export_tmx(path, target_lang, overwrite=overwrite)
            self.last_export_dropped = s.last_export_dropped
            return n

        return int(self._try(remote, local))

    def push(self, progress: Progress | None = None) -> tuple[int, int]:
        """Upload the local TM's units to the server: (added, already there)."""
        from tarjimon.core.tm.units import dumps  # (with the file formats it reads: only for a push)

        server = self._server()

        def new_units() -> Iterator[NewUnit]:
            for u in self.local.units():
                yield NewUnit(u.source_lang, u.target_lang, u.source_tag or u.source_lang,
                              u.target_tag or u.target_lang, u.source, u.target, u.source_markup, u.target_markup,
                              u.context[0], u.context[1], origin=u.origin, notes=dumps(list(u.notes)),
                              props=dumps(u.props), fuzzy=u.fuzzy,
                              created_at=u.created_at or None, changed_at=u.changed_at or None)

        return server.import_units(new_units(), progress=progress)

    def rekey_tagged(self) -> int:
        """The server's units stored with the tags of their source in their key, keyed again without them
        (the server must be reachable); how many."""
        return self._server().rekey_tagged()

    def close(self) -> None:
        with self._lock:
            if self._remote is not None:
                self._remote.close()
                self._remote = None
        self.local.close()
