"""A real XLIFF 1.1 file (translate-toolkit's odf2xliff) worked on and sent back: translated in the project,
exported, every element the project did not touch compared with the file (lxml, not Tarjimon's reader), edited
by a translator and re-imported under the name `export` gave it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import etree

from tarjimon.core.workbench.facade import open_workbench

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "interop"
FILE = SHARED / "real" / "other" / "translate_odf2xliff-reference.xliff12.xlf"
NS = {"x": "urn:oasis:names:tc:xliff:document:1.1"}

pytestmark = pytest.mark.skipif(not FILE.is_file(), reason=f"real XLIFF file missing: {FILE}")


def _without_targets(path: Path) -> bytes:
    """The file with what a translation adds taken out: targets, target-language, approved."""
    root = etree.parse(str(path)).getroot()
    for target in root.xpath("//x:target", namespaces=NS):
        target.getparent().remove(target)
    for el in root.iter():
        for attr in ("target-language", "approved"):
            el.attrib.pop(attr, None)
    return etree.tostring(root, method="c14n")


def test_a_translated_xliff_comes_back_whole_and_merges_back_by_its_exported_name(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    units = etree.parse(str(FILE)).getroot().xpath("//x:trans-unit", namespaces=NS)
    assert cli("new", "p", "--source", "en", "--targets", "kk").code == 0
    r = cli("import", "p", str(FILE), "--json")
    assert r.code == 0 and json.loads(r.out)[0]["segments"] == len(units) == 10, r.err
    wb = open_workbench(tmp_path / "projects", "p")
    try:
        segments = wb.segments()
        wb.confirm(segments[2].id, "kk", "Сынақ — бұл сынақ.", "reviewed")  # the editor's confirmed work
    finally:
        wb.close()
    assert cli("export", "p", "--format", "xliff", "--target", "kk", "-o", str(tmp_path / "out")).code == 0
    (sent,) = (tmp_path / "out").iterdir()
    assert sent.name == "translate_odf2xliff-reference.xliff12.kk.xlf"
    assert _without_targets(sent) == _without_targets(FILE)  # ids, codes, notes, attributes: as they came

    tree = etree.parse(str(sent))  # the translator's work: two new targets, and the confirmed one changed
    tus = tree.getroot().xpath("//x:trans-unit", namespaces=NS)
    for tu, text in ((tus[1], "1"), (tus[3], "Бла-бла.")):
        target = etree.SubElement(tu, f"{{{NS['x']}}}target", state="translated")
        target.text = text
    tus[2].xpath("x:target", namespaces=NS)[0].text = "аудармашының нұсқасы"
    back = tmp_path / "back" / sent.name
    back.parent.mkdir()
    tree.write(str(back), xml_declaration=True, encoding="utf-8")
    r = cli("import", "p", str(back), "--json")
    assert r.code == 0, r.err
    report = json.loads(r.out)[0]
    assert report["document"] == FILE.name and report["reimport"] and (report["targets"], report["targets_kept"]) == (2, 1)
    assert [d["name"] for d in json.loads(cli("documents", "p", "--json").out)] == [FILE.name]
    wb = open_workbench(tmp_path / "projects", "p")
    try:
        got = {s.position: wb.translation(s.id, "kk") for s in wb.segments()}
    finally:
        wb.close()
    assert (got[1].text, got[1].status) == ("1", "translated")
    assert (got[2].text, got[2].status) == ("Сынақ — бұл сынақ.", "reviewed")
    assert got[3].text == "Бла-бла." and got[0].status == "empty"


def test_its_tags_become_tmx_inline_codes_in_a_tmx_export(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # odf2xliff's first unit: This <g id="0">is a</g> test<x id="1" .../>, hooray.  -> ⟨1⟩…⟨/1⟩, ⟨2/⟩ in the project
    assert cli("new", "p", "--source", "en", "--targets", "kk").code == 0
    assert cli("import", "p", str(FILE)).code == 0
    wb = open_workbench(tmp_path / "projects", "p")
    try:
        first = wb.segments()[0]
        assert first.source == "This ⟨1⟩is a⟨/1⟩ test⟨2/⟩, hooray."
        wb.confirm(first.id, "kk", "Бұл ⟨1⟩сынақ⟨/1⟩⟨2/⟩, ура.")
    finally:
        wb.close()
    assert cli("export", "p", "--format", "tmx", "--target", "kk", "-o", str(tmp_path / "out")).code == 0
    (out,) = (tmp_path / "out").iterdir()
    assert "⟨" not in out.read_text("utf-8")  # TMX's own codes, not Tarjimon's marks as text
    dtd_path = SHARED.parent / "tmx14.dtd"
    tree = etree.parse(str(out))
    if dtd_path.is_file():
        dtd = etree.DTD(str(dtd_path))
        assert dtd.validate(tree), dtd.error_log.filter_from_errors()
    for seg in tree.getroot().iter("seg"):
        assert [(c.tag, c.get("i") or c.get("x")) for c in seg] == [("bpt", "1"), ("ept", "1"), ("ph", "2")]
    source, target = tree.getroot().iter("seg")
    assert "".join(source.itertext()) == "This is a test, hooray." and "".join(target.itertext()) == "Бұл сынақ, ура."


ALT_TRANS = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:okp="okapi-framework:xliff-extensions">
  <file original="news.html" source-language="en" target-language="kk" datatype="html">
    <body>
      <trans-unit id="1" resname="title">
        <source xml:lang="en">The mayor opened a new school.</source>
        <note>headline</note>
        <alt-trans match-quality="85" origin="tm">
          <source xml:lang="en">The mayor opened a school.</source>
          <target xml:lang="kk">Әкім мектеп ашты.</target>
        </alt-trans>
        <okp:extra>keep me</okp:extra>
      </trans-unit>
      <trans-unit id="2">
        <source xml:lang="en">It has 500 pupils.</source>
        <seg-source><mrk mtype="seg" mid="0">It has 500 pupils.</mrk></seg-source>
        <alt-trans><target xml:lang="kk">Онда 500 оқушы бар.</target></alt-trans>
      </trans-unit>
    </body>
  </file>
</xliff>
"""


