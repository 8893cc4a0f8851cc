"""XLIFF 1.2 (memoQ, Trados sdlxliff, Phrase) and 2.0 imported as documents and exported back.

Counts and states are checked against the files themselves (lxml XPath and translate-toolkit), never against
Tarjimon's own reader."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from testkit import one_line_error
from xliff_samples import MEMOQ, PHRASE, TRADOS, XLIFF20

from tarjimon.core.formats.xliff_codes import Codes, local
from tarjimon.core.formats.xliff_document import read_bilingual
from tarjimon.core.workbench import open_workbench

NS = {"x": "urn:oasis:names:tc:xliff:document:1.2", "x2": "urn:oasis:names:tc:xliff:document:2.0",
      "sdl": "http://sdl.com/FileTypes/SdlXliff/1.0"}  # fmt: skip
REAL = Path("data/interop/real/other")


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def c14n(path: Path) -> Any:
    """A file's elements as nested tuples (name, attributes, text, children, tail): what a reader sees, without
    the serialisation's choices (quotes, namespace prefixes, the XML declaration)."""

    def walk(el: Any) -> Any:
        return (el.tag, sorted(el.attrib.items()), el.text or "", [walk(c) for c in el], el.tail or "")

    return walk(etree.parse(str(path)).getroot())


def rows(cli: Callable[..., Any], project: str, lang: str) -> list[tuple[str, str, str]]:
    with open_workbench(Path("projects"), project) as wb:
        return [(r.segment.source, r.targets[lang].text, r.targets[lang].status) for r in wb.rows()]


def new(cli: Callable[..., Any], name: str = "p", source: str = "uz", targets: str = "kk,ru,en") -> None:
    assert cli("new", name, "--source", source, "--targets", targets).code == 0


# ---- reading ------------------------------------------------------------------------------------------
def test_memoq_segments_targets_states_and_codes(tmp_path: Path) -> None:
    path = write(tmp_path, "sayl.mqxliff", MEMOQ)
    found = read_bilingual(path)
    units = etree.parse(str(path)).xpath("//x:trans-unit", namespaces=NS)
    assert len(found.pieces) == len(units) == 4
    assert [p for p, _, _ in found.pieces] == [0, 1, 2, 3]  # a trans-unit per segment: a paragraph each
    assert found.pieces[0][2] == "Saylov ⟨1⟩ertaga⟨/1⟩ boʻladi."
    assert found.pieces[1][2] == "Natijalar⟨1/⟩ dushanba kuni eʼlon qilinadi."
    states = [t.status if t else "empty" for t in found.targets]
    file_states = [u.xpath("string(x:target/@state)", namespaces=NS) for u in units]
    assert file_states == ["translated", "final", "needs-review-translation", "new"]
    assert states == ["translated", "reviewed", "draft", "empty"]
    assert found.targets[0] is not None and found.targets[0].text == "Сайлау ⟨1⟩ертең⟨/1⟩ өтеді."
    assert found.targets[0].lang_tag == "kk-kz"


def test_trados_sdlxliff_mrk_segments_and_confirmation(tmp_path: Path) -> None:
    path = write(tmp_path, "hosil.sdlxliff", TRADOS)
    found = read_bilingual(path)
    tree = etree.parse(str(path))
    marks = tree.xpath("//x:trans-unit[not(@translate='no')]/x:seg-source//x:mrk[@mtype='seg']", namespaces=NS)
    assert len(found.pieces) == len(marks) == 4
    assert [p for p, _, _ in found.pieces] == [0, 0, 0, 1]  # a trans-unit is a paragraph of segments
    assert found.pieces[1][2] == "Fermerlar ⟨1⟩mamnun⟨/1⟩."
    confs = [tree.xpath(f"string(//sdl:seg[@id='{m.get('mid')}']/@conf)", namespaces=NS) for m in marks]
    assert confs == ["ApprovedTranslation", "Draft", "", "Translated"]
    assert [t.status if t else "empty" for t in found.targets] == ["reviewed", "draft", "empty", "translated"]


def test_phrase_groups_states_and_approved(tmp_path: Path) -> None:
    found = read_bilingual(write(tmp_path, "suv.xlf", PHRASE))
    assert [p for p, _, _ in found.pieces] == [0, 1, 2, 3]
    assert [t.status if t else "empty" for t in found.targets] == ["reviewed", "draft", "empty", "translated"]
    assert found.pieces[1][2] == "Loyiha⟨1/⟩ 2025-yilda tugaydi."


