"""XLSX glossaries (the spreadsheets terminologists keep), read with openpyxl.

openpyxl rather than unpacking the zip's XML by hand: shared strings, inline strings, rich text runs, numbers
and dates stored as cells of several types, and sheets with gaps are what it already reads correctly. Only
the first sheet is read; its rows go through the same column understanding as CSV and TSV
(formats/table_header.py): header or not, languages by code or name, other columns kept as notes.
The package is checked first as DOCX and ODT are (formats/package.py: size, zip bomb, DOCTYPE declarations
in any member), and openpyxl reads those checked bytes: its own XML parser would expand a sheet's entities
(or fail with a traceback on them) and would unpack a bomb.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from xml.etree.ElementTree import ParseError

from tarjimon.core.errors import BadInput
from tarjimon.core.formats.package import read_package
from tarjimon.core.formats.tsv import parse_table
from tarjimon.core.models.glossary import Glossary

#: cells read from a sheet (empty ones within a row included) before it is refused: a 200,000-row glossary
#: of 5 columns is a million
MAX_CELLS = 5_000_000


def read_xlsx(path: str | Path, name: str, langs: tuple[str, str] | None = None) -> Glossary:
    """Read the first sheet of an .xlsx file as a glossary table."""
    try:
        import openpyxl  # an optional dependency: pip install 'tarjimon[xlsx]'
    except ImportError as exc:
        raise BadInput("XLSX glossaries need openpyxl (pip install openpyxl)", path=path) from exc
    data, _members = read_package(path, "XLSX")
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, ParseError) as exc:
        raise BadInput(f"unreadable XLSX ({exc})", path=path) from exc
    rows: list[tuple[int, list[str]]] = []
    try:
        sheet = book.worksheets[0]
        # the sheet's own size claim is not used: a 5 KB file saying A1:XFD1048576 made openpyxl pad every row
        # to 16,384 cells and fill a million rows (an import that never ended); rows keep the cells they have
        sheet.reset_dimensions()
        cells_seen = 0
        for n, values in enumerate(sheet.iter_rows(values_only=True), 1):
            cells_seen += len(values)
            if cells_seen > MAX_CELLS:
                raise BadInput(f"the sheet is too large for a glossary (over {MAX_CELLS:,} cells by row {n})",
                               path=path)  # fmt: skip
            cells = ["" if v is None else str(v) for v in values]
            while cells and not cells[-1].strip():
                cells.pop()
            if any(c.strip() for c in cells):
                rows.append((n, cells))
    except (ParseError, KeyError, ValueError, TypeError, IndexError) as exc:  # the sheet is parsed row by row
        raise BadInput(f"unreadable XLSX sheet ({exc})", path=path) from exc
    finally:
        book.close()
    return parse_table(rows, path, name, langs)
