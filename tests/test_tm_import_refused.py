"""A refused `tarjimon tm import` changes nothing: not the database's bytes, not its schema, even in a project
that had no TM yet (its tables used to be created before the file was read, and stayed, empty)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

HEAD = '<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="en"/><body>\n'
TU = '<tu><tuv xml:lang="en"><seg>Hello world {i}</seg></tuv><tuv xml:lang="{tl}"><seg>Text {i}</seg></tuv></tu>\n'
BAD_TU = '<tu><tuv xml:lang="en"><seg>x</seg></tuv><tuv xml:lang="ru"><seg>y</seg></tu>\n'  # </tuv> missing


def _tmx(path: Path, n: int, tl: str = "ru", bad: bool = False) -> Path:
    path.write_text(HEAD + "".join(TU.format(i=i, tl=tl) for i in range(n)) + (BAD_TU if bad else "")
                    + "</body></tmx>\n", encoding="utf-8")
    return path


def _refusals(tmp: Path) -> dict[str, tuple[Path, int]]:
    """kind: (file, the exit code `tm import` gives it); 0: read, nothing kept."""
    entities = tmp / "entities.tmx"
    entities.write_text('<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY e "x">]><tmx version="1.4"><header '
                        'srclang="en"/><body><tu><tuv xml:lang="en"><seg>&e;</seg></tuv><tuv xml:lang="ru"><seg>b'
                        '</seg></tuv></tu></body></tmx>', encoding="utf-8")
    external = tmp / "external.tmx"
    external.write_text('<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY e SYSTEM "file:///etc/passwd">]><tmx '
                        'version="1.4"><header srclang="en"/><body></body></tmx>', encoding="utf-8")
    fifo = tmp / "fifo.tmx"
    os.mkfifo(fifo)
    folder = tmp / "folder.tmx"
    folder.mkdir()
    huge = tmp / "huge.tmx"
    with open(huge, "wb") as f:  # sparse: no disk used
        f.truncate((8 << 30) + 1)
    no_tuv = tmp / "no_tuv_lang.tmx"
    no_tuv.write_text(HEAD + '<tu><tuv><seg>a</seg></tuv><tuv xml:lang="ru"><seg>b</seg></tuv></tu></body></tmx>',
                      encoding="utf-8")
    empty = tmp / "empty.tmx"
    empty.write_text(HEAD + "</body></tmx>", encoding="utf-8")
    not_xml = tmp / "binary.tmx"
    not_xml.write_bytes(b"\x00\x01\x02PK\x03\x04" * 100)
    return {
        "malformed": (_tmx(tmp / "malformed.tmx", 20, bad=True), 2),
        "entities": (entities, 2),
        "external entity": (external, 2),
        "fifo": (fifo, 2),
        "folder": (folder, 2),
        "huge": (huge, 2),
        "no language on a tuv": (no_tuv, 2),
        "not XML": (not_xml, 2),
        "missing": (tmp / "missing.tmx", 2),
        "wrong language pair": (_tmx(tmp / "en-de.tmx", 20, tl="de"), 0),
        "no units": (empty, 0),
    }


def _state(db: Path) -> tuple[bytes, list[tuple[str, str]]]:
    conn = sqlite3.connect(db)
    schema = sorted(conn.execute("SELECT name, COALESCE(sql, '') FROM sqlite_master"))
    conn.close()
    return db.read_bytes(), schema


@pytest.mark.parametrize("with_tm", [False, True], ids=["no TM yet", "a TM in use"])
def test_refused_tm_import_changes_nothing(cli, tmp_path: Path, with_tm: bool) -> None:  # type: ignore[no-untyped-def]
    assert cli("new", "p", "--source", "en", "--targets", "ru").code == 0
    if with_tm:
        assert cli("tm", "import", "p", str(_tmx(tmp_path / "first.tmx", 3))).code == 0
    db = tmp_path / "projects" / "p" / "project.db"
    before = _state(db)
    tables = {name for name, _ in before[1]}
    assert ("tm_units" in tables) == with_tm
    for kind, (path, code) in _refusals(tmp_path).items():
        r = cli("tm", "import", "p", str(path))
        assert r.code == code, (kind, r.err)
        if code:
            assert r.err.count("\n") == 1 and path.name in r.err and "Traceback" not in r.err, (kind, r.err)
        else:
            assert "0 units added" in r.out + r.err, (kind, r.out, r.err)
        assert _state(db) == before, kind
    # and the TM is made by the first import that adds units
    r = cli("tm", "import", "p", str(_tmx(tmp_path / "good.tmx", 5)), "--json")
    assert r.code == 0 and '"tm_units": 5' in r.out  # (the first file's three units are among these five)


def _parallel_project(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:  # type: ignore[no-untyped-def]
    """A new en->ru project whose TMX imports go the parallel way (two forked workers, whatever the size); its
    database's path."""
    pytest.importorskip("numpy")
    from tarjimon.core.tm.sqlite import parallel

    monkeypatch.setattr(parallel, "MIN_SIZE", 0)
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    monkeypatch.setattr(parallel, "START_METHOD", "fork")
    assert cli("new", "p", "--source", "en", "--targets", "ru").code == 0
    return tmp_path / "projects" / "p" / "project.db"


