"""A team server that lets a connection in and then never answers, and one whose migrations' lock is held: no
command and no workbench waits for it (twelfth session).

Found: a socket that speaks PostgreSQL's handshake (AuthenticationOk, ReadyForQuery) and then reads without
answering (a server paused with `kill -STOP` right after letting a connection in, a proxy in front of a frozen
machine) held `tarjimon tm status`, `tm connect`, `share`, `join` and the workbench's first lookup forever:
connect_timeout ends with the handshake, and the first exchange (the migrations' check) had no limit. So did a
colleague's migration that holds the advisory lock (its process paused). Now the first exchange has
ANSWER_TIMEOUT and a migration waits MIGRATION_WAIT for its lock; lookups fall back on the project's own TM.
Every server here is on loopback; every wait is bounded (subprocess timeouts, thread joins).
"""

from __future__ import annotations

import os
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pg
import pytest
from testkit import REPO

from tarjimon.core.workbench import Workbench
from tarjimon.core.workbench.backends import TEAM_PROJECT, TEAM_URL

pytest.importorskip("psycopg", reason="the team extra (psycopg) is not installed")


class Silent:
    """A loopback TCP server that takes connections and never answers (`handshake`: it first speaks PostgreSQL's
    startup exchange, letting the client in, and then never answers again)."""

    def __init__(self, handshake: bool) -> None:
        self.handshake = handshake
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = int(self.sock.getsockname()[1])
        self.url = f"postgresql://tester@127.0.0.1:{self.port}/newsroom"
        self.clients: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.sock.accept()
            except OSError:  # closed
                return
            self.clients.append(client)
            if self.handshake:
                threading.Thread(target=self._greet, args=(client,), daemon=True).start()

    def _greet(self, client: socket.socket) -> None:
        try:
            while True:
                size, code = struct.unpack("!ii", client.recv(8, socket.MSG_WAITALL))
                if code in (80877103, 80877104):  # SSLRequest, GSSENCRequest: "no"
                    client.sendall(b"N")
                    continue
                client.recv(size - 8, socket.MSG_WAITALL)  # the startup message
                break
            said = b"R" + struct.pack("!ii", 8, 0)  # AuthenticationOk
            for key, value in (("server_version", "15.0"), ("client_encoding", "UTF8"),
                               ("standard_conforming_strings", "on"), ("integer_datetimes", "on")):
                body = f"{key}\0{value}\0".encode()
                said += b"S" + struct.pack("!i", len(body) + 4) + body
            client.sendall(said + b"K" + struct.pack("!iii", 12, 4242, 1) + b"Z" + struct.pack("!i", 5) + b"I")
            while client.recv(65536):  # reads every query, answers none
                pass
        except OSError:
            pass

    def close(self) -> None:
        self.sock.close()
        for client in self.clients:
            client.close()


@pytest.fixture(params=[True, False], ids=["lets-in-then-silent", "accepts-never-answers"])
def silent(request: pytest.FixtureRequest) -> Iterator[Silent]:
    server = Silent(handshake=request.param)
    yield server
    server.close()


def _tarjimon(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "TARJIMON_PROJECTS": str(tmp_path / "projects")}
    return subprocess.run([sys.executable, "-m", "tarjimon", *args], env=env, cwd=tmp_path, capture_output=True,
                          text=True, timeout=90)  # (before the mend: no answer for as long as the server kept quiet)


def _project(tmp_path: Path, url: str | None) -> Workbench:
    art = tmp_path / "story.txt"
    art.write_text("Birinchi gap. Ikkinchi gap.\n", "utf-8")
    wb = Workbench.create(tmp_path / "projects", "story", "uz", ["kk"])
    wb.import_file(art)
    wb.save_target(wb.segments()[0].id, "kk", "Бірінші сөйлем.")
    if url:  # connected once, as `tm connect` leaves it; the server is the silent one from now on
        wb.config.settings[TEAM_URL] = url
        wb.config.settings[TEAM_PROJECT] = "story-1"
        wb.save_config()
    wb.close()
    return wb


def test_commands_that_need_the_server_end_with_one_line_naming_it(tmp_path: Path, silent: Silent) -> None:
    _project(tmp_path, None)
    toml = (tmp_path / "projects" / "story" / "project.toml").read_text("utf-8")
    where = f"tester@127.0.0.1:{silent.port}/newsroom"
    for args in (("tm", "connect", "story", silent.url), ("share", "story", silent.url),
                 ("join", silent.url, "other")):
        done = _tarjimon(tmp_path, *args)
        assert done.returncode == 2, (args, done.stderr)
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("tarjimon: ") and where in lines[0], (args, done.stderr)
        assert "unreachable" in lines[0]
    assert (tmp_path / "projects" / "story" / "project.toml").read_text("utf-8") == toml  # nothing changed
    assert not (tmp_path / "projects" / "other").exists()


