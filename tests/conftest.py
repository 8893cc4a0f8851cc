"""Fixtures shared by the whole suite."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest
from testkit import REPO, SEED, SHARED, one_line_error  # noqa: F401  (re-exported)

# The editor loads Hunspell dictionaries in a background thread (seconds of pure Python) on its first QA check;
# in the test suite that load would run on into the next tests and skew their timing (snapshots). The spelling
# tests use the CLI/workbench path, which loads them in the foreground.
os.environ.setdefault("TARJIMON_EDITOR_SPELLING", "0")
# Parsed dictionaries are not kept in the user's cache folder by the suite (tests/test_qa_spelling_cache.py turns
# the cache on in a temporary XDG_CACHE_HOME of its own).
os.environ.setdefault("TARJIMON_SPELLING_CACHE", "0")


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not here")
    return SHARED


@pytest.fixture
def seed_file() -> Path:
    if not SEED.is_file():
        pytest.skip("the seed article in ../shared is not here")
    return SEED


@pytest.fixture
def seed_project(tmp_path: Path):  # type: ignore[no-untyped-def]
    """The seed article in a project "seed" (uz -> kk, ru, en), locked as the workbench locks it."""
    from testkit import seed_workbench

    proj = seed_workbench(tmp_path, ("kk", "ru", "en"))
    proj.lock()
    yield proj
    proj.close()


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., CliResult]:
    """Run `tarjimon ARGS` in-process with projects and glossaries under tmp_path."""
    from tarjimon.cli.main import main

    monkeypatch.setenv("TARJIMON_PROJECTS", str(tmp_path / "projects"))
    monkeypatch.setenv("TARJIMON_GLOSSARIES", str(tmp_path / "glossaries"))
    monkeypatch.chdir(tmp_path)

    def run(*args: str, stdin: str | None = None) -> CliResult:
        out, err = io.StringIO(), io.StringIO()
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8"))))
        with redirect_stdout(out), redirect_stderr(err):
            code = main([str(a) for a in args])
        return CliResult(code, out.getvalue(), err.getvalue())

    return run


# A real PostgreSQL server (tests/pg.py): $TARJIMON_TEST_PG, or a throwaway cluster started once per session.
@pytest.fixture(scope="session")
def pg_server() -> str:
    """The URL of a PostgreSQL server (skips, saying why, when there is none and none can be started)."""
    import pg

    return pg.session_url()


@pytest.fixture
def pg_url(pg_server: str) -> str:
    """A URL of the test server whose connections work in a fresh schema of their own."""
    import pg

    return pg.schema_url()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if "pg" in sys.modules:
        sys.modules["pg"].finish()


# CI runs must not turn red on a new random example: there, hypothesis explores the same examples every run
# (locally it keeps exploring, and its database replays any failure it found).
try:
    import os

    from hypothesis import settings as _hypothesis_settings

    _hypothesis_settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
    if os.environ.get("CI"):
        _hypothesis_settings.load_profile("ci")
except ImportError:  # pragma: no cover - hypothesis is in the test extra
    pass
