"""SQLite storage for one project: a connection per thread, WAL, foreign keys, versioned migrations.

Each component (the project's documents, the TM, ...) owns its tables and its list of migrations; the
versions applied are recorded in `schema_migrations`, and each migration runs in its own transaction, so a
kill -9 in the middle of one leaves the database at the version before it.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from tarjimon.core.errors import BadInput


def now() -> str:
    """The current time as an ISO 8601 UTC string, the form every timestamp is stored in."""
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store:
    """The project's database. Every thread gets its own connection (SQLite connections are per thread)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._migrated: set[str] = set()
        self.connection()  # fail early on a file that is not a database
        self.migrate("meta", [])

    def connection(self) -> sqlite3.Connection:
        """This thread's connection, opened on first use."""
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            try:
                conn = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
                conn.row_factory = sqlite3.Row
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=NORMAL")
                conn.execute("PRAGMA foreign_keys=ON")
                conn.execute("PRAGMA busy_timeout=30000")
            except sqlite3.DatabaseError as exc:
                raise BadInput(f"not a readable project database ({exc})", path=self.path) from exc
            self._local.conn = conn
            with self._lock:
                self._all.append(conn)
        return conn

    @property
    def conn(self) -> sqlite3.Connection:
        return self.connection()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction (BEGIN IMMEDIATE): all or nothing. Nested use joins the outer one."""
        conn = self.connection()
        if conn.in_transaction:
            yield conn
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        else:
            conn.execute("COMMIT")

    def migrate(self, component: str, migrations: Sequence[str]) -> int:
        """Apply the migrations of `component` not yet applied; return the schema version reached.

        `migrations[i]` is the SQL script for version i+1. Each runs in its own transaction together with the
        record of it, so a failure leaves the previous version intact.
        """
        conn = self.connection()
        conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            " component TEXT NOT NULL, version INTEGER NOT NULL, applied_at TEXT NOT NULL,"
            " PRIMARY KEY (component, version))"
        )
        if component in self._migrated:
            return len(migrations)
        row = conn.execute(
            "SELECT COALESCE(MAX(version), 0) FROM schema_migrations WHERE component = ?", (component,)
        ).fetchone()
        current = int(row[0])
        for version, script in enumerate(migrations, start=1):
            if version <= current:
                continue
            with self.transaction() as tx:
                for statement in _statements(script):
                    tx.execute(statement)
                tx.execute(
                    "INSERT INTO schema_migrations (component, version, applied_at) VALUES (?, ?, ?)",
                    (component, version, now()),
                )
            current = version
        self._migrated.add(component)
        return current

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
