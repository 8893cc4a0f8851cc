"""Correcting the TM by hand through the workbench (workbench/tm_units.py) and `tarjimon tm list|edit|delete`:
each unit's use in the project, edit, delete, undo of the last delete, and `tarjimon check` clean after."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tarjimon.core.workbench import Workbench
from tarjimon.core.workbench.tm_units import UnitQuery

ARTICLE = "Президент Тошкентга ташриф буюрди. Мамлакатда янги мактаблар қурилмоқда.\n"


@pytest.fixture
def wb(tmp_path: Path):  # type: ignore[no-untyped-def]
    art = tmp_path / "a.txt"
    art.write_text(ARTICLE, encoding="utf-8")
    with Workbench.create(tmp_path / "projects", "p", "uz", ["kk", "ru"]) as p:
        p.import_file(art)
        s = p.segments()
        p.confirm(s[0].id, "kk", "Президент Ташкентке барды.")
        p.tm.add("Мамлакатда янги мактаблар қурилмоқда.", "Елде жаңа мектептер салынуда.", "uz", "kk",
                 origin="earlier.tmx")
        yield p


def test_pages_show_origin_date_and_use(wb: Workbench) -> None:
    page = wb.tm_units.page()
    assert [b.unit.origin for b in page] == ["earlier.tmx", "p/a.txt"]
    assert [b.uses for b in page] == [0, 1]  # the confirmed target uses its unit; the imported one is unused
    assert page[1].unit.changed_at.startswith("20")
    assert [b.unit.source for b in wb.tm_units.page(UnitQuery("toshkentga"))] == ["Президент Тошкентга ташриф буюрди."]
    assert wb.tm_units.page(UnitQuery(origin="earlier"))[0].as_json()["uses"] == 0


def test_edit_delete_and_undo(wb: Workbench) -> None:
    wrong = wb.tm_units.page(UnitQuery(origin="earlier"))[0].unit
    fixed = wb.tm_units.edit(wrong.id, target="Елде жаңа мектептер салынып жатыр.")
    assert fixed.id == wrong.id and wb.tm.lookup(wrong.source, "kk")[0].target == fixed.target
    gone = wb.tm_units.delete(fixed.id)
    assert wb.tm.count() == 1 and wb.tm.lookup(wrong.source, "kk") == []
    back = wb.tm_units.undo_delete()
    assert (back.source, back.target, back.origin, back.created_at) == (gone.source, gone.target, gone.origin,
                                                                       gone.created_at)
    assert wb.tm.count() == 2 and wb.tm.lookup(wrong.source, "kk")[0].target == gone.target
    with pytest.raises(Exception, match="no deleted TM unit"):
        wb.tm_units.undo_delete()
    from tarjimon.core.workbench.maintenance import check

    assert check(wb)["problems"] == []


def test_cli_list_edit_delete(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert cli("new", "p", "--source", "uz", "--targets", "kk").code == 0
    tmx = tmp_path / "m.tmx"
    body = "".join(f'<tu><tuv xml:lang="uz"><seg>Гап {n} ҳақида.</seg></tuv><tuv xml:lang="kk"><seg>Сөйлем {n} '
                   'туралы.</seg></tuv></tu>' for n in range(1, 8))
    tmx.write_text('<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header srclang="uz" creationtool="t" '
                   'creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" datatype="plaintext"/>'
                   f"<body>{body}</body></tmx>", encoding="utf-8")
    assert cli("tm", "import", "p", tmx).code == 0
    first = json.loads(cli("tm", "list", "p", "--limit", "3", "--json").out)
    assert [u["target"] for u in first] == ["Сөйлем 7 туралы.", "Сөйлем 6 туралы.", "Сөйлем 5 туралы."]
    more = json.loads(cli("tm", "list", "p", "--limit", "3", "--before", first[-1]["id"], "--json").out)
    assert [u["target"] for u in more] == ["Сөйлем 4 туралы.", "Сөйлем 3 туралы.", "Сөйлем 2 туралы."]
    uid = first[0]["id"]
    r = cli("tm", "edit", "p", uid, "--target-text", "Жетінші сөйлем туралы.", "--json")
    assert r.code == 0, r.err
    assert json.loads(r.out)["target"] == "Жетінші сөйлем туралы." and json.loads(r.out)["was"]["target"] == \
        "Сөйлем 7 туралы."
    r = cli("tm", "delete", "p", uid, first[1]["id"], "--json")
    assert r.code == 0 and json.loads(r.out)["tm_units"] == 5
    r = cli("tm", "delete", "p", 999)
    assert r.code == 2 and "999" in r.err
    r = cli("tm", "edit", "p", first[2]["id"], "--target-text", " ")
    assert r.code == 2 and "delete the unit instead" in r.err
    check = cli("check", "p", "--json")
    assert check.code == 0 and json.loads(check.out)["problems"] == []
