"""Connecting to the team's PostgreSQL server: the URL, who the translator is, one connection per thread,
and a server that cannot be reached turned into one error the workbench knows (`ServerUnreachable`).

A URL never carries a password: it comes from $PGPASSWORD or ~/.pgpass (libpq reads both), so project.toml,
`tm status` and error messages never show one.
"""

from __future__ import annotations

import getpass
import os
import re
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from tarjimon.core.errors import TarjimonError

CONNECT_TIMEOUT = 3  # seconds: an unreachable server is noticed quickly, and the workbench goes offline
# What a workbench's Enter waits at most (seconds) for a server that stopped answering in the middle of a
# connection (paused: `kill -STOP`, a frozen machine), see Connections(answer_timeout): then what was confirmed
# stays committed and queued. Before, Enter froze the workbench until the server came back.
ANSWER_TIMEOUT = 5.0
SSL_MODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")  # libpq's


class ServerUnreachable(TarjimonError):
    """The TM server cannot be reached now (down, network, refused): what was confirmed stays queued."""


def _psycopg() -> Any:
    try:
        import psycopg
    except ImportError as exc:  # the team extra is not installed
        raise TarjimonError("a team TM needs psycopg: pip install 'tarjimon[team]'") from exc
    return psycopg


def check_url(url: str) -> dict[str, Any]:
    """The parts of a PostgreSQL URL (TarjimonError when it is not one, or carries a password)."""
    # (what was given is never quoted back: `host=db password=...` or a broken URL may hold a password)
    if not url.startswith(("postgresql://", "postgres://")):
        scheme = url.split("://", 1)[0] + "://" if "://" in url[:20] else "no postgresql://"
        raise TarjimonError(f"not a PostgreSQL URL ({scheme}): give postgresql://USER@HOST[:PORT]/DATABASE")
    psycopg = _psycopg()
    try:
        parts = psycopg.conninfo.conninfo_to_dict(url)
    except psycopg.ProgrammingError as exc:
        reason = _first_line(exc).replace(url, "...").split(' in URI: "')[0]
        raise TarjimonError(f"bad PostgreSQL URL: {reason}") from None
    mode = parts.get("sslmode")
    if mode and mode not in SSL_MODES:  # (libpq checks it only when connecting: "unreachable", which misleads)
        raise TarjimonError(f"bad PostgreSQL URL: sslmode must be one of {', '.join(SSL_MODES)}")
    if parts.get("password"):
        raise TarjimonError("the URL holds a password: remove it, and give it in $PGPASSWORD or ~/.pgpass "
                            "(it would be written into project.toml)")
    return dict(parts)


def display_url(url: str) -> str:
    """The server as shown to a person: user@host:port/database (never a password)."""
    try:
        p = check_url(url)
    except TarjimonError:
        return "(invalid URL)"
    host = p.get("host") or p.get("hostaddr") or "localhost"
    user = f"{p['user']}@" if p.get("user") else ""
    return f"{user}{host}:{p.get('port') or 5432}/{p.get('dbname') or ''}"


def current_user() -> str:
    """Who is working: $TARJIMON_USER, else the operating system's user name."""
    name = os.environ.get("TARJIMON_USER")
    if name:
        return name
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


_LOGIN_REFUSED = ("password authentication failed", "no password supplied", "role \"", "no pg_hba.conf entry")


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


