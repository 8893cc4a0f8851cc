"""The parallel import's fast reader (formats/tmx_fast.py) gives exactly what the normal lxml reader gives.

Each part of a file is imported twice by the worker, once with the fast reader and once with the normal
streaming reader (partworker.FAST = False), and the scratch databases are compared row by row: units,
profiles (languages, tags, context, notes, props, dates), postings, counts and hashes. Every TMX fixture here
and in ../shared/data/interop/tmx is tried, plus generated files holding the unusual cases next to plain tus.
"""

from __future__ import annotations

import mmap
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from tarjimon.core.errors import TarjimonError
from tarjimon.core.formats import tmx, tmx_check, tmx_fast
from tarjimon.core.store import Store
from tarjimon.core.tm.sqlite import parallel as par
from tarjimon.core.tm.sqlite import partcopy, partworker
from tarjimon.core.tm.sqlite.backend import SqliteMemory
from tarjimon.core.tm.sqlite.schema import TM_MIGRATIONS

DATA = Path(__file__).parent / "data" / "tm"
SHARED_TMX = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "interop" / "tmx"
HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" creationtoolversion="1"'
        ' segtype="sentence" o-tmf="t" adminlang="en"{src} datatype="plaintext"/><body>\n')


def _plain(i: int) -> str:
    return f'<tu><tuv xml:lang="en"><seg>Plain unit {i} of the file</seg></tuv><tuv xml:lang="ru"><seg>Единица {i}</seg></tuv></tu>\n'


