"""XLSX glossaries: a spreadsheet as terminologists keep one (built here with openpyxl; no real .xlsx is in
../shared), read through the same column understanding as CSV/TSV."""

from __future__ import annotations

from pathlib import Path

import pytest

from tarjimon.core.errors import BadInput
from tarjimon.core.glossary import store

openpyxl = pytest.importorskip("openpyxl", reason="openpyxl (the xlsx extra) is not installed")


def _book(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def test_any_column_order_language_names_and_extra_columns(tmp_path: Path) -> None:
    path = _book(tmp_path / "terms.xlsx", [
        ["Comment", "Uzbek", "Russian", "kk", "Source of term"],
        ["лавозим", "бош вазир", "премьер-министр", "премьер-министр", "kun.uz"],
        [None, "давлат", "государство", "мемлекет", None],
        [None, "давлат", "страна", "ел", 2024],
    ])  # fmt: skip
    g = store.read_import(path, "g")
    assert g.langs == ["uz", "ru", "kk"]
    assert len(g.concepts) == 2  # давлат repeated: ел is a synonym, not a refusal
    first, second = g.concepts
    assert first.note == "лавозим" and dict(first.extra)["source of term"] == "kun.uz"
    assert second.terms["kk"] == ("мемлекет", "ел") and second.terms["ru"] == ("государство", "страна")
    assert "column 2 'Uzbek': terms in Uzbek (uz)" in g.understood


def test_headerless_sheet_takes_langs_and_a_broken_file_is_one_line(tmp_path: Path) -> None:
    path = _book(tmp_path / "plain.xlsx", [["давлат", "мемлекет", "note"], ["қонун", "заң"]])
    with pytest.raises(BadInput, match="--langs"):
        store.read_import(path, "g")
    assert len(store.read_import(path, "g", ("uz", "kk")).concepts) == 2
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(BadInput) as err:
        store.read_import(bad, "g")
    assert str(bad) in str(err.value) and "\n" not in str(err.value)


def _with_sheet_xml(path: Path, change) -> Path:
    """The workbook at `path` with its first sheet's XML rewritten by `change` (bytes -> bytes)."""
    import zipfile

    with zipfile.ZipFile(path) as z:
        members = {i.filename: z.read(i) for i in z.infolist()}
    members["xl/worksheets/sheet1.xml"] = change(members["xl/worksheets/sheet1.xml"])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in members.items():
            z.writestr(name, content)
    return path


LAUGHS = '<!ENTITY l0 "ha">' + "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))


@pytest.mark.parametrize("doctype, cell", [
    (f"<!DOCTYPE worksheet [{LAUGHS}]>", "&l9;"),
    ('<!DOCTYPE worksheet [<!ENTITY x SYSTEM "file:///etc/passwd">]>', "&x;"),
    ('<!DOCTYPE worksheet [<!ENTITY x "сайлов">]>', "&x;"),
])  # fmt: skip
def test_entities_in_a_sheet_are_refused_by_name_never_expanded(cli, tmp_path: Path, doctype: str,
                                                                 cell: str) -> None:
    """Before: openpyxl's parser met them first: a traceback (ParseError, exit 1) for the bomb and the
    external entity, and an internal entity silently expanded into a term."""
    path = _book(tmp_path / "bomb.xlsx", [["uz", "kk"], ["MARK", "сайлау"]])

    def plant(xml: bytes) -> bytes:
        xml = xml.replace(b"MARK", cell.encode())
        at = xml.index(b"?>") + 2 if xml.startswith(b"<?xml") else 0
        return xml[:at] + doctype.encode() + xml[at:]

    _with_sheet_xml(path, plant)
    r = cli("glossary", "import", "g", path)
    assert r.code == 2, r.err
    assert len(r.err.strip().splitlines()) == 1 and str(path) in r.err and "Traceback" not in r.err
    assert "refused" in r.err
    assert not (tmp_path / "glossaries" / "g.tsv").exists()


def test_a_malformed_sheet_is_one_line(cli, tmp_path: Path) -> None:
    path = _with_sheet_xml(_book(tmp_path / "cut.xlsx", [["uz", "kk"], ["saylov", "сайлау"]]),
                           lambda xml: xml[: len(xml) // 2])
    r = cli("glossary", "import", "g", path)
    assert r.code == 2 and len(r.err.strip().splitlines()) == 1 and str(path) in r.err, r.err
    assert "Traceback" not in r.err
