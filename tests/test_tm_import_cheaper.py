"""The twelfth session's cheaper steps of the parallel TMX import decide exactly what the old ones did.

- tmx_check.chars_ok checks UTF-8 a piece at a time and finds "]]>" with numpy: it refuses what the plain
  definition refuses (one decode of the whole text, `b"]]>" in raw`), also when a UTF-8 sequence or "]]>"
  is cut between two pieces;
- batchkeys._plain_ascii_all replaces the ASCII-like punctuation of many texts at once: each text as
  _plain_ascii gives it alone;
- writeback.EarlyWriteback sends the database's pages to the disk during a big import, through SQLite's own
  descriptor of the file: found, used, never closed, and the TM is the one the import would give without it.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tarjimon.core.formats import tmx_check
from tarjimon.core.store import Store
from tarjimon.core.tm.sqlite import batchkeys, parallel, writeback
from tarjimon.core.tm.sqlite.backend import SqliteMemory

# bytes that make or break what chars_ok looks at: "]" and ">", controls, UTF-8 leads and continuations,
# whole characters of 2, 3 and 4 bytes, U+FFFE/U+FFFF, a surrogate's encoding
_PIECES = [b"a", b" ", b"]", b">", b"\n", b"\t", b"\x01", b"\x1f", b"\x7f", b"\xef", b"\xbf", b"\xbe", b"\xd0",
           b"\x90", b"\xe2", b"\x80", b"\xa6", b"\xed", b"\xa0", b"\xf0", b"\x9f", b"\xc0", b"\xc1", b"\xf4", b"\x8f",
           b"\xf5", b"\xff", "ж".encode(), "…".encode(), "😀".encode(), "\ufffe".encode(), "\uffff".encode(),
           b"]]>", b"]]", "\ud800".encode("utf-8", "surrogatepass")]


def _reference(raw: bytes) -> bool:
    """chars_ok as it was defined before the twelfth session."""
    if raw.translate(None, tmx_check._NOT_CONTROL) or b"]]>" in raw:
        return False
    if b"\xef\xbf\xbe" in raw or b"\xef\xbf\xbf" in raw:
        return False
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=24), st.sampled_from([1, 2, 3, 5, 32768]))
def test_chars_ok_decides_as_the_plain_definition(pieces: list[bytes], size: int) -> None:
    raw = b"".join(pieces)
    old = tmx_check.PIECE
    tmx_check.PIECE = size  # small pieces: sequences and "]]>" cut between them
    try:
        assert tmx_check.chars_ok(raw) == _reference(raw), (raw, size)
    finally:
        tmx_check.PIECE = old


def test_chars_ok_on_long_text_cut_in_pieces() -> None:
    good = ("Перетащите ] > ]] 😀 … " * 4000).encode()
    assert len(good) > 3 * tmx_check.PIECE and tmx_check.chars_ok(good)
    for at in (tmx_check.PIECE - 1, tmx_check.PIECE, 2 * tmx_check.PIECE + 1):
        assert not tmx_check.chars_ok(good[:at] + b"]]>" + good[at:])
        assert not tmx_check.chars_ok(good[:at] + b"\xd0" + good[at:])  # a lead byte without its continuation
    assert not tmx_check.chars_ok(good + b"\xe2\x80")  # cut at the end


_TEXTS = st.text(alphabet=st.sampled_from(list("ab 1'\x00") + list(batchkeys._AS_ASCII) + ["é", "ж", "x"]),
                 max_size=12)


@settings(max_examples=500, deadline=None)
@given(st.lists(_TEXTS, min_size=1, max_size=8))
def test_plain_ascii_all_is_plain_ascii_of_each(texts: list[str]) -> None:
    assert batchkeys._plain_ascii_all(texts) == [batchkeys._plain_ascii(t) for t in texts]
    raw = [t.encode("utf-8") for t in texts]
    assert batchkeys._plain_ascii_all(raw) == [batchkeys._plain_ascii(t) for t in raw]


def test_sqlite_fd_is_the_connection_s_own(tmp_path: Path) -> None:
    store = Store(tmp_path / "p.db")
    store.conn.execute("CREATE TABLE t (x)")
    fd = writeback.sqlite_fd(store.path)
    assert fd is not None and os.path.samefile(f"/proc/self/fd/{fd}", store.path)
    early = writeback.EarlyWriteback(store.path)
    early.kick()
    early.wait()
    assert early.kicks == 1
    store.conn.execute("INSERT INTO t VALUES (1)")  # SQLite's descriptor and locks are still its own
    assert store.conn.execute("SELECT x FROM t").fetchall()[0][0] == 1
    assert writeback.sqlite_fd(tmp_path / "none.db") is None


HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" creationtoolversion="1"'
        ' segtype="sentence" o-tmf="t" adminlang="en" srclang="en" datatype="plaintext"/><body>\n')


def _units(db: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT * FROM tm_units ORDER BY id").fetchall()
    rows += conn.execute("SELECT token, part, ids, lens FROM tm_postings ORDER BY token, part").fetchall()
    return [tuple(r[:-2]) if len(r) == 21 else tuple(r) for r in rows]  # (the import's time stamps aside)


def test_parallel_import_with_early_writeback_gives_the_same_tm(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    tmx = tmp_path / "f.tmx"
    tmx.write_text(HEAD + "".join(
        f'<tu><tuv xml:lang="en"><seg>Unit {i % 900} of “the” file — {i % 7}</seg></tuv>'
        f'<tuv xml:lang="ru"><seg>Единица {i % 900} ]] &gt; {i}</seg></tuv></tu>\n' for i in range(3000))
        + "</body></tmx>\n", "utf-8")
    monkeypatch.setattr(parallel, "MIN_SIZE", 0)
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    monkeypatch.setattr(parallel, "PART_BYTES", 1)
    got = {}
    for name, early in (("with", True), ("without", False)):
        if not early:
            monkeypatch.setattr(writeback, "sqlite_fd", lambda path: None)
        (tmp_path / name).mkdir()
        tm = SqliteMemory(Store(tmp_path / name / "p.db"))
        assert tm.import_file(tmx).added == 3000
        stats = tm.last_import_stats
        assert stats["parts"] > 2 and (stats["early_syncs"] > 0) == early
        tm.store.conn.close()
        got[name] = _units(tmp_path / name / "p.db")
    assert got["with"] == got["without"]


_SAME_FILE = r"""
import sqlite3, sys
from pathlib import Path
from tarjimon.core.store import Store
from tarjimon.core.tm.sqlite import parallel
from tarjimon.core.tm.sqlite.backend import SqliteMemory
if sys.argv[3] == "parallel":
    parallel.MIN_SIZE, parallel.PART_BYTES, parallel.workers = 0, 1, lambda: 2