def test_a_connected_project_works_on_its_own_tm_and_says_the_server_is_unreachable(
        tmp_path: Path, silent: Silent) -> None:
    _project(tmp_path, silent.url)
    status = _tarjimon(tmp_path, "tm", "status", "story")
    assert status.returncode == 0, status.stderr
    assert f"127.0.0.1:{silent.port}/newsroom is unreachable" in status.stdout + status.stderr
    found = _tarjimon(tmp_path, "tm", "search", "story", "Birinchi gap.", "--target", "kk")
    assert found.returncode == 0, found.stderr
    assert "Бірінші сөйлем." in found.stdout  # from the project's own TM
    assert "unreachable" in found.stderr


def test_a_first_connection_waits_for_a_held_migration_lock_only_so_long(
        pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A colleague's migration left holding the advisory lock (its process paused): the first connection to a
    server whose tables are not made yet says the server is busy, then makes them once the lock is free."""
    import psycopg

    from tarjimon.core.tm.postgres import schema
    from tarjimon.core.tm.postgres.backend import PgMemory
    from tarjimon.core.tm.postgres.connection import ServerUnreachable

    monkeypatch.setattr(schema, "MIGRATION_WAIT", 0.5)
    outcome: list[object] = []

    def first_connection() -> None:
        try:
            outcome.append(PgMemory(pg_url, "uz", ["kk"]))
        except Exception as exc:  # noqa: BLE001 - reported below
            outcome.append(exc)

    with psycopg.connect(pg_url, autocommit=True) as colleague:
        colleague.execute("SELECT pg_advisory_lock(%s)", (schema._LOCK_KEY,))
        thread = threading.Thread(target=first_connection, daemon=True)
        started = time.monotonic()
        thread.start()
        thread.join(60)  # (before the mend: for as long as the colleague held the lock)
        assert not thread.is_alive(), "the first connection waited for the held lock"
        assert time.monotonic() - started < 30
        colleague.execute("SELECT pg_advisory_unlock(%s)", (schema._LOCK_KEY,))
    assert len(outcome) == 1 and isinstance(outcome[0], ServerUnreachable), outcome
    assert "is busy" in str(outcome[0])
    memory = PgMemory(pg_url, "uz", ["kk"])  # the lock is free: the tables are made
    assert memory.count() == 0
    memory.close()


def test_a_migrated_server_is_not_locked_to_be_opened(pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A server with every migration is only read: the held lock does not matter (no translator waits for a
    colleague's `tm connect` to a new schema elsewhere on the same database)."""
    import psycopg

    from tarjimon.core.tm.postgres import schema
    from tarjimon.core.tm.postgres.backend import PgMemory

    PgMemory(pg_url, "uz", ["kk"]).close()
    monkeypatch.setattr(schema, "MIGRATION_WAIT", 0.5)
    with psycopg.connect(pg_url, autocommit=True) as colleague:
        colleague.execute("SELECT pg_advisory_lock(%s)", (schema._LOCK_KEY,))
        try:
            memory = PgMemory(pg_url, "uz", ["kk"])
            assert memory.schema_version == len(schema.MIGRATIONS)
            memory.close()
        finally:
            colleague.execute("SELECT pg_advisory_unlock(%s)", (schema._LOCK_KEY,))


@pytest.fixture
def own_cluster() -> Iterator[pg.Cluster]:
    yield from pg.own_cluster()


def _processes(cluster: pg.Cluster) -> list[int]:
    """The cluster's postmaster and its children (its own processes only)."""
    main = int((cluster.data / "postmaster.pid").read_text().split()[0])
    children = subprocess.run(["pgrep", "-P", str(main)], capture_output=True, text=True).stdout.split()
    return [main, *map(int, children)]


def test_a_stopped_server_costs_a_command_its_timeouts_only(tmp_path: Path, own_cluster: pg.Cluster) -> None:
    """The whole server paused (`kill -STOP`): `tm status` reports it unreachable, `tm push` ends with one line
    and exit 2; when it is resumed, the queued target arrives."""
    _project(tmp_path, None)
    connected = _tarjimon(tmp_path, "tm", "connect", "story", own_cluster.url)
    assert connected.returncode == 0, connected.stderr
    stopped = _processes(own_cluster)
    for pid in stopped:
        os.kill(pid, signal.SIGSTOP)
    try:
        status = _tarjimon(tmp_path, "tm", "status", "story")
        push = _tarjimon(tmp_path, "tm", "push", "story")
        with Workbench.open(tmp_path / "projects", "story") as paused:
            paused.save_target(paused.segments()[1].id, "kk", "Екінші сөйлем.")
            queued = paused.delivery.pending()
    finally:
        for pid in stopped:
            os.kill(pid, signal.SIGCONT)
    assert status.returncode == 0 and "is unreachable" in status.stdout + status.stderr, status
    assert push.returncode == 2 and len(push.stderr.strip().splitlines()) == 1, push.stderr
    assert f"127.0.0.1:{own_cluster.port}/postgres" in push.stderr
    assert queued == 1
    with Workbench.open(tmp_path / "projects", "story") as back:  # opening delivers what was queued
        assert back.delivery.pending() == 0
    import psycopg

    with psycopg.connect(own_cluster.url) as conn:
        got = {r[0] for r in conn.execute("SELECT target FROM tm_units")}
    assert "Екінші сөйлем." in got
