"""Inline tags written in TM texts (⟨1⟩ of a project's segments, {0}/%s of PO strings, HTML): a sentence and a
unit differing only in their tags score 99 (the `tags` penalty), fuzzy ones as their words do, and the diff
shows the tags whole (tm/tagged.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from testkit import REPO

from tarjimon.core.store import Store
from tarjimon.core.tm.sqlite.backend import SqliteMemory
from tarjimon.core.tm.tagged import has_tags, tags_of, untag
from tarjimon.tui.tm_panel import highlight_diff

TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en"
 srclang="uz" datatype="plaintext"/><body>
<tu><tuv xml:lang="uz"><seg><bpt i="1">&lt;b&gt;</bpt>Toshkent<ept i="1">&lt;/b&gt;</ept> shahri</seg></tuv>
<tuv xml:lang="kk"><seg><bpt i="1">&lt;b&gt;</bpt>Ташкент<ept i="1">&lt;/b&gt;</ept> қаласы</seg></tuv></tu>
</body></tmx>
"""


@pytest.fixture
def tm(tmp_path: Path) -> SqliteMemory:
    return SqliteMemory(Store(tmp_path / "p.db"))


def best(tm: SqliteMemory, text: str):  # type: ignore[no-untyped-def]
    found = tm.lookup(text, "kk", limit=1, source_lang="uz")
    assert found, text
    return found[0]


@pytest.mark.parametrize(("unit", "sentence"), [
    ("<b>Toshkent</b> shahri bugun bayram qildi", "Toshkent shahri bugun bayram qildi"),  # HTML in a PO string
    ("Toshkent shahri bugun bayram qildi", "⟨1⟩Toshkent⟨/1⟩ shahri bugun bayram qildi"),  # a DOCX segment
    ("⟨1⟩Toshkent⟨/1⟩ shahri bugun bayram qildi", "Toshkent shahri bugun bayram qildi"),  # a confirmed one
    ("Fayl {1} saqlandi, {2} ta xato bor", "Fayl saqlandi, ta xato bor"),  # PO placeholders
    ("Fayl %s saqlandi, %d ta xato bor", "Fayl saqlandi, ta xato bor"),
    ("Fayl {1} saqlandi, {2} ta xato bor", "Fayl ⟨1⟩ saqlandi, ⟨2⟩ ta xato bor"),  # another tag syntax
])
def test_a_tag_only_difference_scores_99_with_the_tags_penalty(tm: SqliteMemory, unit: str, sentence: str) -> None:
    tm.add(unit, "таржима", "uz", "kk")
    m = best(tm, sentence)
    assert (m.score, m.penalties) == (99, ("tags",))
    changed = [w for op, w in m.diff if op != "equal"]
    assert changed and all(tags_of(w) == [w] for w in changed), m.diff  # the tags whole, no word "1" or "b"


def test_the_same_tags_on_both_sides_is_100(tm: SqliteMemory) -> None:
    tm.add("⟨1⟩Toshkent⟨/1⟩ shahri bugun bayram qildi", "таржима", "uz", "kk")
    m = best(tm, "⟨1⟩Toshkent⟨/1⟩ shahri bugun bayram qildi")
    assert (m.score, m.penalties) == (100, ())


def test_a_tmx_units_markup_counts_as_the_tags_it_shows(tm: SqliteMemory, tmp_path: Path) -> None:
    path = tmp_path / "t.tmx"
    path.write_text(TMX, encoding="utf-8")
    tm.import_file(path)
    assert (best(tm, "Toshkent shahri").score, best(tm, "Toshkent shahri").penalties) == (99, ("tags",))  # as before
    m = best(tm, "⟨1⟩Toshkent⟨/1⟩ shahri")  # the same tags as the unit shows: identical
    assert (m.score, m.penalties) == (100, ())
    assert [op for op, _ in m.diff] == ["equal"] * 4


def test_a_fuzzy_match_with_tags_scores_as_its_words_do_less_the_tags_penalty(tm: SqliteMemory,
                                                                               tmp_path: Path) -> None:
    tm.add("Bugun <b>Samarqand</b> shahrida yomgʻir yogʻdi", "таржима", "uz", "kk")
    tagged = best(tm, "Bugun ⟨1⟩Samarqand⟨/1⟩ shahrida kuchli yomgʻir yogʻdi")
    untagged = SqliteMemory(Store(tmp_path / "q.db"))
    untagged.add("Bugun Samarqand shahrida yomgʻir yogʻdi", "таржима", "uz", "kk")
    plain = best(untagged, "Bugun Samarqand shahrida kuchli yomgʻir yogʻdi")
    assert plain.penalties == () and 80 <= plain.score < 99
    assert (tagged.score, tagged.penalties) == (plain.score - 1, ("tags",))
    assert ("insert", "kuchli") in tagged.diff and ("delete", "<b>") in tagged.diff and ("insert", "⟨1⟩") in tagged.diff


