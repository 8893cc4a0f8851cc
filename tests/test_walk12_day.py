"""A translator's day with other tools around (walk12): what the walk found wrong, each with the test that
fails without its fix.

- A website's PO named for its language (web.kk.po), GNOME's po/kk.po, a CAT tool's story.kk-KZ.xlf went back
  as web.kk.kk.po, kk.kk.po, story.kk-KZ.kk.xlf: the file now goes back under the name it came, and a
  re-import of it updates its document.
- `pretranslate` listed the languages alphabetically, not in the project's order.
- `tm export` wrote the tags of a target confirmed on a tagged segment as the characters ⟨1⟩…⟨/1⟩.
- What a translator bills by (the job's words per match band, weighted by a pay grid) was missing:
  `stats --analysis`.
- A mistaken join split back at the same place gave drafts to confirm again: a part that is again its
  sentence and confirmed target of before the join keeps its status.
- A Word article exported as XLIFF had its tags as the characters ⟨1⟩…⟨/1⟩: codes now, taken back renumbered.
- A target added to an Okapi XLIFF (xml:lang on every source and target) had no xml:lang.
- The split dialog offered a two-sentence segment's first comma, not the end of its first sentence.
"""

from __future__ import annotations

import json
from pathlib import Path

import polib
import pytest

WEB_PO = r'''msgid ""
msgstr ""
"Project-Id-Version: kazinform-web 3.2\n"
"Language: kk\n"
"MIME-Version: 1.0\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Content-Transfer-Encoding: 8bit\n"
"Plural-Forms: nplurals=2; plural=(n!=1);\n"

#: templates/base.html:12
msgid "Бош саҳифа"
msgstr "Басты бет"

#: templates/article.html:60
msgid "Сунъий интеллект"
msgstr ""
'''

XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="story.html" source-language="uz" target-language="kk-KZ" datatype="html">
<body>
<trans-unit id="1"><source>Бош саҳифа</source></trans-unit>
</body>
</file>
</xliff>
"""


def _project(cli, *files: Path) -> None:  # type: ignore[no-untyped-def]
    assert cli("new", "p", "--source", "uz", "--targets", "kk,ru").code == 0
    r = cli("import", "p", *map(str, files))
    assert r.code == 0, r.err


def test_a_file_named_for_its_language_goes_back_under_its_own_name(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "in").mkdir()
    web, gnome, story = tmp_path / "in" / "web.kk.po", tmp_path / "in" / "kk.po", tmp_path / "in" / "story.kk-KZ.xlf"
    web.write_text(WEB_PO, encoding="utf-8")
    gnome.write_text(WEB_PO.replace("Бош саҳифа", "Янгиликлар"), encoding="utf-8")
    story.write_text(XLIFF, encoding="utf-8")
    _project(cli, web, gnome, story)
    out = tmp_path / "out"
    r = cli("export", "p", "--format", "original", "--target", "kk", "-o", str(out), "--json")
    assert r.code == 0, r.err
    assert sorted(p.name for p in out.iterdir()) == ["kk.po", "story.kk-KZ.xlf", "web.kk.po"]
    # exported in another language, a file is named for that one as before
    r = cli("export", "p", "--format", "po", "--target", "ru", "-o", str(tmp_path / "ru"), "--document", "web.kk.po")
    assert r.code == 0, r.err
    assert [p.name for p in (tmp_path / "ru").iterdir()] == ["web.kk.ru.po"]
    # the website's translator fills the file and sends it back: it updates its document, no second one
    po = polib.pofile(str(out / "web.kk.po"))
    po.find("Сунъий интеллект").msgstr = "Жасанды интеллект"
    back = tmp_path / "back" / "web.kk.po"
    back.parent.mkdir()
    po.save(str(back))
    r = cli("import", "p", str(back), "--json")
    assert r.code == 0, r.err
    assert json.loads(r.out)[0]["document"] == "web.kk.po"
    assert [d["name"] for d in json.loads(cli("documents", "p", "--json").out)] == ["web.kk.po", "kk.po",
                                                                                    "story.kk-KZ.xlf"]


def test_pretranslate_reports_the_languages_in_the_projects_order(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """`pretranslate` listed en, kk, ru (alphabetical) for a project of kk, ru, en, which `stats`, `documents`
    and the workbench list in that order."""
    article = tmp_path / "a.txt"
    article.write_text("Бош саҳифа.\n", encoding="utf-8")
    assert cli("new", "p", "--source", "uz", "--targets", "kk,ru,en").code == 0
    assert cli("import", "p", str(article)).code == 0
    r = cli("pretranslate", "p", "--json")
    assert r.code == 0, r.err
    assert list(json.loads(r.out)) == ["kk", "ru", "en"]
    r = cli("pretranslate", "p")
    assert [line.split(":")[0] for line in r.err.splitlines()] == ["kk", "ru", "en"]


TAGGED = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="story.html" source-language="uz" target-language="kk" datatype="html">
<body>
<trans-unit id="1"><source><g id="1">ASTANA. Kazinform</g> – Қозоғистон рақамли давлатга айланиши керак.</source>
</trans-unit>
</body>
</file>
</xliff>
"""