def test_alt_trans_and_other_namespaces_stay_and_the_target_goes_before_them(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # written the way Okapi's XLIFF filter leaves TM matches (alt-trans) and its extensions; XLIFF 1.2 wants a
    # trans-unit's target right after its source / seg-source, before notes and alt-trans
    path = tmp_path / "alt.xlf"
    path.write_text(ALT_TRANS, encoding="utf-8")
    assert cli("new", "p", "--source", "en", "--targets", "kk").code == 0
    r = cli("import", "p", str(path), "--json")
    assert r.code == 0 and json.loads(r.out)[0]["targets"] == 0, r.err  # an alt-trans target is a match, not one
    wb = open_workbench(tmp_path / "projects", "p")
    try:
        for s in wb.segments():
            wb.confirm(s.id, "kk", f"аударма {s.position}")
    finally:
        wb.close()
    assert cli("export", "p", "--format", "xliff", "--target", "kk", "-o", str(tmp_path / "out")).code == 0
    (out,) = (tmp_path / "out").iterdir()
    ns = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
    for tu in etree.parse(str(out)).getroot().iterfind(".//x:trans-unit", ns):
        names = [etree.QName(c).localname for c in tu]
        assert names.index("target") == (names.index("seg-source") if "seg-source" in names else 0) + 1, names
        assert "alt-trans" in names
    before, after = etree.parse(str(path)).getroot(), etree.parse(str(out)).getroot()
    for found in (before, after):
        for el in found.iter():
            if etree.QName(el).localname == "target" and etree.QName(el.getparent()).localname == "trans-unit":
                el.getparent().remove(el)
            el.attrib.pop("approved", None)
    assert etree.tostring(before, method="c14n") == etree.tostring(after, method="c14n")


OPENXLIFF = SHARED / "real" / "other" / "openxliff_OpenXLIFF_Java_es.xliff2.xlf"


@pytest.mark.parametrize("path", [FILE, OPENXLIFF], ids=["translate-toolkit-1.1", "openxliff-2.0"])
def test_tm_import_of_a_real_xliff_accounts_for_every_segment(cli, path: Path) -> None:  # type: ignore[no-untyped-def]
    # counted with lxml: segments (2.0) / trans-units (1.x), those with a target, distinct (source, target) pairs
    root = etree.parse(str(path)).getroot()
    units = [el for el in root.iter() if etree.QName(el).localname in ("segment", "trans-unit")]

    def text(unit: etree._Element, name: str) -> str:
        found = [c for c in unit if etree.QName(c).localname == name]
        return "".join(found[0].itertext()).strip() if found else ""

    translated = [(text(u, "source"), text(u, "target")) for u in units if text(u, "target")]
    assert cli("new", "p", "--source", "en", "--targets", "es,kk").code == 0
    r = cli("tm", "import", "p", str(path), "--json")
    assert r.code == 0, r.err
    (got,) = json.loads(r.out)["files"]
    assert got["added"] == len(set(translated)) and got["duplicates"] == len(translated) - len(set(translated))
    assert got["skipped"] == len(units) - len(translated) and got["skipped_why"] == (
        {"empty target": got["skipped"]} if got["skipped"] else {})  # fmt: skip