ODD = [
    '<tu><tuv xml:lang="en"><seg>Drag &amp; drop &lt;b&gt; &quot;x&quot; &apos;y&apos; &#x41;&#66; a&#13;b&#10;c</seg></tuv>'
    '<tuv xml:lang="ru"><seg>Перетащите &amp; &#x1F600;</seg></tuv></tu>\n',
    '<tu><tuv xml:lang="en"><seg>Two\r\nlines\rhere</seg></tuv><tuv xml:lang="ru"><seg>Две\r\nстроки</seg></tuv></tu>\n',
    '<tu tuid="7" srclang="ru"><tuv xml:lang="en"><seg>Attributes</seg></tuv><tuv xml:lang="ru"><seg>Атрибуты</seg></tuv></tu>\n',
    '<tu><tuv lang="EN-US"><seg>Old lang</seg></tuv><tuv lang="ru-RU"><seg>Старый</seg></tuv></tu>\n',
    '<tu><tuv xml:lang="en" creationdate="20200101T101010Z"><seg>Dated</seg></tuv><tuv xml:lang="ru"'
    ' changedate="20210101T101010Z"><seg>Датировано</seg></tuv></tu>\n',
    '<tu><tuv xml:lang="en"><seg/></tuv><tuv xml:lang="ru"><seg></seg></tuv></tu>\n',
    '<tu><tuv xml:lang="en"><seg>  spaced\tout  </seg></tuv><tuv xml:lang="ru"><seg> пробелы </seg></tuv></tu>\n',
    '<tu><tuv xml:lang="en"><seg>Press <bpt i="1" x="1">&lt;b&gt;</bpt>Save<ept i="1">&lt;/b&gt;</ept> <ph x="2"/>'
    '<hi x="3">now</hi></seg></tuv><tuv xml:lang="ru"><seg>Нажмите <bpt i="1">&lt;b&gt;</bpt>Сохранить'
    '<ept i="1">&lt;/b&gt;</ept></seg></tuv></tu>\n',
    '<!-- a comment between tus <tu><tuv xml:lang="en"><seg>not a unit</seg></tuv></tu> -->\n',
    '<tu><!-- inside --><tuv xml:lang="en"><seg>Commented</seg></tuv><tuv xml:lang="ru"><seg>С комментарием</seg></tuv></tu>\n',
    '<tu><tuv xml:lang="en"><seg><![CDATA[a <cdata> & text]]></seg></tuv><tuv xml:lang="ru"><seg>CDATA</seg></tuv></tu>\n',
    '<?pi something?>\n',
    '<tu><tuv xml:lang="en"><seg>Three</seg></tuv><tuv xml:lang="ru"><seg>Три</seg></tuv>'
    '<tuv xml:lang="kk"><seg>Үш</seg></tuv></tu>\n',
    '<tu><tuv xml:lang="en"><seg>Same</seg></tuv><tuv xml:lang="en-GB"><seg>Same (GB)</seg></tuv></tu>\n',
    '<tu><tuv xml:lang="ru"><seg>Обратный порядок</seg></tuv><tuv xml:lang="en"><seg>Reversed order</seg></tuv></tu>\n',
    '<tu><prop type="x-context-prev">Before</prop><note>a note</note><tuv xml:lang="en"><prop type="p">v</prop>'
    '<seg>Props</seg></tuv><tuv xml:lang="ru"><note>n</note><seg>Свойства</seg></tuv></tu>\n',
    '<tu>\n  <tuv xml:lang="EN-us">\n    <seg>Indented 𝄞</seg>\n  </tuv>\n  <tuv xml:lang="RU-ru">\n    <seg>Отступ</seg>\n'
    '  </tuv>\n</tu>\n',
    '<tu><tuv xml:lang="fr"><seg>Pas de source</seg></tuv><tuv xml:lang="ru"><seg>Нет источника</seg></tuv></tu>\n',
    '<unknown>element</unknown>\n',
    '<tu tuid="9" creationdate="20190101T000000Z" changedate="20190202T000000Z"><tuv xml:lang="en"'
    ' creationid="me" creationdate="20180101T000000Z"><seg>Dated tu &amp; tuv</seg></tuv><tuv  xml:lang = \'ru\''
    ' changedate="bad-date"><seg>Датированные</seg></tuv></tu>\n',
    '<tu srclang="ru"><tuv xml:lang="en"><seg>Source is ru here</seg></tuv><tuv xml:lang="ru" changedate='
    '"20200101T000000Z"><seg>Источник ru</seg></tuv></tu>\n',
    '<tu srclang="*all*"><tuv xml:lang="en"><seg>All of them</seg></tuv><tuv xml:lang="ru"><seg>Все</seg></tuv></tu>\n',
    '<tu srclang="kk"><tuv xml:lang="en"><seg>Missing source</seg></tuv><tuv xml:lang="ru"><seg>Нет</seg></tuv></tu>\n',
    '<tu tuid="a\tb"><tuv xml:lang="en" x="&amp;"><seg>Odd attributes</seg></tuv><tuv xml:lang="ru">'
    '<seg>Странные</seg></tuv></tu>\n',
    '<tu><tuv xml:lang="en" lang="fr"><seg>Both lang attributes</seg></tuv><tuv lang="ru"><seg>Оба</seg></tuv></tu>\n',
    '<tu><tuv xml:lang="" lang="en"><seg>Empty xml:lang</seg></tuv><tuv lang="ru"><seg>Пусто</seg></tuv></tu>\n',
    '<tu xmlns="urn:x"><tuv xml:lang="en"><seg>Namespaced</seg></tuv><tuv xml:lang="ru"><seg>Имена</seg></tuv></tu>\n',
]


