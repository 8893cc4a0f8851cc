"""gettext PO files from GNOME, Weblate, translate-toolkit, polib and OmegaT (../shared/data/interop) worked on as
documents: imported with `tarjimon import` (every message a paragraph, every msgid and plural form a segment, its
msgstr and fuzzy flag the target and its state), translated, exported back into the same file, and judged by
gettext's own rules (`msgfmt -c --check-format`) and by polib reading both files: what was not touched comes back
byte for byte. The expected counts come from polib reading the file, not from Tarjimon's reader."""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

import polib
import pytest

from tarjimon.core.workbench.facade import open_workbench

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "interop"
POS = sorted([*(SHARED / "real" / "po").glob("*.po"), *(SHARED / "po").glob("*.po")]) if SHARED.is_dir() else []
REFUSED = {
    "translate_f43.tgif.fr.po": "not valid utf-8 text",  # "deliberately broken header" (SOURCES.md): CR CR line ends
    "polib_test_fuzzy_header.po": "no message to translate",  # a header and nothing else
}

pytestmark = pytest.mark.skipif(not POS, reason=f"real PO files missing: {SHARED}")


def language(path: Path) -> str:
    """The file's Language header (gettext's own field), or "fr" for the headerless test files."""
    m = re.search(rb'^"Language: *([A-Za-z_@]+)', path.read_bytes(), re.MULTILINE)
    return m.group(1).decode() if m else "fr"


def expected(path: Path) -> dict[str, int]:
    """Segments (a msgid, or each plural form), translated and fuzzy targets, counted by polib."""
    counts = {"segments": 0, "translated": 0, "draft": 0}
    for entry in polib.pofile(str(path)):
        if entry.obsolete or not entry.msgid:
            continue
        forms = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        counts["segments"] += len(forms)
        filled = sum(1 for f in forms if f.strip())
        counts["draft" if entry.fuzzy else "translated"] += filled
    return counts


def new_project(cli, path: Path) -> str:  # type: ignore[no-untyped-def]
    lang = language(path)
    r = cli("new", "p", "--source", "en", "--targets", lang)
    assert r.code == 0, r.err
    return lang


@pytest.mark.parametrize("path", POS, ids=[p.name for p in POS])
def test_every_real_po_imports_as_a_document_and_comes_back_as_it_was(cli, tmp_path: Path, path: Path) -> None:  # type: ignore[no-untyped-def]
    lang = new_project(cli, path)
    r = cli("import", "p", str(path), "--json")
    if path.name in REFUSED:
        assert r.code == 2 and REFUSED[path.name] in r.err and str(path) in r.err and r.err.count("\n") == 1
        assert json.loads(cli("documents", "p", "--json").out) in ([], {"documents": []})
        return
    assert r.code == 0, r.err
    want = expected(path)
    got = json.loads(r.out)[0]
    assert got["segments"] == want["segments"] and got["targets"] == want["translated"] + want["draft"]
    with closing(sqlite3.connect(tmp_path / "projects" / "p" / "project.db")) as db:  # no later command needed:
        assert db.execute("SELECT COUNT(*) FROM tm_outbox").fetchone()[0] == 0  # the confirmed targets are in the TM
        if want["translated"]:
            assert db.execute("SELECT COUNT(*) FROM tm_units").fetchone()[0] > 0
    stats = json.loads(cli("stats", "p", "--json").out)["languages"][re.split("[@_-]", lang)[0]]
    assert (stats["translated"], stats["draft"]) == (want["translated"], want["draft"])
    out = cli("export", "p", "--format", "po", "--target", lang, "-o", str(tmp_path / "out"))
    assert out.code == 0, out.err
    (exported,) = (tmp_path / "out").iterdir()
    assert exported.read_bytes() == path.read_bytes()  # nothing touched: the file as it came, byte for byte


def _msgfmt(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["msgfmt", "-c", "--check-format", "-o", os.devnull, str(path)], capture_output=True, text=True)


def _entries(path: Path) -> dict[tuple[str | None, str], polib.POEntry]:
    return {(e.msgctxt, e.msgid): e for e in polib.pofile(str(path)) if not e.obsolete}


KEPT = ("comment", "tcomment", "occurrences", "previous_msgid", "previous_msgctxt", "previous_msgid_plural")


