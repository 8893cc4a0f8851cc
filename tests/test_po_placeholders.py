"""A PO message flagged as a format string (c-format, python-format, python-brace-format, javascript-format)
whose confirmed target's placeholders do not agree with the source's is exported `#, fuzzy`, as Poedit does,
and the export's report says which and why. Before (ec6f074) it went out as a plain translation: `msgfmt -c`
refused the file, or a program given the catalogue crashed on the message (`%d` handed a string).

formats/po_formats.mismatch is held to msgfmt -c itself on a table of cases (where msgfmt is installed)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from tarjimon.core.formats.po_formats import mismatch
from tarjimon.core.workbench.facade import open_workbench

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "interop" / "real" / "po"

CASES = [  # (format, msgid, msgstr, msgfmt -c refuses it)
    ("c-format", "%s has %d files", "%s имеет %d файлов", False),
    ("c-format", "%s has %d files", "%d файлов у %s", True),
    ("c-format", "%s has %d files", "%2$d файлов у %1$s", False),
    ("c-format", "%s has %d files", "%s имеет файлы", True),
    ("c-format", "%s has %d files", "%s имеет %d файлов %s", True),
    ("c-format", "%ld bytes", "%d байт", True),
    ("c-format", "%u items", "%d элементов", True),
    ("c-format", "%.*f done", "%.*f готово", False),
    ("c-format", "%.*f done", "%f готово", True),
    ("c-format", "100%% done", "100%% готово", False),
    ("c-format", "100%% done", "100% готово", True),
    ("c-format", "Instance %d", "Данасы %i", False),
    ("c-format", "%s %s", "%1$s %s", True),
    ("python-format", "%(name)s has %(count)d", "%(count)d у %(name)s", False),
    ("python-format", "%(name)s has %(count)d", "у %(name)s", True),
    ("python-format", "%(name)s has %(count)d", "у %(nom)s %(count)d", True),
    ("python-format", "%(name)s has %(count)d", "у %(name)d %(count)d", True),
    ("python-format", "%s: translating %s", "%s: vertaal %s", False),
    ("python-format", "%s: translating %s", "%s: vertaal", True),
    ("python-format", "%s files", "%d файлов", True),
    ("python-brace-format", "{name} has {count} files", "{count} файлов у {name}", False),
    ("python-brace-format", "{name} has {count} files", "у {name} файлы", True),
    ("python-brace-format", "{name!r:>10}", "{name}", False),
    ("python-brace-format", "{{literal}} {x}", "{{литерал}} {x}", False),
    ("javascript-format", "Ctrl+M then %s", "Ctrl+M sosyn %s", False),
    ("javascript-format", "Ctrl+M then %s", "Ctrl+M sosyn", True),
    ("javascript-format", "%s of %d", "%d of %s", True),
]


@pytest.mark.parametrize(("fmt", "msgid", "msgstr", "refused"), CASES)
def test_the_check_agrees_with_msgfmt(tmp_path: Path, fmt: str, msgid: str, msgstr: str, refused: bool) -> None:
    assert bool(mismatch(fmt, msgid, msgstr)) == refused
    if shutil.which("msgfmt"):  # the table itself is msgfmt's answer
        po = tmp_path / "one.po"
        po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: ru\\n"\n\n'
                      f'#, {fmt}\nmsgid "{msgid}"\nmsgstr "{msgstr}"\n', encoding="utf-8")  # fmt: skip
        run = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(po)], capture_output=True, text=True)
        assert (run.returncode != 0) == refused, run.stderr


def test_a_brace_field_the_program_does_not_pass_is_held_too() -> None:
    # msgfmt lets "{} имеет {} и {}" pass for "{} has {}"; str.format raises IndexError on it
    assert mismatch("python-brace-format", "{} has {}", "{} имеет {} и {}") == "{2} is not in the source"
    assert mismatch("c-format", "%d file", "один файл", plural=True) == ""  # a form for one number may drop it
    assert mismatch("c-format", "%d file", "%s файл", plural=True) != ""


@pytest.mark.skipif(not SHARED.is_dir(), reason=f"real PO files missing: {SHARED}")
@pytest.mark.parametrize(("name", "lang", "wrong", "right"), [
    ("gnome-font-viewer_kk.po", "kk", ("Instance %d", "%s данасы"), ("%s %g", "%s %g — %g, әдепкі %g")),
    ("weblate_kk_djangojs.po", "kk", ("Ctrl+M then %s", "Ctrl+M sosyn"), ("Ctrl+I then %s", "Ctrl+I, sosyn %s")),
])  # fmt: skip
def test_a_real_po_with_a_wrong_placeholder_is_exported_fuzzy_and_said(cli, tmp_path: Path, name: str, lang: str,  # type: ignore[no-untyped-def]
                                                                       wrong: tuple[str, str], right: tuple[str, str]) -> None:  # fmt: skip
    assert cli("new", "p", "--source", "en", "--targets", lang).code == 0
    assert cli("import", "p", str(SHARED / name)).code == 0
    wb = open_workbench(tmp_path / "projects", "p")
    try:
        by_source = {start: next(s for s in wb.segments() if s.source.startswith(start)) for start in (wrong[0], right[0])}
        for source, text in (wrong, right):
            wb.confirm(by_source[source].id, lang, text, "translated")
        number = [s.id for s in wb.segments()].index(by_source[wrong[0]].id) + 1
    finally:
        wb.close()
    r = cli("export", "p", "--format", "po", "--target", lang, "-o", str(tmp_path / "out"))
    assert r.code == 0, r.err
    assert f"1 {lang} target written fuzzy: its placeholders differ from the source's" in r.out + r.err
    assert f"segment {number} (" in r.out + r.err
    (out,) = (tmp_path / "out").iterdir()
    entries = {e.msgid: e for e in polib.pofile(str(out))}
    assert entries[wrong[0]].msgstr == wrong[1] and entries[wrong[0]].fuzzy  # the work kept, not passed off
    (done,) = [e for e in entries.values() if e.msgid.startswith(right[0])]
    assert done.msgstr == right[1] and not done.fuzzy
    if shutil.which("msgfmt"):
        run = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(out)], capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
    r = cli("export", "p", "--format", "po", "--target", lang, "-o", str(tmp_path / "again"), "--json")
    report = json.loads(r.out)["placeholders"]
    assert report["count"] == 1 and report["segments"] == [number] and "format" in report["why"][0]
    wb = open_workbench(tmp_path / "projects", "p")
    try:  # the project's own target is left as the translator confirmed it
        assert wb.repo.translation(by_source[wrong[0]].id, lang).status == "translated"
    finally:
        wb.close()


def test_a_plural_form_may_drop_the_number_only_where_it_stands_for_one_number() -> None:
    from tarjimon.core.formats.po_plurals import forms_of, single_forms

    assert single_forms("nplurals=2; plural=(n != 1);") == {0}  # form 0 is 1 alone: "один файл" passes
    assert single_forms(forms_of("ru")) == frozenset()  # Russian's form 0 is 1, 21, 31...: it may not
    assert single_forms("nplurals=3; plural=(n==1 ? 0 : (n>=2 && n<=4) ? 1 : 2);") == {0}  # Czech


@pytest.mark.skipif(not SHARED.is_dir(), reason=f"real PO files missing: {SHARED}")
def test_a_russian_plural_form_without_its_number_is_exported_fuzzy(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # sushi_ru.po's "%d item": msgstr[0] "один элемент" stands for 21 and 31 items too; msgfmt -c refuses it
    assert cli("new", "p", "--source", "en", "--targets", "ru").code == 0
    assert cli("import", "p", str(SHARED / "sushi_ru.po")).code == 0
    wb = open_workbench(tmp_path / "projects", "p")
    try:
        (one,) = [s for s in wb.segments() if s.source == "%d item"]
        wb.confirm(one.id, "ru", "один элемент", "translated")
    finally:
        wb.close()
    r = cli("export", "p", "--format", "po", "--target", "ru", "-o", str(tmp_path / "out"), "--json")
    assert r.code == 0, r.err
    assert json.loads(r.out)["placeholders"]["count"] == 1
    (out,) = (tmp_path / "out").iterdir()
    (entry,) = [e for e in polib.pofile(str(out)) if e.msgid == "%d item"]
    assert entry.fuzzy and entry.msgstr_plural[0] == "один элемент"
    if shutil.which("msgfmt"):
        run = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(out)], capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
