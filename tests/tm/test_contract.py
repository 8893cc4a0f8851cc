"""The TM contract: what every backend (tests/tm/conftest.py BACKENDS) must do, the same way."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tarjimon.core.errors import TarjimonError
from tarjimon.core.models.tm import NewUnit
from tarjimon.core.tm.api import TMStatus, TranslationMemory

MakeTM = Callable[..., TranslationMemory]
KK = [
    ("Президент Тошкентга ташриф буюрди.", "Президент Ташкентке сапармен барды."),
    ("Мамлакатда янги мактаблар қурилмоқда.", "Елде жаңа мектептер салынуда."),
    ("Самарқандда IT-марказ очилди.", "Самарқанда IT-орталық ашылды."),
    ("Вазирлар Маҳкамаси қарор қабул қилди.", "Министрлер Кабинеті қаулы қабылдады."),
]


def _fill(tm: TranslationMemory) -> None:
    for src, tgt in KK:
        tm.add(src, tgt, "uz", "kk", origin="test")


def _tmx(path: Path, pairs: list[tuple[str, str]], tl: str = "kk") -> Path:
    body = "".join(f'<tu><tuv xml:lang="uz"><seg>{s}</seg></tuv><tuv xml:lang="{tl}"><seg>{t}</seg></tuv></tu>'
                   for s, t in pairs)
    path.write_text('<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header srclang="uz" '
                    'creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" '
                    f'datatype="plaintext"/><body>{body}</body></tmx>', encoding="utf-8")
    return path


def test_a_backend_is_a_translation_memory(make_tm: MakeTM) -> None:
    tm = make_tm("uz", ["kk", "ru"])
    assert isinstance(tm, TranslationMemory)
    status = tm.status()
    assert isinstance(status, TMStatus) and status.units == 0 and status.online
    assert tm.count() == 0 and list(tm.units()) == []


def test_add_is_idempotent_and_counted(make_tm: MakeTM) -> None:
    tm = make_tm()
    first = tm.add(*KK[0], "uz", "kk")
    assert tm.add(*KK[0], "uz", "kk") == first
    assert tm.count() == 1
    unit = tm.unit(first)
    assert (unit.source, unit.target, unit.source_lang, unit.target_lang) == (*KK[0], "uz", "kk")
    assert ("uz", "kk") in tm.status().pairs


def test_missing_unit_is_an_error(make_tm: MakeTM) -> None:
    with pytest.raises(TarjimonError):
        make_tm().unit(424242)


def test_exact_near_and_context_scores(make_tm: MakeTM) -> None:
    tm = make_tm("uz", ["kk"])
    _fill(tm)
    tm.add(KK[0][0], KK[0][1] + " (2)", "uz", "kk", context=("Аввалги гап.", "Кейинги гап."))
    exact = tm.lookup(KK[1][0], "kk")
    assert exact[0].score == 100 and exact[0].target == KK[1][1]
    ctx = tm.lookup(KK[0][0], "kk", context=("Аввалги гап.", "Кейинги гап."))
    assert ctx[0].score == 101 and ctx[0].context_match
    near = tm.lookup("Мамлакатда янги мактаблар қурилди.", "kk")
    assert near and 70 <= near[0].score < 100 and near[0].target == KK[1][1]
    assert tm.lookup("Бутунлай бошқа мавзудаги гап.", "kk", min_score=90) == []


def test_same_key_other_characters_is_never_100(make_tm: MakeTM) -> None:
    tm = make_tm("uz", ["kk"])
    tm.add("Men kitobni o'qidim.", "Мен кітапты оқыдым.", "uz", "kk")
    found = tm.lookup("Men kitobni oʻqidim.", "kk")
    assert found and found[0].score == 99


def test_uzbek_matches_across_scripts(make_tm: MakeTM) -> None:
    tm = make_tm("uz", ["kk"])
    tm.add("Prezident Toshkentga tashrif buyurdi.", KK[0][1], "uz", "kk")
    found = tm.lookup(KK[0][0], "kk")
    assert found and found[0].score >= 98 and found[0].target == KK[0][1]


def test_other_language_pairs_never_leak(make_tm: MakeTM) -> None:
    tm = make_tm("uz")
    _fill(tm)
    tm.add(KK[0][0], "Президент посетил Ташкент.", "uz", "ru")
    assert {m.target_lang for m in tm.lookup(KK[0][0], "ru")} == {"ru"}
    assert {m.target_lang for m in tm.lookup(KK[0][0], "kk")} == {"kk"}
    assert [u.target_lang for u in tm.units("ru")] == ["ru"]


def test_concordance_finds_inflected_forms(make_tm: MakeTM) -> None:
    tm = make_tm("uz", ["kk"])
    _fill(tm)
    hits = tm.concordance("мактаб", target_lang="kk")
    assert [h.source for h in hits] == [KK[1][0]]
    assert hits[0].source_spans


def test_confirm_updates_the_segments_unit(make_tm: MakeTM) -> None:
    tm = make_tm("uz", ["kk"])
    unit = NewUnit("uz", "kk", "uz", "kk", KK[2][0], KK[2][1], origin="p/doc.txt", segment_id=7)
    uid = tm.confirm(unit)
    assert tm.count() == 1
    again = tm.confirm(NewUnit("uz", "kk", "uz", "kk", KK[2][0], "Самарқанда IT-орталығы ашылды.",
                               origin="p/doc.txt", segment_id=7))
    assert again == uid and tm.count() == 1
    assert tm.unit(uid).target == "Самарқанда IT-орталығы ашылды."
    assert tm.lookup(KK[2][0], "kk")[0].target == "Самарқанда IT-орталығы ашылды."


def test_delete_removes_a_unit(make_tm: MakeTM) -> None:
    tm = make_tm("uz", ["kk"])
    _fill(tm)
    wrong = tm.lookup(KK[3][0], "kk")[0].unit_id
    tm.delete(wrong)
    assert tm.count() == len(KK) - 1
    assert all(m.unit_id != wrong for m in tm.lookup(KK[3][0], "kk"))


def test_edit_corrects_a_units_target_and_source(make_tm: MakeTM) -> None:
    tm = make_tm("uz", ["kk"])
    _fill(tm)
    uid = tm.lookup(KK[3][0], "kk")[0].unit_id
    before = tm.unit(uid)
    fixed = tm.edit(uid, target="Министрлер Кабинеті қаулы шығарды.")
    assert fixed.id == uid and fixed.target == "Министрлер Кабинеті қаулы шығарды."
    assert fixed.origin == before.origin and fixed.source == before.source and tm.count() == len(KK)
    assert tm.lookup(KK[3][0], "kk")[0].target == "Министрлер Кабинеті қаулы шығарды."
    # a corrected source is found by its new words at once
    moved = tm.edit(uid, source="Олий Мажлис қонун қабул қилди.")
    assert moved.source == "Олий Мажлис қонун қабул қилди."
    top = tm.lookup("Олий Мажлис қонун қабул қилди.", "kk")[0]
    assert (top.unit_id, top.score) == (uid, 100)
    with pytest.raises(TarjimonError):
        tm.edit(uid, target="  ")
    with pytest.raises(TarjimonError):
        tm.edit(10**9, target="x")


def test_edit_into_an_existing_unit_keeps_one(make_tm: MakeTM) -> None:
    tm = make_tm("uz", ["kk"])
    _fill(tm)
    first = tm.lookup(KK[0][0], "kk")[0].unit_id
    second = tm.lookup(KK[1][0], "kk")[0].unit_id
    kept = tm.edit(second, source=KK[0][0], target=KK[0][1])
    assert kept.id == first and tm.count() == len(KK) - 1
    with pytest.raises(TarjimonError):
        tm.unit(second)


def test_browse_pages_newest_first_and_filters(make_tm: MakeTM) -> None:
    tm = make_tm("uz", ["kk", "ru"])
    units = [tm.add(f"Янгилик {n} бўйича хабар.", f"Жаңалық {n} туралы хабар.", "uz", "kk", origin=f"o{n % 3}")
             for n in range(30)]
    tm.add("Тошкентда қор ёғди.", "В Ташкенте выпал снег.", "uz", "ru", origin="news")
    page1 = tm.browse(limit=10)
    assert len(page1) == 10 and page1[0].target_lang == "ru"
    ids = [u.id for u in page1]
    assert ids == sorted(ids, reverse=True)
    page2 = tm.browse(before=page1[-1].id, limit=10)
    assert not {u.id for u in page2} & set(ids) and page2[0].id < page1[-1].id
    everything: list[int] = []
    cursor = None
    while page := tm.browse(before=cursor, limit=7):
        everything += [u.id for u in page]
        cursor = page[-1].id
    assert len(everything) == 31 and set(units) <= set(everything)
    from tarjimon.core.tm.api import UnitQuery

    kk = tm.browse(UnitQuery(target_lang="kk"), limit=100)
    assert len(kk) == 30 and all(u.target_lang == "kk" for u in kk)
    assert [u.target for u in tm.browse(UnitQuery(text="ЖАҢАЛЫҚ 17"))] == ["Жаңалық 17 туралы хабар."]
    # Uzbek found across scripts, by its source; and by the target's words
    assert [u.target_lang for u in tm.browse(UnitQuery(text="toshkentda"))] == ["ru"]
    assert [u.target_lang for u in tm.browse(UnitQuery(text="выпал снег"))] == ["ru"]
    assert len(tm.browse(UnitQuery(origin="o1"), limit=100)) == 10
    assert tm.browse(UnitQuery(text="nothing like this")) == []


def test_import_units_is_all_or_nothing(make_tm: MakeTM) -> None:
    tm = make_tm("uz", ["kk"])
    _fill(tm)

    def broken() -> Iterator[NewUnit]:
        for i in range(5000):
            yield NewUnit("uz", "kk", "uz", "kk", f"Гап рақами {i}.", f"Сөйлем нөмірі {i}.")
        raise TarjimonError("the file ends in the middle of a unit")

    with pytest.raises(TarjimonError):
        tm.import_units(broken())
    assert tm.count() == len(KK)
    assert len(list(tm.units())) == len(KK)


def test_import_units_counts_duplicates(make_tm: MakeTM) -> None:
    tm = make_tm("uz", ["kk"])
    _fill(tm)
    units = [NewUnit("uz", "kk", "uz", "kk", s, t) for s, t in KK[:2]]
    units += [NewUnit("uz", "kk", "uz", "kk", "Янги гап.", "Жаңа сөйлем.")] * 2
    assert tm.import_units(units) == (1, 3)
    assert tm.count() == len(KK) + 1


def test_tmx_import_and_export_round_trip(make_tm: MakeTM, tmp_path: Path) -> None:
    tm = make_tm("uz", ["kk"])
    result = tm.import_file(_tmx(tmp_path / "in.tmx", KK))
    assert (result.format, result.added, result.duplicates) == ("tmx", len(KK), 0)
    out = tmp_path / "out.tmx"
    assert tm.export_tmx(out) == len(KK)
    other = make_tm("uz", ["kk"], name="b")
    assert other.import_file(out).added == len(KK)
    assert sorted((u.source, u.target) for u in other.units()) == sorted(KK)


def test_a_broken_tmx_changes_nothing(make_tm: MakeTM, tmp_path: Path) -> None:
    tm = make_tm("uz", ["kk"])
    _fill(tm)
    path = _tmx(tmp_path / "cut.tmx", [(f"Гап {i}.", f"Сөйлем {i}.") for i in range(3000)])
    path.write_bytes(path.read_bytes()[:-200])
    with pytest.raises(TarjimonError):
        tm.import_file(path)
    assert tm.count() == len(KK) and len(list(tm.units())) == len(KK)


def test_po_import(make_tm: MakeTM, tmp_path: Path) -> None:
    tm = make_tm("uz", ["kk"])
    po = tmp_path / "a.po"
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: kk\\n"\n\n'
                  f'msgid "{KK[0][0]}"\nmsgstr "{KK[0][1]}"\n', encoding="utf-8")
    assert tm.import_file(po).added == 1
    assert tm.lookup(KK[0][0], "kk")[0].score == 100


def test_lookup_from_another_thread(make_tm: MakeTM) -> None:
    tm = make_tm("uz", ["kk"])
    _fill(tm)
    got: list[int] = []
    worker = threading.Thread(target=lambda: got.append(tm.lookup(KK[0][0], "kk")[0].score))
    worker.start()
    worker.join()
    assert got == [100]


def test_a_unit_with_every_clause_beats_hundreds_that_tie_on_the_rarest(make_tm: MakeTM,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """301 units share the sentence's rarest clause and the commoner stems read with it; the one with the
    sentence's other words too (imported last: every list comes in parts) is found (tm/postings.py's pool)."""
    from tarjimon.core.tm import postings
    from tarjimon.core.tm.postgres import index as pg_index
    from tarjimon.core.tm.sqlite import index as sqlite_index

    def unit(text: str) -> NewUnit:
        return NewUnit("en", "ru", "en", "ru", text, text.upper())

    tm = make_tm()
    clause = "alfa bravo charlie delta kilo"
    target = f"{clause} echo foxtrot golf hotel"
    tm.import_units([unit(f"{clause} x{i}") for i in range(300)])
    tm.import_units([unit(f"{w} {w}{i}") for w, n in (("charlie", 200), ("delta", 400), ("kilo", 600))
                     for i in range(n)])
    tm.import_units([unit(f"{w} {w}{i}") for w in ("echo", "foxtrot", "golf", "hotel") for i in range(1000)])
    tm.import_units([unit(target)])
    for module in (sqlite_index, pg_index):
        monkeypatch.setattr(module, "READ_BUDGET", 500)  # the clause's lists and three commoner ones are read
    monkeypatch.setattr(postings, "PROBE_BUDGET", 10**9)  # every list not read may be probed
    best = tm.lookup(target, "ru", source_lang="en")[0]
    assert best.score == 100 and best.target == target.upper()
