"""A Word news article through Tarjimon as a translator meets it: `tarjimon import` of a .docx with a heading,
bold, italic, a link, a footnote, a list and a table; targets typed in the workbench (Textual pilot) with
their tags and confirmed; `tarjimon export --format docx` per language; the files opened with python-docx
and their paragraphs, formatting, link, footnote, header and table checked. The ODT article goes the same
way (import, translate, export, read back). Real files from ../shared: probe.docx and probe.odt."""

from __future__ import annotations

import asyncio
import importlib.util
import json
import re
import sqlite3
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree
from office_files import FOOTNOTE, HEADING, LINK_URL, news_docx, news_odt

from tarjimon.core.text.tags import strip_tags
from tarjimon.core.workbench import Workbench

docx = pytest.importorskip("docx", reason="python-docx (a dependency) is not installed")

PROBES = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "interop" / "real" / "probes"
KK = {
    0: "Ташкентте жаңа мектеп ашылды",
    1: "Президент ⟨1⟩Шавкат Мирзиёев⟨/1⟩ мектепті ⟨2⟩жеке өзі⟨/2⟩ аралап көрді.⟨3/⟩",
    2: "Толық ақпарат ⟨4⟩сайтта⟨/4⟩ берілген.",
    3: "Бірінші сыныпқа 300 бала қабылданды.",
    7: "⟨1/⟩ Дереккөз: Kun.uz тілшісі.",
}
RU = {
    0: "В Ташкенте открылась новая школа",
    1: "Президент ⟨1⟩Шавкат Мирзиёев⟨/1⟩ ⟨2⟩лично⟨/2⟩ осмотрел школу.⟨3/⟩",
    2: "Подробности ⟨4⟩на сайте⟨/4⟩.",
}


def project(tmp_path: Path) -> Workbench:
    return Workbench.open(tmp_path / "projects", "news", glossaries_dir=tmp_path / "glossaries")


def test_the_article_is_imported_with_kinds_and_tags(tmp_path: Path, cli: Callable) -> None:
    path = news_docx(tmp_path / "maktab.docx")
    assert cli("new", "news", "--source", "uz", "--targets", "kk,ru").code == 0
    r = cli("import", "news", path)
    assert r.code == 0, r.err
    assert "maktab.docx: imported 8 segments" in r.err + r.out
    with project(tmp_path) as wb:
        segs = wb.segments()
        assert [s.source for s in segs] == [
            HEADING,
            "Президент ⟨1⟩Шавкат Мирзиёев⟨/1⟩ мактабни ⟨2⟩шахсан⟨/2⟩ кўздан кечирди.⟨3/⟩",
            "Батафсил маълумот ⟨4⟩сайтда⟨/4⟩ берилган.",
            "Биринчи синфга 300 бола қабул қилинди.",
            "Мактабда 40 ўқитувчи ишлайди.",
            "Ўқувчилар",
            "1200",
            f"⟨1/⟩ {FOOTNOTE}",  # the footnote's own text, after the body; ⟨1/⟩ is its number mark
        ]
        assert [s.kind for s in segs][:2] == ["heading", "body"]
        doc = wb.repo.documents()[0]
        assert [p.kind for p in wb.repo.paragraphs(doc.id)] == ["heading", "body", "list", "list", "body", "body",
                                                                 "note"]
        fmt, original = wb.repo.original(doc.id)
        assert fmt == "docx" and original == path.read_bytes()
        plain = "\n".join(strip_tags(s.source) for s in segs) + "\n"
    # tags are no words: the article counts as many words as its text typed into a .txt
    (tmp_path / "plain.txt").write_text(plain, encoding="utf-8")
    cli("new", "plain", "--source", "uz", "--targets", "kk")
    cli("import", "plain", tmp_path / "plain.txt")
    words = [json.loads(cli("stats", name, "--json").out)["words"] for name in ("news", "plain")]
    assert words[0] == words[1] > 30


async def _wait(pilot, condition, tries: int = 200) -> None:  # type: ignore[no-untyped-def]
    for _ in range(tries):
        await pilot.pause(0.05)
        if condition():
            return


