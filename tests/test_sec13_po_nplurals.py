"""A PO whose Plural-Forms says nplurals=200000000 was imported, and then `export` and `stats` of the project
never ended (each of the 200 million forms was matched against 1,001 sample numbers). No language has more
than 6 plural forms (Arabic; msgfmt refuses such a file too): the import refuses it with its line, and a
header already stored is not read as plural rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from tarjimon.core.formats.po_plurals import form_labels, kinds

PO = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: kk\\n"
"Plural-Forms: nplurals={n}; plural=(n%{n});\\n"

msgid "one file"
msgid_plural "%d files"
msgstr[0] "бір файл"
msgstr[1] "%d файл"
"""


@pytest.mark.parametrize("n", ["200000000", "7", "0"])
def test_a_po_with_an_impossible_number_of_plural_forms_is_refused(cli, tmp_path: Path, n: str) -> None:  # type: ignore[no-untyped-def]
    assert cli("new", "s", "--source", "en", "--targets", "kk").code == 0
    po = tmp_path / "files.po"
    po.write_text(PO.format(n=n), encoding="utf-8")
    result = cli("import", "s", str(po))
    assert result.code == 2 and len(result.err.strip().splitlines()) == 1
    assert "files.po:1:" in result.err and f"nplurals={n}" in result.err
    assert cli("documents", "s", "--json").out.strip() == "[]"


def test_a_stored_header_with_too_many_forms_is_not_read_as_rules() -> None:
    header = "nplurals=20000; plural=(n%20000);"
    assert kinds(header, "kk") == ()  # (20,000 forms x 1,001 numbers before; 200 million never ended)
    assert form_labels(2, "kk", header) == ["one", "other"]  # kk's own rules instead
    assert kinds("nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20)"
                 " ? 1 : 2);", "ru") == ("one", "few", "many")  # fmt: skip
