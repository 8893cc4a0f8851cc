"""Odd files and broken input: refused at once, with one line naming the file (issue 9, items 9 and 11)."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from tarjimon.core.errors import BadInput
from tarjimon.core.formats.po_check import check_po
from tarjimon.core.textio import decode_text

IMPORTS = {
    "txt": ["import", "p"],
    "po": ["tm", "import", "p"],
    "tmx": ["tm", "import", "p"],
    "tsv": ["glossary", "import", "g"],
    "csv": ["glossary", "import", "g"],
    "tbx": ["glossary", "import", "g"],
}


@pytest.fixture
def project(cli, tmp_path: Path):
    assert cli("new", "p", "--source", "uz", "--target", "kk").code == 0
    return cli


def _odd(tmp_path: Path, kind: str, ext: str) -> Path:
    path = tmp_path / "odd" / kind / f"x.{ext}"
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind in ("zero", "urandom"):
        path.symlink_to(f"/dev/{kind}")
    elif kind == "fifo":
        os.mkfifo(path)
    else:
        path.mkdir()
    return path


@pytest.mark.parametrize("kind", ["zero", "urandom", "fifo", "dir"])
@pytest.mark.parametrize("ext", sorted(IMPORTS))
def test_devices_fifos_and_folders_refused_quickly_by_every_importer(project, tmp_path: Path, kind: str,
                                                                      ext: str) -> None:  # fmt: skip
    path = _odd(tmp_path, kind, ext)
    started = time.monotonic()
    r = project(*IMPORTS[ext], path)
    assert time.monotonic() - started < 5
    assert r.code == 2, r.err
    assert len(r.err.strip().splitlines()) == 1 and str(path) in r.err and "Traceback" not in r.err


def test_a_50_mb_single_line_po_is_refused_quickly(project, tmp_path: Path) -> None:
    big = tmp_path / "big.po"
    with open(big, "w", encoding="utf-8") as f:
        f.write('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "')
        f.write("a" * (50 * 1024 * 1024))
        f.write('"\nmsgstr "b"\n')
    started = time.monotonic()
    r = project("tm", "import", "p", big)
    assert time.monotonic() - started < 10
    assert r.code == 2 and "big.po:4" in r.err and "longer than" in r.err


HEAD = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
BROKEN_PO = {
    "unterminated": (HEAD + 'msgid "abc\nmsgstr "x"\n', 6, "closing quote"),
    "truncated": (HEAD + 'msgid "one"\nmsgstr "bir"\n\nmsgid "two"\n', 9, "without msgstr"),
    "plural-7": (
        HEAD + 'msgid "day"\nmsgid_plural "days"\nmsgstr[0] "kun"\nmsgstr[7] "kunlar"\n',
        9,
        "nplurals=2",
    ),
    "duplicate": (HEAD + 'msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', 9, "duplicate msgid"),
    "index-no-plural": (HEAD + 'msgid "a"\nmsgstr[0] "b"\n', 7, "without msgid_plural"),
    "stray-keyword": (HEAD + 'msgid "a"\nmsgtxt "b"\nmsgstr "c"\n', 7, "unknown keyword"),
}


@pytest.mark.parametrize("name", sorted(BROKEN_PO))
def test_po_files_msgfmt_rejects_are_refused_with_their_line(project, tmp_path: Path, name: str) -> None:
    text, line, words = BROKEN_PO[name]
    path = tmp_path / f"{name}.po"
    path.write_text(text, encoding="utf-8")
    if shutil.which("msgfmt"):  # the reference: GNU msgfmt refuses each of them too
        done = subprocess.run(["msgfmt", "-o", "/dev/null", str(path)], capture_output=True, text=True)
        assert done.returncode != 0, name
    r = project("tm", "import", "p", path)
    assert r.code == 2, r.err
    assert f"{name}.po:{line}:" in r.err and words in r.err, r.err
    assert project("tm", "export", "p", "-o", tmp_path / f"{name}.tmx").code == 0
    assert "<tu" not in (tmp_path / f"{name}.tmx").read_text(encoding="utf-8")


def test_valid_po_with_plurals_and_context_passes() -> None:
    check_po(HEAD + 'msgctxt "m"\nmsgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n\n#~ msgid "a"\n#~ msgstr "d"\n\n'
             'msgid "day"\nmsgid_plural "days"\nmsgstr[0] "kun"\nmsgstr[1] ""\n"kunlar \\"x\\""\n', "ok.po")  # fmt: skip


RU = ("Президент Казахстана заявил, что страна должна стать цифровым государством. Об этом он сказал на "
      "заседании правительства в понедельник.\n")  # fmt: skip


@pytest.mark.parametrize("encoding", ["koi8_r", "mac_cyrillic"])
def test_koi8_and_mac_cyrillic_are_not_misread_as_cp1251(encoding: str) -> None:
    with pytest.raises(BadInput, match="not plausible Cyrillic"):
        decode_text(RU.encode(encoding), "a.txt")
    assert decode_text(RU.encode("cp1251"), "a.txt") == (RU, "windows-1251")


def test_empty_tsv_is_refused(cli, tmp_path: Path) -> None:
    for text in ("", "uz\tkk\n"):
        empty = tmp_path / "empty.tsv"
        empty.write_text(text, encoding="utf-8")
        r = cli("glossary", "import", "g", empty)
        assert r.code == 2 and "no concepts" in r.err
    assert not (tmp_path / "glossaries" / "g.tsv").exists()


def test_a_windows_1251_bilingual_glossary_is_read_and_latin_1_still_is_not(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # an en/ru glossary saved by Excel in Windows-1251 has more Latin letters than Cyrillic: it was refused as
    # "not UTF-8, UTF-16 or Windows-1251 text"; Latin-1 prose (résumé -> rйsumй) must still not pass as Cyrillic
    table = tmp_path / "terms.csv"
    table.write_bytes("en,ru\nhouse,дом\nhead of state,глава государства\nschool,школа\n".encode("cp1251"))
    r = cli("glossary", "import", "g", table)
    assert r.code == 0, r.err
    assert "глава государства" in (tmp_path / "glossaries" / "g.tsv").read_text(encoding="utf-8")
    for latin in ("Le résumé est déjà là, à côté du café.", "Il va à Paris.", "Über die Brücke, schön."):
        with pytest.raises(BadInput, match="not UTF-8"):
            decode_text(latin.encode("latin-1"), "x.txt")
    with pytest.raises(BadInput, match="not UTF-8"):  # two stray bytes are no Cyrillic word ("яю")
        decode_text(b"Salom \xff\xfe dunyo.\n", "x.txt")