def translate_in_the_workbench(wb: Workbench, targets: dict[str, dict[int, str]]) -> None:
    """Type each target in the TUI's editor, its tags with F10, and confirm it with Enter."""
    from tarjimon.tui.app import TarjimonApp
    from tarjimon.tui.editor import TargetEditor
    from tarjimon.tui.workbench import WorkbenchScreen

    ids = [s.id for s in wb.segments()]

    async def run() -> None:
        app = TarjimonApp(wb)
        async with app.run_test(size=(140, 40)) as pilot:
            screen = app.screen
            assert isinstance(screen, WorkbenchScreen)
            for lang, texts in targets.items():
                for index, text in texts.items():
                    screen.goto(index, lang)
                    editor = screen.query_one(TargetEditor)
                    await _wait(pilot, lambda e=editor: e.has_focus)
                    await pilot.press("ctrl+d")  # clear whatever the cell held
                    for piece in re.split(r"(⟨/?\d+/?⟩)", text):
                        if re.fullmatch(r"⟨/?\d+/?⟩", piece):
                            await pilot.press("f10")  # no keyboard has ⟨ ⟩: F10 inserts the source's next tag
                            assert editor.text.endswith(piece)
                        elif piece:
                            await pilot.press(*piece)
                    assert editor.text == text
                    await pilot.press("enter")
                    sid = ids[index]
                    await _wait(pilot, lambda sid=sid, la=lang: wb.translation(sid, la).status == "translated")
                    assert wb.translation(sid, lang).text == text

    wb.lock()
    asyncio.run(run())


def test_translated_in_the_workbench_and_exported_per_language(tmp_path: Path, cli: Callable) -> None:
    path = news_docx(tmp_path / "maktab.docx")
    cli("new", "news", "--source", "uz", "--targets", "kk,ru")
    assert cli("import", "news", path).code == 0
    with project(tmp_path) as wb:
        translate_in_the_workbench(wb, {"kk": KK, "ru": RU})
        rows = wb.rows()
        assert rows[1].targets["kk"].text == KK[1] and rows[2].targets["ru"].text == RU[2]
        assert not [f for f in wb.qa(["kk"], spelling=False) if f.check == "tags"]
    out = tmp_path / "out"
    for lang in ("kk", "ru"):
        r = cli("export", "news", "--format", "docx", "--target", lang, "-o", out, "--fill-source")
        assert r.code == 0, r.err
    kk = docx.Document(str(out / "maktab.kk.docx"))
    ru = docx.Document(str(out / "maktab.ru.docx"))

    paras = [p for p in kk.paragraphs if p.text.strip()]
    assert [p.style.name for p in paras] == ["Heading 1", "Normal", "List Bullet", "List Bullet"]
    assert paras[0].text == KK[0]
    body = paras[1]
    assert [r.text for r in body.runs if r.bold] == ["Шавкат Мирзиёев"]
    assert [r.text for r in body.runs if r.italic] == ["жеке өзі"]
    assert [(h.url, h.text) for h in body.hyperlinks] == [(LINK_URL, "сайтта")]
    assert body.text == ("Президент Шавкат Мирзиёев мектепті жеке өзі аралап көрді. Толық ақпарат сайтта "
                         "берілген.")  # fmt: skip
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    assert [el.get(f"{w}id") for el in body._p.iter(f"{w}footnoteReference")] == ["1"]
    assert paras[2].text == KK[3]
    assert paras[3].text == "Мактабда 40 ўқитувчи ишлайди."  # untranslated: the source, as txt export does
    assert kk.tables[0].cell(0, 0).text == "Ўқувчилар" and kk.tables[0].cell(0, 1).text == "1200"
    assert kk.sections[0].header.paragraphs[0].text == "Kun.uz · Жамият"
    with zipfile.ZipFile(out / "maktab.kk.docx") as z:
        notes = z.read("word/footnotes.xml").decode()
    assert "Дереккөз: Kun.uz тілшісі." in notes and FOOTNOTE not in notes and "<w:footnoteRef/>" in notes
    with zipfile.ZipFile(out / "maktab.ru.docx") as z:
        assert FOOTNOTE in z.read("word/footnotes.xml").decode()  # not translated into Russian: the source

    defaults = kk.styles.element.find(f"{w}docDefaults/{w}rPrDefault/{w}rPr/{w}lang")
    assert defaults.get(f"{w}val") == "kk-KZ"  # Word proofs the translation as Kazakh
    assert cli("export", "news", "--format", "txt", "--target", "kk", "-o", out, "--fill-source").code == 0
    text = (out / "maktab.kk.txt").read_text(encoding="utf-8")
    assert "Президент Шавкат Мирзиёев мектепті жеке өзі аралап көрді." in text and "⟨" not in text

    ru_body = [p for p in ru.paragraphs if p.text.strip()][1]
    assert [r.text for r in ru_body.runs if r.bold] == ["Шавкат Мирзиёев"]
    assert [r.text for r in ru_body.runs if r.italic] == ["лично"]
    assert [(h.url, h.text) for h in ru_body.hyperlinks] == [(LINK_URL, "на сайте")]
    assert [p.style.name for p in ru.paragraphs if p.text.strip()][0] == "Heading 1"


