"""Bad Word and OpenDocument files: each refused by `tarjimon import` in one line naming the file, exit 2,
the project unchanged (not a zip, a zip bomb, a DOCTYPE declaring entities, a password-protected file, an
encrypted zip, a document without text, a broken content.xml, an ODT whose mimetype is another's)."""

from __future__ import annotations

import io
import sqlite3
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from office_files import news_docx, odt, plain_docx

from tarjimon.core.formats import package

pytest.importorskip("docx", reason="python-docx (a dependency) is not installed")

ENTITY_PROLOG = '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'


def _rezip(src: Path, dst: Path, replace: dict[str, bytes]) -> Path:
    """A copy of the package `src` with some members' contents replaced (or added)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, replace.get(info.filename, zin.read(info)))
        for name in set(replace) - set(zin.namelist()):
            zout.writestr(name, replace[name])
    return dst


def not_a_zip(tmp: Path) -> tuple[Path, str]:
    path = tmp / "story.docx"
    path.write_text("Бу Word файли эмас, оддий матн.\n", encoding="utf-8")
    return path, "not a DOCX file: not a zip package"


def password_protected(tmp: Path) -> tuple[Path, str]:
    path = tmp / "secret.docx"  # Word saves a password-protected .docx as an OLE2 container
    path.write_bytes(package.OLE_MAGIC + bytes(512 - len(package.OLE_MAGIC)) + b"EncryptedPackage" + bytes(600))
    return path, "password-protected"


def encrypted_zip(tmp: Path) -> tuple[Path, str]:
    path = tmp / "locked.docx"
    news_docx(path)
    data = bytearray(path.read_bytes())
    # set the "encrypted" flag of every member, in the local headers and the central directory
    for sig, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        pos = data.find(sig)
        while pos >= 0:
            data[pos + offset] |= 0x1
            pos = data.find(sig, pos + 4)
    path.write_bytes(bytes(data))
    return path, "encrypted"


def entities(tmp: Path) -> tuple[Path, str]:
    src = plain_docx(tmp / "src.docx", ["Бир жумла."])
    with zipfile.ZipFile(src) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    head, _, rest = xml.partition("?>")
    bad = (head + "?>" + ENTITY_PROLOG + rest).replace("Бир жумла.", "&lol2;").encode("utf-8")
    return _rezip(src, tmp / "lol.docx", {"word/document.xml": bad}), "word/document.xml:1: entity declarations"


def empty_document(tmp: Path) -> tuple[Path, str]:
    return plain_docx(tmp / "empty.docx", []), "the file holds no text to translate"


def malformed_xml(tmp: Path) -> tuple[Path, str]:
    src = plain_docx(tmp / "src.docx", ["Бир жумла."])
    with zipfile.ZipFile(src) as z:
        xml = z.read("word/document.xml").replace(b"</w:body>", b"</w:bod>")
    return _rezip(src, tmp / "broken.docx", {"word/document.xml": xml}), "not a readable DOCX file"


def odt_wrong_mimetype(tmp: Path) -> tuple[Path, str]:
    path = odt(tmp / "sheet.odt", "<text:p>Бир жумла.</text:p>")
    return _rezip(path, tmp / "calc.odt", {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}), (
        "not an OpenDocument text")


def odt_entities(tmp: Path) -> tuple[Path, str]:
    return odt(tmp / "lol.odt", "<text:p>&lol2;</text:p>", prolog=ENTITY_PROLOG), "content.xml:1: entity declarations"


def odt_malformed(tmp: Path) -> tuple[Path, str]:
    return odt(tmp / "broken.odt", "<text:p>Бир жумла.</text:span>"), "malformed XML"


def odt_empty(tmp: Path) -> tuple[Path, str]:
    return odt(tmp / "empty.odt", "<text:p/><text:p>  </text:p>"), "the file holds no text to translate"


CASES = [not_a_zip, password_protected, encrypted_zip, entities, empty_document, malformed_xml,
         odt_wrong_mimetype, odt_entities, odt_malformed, odt_empty]  # fmt: skip


def _state(tmp_path: Path) -> list[tuple]:
    db = sqlite3.connect(tmp_path / "projects" / "news" / "project.db")
    try:
        return [row for table in ("documents", "paragraphs", "segments", "document_originals")
                for row in db.execute(f"SELECT * FROM {table}")]  # fmt: skip
    finally:
        db.close()


@pytest.mark.parametrize("make", CASES, ids=[c.__name__ for c in CASES])
def test_refused_in_one_line_and_nothing_changes(tmp_path: Path, cli: Callable, make) -> None:  # type: ignore[no-untyped-def]
    assert cli("new", "news", "--source", "uz", "--targets", "kk").code == 0
    good = news_docx(tmp_path / "good.docx")
    assert cli("import", "news", good).code == 0
    before = _state(tmp_path)
    path, why = make(tmp_path)
    r = cli("import", "news", path)
    assert r.code == 2, r.err
    lines = r.err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in r.err, r.err
    assert str(path) in lines[0] and why in lines[0], lines[0]
    assert _state(tmp_path) == before


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path, cli: Callable,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.setattr(package, "MAX_TOTAL", 4 << 20)  # the same check with a cap a test can exceed quickly
    src = plain_docx(tmp_path / "src.docx", ["Бир жумла."])
    bomb = _rezip(src, tmp_path / "bomb.docx", {"word/padding.bin": bytes(8 << 20)})
    assert bomb.stat().st_size < 1 << 20
    cli("new", "news", "--source", "uz", "--targets", "kk")
    r = cli("import", "news", bomb)
    assert r.code == 2 and "bomb.docx" in r.err and "zip bomb" in r.err and len(r.err.strip().splitlines()) == 1


def test_a_member_lying_about_its_size_is_stopped_at_the_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(package, "MAX_TOTAL", 4 << 20)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", bytes(8 << 20))
    data = bytearray(buf.getvalue())
    # declare 100 bytes (local header and central directory) for 8 MB of content
    for sig, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        pos = data.find(sig)
        data[pos + offset : pos + offset + 4] = (100).to_bytes(4, "little")
    path = tmp_path / "liar.docx"
    path.write_bytes(bytes(data))
    with pytest.raises(package.BadInput) as err:
        package.read_package(path, "DOCX")
    assert "liar.docx" in str(err.value)


@pytest.fixture(scope="module")
def originals(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("orig")
    from office_files import news_odt

    return {"docx": news_docx(folder / "a.docx").read_bytes(), "odt": news_odt(folder / "a.odt").read_bytes()}


def test_damaged_packages_are_read_or_refused_never_a_traceback(originals: dict[str, bytes], tmp_path: Path) -> None:
    """Truncated files and flipped bytes, of the zip or of its main XML member (zipped again, so that the CRC
    holds): an Article or a one-line TarjimonError, nothing else."""
    from hypothesis import HealthCheck, example, given, settings
    from hypothesis import strategies as st

    from tarjimon.core.errors import TarjimonError
    from tarjimon.core.formats import registry

    @settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(fmt=st.sampled_from(["docx", "odt"]), inside=st.booleans(), cut=st.integers(0, 100),
           flips=st.lists(st.tuples(st.integers(0, 10**6), st.integers(1, 255)), max_size=6))  # fmt: skip
    @example(fmt="docx", inside=False, cut=100, flips=[(49, 2)])  # a deflate stream broken: zlib.error, once
    def check(fmt: str, inside: bool, cut: int, flips: list[tuple[int, int]]) -> None:
        member = "word/document.xml" if fmt == "docx" else "content.xml"
        with zipfile.ZipFile(io.BytesIO(originals[fmt])) as z:
            data = bytearray(z.read(member) if inside else originals[fmt])  # the XML, or the zip itself
        data = data[: max(1, len(data) * cut // 100)] if cut < 100 else data
        for pos, xor in flips:
            data[pos % len(data)] ^= xor
        path = tmp_path / f"damaged.{fmt}"
        if inside:
            src = tmp_path / f"src.{fmt}"
            src.write_bytes(originals[fmt])
            _rezip(src, path, {member: bytes(data)})
        else:
            path.write_bytes(bytes(data))
        try:
            found = registry.for_path(path, kind="document", purpose="read")
            article, _ = found.reader("document")(path)
        except TarjimonError as exc:
            assert "\n" not in str(exc)
        else:
            assert all(p.text for p in article.paragraphs)

    check()
