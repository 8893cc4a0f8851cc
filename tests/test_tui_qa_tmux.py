"""The real command in tmux at 80x24, raw key bytes: F8 in a two-document project lands on the second
document's #3, walks its two findings and then goes on from the first segment (said) (its number in its document, in the editor's title),
with the QA line showing its finding whole; Ctrl+G "a #1" goes back; Ctrl+Z right after Enter undoes the
confirm."""

from __future__ import annotations

from pathlib import Path

import pytest
from tmux_driver import HAVE_TMUX, Terminal, kill_server, xterm_bytes

from tarjimon.core.workbench import Workbench

pytestmark = pytest.mark.skipif(not HAVE_TMUX, reason="needs tmux (apt-get install tmux)")


@pytest.fixture
def projects(tmp_path: Path) -> Path:
    (tmp_path / "a-uz.txt").write_text("Maktabda 500 oʻquvchi bor. Unda 40 oʻqituvchi ishlaydi.\n", encoding="utf-8")
    (tmp_path / "b-uz.txt").write_text("Bu yil 3 ta maktab ochildi. Ular shaharda. Har birida 200 oʻrin bor.\n",
                                       encoding="utf-8")
    projects = tmp_path / "projects"
    with Workbench.create(projects, "p", "uz", ["kk"], glossaries_dir=tmp_path / "g") as project:
        project.import_files([tmp_path / "a-uz.txt", tmp_path / "b-uz.txt"])
        third = project.segments(project.document("b-uz.txt").id)[2]
        project.save_target(third.id, "kk", "Әрқайсысында 20 орын бар")  # 200 written 20, no stop
    yield projects
    kill_server()


def test_f8_goto_and_undo_confirm_at_80_columns(projects: Path) -> None:
    with Terminal.tarjimon(projects, "open", "p", size=(80, 24), cwd=projects.parent) as term:
        term.wait_for("a-uz.txt #1")
        term.send(xterm_bytes("ctrl+end"))
        term.wait_for("b-uz.txt #3")
        term.send(xterm_bytes("ctrl+home"))
        term.wait_for("a-uz.txt #1")
        term.send(xterm_bytes("f8"))  # from the first segment on to b #3
        screen = term.wait_for("number 200 of the source is not in the target")
        assert "✎ kk · b-uz.txt #3" in screen and "✖ QA 1/2 number:" in screen
        term.send(xterm_bytes("f8"))
        term.wait_for("▲ QA 2/2 end-punctuation: the source ends")
        term.send(xterm_bytes("f8"))  # the last finding of the last segment: on from the first
        term.wait_for("past the last segment")
        term.send(xterm_bytes("ctrl+g"))
        term.wait_for("DOC #N")
        term.send("a #1\r")
        term.wait_for("✎ kk · a-uz.txt #1")
        term.send("Мектепте" + "\r")  # a wrong confirm, undone at once
        term.wait_for("✎ kk · a-uz.txt #2")
        term.send(xterm_bytes("ctrl+z"))
        term.wait_for("Confirm undone")
        term.send(xterm_bytes("ctrl+q"))
        term.wait_for(lambda s: term.exited() or "$" in s, timeout=10)
    with Workbench.open(projects, "p") as project:
        first = project.segments()[0]
        assert project.translation(first.id, "kk").status == "empty"
        assert [h.text for h in project.history(first.id, "kk")] == ["Мектепте"]
