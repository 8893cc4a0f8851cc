"""Reading users' files (encodings, junk) and parsing articles (header, paragraphs, Markdown)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tarjimon.core import langs
from tarjimon.core.errors import BadInput, NotFound, TarjimonError
from tarjimon.core.formats import md, txt
from tarjimon.core.formats.txt import render
from tarjimon.core.models.article import Paragraph
from tarjimon.core.textio import decode_text, read_text

CYR = "Ташкентте открылась новая школа. В ней учатся дети."


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (CYR.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + CYR.encode("utf-8"), "utf-8-sig"),
        (CYR.encode("utf-16"), "utf-16"),
        (CYR.encode("utf-16-be").join([b"\xfe\xff", b""]), "utf-16"),
        (CYR.encode("cp1251"), "windows-1251"),
    ],
)
def test_accepted_encodings(data: bytes, encoding: str) -> None:
    assert decode_text(data, "f.txt") == (CYR, encoding)


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)),  # binary junk
        "Crème brûlée à la française".encode("latin-1"),  # Latin-1 prose is not Windows-1251 Cyrillic
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "ok".encode("utf-16-le"),  # UTF-16 without BOM: NULs
    ],
)
def test_refused_bytes(data: bytes) -> None:
    with pytest.raises(BadInput):
        decode_text(data, "f.txt")


def test_invalid_utf16_names_line(tmp_path: Path) -> None:
    f = tmp_path / "x.txt"
    f.write_bytes(b"\xff\xfe" + "a\nb\n".encode("utf-16-le") + b"\x00\xd8")
    with pytest.raises(BadInput) as info:
        read_text(f)
    assert info.value.path == str(f) and info.value.line == 3


def test_missing_and_folder(tmp_path: Path) -> None:
    with pytest.raises(NotFound):
        read_text(tmp_path / "none.txt")
    with pytest.raises(BadInput):
        read_text(tmp_path)


def test_crlf_is_normalised() -> None:
    assert decode_text(b"a\r\nb\rc", "f")[0] == "a\nb\nc"


def test_header_becomes_meta_and_title() -> None:
    art = txt.parse(" date 2026-01-05 Президент: янги қонун\nБиринчи хат.\n\nИккинчи хат.\n")
    assert art.meta == {"date": "2026-01-05", "title": "Президент: янги қонун"}
    assert [p.kind for p in art.paragraphs] == ["title", "body", "body"]
    assert art.paragraphs[2].blank_before == 1


def test_markdown_keeps_markers_and_joins_lines() -> None:
    art = md.parse("# Сарлавҳа\n\nБиринчи\nқатор давоми.\n\n- банд бир\n- банд икки\n")
    assert [(p.prefix, p.text, p.kind) for p in art.paragraphs] == [
        ("# ", "Сарлавҳа", "heading"),
        ("", "Биринчи қатор давоми.", "body"),
        ("- ", "банд бир", "body"),
        ("- ", "банд икки", "body"),
    ]


def test_render_puts_paragraphs_back() -> None:
    paras = [(Paragraph("", kind="title"), "Title"), (Paragraph(""), "One."), (Paragraph("", blank_before=1), "Two.")]
    assert render(paras, {"date": "2026-01-05"}) == " date 2026-01-05 Title\nOne.\n\nTwo.\n"


@pytest.mark.parametrize(
    ("tag", "lang"), [("en-US", "en"), ("EN_us", "en"), ("uz-Latn", "uz"), ("uz-Cyrl", "uz"), ("RU", "ru"), ("kaa", "kaa")]
)
def test_language_tags(tag: str, lang: str) -> None:
    assert langs.normalize(tag) == lang


@pytest.mark.parametrize("tag", ["xx", "english", "", "k", "en--US", "zz-ZZ"])
def test_unknown_language_tags(tag: str) -> None:
    with pytest.raises(TarjimonError):
        langs.normalize(tag)


def test_language_helpers() -> None:
    assert langs.script_of("uz-Latn") == "latn" and langs.script_of("uz") is None
    assert langs.same_language("ru-RU", "RU")
    assert langs.parse_list("kk, RU ,en-GB,kk") == ["kk", "ru", "en"]
