"""A newsroom setting the team server up gets told what is wrong with it (found walking it through as an admin,
thirteenth session): a missing database was "the TM server is unreachable", a role named by `-crole` that
does not exist sent the translator to check their password, a database or schema the role may not create
tables in said only "permission denied for schema public"; and a server migrated further by a newer Tarjimon
on another desk was used without a word. One line, exit 2, nothing saved."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

import psycopg
import pytest
from testkit import one_line_error

from tarjimon.core.workbench import Workbench


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "s.txt").write_text("Birinchi gap.\n", encoding="utf-8")
    with Workbench.create(tmp_path / "projects", "s", "uz", ["kk"]) as wb:
        wb.import_file(tmp_path / "s.txt")
    return tmp_path / "projects" / "s" / "project.toml"


def _with(url: str, *, path: str | None = None, user: str | None = None, query: str | None = None) -> str:
    parts = urlsplit(url)
    netloc = f"{user}@{parts.hostname}:{parts.port}" if user else parts.netloc
    return urlunsplit(parts._replace(netloc=netloc, path=path if path is not None else parts.path,
                                     query=query if query is not None else parts.query))


@pytest.fixture
def translator(pg_server: str) -> Iterator[str]:
    """A translator's role that may log in, and create nothing in the server's `postgres` database."""
    name = f"t13_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f"CREATE ROLE {name} LOGIN")
    yield name
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f"DROP ROLE IF EXISTS {name}")


def _refused(cli: Callable, toml: Path, url: str, *needles: str) -> str:
    before = toml.read_text("utf-8")
    for command in (["tm", "connect", "s", url], ["share", "s", url]):
        done = cli(*command)
        assert done.code == 2, (command, done.err)
        line = one_line_error(done.err, *needles)
    assert toml.read_text("utf-8") == before
    return line


def test_a_missing_database_is_named(cli: Callable, project: Path, pg_server: str) -> None:
    line = _refused(cli, project, _with(pg_server, path="/no_such_newsroom"), "has no database 'no_such_newsroom'")
    assert "unreachable" not in line and "pgpass" not in line


def test_a_missing_team_role_is_named(cli: Callable, project: Path, pg_server: str) -> None:
    url = _with(pg_server, query="options=" + quote("-crole=no_such_team"))
    line = _refused(cli, project, url, "has no role 'no_such_team'", "-crole")
    assert "password" not in line


def test_no_right_to_create_the_tables_points_to_the_setup(cli: Callable, project: Path, pg_server: str,
                                                           translator: str) -> None:
    _refused(cli, project, _with(pg_server, user=translator), "permission denied for schema public",
             "docs/team.md")
    url = _with(pg_server, query="options=" + quote("-csearch_path=no_such_schema"))
    _refused(cli, project, url, "no schema has been selected", "docs/team.md")


def test_a_server_a_newer_tarjimon_migrated_is_used_and_said(cli: Callable, project: Path, pg_url: str) -> None:
    assert cli("tm", "connect", "s", pg_url).code == 0
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("INSERT INTO schema_migrations (component, version) VALUES ('tm', 99)")
    status = json.loads(cli("tm", "status", "s", "--json").out)
    assert status["online"] and status["schema_version"] == 99
    assert "schema version 99, newer than this Tarjimon knows (1): upgrade Tarjimon" in status["warning"]
    assert "upgrade Tarjimon on this desk" in cli("tm", "status", "s").out
