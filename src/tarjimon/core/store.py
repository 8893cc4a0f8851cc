"""SQLite storage for one project: a connection per thread, WAL, foreign keys, versioned migrations.

Each component (the project's documents, the TM, ...) owns its tables and its list of migrations; the
versions applied are recorded in `schema_migrations`, and each migration runs in its own transaction, so a
kill -9 in the middle of one leaves the database at the version before it.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from tarjimon.core.errors import BadInput, Busy

#: Seconds a writer waits for another's write lock before giving up (TARJIMON_BUSY_TIMEOUT overrides it).
BUSY_TIMEOUT = 30.0
#: Page size of a NEW database (an existing one keeps its own): a big TM import writes every page twice (the
#: WAL, then its checkpoint), and 16 KB pages make a quarter of the system calls of 4 KB ones (the copy of a
#: million units spent 0.9 s less system time in the main process, docs/benchmarks.md, fourth round of goal 3).
PAGE_SIZE = 16384


def now() -> str:
    """The current time as an ISO 8601 UTC string, the form every timestamp is stored in."""
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store:
    """The project's database. Every thread gets its own connection (SQLite connections are per thread).

    When the database cannot be written (a read-only mount, a folder without write permission) it is
    opened read-only: reading works, a write fails with a one-line error.
    """

    def __init__(self, path: str | Path, *, busy_timeout: float | None = None) -> None:
        self.path = Path(path)
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._migrated: set[str] = set()
        env = os.environ.get("TARJIMON_BUSY_TIMEOUT", "")
        self.busy_timeout = busy_timeout if busy_timeout is not None else (
            float(env) if env.replace(".", "", 1).isdigit() else BUSY_TIMEOUT)  # fmt: skip
        self.read_only = self.path.exists() and not _writable(self.path)
        self.connection()  # fail early on a file that is not a database
        self.migrate("meta", [])

    @property
    def name(self) -> str:
        """The project's name, for messages (its folder)."""
        return self.path.parent.name

    def connection(self) -> sqlite3.Connection:
        """This thread's connection, opened on first use."""
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            try:
                conn = self._open()
            except sqlite3.DatabaseError as exc:
                raise BadInput(f"not a readable project database ({exc})", path=self.path) from exc
            self._local.conn = conn
            with self._lock:
                self._all.append(conn)
        return conn

    def _open(self) -> sqlite3.Connection:
        ms = int(self.busy_timeout * 1000)
        if self.read_only:
            # mode=ro needs the WAL's -shm beside it; on a read-only mount nobody can be writing, so
            # immutable=1 is safe there and needs nothing.
            uri = self.path.resolve().as_uri()
            try:
                conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=self.busy_timeout,
                                       isolation_level=None, check_same_thread=False)  # fmt: skip
                conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
            except sqlite3.OperationalError:
                conn = sqlite3.connect(f"{uri}?immutable=1", uri=True, isolation_level=None,
                                       check_same_thread=False)  # fmt: skip
            conn.row_factory = sqlite3.Row
            conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
            return conn
        conn = sqlite3.connect(
            self.path, timeout=self.busy_timeout, isolation_level=None, check_same_thread=False
        )
        conn.row_factory = sqlite3.Row
        try:
            if conn.execute("PRAGMA page_count").fetchone()[0] == 0:  # a new database: before WAL writes its header
                conn.execute(f"PRAGMA page_size={PAGE_SIZE}")
            conn.execute("PRAGMA journal_mode=WAL")
        except sqlite3.OperationalError as exc:
            conn.close()
            raise db_error(exc, self) from exc
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute(f"PRAGMA busy_timeout={ms}")
        return conn

    def set_busy_timeout(self, seconds: float) -> None:
        """How long this thread's writes wait for another process's write lock (the TUI waits briefly)."""
        self.busy_timeout = seconds
        self.connection().execute(f"PRAGMA busy_timeout={int(seconds * 1000)}")

    @property
    def conn(self) -> sqlite3.Connection:
        return self.connection()

    def data_version(self) -> int:
        """A number that changes when another connection (another process) has committed since this
        thread's connection last looked: a cheap way for a read-only viewer to know when to reload."""
        return int(self.connection().execute("PRAGMA data_version").fetchone()[0])

    @contextmanager
    def transaction(self, *, durable: bool = False) -> Iterator[sqlite3.Connection]:
        """A write transaction (BEGIN IMMEDIATE): all or nothing. Nested use joins the outer one.

        Another process's long write (an import) makes it wait `busy_timeout` seconds, then raise Busy;
        a full disk or a read-only database raises BadInput. Never a half-written change.
        `durable`: the commit is on the disk when this returns (synchronous=FULL: the WAL synced), for a
        translator's confirmed target; otherwise (synchronous=NORMAL) a commit survives a killed process but a
        power cut may take back what was committed since the last checkpoint (30 confirms: 4 syncs).
        """
        conn = self.connection()
        if conn.in_transaction:
            yield conn
            return
        if self.read_only:
            raise BadInput(f"project {self.name} is read-only here (cannot write {self.path})")
        if durable:
            conn.execute("PRAGMA synchronous=FULL")
        try:
            with self._begun(conn) as tx:
                yield tx
        finally:
            if durable:
                conn.execute("PRAGMA synchronous=NORMAL")

    @contextmanager
    def _begun(self, conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise db_error(exc, self) from exc
        try:
            yield conn
        except BaseException as exc:
            _rollback(conn)
            if isinstance(exc, sqlite3.OperationalError):
                raise db_error(exc, self) from exc
            raise
        else:
            try:
                conn.execute("COMMIT")
            except sqlite3.OperationalError as exc:
                _rollback(conn)
                raise db_error(exc, self) from exc

    @contextmanager
    def bulk_journal(self) -> Iterator[bool]:
        """For a bulk write of mostly NEW pages (a big import): a rollback journal instead of the WAL while it
        runs, when this connection is the only one open on the database; yields whether it switched.

        In WAL mode every page is written twice (the WAL, then the checkpoint); a rollback journal keeps only
        the old pages a transaction changes (pages past the file's old end are not journaled), so the new pages
        are written once. All or nothing still: a kill -9 leaves a hot journal, rolled back by the next open.
        The price: while it runs, the import holds the database alone (another process opening it is told it
        is busy, as a writer is during any import). When another connection is open (the workbench), nothing
        changes: the import goes through the WAL as before."""
        conn = self.connection()
        switched = False
        if not self.read_only and not conn.in_transaction:
            conn.execute("PRAGMA busy_timeout=0")  # another connection open: do not wait, keep the WAL
            try:
                switched = conn.execute("PRAGMA journal_mode=DELETE").fetchone()[0].lower() == "delete"
            except sqlite3.OperationalError:
                switched = False
            finally:
                conn.execute(f"PRAGMA busy_timeout={int(self.busy_timeout * 1000)}")
        try:
            yield switched
        finally:
            if switched:
                try:
                    conn.execute("PRAGMA journal_mode=WAL")
                except sqlite3.OperationalError:
                    pass  # another process opened it meanwhile: the next open sets WAL again (_open)

    def migrate(self, component: str, migrations: Sequence[str | Callable[[sqlite3.Connection], object]]) -> int:
        """Apply the migrations of `component` not yet applied; return the schema version reached.

        `migrations[i]` is the SQL script for version i+1, or a function given the transaction's connection
        (a data migration). Each runs in its own transaction together with the record of it, so a failure
        leaves the previous version intact.
        """
        conn = self.connection()
        if component in self._migrated:
            return len(migrations)
        if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'schema_migrations'").fetchone() is None:
            with self.transaction() as tx:
                tx.execute(
                    "CREATE TABLE IF NOT EXISTS schema_migrations ("
                    " component TEXT NOT NULL, version INTEGER NOT NULL, applied_at TEXT NOT NULL,"
                    " PRIMARY KEY (component, version))"
                )
        row = conn.execute(
            "SELECT COALESCE(MAX(version), 0) FROM schema_migrations WHERE component = ?", (component,)
        ).fetchone()
        current = int(row[0])
        if current > len(migrations) and not self.read_only:  # (read-only: the TM opens with its first only)
            # written by a newer Tarjimon: this one's writes would miss what that schema added (a restored
            # backup or a project folder carried from a newer install)
            raise BadInput(f"project {self.name} was written by a newer Tarjimon ({component} schema "
                           f"{current}, this one knows {len(migrations)}): update Tarjimon to open it", path=self.path)
        if current < len(migrations) and self.read_only:
            raise BadInput(
                f"project {self.name} needs a schema upgrade but is read-only here", path=self.path
            )
        if current < len(migrations) and current > 0 and self.path.exists():
            rolling_backup(self)
        for version, script in enumerate(migrations, start=1):
            if version <= current:
                continue
            with self.transaction() as tx:
                # Another process may have applied it since the version was read: the check is repeated under
                # the write lock (BEGIN IMMEDIATE), so two fresh processes never both create the tables.
                if tx.execute("SELECT 1 FROM schema_migrations WHERE component = ? AND version = ?",
                              (component, version)).fetchone() is None:
                    if callable(script):
                        script(tx)
                    else:
                        for statement in _statements(script):
                            tx.execute(statement)
                    tx.execute(
                        "INSERT INTO schema_migrations (component, version, applied_at) VALUES (?, ?, ?)",
                        (component, version, now()),
                    )
            current = version
        self._migrated.add(component)
        return current

    def forget_migrated(self, component: str) -> None:
        """Check `component`'s schema again on its next migrate (its migrations ran in a transaction that was
        then rolled back: a refused import into a project that had no TM)."""
        self._migrated.discard(component)

    def close(self) -> None:
        """Close every thread's connection (checkpointing the WAL where possible)."""
        with self._lock:
            for conn in self._all:
                try:
                    conn.close()
                except sqlite3.Error:
                    pass
            self._all.clear()
        self._local = threading.local()


def _writable(path: Path) -> bool:
    """Whether SQLite could write here: the file and its folder (for the WAL and journal files)."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK) and not _read_only_mount(path)


def _read_only_mount(path: Path) -> bool:
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):
        return False


def _nearly_full(folder: Path) -> bool:
    """SQLite reports a WAL that cannot grow as a disk I/O error: tell a full disk apart."""
    try:
        st = os.statvfs(folder)
    except OSError:
        return False
    return st.f_bavail * st.f_frsize < 1 << 20


def _rollback(conn: sqlite3.Connection) -> None:
    """Roll back if a transaction is still open (SQLite may already have rolled back on a full disk)."""
    if conn.in_transaction:
        try:
            conn.execute("ROLLBACK")
        except sqlite3.Error:
            pass


def db_error(exc: sqlite3.OperationalError, store: Store) -> Exception:
    """A one-line error for what SQLite says about the disk or another writer; other errors unchanged."""
    msg = str(exc).lower()
    if "locked" in msg or "busy" in msg:
        return Busy(f"project {store.name} is busy (an import is running); try again")
    if "disk is full" in msg or "disk full" in msg or ("i/o error" in msg and _nearly_full(store.path.parent)):
        return BadInput(f"disk full writing {store.path}")
    if "readonly" in msg or "read-only" in msg:
        return BadInput(f"read-only: cannot write {store.path}")
    if "disk i/o error" in msg or "unable to open" in msg:
        return BadInput(f"cannot write {store.path} ({exc})")
    return exc


def rolling_backup(store: Store, keep: int = 3) -> Path | None:
    """Copy the database (SQLite backup API) to backups/ beside it before a migration; keep the last `keep`."""
    folder = store.path.parent / "backups"
    try:
        if folder.is_symlink():  # a link planted as backups/ would carry the project's data out of its folder
            return None
        folder.mkdir(exist_ok=True)
        stamp = now().replace(":", "").replace("+0000", "").replace("-", "")
        target = folder / f"before-migration-{stamp}.db"
        if os.path.lexists(target):  # sqlite3.connect would write through a link planted at this name
            return None
        dest = sqlite3.connect(target)
        try:
            store.connection().backup(dest)
        finally:
            dest.close()
        old = sorted(folder.glob("before-migration-*.db"))
        for extra in old[:-keep]:
            extra.unlink()
        return target
    except (OSError, sqlite3.Error):
        return None  # a backup that cannot be made does not stop the upgrade (the migration is atomic)


def _statements(script: str) -> list[str]:
    """Split a migration script into statements (sqlite3.complete_statement keeps triggers whole)."""
    out: list[str] = []
    buf = ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip():
                out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out