else:
    parallel.MIN_SIZE = 1 << 62
SqliteMemory(Store(Path(sys.argv[1]))).import_file(Path(sys.argv[2]))
rows = sqlite3.connect(sys.argv[1]).execute("SELECT rowid, token, part, ids, lens FROM tm_postings ORDER BY rowid")
print(repr([(r[0], r[1], r[2], r[3].hex(), r[4].hex()) for r in rows]))
"""


@pytest.mark.parametrize("how", ["parallel", "sequential"])
def test_the_same_file_gives_the_same_posting_rows_whatever_the_hash_seed(tmp_path: Path, how: str) -> None:
    """A stem gets its code (parallel: one not ASCII) or its vocabulary id (sequential) when first seen; the
    stems of a text came from a set, whose order is Python's string hash, random per process: the posting rows
    were stored in another order (other rowids) by each import of the same file. Now in a sorted order."""
    import subprocess
    import sys

    tmx = tmp_path / "f.tmx"
    words = ["brčko", "järva", "české", "budějovice", "ibañez", "aisén", "wādī", "jadīd", "ngöbe", "buglé"]
    tmx.write_text(HEAD + "".join(
        f'<tu><tuv xml:lang="en"><seg>{" ".join(words[(i + k) % 10] for k in range(5))} {i}</seg></tuv>'
        f'<tuv xml:lang="ru"><seg>Единица {i}</seg></tuv></tu>\n' for i in range(400)) + "</body></tmx>\n", "utf-8")
    src = str(Path(__file__).resolve().parents[1] / "src")
    got = []
    for seed in ("1", "2", "3"):
        env = dict(os.environ, PYTHONPATH=src, PYTHONHASHSEED=seed)
        out = subprocess.run([sys.executable, "-c", _SAME_FILE, str(tmp_path / f"{seed}.db"), str(tmx), how], env=env,
                             capture_output=True, text=True, check=True)
        got.append(out.stdout)
    assert got[0] == got[1] == got[2]
