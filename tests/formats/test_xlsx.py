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