def test_texts_without_tags_are_untouched() -> None:
    for text in ("Toshkent shahri", "a < b va c > d", "100% natija", "{ ochiq qavs", "5 <10", "x<y"):
        assert not has_tags(text) and untag(text) == text, text
    assert untag("Fayl {1} saqlandi") == "Fayl saqlandi"
    assert untag("<b>Toshkent</b> shahri ⟨2/⟩") == "Toshkent shahri"
    assert untag("Bugun <a href='x'>Samarqand</a> shahrida") == "Bugun Samarqand shahrida"


def test_the_tm_panel_shows_tags_apart_from_words() -> None:
    shown = highlight_diff("Bugun <b>Samarqand</b> shahrida",
                           (("equal", "Bugun"), ("delete", "<b>"), ("insert", "⟨1⟩"), ("equal", "Samarqand"),
                            ("delete", "</b>"), ("insert", "⟨/1⟩"), ("insert", "kuchli"), ("equal", "shahrida")))
    assert shown.plain.splitlines()[1:] == ["+ kuchli", "tags: -<b> +⟨1⟩ -</b> +⟨/1⟩"]


def test_tm_search_prints_the_tags_on_their_own_line(tmp_path: Path) -> None:
    env = {"PYTHONPATH": str(REPO / "src"), "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    base = [sys.executable, "-m", "tarjimon", "--projects-dir", str(tmp_path)]

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*base, *args], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)

    assert run("new", "p", "--source", "uz", "--targets", "kk").returncode == 0
    (tmp_path / "t.tmx").write_text(TMX.replace("<bpt i=\"1\">&lt;b&gt;</bpt>Toshkent<ept i=\"1\">&lt;/b&gt;</ept>",
                                                "&lt;b&gt;Toshkent&lt;/b&gt;"), encoding="utf-8")  # fmt: skip
    assert run("tm", "import", "p", str(tmp_path / "t.tmx")).returncode == 0
    out = run("tm", "search", "p", "Toshkent shahri", "--target", "kk").stdout
    assert " 99%  <b>Toshkent</b> shahri  (-tags)" in out and "      tags: -<b> -</b>" in out
    assert "differs:" not in out


@pytest.mark.parametrize("text", [
    'Filled out <a href="%{base_uri}/my/preferences/profile">profile</a> information',  # (Weblate's TMX)
    "%{display_name} badge on %{site_title}",
    "%{attribute} %{message}",  # tags alone: scored as written
])
def test_a_unit_with_tags_found_by_its_own_text_is_100(tm: SqliteMemory, text: str) -> None:
    tm.add(text, "таржима", "uz", "kk")
    tm.add("Boshqa bir gap bilan toʻldirilgan matn", "boshqa", "uz", "kk")
    m = best(tm, text)
    assert (m.score, m.penalties) == (100, ()), m


def test_an_element_named_in_a_software_string_is_text_not_a_tag() -> None:
    assert not has_tags("Missing <prop-group>") and not has_tags("Duplicated 'id' in <mtc:match>")
    assert tags_of('Click <A HREF="x">here</A>') == ['<A HREF="x">', "</A>"]


XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="a.txt" source-language="uz" target-language="kk" datatype="plaintext"><body>
<trans-unit id="1"><source><g id="1">Toshkent</g> shahri</source></trans-unit>
</body></file></xliff>
"""


def test_pretranslate_keeps_the_tags_of_a_unit_matching_a_tagged_segment(tmp_path: Path) -> None:
    from tarjimon.core.workbench import Workbench

    (tmp_path / "a.xlf").write_text(XLIFF, encoding="utf-8")
    (tmp_path / "t.tmx").write_text(TMX, encoding="utf-8")
    Workbench.create(tmp_path, "p", "uz", ["kk"]).close()
    wb = Workbench.open(tmp_path, "p")
    try:
        wb.import_file(tmp_path / "a.xlf")
        seg = wb.segments()[0]
        assert seg.source == "⟨1⟩Toshkent⟨/1⟩ shahri"
        wb.tm.import_file(tmp_path / "t.tmx")
        wb.pretranslate()
        got = wb.translation(seg.id, "kk")
        # the unit's tags come with it (the plain target would lose them in a "translated" segment)
        assert (got.text, got.status) == ("⟨1⟩Ташкент⟨/1⟩ қаласы", "translated")
    finally:
        wb.close()
