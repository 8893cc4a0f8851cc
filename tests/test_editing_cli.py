"""`tarjimon segments join|split` and `tarjimon replace` from the command line: output, exit codes, database."""

from __future__ import annotations

import json
from pathlib import Path

from tarjimon.core.workbench import open_workbench

ARTICLE = "Toshkentda yangi maktab ochildi.\n\nMaktabda 500 o'quvchi o'qiydi. Unda 40 o'qituvchi ishlaydi.\n"


def _project(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    assert cli("new", "p", "--source", "uz", "--target", "kk,ru").code == 0
    assert cli("import", "p", "a.txt").code == 0
    with open_workbench(tmp_path / "projects", "p") as wb:
        segs = wb.segments()
        wb.confirm(segs[0].id, "kk", "Ташкентте жаңа мектеп ашылды.")
        wb.confirm(segs[1].id, "kk", "Мектепте 500 оқушы оқиды.")
        wb.confirm(segs[2].id, "kk", "Онда 40 мұғалім жұмыс істейді.")


def test_segments_join_and_split(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _project(cli, tmp_path)
    r = cli("segments", "join", "p", "a.txt", "2", "--json")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    assert data["segments"][0]["source"] == "Maktabda 500 o'quvchi o'qiydi. Unda 40 o'qituvchi ishlaydi."
    assert data["targets"] == [{"segment": data["segments"][0]["id"], "lang": "kk", "status": "translated",
                                "text": "Мектепте 500 оқушы оқиды. Онда 40 мұғалім жұмыс істейді."}]
    r = cli("segments", "split", "p", "a.txt", "2", "--before", "Unda")
    assert r.code == 0, r.err
    assert "cut at the matching punctuation: kk" in r.err
    listed = json.loads(cli("segments", "list", "p", "--json").out)
    assert [s["number"] for s in listed] == [1, 2, 3]
    # the split undid the join: each part is again its sentence and confirmed target (walk12: was a draft)
    assert listed[2]["source"] == "Unda 40 o'qituvchi ishlaydi." and listed[2]["targets"]["kk"] == "translated"
    r = cli("segments", "join", "p", "a.txt", "1")
    assert r.code == 2 and r.err.count("\n") == 1 and "one paragraph" in r.err
    r = cli("segments", "split", "p", "a.txt", "9", "--at", "3")
    assert r.code == 2 and "a.txt has segments 1-3, not 9" in r.err


def test_replace_dry_run_apply_undo(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _project(cli, tmp_path)
    r = cli("replace", "p", "мектеп", "училище", "--target", "kk", "--dry-run", "--json")
    assert r.code == 0, r.err
    changes = json.loads(r.out)["changes"]
    assert [(c["number"], c["after"]) for c in changes] == [
        (1, "Ташкентте жаңа училище ашылды."), (2, "Училищете 500 оқушы оқиды.")]  # the case kept
    with open_workbench(tmp_path / "projects", "p") as wb:
        assert wb.translation(wb.segments()[0].id, "kk").text == "Ташкентте жаңа мектеп ашылды."
    r = cli("replace", "p", "мектеп", "училище", "--whole-word")
    assert r.code == 0 and "changed 1 target" in r.err
    assert "Ташкентте жаңа мектеп ашылды.\t→\tТашкентте жаңа училище ашылды." in r.out
    r = cli("replace", "p", "--undo", "--json")
    assert r.code == 0 and len(json.loads(r.out)["changed"]) == 1
    with open_workbench(tmp_path / "projects", "p") as wb:
        assert wb.translation(wb.segments()[0].id, "kk").text == "Ташкентте жаңа мектеп ашылды."
    r = cli("replace", "p", "--undo")
    assert r.code == 2 and "no replace to undo" in r.err
    r = cli("replace", "p", "[", "x", "--regex")
    assert r.code == 2 and "bad regular expression" in r.err and r.err.count("\n") == 1


def test_a_regular_expression_that_backtracks_without_end_is_refused_in_seconds(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Before: `replace p '(a|aa)+$' x --regex` ran Python's re over a target of 60 a's and a '!' for hours
    (and the workbench's Ctrl+W preview, on its UI thread, froze the screen the same way). Now the search
    has a time limit: one line, exit 2, nothing changed. Run in a child process with a deadline, so that
    without the limit this test fails instead of hanging the suite."""
    import os
    import subprocess
    import sys

    _project(cli, tmp_path)
    with open_workbench(tmp_path / "projects", "p") as project:
        project.save_target(project.segments()[0].id, "kk", "a" * 60 + "!")
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1] / "src"),
               TARJIMON_PROJECTS=str(tmp_path / "projects"))  # fmt: skip
    try:
        done = subprocess.run([sys.executable, "-m", "tarjimon", "replace", "p", "(a|aa)+$", "x", "--regex"],
                              env=env, capture_output=True, text=True, timeout=60)  # fmt: skip
    except subprocess.TimeoutExpired:
        raise AssertionError("the search ran on past 60 s") from None
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1 and "takes too long" in done.stderr and "Traceback" not in done.stderr
    with open_workbench(tmp_path / "projects", "p") as project:
        assert project.rows()[0].targets["kk"].text == "a" * 60 + "!"
    # an ordinary expression still works, through the same engine
    r = cli("replace", "p", "a{2,}!", "b", "--regex", "--dry-run")
    assert r.code == 0 and "1 target would change" in r.err, r.err


def test_a_replacement_that_would_put_a_control_character_in_a_target_is_refused(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Before: `replace p мектеп $'мек\\x0bтеп\\x07'` wrote the control characters into the targets; a docx
    export of them then failed (lxml), a txt export wrote a file Tarjimon itself refuses to read back."""
    _project(cli, tmp_path)
    for args in (["мектеп", "мек\x0bтеп\x07"], ["(мектеп)", "\\1\\x07", "--regex"]):
        r = cli("replace", "p", *args, "--target", "kk")
        assert r.code == 2 and "control character" in r.err, (args, r.err)
    with open_workbench(tmp_path / "projects", "p") as project:
        assert project.rows()[0].targets["kk"].text == "Ташкентте жаңа мектеп ашылды."
