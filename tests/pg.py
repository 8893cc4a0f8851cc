"""A real PostgreSQL server for the tests that need one.

$TARJIMON_TEST_PG (set by .ci/run, which starts a throwaway cluster) names a server to use. Without it, a
throwaway cluster is started here the same way when PostgreSQL's binaries are on this machine (initdb on
PATH or under /usr/lib/postgresql/*/bin): in a temporary folder, on loopback, as the `postgres` user when
running as root (PostgreSQL refuses root), stopped when the test session ends. Otherwise the tests that
need a server skip, saying why.

Each test gets its own schema (`pg_url`): the URL carries `options=-csearch_path=<schema>`, so a backend
that names its tables unqualified works in it untouched.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

ENV = "TARJIMON_TEST_PG"


def pg_bin() -> Path | None:
    """The folder of initdb/pg_ctl, or None when PostgreSQL is not installed."""
    found = shutil.which("initdb")
    if found:
        return Path(os.path.realpath(found)).parent
    dirs = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda d: int(d.split("/")[-2]))
    return Path(dirs[-1]) if dirs and Path(dirs[-1], "initdb").exists() else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Cluster:
    """A throwaway PostgreSQL cluster in a temporary folder, on 127.0.0.1, trusting local connections."""

    def __init__(self, bindir: Path, port: int | None = None) -> None:
        self.bindir = bindir
        self.port = port or free_port()
        self.root = Path(tempfile.mkdtemp(prefix="tarjimon-pg-"))
        self.data = self.root / "data"
        self.user: str | None = None
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root
            self.user = "postgres"
            entry = pwd.getpwnam("postgres")
            os.chown(self.root, entry.pw_uid, entry.pw_gid)
        self.started = False

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(self.bindir / args[0]), *args[1:]], user=self.user, capture_output=True,
                              text=True, timeout=120, cwd=self.root)

    def init(self) -> None:
        done = self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8",
                         "--no-sync")
        if done.returncode:
            raise RuntimeError(f"initdb failed: {done.stderr.strip()[-300:]}")

    def start(self) -> None:
        if not self.data.exists():
            self.init()
        opts = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
        done = self._run("pg_ctl", "-D", str(self.data), "-o", opts, "-w", "-t", "60",
                         "-l", str(self.root / "log"), "start")
        if done.returncode:
            log = (self.root / "log").read_text(errors="replace")[-300:] if (self.root / "log").exists() else ""
            raise RuntimeError(f"pg_ctl start failed: {done.stderr.strip()[-300:]} {log}")
        self.started = True

    def stop(self) -> None:
        if self.started:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
            self.started = False

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)


def own_cluster() -> Iterator[Cluster]:
    """A cluster of a test's own (one it may stop, pause or kill), removed afterwards; the test skips, saying
    why, without PostgreSQL's binaries or when the cluster cannot start. For a fixture: `yield from`."""
    import pytest

    bindir = pg_bin()
    if bindir is None:
        pytest.skip("no PostgreSQL binaries to start a server of this test's own (apt-get install postgresql)")
    cluster = Cluster(bindir)
    try:
        cluster.start()
    except (RuntimeError, OSError) as exc:
        cluster.remove()
        pytest.skip(f"could not start a PostgreSQL cluster: {exc}")
    yield cluster
    cluster.remove()


def server() -> tuple[str | None, Cluster | None, str]:
    """(URL of a server, the cluster started for it or None, why there is none)."""
    url = os.environ.get(ENV)
    if url:
        return url, None, ""
    bindir = pg_bin()
    if bindir is None:
        return None, None, f"no PostgreSQL server: set {ENV} or install PostgreSQL (apt-get install postgresql)"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return None, None, "running as root and there is no `postgres` user to run PostgreSQL as"
    cluster = Cluster(bindir)
    try:
        cluster.start()
    except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
        cluster.remove()
        return None, None, f"could not start a PostgreSQL cluster: {exc}"
    return cluster.url, cluster, ""


def new_schema(url: str) -> tuple[str, str]:
    """A fresh schema on the server: (its name, a URL whose connections use it)."""
    import psycopg

    name = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {name}")
    sep = "&" if "?" in url else "?"
    return name, f"{url}{sep}options={quote('-csearch_path=' + name)}"


def drop_schema(url: str, name: str) -> None:
    import psycopg

    try:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA IF EXISTS {name} CASCADE")
    except psycopg.Error:
        pass


# The server of this test session, started (or found) once; schemas made for tests, dropped at the end.
_STATE: dict[str, object] = {}
_SCHEMAS: list[str] = []


def session_url() -> str:
    """The URL of this session's server; skips the calling test (saying why) when there is none."""
    import pytest

    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("psycopg is not installed (pip install 'psycopg[binary]')")
    if "url" not in _STATE:
        _STATE["url"], _STATE["cluster"], _STATE["why"] = server()
    if not _STATE["url"]:
        pytest.skip(str(_STATE["why"]))
    return str(_STATE["url"])


def schema_url() -> str:
    """A URL whose connections work in a fresh schema of this session's server (dropped at the end)."""
    base = session_url()
    name, url = new_schema(base)
    _SCHEMAS.append(name)
    return url


def finish() -> None:
    """Drop the schemas made and stop the cluster started (pytest_sessionfinish)."""
    url = _STATE.get("url")
    if url and _SCHEMAS:
        for name in _SCHEMAS:
            drop_schema(str(url), name)
        _SCHEMAS.clear()
    cluster = _STATE.get("cluster")
    if isinstance(cluster, Cluster):
        cluster.remove()
    _STATE.clear()
