"""One numbering of segments on every face (core/segment_places.py): a translator told "b-uz.txt #3 has a
problem" finds that very sentence with `tarjimon qa`, `segments list`, `history`, the XLIFF export's unit ids
and the workbench (grid number, editor title, Ctrl+G). Before, `qa` and the workbench counted segments across
the whole project (the second document's third sentence was "segment 5" there and 3 everywhere else)."""

from __future__ import annotations

import json
from pathlib import Path

from lxml import etree
from test_tui import bench, grid_text, make_app, pilot_test

from tarjimon.core.workbench import Workbench
from tarjimon.tui.editor import TargetEditor
from tarjimon.tui.screens.goto import find_row
from tarjimon.tui.screens.history import HistoryScreen

A = "Maktabda 500 oʻquvchi bor. Unda 40 oʻqituvchi ishlaydi.\n"
B = "Bu yil 3 ta maktab ochildi. Ular shaharda joylashgan. Har birida 200 oʻrin bor.\n"
WRONG = "Each of them has 20 places."  # b #3 in English: the number is wrong


def _project(tmp_path: Path, cli) -> Path:  # type: ignore[no-untyped-def]
    (tmp_path / "a-uz.txt").write_text(A, encoding="utf-8")
    (tmp_path / "b-uz.txt").write_text(B, encoding="utf-8")
    assert cli("new", "news", "--source", "uz", "--targets", "kk,en").code == 0
    assert cli("import", "news", tmp_path / "a-uz.txt", tmp_path / "b-uz.txt").code == 0
    with Workbench.open(tmp_path / "projects", "news") as project:
        third = project.segments(project.document("b-uz.txt").id)[2]
        project.save_target(third.id, "en", WRONG)
    return tmp_path / "projects"


def test_the_same_finding_is_named_the_same_way_by_every_command(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    _project(tmp_path, cli)
    human = cli("qa", "news", "--no-spelling")
    assert human.code == 1
    assert human.out.splitlines()[0].startswith("b-uz.txt #3 (id 5): Har birida 200")
    found = json.loads(cli("qa", "news", "--no-spelling", "--json").out)
    assert {(f["document"], f["index"], f["segment"]) for f in found} == {("b-uz.txt", 3, 5)}  # the id stays

    listed = json.loads(cli("segments", "list", "news", "--json").out)
    row = next(r for r in listed if r["id"] == 5)
    assert (row["document"], row["number"]) == ("b-uz.txt", 3)

    history = cli("history", "news", "b-uz.txt", "3", "--target", "en")
    assert history.out.splitlines()[:2] == ["b-uz.txt #3 · en", "source: Har birida 200 oʻrin bor."]
    as_json = json.loads(cli("history", "news", "b-uz.txt", "3", "--target", "en", "--json").out)
    assert (as_json["document"], as_json["index"], as_json["id"]) == ("b-uz.txt", 3, 5)

    assert cli("export", "news", "--format", "xliff", "--target", "en", "-o", tmp_path / "out").code == 0
    tree = etree.parse(str(tmp_path / "out" / "b-uz.en.xlf"))
    units = {u.get("id"): u for u in tree.iter("{*}trans-unit")}
    assert units["3"].findtext("{*}target") == WRONG

    refused = cli("export", "news", "--format", "txt", "--target", "kk", "-o", tmp_path / "txt")
    assert refused.code == 2 and "(segments a-uz.txt #1, #2, b-uz.txt #1, #2, #3)" in refused.err  # not 3, 4, 5
    report = json.loads(cli("export", "news", "--format", "xliff", "--target", "kk", "-o", tmp_path / "kk",
                            "--json").out)
    assert report["untranslated"]["named"][2:] == ["b-uz.txt #1", "b-uz.txt #2", "b-uz.txt #3"]

    planned = cli("replace", "news", "20 places", "200 places", "--dry-run")
    assert planned.out.splitlines() == [f"b-uz.txt #3\ten\t{WRONG}\t→\tEach of them has 200 places."]  # not 5
    done = json.loads(cli("replace", "news", "20 places", "200 places", "--json").out)
    assert [(c["place"], c["segment_id"]) for c in done["changed"]] == [("b-uz.txt #3", 5)]
    assert cli("replace", "news", "--undo").code == 0

    # qa ignore takes the segment as qa names it, as well as its id
    assert cli("qa", "ignore", "news", "b-uz.txt#3", "en", "number", "--reason", "a test").code == 0
    assert "b-uz.txt #3 en number: a test" in cli("qa", "ignored", "news").out


def test_go_to_reads_a_number_in_this_document_or_a_document_and_a_number() -> None:
    from tarjimon.core.segment_places import Place

    places = [Place("a-uz.txt", 1, True), Place("a-uz.txt", 2, True)] + [Place("b-uz.txt", n, True)
                                                                        for n in (1, 2, 3)]
    assert find_row("2", places, 4) == 4  # in b, where the cursor is
    assert find_row("2", places, 1) == 2
    assert find_row("b #3", places, 1) == 5 == find_row("B-UZ.TXT 3", places, 1) == find_row("b-uz.txt#3", places, 1)
    assert find_row("a #3", places, 1) == "no segment 3 in a-uz.txt: 1 to 2"
    assert "no document c" in str(find_row("c #1", places, 1))


@pilot_test
async def test_the_workbench_numbers_segments_in_their_document(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    projects = _project(tmp_path, cli)
    project = Workbench.open(projects, "news")
    project.lock()
    try:
        app = make_app(project, tmp_path)
        async with app.run_test(size=(160, 45)) as pilot:
            await pilot.press("ctrl+g", *"b #3", "enter")
            await pilot.pause()
            wb = bench(app)
            assert wb.row.segment.id == 5
            assert "b-uz.txt #3" in str(wb.query_one(TargetEditor).border_title)
            lines = grid_text(app).splitlines()
            at = next(i for i, line in enumerate(lines) if "Ҳар бирида" in line)  # (shown in Cyrillic)
            assert lines[at].split("│")[0].strip() == "3"  # the grid's number column: 3, not 5
            await pilot.press("tab", "ctrl+a")
            await pilot.pause()
            assert isinstance(app.screen, HistoryScreen)
            assert "b-uz.txt #3" in str(app.screen.query_one("#history-box").border_title)
    finally:
        project.close()