def test_tm_export_writes_a_confirmed_segments_tags_as_tmx_codes(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A target confirmed on a tagged segment (a Word file's bold dateline) went into `tm export` as the
    characters ⟨1⟩…⟨/1⟩, which OmegaT or Trados show as text; they are TMX's bpt/ept now, the file stays valid,
    and the TMX imported again gives the same unit back (a 101% match for the same segment)."""
    from lxml import etree

    from tarjimon.core.workbench.facade import open_workbench

    story = tmp_path / "story.xlf"
    story.write_text(TAGGED, encoding="utf-8")
    _project(cli, story)
    wb = open_workbench(tmp_path / "projects", "p")
    try:
        (segment,) = wb.segments()
        assert segment.source.startswith("⟨1⟩ASTANA. Kazinform⟨/1⟩")
        wb.confirm(segment.id, "kk", "⟨1⟩ASTANA. Kazinform⟨/1⟩ – Қазақстан цифрлық мемлекетке айналуы керек.")
    finally:
        wb.close()
    tmx = tmp_path / "p.tmx"
    assert cli("tm", "export", "p", "-o", str(tmx)).code == 0
    segs = etree.parse(str(tmx)).findall(".//seg")
    assert len(segs) == 2 and all(etree.tostring(s, encoding="unicode").startswith(
        '<seg><bpt i="1" x="1"/>ASTANA. Kazinform<ept i="1"/> – Қ') for s in segs)
    assert all("⟨" not in "".join(s.itertext()) for s in segs)
    # another desk takes the TMX: the same segment is pretranslated from it, its tags in place
    assert cli("new", "q", "--source", "uz", "--targets", "kk").code == 0
    assert cli("import", "q", str(story)).code == 0
    assert cli("tm", "import", "q", str(tmx)).code == 0
    assert cli("pretranslate", "q").code == 0
    wb = open_workbench(tmp_path / "projects", "q")
    try:
        (segment,) = wb.segments()
        assert wb.translation(segment.id, "kk").text == \
            "⟨1⟩ASTANA. Kazinform⟨/1⟩ – Қазақстан цифрлық мемлекетке айналуы керек."  # fmt: skip
    finally:
        wb.close()


def _tmx(units: list[tuple[str, str]]) -> str:
    tus = "".join(f'<tu><tuv xml:lang="uz"><seg>{s}</seg></tuv><tuv xml:lang="kk"><seg>{t}</seg></tuv></tu>'
                  for s, t in units)
    return (f'<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header creationtool="OmegaT" '
            f'segtype="sentence" adminlang="en" srclang="uz" datatype="plaintext" o-tmf="OmegaT TMX" '
            f'creationtoolversion="6.0"/><body>{tus}</body></tmx>')


def test_stats_analysis_gives_the_words_a_translator_bills_weighted_by_a_pay_grid(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """`analyse` gave bands per document only: no total for the job, no weighted words, which is what a
    translator invoices (memoQ and Trados give both). `stats --analysis` gives them per target language."""
    article = tmp_path / "a.txt"
    article.write_text("Бу йил жуда кўп ишлар қилинади.\nДавлат раҳбари таъкидлади.\n"
                       "Бу йил жуда кўп ишлар қилинади.\n", encoding="utf-8")
    other = tmp_path / "b.txt"
    other.write_text("Хитой ҳам чекиниш ниятида эмас.\n", encoding="utf-8")
    tmx = tmp_path / "omegat.tmx"
    tmx.write_text(_tmx([("Давлат раҳбари таъкидлади.", "Мемлекет басшысы атап өтті.")]), encoding="utf-8")
    assert cli("new", "p", "--source", "uz", "--targets", "kk").code == 0
    assert cli("import", "p", str(article), str(other)).code == 0
    assert cli("tm", "import", "p", str(tmx)).code == 0
    r = cli("stats", "p", "--analysis", "--json")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    assert data["words"] == 20 and data["analysis"]["weights"]["no match"] == 100  # the stats keys stay
    kk = data["analysis"]["languages"]["kk"]
    bands = {b: (c["segments"], c["words"]) for b, c in kk["bands"].items() if c["segments"]}
    # the first sentence new, its repetition (5 words), the TM's 100% (3 words), the second file's sentence new
    assert bands == {"repetitions": (1, 6), "100%": (1, 3), "no match": (2, 6 + 5)}
    assert kk["documents"] == 2 and kk["total"]["words"] == 20
    assert kk["total"]["weighted"] == pytest.approx(6 * 0.20 + 3 * 0.30 + 11)
    # the newsroom's grid kept in the project, and one given for a run
    r = cli("config", "p", "weights", "rep=0,100=50")
    assert r.code == 0, r.err
    kk = json.loads(cli("stats", "p", "--analysis", "--json").out)["analysis"]["languages"]["kk"]
    assert kk["total"]["weighted"] == pytest.approx(3 * 0.5 + 11)
    kk = json.loads(cli("stats", "p", "--analysis", "--json", "--weights", "new=50").out)["analysis"]["languages"]["kk"]
    assert kk["total"]["weighted"] == pytest.approx(6 * 0.2 + 3 * 0.3 + 5.5)
    text = cli("stats", "p", "--analysis").out
    assert "kk: 2 documents, 4 segments, 20 words: 12.5 weighted words" in text
    # a grid that does not read is refused with one line, and the project's stays
    r = cli("config", "p", "weights", "rep=120")
    assert r.code == 2 and "repetitions must be a whole percent from 0 to 100" in r.err
    assert "rep=0," in (tmp_path / "projects" / "p" / "project.toml").read_text(encoding="utf-8")
    r = cli("stats", "p", "--analysis", "--weights", "fuzzy=50")
    assert r.code == 2 and "'fuzzy=50' is not BAND=PERCENT" in r.err


def test_a_split_that_undoes_a_mistaken_join_keeps_the_confirmed_targets(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Two confirmed sentences joined by mistake and split back at the same place came back as drafts, to be
    confirmed again one by one. Each part that is again its sentence and target of before the join is now
    confirmed as it was; a target edited after the join, or cut elsewhere, is still a draft."""
    from tarjimon.core.workbench.facade import open_workbench

    article = tmp_path / "a.txt"
    article.write_text("Бу йил жуда кўп ишлар қилинади. Давлат раҳбари таъкидлади. Хитой ҳам чекинмайди.\n",
                       encoding="utf-8")
    assert cli("new", "p", "--source", "uz", "--targets", "kk,ru").code == 0
    assert cli("import", "p", str(article)).code == 0
    wb = open_workbench(tmp_path / "projects", "p")
    try:
        one, two, three = wb.segments()
        wb.confirm(one.id, "kk", "Биыл көп жұмыс атқарылады.")
        wb.confirm(two.id, "kk", "Мемлекет басшысы атап өтті.", "reviewed")
        wb.confirm(one.id, "ru", "В этом году будет сделано много.")
        wb.confirm(two.id, "ru", "Глава государства отметил.")
        wb.confirm(three.id, "kk", "Қытай шегінбейді.")
    finally:
        wb.close()
    assert cli("segments", "join", "p", "a.txt", "1").code == 0  # the mistake
    assert cli("segments", "join", "p", "a.txt", "1").code == 0  # and another: all three in one
    assert cli("segments", "split", "p", "a.txt", "1", "--before", "Хитой").code == 0
    wb = open_workbench(tmp_path / "projects", "p")
    try:
        joined, last = wb.segments()
        assert [(t.lang, t.status) for t in (wb.translation(last.id, "kk"),)] == [("kk", "translated")]
        wb.confirm(joined.id, "ru", "В этом году будет сделано очень много. Глава государства отметил.")
    finally:
        wb.close()
    r = cli("segments", "split", "p", "a.txt", "1", "--before", "Давлат", "--json")
    assert r.code == 0, r.err
    wb = open_workbench(tmp_path / "projects", "p")
    try:
        first, second, third = wb.segments()
        got = {(s.source, lang): (wb.translation(s.id, lang).text, wb.translation(s.id, lang).status)
               for s in (first, second) for lang in ("kk", "ru")}
    finally:
        wb.close()
    assert got == {
        ("Бу йил жуда кўп ишлар қилинади.", "kk"): ("Биыл көп жұмыс атқарылады.", "translated"),
        ("Давлат раҳбари таъкидлади.", "kk"): ("Мемлекет басшысы атап өтті.", "reviewed"),
        # ru was edited after the join: its first part is new text, a draft to check
        ("Бу йил жуда кўп ишлар қилинади.", "ru"): ("В этом году будет сделано очень много.", "draft"),
        ("Давлат раҳбари таъкидлади.", "ru"): ("Глава государства отметил.", "translated"),
    }


def test_xliff_export_of_a_word_file_gives_its_tags_as_codes_and_takes_them_back(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A Word article exported as XLIFF for a colleague's CAT tool had its bold, italic, link and footnote
    marks as the characters ⟨1⟩…⟨/1⟩ in the text, which OmegaT or Trados neither protect nor show as tags.
    They are XLIFF codes now (1.2 g/x, 2.0 pc/ph, with the tag's number as id), and the file sent back fills
    the document, its tags numbered as the document's (the file numbers each segment's codes from 1)."""
    import copy

    from lxml import etree
    from office_files import news_docx

    from tarjimon.core.workbench.facade import open_workbench

    article = news_docx(tmp_path / "news.docx")
    assert cli("new", "p", "--source", "uz", "--targets", "kk").code == 0
    assert cli("import", "p", str(article)).code == 0
    wb = open_workbench(tmp_path / "projects", "p")
    try:
        link = next(s for s in wb.segments() if "сайтда" in s.source)
    finally:
        wb.close()
    assert "⟨1⟩" not in link.source and "сайтда⟨/" in link.source  # a later sentence of its paragraph
    for fmt, ns in (("xliff", "urn:oasis:names:tc:xliff:document:1.2"), ("xliff2", "urn:oasis:names:tc:xliff:document:2.0")):
        out = tmp_path / fmt
        r = cli("export", "p", "--format", fmt, "--target", "kk", "-o", str(out), "--fill-source")
        assert r.code == 0, r.err
        (sent,) = out.iterdir()
        tree = etree.parse(str(sent))
        sources = tree.findall(f".//{{{ns}}}source")
        assert not any("⟨" in "".join(s.itertext()) for s in sources)
        codes = {etree.QName(el).localname for s in sources for el in s.iter() if el is not s}
        assert codes == ({"g", "x"} if fmt == "xliff" else {"pc", "ph"})
        # the colleague translates the link's sentence (keeping its codes) and sends the file back
        source = next(s for s in sources if "сайтда" in "".join(s.itertext()))
        target = source.getnext()
        if target is None or etree.QName(target).localname != "target":
            target = etree.Element(f"{{{ns}}}target")
            source.addnext(target)
        target[:] = [copy.deepcopy(child) for child in source]
        target.text = "Толық ақпарат "
        target[0].text, target[0].tail = "сайтта", f" берілген ({fmt})."
        # (2.0: reviewed, more than the 1.2 file's translated target it replaces)
        source.getparent().set("state", "final") if fmt == "xliff2" else target.set("state", "translated")
        tree.write(str(sent), xml_declaration=True, encoding="UTF-8")
        r = cli("import", "p", str(sent), "--json")
        assert r.code == 0, r.err
        assert json.loads(r.out)[0]["document"] == "news.docx"
        wb = open_workbench(tmp_path / "projects", "p")
        try:
            n = int(link.source.split("сайтда⟨/")[1].split("⟩")[0])
            assert wb.translation(link.id, "kk").text == f"Толық ақпарат ⟨{n}⟩сайтта⟨/{n}⟩ берілген ({fmt})."
        finally:
            wb.close()


def test_a_target_added_to_an_okapi_xliff_names_its_language_as_the_files_others_do(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Okapi writes xml:lang on every source and target; the targets Tarjimon added to such a file had none,
    beside the file's own targets that had it."""
    from lxml import etree

    from tarjimon.core.workbench.facade import open_workbench

    story = tmp_path / "okapi.xlf"
    story.write_text('''<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:okp="okapi-framework:xliff-extensions">
<file original="story.html" source-language="uz-Cyrl-UZ" target-language="kk-KZ" datatype="x-undefined">
<body>
<trans-unit id="1"><source xml:lang="uz-Cyrl-UZ">Бош саҳифа.</source>
<target xml:lang="kk-KZ" state="translated">Басты бет.</target></trans-unit>
<trans-unit id="2"><source xml:lang="uz-Cyrl-UZ">Янгиликлар.</source></trans-unit>
</body>
</file>
</xliff>
''', encoding="utf-8")
    _project(cli, story)
    wb = open_workbench(tmp_path / "projects", "p")
    try:
        wb.confirm(wb.segments()[1].id, "kk", "Жаңалықтар.")
    finally:
        wb.close()
    assert cli("export", "p", "--format", "original", "--target", "kk", "-o", str(tmp_path / "out")).code == 0
    targets = etree.parse(str(tmp_path / "out" / "okapi.kk.xlf")).findall(
        ".//{urn:oasis:names:tc:xliff:document:1.2}target")
    assert [(t.text, t.get("{http://www.w3.org/XML/1998/namespace}lang")) for t in targets] == [
        ("Басты бет.", "kk-KZ"), ("Жаңалықтар.", "kk-KZ")]


def test_the_split_dialog_offers_the_end_of_the_first_sentence_first() -> None:
    """A segment of two sentences (a join, or the segmenter's miss) is split between them nearly always; the
    dialog offered the first comma of the first sentence, and the walk split a Kazakh target in the middle of
    a clause. A one-sentence segment is still offered its first punctuation mark."""
    from tarjimon.tui.screens.split_join import first_point

    first = "Хитой ҳам чекиниш ниятида эмас, улар буни миллий обрў масаласи деб билишади. "
    two = first + "Хитойда беш мингга яқин компания фаолият юритмоқда."
    assert first_point(two) == len(first)
    quoted = "“Мамлакатнинг имкониятлари ёмон эмас”, – деди у. Давлат хизматлари, молия ривожланмоқда."
    assert quoted[first_point(quoted):].startswith("Давлат")
    one = "Эслатиб ўтамиз, ўтган йили Тошкентда ҳам шундай марказ очилган эди."
    assert one[first_point(one):] == "ўтган йили Тошкентда ҳам шундай марказ очилган эди."
