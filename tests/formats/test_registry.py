"""The format registry: a file's format from its content and name, and one-line refusals per kind."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest

from tarjimon.core.errors import BadInput, NotFound, TarjimonError
from tarjimon.core.formats import registry
from tarjimon.core.formats.sniffing import xml_root

DATA = Path(__file__).resolve().parents[1] / "data"
TMX = DATA / "tm" / "seed-kazinform.tmx"
TBX_V2 = DATA / "glossary" / "martif_v2_windows1254.tbx"
TBX_V3 = DATA / "glossary" / "tbx_v3_basic_dct.tbx"


def copy(src: Path, tmp_path: Path, name: str) -> Path:
    return Path(shutil.copy(src, tmp_path / name))


def docx(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return path


def test_every_registry_line_resolves() -> None:
    names = [f.name for f in registry.FORMATS]
    assert len(names) == len(set(names))
    for f in registry.FORMATS:
        assert all(ext.startswith(".") and ext == ext.lower() for ext in f.extensions)
        for kind in ("document", "units", "concepts"):
            if f.can(kind, "read"):
                assert callable(f.reader(kind))
            if f.can(kind, "write"):
                assert f.writer(kind) is not None
        if f.sniff:
            assert callable(registry._resolve(f.sniff))


@pytest.mark.parametrize(
    ("src", "name", "kind", "expected"),
    [
        (TMX, "memory.xml", "units", "tmx"),  # a TMX named .xml
        (TBX_V2, "terms.xml", "concepts", "tbx"),  # a TBX v2 (martif, windows-1254) named .xml
        (TBX_V3, "terms.xml", "concepts", "tbx"),  # a TBX v3 named .xml
        (TMX, "memory.dat", "units", "tmx"),  # an extension nobody knows
        (TMX, "memory", "units", "tmx"),  # no extension at all
    ],
)
def test_content_decides(tmp_path: Path, src: Path, name: str, kind: str, expected: str) -> None:
    path = copy(src, tmp_path, name)
    assert registry.for_path(path, kind=kind, purpose="read").name == expected  # type: ignore[arg-type]


def test_weak_sniffing_only_when_the_name_does_not_decide(tmp_path: Path) -> None:
    po = tmp_path / "catalogue.txt"
    po.write_text('msgid ""\nmsgstr ""\n"Language: kk\\n"\n\nmsgid "Salom"\nmsgstr "Сәлем"\n', encoding="utf-8")
    assert registry.for_path(po, kind="units", purpose="read").name == "po"
    assert registry.for_path(po, kind="document", purpose="read").name == "txt"  # a .txt article stays one
    table = tmp_path / "terms.txt"
    table.write_text("uz\tkk\nsoliq\tсалық\n", encoding="utf-8")
    assert registry.for_path(table, kind="concepts", purpose="read").name == "tsv"
    sheet = tmp_path / "terms.dat"
    sheet.write_text("uz;ru\nsoliq;налог\n", encoding="utf-8")
    assert registry.for_path(sheet, kind="concepts", purpose="read").name == "csv"


@pytest.mark.parametrize(
    ("make", "kind", "message"),
    [
        (lambda p: p / "terms.csv", "units", "CSV is not a TM format Tarjimon reads (TMX, PO, XLIFF)"),
        (lambda p: docx(p / "story.docx"), "units", "DOCX is not a TM format Tarjimon reads (TMX, PO, XLIFF)"),
        (lambda p: docx(p / "story.txt"), "concepts", "DOCX is not a glossary format Tarjimon reads (TSV, CSV, TBX, XLSX)"),
        (lambda p: copy(TMX, p, "tm.xml"), "concepts", "TMX is not a glossary format Tarjimon reads (TSV, CSV, TBX, XLSX)"),
        (lambda p: copy(TBX_V3, p, "g.tmx"), "units", "TBX is not a TM format Tarjimon reads (TMX, PO, XLIFF)"),
        (lambda p: copy(TMX, p, "a.txt"), "document", "TMX is not a document format Tarjimon reads (TXT, MD, PO, XLIFF, DOCX, ODT)"),
        (lambda p: p / "x.xliff", "concepts", "XLIFF is not a glossary format Tarjimon reads (TSV, CSV, TBX, XLSX)"),
        (lambda p: p / "notes.rtf", "document", ".rtf is not a document format Tarjimon reads (TXT, MD, PO, XLIFF, DOCX, ODT)"),
        (lambda p: p / "noext", "concepts", "a file without an extension is not a glossary format Tarjimon reads"),
    ],
)
def test_unsupported_is_one_line_naming_the_file(tmp_path: Path, make, kind: str, message: str) -> None:  # type: ignore[no-untyped-def]
    path = make(tmp_path)
    if not path.exists():
        path.write_text('<?xml version="1.0"?>\n<xliff version="1.2"/>\n' if path.suffix == ".xliff" else "x\n")
    with pytest.raises(BadInput) as err:
        registry.for_path(path, kind=kind, purpose="read")  # type: ignore[arg-type]
    assert str(err.value).startswith(f"{path}: {message}")
    assert "\n" not in str(err.value)


def test_writing_goes_by_the_extension(tmp_path: Path) -> None:
    assert registry.for_path(tmp_path / "out.tbx", kind="concepts", purpose="write").name == "tbx"
    assert registry.for_path(tmp_path / "out.po", kind="units", purpose="write").name == "po"
    with pytest.raises(BadInput, match=r"out\.docx: DOCX is not a glossary format Tarjimon writes \(TSV, CSV, TBX, TBX v2\)"):
        registry.for_path(tmp_path / "out.docx", kind="concepts", purpose="write")
    with pytest.raises(TarjimonError, match=r"PDF is not a document format Tarjimon writes \(txt, md, tmx, po, xliff, xliff2, docx, odt\)"):
        registry.by_name("pdf", kind="document", purpose="write")
    with pytest.raises(NotFound, match="no such file"):
        registry.for_path(tmp_path / "missing.tmx", kind="units", purpose="read")


@pytest.mark.parametrize(
    ("head", "root"),
    [
        (b'<?xml version="1.0"?>\n<!-- c --><!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx version="1.4">', "tmx"),
        (b'\xef\xbb\xbf<?xml version="1.0"?><martif type="TBX">', "martif"),
        ('<?xml version="1.0" encoding="UTF-16"?><tbx:TBX xmlns:tbx="x">'.encode("utf-16"), "TBX"),
        (b'<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>\n<lolz>&lol2;</lolz>', "lolz"),
        (b"plain text < not xml", None),
    ],
)
def test_xml_root_without_parsing(head: bytes, root: str | None) -> None:
    assert xml_root(head) == root


def test_cli_tm_import_of_a_csv_names_the_format_and_imports_nothing(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert cli("new", "p", "--source", "uz", "--targets", "kk").code == 0
    sheet = tmp_path / "memory.csv"
    sheet.write_text("uz,kk\nsoliq,салық\n", encoding="utf-8")
    r = cli("tm", "import", "p", TMX, sheet)  # the good TMX first: the batch is refused before it
    assert r.code == 2
    assert r.err.strip() == f"tarjimon: {sheet}: CSV is not a TM format Tarjimon reads (TMX, PO, XLIFF)"
    assert json.loads(cli("stats", "p", "--json").out)["tm_units"] == 0


def test_cli_glossary_and_export_refusals(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("glossary", "import", "news", copy(TMX, tmp_path, "memory.tmx"))
    assert r.code == 2 and "TMX is not a glossary format Tarjimon reads (TSV, CSV, TBX, XLSX)" in r.err
    assert not (tmp_path / "glossaries" / "news.tsv").exists()
    assert cli("new", "p", "--source", "uz", "--targets", "kk").code == 0
    r = cli("export", "p", "--format", "pdf", "--target", "kk", "-o", tmp_path / "out")
    assert r.code == 2 and "PDF is not a document format Tarjimon writes (txt, md, tmx, po, xliff, xliff2, docx, odt)" in r.err


def test_real_files_of_other_tools_are_recognised(shared: Path) -> None:
    real = shared / "data" / "interop" / "real"
    if not real.is_dir():
        pytest.skip("../shared/data/interop/real is not here")
    expected = {"tmx": "tmx", "tbx": "tbx", "po": "po"}
    seen = 0
    for folder, name in expected.items():
        for path in sorted((real / folder).iterdir()):
            assert registry.identify(path)[0][0].name == name, path
            seen += 1
    probes = {"probe.docx": "docx", "probe.odt": "odt", "probe.sdltm": "sdltm", "1G_utf16be_fr.tmx": "tmx"}
    for file, name in probes.items():
        assert registry.identify(real / "probes" / file) == ([registry.get(name)], True)
    for path in sorted((real / "other").glob("*.xlf")):
        assert registry.identify(path)[0][0].name == "xliff"
    assert seen >= 50


def test_cli_tm_import_of_real_csv_docx_sdltm_names_the_format(cli, shared: Path) -> None:  # type: ignore[no-untyped-def]
    probes = shared / "data" / "interop" / "real" / "probes"
    if not probes.is_dir():
        pytest.skip("../shared/data/interop/real/probes is not here")
    assert cli("new", "p", "--source", "uz", "--targets", "kk").code == 0
    for name, label in (("probe_tm.csv", "CSV"), ("probe.docx", "DOCX"), ("probe.sdltm", "SDLTM")):
        r = cli("tm", "import", "p", probes / name)
        assert r.code == 2
        assert r.err.strip() == f"tarjimon: {probes / name}: {label} is not a TM format Tarjimon reads (TMX, PO, XLIFF)"
    r = cli("import", "p", probes / "probe.odt")  # an article, not a TM
    assert r.code == 0 and r.err.strip().endswith("probe.odt: imported 1 segment")


def test_not_a_regular_file(tmp_path: Path) -> None:
    import os

    with pytest.raises(BadInput, match="is a folder, not a file"):
        registry.for_path(tmp_path, kind="units", purpose="read")
    fifo = tmp_path / "pipe.tmx"
    os.mkfifo(fifo)
    with pytest.raises(BadInput, match="is a pipe"):  # refused without opening it (a read would block)
        registry.for_path(fifo, kind="units", purpose="read")
