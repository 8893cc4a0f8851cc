"""Shared stories: one project's documents, segments and confirmed targets on the team's PostgreSQL server, so
every desk works on the same story (`tarjimon share NAME URL`, `tarjimon join URL NAME`).

Each desk keeps its own project (its SQLite database stays the source of truth for what it typed); the server
holds the story and every confirmed target with its author, a version and a sequence number:
- a confirmed target (a confirm, the repetitions it fills, a find and replace...) is queued in the project's
  `shared_outbox` in its own transaction (a trigger: sharing_schema.py) and sent after the commit: the
  server's row gets version + 1, the version it replaces goes to
  `shared_target_history`, and `NOTIFY` tells the other desks;
- a desk listening (`listen`, a thread; the workbench starts it) pulls the rows whose sequence number it has
  not seen, and applies each to its own project (a colleague's target shows in the grid and the pivots);
- before a target is overwritten, `check` compares the server's version with the one this desk last saw: a
  colleague's newer text is reported (SharedConflict, one line) instead of overwritten; confirming again
  overwrites it, and both versions stay in the history;
- when the server cannot be reached, targets stay queued and are sent on the next confirm or open.
A segment is known on every desk by (document name, position) with its source text as a check: a segment
that is not the story's sentence at its place (a re-import or a join on one desk) keeps its targets there.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from tarjimon.core.errors import TarjimonError
from tarjimon.core.models import Segment, Translation
from tarjimon.core.store import now
from tarjimon.core.tm.postgres.connection import (
    ANSWER_TIMEOUT,
    Connections,
    ServerUnreachable,
    _psycopg,
    current_user,
)
from tarjimon.core.tm.postgres.schema import migrate
from tarjimon.core.workbench.sharing_schema import LOCAL_MIGRATIONS, SERVER_MIGRATIONS
from tarjimon.core.workbench.story_places import places

if TYPE_CHECKING:
    from tarjimon.core.workbench.backends import Workbench

SHARED_URL = "shared_url"
SHARED_NAME = "shared_name"
CONFIRMED = ("translated", "reviewed")

# A confirm waits at most this long (seconds) for a lock another transaction holds on the server (twice: the
# check and the send), then keeps the target queued: before, Enter froze the workbench as long as the lock was held.
LOCK_TIMEOUT = 2.0
# After the server failed to answer, a confirm does not ask it again for this long (seconds): a server that
# hangs cost every Enter two connect timeouts (6 s). A workbench never asks it on Enter while offline: its
# listener thread keeps trying and sends the queue when the server is back.
RETRY_AFTER = 5.0


class SharedConflict(TarjimonError):
    """A colleague changed the target since this desk last saw it: confirm again to overwrite it."""


class SharedStory:
    """A project's link to its shared story on the server (`name` there)."""

    def __init__(self, workbench: Workbench, url: str, name: str) -> None:
        self.workbench = workbench
        self.repo = workbench.repo
        self.store = workbench.store
        self.url = url
        self.name = name
        self.user = current_user()
        # (every exchange of a shared story is short: one cut after ANSWER_TIMEOUT; before, a paused server froze
        # Enter, and the target was not committed meanwhile: the colleague check comes first)
        self.db = Connections(url, lock_timeout=LOCK_TIMEOUT, answer_timeout=ANSWER_TIMEOUT)
        self.store.migrate("shared", LOCAL_MIGRATIONS)
        if self.store.conn.execute("SELECT 1 FROM shared_link").fetchone() is None:  # (linked again after a leave)
            with self.store.transaction() as tx:
                tx.execute("INSERT OR IGNORE INTO shared_link VALUES (1)")
        self._project_id: int | None = None
        self._sources: dict[str, list[str]] | None = None  # the story's sentences as shared (see _in_story)
        self.last_error = ""
        self.online = True  # False from a failed exchange with the server until the next one that works
        self._retry_at = 0.0  # (time.monotonic) when a confirm may ask an offline server again
        self._listening = False
        self._sending = threading.Lock()  # (the listener, a confirm and a worker's delivery: one send at a time)

    def state(self) -> str:
        """"offline, N queued" while the server does not answer ("busy, N queued" while a lock held there made
        it give up; "" when it answered the last time). Asks it nothing."""
        if self.online:
            return ""
        return f"{'busy' if ' is busy (' in self.last_error else 'offline'}, {self.pending()} queued"

    def offline(self, exc: BaseException) -> None:
        """The server did not answer (`exc` says why): offline until an exchange with it works again."""
        self.last_error, self.online = str(exc), False
        self._retry_at = time.monotonic() + RETRY_AFTER

    def _may_ask(self) -> bool:
        """Whether a confirm may talk to the server now (see RETRY_AFTER)."""
        return self.online or (not self._listening and time.monotonic() >= self._retry_at)

    # ---- the server -------------------------------------------------------------------------------
    def project_id(self, conn: Any) -> int:
        if self._project_id is None:
            migrate(conn, "shared", SERVER_MIGRATIONS)
            row = conn.execute("SELECT id FROM shared_projects WHERE name = %s", (self.name,)).fetchone()
            if row is None:
                raise TarjimonError(f"no shared story {self.name!r} on {self.db.where}")
            self._project_id = int(row[0])
        return self._project_id

    def _places(self, conn: Any, document_id: int) -> dict[int, int]:
        """This desk's segments of a document -> their positions in the story (story_places.py): the segments
        that are not the story's sentences (re-imported changed, joined or split here) have none."""
        if self._sources is None:
            rows = conn.execute("SELECT name, pieces FROM shared_documents WHERE project_id = %s",
                                (self.project_id(conn),)).fetchall()
            self._sources = {name: [p[2] for p in json.loads(pieces)] for name, pieces in rows}
        story = self._sources.get(self.repo.document_name(document_id), [])
        return places(self.repo.segments(document_id), story)

    def _key(self, conn: Any, segment: Segment, known: dict[int, dict[int, int]] | None = None
             ) -> tuple[str, int] | None:
        """(document, position) of a segment in the story; None when it is not one of the story's sentences.
        `known`: the places of documents already aligned (one alignment per document for a whole queue)."""
        known = {} if known is None else known
        if segment.document_id not in known:
            known[segment.document_id] = self._places(conn, segment.document_id)
        pos = known[segment.document_id].get(segment.id)
        return None if pos is None else (self.repo.document_name(segment.document_id), pos)

    def outside(self) -> int:
        """How many of this desk's segments are not the story's sentences (their targets stay here)."""
        with self.db.using() as conn:
            return sum(len(self.repo.segments(d.id)) - len(self._places(conn, d.id)) for d in self.repo.documents())

    def _known(self, segment_id: int, lang: str) -> int:
        row = self.store.conn.execute("SELECT version FROM shared_versions WHERE segment_id = ? AND lang = ?",
                                      (segment_id, lang)).fetchone()
        return int(row[0]) if row else 0

    def _saw(self, segment_id: int, lang: str, version: int) -> None:
        with self.store.transaction() as tx:
            tx.execute("INSERT INTO shared_versions VALUES (?, ?, ?) ON CONFLICT (segment_id, lang) DO UPDATE SET"
                       " version = MAX(version, excluded.version)", (segment_id, lang, version))

    # ---- before and after a confirm ---------------------------------------------------------------
    def check(self, segment: Segment, lang: str, text: str) -> None:
        """Refuse (SharedConflict) to overwrite a colleague's version this desk has not seen; the next confirm
        overwrites it. Offline nothing can be checked: the target is saved and queued."""
        if not self._may_ask():
            return
        try:
            with self.db.using() as conn:
                key = self._key(conn, segment)
                if key is None:
                    return  # (not one of the story's sentences: not sent, nothing of a colleague's to overwrite)
                row = conn.execute("SELECT text, changeid, changed_at, version FROM shared_targets WHERE project_id"
                                   " = %s AND document = %s AND position = %s AND lang = %s",
                                   (self.project_id(conn), *key, lang)).fetchone()
        except ServerUnreachable as exc:
            self.offline(exc)
            return
        if row is None or row[3] <= self._known(segment.id, lang) or row[0] == text:
            return
        self._saw(segment.id, lang, int(row[3]))
        raise SharedConflict(f"{row[1]} changed this {lang} target at {row[2]}: «{row[0]}». Confirm again to "
                             "overwrite it (both versions stay in the history)")

    def publish(self, segment: Segment, saved: Translation) -> None:
        """Queue a confirmed target for the story and send what is queued (kept queued when offline)."""
        with self.store.transaction() as tx:
            tx.execute("INSERT INTO shared_outbox VALUES (?, ?, ?) ON CONFLICT (segment_id, lang) DO UPDATE SET"
                       " queued_at = excluded.queued_at", (segment.id, saved.lang, saved.updated_at))
        self.send(confirming=True)

    def pending(self) -> int:
        return int(self.store.conn.execute("SELECT COUNT(*) FROM shared_outbox").fetchone()[0])

    def send(self, *, confirming: bool = False) -> int:
        """Send the queued targets (oldest first); return how many the server took. A confirm's send
        (`confirming`) leaves them queued while the server is known to be offline (see RETRY_AFTER)."""
        if confirming and not self._may_ask():
            return 0
        with self._sending:
            return self._send()

    def _send(self) -> int:
        queued = self.store.conn.execute(
            "SELECT segment_id, lang, queued_at FROM shared_outbox ORDER BY queued_at, segment_id").fetchall()
        sent = 0
        try:
            with self.db.using() as conn:
                pid = self.project_id(conn)
                known: dict[int, dict[int, int]] = {}
                for segment_id, lang, queued_at in queued:
                    try:
                        segment = self.repo.segment(segment_id)
                    except TarjimonError:
                        segment = None
                    current = self.repo.translation(segment_id, lang) if segment is not None else None
                    key = self._key(conn, segment, known) if segment is not None else None
                    if key is not None and current is not None and current.status in CONFIRMED:
                        version = self._upsert(conn, pid, key, segment, current)  # type: ignore[arg-type]
                        self._saw(segment_id, lang, version)
                    with self.store.transaction() as tx:
                        tx.execute("DELETE FROM shared_outbox WHERE segment_id = ? AND lang = ? AND queued_at = ?",
                                   (segment_id, lang, queued_at))
                    sent += 1
            self.last_error, self.online = "", True
        except ServerUnreachable as exc:
            self.offline(exc)
        return sent

    def _upsert(self, conn: Any, pid: int, key: tuple[str, int], segment: Segment, t: Translation) -> int:
        doc, pos = key
        stamp, who = now(), self.repo.target_author(segment.id, t.lang) or self.user
        with conn.transaction():
            old = conn.execute("SELECT text, status, changeid, changed_at FROM shared_targets WHERE project_id = %s"
                               " AND document = %s AND position = %s AND lang = %s FOR UPDATE",
                               (pid, doc, pos, t.lang)).fetchone()
            if old is not None and old[0] != t.text:
                conn.execute("INSERT INTO shared_target_history (project_id, document, position, lang, text, status,"
                             " changeid, changed_at, replaced_by, replaced_at) VALUES (%s, %s, %s, %s, %s, %s, %s,"
                             " %s, %s, %s)", (pid, doc, pos, t.lang, *old, who, stamp))
            version = conn.execute(
                "INSERT INTO shared_targets VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, 1, nextval('shared_seq'))"
                " ON CONFLICT (project_id, document, position, lang) DO UPDATE SET text = excluded.text,"
                " status = excluded.status, changeid = excluded.changeid, changed_at = excluded.changed_at,"
                " version = shared_targets.version + 1, seq = excluded.seq RETURNING version",
                (pid, doc, pos, t.lang, segment.source, t.text, t.status, who, stamp)).fetchone()[0]
            conn.execute("SELECT pg_notify(%s, %s)", (f"tarjimon_shared_{pid}", f"{doc}:{pos}:{t.lang}"))
        return int(version)

    # ---- what colleagues confirmed ----------------------------------------------------------------
    def pull(self) -> list[Translation]:
        """Apply the targets colleagues confirmed since the last pull; return those that changed here."""
        row = self.store.conn.execute("SELECT seq FROM shared_seen WHERE id = 1").fetchone()
        seen = int(row[0]) if row else 0
        with self.db.using() as conn:
            rows = conn.execute("SELECT document, position, lang, source, text, status, changeid, version, seq"
                                " FROM shared_targets WHERE project_id = %s AND seq > %s ORDER BY seq",
                                (self.project_id(conn), seen)).fetchall()
            if not rows:
                return []
            docs = {d.name: d.id for d in self.repo.documents() if d.name in {r[0] for r in rows}}
            segments = {s.id: s for s in self.repo.segments()}
            by_key = {(name, pos): segments[sid] for name, doc_id in docs.items()  # (the story's place -> here)
                      for sid, pos in self._places(conn, doc_id).items()}
        applied = []
        for doc, pos, lang, source, text, status, who, version, seq in rows:
            segment = by_key.get((doc, pos))
            seen = max(seen, int(seq))
            if segment is None or segment.source != source or lang not in self.workbench.target_langs:
                continue
            current = self.repo.translation(segment.id, lang)
            self._saw(segment.id, lang, int(version))
            if (current.text, current.status) != (text, status):
                saved, _ = self.repo.save_translation(segment, lang, text, status, f"shared:{who}", who)
                applied.append(saved)
        with self.store.transaction() as tx:
            tx.execute("INSERT INTO shared_seen VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq",
                       (seen,))
        return applied

    def listen(self, on_change: Callable[[list[Translation]], None], stop: threading.Event) -> threading.Thread:
        """A thread that waits for the server's notifications (and asks every second anyway) and applies what
        colleagues confirmed; `on_change` gets the targets that changed here. Ends when `stop` is set."""
        self._listening = True  # (it keeps asking the server: a confirm need not, while it is offline)

        def run() -> None:
            psycopg = _psycopg()
            conn = None
            while not stop.is_set():
                try:
                    if conn is None or conn.closed or conn.broken:
                        conn = psycopg.connect(self.url, autocommit=True, connect_timeout=3)
                        with self.db.using() as c:
                            conn.execute(f"LISTEN tarjimon_shared_{self.project_id(c)}")
                    for _ in conn.notifies(timeout=1.0, stop_after=1):
                        pass
                    changed = self.pull()
                    self.send()
                    if changed:
                        on_change(changed)
                except (psycopg.Error, TarjimonError, sqlite3.Error) as exc:  # the server or the project closed
                    # (its own connection's failure said as the others' are: one line, a refused login named;
                    # before, libpq's lines reached the workbench's notification whole)
                    self.offline(self.db.unreachable(exc) if isinstance(exc, psycopg.OperationalError) else exc)
                    if conn is not None:
                        conn.close()
                    conn = None
                    stop.wait(1.0)
            if conn is not None:
                conn.close()
            self._listening = False

        thread = threading.Thread(target=run, name="tarjimon-shared", daemon=True)
        thread.start()
        return thread

    def close(self) -> None:
        self.db.close()


