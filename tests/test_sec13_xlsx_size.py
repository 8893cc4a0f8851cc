"""An XLSX sheet's stated size is not believed. openpyxl (read-only) pads every row to the sheet's
`<dimension>` and fills the rows it skips: a 5 KB file stating A1:XFD1048576 made `glossary import` walk
17 billion empty cells (it never ended); one with a cell at column XFD on each of 200,000 rows (1.4 MB)
did the same with real rows. Now rows keep the cells they have, and a sheet past MAX_CELLS is refused in one
line. Counted in cells, not timed."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

openpyxl = pytest.importorskip("openpyxl")
from openpyxl.worksheet._read_only import ReadOnlyWorksheet  # noqa: E402

from tarjimon.core.formats import xlsx  # noqa: E402


def _sheet(tmp_path: Path, name: str, dimension: str, extra_rows: str = "") -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["uz", "kk"])
    sheet.append(["салом", "сәлем"])
    plain = tmp_path / "plain.xlsx"
    book.save(plain)
    out = tmp_path / name
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                text = re.sub(r'<dimension ref="[^"]*"/>', f'<dimension ref="{dimension}"/>', data.decode())
                data = text.replace("</sheetData>", extra_rows + "</sheetData>").encode()
            dst.writestr(info, data)
    return out


def test_a_sheet_lying_about_its_size_is_read_as_it_is(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    made = []
    real = ReadOnlyWorksheet._cells_by_row

    def counted(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        for row in real(self, *args, **kwargs):
            made.append(len(row))
            yield row

    monkeypatch.setattr(ReadOnlyWorksheet, "_cells_by_row", counted)
    lying = _sheet(tmp_path, "lying.xlsx", "A1:ZZ20000")  # (XFD1048576 in the wild: 17 billion cells before)
    result = cli("glossary", "import", "g", str(lying))
    assert result.code == 0, result.err
    assert "1 concept added" in result.out + result.err
    assert sum(made) <= 10  # the 2 x 2 cells there are; 14 million before


def test_a_sheet_of_very_wide_rows_is_refused_in_one_line(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(xlsx, "MAX_CELLS", 100_000)
    rows = "".join(f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>a</t></is></c>'
                   f'<c r="XFD{r}" t="inlineStr"><is><t>x</t></is></c></row>' for r in range(3, 2003))  # fmt: skip
    wide = _sheet(tmp_path, "wide.xlsx", "A1:XFD2002", rows)
    result = cli("glossary", "import", "g", str(wide))
    assert result.code == 2 and len(result.err.strip().splitlines()) == 1
    assert "wide.xlsx" in result.err and "too large for a glossary" in result.err
    assert not (tmp_path / "glossaries" / "g.tsv").exists()