def test_xliff_20_segments_states_codes(tmp_path: Path) -> None:
    path = write(tmp_path, "ob-havo.xlf", XLIFF20)
    found = read_bilingual(path)
    segs = etree.parse(str(path)).xpath("//x2:unit[not(@translate='no')]/x2:segment", namespaces=NS)
    assert len(found.pieces) == len(segs) == 3
    assert [p for p, _, _ in found.pieces] == [0, 0, 1]
    assert found.pieces[0][2] == "Тошкентда ⟨1⟩ёмғир⟨/1⟩ ёғади⟨2/⟩."
    assert found.pieces[1][2] == "⟨1⟩Ҳарорат⟨/1⟩ пасаяди."
    assert [t.status if t else "empty" for t in found.targets] == ["reviewed", "empty", "reviewed"]


def test_codes_that_no_longer_nest_are_written_as_open_and_close(tmp_path: Path) -> None:
    src = etree.fromstring('<source xmlns="urn:oasis:names:tc:xliff:document:1.2">a <g id="b">b</g> '
                           '<g id="i">c</g><x id="f"/></source>')  # fmt: skip
    codes = Codes()
    assert codes.show(src) == "a ⟨1⟩b⟨/1⟩ ⟨2⟩c⟨/2⟩⟨3/⟩"
    out = etree.fromstring('<target xmlns="urn:oasis:names:tc:xliff:document:1.2"/>')
    codes.fill(out, "⟨1⟩x ⟨2⟩y⟨/1⟩ z⟨/2⟩⟨3/⟩ ⟨9⟩", "1.2")
    xml = etree.tostring(out, encoding="unicode")
    assert '<bx id="b" rid="b"/>x <g id="i">y<ex rid="b" id="b"/> z</g><x id="f"/> ⟨9⟩' in xml
    codes.fill(out, "⟨1⟩x⟨/1⟩", "2.0")  # a 1.2 code written into a 2.0 file: its equivalent
    assert etree.tostring(out, encoding="unicode").count("pc") == 2


# ---- the command line: import, re-import, export ----------------------------------------------------------
@pytest.mark.parametrize("name,text,version", [("sayl.mqxliff", MEMOQ, "1.2"), ("hosil.sdlxliff", TRADOS, "1.2"),
                                               ("suv.xlf", PHRASE, "1.2"), ("ob-havo.xlf", XLIFF20, "2.0")])
def test_untouched_round_trip_gives_the_file_back(cli, tmp_path: Path, name: str, text: str, version: str) -> None:  # type: ignore[no-untyped-def]
    new(cli)
    path = write(tmp_path, name, text)
    r = cli("import", "p", path)
    assert r.code == 0, r.err
    lang = read_bilingual(path).targets[0].lang_tag[:2]  # type: ignore[union-attr]
    fmt = "xliff" if version == "1.2" else "xliff2"
    r = cli("export", "p", "--format", fmt, "--target", lang, "-o", tmp_path / "out")
    assert r.code == 0, r.err
    out = tmp_path / "out" / f"{Path(name).stem}.{lang}{Path(name).suffix}"
    assert c14n(out) == c14n(path)


