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

# The editor loads Hunspell dictionaries in a background thread (seconds of pure Python) on its first QA check;
# in the test suite that load would run on into the next tests and skew their timing (snapshots). The spelling
# tests use the CLI/workbench path, which loads them in the foreground.
os.environ.setdefault("TARJIMON_EDITOR_SPELLING", "0")

REPO = Path(__file__).resolve().parents[1]
# ../shared beside the repository: real files from other tools. Tests that need it skip where it is missing.
SHARED = REPO.parent / "shared"
SEED = SHARED / "seeds" / "kazinform-2026-01-05-uz.txt"


@dataclass
class CliResult:
    code: int
    out: str
    err: str


def one_line_error(err: str, *needles: object) -> str:
    """Assert stderr is exactly one line, `tarjimon: ...`, holding each of `needles`; return it."""
    lines = err.splitlines()
    assert len(lines) == 1 and err.endswith("\n"), err
    assert lines[0].startswith("tarjimon: "), err
    for needle in needles:
        assert str(needle) in lines[0], (needle, err)
    return lines[0]


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
