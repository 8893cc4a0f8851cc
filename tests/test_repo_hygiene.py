"""No absolute path of one machine anywhere in the repository (tests read ../shared relative to the repo)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# Written so that this file does not match itself.
MACHINE_PATH = re.compile("(?<![\\w.])/(?:" + "work|root|home" + ")/")
SKIP_DIRS = {".git", "__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache", "mutants", "build", "dist"}


def _tracked_files() -> list[Path]:
    if shutil.which("git") and (REPO / ".git").exists():
        done = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=False)
        if done.returncode == 0:
            return [REPO / name for name in done.stdout.decode("utf-8").split("\0") if name]
    return [
        p for p in REPO.rglob("*")
        if p.is_file() and not SKIP_DIRS.intersection(p.relative_to(REPO).parts) and ".egg-info" not in str(p)
    ]  # fmt: skip


def test_no_absolute_machine_path_in_the_repository() -> None:
    files = _tracked_files()
    assert len(files) > 50
    found = []
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, FileNotFoundError, IsADirectoryError):
            continue  # binary files (screenshots), or deleted in the work tree
        for number, line in enumerate(text.splitlines(), 1):
            if MACHINE_PATH.search(line):
                found.append(f"{path.relative_to(REPO)}:{number}: {line.strip()[:100]}")
    assert found == []


def test_the_pattern_finds_what_it_should() -> None:
    assert MACHINE_PATH.search('SEED = Path("' + "/wo" + 'rk/shared/seeds/x.txt")')
    assert MACHINE_PATH.search("cd " + "/ro" + "ot/src")
    assert not MACHINE_PATH.search("see docs/work/notes and https://example.org/home/")
