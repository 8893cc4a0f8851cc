"""House habits checked with every test run: ruff on everything, mypy on the core."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _tool(name: str) -> list[str]:
    if shutil.which(name):
        return [name]
    try:
        __import__(name)
    except ImportError:
        pytest.skip(f"{name} is not installed (it is in the test extra)")
    return [sys.executable, "-m", name]


def test_ruff_is_clean() -> None:
    out = subprocess.run([*_tool("ruff"), "check", "src", "tests", "bench", "tools"], cwd=REPO, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_mypy_is_clean_on_the_core() -> None:
    out = subprocess.run(
        [*_tool("mypy"), "src/tarjimon/core", "--ignore-missing-imports", "--no-error-summary"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stdout + out.stderr
