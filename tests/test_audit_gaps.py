"""The gaps a deliberate-bug audit found (issue 16): each test here failed on one planted bug.

tools/mutation.py plants those bugs again (and mutmut's mutants) and shows these tests catching them.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tarjimon.core.segment import split
from tarjimon.core.store import Store
from tarjimon.core.tm.scoring import Query, base_score, final_score, penalties_for
from tarjimon.core.tm.sqlite.backend import SqliteMemory
from tarjimon.core.workbench import Workbench


# ---- a failed TMX import leaves the TM unchanged (planted: the transaction commits on error) ----------------
def _cut_tmx(path: Path, units: int) -> Path:
    with open(path, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="uz"/><body>\n')
        for i in range(units):
            f.write(
                f'<tu><tuv xml:lang="uz"><seg>Бу {i}-рақамли гап экан</seg></tuv>'
                f'<tuv xml:lang="kk"><seg>Бұл {i}-нөмірлі сөйлем</seg></tuv></tu>\n'
            )
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 30])  # cut off inside the last tu, no </body></tmx>
    return path


def _unit_rows(db: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT id, source, target FROM tm_units ORDER BY id").fetchall()
    finally:
        conn.close()


def test_cut_off_tmx_is_an_error_and_leaves_the_units_table_unchanged(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert cli("new", "p", "--source", "uz", "--targets", "kk").code == 0
    db = tmp_path / "projects" / "p" / "project.db"
    SqliteMemory(Store(db), "uz", ["kk"]).add("Сақланган гап.", "Сақталған сөйлем.", "uz", "kk")
    before = _unit_rows(db)
    bad = _cut_tmx(tmp_path / "cut.tmx", 5000)
    r = cli("tm", "import", "p", bad)
    assert r.code == 2
    assert len(r.err.strip().splitlines()) == 1 and r.err.startswith(f"tarjimon: {bad}:"), r.err
    assert _unit_rows(db) == before  # the rows themselves, not only the counter
    assert SqliteMemory(Store(db), "uz", ["kk"]).count() == 1


def test_cut_off_tmx_through_the_parallel_import_leaves_the_tm_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tarjimon.core.errors import TarjimonError
    from tarjimon.core.tm.sqlite import parallel

    monkeypatch.setattr(parallel, "MIN_SIZE", 0)
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    db = tmp_path / "p.db"
    tm = SqliteMemory(Store(db))
    tm.add("Kept", "Сохранено", "en", "ru")
    before = _unit_rows(db)
    with pytest.raises(TarjimonError):
        tm.import_file(_cut_tmx(tmp_path / "cut.tmx", 5000))
    assert _unit_rows(db) == before and tm.count() == 1


# ---- the 99 cap: same key, different characters (planted: the cap removed) -------------------------------
STORED, TYPED = "Men kitobni o'qidim.", "Men kitobni oʻqidim."  # ASCII apostrophe vs U+02BB


def test_same_key_different_characters_scores_99_never_100() -> None:
    q, other = Query.of(TYPED, "uz"), Query.of(STORED, "uz")
    assert q.key == other.key  # the same matching key...
    pens = penalties_for(TYPED, STORED, "uz")
    assert final_score(base_score(q, other.key), True, False, pens) == 99  # ...but not the same text
    assert final_score(base_score(q, q.key), True, True, []) == 100


def test_same_key_match_is_99_in_the_tm_and_never_pretranslated_as_translated(tmp_path: Path) -> None:
    art = tmp_path / "a.txt"
    art.write_text(f"{TYPED} Ikkinchi gap shu.\n", encoding="utf-8")
    with Workbench.create(tmp_path / "projects", "p", "uz", ["kk"]) as project:
        project.import_file(art)
        project.tm.add(STORED, "Мен кітапты оқыдым.", "uz", "kk")
        seg = project.segments()[0]
        assert seg.source == TYPED
        assert [m.score for m in project.tm.lookup(TYPED, "kk")] == [99]
        report = project.pretranslate()
        assert report.exact == {"kk": 0}
        assert project.translation(seg.id, "kk").status == "empty"
        project.pretranslate(min_score=90)
        got = project.translation(seg.id, "kk")
        assert (got.status, got.origin, got.text) == ("draft", "tm:99", "Мен кітапты оқыдым.")


# ---- "млрд." ends a sentence before a new one (planted: млрд. never final) --------------------------------
@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Экспорт ҳажми 2 млрд. Бу рекорд бўлди.", "uz", ["Экспорт ҳажми 2 млрд.", "Бу рекорд бўлди."]),
        ("Eksport hajmi 2 mlrd. Bu rekord boʻldi.", "uz", ["Eksport hajmi 2 mlrd.", "Bu rekord boʻldi."]),
        ("Аҳоли 37 млн. Бу кўп.", "uz", ["Аҳоли 37 млн.", "Бу кўп."]),
        ("Zarar 3 trln. Bu katta.", "uz", ["Zarar 3 trln.", "Bu katta."]),
        ("Экспорт составил 2 млрд. Это рекорд.", "ru", ["Экспорт составил 2 млрд.", "Это рекорд."]),
        ("Экспорт 2 млрд. Бұл рекорд.", "kk", ["Экспорт 2 млрд.", "Бұл рекорд."]),
        # and not before a lower-case word or an acronym
        ("Экспорт ҳажми 2 млрд. доллар бўлди.", "uz", ["Экспорт ҳажми 2 млрд. доллар бўлди."]),
        ("Лойиҳага 2 млрд. АҚШ доллари ажратилди.", "uz", ["Лойиҳага 2 млрд. АҚШ доллари ажратилди."]),
    ],
    ids=[
        "uz-mlrd",
        "uz-latn-mlrd",
        "uz-mln",
        "uz-latn-trln",
        "ru-mlrd",
        "kk-mlrd",
        "uz-lower-after",
        "uz-acronym-after",
    ],
)
def test_number_abbreviation_ends_a_sentence_before_a_new_one(
    text: str, lang: str, expected: list[str]
) -> None:
    assert split(text, lang) == expected


# ---- a batch import is all or nothing (the product's promise; fixed with the workbench facade) ------------
# (written as a strict xfail before the fix landed; it passes since the merge of the workbench facade)
def test_batch_with_a_blank_file_exits_2_and_imports_nothing(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert cli("new", "p", "--source", "uz", "--targets", "kk").code == 0
    good, blank = tmp_path / "good.txt", tmp_path / "blank.txt"
    good.write_text("Бу яхши мақола. Унда икки гап бор.\n", encoding="utf-8")
    blank.write_text("\n   \n", encoding="utf-8")
    r = cli("import", "p", good, blank)
    assert r.code == 2
    assert len(r.err.strip().splitlines()) == 1 and str(blank) in r.err
    with Workbench.open(tmp_path / "projects", "p") as project:
        assert project.documents() == []
