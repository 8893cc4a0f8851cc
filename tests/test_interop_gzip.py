"""Gzip-compressed exchange files (`memory.tmx.gz`, `terms.tbx.gz`, `terms.tsv.gz`): `tm import` and `glossary
import` read the file inside; a gzip bomb, a damaged stream and a compressed document are refused in one line.

Before (5f37c3d): `tm import P memory.tmx.gz` said ".gz is not a TM format", and the same bytes named
memory.tmx said "malformed XML: Start tag expected"; glossary import alike."""

from __future__ import annotations

import gzip
import tempfile
import zlib
from pathlib import Path

import pytest
from testkit import SHARED, one_line_error

from tarjimon.core.store import Store
from tarjimon.core.tm.sqlite.backend import SqliteMemory

REAL = SHARED / "data" / "interop" / "real"
needs_real = pytest.mark.skipif(not REAL.is_dir(), reason=f"the real files are missing: {REAL}")


def _gz(src: Path, out: Path) -> Path:
    out.write_bytes(gzip.compress(src.read_bytes()))
    return out


def _scratch_left() -> list[str]:
    return [p.name for p in Path(tempfile.gettempdir()).glob("tarjimon-gunzip-*")]


@needs_real
@pytest.mark.parametrize("name", ["tmx/openxliff_OpenXLIFF_Java_es.tmx", "tmx/trados_studio_status.tmx",
                                  "po/gnome-font-viewer_ru.po"])  # fmt: skip
def test_a_real_tm_file_gzipped_imports_as_the_file_itself(tmp_path: Path, name: str) -> None:
    plain = REAL / name
    before = set(_scratch_left())
    want = SqliteMemory(Store(tmp_path / "tm.db"), None, None).import_file(plain)
    for n, gz in enumerate((tmp_path / (plain.name + ".gz"), tmp_path / plain.name)):  # named .gz, or not
        _gz(plain, gz)
        got = SqliteMemory(Store(tmp_path / f"tm{n}.db"), None, None).import_file(gz)
        assert (got.format, got.added, got.duplicates, got.skipped, got.reasons) == (
            want.format, want.added, want.duplicates, want.skipped, want.reasons)  # fmt: skip
        assert got.added > 10
    assert set(_scratch_left()) <= before  # the scratch copy went


def test_tm_import_of_a_gzipped_tmx_by_the_cli(cli, tmp_path: Path) -> None:
    src = tmp_path / "news.tmx"
    src.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="uz" creationtool="t" '
                   'creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" datatype="plaintext"/><body>'
                   + "".join(f'<tu><tuv xml:lang="uz"><seg>Gap {i}</seg></tuv><tuv xml:lang="kk"><seg>Сөйлем {i}'
                             "</seg></tuv></tu>" for i in range(30))
                   + "</body></tmx>\n", encoding="utf-8")  # fmt: skip
    gz = _gz(src, tmp_path / "news.tmx.gz")
    assert cli("new", "p", "--source", "uz", "--target", "kk").code == 0
    r = cli("tm", "import", "p", gz)
    assert r.code == 0 and "news.tmx.gz: 30 units added" in r.err, r.err
    assert "30 TM units" in cli("stats", "p").out


def _bomb(path: Path, inner: bytes, filler: bytes, size: int) -> Path:
    """A gzip file of `inner`'s start, then `size` bytes of `filler` (compressed ~1000:1)."""
    z = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: a gzip wrapper
    parts = [z.compress(inner)]
    block = filler * ((1 << 20) // len(filler))
    for _ in range(size // len(block)):
        parts.append(z.compress(block))
    parts.append(z.flush())
    path.write_bytes(b"".join(parts))
    return path


def test_a_gzip_bomb_is_refused_before_it_unpacks_past_the_limit(cli, tmp_path: Path, monkeypatch) -> None:
    from tarjimon.core.formats import gzipped

    monkeypatch.setattr(gzipped, "FLOOR", 2 << 20)  # the test's bomb kept small: the rule is the same
    head = b'<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="uz"/><body>'
    tu = b'<tu><tuv xml:lang="uz"><seg>Gap</seg></tuv><tuv xml:lang="kk"><seg>Soz</seg></tuv></tu>\n'
    assert cli("new", "p", "--source", "uz", "--target", "kk").code == 0
    for filler in (b" ", tu):  # whitespace, or one valid tu repeated: both unpack ~1000 times their size
        bomb = _bomb(tmp_path / "bomb.tmx.gz", head, filler, 64 << 20)
        assert bomb.stat().st_size < 300_000
        before = set(_scratch_left())
        r = cli("tm", "import", "p", bomb)
        assert r.code == 2
        one_line_error(r.err, str(bomb), "unpacks to more than", "gzip bomb", "nothing imported")
        assert set(_scratch_left()) <= before
    assert "0 TM units" in cli("stats", "p").out or "TM units" not in cli("stats", "p").out


def test_a_damaged_gzip_file_and_a_gzipped_document_are_refused_in_one_line(cli, tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text("Salom dunyo. Yangi kun.\n", encoding="utf-8")
    whole = gzip.compress(b'<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="uz"/><body>' * 50)
    cut = tmp_path / "cut.tmx.gz"
    cut.write_bytes(whole[: len(whole) // 2])
    assert cli("new", "p", "--source", "uz", "--target", "kk").code == 0
    r = cli("tm", "import", "p", cut)
    assert r.code == 2
    one_line_error(r.err, str(cut), "damaged gzip file", "nothing imported")
    r = cli("import", "p", _gz(src, tmp_path / "a.txt.gz"))
    assert r.code == 2
    one_line_error(r.err, "a.txt.gz", "gzip-compressed file", "gunzip")
    bad = tmp_path / "bad.tmx.gz"  # the reader's error names the .gz file and the line inside it
    bad.write_bytes(gzip.compress(b'<?xml version="1.0"?>\n<tmx version="1.4">\n<header srclang="uz"/>\n<body><tu>'))
    r = cli("tm", "import", "p", bad)
    assert r.code == 2
    line = one_line_error(r.err, f"{bad}:")
    assert "tarjimon-gunzip" not in line


@needs_real
@pytest.mark.parametrize("name", ["tbx/byutrg_TBX-basic-sample.tbx", "tbx/okapi_sdl_tbx.tbx",
                                  "tsv/omegat_glossary_testUTF16LE.txt", "tsv/matecat_glossary_mixed-valid.csv"])  # fmt: skip
def test_a_real_glossary_gzipped_imports_as_the_file_itself(cli, tmp_path: Path, name: str) -> None:
    plain = REAL / name
    langs = ("--langs", "en,ru") if plain.suffix == ".txt" else ()
    r = cli("glossary", "import", "plain", plain, *langs)
    assert r.code == 0, r.err
    r2 = cli("glossary", "import", "gz", _gz(plain, tmp_path / (plain.name + ".gz")), *langs)
    assert r2.code == 0, r2.err
    assert r2.err.replace("gz:", "plain:") == r.err
    assert (tmp_path / "glossaries" / "gz.tsv").read_bytes() == (tmp_path / "glossaries" / "plain.tsv").read_bytes()
