"""The real `tarjimon open` in a tmux terminal: type a Kazakh sentence, Enter, then quit or be killed.

Skipped where tmux is missing. Checks what a translator relies on: the export holds the confirmed target.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "kazinform-2026-01-05-uz.txt"
SENTENCE = "Президент: Қазақстан цифрлық мемлекетке айналуы керек"

pytestmark = pytest.mark.skipif(
    shutil.which("tmux") is None or not SEED.exists(), reason="needs tmux and the seed"
)


def tarjimon(projects: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tarjimon", "--projects-dir", str(projects), *args],
        capture_output=True,
        text=True,
        timeout=60,
    )


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, timeout=10).stdout


def wait_for(session: str, text: str, timeout: float = 15) -> str:
    limit = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < limit:
        screen = tmux("capture-pane", "-p", "-t", session)
        if text in screen:
            return screen
        time.sleep(0.1)
    raise AssertionError(f"{text!r} not on screen:\n{screen}")


@pytest.fixture
def seed(tmp_path: Path) -> Path:
    projects = tmp_path / "projects"
    assert tarjimon(projects, "new", "seed", "--source", "uz", "--targets", "kk,ru,en").returncode == 0
    assert tarjimon(projects, "import", "seed", str(SEED)).returncode == 0
    return projects


def start(projects: Path) -> str:
    session = f"tarjimon-{uuid.uuid4().hex[:8]}"
    command = f"{sys.executable} -m tarjimon --projects-dir {projects} open seed"
    tmux("new-session", "-d", "-s", session, "-x", "160", "-y", "45", command)
    wait_for(session, "segment 1")
    return session


def exported_msgstr(projects: Path, out: Path) -> str:
    result = tarjimon(projects, "export", "seed", "--format", "po", "--target", "kk", "-o", str(out))
    assert result.returncode == 0, result.stderr
    return "".join(p.read_text(encoding="utf-8") for p in out.glob("*.po"))


def test_type_enter_quit_then_export(seed: Path, tmp_path: Path) -> None:
    session = start(seed)
    try:
        assert "kk" in wait_for(session, "ru")
        tmux("send-keys", "-t", session, "-l", SENTENCE)
        tmux("send-keys", "-t", session, "Enter")
        wait_for(session, "segment 2")
        tmux("send-keys", "-t", session, "C-q")
        time.sleep(1.0)
    finally:
        tmux("kill-session", "-t", session)
    assert f'msgstr "{SENTENCE}"' in exported_msgstr(seed, tmp_path / "out")


def test_kill_9_keeps_the_confirmed_segment(seed: Path, tmp_path: Path) -> None:
    session = start(seed)
    try:
        tmux("send-keys", "-t", session, "-l", SENTENCE)
        tmux("send-keys", "-t", session, "Enter")
        screen = wait_for(session, "segment 2")
        pid = int(tmux("display-message", "-p", "-t", session, "#{pane_pid}").strip())
        os.kill(pid, signal.SIGKILL)
        time.sleep(0.3)
    finally:
        tmux("kill-session", "-t", session)
    assert f'msgstr "{SENTENCE}"' in exported_msgstr(seed, tmp_path / "out"), screen