def share(workbench: Workbench, url: str) -> int:
    """Put a project's story on the server (documents, segments, confirmed targets); return the targets sent."""
    db = Connections(url)
    wb = workbench
    with db.using() as conn:
        migrate(conn, "shared", SERVER_MIGRATIONS)
        with conn.transaction():
            if conn.execute("SELECT 1 FROM shared_projects WHERE name = %s", (wb.name,)).fetchone():
                raise TarjimonError(f"a shared story {wb.name!r} is already on {db.where}: join it "
                                    f"(tarjimon join URL {wb.name}) or rename this project")
            pid = conn.execute("INSERT INTO shared_projects (name, source, targets, created_by, created_at) VALUES"
                               " (%s, %s, %s, %s, %s) RETURNING id", (wb.name, wb.source_lang,
                                                                      json.dumps(wb.target_langs), current_user(),
                                                                      now())).fetchone()[0]
            for doc in wb.repo.documents():
                paragraphs = [[p.prefix, p.blank_before, p.kind] for p in wb.repo.paragraphs(doc.id)]
                pieces = [[s.paragraph, s.kind, s.source] for s in wb.repo.segments(doc.id)]
                conn.execute("INSERT INTO shared_documents VALUES (%s, %s, %s, %s, %s, %s)",
                             (pid, doc.name, doc.position, json.dumps(doc.meta, ensure_ascii=False),
                              json.dumps(paragraphs, ensure_ascii=False), json.dumps(pieces, ensure_ascii=False)))
    db.close()
    wb.config.settings[SHARED_URL] = url
    wb.config.settings[SHARED_NAME] = wb.name
    wb.save_config()
    story = SharedStory(wb, url, wb.name)
    with wb.store.transaction() as tx:
        for row in wb.rows():
            for lang, t in row.targets.items():
                if t.status in CONFIRMED:
                    tx.execute("INSERT OR IGNORE INTO shared_outbox VALUES (?, ?, ?)", (row.segment.id, lang, now()))
    sent = story.send()
    story.close()
    return sent