def _generated(path: Path, *, src: str = ' srclang="en"', head_comment: bool = False, tail: str = "",
               odd: list[str] = ODD) -> Path:
    parts = [HEAD.format(src=src)]
    if head_comment:
        parts[0] = parts[0].replace("<body>", "<!-- head --><body>")
    for i in range(300):
        parts.append(_plain(i % 280))  # some duplicates
        if i % 15 == 0:
            parts.append(odd[(i // 15) % len(odd)])
    parts.append("</body></tmx>\n" + tail)
    path.write_bytes("".join(parts).encode("utf-8"))
    return path


def _run(path: Path, n: int, fast: bool, tmp: Path, langs: tuple[Any, Any]) -> Any:
    partworker.FAST = fast
    try:
        try:
            records = tmx.read_tmx(path)
            header = next(records)
            records.close()
        except TarjimonError:
            return "refused"
        assert isinstance(header, dict)
        size = path.stat().st_size
        with open(path, "rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as mm:
            cuts = par._cuts(mm, n) if n > 1 else [0, size]
        if cuts is None:
            return "no cuts"
        out: list[Any] = []
        for k in range(n):
            scratch = tmp / f"{path.name}-{'fast' if fast else 'slow'}-{n}-{k}-{langs[0]}.db"
            job = (k, n, path, cuts[k], cuts[k + 1], header.get("srclang"), 1 + k * 10**6, 10**6, scratch,
                   langs[0], langs[1], "2026-01-01T00:00:00+00:00")
            r = partworker.work(job)
            if r["error"]:
                return "error"
            r.pop("cpu")
            r.pop("wall")
            r.pop("pid")
            r.pop("peak_mb")
            # the part's units as the main process copies them into the TM (packed batches and single rows)
            conn = sqlite3.connect(":memory:")
            conn.executescript(TM_MIGRATIONS[0])
            conn.execute("ATTACH DATABASE ? AS part", (str(scratch),))
            assert partcopy.copy_units(conn, "part", 0, 1 + k * 10**6, False) == r["rows"]
            r["units"] = conn.execute("SELECT * FROM tm_units ORDER BY id").fetchall()
            r["postings"] = conn.execute("SELECT * FROM part.p ORDER BY token, part").fetchall()
            conn.close()
            out.append(r)
        return out
    finally:
        partworker.FAST = True


def _files(tmp: Path) -> list[Path]:
    files = sorted(DATA.glob("*.tmx"))
    if SHARED_TMX.is_dir():
        files += sorted(SHARED_TMX.glob("*.tmx"))
    files.append(_generated(tmp / "gen.tmx"))
    files.append(_generated(tmp / "gen-nosrc.tmx", src=""))
    files.append(_generated(tmp / "gen-all.tmx", src=' srclang="*all*"'))
    files.append(_generated(tmp / "gen-headcomment.tmx", head_comment=True))
    files.append(_generated(tmp / "gen-tail.tmx", tail="<!-- after -->\n"))
    # dated tuvs (read by the fast reader into records), then a run of tus with notes (the rest of the part
    # goes to the streaming reader)
    dated = tmp / "gen-dated-run.tmx"
    dated.write_text(HEAD.format(src=' srclang="en"') + "".join(_plain(i) for i in range(40)) + "".join(
        _plain(i).replace('<tuv xml:lang="en">', f'<tuv xml:lang="en" creationdate="2020010{i % 9 + 1}T000000Z">')
        for i in range(40, 120)) + "".join(_plain(i) for i in range(120, 160)) + "</body></tmx>\n", "utf-8")
    files.append(dated)
    noted = tmp / "gen-noted-run.tmx"
    noted.write_text(HEAD.format(src=' srclang="en"') + "".join(_plain(i) for i in range(40)) + "".join(
        _plain(i).replace('<tuv xml:lang="en">', f'<tuv xml:lang="en"><note>n{i}</note>') for i in range(40, 120))
        + "".join(_plain(i) for i in range(120, 160)) + "</body></tmx>\n", "utf-8")
    files.append(noted)
    for name, doctype in (("plain", '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'),
                          ("literal", "<!DOCTYPE tmx SYSTEM '<body>" + _plain(99999).strip() + "'>"),
                          ("subset", '<!DOCTYPE tmx [<!ELEMENT x ANY>]>')):
        path = _generated(tmp / f"gen-doctype-{name}.tmx")
        text = path.read_text("utf-8").replace("?>\n", f"?>\n{doctype}\n", 1)
        path.write_text(text, "utf-8")
        files.append(path)
    # only tus the fast reader reads itself or hands to lxml one by one (nothing that ends the fast reading)
    per_tu = [t for t in ODD if t.startswith("<tu") and "<!" not in t]
    files.append(_generated(tmp / "gen-per-tu.tmx", odd=per_tu))
    files.append(_generated(tmp / "gen-per-tu-nosrc.tmx", src="", odd=per_tu))
    return files


@pytest.mark.parametrize("langs", [(None, None), ("en", ["ru"])], ids=["all-pairs", "en-ru"])
def test_fast_reader_equals_normal_reader(tmp_path: Path, langs: tuple[Any, Any]) -> None:
    checked = 0
    for path in _files(tmp_path):
        for n in (1, 2, 3):
            slow = _run(path, n, False, tmp_path, langs)
            fast = _run(path, n, True, tmp_path, langs)
            assert fast == slow, (path.name, n)
            checked += isinstance(fast, list)
    assert checked >= 20


@pytest.mark.parametrize("chunk", [1, 400, 5000])
def test_fast_reader_in_small_chunks_equals_normal_reader(tmp_path: Path, chunk: int,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks of plain tus (tmx_fast.columns) next to chunks the per-tu reader takes, cut anywhere."""
    monkeypatch.setattr(tmx_fast, "CHUNK", chunk)
    checked = 0
    for path in _files(tmp_path):
        for n in (1, 3):
            slow = _run(path, n, False, tmp_path, (None, None))
            fast = _run(path, n, True, tmp_path, (None, None))
            assert fast == slow, (path.name, n, chunk)
            checked += isinstance(fast, list)
    assert checked >= 20


def test_columns_takes_only_plain_tus() -> None:
    plain = "".join(_plain(i) for i in range(3)).encode("utf-8")
    got = tmx_fast.columns(plain)
    assert got is not None and got.tag_a == b"en" and got.tag_b == b"ru"
    assert got.texts_a == [f"Plain unit {i} of the file".encode() for i in range(3)]
    amp = plain.replace(b"unit 1", b"unit &amp; &#x41;&lt;")
    got = tmx_fast.columns(amp)
    assert got is not None and got.texts_a[1] == b"Plain unit & A< of the file" and got.texts_a[2].endswith(b"file")
    mixed = plain + _plain(9).replace('"ru"', '"kk"').encode()
    got = tmx_fast.columns(mixed)
    assert got is not None and got.tag_b is None and got.tags_b == [b"ru"] * 3 + [b"kk"]
    structurally_plain = ("Drag &amp;", "spaced\tout", "Same (GB)", "Reversed", "Indented", "Pas de source")
    for odd in ODD:
        got = tmx_fast.columns(plain + odd.encode("utf-8"))
        assert (got is not None) == any(word in odd for word in structurally_plain), odd
    assert tmx_fast.columns(plain + b"<tu><tuv xml:lang=\"en\"><seg>x</seg></tuv></tu>") is None  # one tuv
    assert tmx_fast.columns(plain + b"<tu><tuv xml:lang=\"en\"><seg>&nbsp;</seg></tuv><tuv xml:lang=\"ru\">"
                            b"<seg>x</seg></tuv></tu>") is None
    assert tmx_fast.columns(plain[:-8]) is None  # cut inside a tu
    # no search for "<!" or "<?" any more: a comment, CDATA or PI anywhere lands in a skeleton the patterns refuse
    tu = '<tu><tuv xml:lang="en"><seg>A</seg></tuv><tuv xml:lang="ru"><seg>B</seg></tuv></tu>\n'
    # (before the tu, after <tu>, after the tuv tag, at the start and at the end of the seg's text, after
    # </seg>, after </tuv>, before </tu>, after the tu)
    for at, what in [(0, "<!-- c -->"), (4, "<?pi x?>"), (23, "<!-- c -->"), (28, "<![CDATA[x]]>"),
                     (28, "<!-- c -->"), (29, "<?pi?>"), (29, "<![CDATA[]]>"), (35, "<!-- c -->"),
                     (41, "<?pi?>"), (len(tu) - 6, "<!-- c -->"), (len(tu), "<!-- c -->"), (len(tu), "<?pi?>")]:
        odd = tu[:at] + what + tu[at:]
        assert etree.fromstring(f"<body>{odd}</body>".encode()) is not None  # well-formed
        assert tmx_fast.columns(plain + odd.encode() + plain) is None, odd
        assert tmx_fast.columns((odd + tu).encode()) is None, odd
    # entities replaced in the texts holding one, each text on its own (one ending in "&amp;", the next "lt;")
    two = tu.replace(">A<", ">a &amp;<") + tu.replace(">A<", ">lt; &quot;q&quot;<").replace(">B<", ">&#1078;&gt;<")
    got = tmx_fast.columns(two.encode())
    assert got is not None and got.texts_a == [b"a &", b'lt; "q"'] and got.texts_b == [b"B", "ж>".encode()]


def test_fast_reader_refuses_what_the_normal_reader_refuses(tmp_path: Path) -> None:
    cases = {
        "undeclared": "<tu><tuv xml:lang=\"en\"><seg>a &nbsp; b</seg></tuv><tuv xml:lang=\"ru\"><seg>б</seg></tuv></tu>",
        "control": "<tu><tuv xml:lang=\"en\"><seg>a \x01 b</seg></tuv><tuv xml:lang=\"ru\"><seg>б</seg></tuv></tu>",
        "charref": "<tu><tuv xml:lang=\"en\"><seg>a &#1; b</seg></tuv><tuv xml:lang=\"ru\"><seg>б</seg></tuv></tu>",
        "cdata-end": "<tu><tuv xml:lang=\"en\"><seg>a ]]> b</seg></tuv><tuv xml:lang=\"ru\"><seg>б</seg></tuv></tu>",
        "unclosed": "<tu><tuv xml:lang=\"en\"><seg>a</seg></tuv><tuv xml:lang=\"ru\"><seg>б</seg></tuv>",
        # what the plain chunks' own checks must refuse as libxml2 does (tmx_check.chars_ok, the references)
        "noncharacter": "<tu><tuv xml:lang=\"en\"><seg>a \ufffe b</seg></tuv><tuv xml:lang=\"ru\"><seg>б</seg></tuv></tu>",
        "nonchar-ffff": "<tu><tuv xml:lang=\"en\"><seg>a</seg></tuv><tuv xml:lang=\"ru\"><seg>\uffffб</seg></tuv></tu>",
        "esc": "<tu><tuv xml:lang=\"en\"><seg>a</seg></tuv><tuv xml:lang=\"ru\"><seg>б\x1b</seg></tuv></tu>",
        "nul-ref": "<tu><tuv xml:lang=\"en\"><seg>a &#0; b</seg></tuv><tuv xml:lang=\"ru\"><seg>б</seg></tuv></tu>",
        "surrogate-ref": "<tu><tuv xml:lang=\"en\"><seg>a</seg></tuv><tuv xml:lang=\"ru\"><seg>&#xD800;</seg></tuv></tu>",
        "fffe-ref": "<tu><tuv xml:lang=\"en\"><seg>a &#xFFFE;</seg></tuv><tuv xml:lang=\"ru\"><seg>б</seg></tuv></tu>",
        "huge-ref": "<tu><tuv xml:lang=\"en\"><seg>a &#1114112;</seg></tuv><tuv xml:lang=\"ru\"><seg>б</seg></tuv></tu>",
        "cdata-end-b": "<tu><tuv xml:lang=\"en\"><seg>a</seg></tuv><tuv xml:lang=\"ru\"><seg>]]]]></seg></tuv></tu>",
        "dup-attr": "<tu tuid=\"1\" tuid=\"2\"><tuv xml:lang=\"en\"><seg>a</seg></tuv><tuv xml:lang=\"ru\"><seg>б</seg>"
                    "</tuv></tu>",
        "attr-control": "<tu><tuv xml:lang=\"en\" creationid=\"a\x01\"><seg>a</seg></tuv><tuv xml:lang=\"ru\"><seg>б</seg>"
                        "</tuv></tu>",
    }
    for name, bad in cases.items():
        path = tmp_path / f"{name}.tmx"
        body = "".join(_plain(i) for i in range(50)) + bad + "\n" + "".join(_plain(i) for i in range(50, 100))
        path.write_bytes((HEAD.format(src=' srclang="en"') + body + "</body></tmx>\n").encode("utf-8"))
        for n in (1, 2):
            assert _run(path, n, True, tmp_path, (None, None)) in ("error", "no cuts"), (name, n)
        with pytest.raises(TarjimonError):
            SqliteMemory(Store(tmp_path / f"{name}.db")).import_file(path)
    bad_utf8 = tmp_path / "bad-utf8.tmx"
    bad_utf8.write_bytes(HEAD.format(src=' srclang="en"').encode() + _plain(1).encode()
                         + b'<tu><tuv xml:lang="en"><seg>\xff\xfe</seg></tuv><tuv xml:lang="ru"><seg>x</seg></tuv></tu>'
                         + b"</body></tmx>\n")
    assert _run(bad_utf8, 1, True, tmp_path, (None, None)) == "error"
    # invalid UTF-8 among plain tus: a surrogate, an overlong form, a lone continuation byte, a cut sequence
    for i, raw in enumerate((b"\xed\xa0\x80", b"\xc0\x80", b"\x80", b"\xd0")):
        path = tmp_path / f"bad-utf8-{i}.tmx"
        path.write_bytes(HEAD.format(src=' srclang="en"').encode() + "".join(_plain(j) for j in range(30)).encode()
                         + b'<tu><tuv xml:lang="en"><seg>x' + raw + b' y</seg></tuv><tuv xml:lang="ru"><seg>x</seg>'
                         b"</tuv></tu>\n" + "".join(_plain(j) for j in range(30, 60)).encode() + b"</body></tmx>\n")
        for n in (1, 2):
            assert _run(path, n, True, tmp_path, (None, None)) in ("error", "no cuts"), (raw, n)
        with pytest.raises(TarjimonError):
            SqliteMemory(Store(tmp_path / f"bad-utf8-{i}.db")).import_file(path)


def test_a_malformed_head_is_refused(tmp_path: Path) -> None:
    """The file's head is checked by libxml2 on its own (tmx_check.check_head) now that the part is not."""
    path = tmp_path / "bad-head.tmx"
    path.write_text(HEAD.format(src=' srclang="en"').replace("<body>", "<x><body>") + "".join(
        _plain(i) for i in range(40)) + "</body></tmx>\n", "utf-8")
    assert _run(path, 1, True, tmp_path, (None, None)) in ("error", "refused")
    with pytest.raises(TarjimonError):
        SqliteMemory(Store(tmp_path / "bad-head.db")).import_file(path)


def test_chars_ok_refuses_what_xml_does() -> None:
    assert tmx_check.chars_ok("plain ]] > ] Ünïcode ж 𝄞 \t\n\r \x7f \u0085 \ufffd".encode())
    for bad in ("\x00", "\x08", "\x0b", "\x1f", "]]>", "\ufffe", "\uffff"):
        assert not tmx_check.chars_ok(f"a{bad}b".encode("utf-8", "surrogatepass")), repr(bad)
    for raw in (b"\xed\xa0\x80", b"\xc0\x80", b"\x80", b"\xd0", b"\xf4\x90\x80\x80"):
        assert not tmx_check.chars_ok(b"a" + raw + b"b"), raw


def test_kill_9_in_the_parallel_merge_leaves_the_tm_as_it_was(tmp_path: Path) -> None:
    import subprocess
    import sys

    big = tmp_path / "big.tmx"
    with open(big, "w", encoding="utf-8") as f:
        f.write(HEAD.format(src=' srclang="en"'))
        for i in range(20_000):
            f.write(_plain(i))
        f.write("</body></tmx>\n")
    db = tmp_path / "p.db"
    script = f"""
import os, signal
from tarjimon.core.store import Store
from tarjimon.core.tm.sqlite.backend import SqliteMemory
from tarjimon.core.tm.sqlite.schema import TM_MIGRATIONS
from tarjimon.core.tm.sqlite import parallel, partcopy
parallel.MIN_SIZE = 0
parallel.workers = lambda: 2
def die(*args):  # called when the postings are copied: the units are already in (uncommitted)
    os.kill(os.getpid(), signal.SIGKILL)
partcopy.shifted_postings = die
tm = SqliteMemory(Store({str(db)!r}))
tm.add("Kept", "Сохранено", "en", "ru")
tm.import_file({str(big)!r})
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True)
    assert done.returncode == -9, done.stderr
    tm = SqliteMemory(Store(db))
    assert tm.count() == 1 and [u.source for u in tm.units()] == ["Kept"]
    assert tm.lookup("Plain unit 5 of the file", "ru") == []
    par.MIN_SIZE, workers = 0, par.workers
    try:
        par.workers = lambda: 2  # type: ignore[assignment]
        assert tm.import_file(big).added == 20_000
        assert tm.last_import_stats.get("workers") == 2
    finally:
        par.MIN_SIZE, par.workers = 16 * 1024 * 1024, workers  # type: ignore[assignment]
    assert tm.count() == 20_001 and tm.lookup("Plain unit 5 of the file", "ru")[0].score == 100


def test_a_database_not_in_utf8_is_imported_sequentially(tmp_path: Path) -> None:
    # the parallel import's plain texts are UTF-8 bytes cast to text: only right in a UTF-8 database
    path = _generated(tmp_path / "gen.tmx")
    db = tmp_path / "utf16.db"
    conn = sqlite3.connect(db)
    conn.executescript("PRAGMA encoding = 'UTF-16le'; CREATE TABLE x (a); DROP TABLE x;")
    conn.close()
    size, workers = par.MIN_SIZE, par.workers
    try:
        par.MIN_SIZE, par.workers = 0, (lambda: 2)  # type: ignore[assignment]
        tm = SqliteMemory(Store(db))
        added = tm.import_file(path).added
        assert "workers" not in tm.last_import_stats  # the sequential import took it
    finally:
        par.MIN_SIZE, par.workers = size, workers  # type: ignore[assignment]
    assert added > 250
    assert tm.lookup("Plain unit 5 of the file", "ru")[0].target == "Единица 5"
    assert sqlite3.connect(db).execute("PRAGMA encoding").fetchone()[0] == "UTF-16le"


def test_the_streamed_first_part_gives_the_same_tm(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Forked workers send the first part's batches through a pipe (stored while the other parts are parsed);
    spawned ones do not: the same TM either way, units with their ids and postings, duplicates of the TM's
    units (left out of a streamed batch) and across parts included, and a tu of the general code half way
    through the first part (the rest of it goes through the scratch file)."""
    import numpy as np

    path = tmp_path / "plain.tmx"
    tus = [_plain(i % 1500) for i in range(2000)]  # duplicates inside a part and across parts
    tus[400] = ODD[15]  # props and a note: the general code
    path.write_text(HEAD.format(src=' srclang="en"') + "".join(tus) + "</body></tmx>\n", "utf-8")
    monkeypatch.setattr(par, "MIN_SIZE", 0)
    monkeypatch.setattr(par, "workers", lambda: 2)
    got = []
    for method in ("fork", "spawn"):
        monkeypatch.setattr(par, "START_METHOD", method)
        (tmp_path / method).mkdir()
        tm = SqliteMemory(Store(tmp_path / method / "p.db"))
        tm.add("Plain unit 7 of the file", "Единица 7", "en", "ru")  # a duplicate in the first part
        r = tm.import_file(path)
        assert "streamed" in tm.last_import_stats["steps_s"] if method == "fork" else True
        conn = tm.store.conn
        units = conn.execute("SELECT id, dedup, source, target, skey, ntok, origin, notes, props FROM tm_units"
                             " ORDER BY id").fetchall()
        postings: dict[str, list[int]] = {}
        for tok, ids in conn.execute("SELECT token, ids FROM tm_postings"):
            postings.setdefault(tok, []).extend(np.frombuffer(ids, dtype="<u4").tolist())
        got.append(((r.added, r.duplicates, r.skipped), [tuple(u) for u in units],
                    {t: sorted(i) for t, i in postings.items()}))
    assert got[0] == got[1]
    assert got[0][0][0] == 1499 + 1  # 1500 distinct plain units (one already there) and the noted one


@pytest.mark.parametrize("size", [1_500_000, 11_000_000])
def test_a_very_long_text_is_decided_by_the_sequential_reader(tmp_path: Path, size: int,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """libxml2 refuses a text node over 10,000,000 bytes when it builds a tree (the sequential reader), not when
    it only checks: a text over tmx_fast.LONG_TEXT stops the fast reader, the import falls back and gets the
    sequential reader's answer (1.5 MB: imported; 11 MB: refused with its line)."""
    path = tmp_path / f"long-{size}.tmx"
    path.write_text(HEAD.format(src=' srclang="en"') + "".join(_plain(i) for i in range(300)) + _plain(999).replace(
        "Plain unit", "a" * size) + "".join(_plain(i) for i in range(300, 600)) + "</body></tmx>\n", "utf-8")
    assert _run(path, 1, True, tmp_path, (None, None)) == "error"

    def outcome(parallel: bool) -> Any:
        monkeypatch.setattr(par, "MIN_SIZE", 0 if parallel else 1 << 62)
        monkeypatch.setattr(par, "workers", lambda: 2)
        monkeypatch.setattr(par, "PART_BYTES", 1)
        tm = SqliteMemory(Store(tmp_path / f"{'p' if parallel else 's'}-{size}.db"))
        try:
            added = tm.import_file(path).added
            return added, sqlite3.connect(tmp_path / f"{'p' if parallel else 's'}-{size}.db").execute(
                "SELECT MAX(length(source)) FROM tm_units").fetchone()
        except TarjimonError as e:
            return str(e)

    sequential = outcome(False)
    assert outcome(True) == sequential
    assert (sequential == (601, (size + len(" 999 of the file"),))) if size < 10_000_000 \
        else ("a text or an attribute value of more than 10 MB" in sequential)
