"""A wrong URL or wrong credentials for the team server: one line, exit 2, and never a password echoed (found
trying it as a user, tenth session: `share NAME 'host=db password=...'` printed the password back in its
"not a PostgreSQL URL" message, a malformed URL was quoted whole, and wrong credentials were reported as "the
TM server is unreachable")."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from testkit import one_line_error

from tarjimon.core.workbench import Workbench

pytest.importorskip("psycopg", reason="the team extra (psycopg) is not installed")

SECRET = "hunter2-Secret"


@pytest.fixture
def project(tmp_path: Path) -> None:
    (tmp_path / "s.txt").write_text("Birinchi gap.\n", encoding="utf-8")
    with Workbench.create(tmp_path / "projects", "s", "uz", ["kk"]) as wb:
        wb.import_file(tmp_path / "s.txt")


@pytest.mark.parametrize("url", [
    f"host=127.0.0.1 password={SECRET}",
    f"http://aigerim:{SECRET}@db.example/newsroom",
    f"postgresql://aigerim:{SECRET}@[::1/newsroom",
    f"postgresql://aigerim@[::1/newsroom?password={SECRET}",
    f"postgresql://aigerim:{SECRET}@127.0.0.1/newsroom",
])
def test_a_bad_url_is_refused_without_echoing_its_password(url: str, cli: Callable, project: None) -> None:
    for command in (["share", "s", url], ["join", url, "s2"], ["tm", "connect", "s", url]):
        done = cli(*command)
        assert done.code == 2, (command, done.err)
        line = one_line_error(done.err)
        assert SECRET not in line and SECRET not in done.out
        assert "URL" in line


def test_a_role_the_server_does_not_know_is_a_refused_login_not_an_unreachable_server(
        cli: Callable, project: None, pg_server: str) -> None:
    parts = urlsplit(pg_server)
    stranger = urlunsplit(parts._replace(netloc=f"no_such_translator@{parts.hostname}:{parts.port}"))
    done = cli("share", "s", stranger)
    assert done.code == 2
    line = one_line_error(done.err, "refused the login", "no_such_translator", "~/.pgpass")
    assert "unreachable" not in line


def test_a_tls_mode_libpq_does_not_know_is_a_bad_url_not_an_unreachable_server(cli: Callable, project: None) -> None:
    """Found trying TLS URL parameters (eleventh session): `?sslmode=requir` was reported as "the TM server ...
    is unreachable (connection is bad: invalid sslmode value)", sending the translator to look for a server
    that is up. (No server is asked: the port is closed.)"""
    url = "postgresql://aigerim@127.0.0.1:1/newsroom?sslmode=requir"
    for command in (["share", "s", url], ["tm", "connect", "s", url]):
        done = cli(*command)
        assert done.code == 2
        line = one_line_error(done.err, "bad PostgreSQL URL", "sslmode must be one of", "verify-full")
        assert "unreachable" not in line