def leave(wb: Workbench, story: SharedStory) -> tuple[str, int]:
    """Unlink a project from its shared story (`story`, its link) on this desk (the server keeps the story for
    the others; the project keeps its documents and targets): (the story's name, how many queued targets were
    not sent)."""
    name, unsent = story.name, story.pending()
    with wb.store.transaction() as tx:  # (first: a project still named linked in project.toml links again)
        for table in ("shared_link", "shared_outbox", "shared_versions", "shared_seen"):
            tx.execute(f"DELETE FROM {table}")
    wb.config.settings.pop(SHARED_URL, None)
    wb.config.settings.pop(SHARED_NAME, None)
    wb.save_config()
    return name, unsent


def story_of(url: str, name: str) -> dict[str, Any]:
    """A shared story's languages and documents, as `join` needs them."""
    db = Connections(url)
    try:
        with db.using() as conn:
            migrate(conn, "shared", SERVER_MIGRATIONS)
            row = conn.execute("SELECT id, source, targets FROM shared_projects WHERE name = %s", (name,)).fetchone()
            if row is None:
                raise TarjimonError(f"no shared story {name!r} on {db.where}")
            docs = conn.execute("SELECT name, meta, paragraphs, pieces FROM shared_documents WHERE project_id = %s"
                                " ORDER BY position", (row[0],)).fetchall()
    finally:
        db.close()
    return {"source": row[1], "targets": json.loads(row[2]),
            "documents": [(d[0], json.loads(d[1]), json.loads(d[2]), json.loads(d[3])) for d in docs]}


def join_story(wb: Workbench, url: str, name: str, story: dict[str, Any]) -> list[Translation]:
    """Fill a new, empty project with a shared story's documents and targets, and link it to the story."""
    from tarjimon.core.models.article import Paragraph

    with wb.repo.transaction():
        for doc, meta, paragraphs, pieces in story["documents"]:
            wb.repo.store_document(doc, "md" if doc.endswith(".md") else "txt", "utf-8", meta,
                                   [Paragraph("", p[0], int(p[1]), p[2]) for p in paragraphs],
                                   [(int(p[0]), p[1], p[2]) for p in pieces])
    wb.config.settings[SHARED_URL] = url
    wb.config.settings[SHARED_NAME] = name
    wb.save_config()
    story_link = SharedStory(wb, url, name)
    try:
        return story_link.pull()
    finally:
        story_link.close()
