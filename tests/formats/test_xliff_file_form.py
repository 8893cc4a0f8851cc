"""An XLIFF file from Windows (CRLF line ends), with a UTF-8 BOM, or in UTF-16 (as some tools write it) comes
back from `export` the way it came: its encoding, BOM and line ends, the same XML.

Before (5f37c3d): every export was UTF-8 with LF and no BOM, so a translator's git diff of the returned
OpenXLIFF file was every one of its 6,859 lines, and a UTF-16 file came back in another encoding."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from test_xliff_document import REAL, new

from tarjimon.core.workbench.facade import open_workbench


def _variants(data: bytes) -> dict[str, bytes]:
    crlf = data.replace(b"\n", b"\r\n")
    text = data.decode("utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"')
    return {"crlf-bom": codecs.BOM_UTF8 + crlf, "crlf": crlf, "bom": codecs.BOM_UTF8 + data,
            "utf16": codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
            "utf16-crlf": codecs.BOM_UTF16_LE + text.replace("\n", "\r\n").encode("utf-16-le")}  # fmt: skip


def _export(cli, name: str, path: Path, out: Path) -> bytes:  # type: ignore[no-untyped-def]
    new(cli, name, source="en", targets="es")
    assert cli("import", name, path).code == 0
    with open_workbench(Path("projects"), name) as wb:  # one target changed: the file is patched, not copied
        wb.confirm(wb.rows()[0].segment.id, "es", "Cambiado")
    assert cli("export", name, "--format", "xliff2", "--target", "es", "-o", out).code == 0
    (written,) = out.iterdir()
    return written.read_bytes()


@pytest.mark.parametrize("form", ["crlf-bom", "crlf", "bom", "utf16", "utf16-crlf"])
def test_an_xliff_comes_back_in_its_own_encoding_and_line_ends(cli, shared: Path, tmp_path: Path, form: str) -> None:  # type: ignore[no-untyped-def]
    original = shared / REAL / "openxliff_OpenXLIFF_Java_es.xliff2.xlf"
    path = tmp_path / "in" / original.name
    path.parent.mkdir()
    path.write_bytes(_variants(original.read_bytes())[form])
    out = _export(cli, "p", path, tmp_path / "out")
    plain = _export(cli, "q", original, tmp_path / "plain")  # the same work on the file as OpenXLIFF wrote it
    was = path.read_bytes()
    assert out[:3] == was[:3]  # the BOM (UTF-8 or UTF-16), or the same first characters
    text = out.decode("utf-16") if form.startswith("utf16") else out.decode("utf-8-sig")
    lines = text.count("\n")
    assert text.count("\r\n") == (lines if "crlf" in form else 0) and lines > 6000
    want = plain.decode("utf-8").replace("\n", "\r\n" if "crlf" in form else "\n")
    if form.startswith("utf16"):
        want = want.replace("encoding='UTF-8'", "encoding='UTF-16'")
    assert text == want and "Cambiado" in text  # the same XML as from the plain file, in the file's own form