def test_the_editor_inserts_wraps_and_deletes_tags_whole(tmp_path: Path, cli: Callable) -> None:
    from tarjimon.tui.app import TarjimonApp
    from tarjimon.tui.editor import TargetEditor

    cli("new", "news", "--source", "uz", "--targets", "kk")
    cli("import", "news", news_docx(tmp_path / "maktab.docx"))
    with project(tmp_path) as wb:
        wb.lock()

        async def run() -> None:
            app = TarjimonApp(wb)
            async with app.run_test(size=(140, 40)) as pilot:
                app.screen.goto(2, "kk")  # "Батафсил маълумот ⟨4⟩сайтда⟨/4⟩ берилган."
                editor = app.screen.query_one(TargetEditor)
                await _wait(pilot, lambda: editor.has_focus)
                await pilot.press("ctrl+d", *"Толық ақпарат сайтта")
                await pilot.press(*["shift+left"] * len("сайтта"), "f10")
                assert editor.text == "Толық ақпарат ⟨4⟩сайтта⟨/4⟩"
                await pilot.press("end", "backspace")  # the closing tag goes whole
                assert editor.text == "Толық ақпарат ⟨4⟩сайтта"
                await pilot.press("f10", "f10")  # the missing ⟨/4⟩ comes back; then nothing is missing
                assert editor.text == "Толық ақпарат ⟨4⟩сайтта⟨/4⟩"
                await pilot.press("home", *["right"] * len("Толық ақпарат "), "delete")
                assert editor.text == "Толық ақпарат сайтта⟨/4⟩"

        asyncio.run(run())


def test_a_lost_tag_is_a_qa_finding(tmp_path: Path, cli: Callable) -> None:
    cli("new", "news", "--source", "uz", "--targets", "kk")
    cli("import", "news", news_docx(tmp_path / "maktab.docx"))
    with project(tmp_path) as wb:
        seg = wb.segments()[1]
        wb.confirm(seg.id, "kk", "Президент Шавкат Мирзиёев мектепті ⟨2⟩жеке өзі⟨/2⟩ аралап көрді.⟨3/⟩")
        found = [f for f in wb.qa(["kk"], spelling=False) if f.check == "tags"]
        assert len(found) == 1 and "⟨1⟩" in found[0].message and "⟨/1⟩" in found[0].message
        wb.confirm(seg.id, "kk", "Президент Шавкат Мирзиёев мектепті жеке өзі аралап көрді.")
        found = {f.check for f in wb.qa(["kk"], spelling=False)}
        assert "tags" in found and "end-punctuation" not in found  # the source's full stop is before its ⟨3/⟩
        assert "number" not in found  # tag numbers are not numbers of the text


