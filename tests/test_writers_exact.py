"""What the PO, TBX and TMX writers put in a file beyond the text round trip: the mutation run (docs/testing.md)
found these parts could change without any test failing."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import polib
from lxml import etree

from tarjimon import __version__
from tarjimon.core.formats.tbx import read_tbx_bytes, tbx_bytes
from tarjimon.core.formats.tmx import TmxWriter
from tarjimon.core.models.glossary import Concept, Glossary
from tarjimon.core.workbench import Workbench

ARTICLE = "# Сарлавҳа шу\n\nБиринчи гап. Иккинчи гап.\n\nУчинчи гап.\n"


def _export(tmp_path: Path, lang: str) -> polib.POFile:
    tmp_path.mkdir(parents=True, exist_ok=True)
    art = tmp_path / "maqola.md"
    art.write_text(ARTICLE, encoding="utf-8")
    with Workbench.create(tmp_path / "projects", "yangilik", "uz", ["kk", "ru"]) as w:
        w.import_file(art)
        segs = w.segments()
        w.save_target(segs[1].id, lang, "Бірінші сөйлем." if lang == "kk" else "Первое предложение.")
        w.save_target(segs[2].id, lang, "Екінші" if lang == "kk" else "Второе", status="draft")
        (path,) = w.export("po", lang, tmp_path / f"out-{lang}")
    assert path.name == f"maqola.{lang}.po"
    return polib.pofile(str(path))


def test_po_header_names_the_project_language_plurals_and_generator(tmp_path: Path) -> None:
    before = datetime.now(UTC).replace(second=0, microsecond=0)
    po = _export(tmp_path, "ru")
    meta = po.metadata
    assert meta["Project-Id-Version"] == "yangilik maqola.md"
    assert meta["Report-Msgid-Bugs-To"] == ""
    assert (meta["Last-Translator"], meta["Language-Team"], meta["Language"]) == ("Tarjimon", "ru", "ru")
    assert meta["MIME-Version"] == "1.0"
    assert meta["Content-Type"] == "text/plain; charset=UTF-8"
    assert meta["Content-Transfer-Encoding"] == "8bit"
    assert meta["Plural-Forms"].startswith("nplurals=3; plural=(n%10==1 && n%100!=11 ? 0")
    assert meta["X-Generator"] == f"Tarjimon {__version__}"
    assert meta["X-Source-Language"] == "uz"
    for key in ("POT-Creation-Date", "PO-Revision-Date"):
        assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d\+0000", meta[key]), meta[key]
        stamp = datetime.strptime(meta[key], "%Y-%m-%d %H:%M+0000").replace(tzinfo=UTC)
        assert before <= stamp <= datetime.now(UTC)
    assert _export(tmp_path / "kk", "kk").metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"


def test_po_entries_carry_paragraph_kind_place_and_status(tmp_path: Path) -> None:
    po = _export(tmp_path, "kk")
    got = [(e.msgctxt, e.comment, e.occurrences, e.msgstr, e.fuzzy) for e in po]
    assert got == [
        ("maqola.md:1", "paragraph 1, heading", [("maqola.md", "1")], "", False),
        ("maqola.md:2", "paragraph 2", [("maqola.md", "2")], "Бірінші сөйлем.", False),
        ("maqola.md:3", "paragraph 2", [("maqola.md", "3")], "Екінші", True),  # a draft is fuzzy
        ("maqola.md:4", "paragraph 3", [("maqola.md", "4")], "", False),
    ]


def _glossary() -> Glossary:
    concepts = [
        Concept({"uz": ("давлат",), "kk": ("мемлекет",)}, extra=(("definition", "сиёсий ташкилот"),)).with_id(),
        Concept({"uz": ("сунъий интеллект",), "kk": ("жасанды интеллект",)}).with_id(),
        Concept({"uz": ("вазир",)}, id="7 bad id"),
        Concept({"uz": ("вазирлик",)}, id="7 bad id"),
    ]
    return Glossary("news", ["uz", "kk"], [], concepts)


def test_tbx_is_utf8_with_a_declaration_pretty_printed_and_keeps_definitions() -> None:
    data = tbx_bytes(_glossary())
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n<tbx")
    assert "мемлекет".encode() in data and b"&#" not in data  # UTF-8 text, not character references
    assert data.count(b"\n") > 10  # one element a line: diffs show what changed
    root = etree.fromstring(data)
    assert root.tag == "{urn:iso:std:iso:30042:ed-2}tbx" and root.nsmap == {None: "urn:iso:std:iso:30042:ed-2"}
    entries = root.findall(".//{urn:iso:std:iso:30042:ed-2}conceptEntry")
    assert len(entries) == 4
    ids = [e.get("id") for e in entries]
    # a concept's own id where it is an XML name; made one ("c-" and the id with _ for other characters)
    # otherwise; never twice the same
    assert ids == [c.id for c in _glossary().concepts[:2]] + ["c-7_bad_id", "c-7_bad_id_"]
    definitions = [d.text for d in root.iter("{urn:iso:std:iso:30042:ed-2}descrip") if d.get("type") == "definition"]
    assert definitions == ["сиёсий ташкилот"]
    back = read_tbx_bytes(data, "x.tbx", "news")
    assert [dict(c.extra).get("definition") for c in back.concepts].count("сиёсий ташкилот") == 1
    assert root.find(".//{urn:iso:std:iso:30042:ed-2}sourceDesc/{urn:iso:std:iso:30042:ed-2}p").text == (
        "Tarjimon glossary news"
    )


def test_tmx_writer_puts_tuv_notes_and_props_on_their_tuv_and_hyphenates_tags(tmp_path: Path) -> None:
    out = tmp_path / "o.tmx"
    with open(out, "wb") as f, TmxWriter(f, "uz_Cyrl") as w:
        w.unit(
            ("uz_Cyrl", "Салом.", None),
            ("kk_KZ", "Сәлем.", None),
            props=[["x-domain", "news"]],
            notes=["tu note"],
            source_extra=(["source note"], [["x-src", "s"]]),
            target_extra=(["target note"], [["x-tgt", "t"]]),
        )
    root = etree.parse(str(out)).getroot()
    tu = root.find("body/tu")
    assert tu.get("srclang") == "uz-Cyrl"
    assert [p.get("type") for p in tu.findall("prop")] == ["x-domain"]
    assert [n.text for n in tu.findall("note")] == ["tu note"]
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    src, tgt = tu.findall("tuv")
    assert (src.get(lang), tgt.get(lang)) == ("uz-Cyrl", "kk-KZ")
    assert [n.text for n in src.findall("note")] == ["source note"]
    assert [(p.get("type"), p.text) for p in src.findall("prop")] == [("x-src", "s")]
    assert [n.text for n in tgt.findall("note")] == ["target note"]
    assert [(p.get("type"), p.text) for p in tgt.findall("prop")] == [("x-tgt", "t")]
    assert [s.text for s in tu.iter("seg")] == ["Салом.", "Сәлем."]
