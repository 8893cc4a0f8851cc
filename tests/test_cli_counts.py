"""Counts in the CLI's sentences agree with their number: "1 unit added", "1 document", not "1 units added",
"1 documents" (seen by the eleventh session's walks)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from testkit import REPO

from tarjimon.core.text.counts import counted

TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en"
 srclang="uz" datatype="plaintext"/><body>
<tu><tuv xml:lang="uz"><seg>Birinchi gap.</seg></tuv><tuv xml:lang="kk"><seg>Бірінші сөйлем.</seg></tuv></tu>
</body></tmx>
"""


def test_counted_says_one_thing_and_many() -> None:
    assert [counted(n, "unit") for n in (0, 1, 2)] == ["0 units", "1 unit", "2 units"]
    assert counted(1, "entry", "entries") == "1 entry" and counted(3, "entry", "entries") == "3 entries"


def _cli(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"), TARJIMON_PROJECTS=str(tmp_path / "p"),
               TARJIMON_GLOSSARIES=str(tmp_path / "g"))  # fmt: skip
    return subprocess.run([sys.executable, "-m", "tarjimon", *args], env=env, cwd=tmp_path, capture_output=True,
                          text=True, check=False)  # fmt: skip


def test_one_unit_one_document_one_segment_are_said_so(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Birinchi gap.\n", encoding="utf-8")
    (tmp_path / "one.tmx").write_text(TMX, encoding="utf-8")
    assert _cli(tmp_path, "new", "story", "--source", "uz", "--targets", "kk").returncode == 0
    imported = _cli(tmp_path, "import", "story", "a.txt")
    assert "imported 1 segment" in imported.stderr + imported.stdout and "1 segments" not in imported.stderr + imported.stdout
    tm = _cli(tmp_path, "tm", "import", "story", "one.tmx")
    said = tm.stdout + tm.stderr
    assert "1 unit added, 0 duplicates" in said, said
    stats = _cli(tmp_path, "stats", "story").stdout
    assert "1 document, 1 segment, 2 words, 1 TM unit" in stats, stats