def test_the_odt_article_round_trip(tmp_path: Path, cli: Callable) -> None:
    path = news_odt(tmp_path / "maktab.odt")
    cli("new", "news", "--source", "uz", "--targets", "kk")
    assert cli("import", "news", path).code == 0
    with project(tmp_path) as wb:
        segs = wb.segments()
        assert [s.source for s in segs][:3] == [HEADING,
                                               "Президент ⟨1⟩Шавкат Мирзиёев⟨/1⟩ мактабни ⟨2⟩шахсан⟨/2⟩ кўздан "
                                               "кечирди.⟨3/⟩", "Батафсил маълумот ⟨4⟩сайтда⟨/4⟩ берилган."]  # fmt: skip
        assert segs[3].source == FOOTNOTE  # the note's own text, right after the sentence holding its mark
        doc = wb.repo.documents()[0]
        assert [p.kind for p in wb.repo.paragraphs(doc.id)] == ["heading", "body", "note", "list", "body"]
        for i, text in {**KK, 3: "Дереккөз: Kun.uz тілшісі.", 4: KK[3]}.items():
            if i < len(segs) and i != 7:
                wb.confirm(segs[i].id, "kk", text)
    r = cli("export", "news", "--format", "odt", "--target", "kk", "-o", tmp_path / "out", "--fill-source")
    assert r.code == 0, r.err
    written = tmp_path / "out" / "maktab.kk.odt"
    with zipfile.ZipFile(written) as z:
        assert z.infolist()[0].filename == "mimetype" and z.infolist()[0].compress_type == zipfile.ZIP_STORED
        assert z.read("styles.xml") == zipfile.ZipFile(path).read("styles.xml")
        root = etree.fromstring(z.read("content.xml"))
    ns = {"text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0", "xlink": "http://www.w3.org/1999/xlink"}
    h = root.find(".//text:h", ns)
    assert "".join(h.itertext()) == KK[0] and h.find("text:bookmark", ns) is not None
    p = root.find(".//text:p[@text:style-name='Text_20_body']", ns)
    spans = {s.get(f"{{{ns['text']}}}style-name"): s.text for s in p.findall("text:span", ns)}
    assert spans == {"T1": "Шавкат Мирзиёев", "T2": "жеке өзі"}
    link = p.find("text:a", ns)
    assert link.get(f"{{{ns['xlink']}}}href") == LINK_URL and link.text == "сайтта"
    note = p.find("text:note", ns)
    assert note.find("text:note-citation", ns).text == "1"
    assert "".join(note.find("text:note-body", ns).itertext()) == "Дереккөз: Kun.uz тілшісі."
    # another tool reads it: translate-toolkit's odf2xliff finds the translated text
    if importlib.util.find_spec("translate") is not None:
        xlf = tmp_path / "other.xlf"
        subprocess.run([sys.executable, "-m", "translate.convert.odf2xliff", str(written), str(xlf)], check=True,
                       capture_output=True, timeout=120)  # fmt: skip
        sources = ["".join(el.itertext()) for el in etree.parse(str(xlf)).iter("{*}source")]
        assert KK[0] in sources and "Бірінші сыныпқа 300 бала қабылданды." in sources
    # read back by Tarjimon itself: the translation is what the file now says
    cli("new", "back", "--source", "kk", "--targets", "ru")
    assert cli("import", "back", written).code == 0
    with Workbench.open(tmp_path / "projects", "back", glossaries_dir=tmp_path / "glossaries") as wb:
        assert [s.source for s in wb.segments()][:4] == [KK[0], KK[1], KK[2], "Дереккөз: Kun.uz тілшісі."]


def test_docx_export_of_a_project_with_a_text_article_writes_that_one_as_txt(tmp_path: Path, cli: Callable) -> None:
    # (it used to refuse the whole export; a mixed project now writes each document in the format it can)
    (tmp_path / "a.txt").write_text("Бир жумла.\n", encoding="utf-8")
    cli("new", "news", "--source", "uz", "--targets", "kk")
    cli("import", "news", news_docx(tmp_path / "maktab.docx"), tmp_path / "a.txt")  # the .docx one comes first
    r = cli("export", "news", "--format", "docx", "--target", "kk", "-o", tmp_path / "out", "--fill-source")
    assert r.code == 0, r.err
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.kk.txt", "maktab.kk.docx"]
    assert "a.txt: written as txt, not docx: docx rebuilds an imported docx file; this document is txt" in r.out


