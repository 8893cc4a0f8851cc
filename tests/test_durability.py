"""Nothing lost: kill -9 at any moment keeps every confirmed target and a readable project."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tarjimon.core.workbench import Workbench

WRITER = r"""
import sys
from pathlib import Path
from tarjimon.core.workbench import Workbench
p = Workbench.open(Path(sys.argv[1]), "kill")
segs = p.segments()
i = 0
while True:
    seg = segs[i % len(segs)]
    p.save_target(seg.id, "kk", f"нұсқа {i}")
    print(seg.id, i, flush=True)
    i += 1
"""

IMPORTER = r"""
import sys
from pathlib import Path
from tarjimon.core.workbench import Workbench
p = Workbench.open(Path(sys.argv[1]), "kill")
print("start", flush=True)
p.import_file(Path(sys.argv[2]))
print("done", flush=True)
"""


def _project(tmp_path: Path, sentences: int) -> Path:
    p = Workbench.create(tmp_path, "kill", "uz", ["kk"])
    f = tmp_path / "a.txt"
    f.write_text(" ".join(f"Бу {i}-гап." for i in range(sentences)) + "\n", encoding="utf-8")
    p.import_file(f)
    p.close()
    return f


def test_kill_during_saves_loses_no_confirmed_target(tmp_path: Path) -> None:
    _project(tmp_path, 20)
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    last: dict[int, int] = {}
    for _ in range(150):
        seg_id, i = map(int, proc.stdout.readline().split())
        last[seg_id] = i
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    # Whatever the child printed was confirmed before it died; later saves may or may not be there.
    conn = sqlite3.connect(tmp_path / "kill" / "project.db")
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    with Workbench.open(tmp_path, "kill") as p:
        for seg_id, i in last.items():
            text = p.translation(seg_id, "kk").text
            assert int(text.split()[1]) >= i


def test_kill_during_import_leaves_project_as_before(tmp_path: Path) -> None:
    _project(tmp_path, 3)
    big = tmp_path / "big.txt"
    big.write_text("\n".join(f"Бу {i}-хатбоши. Унда иккинчи гап бор." for i in range(30000)), encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-c", IMPORTER, str(tmp_path), str(big)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "start"
    time.sleep(0.8)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with Workbench.open(tmp_path, "kill") as p:
        names = [d.name for d in p.documents()]
        segments = len(p.segments())
    # Either the import finished before the kill or it left nothing behind.
    assert (names, segments) in ((["a.txt"], 3), (["a.txt", "big.txt"], 60003))
