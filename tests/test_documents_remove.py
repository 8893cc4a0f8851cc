"""Removing a document (`tarjimon remove`, `tarjimon documents`): its targets stay in the history, its units
in the TM, the project stays consistent (`tarjimon check`), the statistics follow; and a new sentence never
takes a removed one's segment id (the TM links a unit to its segment)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from testkit import one_line_error

from tarjimon.core.workbench import Workbench, open_workbench

FIRST = "Бу биринчи гап. Бу иккинчи гап.\n\nУчинчи гап шу ерда.\n"
SECOND = "Иккинчи мақола боши. Унда икки гап бор.\n"


def project(cli, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    assert cli("new", "p", "--source", "uz", "--targets", "kk,ru").code == 0
    one, two = tmp_path / "one.txt", tmp_path / "two.txt"
    one.write_text(FIRST, encoding="utf-8")
    two.write_text(SECOND, encoding="utf-8")
    assert cli("import", "p", one, two).code == 0
    with Workbench.open(tmp_path / "projects", "p") as wb:
        segs = wb.segments(wb.document("one.txt").id)
        wb.confirm(segs[0].id, "kk", "Бұл бірінші сөйлем.")
        wb.confirm(segs[1].id, "ru", "Это второе предложение.")
        wb.save_target(segs[2].id, "kk", "Үшінші сөйлем", status="draft")
        wb.confirm(wb.segments(wb.document("two.txt").id)[0].id, "kk", "Екінші мақаланың басы.")
    return tmp_path / "projects" / "p" / "project.db"


def test_documents_lists_each_with_its_progress(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    project(cli, tmp_path)
    r = cli("documents", "p", "--json")
    assert r.code == 0, r.err
    docs = json.loads(r.out)
    assert [(d["name"], d["segments"]) for d in docs] == [("one.txt", 3), ("two.txt", 2)]
    assert docs[0]["languages"]["kk"] == {"empty": 1, "draft": 1, "translated": 1, "reviewed": 0}
    text = cli("documents", "p").out.splitlines()
    assert text[0].startswith("1\tone.txt\t3 segments\tkk 1/3 (1 draft)")


def test_remove_keeps_targets_in_history_and_units_in_the_tm(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = project(cli, tmp_path)
    before = json.loads(cli("stats", "p", "--json").out)
    r = cli("remove", "p", "one.txt", "--yes", "--json")
    assert r.code == 0, r.err
    assert json.loads(r.out) == {"removed": "one.txt", "segments": 3, "targets_kept_in_history": 3,
                                 "tm_units": before["tm_units"]}
    after = json.loads(cli("stats", "p", "--json").out)
    assert (after["documents"], after["segments"]) == (1, 2)
    assert after["languages"]["kk"]["translated"] == 1 and after["languages"]["kk"]["draft"] == 0
    assert after["tm_units"] == before["tm_units"] == 3
    check = cli("check", "p", "--json")
    assert check.code == 0 and json.loads(check.out)["problems"] == []
    conn = sqlite3.connect(db)
    kept = conn.execute("SELECT text, status, origin FROM translation_history").fetchall()
    assert sorted(kept) == sorted([("Бұл бірінші сөйлем.", "translated", "removed with document one.txt"),
                                   ("Үшінші сөйлем", "draft", "removed with document one.txt"),
                                   ("Это второе предложение.", "translated", "removed with document one.txt")])
    assert conn.execute("SELECT COUNT(*) FROM segments").fetchone()[0] == 2
    assert conn.execute("SELECT COUNT(*) FROM paragraphs p JOIN documents d ON d.id = p.document_id"
                        " WHERE d.name = 'one.txt'").fetchone()[0] == 0
    # its sentences are still matched from the TM
    found = json.loads(cli("tm", "search", "p", "Бу биринчи гап.", "--target", "kk", "--json").out)
    assert found["matches"][0]["target"] == "Бұл бірінші сөйлем." and found["matches"][0]["score"] == 100


def test_a_new_sentence_never_takes_a_removed_segments_id(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    project(cli, tmp_path)
    with Workbench.open(tmp_path / "projects", "p") as wb:
        old_ids = {s.id for s in wb.segments(wb.document("two.txt").id)}  # the highest ids, one with a target
    assert cli("remove", "p", "two.txt", "--yes").code == 0
    three = tmp_path / "three.txt"
    three.write_text("Учинчи мақола. Бутунлай бошқа гап.\n", encoding="utf-8")
    assert cli("import", "p", three).code == 0
    with Workbench.open(tmp_path / "projects", "p") as wb:
        new = wb.segments(wb.document("three.txt").id)
        assert min(s.id for s in new) > max(old_ids)  # ids only grow: no removed segment's id is given again
        wb.confirm(new[0].id, "kk", "Үшінші мақала.")
        units = {u.source: u.target for u in wb.tm.units("kk")}
    # the removed document's unit is still there, untouched by the new sentence's confirmation
    assert units["Иккинчи мақола боши."] == "Екінші мақаланың басы."
    assert units["Учинчи мақола."] == "Үшінші мақала."


def test_remove_asks_first_and_refuses_unknown_or_open(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    project(cli, tmp_path)
    r = cli("remove", "p", "one.txt")  # stdin is not a terminal: refused, nothing removed
    assert r.code == 2
    one_line_error(r.err, "one.txt", "3 segments", "--yes")
    r = cli("remove", "p", "nope.txt", "--yes")
    assert r.code == 2
    one_line_error(r.err, "nope.txt", "one.txt, two.txt")
    with open_workbench(tmp_path / "projects", "p", lock=True):  # a workbench has it open
        r = cli("remove", "p", "2", "--yes")
        assert r.code == 2
        one_line_error(r.err, "document picker")
    assert cli("remove", "p", "2", "--yes").code == 0  # by its number in `tarjimon documents`
    assert [d["name"] for d in json.loads(cli("documents", "p", "--json").out)] == ["one.txt"]
