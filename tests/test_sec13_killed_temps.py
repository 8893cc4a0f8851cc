"""A glossary writer killed between writing its new file and renaming it (kill -9, the OOM killer) left its
whole temp copy beside the glossary for good (`.news.tsv.<hex>.tmp`: a 100 MB import left 100 MB, and
every later kill another). The next writer of that glossary, holding its lock, removes them; the glossary
itself is the old one, whole, as before."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"


def tarjimon(tmp_path: Path, *args: str, kill_at: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "TARJIMON_KILL_AT"}
    if kill_at:
        env["TARJIMON_KILL_AT"] = kill_at
    env["PYTHONPATH"] = f"{SRC}{os.pathsep}{env.get('PYTHONPATH', '')}"
    env["TARJIMON_GLOSSARIES"] = str(tmp_path / "glossaries")
    env["TARJIMON_PROJECTS"] = str(tmp_path / "projects")
    return subprocess.run([sys.executable, "-m", "tarjimon", *args], capture_output=True, text=True, timeout=120,
                          env=env, cwd=tmp_path)  # fmt: skip


def test_the_next_writer_removes_what_a_killed_writer_left(tmp_path: Path) -> None:
    assert tarjimon(tmp_path, "glossary", "add", "news", "--uz", "аҳоли", "--kk", "халық").returncode == 0
    folder = tmp_path / "glossaries"
    for word in ("вилоят", "туман"):
        killed = tarjimon(tmp_path, "glossary", "add", "news", "--uz", word, "--kk", "аудан", kill_at="file.replace")
        assert killed.returncode == -signal.SIGKILL
    left = sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))
    assert left and all(n.startswith(".news.tsv.") for n in left)  # (the second writer removed the first's)
    other = folder / ".other.tsv.0123456789ab.tmp"  # another glossary's: not this writer's to judge
    other.write_text("x", encoding="utf-8")
    assert tarjimon(tmp_path, "glossary", "add", "news", "--uz", "шаҳар", "--kk", "қала").returncode == 0
    assert sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp")) == [other.name]
    shown = (folder / "news.tsv").read_text(encoding="utf-8")
    assert "аҳоли" in shown and "шаҳар" in shown and "вилоят" not in shown
