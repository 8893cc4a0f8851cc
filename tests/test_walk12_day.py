"""A translator's day with other tools around (walk12): what the walk found wrong, each with the test that
fails without its fix.

- A website's PO named for its language (web.kk.po), GNOME's po/kk.po, a CAT tool's story.kk-KZ.xlf went back
  as web.kk.kk.po, kk.kk.po, story.kk-KZ.kk.xlf: the file now goes back under the name it came, and a
  re-import of it updates its document.
- `pretranslate` listed the languages alphabetically, not in the project's order.
- `tm export` wrote the tags of a target confirmed on a tagged segment as the characters ⟨1⟩…⟨/1⟩.
"""

from __future__ import annotations

import json
from pathlib import Path

import polib

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
