"""PO files as TM: msgctxt, plurals, fuzzy (scored lower), obsolete skipped, charset from the header."""

from __future__ import annotations

from pathlib import Path

import pytest

from tarjimon.core.store import Store
from tarjimon.core.tm.sqlite.backend import SqliteMemory

DATA = Path(__file__).parent / "data" / "tm"
SHARED_PO = Path(__file__).resolve().parents[2] / "shared" / "data" / "interop" / "po"


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


@pytest.mark.parametrize("name", sorted(p.name for p in SHARED_PO.glob("*.po")) if SHARED_PO.is_dir() else [])
def test_every_shared_po_imports(tmp_path: Path, name: str) -> None:
    tm = SqliteMemory(Store(tmp_path / "p.db"))
    r = tm.import_file(SHARED_PO / name, target_lang="fr")
    assert r.added >= 0
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
