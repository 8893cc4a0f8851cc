"""A PO's plural forms shown with their kind for each target language ("one", "few", "many", "other"), from the
file's Plural-Forms for its own language, else the one a PO export writes (formats/po_plurals.py): in
`segments list`, the workbench's target cells and the editor's title. A POT's plural message gets as many
forms as the targets need (Russian's "few" and "many" apart); a Russian PO's third form is "unused" in Kazakh. Each PO export's Plural-Forms passes msgfmt -c."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from test_tui import bench, grid_text, pilot_test, settle

from tarjimon.core.formats.po import PLURAL_FORMS
from tarjimon.core.formats.po_plurals import form_labels, kinds
from tarjimon.core.workbench import Workbench
from tarjimon.tui.app import TarjimonApp
from tarjimon.tui.editor import TargetEditor

REAL = Path(__file__).resolve().parents[2] / "shared" / "data" / "interop" / "real" / "po"
SUSHI_RU = REAL / "sushi_ru.po"  # GNOME Sushi in Russian: "%d item" with three forms

pytestmark = pytest.mark.skipif(not SUSHI_RU.is_file(), reason=f"real PO files missing: {REAL}")


def _header(path: Path) -> str:
    return polib.pofile(str(path)).metadata["Plural-Forms"]


def test_the_kind_of_each_form_from_plural_forms() -> None:
    assert kinds(PLURAL_FORMS["ru"], "ru") == ("one", "few", "many")
    assert kinds(_header(SUSHI_RU), "ru") == ("one", "few", "many")
    assert kinds(PLURAL_FORMS["kk"], "kk") == kinds(PLURAL_FORMS["en"], "en") == ("one", "other")
    assert kinds(_header(REAL / "sushi_kk.po"), "kk") == ("one/other",)  # GNOME's Kazakh: one form for all
    assert kinds(_header(REAL / "weblate_he-three.po"), "he") == ("one", "other", "two")  # n==2 is form 2
    assert kinds("nplurals=2; plural=n%10==0;", "xx") == ("n=1, 2, 3…", "n=0, 10, 20…")  # no CLDR rule: examples
    assert kinds("nplurals=2; plural=__import__('os');", "ru") == ()  # only C's operators are evaluated
    assert form_labels(2, "ru") == ["one", "few/many"]  # a POT's msgid_plural: the export writes it into both
    assert form_labels(3, "kk") == ["one", "other", "unused"]


@pytest.fixture
def project(tmp_path: Path) -> Workbench:
    proj = Workbench.create(tmp_path / "projects", "p", "en", ["ru", "kk"], glossaries_dir=tmp_path / "g")
    proj.import_file(SUSHI_RU)
    pot = polib.pofile(str(SUSHI_RU))
    pot.metadata.update({"Language": "", "Plural-Forms": "nplurals=INTEGER; plural=EXPRESSION;"})
    for entry in pot:
        entry.msgstr, entry.flags = "", []
        entry.msgstr_plural = {0: "", 1: ""} if entry.msgid_plural else {}
    pot.save(str(tmp_path / "sushi.pot"))
    proj.import_file(tmp_path / "sushi.pot")
    proj.lock()
    yield proj
    proj.close()


def test_segments_list_names_each_forms_kind(cli, project: Workbench) -> None:  # type: ignore[no-untyped-def]
    project.close()
    listed = cli("segments", "list", "p").out.splitlines()
    assert "sushi_ru.po\t21\t%d item\tplural: ru one, kk one" in listed
    assert "sushi_ru.po\t22\t%d items\tplural: ru few, kk other" in listed
    assert "sushi_ru.po\t23\t%d items\tplural: ru many, kk unused" in listed
    # a POT's plural message: as many forms as the targets need (it used to be two, Russian's "few/many" one
    # segment written into both msgstr[1] and msgstr[2]: "5 элемента")
    assert "sushi.pot\t22\t%d items\tplural: ru few, kk other" in listed
    assert "sushi.pot\t23\t%d items\tplural: ru many, kk unused" in listed
    rows = json.loads(cli("segments", "list", "p", "--json").out)
    assert [r["plural"] for r in rows if r["document"] == "sushi.pot" and "plural" in r] == [
        {"ru": "one", "kk": "one"}, {"ru": "few", "kk": "other"}, {"ru": "many", "kk": "unused"}]
    assert sum("plural" in r for r in rows) == 6  # no other message is a plural one


@pilot_test
async def test_the_workbench_shows_the_kind_in_the_cell_and_the_editor(project: Workbench) -> None:
    index = next(i for i, s in enumerate(project.segments()) if s.source == "%d items")
    app = TarjimonApp(project)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot, app)
        bench(app).goto(index + 1, "ru")
        await pilot.pause()
        shown = grid_text(app)
        assert "few: %d элемента" in shown and "many: %d элементов" in shown and "unused:" in shown
        assert "plural form: many" in str(app.screen.query_one(TargetEditor).border_title)
        bench(app).goto(index + 1, "kk")
        await pilot.pause()
        assert "plural form: unused" in str(app.screen.query_one(TargetEditor).border_title)


@pytest.mark.parametrize("lang", ["ru", "kk", "uz", "uk"])
def test_a_pot_exported_for_each_language_has_its_plural_forms(tmp_path: Path, lang: str) -> None:
    pot = polib.pofile(str(SUSHI_RU))
    pot.metadata.update({"Language": "", "Plural-Forms": "nplurals=INTEGER; plural=EXPRESSION;"})
    for entry in pot:
        entry.msgstr, entry.flags = "", []
        entry.msgstr_plural = {0: "", 1: ""} if entry.msgid_plural else {}
    pot.save(str(tmp_path / "s.pot"))
    with Workbench.create(tmp_path / "projects", "p", "en", [lang], glossaries_dir=tmp_path / "g") as proj:
        proj.import_file(tmp_path / "s.pot")
        for n, seg in enumerate(proj.segments()):
            if "%d" in seg.source:
                proj.confirm(seg.id, lang, seg.source.replace("item", f"X{n}"))
        (path,) = proj.export("po", lang, tmp_path / "out")
    out = polib.pofile(str(path))
    assert out.metadata["Plural-Forms"] == PLURAL_FORMS[lang] and out.metadata["Language"] == lang
    (entry,) = [e for e in out if e.msgid_plural]
    assert len(entry.msgstr_plural) == len(kinds(PLURAL_FORMS[lang], lang))
    assert len(set(entry.msgstr_plural.values())) == len(entry.msgstr_plural)  # each form its own translation
    if shutil.which("msgfmt"):
        done = subprocess.run(["msgfmt", "-c", "-o", os.devnull, str(path)], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("fmt", ["xliff", "xliff2"])
def test_an_xliff_export_of_a_po_says_which_form_each_unit_is(project: Workbench, tmp_path: Path, fmt: str) -> None:
    from lxml import etree

    out = tmp_path / fmt
    project.export_report(fmt, "ru", out, documents=["sushi.pot"])
    (path,) = out.iterdir()
    root = etree.parse(str(path)).getroot()
    notes = [n.text for n in root.iter("{*}note") if (n.text or "").startswith("plural form")]
    assert notes == ["plural form: one", "plural form: few", "plural form: many"]  # the three forms, nothing else
