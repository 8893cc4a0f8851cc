"""A confirmed target is on the disk when the confirm returns, not only in the operating system's cache.
The project database runs in WAL mode with synchronous=NORMAL: a commit survives a killed process (the kill
point tests) but the WAL is synced only at a checkpoint, so a power cut or a kernel crash could take back
every confirm since the last one (30 confirms in a row made 4 syncs, all at the close). A confirm now
commits with synchronous=FULL (the WAL synced at its commit); bulk writes keep NORMAL.

Seen with strace, counting the sync calls a real process makes: the sync is the whole point, and only the
kernel sees it."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tarjimon.core.workbench import Workbench

SRC = Path(__file__).resolve().parents[1] / "src"
CONFIRMS = """
import sys
from pathlib import Path
from tarjimon.core.workbench import Workbench
with Workbench.open(Path(sys.argv[1]), "p") as w:
    print("READY", flush=True)
    sys.stdin.readline()
    for i, seg in enumerate(w.segments()[:6]):
        w.save_target(seg.id, "ru", f"Предложение {i}.")
        print(f"CONFIRMED {i}", flush=True)
    sys.stdin.readline()
"""


@pytest.mark.skipif(shutil.which("strace") is None, reason="strace is not installed")
def test_each_confirm_is_synced_before_it_returns(tmp_path: Path) -> None:
    text = tmp_path / "a.txt"
    text.write_text(" ".join(f"Бу {n}-жумла." for n in range(8)) + "\n", encoding="utf-8")
    with Workbench.create(tmp_path / "projects", "p", "uz", ["ru"]) as w:
        w.import_file(text)
    log = tmp_path / "strace.txt"
    # -e inject is not needed: the trace records each sync with the marker writes around it (fd 1)
    proc = subprocess.Popen(["strace", "-f", "-qq", "-e", "trace=fsync,fdatasync,write", "-e", "signal=none",
                             "-o", str(log), sys.executable, "-c", CONFIRMS, str(tmp_path / "projects")],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                            env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"})  # fmt: skip
    assert proc.stdout is not None and proc.stdin is not None
    first = proc.stdout.readline()
    if not first.startswith("READY"):
        proc.kill()
        pytest.skip(f"strace could not trace here: {first!r}")
    proc.stdin.write("\n")
    proc.stdin.flush()
    for _ in range(6):
        assert proc.stdout.readline().startswith("CONFIRMED")
    proc.stdin.write("\n")
    proc.stdin.flush()
    proc.wait(timeout=60)
    lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    # between the go-ahead and the last CONFIRMED marker: at least one sync before each marker
    marks = [i for i, line in enumerate(lines) if re.search(r'write\(1, "CONFIRMED \d', line)]
    assert len(marks) == 6
    starts = [-1, *marks[:-1]]
    synced = [any(re.search(r"\b(fsync|fdatasync)\(", line) for line in lines[a + 1 : b])
              for a, b in zip(starts, marks, strict=True)]  # fmt: skip
    assert all(synced[1:]), synced  # (the first one's window includes the open)