class Connections:
    """One autocommit connection per thread (TUI workers run in threads), opened on first use."""

    def __init__(self, url: str, *, lock_timeout: float | None = None, answer_timeout: float | None = None) -> None:
        """`lock_timeout` (seconds): a statement that waits longer for a lock held elsewhere (a colleague's long
        transaction, an administrator's VACUUM FULL) gives up, as a busy server (ServerUnreachable), instead of
        holding the caller (the workbench's Enter) for as long as the other holds it.
        `answer_timeout` (seconds): a `using()` block still waiting for the server after that long has its
        connection cut and ends as ServerUnreachable. A server that stops answering in the middle of a
        connection (its process paused, a frozen machine) held the caller forever: its kernel still acknowledges
        what is sent, so neither TCP keepalives nor lock_timeout (enforced by the server) notice."""
        parts = check_url(url)
        self.url = url
        self.lock_timeout = lock_timeout
        self.answer_timeout = answer_timeout
        self.where = display_url(url)
        self.user = parts.get("user") or os.environ.get("PGUSER") or _os_user()  # (who libpq logs in as)
        self._local = threading.local()
        self._all: list[Any] = []
        self._lock = threading.Lock()

    def get(self) -> Any:
        conn = getattr(self._local, "conn", None)
        if conn is not None and not conn.closed and not conn.broken:
            return conn
        psycopg = _psycopg()
        try:
            conn = psycopg.connect(self.url, autocommit=True, connect_timeout=CONNECT_TIMEOUT,
                                   application_name="tarjimon")
        except psycopg.OperationalError as exc:
            raise self.unreachable(exc) from None
        self._first_answer(conn)
        self._local.conn = conn
        with self._lock:
            self._all.append(conn)
        return conn

    def _first_answer(self, conn: Any) -> None:
        """The new connection's first exchange, given ANSWER_TIMEOUT seconds: a server that let this connection in
        and then stopped answering (paused with `kill -STOP` after its handshake; a proxy or a frozen machine that
        speaks the handshake) held every first connection forever, `tm status` and the workbench's first lookup
        included (connect_timeout ends with the handshake). Then the connection is cut: ServerUnreachable."""
        psycopg = _psycopg()
        cut = threading.Event()
        watchdog = threading.Timer(ANSWER_TIMEOUT, _cut, (conn, cut))
        watchdog.daemon = True
        watchdog.start()
        try:
            conn.execute(f"SET lock_timeout = {int(self.lock_timeout * 1000)}" if self.lock_timeout else "SELECT 1")
        except psycopg.Error as exc:
            conn.close()
            if cut.is_set():
                raise ServerUnreachable(f"the TM server {self.where} is unreachable (it let the connection in, "
                                        f"then did not answer for {ANSWER_TIMEOUT:g} s)") from None
            raise self.unreachable(exc) from None
        finally:
            watchdog.cancel()

    def unreachable(self, exc: BaseException) -> ServerUnreachable:
        reason = _first_line(exc)
        missing = re.search(r'(database|role) "([^"]*)" does not exist', reason)
        if missing and missing.groups() != ("role", self.user):  # up: not "unreachable", no password to check
            what, name = missing.groups()
            how = "the database at the end of the URL" if what == "database" else "options=-crole in the URL"
            return ServerUnreachable(f"the TM server {self.where} has no {what} {name!r}: check {how}, or ask "
                                     "whoever runs the server to create it (docs/team.md)")
        if any(login in reason for login in _LOGIN_REFUSED):  # up, but these credentials are not let in
            said = re.split(r"FATAL:|failed: ", reason)[-1].strip()
            return ServerUnreachable(f"the TM server {self.where} refused the login ({said}): check the user in "
                                     "the URL and its password in ~/.pgpass or $PGPASSWORD")
        return ServerUnreachable(f"the TM server {self.where} is unreachable ({reason})")

    @contextmanager
    def using(self, answer_timeout: float | None = None) -> Iterator[Any]:
        """This thread's connection; a lost connection becomes ServerUnreachable (and is reopened next time),
        and so does one cut after `answer_timeout` seconds (this block's, else the instance's) without an
        answer."""
        psycopg = _psycopg()
        conn = self.get()
        watchdog, cut = None, threading.Event()
        limit = answer_timeout or self.answer_timeout
        if limit:
            watchdog = threading.Timer(limit, _cut, (conn, cut))
            watchdog.daemon = True
            watchdog.start()
        try:
            yield conn
        except psycopg.errors.LockNotAvailable as exc:  # (lock_timeout) busy: try again later, like offline
            raise ServerUnreachable(f"the TM server {self.where} is busy ({_first_line(exc)})") from None
        except psycopg.OperationalError as exc:
            if conn.broken or conn.closed or isinstance(exc, psycopg.errors.AdminShutdown):
                self._local.conn = None
                raise self.unreachable(exc) from None
            raise TarjimonError(f"the TM server {self.where}: {_first_line(exc)}") from None
        except (psycopg.errors.InsufficientPrivilege, psycopg.errors.InvalidSchemaName) as exc:
            raise TarjimonError(f"the TM server {self.where}: {_first_line(exc)} (the role in the URL may not create or "
                                "use the team's tables in that database and schema: docs/team.md, Setting it up)") from None
        except psycopg.Error as exc:  # refused by the server (rights, a full disk...): one line, never a traceback
            raise TarjimonError(f"the TM server {self.where}: {_first_line(exc)}") from None
        finally:
            if watchdog is not None:
                watchdog.cancel()
                if cut.is_set():  # (cut as the block ended: not used again)
                    self._local.conn = None

    def close(self) -> None:
        with self._lock:
            conns, self._all = self._all, []
        for conn in conns:
            try:
                conn.close()
            except Exception:  # noqa: BLE001 - closing a dead connection must not fail the caller
                pass
        self._local = threading.local()


def _cut(conn: Any, cut: threading.Event) -> None:
    """Shut the connection's socket down (from the watchdog's thread): the caller waiting on it wakes with a
    lost connection. (A duplicate of the descriptor is shut down: the same socket, closed by libpq as usual.)"""
    cut.set()
    try:
        with socket.socket(fileno=os.dup(conn.fileno())) as sock:
            sock.shutdown(socket.SHUT_RDWR)
    except Exception:  # noqa: BLE001 - closed already (OSError, psycopg.OperationalError): nothing to cut
        pass