def test_reimport_keeps_translations_and_replaces_the_original(tmp_path: Path, cli: Callable) -> None:
    import docx as python_docx

    path = news_docx(tmp_path / "maktab.docx")
    cli("new", "news", "--source", "uz", "--targets", "kk")
    cli("import", "news", path)
    with project(tmp_path) as wb:
        wb.confirm(wb.segments()[0].id, "kk", KK[0])
    d = python_docx.Document(str(path))
    d.add_paragraph("Янги хатбоши қўшилди.")
    d.save(str(path))
    r = cli("import", "news", path)
    assert r.code == 0 and "9 segments, 8 unchanged" in r.err + r.out
    with project(tmp_path) as wb:
        assert wb.rows()[0].targets["kk"].text == KK[0]
        assert wb.repo.original(wb.repo.documents()[0].id)[1] == path.read_bytes()
    assert cli("export", "news", "--format", "docx", "--target", "kk", "-o", tmp_path / "out",
               "--fill-source").code == 0
    out = python_docx.Document(str(tmp_path / "out" / "maktab.kk.docx"))
    assert out.paragraphs[0].text == KK[0] and out.paragraphs[-1].text == "Янги хатбоши қўшилди."


def test_tm_import_of_a_docx_says_unsupported(tmp_path: Path, cli: Callable) -> None:
    cli("new", "news", "--source", "uz", "--targets", "kk")
    r = cli("tm", "import", "news", news_docx(tmp_path / "maktab.docx"))
    assert r.code == 2 and "DOCX is not a TM format" in r.err


@pytest.mark.parametrize("name", ["probe.docx", "probe.odt"])
def test_real_probe_files(tmp_path: Path, cli: Callable, name: str) -> None:
    probe = PROBES / name
    if not probe.is_file():
        pytest.skip(f"{probe} is not here (../shared)")
    cli("new", "news", "--source", "uz", "--targets", "kk")
    r = cli("import", "news", probe)
    assert r.code == 0, r.err
    with project(tmp_path) as wb:
        segs = wb.segments()
        assert [s.source for s in segs] == ["Тошкентда янги мактаб очилди."]
        wb.confirm(segs[0].id, "kk", "Ташкентте жаңа мектеп ашылды.")
    fmt = name.rsplit(".", 1)[1]
    r = cli("export", "news", "--format", fmt, "--target", "kk", "-o", tmp_path / "out")
    assert r.code == 0, r.err
    written = tmp_path / "out" / f"probe.kk.{fmt}"
    with zipfile.ZipFile(written) as z:
        xml = z.read("word/document.xml" if fmt == "docx" else "content.xml").decode()
    assert "Ташкентте жаңа мектеп ашылды." in xml and "Тошкентда" not in xml
    assert sqlite3.connect(tmp_path / "projects" / "news" / "project.db").execute(
        "SELECT COUNT(*) FROM document_originals").fetchone()[0] == 1  # fmt: skip


def test_a_control_character_in_a_target_is_left_out_of_docx_and_odt(tmp_path: Path, cli: Callable) -> None:
    """Before: a target holding a control character (`tarjimon replace p әлем $'ә\\x0bлем\\x07'` puts one there)
    made `export --format docx` (and odt) end in a traceback: lxml's ValueError 'All strings must be XML
    compatible'. XML 1.0 cannot carry them: they are left out, as TMX export does."""
    from office_files import plain_docx

    plain_docx(tmp_path / "a.docx", ["Salom dunyo.", "Ikkinchi gap."])
    news_odt(tmp_path / "b.odt")
    for fmt, article in (("docx", tmp_path / "a.docx"), ("odt", tmp_path / "b.odt")):
        cli("new", fmt, "--source", "uz", "--targets", "kk")
        assert cli("import", fmt, article).code == 0
        with Workbench.open(tmp_path / "projects", fmt, glossaries_dir=tmp_path / "glossaries") as wb:
            for seg in wb.segments():
                wb.confirm(seg.id, "kk", "Сәлем\x0b әлем\x07.")
        r = cli("export", fmt, "--format", fmt, "--target", "kk", "-o", tmp_path / f"out-{fmt}")
        assert r.code == 0, r.err
        (written,) = (tmp_path / f"out-{fmt}").iterdir()
        with zipfile.ZipFile(written) as z:
            xml = z.read("word/document.xml" if fmt == "docx" else "content.xml").decode("utf-8")
        assert "Сәлем әлем." in xml
