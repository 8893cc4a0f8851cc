"""PO files as TM: msgctxt, plurals, fuzzy (scored lower), obsolete skipped, charset from the header."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from testkit import SHARED

from tarjimon.core.store import Store
from tarjimon.core.tm.sqlite.backend import SqliteMemory

DATA = Path(__file__).parent / "data" / "tm"
SHARED_PO = SHARED / "data" / "interop" / "po"
# Units each shared PO gives (msgstr of live entries, one per plural form; headers and obsolete entries none),
# counted when the test was written; polib's count is checked as well.
SHARED_PO_UNITS = {
    "omegat_file-POFilter-fuzzyCtx.po": 2,
    "omegat_file-POFilter-multilines.po": 2,
    "omegat_file-POFilter-multiple2_uk.po": 4,
    "polib_test_fuzzy_header.po": 0,
    "polib_test_msgctxt.po": 4,
    "polib_test_obsolete_previousmsgid.po": 1,
    "polib_test_previous_msgid.po": 0,
    "polib_test_ufeff.po": 1,
    "translate_test_pocount_po_fuzzy_one.po": 2,
    "translate_test_pocount_po_plurals_plural.po": 3,
}
NO_SHARED_PO = pytest.param("", marks=pytest.mark.skip(reason="needs ../shared/data/interop/po (not here)"))


def test_cp1251_po_with_context_plurals_fuzzy_obsolete(tmp_path: Path) -> None:
    tm = SqliteMemory(Store(tmp_path / "p.db"), "en", ["ru"])
    r = tm.import_file(DATA / "cp1251.po")
    assert r.added == 6  # 2 contexts + 3 plural forms + 1 fuzzy; untranslated and obsolete skipped
    units = list(tm.units())
    assert {u.target for u in units} >= {"Открыть", "Открыть файл", "%d файл", "%d файла", "%d файлов"}
    assert not any("Устаревшая" in u.target for u in units)
    ctx = sorted(p[1] for u in units for p in u.props.get("tu", []) if p[0] == "x-msgctxt")
    assert ctx == ["menu", "toolbar"]
    fuzzy = tm.lookup("Save the document", "ru")[0]
    assert fuzzy.penalties == ("fuzzy",) and fuzzy.score == 95
    assert tm.lookup("%d files", "ru")[0].score == 100
    assert units[0].target_tag == "ru_RU" and units[0].target_lang == "ru"


def _polib_units(path: Path) -> int:
    n = 0
    for e in polib.pofile(str(path)):
        if e.obsolete or not e.msgid:
            continue
        n += sum(1 for v in e.msgstr_plural.values() if v) if e.msgid_plural else int(bool(e.msgstr))
    return n


@pytest.mark.parametrize(
    "name", sorted(p.name for p in SHARED_PO.glob("*.po")) if SHARED_PO.is_dir() else [NO_SHARED_PO]
)
def test_every_shared_po_imports(tmp_path: Path, name: str) -> None:
    tm = SqliteMemory(Store(tmp_path / "p.db"))
    r = tm.import_file(SHARED_PO / name, target_lang="fr")
    assert r.added == _polib_units(SHARED_PO / name) == SHARED_PO_UNITS[name]
    assert tm.count() == r.added
    # obsolete (#~) entries never become units
    assert not any(u.source == "" for u in tm.units())


def test_po_without_language_needs_a_target(tmp_path: Path) -> None:
    from tarjimon.core.errors import BadInput

    po = tmp_path / "x.po"
    po.write_text('msgid "a"\nmsgstr "b"\n', "utf-8")
    tm = SqliteMemory(Store(tmp_path / "p.db"))
    with pytest.raises(BadInput):
        tm.import_file(po)
    assert tm.import_file(po, target_lang="kk").added == 1