def test_refused_parallel_import_changes_no_table(cli, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The parallel import (a big file) switches the journal to a rollback journal and back: the header's
    change counter moves, nothing else (no table, no row, no other byte)."""
    db = _parallel_project(cli, tmp_path, monkeypatch)
    before = _state(db)

    def header_free(state: tuple[bytes, list[tuple[str, str]]]) -> tuple[bytes, list[tuple[str, str]]]:
        data = state[0]  # bytes 24-27 (file change counter) and 92-95 (version-valid-for) left out
        return data[:24] + data[28:92] + data[96:], state[1]

    for path, code in ((_tmx(tmp_path / "bad.tmx", 3000, bad=True), 2), (_tmx(tmp_path / "de.tmx", 3000, "de"), 0)):
        r = cli("tm", "import", "p", str(path))
        assert r.code == code, r.err
        assert header_free(_state(db)) == header_free(before), path.name
    r = cli("tm", "import", "p", str(_tmx(tmp_path / "good.tmx", 3000)), "--json")
    assert r.code == 0 and '"tm_units": 3000' in r.out


DATED_TU = ('<tu>\n <tuv xml:lang="en"><seg>Hello world {i}</seg></tuv>\n <tuv xml:lang="ru" changeid="a" changedate='
            '"20210816T014448Z" creationid="a" creationdate="2021081{d}T014448Z"><seg>Text {i}</seg></tuv>\n</tu>\n')
BAD_DATED = {  # a tu among dated ones (read as columns: tmx_dated) that XML refuses
    "a duplicate attribute": DATED_TU.replace('creationid="a"', 'creationdate="20200101T000000Z"'),
    "a date in an unclosed value": DATED_TU.replace('creationdate="2021081{d}T014448Z"', 'creationdate="20210816T014448Z'),
    "an unknown entity in a note": DATED_TU.replace("<tu>", "<tu><note>&bogus;</note>"),
    "a missing </tuv>": DATED_TU.replace("</seg></tuv>\n</tu>", "</seg>\n</tu>"),
}


@pytest.mark.parametrize("kind", list(BAD_DATED))
def test_refused_dated_tus_say_their_line(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
                                          kind: str) -> None:
    """A malformed tu among OmegaT-style dated tus (the fast reader's columns, tmx_dated) is refused with its
    file and line, exit 2, the database unchanged but its header's change counter."""
    db = _parallel_project(cli, tmp_path, monkeypatch)
    before = _state(db)[1]
    path = tmp_path / "dated.tmx"
    tus = [DATED_TU.format(i=i, d=i % 10) for i in range(3000)]
    tus[1700] = BAD_DATED[kind].format(i=1700, d=0)
    path.write_text(HEAD + "".join(tus) + "</body></tmx>\n", encoding="utf-8")
    line = 3 + 4 * 1700 + {"an unknown entity in a note": 0, "a missing </tuv>": 3}.get(kind, 2)  # (where libxml2 sees it)
    r = cli("tm", "import", "p", str(path))
    assert r.code == 2 and r.err.count("\n") == 1 and path.name in r.err and "Traceback" not in r.err, r.err
    assert f"{path.name}:{line}: malformed XML" in r.err, (r.err, line)
    assert _state(db)[1] == before
    good = path.with_name("good.tmx")
    good.write_text(HEAD + "".join(tus[:1700] + tus[1701:]) + "</body></tmx>\n", encoding="utf-8")
    r = cli("tm", "import", "p", str(good), "--json")
    assert r.code == 0 and '"tm_units": 2999' in r.out, r.out
