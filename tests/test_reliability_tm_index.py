"""The TM's search index stays the size of the TM on re-import; no scratch left by a killed import (item 2)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tarjimon.core.store import Store
from tarjimon.core.tm.sqlite.backend import SqliteMemory as TranslationMemory


def _tmx(path: Path, n: int, start: int = 0) -> None:
    with open(path, "w", encoding="utf-8") as f:
        f.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="en" creationtool="t" '
            'creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" datatype="plaintext"/><body>\n'
        )
        for i in range(start, start + n):
            f.write(
                f'<tu><tuv xml:lang="en"><seg>Unit number {i} about things {i % 7}</seg></tuv>'
                f'<tuv xml:lang="ru"><seg>Единица {i}</seg></tuv></tu>\n'
            )
        f.write("</body></tmx>\n")  # fmt: skip


def _postings(tm: TranslationMemory) -> tuple[int, set[int]]:
    """(posting entries, unit ids the index points at)."""
    entries, ids = 0, set()
    for (blob,) in tm.store.conn.execute("SELECT ids FROM tm_postings"):
        from array import array

        a = array("I")
        a.frombytes(blob)
        entries += len(a)
        ids.update(a)
    return entries, ids


@pytest.mark.parametrize("parallel_on", [False, True])
def test_reimport_same_tmx_keeps_index_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parallel_on: bool
) -> None:
    from tarjimon.core.tm.sqlite import parallel

    if parallel_on:
        pytest.importorskip("numpy")
        monkeypatch.setattr(parallel, "MIN_SIZE", 0)
        monkeypatch.setattr(parallel, "workers", lambda: 2)
        monkeypatch.setattr(parallel, "START_METHOD", "fork")
    src = tmp_path / "a.tmx"
    _tmx(src, 3000)
    tm = TranslationMemory(Store(tmp_path / "p.db"), "en", ["ru"])
    tm.import_file(src)
    if parallel_on:
        assert tm.last_import_stats.get("workers") == 2
    first = _postings(tm)
    for _ in range(2):
        r = tm.import_file(src)
        assert r.added == 0
    assert _postings(tm) == first
    # a file half new, half known: the index grows by the new half only and points only at real units
    more = tmp_path / "b.tmx"
    _tmx(more, 3000, start=1500)
    assert tm.import_file(more).added == 1500
    entries, ids = _postings(tm)
    units = {r[0] for r in tm.store.conn.execute("SELECT id FROM tm_units")}
    assert ids <= units
    assert tm.count() == len(units) == 4500
    assert entries < first[0] * 1.6
    assert tm.lookup("Unit number 4400 about things 4", "ru")[0].score == 100


def test_killed_import_scratch_folder_is_swept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("numpy")
    from tarjimon.core.tm.sqlite import parallel

    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    pid = int(dead.stdout)
    left = tmp_path / f".tm-import-{pid}-abc123"
    left.mkdir()
    (left / "part0.db").write_bytes(b"x" * 1000)
    monkeypatch.setattr(parallel, "MIN_SIZE", 0)
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    src = tmp_path / "a.tmx"
    _tmx(src, 500)
    tm = TranslationMemory(Store(tmp_path / "p.db"), "en", ["ru"])
    tm.import_file(src)
    assert not left.exists()
    assert not list(tmp_path.glob(".tm-import-*"))
