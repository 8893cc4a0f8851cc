"""XLIFF 1.2 and 2.0 read as TM units: inline codes, segments, states, notes, languages, real files, safety."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import etree

from tarjimon.core.errors import BadInput
from tarjimon.core.formats import registry, tmx
from tarjimon.core.models.tm import Unit

XLIFF12 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file original="story.docx" source-language="uz-Latn" target-language="kk-KZ" datatype="x-docx">
  <body>
   <trans-unit id="1">
    <source>Prezident <g id="b1">Toshkentda</g> nutq soʻzladi<x id="fn1"/>.</source>
    <target state="translated">Президент <g id="b1">Ташкентте</g> сөз сөйледі<x id="fn1"/>.</target>
    <note>headline</note>
   </trans-unit>
   <trans-unit id="2">
    <source>Bir. Ikki.</source>
    <seg-source><mrk mtype="seg" mid="1">Bir.</mrk> <mrk mtype="seg" mid="2">Ikki.</mrk></seg-source>
    <target><mrk mtype="seg" mid="1">Бір.</mrk> <mrk mtype="seg" mid="2"></mrk></target>
   </trans-unit>
   <trans-unit id="3">
    <source><bx id="1"/>Qalin<ex id="2" rid="1"/> matn</source>
    <target state="needs-review-translation"><bx id="1"/>Қалың<ex id="2" rid="1"/> мәтін</target>
   </trans-unit>
   <trans-unit id="4"><source>Not yet.</source><target state="new"></target></trans-unit>
  </body>
 </file>
</xliff>
"""

XLIFF20 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="uz-Cyrl" trgLang="ru">
 <file id="f1">
  <unit id="u1">
   <notes><note>from the wire</note></notes>
   <segment state="final"><source>Ўзбекистон <pc id="1">ғалла</pc> ҳосили<ph id="2"/></source>
    <target>Урожай <pc id="1">зерна</pc> в Узбекистане<ph id="2"/></target></segment>
   <ignorable><source> </source></ignorable>
   <segment state="initial"><source>Вазир<cp hex="00A0"/>айтди.</source><target>Министр<cp hex="00A0"/>сказал.</target></segment>
  </unit>
  <unit id="u2"><segment><source>Бўш.</source></segment></unit>
 </file>
</xliff>
"""


def read(path: Path, **kw: str) -> list[Unit]:
    return list(registry.for_path(path, kind="units", purpose="read").reader("units")(path, **kw))


def test_xliff_12_codes_segments_states_notes(tmp_path: Path) -> None:
    path = tmp_path / "story.xlf"
    path.write_text(XLIFF12, encoding="utf-8")
    units = read(path)
    assert [(u.source, u.target, u.fuzzy) for u in units] == [
        ("Prezident Toshkentda nutq soʻzladi.", "Президент Ташкентте сөз сөйледі.", False),
        ("Bir.", "Бір.", False),  # the second mrk has no target: no unit
        ("Qalin matn", "Қалың мәтін", True),
    ]
    first = units[0]
    assert (first.source_tag, first.target_tag, first.source_lang, first.target_lang) == ("uz-Latn", "kk-KZ", "uz", "kk")
    assert first.notes == ("headline",)
    # codes shown (and so protected) as the TM shows a TMX file's, numbered alike in source and target
    assert tmx.display(first.source_markup, first.source) == "Prezident ⟨1⟩Toshkentda⟨/1⟩ nutq soʻzladi⟨2/⟩."
    assert tmx.display(first.target_markup, first.target) == "Президент ⟨1⟩Ташкентте⟨/1⟩ сөз сөйледі⟨2/⟩."
    assert tmx.display(units[2].source_markup, units[2].source) == "⟨1⟩Qalin⟨/1⟩ matn"
    # the markup is valid TMX inline content (what the TMX writer re-exports)
    etree.fromstring(f"<seg>{first.source_markup}</seg>")


def test_xliff_20_codes_states_notes_ignorable(tmp_path: Path) -> None:
    path = tmp_path / "wire.xliff"
    path.write_text(XLIFF20, encoding="utf-8")
    units = read(path)
    assert [(u.source, u.target, u.fuzzy, u.notes) for u in units] == [
        ("Ўзбекистон ғалла ҳосили", "Урожай зерна в Узбекистане", False, ("from the wire",)),
        ("Вазир\u00a0айтди.", "Министр\u00a0сказал.", True, ("from the wire",)),
    ]
    assert tmx.display(units[0].target_markup, units[0].target) == "Урожай ⟨1⟩зерна⟨/1⟩ в Узбекистане⟨2/⟩"
    assert (units[0].source_lang, units[0].target_lang) == ("uz", "ru")


def test_languages_from_the_caller_when_the_file_has_none(tmp_path: Path) -> None:
    path = tmp_path / "bare.xlf"
    path.write_text(XLIFF12.replace(' target-language="kk-KZ"', ""), encoding="utf-8")
    with pytest.raises(BadInput, match="does not name its target-language") as err:
        read(path)
    assert err.value.path == str(path) and err.value.line == 5
    assert {u.target_lang for u in read(path, target_lang="kk")} == {"kk"}


def test_entities_refused(tmp_path: Path) -> None:
    path = tmp_path / "lol.xlf"
    path.write_text('<?xml version="1.0"?>\n<!DOCTYPE xliff [<!ENTITY lol "lol">]>\n<xliff version="1.2">&lol;</xliff>')
    with pytest.raises(BadInput, match="entity"):
        read(path)


def test_real_files(shared: Path) -> None:
    other = shared / "data" / "interop" / "real" / "other"
    if not other.is_dir():
        pytest.skip("../shared/data/interop/real/other is not here")
    for path in sorted(other.glob("*.xlf")):
        root = etree.parse(str(path)).getroot()
        ns = {"x": root.nsmap[None]}
        # counted independently: segments (2.0) or trans-units (1.x) with a non-empty target
        holders = root.xpath("//x:segment" if root.get("version", "").startswith("2") else "//x:trans-unit",
                             namespaces=ns)  # fmt: skip
        expected = sum(1 for h in holders if "".join(h.xpath("string(x:target)", namespaces=ns)).strip())
        assert len(read(path)) == expected, path.name
    assert len(read(other / "openxliff_OpenXLIFF_Java_es.xliff2.xlf")) == 519


def test_cli_tm_import_of_xliff(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert cli("new", "p", "--source", "uz", "--targets", "kk,ru").code == 0
    (tmp_path / "story.xlf").write_text(XLIFF12, encoding="utf-8")
    (tmp_path / "wire.xliff").write_text(XLIFF20, encoding="utf-8")
    r = cli("tm", "import", "p", tmp_path / "story.xlf", tmp_path / "wire.xliff", "--json")
    assert r.code == 0, r.err
    files = json.loads(r.out)["files"]
    assert [(f["format"], f["added"]) for f in files] == [("xliff", 3), ("xliff", 2)]
    r = cli("tm", "search", "p", "Bir.", "--target", "kk", "--json")
    match = json.loads(r.out)["matches"][0]
    assert (match["score"], match["target"]) == (100, "Бір.")
    r = cli("tm", "search", "p", "Prezident Toshkentda nutq soʻzladi.", "--target", "kk", "--json")
    match = json.loads(r.out)["matches"][0]  # the codes are kept: shown as placeables, a point off for them
    assert match["target_display"] == "Президент ⟨1⟩Ташкентте⟨/1⟩ сөз сөйледі⟨2/⟩."