def test_memoq_import_translate_export_read_by_translate_toolkit(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from translate.storage.xliff import xlifffile

    new(cli)
    path = write(tmp_path, "sayl.xlf", MEMOQ)
    r = cli("import", "p", path)
    assert r.code == 0 and "imported 4 segments, 3 targets" in r.err, r.err
    assert [s for _, _, s in rows(cli, "p", "kk")] == ["translated", "reviewed", "draft", "empty"]
    with open_workbench(Path("projects"), "p") as wb:
        last = wb.rows()[3].segment
        wb.confirm(last.id, "kk", "Учаскелер сағат 8-де ашылады.")
        wb.confirm(wb.rows()[0].segment.id, "ru", "Выборы ⟨1⟩завтра⟨/1⟩.")
    assert cli("export", "p", "--format", "xliff", "--target", "kk", "-o", tmp_path / "kk").code == 0
    assert cli("export", "p", "--format", "xliff", "--target", "ru", "-o", tmp_path / "ru").code == 0
    before = xlifffile.parsefile(str(path)).units
    kk = xlifffile.parsefile(str(tmp_path / "kk" / "sayl.kk.xlf")).units
    ru = xlifffile.parsefile(str(tmp_path / "ru" / "sayl.ru.xlf")).units
    assert [u.getid() for u in kk] == [u.getid() for u in ru] == [u.getid() for u in before]
    assert [repr(u.rich_source) for u in kk] == [repr(u.rich_source) for u in before]
    assert [repr(u.rich_target) for u in kk[:3]] == [repr(u.rich_target) for u in before[:3]]
    assert str(kk[3].target) == "Учаскелер сағат 8-де ашылады."
    assert [u.getnotes() for u in kk] == [u.getnotes() for u in before]
    assert repr(ru[0].rich_target) == repr(before[0].rich_target).replace("Сайлау ", "Выборы ").replace(
        "ертең", "завтра").replace(" өтеді.", ".")  # fmt: skip
    assert [u.target for u in ru[1:]] == [None, None, None]
    tree = etree.parse(str(tmp_path / "kk" / "sayl.kk.xlf"))
    assert tree.xpath("//x:trans-unit[@id='4']/x:target/@state", namespaces=NS) == ["translated"]
    assert tree.xpath("//x:trans-unit[@id='4']/@mq:status", namespaces={**NS, "mq": "MQXliff"}) == [
        "ManuallyConfirmed"]  # fmt: skip
    assert tree.xpath("//x:file/@target-language", namespaces=NS) == ["kk-kz"]
    assert etree.parse(str(tmp_path / "ru" / "sayl.ru.xlf")).xpath("//x:file/@target-language",
                                                                   namespaces=NS) == ["ru"]  # fmt: skip


def test_trados_translated_segment_written_into_its_mrk(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    new(cli)
    path = write(tmp_path, "hosil.sdlxliff", TRADOS)
    assert cli("import", "p", path).code == 0
    with open_workbench(Path("projects"), "p") as wb:
        wb.confirm(wb.rows()[2].segment.id, "ru", "Цены упали.")
        wb.review.add_comment(wb.rows()[2].segment.id, "Which prices?", "ru")
    assert cli("export", "p", "--format", "xliff", "--target", "ru", "-o", tmp_path / "out").code == 0
    tree = etree.parse(str(tmp_path / "out" / "hosil.ru.sdlxliff"))
    assert tree.xpath("string(//x:target//x:mrk[@mid='3'])", namespaces=NS) == "Цены упали."
    assert tree.xpath("//sdl:seg[@id='3']/@conf", namespaces=NS) == ["Translated"]
    # the segments around it, the paragraph code and the untranslatable unit as they were
    assert tree.xpath("string(//x:target//x:mrk[@mid='1'])", namespaces=NS) == "Урожай пшеницы вырос."
    assert tree.xpath("//x:trans-unit[@id='0c8a3b1e-2']/x:target/x:g/@id", namespaces=NS) == ["pt1"]
    assert tree.xpath("//x:trans-unit[@id='0c8a3b1e-2']/x:target//x:mrk[@mid='2']/x:g/@id",
                      namespaces=NS) == ["pt2"]  # fmt: skip
    assert tree.xpath("string(//x:trans-unit[@translate='no']/x:source)", namespaces=NS) == "[hidden]"
    assert tree.xpath("//sdl:seg[@id='2']/@conf", namespaces=NS) == ["Draft"]
    unit = tree.xpath("//x:trans-unit[@id='0c8a3b1e-2']", namespaces=NS)[0]
    assert [local(c) for c in unit][:4] == ["source", "seg-source", "target", "note"]
    assert unit.xpath("string(x:note[@from='reviewer'])", namespaces=NS).endswith("Which prices?")


def test_xliff_20_export_read_by_translate_toolkit_and_cross_version(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from translate.storage.xliff import xlifffile
    from translate.storage.xliff2 import Xliff2File

    new(cli)
    path = write(tmp_path, "ob-havo.xlf", XLIFF20)
    assert cli("import", "p", path).code == 0
    with open_workbench(Path("projects"), "p") as wb:
        wb.confirm(wb.rows()[1].segment.id, "ru", "⟨1⟩Температура⟨/1⟩ понизится.")
        wb.review.add_comment(wb.rows()[2].segment.id, "Check the wind", "ru")  # an open comment: a note
    assert cli("export", "p", "--format", "xliff2", "--target", "ru", "-o", tmp_path / "v2").code == 0
    assert cli("export", "p", "--format", "xliff", "--target", "ru", "-o", tmp_path / "v1").code == 0
    out = tmp_path / "v2" / "ob-havo.ru.xlf"
    tree = etree.parse(str(out))
    assert tree.xpath("//x2:segment[@id='s2']/@state", namespaces=NS) == ["translated"]
    assert tree.xpath("//x2:segment[@id='s2']/x2:target/x2:sc/@id", namespaces=NS) == ["3"]
    assert tree.xpath("//x2:segment[@id='s2']/x2:target/x2:ec/@startRef", namespaces=NS) == ["3"]
    assert [local(c) for c in tree.xpath("//x2:unit[@id='u2']", namespaces=NS)[0]] == ["notes", "segment"]
    assert tree.xpath("//x2:unit[@id='u2']/x2:notes/x2:note[@category='reviewer']/text()",
                      namespaces=NS)[0].endswith("Check the wind")  # fmt: skip
    units = Xliff2File.parsefile(str(out)).units
    original = Xliff2File.parsefile(str(path)).units
    assert [str(u.source) for u in units] == [str(u.source) for u in original]
    assert [str(u.target) for u in units] == ["В Ташкенте пойдёт дождь.", "Температура понизится.", "Ветер усилится.",
                                              "None"]  # the unit marked translate="no" as it was
    # the same document as XLIFF 1.2: unit ids, notes and codes kept, mapped to 1.2's
    v1 = etree.parse(str(tmp_path / "v1" / "ob-havo.ru.xlf"))
    assert v1.xpath("//x:trans-unit/@id", namespaces=NS) == ["u1_s1", "u1_s2", "u2"]
    assert v1.xpath("//x:trans-unit[@id='u1_s1']/x:source/x:g/@id", namespaces=NS) == ["1"]
    assert v1.xpath("//x:trans-unit[@id='u1_s1']/x:note/text()", namespaces=NS) == ["weather, front page"]
    tk = xlifffile.parsefile(str(tmp_path / "v1" / "ob-havo.ru.xlf")).units
    assert [str(u.target) for u in tk] == ["В Ташкенте пойдёт дождь.", "Температура понизится.", "Ветер усилится."]


def test_reimport_keeps_the_translators_work(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    new(cli)
    path = write(tmp_path, "sayl.xlf", MEMOQ)
    assert cli("import", "p", path).code == 0
    with open_workbench(Path("projects"), "p") as wb:
        wb.confirm(wb.rows()[0].segment.id, "kk", "Сайлау ⟨1⟩ертең⟨/1⟩ болады.")  # the translator's own
    edited = MEMOQ.replace("Kuzatuvchilar 40", "Kuzatuvchilar 45").replace("Бақылаушылар 40 елден келеді.",
                                                                          "Бақылаушылар 45 елден келеді.")
    path.write_text(edited, encoding="utf-8")
    r = cli("import", "p", path)
    assert r.code == 0, r.err
    assert "re-imported: 4 segments, 3 unchanged, 1 changed or new, 1 removed, 1 target" in r.err, r.err
    assert "(1 of the file's not taken" in r.err
    got = rows(cli, "p", "kk")
    assert got[0][1:] == ("Сайлау ⟨1⟩ертең⟨/1⟩ болады.", "translated")
    assert got[2] == ("Kuzatuvchilar 45 ta davlatdan keladi.", "Бақылаушылар 45 елден келеді.", "draft")


# ---- languages and bad input ------------------------------------------------------------------------------
def _documents(tmp_path: Path) -> int:
    with sqlite3.connect(tmp_path / "projects" / "p" / "project.db") as conn:
        return int(conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0])


@pytest.mark.parametrize("mangle,needle", [
    (lambda t: t.replace('<?xml version="1.0" encoding="utf-8"?>',
                         '<?xml version="1.0"?><!DOCTYPE xliff [<!ENTITY e "boom">]>'), "entity"),
    (lambda t: t[: len(t) // 2], "malformed XML"),
    (lambda t: t.replace('version="1.2" xmlns=', 'version="3.0" xmlns='), "XLIFF version 3.0 is not supported"),
    (lambda t: t.replace('source-language="uz-latn-uz"', 'source-language="en-US"'),
     "the file's source language is en-US, the project's is uz"),
    (lambda t: t.replace('target-language="kk-kz"', 'target-language="de"'), "not a target language"),
])  # fmt: skip
def test_bad_files_one_line_exit_2_nothing_changed(cli, tmp_path: Path, mangle: Any, needle: str) -> None:  # type: ignore[no-untyped-def]
    new(cli)
    path = write(tmp_path, "bad.xlf", mangle(MEMOQ))
    r = cli("import", "p", path)
    assert r.code == 2
    one_line_error(r.err, "bad.xlf", needle)
    assert _documents(tmp_path) == 0


def test_uz_script_variants_of_the_source_language(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    new(cli)
    for i, tag in enumerate(("uz@cyrillic", "uz-Cyrl", "uz_UZ@latin")):
        text = MEMOQ.replace('source-language="uz-latn-uz"', f'source-language="{tag}"')
        assert cli("import", "p", write(tmp_path, f"s{i}.xlf", text)).code == 0


def test_a_huge_file_is_refused(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    new(cli)
    path = tmp_path / "huge.xlf"
    with open(path, "wb") as f:
        f.write(MEMOQ.encode())
        f.truncate(2 * 1024**3)  # 2 GB, sparse
    r = cli("import", "p", path)
    assert r.code == 2
    one_line_error(r.err, "huge.xlf")
    assert _documents(tmp_path) == 0


# ---- the real files of ../shared ------------------------------------------------------------------------
def test_real_openxliff_20(cli, shared: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = shared / REAL / "openxliff_OpenXLIFF_Java_es.xliff2.xlf"
    tree = etree.parse(str(path))
    segs = tree.xpath("//x2:unit[not(@translate='no')]/x2:segment[normalize-space(x2:source)]", namespaces=NS)
    final = [s for s in segs if s.get("state") == "final" and s.xpath("normalize-space(x2:target)", namespaces=NS)]
    new(cli, source="en", targets="es")
    r = cli("import", "p", path)
    assert r.code == 0, r.err
    assert f"imported {len(segs)} segments, {len(final)} targets" in r.err
    got = rows(cli, "p", "es")
    assert len(got) == len(segs) and sum(1 for g in got if g[2] == "reviewed") == len(final)
    assert cli("export", "p", "--format", "xliff2", "--target", "es", "-o", tmp_path / "out").code == 0
    out = tmp_path / "out" / "openxliff_OpenXLIFF_Java_es.xliff2.es.xlf"
    assert c14n(out) == c14n(path)


def test_real_translate_toolkit_11(cli, shared: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from translate.storage.xliff import xlifffile

    path = shared / REAL / "translate_odf2xliff-reference.xliff12.xlf"
    units = [u for u in xlifffile.parsefile(str(path)).units if str(u.source).strip()]
    new(cli, source="en", targets="ru")
    r = cli("import", "p", path)
    assert r.code == 0 and f"imported {len(units)} segments" in r.err, r.err
    with open_workbench(Path("projects"), "p") as wb:
        first = wb.rows()[0].segment
        assert first.source == "This ⟨1⟩is a⟨/1⟩ test⟨2/⟩, hooray."
        wb.confirm(first.id, "ru", "Это ⟨1⟩есть⟨/1⟩ тест⟨2/⟩, ура.")
    assert cli("export", "p", "--format", "xliff", "--target", "ru", "-o", tmp_path / "out").code == 0
    back = [u for u in xlifffile.parsefile(str(tmp_path / "out" / path.name.replace(".xlf", ".ru.xlf"))).units
            if str(u.source).strip()]  # fmt: skip
    assert [u.getid() for u in back] == [u.getid() for u in units]
    assert [repr(u.rich_source) for u in back] == [repr(u.rich_source) for u in units]
    assert repr(back[0].rich_target) == repr(units[0].rich_source).replace("This ", "Это ").replace(
        "is a", "есть").replace(" test", " тест").replace(", hooray.", ", ура.")  # fmt: skip


def test_qa_checks_the_files_codes(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    new(cli)
    assert cli("import", "p", write(tmp_path, "suv.xlf", PHRASE)).code == 0
    with open_workbench(Path("projects"), "p") as wb:
        seg = wb.rows()[0].segment  # "Suv taʼminoti ⟨1⟩yaxshilandi⟨/1⟩."
        wb.confirm(seg.id, "kk", "Сумен жабдықтау жақсарды.")  # the bold code lost
        found = [f for f in wb.qa(["kk"], spelling=False) if f.segment == seg.id]
    assert [f.check for f in found if f.check == "tags"] == ["tags"]


def test_no_join_or_split_and_reimport_keeps_the_files_segments(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tarjimon.core.errors import TarjimonError

    new(cli)
    path = write(tmp_path, "hosil.sdlxliff", TRADOS)
    assert cli("import", "p", path).code == 0
    with open_workbench(Path("projects"), "p") as wb:
        first = wb.rows()[0].segment
        with pytest.raises(TarjimonError, match="XLIFF document keeps the file's segments"):
            wb.join_segments(first.id)
        with pytest.raises(TarjimonError, match="cannot be joined or split"):
            wb.split_segment(first.id, 5)
    r = cli("import", "p", path)
    assert r.code == 0 and "4 segments, 4 unchanged" in r.err, r.err