@pytest.mark.parametrize("name", ["real/po/gnome-font-viewer_kk.po", "real/po/sushi_ru.po", "real/po/weblate_kk_djangojs.po",
                                  "po/polib_test_obsolete_previousmsgid.po", "po/omegat_file-POFilter-multiple2_uk.po",
                                  "po/omegat_file-POFilter-fuzzyCtx.po"])  # fmt: skip
def test_translated_po_passes_msgfmt_and_keeps_what_was_not_touched(cli, tmp_path: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    path = SHARED / name
    lang = new_project(cli, path)
    assert cli("import", "p", str(path)).code == 0
    wb = open_workbench(tmp_path / "projects", "p")
    try:
        segments = wb.segments()
        edits = {s.id: (" ".join(re.findall(r"%[ds]", s.source)) + " файл", "translated")
                 for s in segments[1:] if "%d" in s.source[:12]}  # c-format: msgfmt checks the arguments
        # (with the source's placeholders: a c-format target without them is exported fuzzy, test_po_placeholders)
        edits[segments[0].id] = (" ".join(["Жаңа аударма", *re.findall(r"%[ds]", segments[0].source)]), "translated")
        other = [s for s in segments if s.paragraph != segments[0].paragraph]  # another message: fuzzy is per message
        if other:
            edits[other[0].id] = ("Аударманың жобасы", "draft")
        for sid, (text, status) in edits.items():
            wb.confirm(sid, lang, text, status)
        touched = {(s.source, s.id) for s in segments if s.id in edits}
    finally:
        wb.close()
    r = cli("export", "p", "--format", "po", "--target", lang, "-o", str(tmp_path / "out"))
    assert r.code == 0, r.err
    (exported,) = (tmp_path / "out").iterdir()
    if shutil.which("msgfmt"):
        before, after = _msgfmt(path), _msgfmt(exported)
        assert after.returncode == 0 or before.returncode != 0, after.stderr  # (three test files fail as they come)
        assert after.stderr.count("error") <= before.stderr.count("error"), after.stderr
    old, new = _entries(path), _entries(exported)
    assert old.keys() == new.keys()
    sources = {src for src, _ in touched}
    for key, entry in old.items():
        mine = new[key]
        assert [getattr(mine, a) for a in KEPT] == [getattr(entry, a) for a in KEPT], key
        if entry.msgid in sources or entry.msgid_plural in sources:
            continue
        assert (mine.msgstr, mine.msgstr_plural, mine.flags) == (entry.msgstr, entry.msgstr_plural, entry.flags), key
    first = next(e for e in new.values() if e.msgid.strip() == segments[0].source or e.msgid_plural.strip() == segments[0].source)
    assert "Жаңа аударма" in (first.msgstr or first.msgstr_plural[0]) and not first.fuzzy
    if other:
        second = next(e for e in new.values() if other[0].source in (e.msgid.strip(), e.msgid_plural.strip()))
        assert second.fuzzy
    assert [e.msgid for e in polib.pofile(str(exported)).obsolete_entries()] == \
        [e.msgid for e in polib.pofile(str(path)).obsolete_entries()]  # fmt: skip
    meta, was = polib.pofile(str(exported)).metadata, polib.pofile(str(path)).metadata
    if was.get("Content-Type", "").endswith("ISO8859-1"):  # Kazakh does not fit: the file says it became UTF-8
        assert meta.pop("Content-Type") == "text/plain; charset=UTF-8" and was.pop("Content-Type")
    assert meta == was


def test_a_russian_po_exported_into_kazakh_has_kazakh_plural_forms(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = SHARED / "real" / "po" / "sushi_ru.po"
    assert cli("new", "p", "--source", "en", "--targets", "kk,ru").code == 0
    assert cli("import", "p", str(path)).code == 0
    wb = open_workbench(tmp_path / "projects", "p")
    try:
        for s in wb.segments():
            wb.confirm(s.id, "kk", "бір файл" if s.source == "%d item" else f"[{s.source}]")
    finally:
        wb.close()
    assert cli("export", "p", "--format", "po", "--target", "kk", "-o", str(tmp_path / "out")).code == 0
    (exported,) = (tmp_path / "out").iterdir()
    po = polib.pofile(str(exported))
    assert po.metadata["Language"] == "kk" and po.metadata["Plural-Forms"].startswith("nplurals=2;")
    assert po.metadata["X-Generator"] == polib.pofile(str(path)).metadata["X-Generator"]  # the next header kept
    plural = next(e for e in po if e.msgid_plural)
    assert sorted(plural.msgstr_plural) == [0, 1] and plural.msgstr_plural[0] == "бір файл"
    if shutil.which("msgfmt"):
        assert _msgfmt(exported).returncode == 0, _msgfmt(exported).stderr


def test_merge_back_takes_the_translators_new_work_and_leaves_confirmed_work_alone(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = SHARED / "real" / "po" / "sushi_kk.po"
    assert cli("new", "p", "--source", "en", "--targets", "kk").code == 0
    assert cli("import", "p", str(path)).code == 0
    wb = open_workbench(tmp_path / "projects", "p")
    try:
        first, second, third = wb.segments()[:3]
        wb.confirm(second.id, "kk", "жоба", "draft")  # the translator is asked to finish it
        wb.confirm(third.id, "kk", "расталған аударма", "reviewed")  # the editor's confirmed work
    finally:
        wb.close()
    assert cli("export", "p", "--format", "po", "--target", "kk", "-o", str(tmp_path / "out")).code == 0
    (sent,) = (tmp_path / "out").iterdir()
    po = polib.pofile(str(sent), wrapwidth=0)
    for entry in po:
        if entry.msgid == second.source:
            entry.msgstr, entry.flags = "аяқталған аударма", [f for f in entry.flags if f != "fuzzy"]
        elif entry.msgid == third.source:
            entry.msgstr = "аудармашының нұсқасы"
    back = tmp_path / "back" / sent.name  # sushi_kk.kk.po, as export named it: it updates sushi_kk.po
    back.parent.mkdir()
    po.save(str(back))
    r = cli("import", "p", str(back), "--json")
    assert r.code == 0, r.err
    report = json.loads(r.out)[0]
    assert report["document"] == path.name and report["reimport"] and report["unchanged"] == report["segments"]
    assert [d["name"] for d in json.loads(cli("documents", "p", "--json").out)] == [path.name]
    assert (report["targets"], report["targets_kept"]) == (1, 1)
    wb = open_workbench(tmp_path / "projects", "p")
    try:
        assert (wb.translation(second.id, "kk").text, wb.translation(second.id, "kk").status) == \
            ("аяқталған аударма", "translated")  # fmt: skip
        assert (wb.translation(third.id, "kk").text, wb.translation(third.id, "kk").status) == \
            ("расталған аударма", "reviewed")  # fmt: skip
        assert wb.translation(first.id, "kk").text == polib.pofile(str(path)).find(first.source).msgstr
    finally:
        wb.close()


def _hostile(tmp_path: Path, kind: str) -> Path:
    good = (SHARED / "real" / "po" / "sushi_kk.po").read_bytes()
    bad = tmp_path / "hostile" / "sushi_kk.po"
    bad.parent.mkdir()
    if kind == "fifo":
        os.mkfifo(bad)
    elif kind == "sparse":
        with open(bad, "wb") as f:
            f.truncate(2 * 1024**3)
    else:
        cut = good.index(b'msgstr "', 2000) + 12
        bad.write_bytes({"truncated": good[:cut], "latin1": good.replace("Қ".encode(), b"\xca", 1),
                         "nul": good[:cut] + b"\x00" + good[cut:],
                         "plural": good + b'\nmsgid "x"\nmsgid_plural "xs"\nmsgstr[0] "a"\nmsgstr[5] "b"\n'}[kind])  # fmt: skip
    return bad


@pytest.mark.parametrize("kind", ["truncated", "latin1", "nul", "plural", "fifo", "sparse"])
def test_hostile_variants_of_a_real_po_are_refused_in_one_line(cli, tmp_path: Path, kind: str) -> None:  # type: ignore[no-untyped-def]
    assert cli("new", "p", "--source", "en", "--targets", "kk").code == 0
    assert cli("import", "p", str(SHARED / "real" / "po" / "gnome-menus_kk.po")).code == 0
    before = cli("documents", "p", "--json").out
    bad = _hostile(tmp_path, kind)
    r = cli("import", "p", str(bad), "--json")
    assert r.code == 2 and r.out == "" and r.err.count("\n") == 1 and str(bad) in r.err, r.err
    assert cli("documents", "p", "--json").out == before


def test_a_template_made_from_a_real_po_is_translated_into_two_languages(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    po = polib.pofile(str(SHARED / "real" / "po" / "sushi_ru.po"), wrapwidth=0)  # made a POT as xgettext writes it
    for entry in po:
        entry.msgstr, entry.flags = "", [f for f in entry.flags if f != "fuzzy"]
        entry.msgstr_plural = {0: "", 1: ""} if entry.msgid_plural else {}
    po.metadata.update({"Language": "", "Content-Type": "text/plain; charset=CHARSET",
                        "Plural-Forms": "nplurals=INTEGER; plural=EXPRESSION;"})  # fmt: skip
    pot = tmp_path / "sushi.pot"
    po.save(str(pot))
    assert cli("new", "p", "--source", "en", "--targets", "kk,ru").code == 0
    r = cli("import", "p", str(pot), "--json")
    assert r.code == 0 and json.loads(r.out)[0]["targets"] == 0, r.err
    wb = open_workbench(tmp_path / "projects", "p")
    try:
        for s in wb.segments():
            wb.confirm(s.id, "kk", f"к {s.source}")
            wb.confirm(s.id, "ru", f"р {s.source}")
    finally:
        wb.close()
    for lang, forms in (("kk", 2), ("ru", 3)):
        assert cli("export", "p", "--format", "po", "--target", lang, "-o", str(tmp_path / lang)).code == 0
        (out,) = (tmp_path / lang).iterdir()
        done = polib.pofile(str(out))
        assert done.metadata["Language"] == lang and "charset=UTF-8" in done.metadata["Content-Type"]
        assert done.metadata["Plural-Forms"].startswith(f"nplurals={forms};")
        assert all(len(e.msgstr_plural) == forms for e in done if e.msgid_plural)
        assert done.percent_translated() == 100
        if shutil.which("msgfmt"):
            assert _msgfmt(out).returncode == 0, _msgfmt(out).stderr


ARTICLE = SHARED / "real" / "probes" / "article.txt"


@pytest.mark.skipif(not ARTICLE.is_file(), reason=f"the probe article is missing: {ARTICLE}")
@pytest.mark.parametrize("fmt", ["po", "xliff", "xliff2"])
def test_an_article_sent_out_as_po_or_xliff_comes_back_into_its_own_segments(cli, tmp_path: Path, fmt: str) -> None:  # type: ignore[no-untyped-def]
    assert cli("new", "p", "--source", "uz", "--targets", "kk,ru").code == 0
    assert cli("import", "p", str(ARTICLE)).code == 0
    wb = open_workbench(tmp_path / "projects", "p")
    try:
        segments = wb.segments()
        wb.confirm(segments[0].id, "kk", "редактордың аудармасы", "reviewed")
    finally:
        wb.close()
    assert cli("export", "p", "--format", fmt, "--target", "kk", "-o", str(tmp_path / "out")).code == 0
    (sent,) = (tmp_path / "out").iterdir()
    text = sent.read_text("utf-8")
    if fmt == "po":  # the translator fills every message (and changes the editor's)
        po = polib.pofile(str(sent), wrapwidth=0)
        for entry in po:
            entry.msgstr = f"kk: {entry.msgid}"
        po.save(str(sent))
    else:
        src = re.compile(r'(<source xml:space="preserve">(.*?)</source>)' if fmt == "xliff2" else r"(<source>(.*?)</source>)")
        done = src.sub(lambda m: m.group(1) + f"<target>kk: {m.group(2)}</target>", text)
        done = done.replace('state="initial"', 'state="translated"')  # 2.0: the state is the segment's
        done = re.sub(r"(</source>)<target>[^<]*</target>(\s*<target)", r"\1\2", done)  # (one there already)
        sent.write_text(done.replace("редактордың аудармасы", "аудармашының нұсқасы"), "utf-8")
    r = cli("import", "p", str(sent), "--json")
    assert r.code == 0, r.err
    report = json.loads(r.out)[0]
    assert report["document"] == ARTICLE.name and report["unchanged"] == len(segments)
    assert (report["targets"], report["targets_kept"]) == (len(segments) - 1, 1)
    assert [d["name"] for d in json.loads(cli("documents", "p", "--json").out)] == [ARTICLE.name]
    wb = open_workbench(tmp_path / "projects", "p")
    try:
        assert wb.translation(segments[0].id, "kk").text == "редактордың аудармасы"
        assert all(wb.translation(s.id, "kk").text.startswith("kk: ") for s in segments[1:])
        assert all(wb.translation(s.id, "ru").status == "empty" for s in segments)
    finally:
        wb.close()


def test_a_reviewers_comment_goes_out_as_a_translator_comment_once(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = SHARED / "real" / "po" / "gnome-menus_kk.po"
    assert cli("new", "p", "--source", "en", "--targets", "kk").code == 0
    assert cli("import", "p", str(path)).code == 0
    wb = open_workbench(tmp_path / "projects", "p")
    try:
        segment = wb.segments()[4]
        wb.review.add_comment(segment.id, "Термин сөздікпен\nсәйкес емес", "kk")
    finally:
        wb.close()
    for round_trip in range(2):  # exported, re-imported as the translator sends it back, exported again
        out = tmp_path / f"out{round_trip}"
        assert cli("export", "p", "--format", "po", "--target", "kk", "-o", str(out)).code == 0
        (sent,) = out.iterdir()
        entry = next(e for e in polib.pofile(str(sent)) if e.msgid.strip() == segment.source)
        assert entry.tcomment.count("Термин сөздікпен сәйкес емес") == 1, entry.tcomment
        if shutil.which("msgfmt"):
            assert _msgfmt(sent).returncode == 0
        assert cli("import", "p", str(sent)).code == 0
    others = [e for e in polib.pofile(str(sent)) if e.msgid.strip() != segment.source]
    assert [e.tcomment for e in others] == [e.tcomment for e in polib.pofile(str(path)) if e.msgid.strip() != segment.source]


@pytest.mark.parametrize("path", [p for p in POS if p.name not in REFUSED], ids=lambda p: p.name)
def test_tm_import_of_a_real_po_accounts_for_every_message(cli, path: Path) -> None:  # type: ignore[no-untyped-def]
    # counted by polib: each msgid (each plural form), translated or not, and each obsolete (#~) message
    po = polib.pofile(str(path))
    live = [e for e in po if e.msgid and not e.obsolete]
    forms = [f for e in live for f in (list(e.msgstr_plural.values()) if e.msgid_plural else [e.msgstr])]
    obsolete = sum(1 for e in po if e.msgid and e.obsolete)
    assert cli("new", "p", "--source", "en", "--targets", language(path)).code == 0
    r = cli("tm", "import", "p", str(path), "--json", "--target-lang", language(path))
    assert r.code == 0, r.err
    (got,) = json.loads(r.out)["files"]
    assert got["added"] + got["duplicates"] + got["skipped"] == len(forms) + obsolete
    assert got["skipped_why"].get("obsolete entry (#~)", 0) == obsolete
    assert got["skipped_why"].get("empty target", 0) == sum(1 for f in forms if not f)


def test_a_plural_form_is_never_copied_into_another_form(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # sushi_ru.po's "%d item" / "%d items" has three Russian forms; forms 1 and 2 share the msgid_plural
    po = polib.pofile(str(SHARED / "real" / "po" / "sushi_ru.po"), wrapwidth=0)
    for entry in po:
        entry.msgstr, entry.msgstr_plural = "", {n: "" for n in entry.msgstr_plural}
    path = tmp_path / "sushi_ru.po"
    po.save(str(path))
    assert cli("new", "p", "--source", "en", "--targets", "ru").code == 0
    assert cli("import", "p", str(path)).code == 0
    wb = open_workbench(tmp_path / "projects", "p")
    try:
        forms = [s for s in wb.segments() if s.source in ("%d item", "%d items")]
        assert [s.kind for s in forms] == ["body", "plural 1", "plural 2"]
        wb.confirm(forms[1].id, "ru", "%d элемента")  # few (2-4)
        assert wb.translation(forms[2].id, "ru").status == "empty"  # many (5+) is another word
        wb.confirm(forms[2].id, "ru", "%d элементов")
    finally:
        wb.close()
    assert cli("export", "p", "--format", "po", "--target", "ru", "-o", str(tmp_path / "out")).code == 0
    (out,) = (tmp_path / "out").iterdir()
    plural = next(e for e in polib.pofile(str(out)) if e.msgid_plural)
    assert plural.msgstr_plural == {0: "", 1: "%d элемента", 2: "%d элементов"}
