"""A parallel TMX import cut into many parts gives the TM of the sequential import: the same units under the
same ids (a duplicate left out leaves no gap, whichever part it is in), the same postings per stem.

The main process numbers the units as it keeps them (tm/sqlite/parallel.py, partcopy.py): a part's units move
down past the duplicates of earlier parts and of the TM, in its packed batches, its units of the general code,
the streamed first part and the postings alike.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest

from tarjimon.core.store import Store
from tarjimon.core.tm.sqlite import parallel
from tarjimon.core.tm.sqlite.backend import SqliteMemory

HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" creationtoolversion="1"'
        ' segtype="sentence" o-tmf="t" adminlang="en" srclang="en" datatype="plaintext"/><body>\n')


def _tu(i: int) -> str:
    if i % 97 == 5:  # a note: the general code, one unit at a time
        return (f'<tu><note>n{i}</note><tuv xml:lang="en"><seg>Noted unit {i % 700}</seg></tuv>'
                f'<tuv xml:lang="ru"><seg>Заметка {i % 700}</seg></tuv></tu>\n')
    if i % 89 == 3:  # languages the other way round
        return f'<tu><tuv xml:lang="ru"><seg>Обратно {i}</seg></tuv><tuv xml:lang="en"><seg>Back {i}</seg></tuv></tu>\n'
    j = i % 1700  # duplicates inside a part and across parts
    return (f'<tu><tuv xml:lang="en"><seg>Plain unit {j} of the file, number {j % 13}</seg></tuv>'
            f'<tuv xml:lang="ru"><seg>Единица {j}</seg></tuv></tu>\n')


def _tm(db: Path) -> tuple[list[tuple[object, ...]], dict[str, list[tuple[int, int]]], tuple[int, int, int], int]:
    tm = SqliteMemory(Store(db))
    tm.add("Plain unit 900 of the file, number 3", "Единица 900", "en", "ru")  # the file holds it again
    tm.add("Plain unit 7 of the file, number 7", "Единица 7", "en", "ru")  # again in the (streamed) first part
    tm.add("Something else", "Другое", "en", "ru")
    r = tm.import_file(db.parent.parent / "f.tmx")
    conn = tm.store.conn
    units = [tuple(row) for row in conn.execute(
        "SELECT id, dedup, source_lang, target_lang, source_tag, target_tag, source, target, source_markup,"
        " target_markup, skey, ntok, context_prev, context_next, origin, notes, props, fuzzy FROM tm_units"
        " ORDER BY id")]
    postings: dict[str, list[tuple[int, int]]] = {}
    for tok, ids, lens in conn.execute("SELECT token, ids, lens FROM tm_postings"):
        postings.setdefault(tok, []).extend(zip(np.frombuffer(ids, dtype="<u4").tolist(),
                                                np.frombuffer(lens, dtype=np.uint8).tolist(), strict=True))
    return (units, {t: sorted(p) for t, p in postings.items()}, (r.added, r.duplicates, r.skipped),
            tm.last_import_stats.get("parts", 1))


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_many_parts_give_the_sequential_tm(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, method: str) -> None:
    (tmp_path / "f.tmx").write_text(HEAD + "".join(_tu(i) for i in range(4000)) + "</body></tmx>\n", "utf-8")
    (tmp_path / "seq").mkdir()
    (tmp_path / "par").mkdir()
    monkeypatch.setattr(parallel, "MIN_SIZE", 1 << 62)
    seq = _tm(tmp_path / "seq" / "p.db")
    monkeypatch.setattr(parallel, "MIN_SIZE", 0)
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    monkeypatch.setattr(parallel, "PART_BYTES", 1)  # as many parts as allowed: 7 and the tail
    monkeypatch.setattr(parallel, "START_METHOD", method)
    par = _tm(tmp_path / "par" / "p.db")
    assert (seq[3], par[3]) == (1, parallel.MAX_PARTS)
    assert par[2] == seq[2] and seq[2][1] > 2000  # added, duplicates (of the file and of the TM), skipped
    assert [u[0] for u in par[0]] == list(range(1, len(par[0]) + 1))  # dense ids
    assert par[0] == seq[0]
    assert par[1] == seq[1]


def test_the_import_alone_uses_a_rollback_journal_and_with_another_reader_the_wal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Store.bulk_journal: alone on the database, the import writes its new pages once (a rollback journal),
    then the database is in WAL mode again; with another connection open (the workbench), the WAL as before,
    and that reader sees the units once the import commits. The TM is the same either way."""
    (tmp_path / "f.tmx").write_text(HEAD + "".join(_tu(i) for i in range(3000)) + "</body></tmx>\n", "utf-8")
    monkeypatch.setattr(parallel, "MIN_SIZE", 0)
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    got = {}
    for how in ("alone", "reader"):
        (tmp_path / how).mkdir()
        db = tmp_path / how / "p.db"
        tm = SqliteMemory(Store(db))
        other = None
        if how == "reader":
            other = sqlite3.connect(db)
            assert other.execute("SELECT COUNT(*) FROM tm_units").fetchone()[0] == 0
        r = tm.import_file(tmp_path / "f.tmx")
        assert tm.last_import_stats["journal"] == ("delete" if how == "alone" else "wal")
        assert tm.store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        if other is not None:
            assert other.execute("SELECT COUNT(*) FROM tm_units").fetchone()[0] == r.added
            other.close()
        got[how] = [tuple(row) for row in tm.store.conn.execute("SELECT id, dedup, source, target, skey FROM tm_units"
                                                                " ORDER BY id")]
        tm.store.close()
    assert got["alone"] == got["reader"] and len(got["alone"]) > 1000
