"""Editing through a real terminal (tmux, raw key bytes in one write): glossary term completion keeps the
order of the keys around it, and a split and a join land in the database."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest
from tmux_driver import HAVE_TMUX, Terminal, kill_server, xterm_bytes

from tarjimon.core.workbench import Workbench

pytestmark = pytest.mark.skipif(not HAVE_TMUX, reason="needs tmux (apt-get install tmux)")
ARTICLE = "Toshkentda yangi maktab ochildi.\n\nMaktabda 500 o'quvchi o'qiydi. Unda 40 o'qituvchi ishlaydi.\n"


@pytest.fixture
def projects(tmp_path: Path) -> Path:
    (tmp_path / "news.txt").write_text(ARTICLE, encoding="utf-8")
    projects = tmp_path / "projects"
    with Workbench.create(projects, "p", "uz", ["kk"], glossaries_dir=tmp_path / "g") as project:
        (project.folder / "glossary.tsv").write_text("uz\tkk\nmaktab\tмектеп\n", encoding="utf-8")
        project.import_file(tmp_path / "news.txt")
    yield projects
    kill_server()


def _targets(projects: Path) -> list[tuple[str, str]]:
    with Workbench.open(projects, "p", glossaries_dir=projects.parent / "g") as project:
        return [(s.source, project.translation(s.id, "kk").text) for s in project.segments()]


def test_completion_split_and_join_through_the_terminal(projects: Path) -> None:
    with Terminal.tarjimon(projects, "open", "p", size=(100, 30), cwd=projects.parent) as term:
        term.wait_for("segment 1")
        term.wait_for("1 term")  # the glossary hit reached the workbench: its term is offered while typing
        # one write: "Жаңа ме", Left (inside the word: Right only moves), Right, Right (accepts "ктеп"), the rest
        term.send("Жаңа ме" + xterm_bytes("left") + xterm_bytes("right") + xterm_bytes("right") + " ашылды."
                  + "\r")
        term.wait_for("segment 2")
        deadline = time.monotonic() + 10
        while _targets(projects)[0][1] != "Жаңа мектеп ашылды." and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _targets(projects)[0][1] == "Жаңа мектеп ашылды."
        # segment 2: a target; join it with segment 3 (Insert, J), then split the joined one after its full stop
        term.send("Мектепте 500 оқушы оқиды." + xterm_bytes("ctrl+s"))
        term.wait_for("Draft saved")
        term.press("insert")
        term.wait_for("Split or join segment 2")
        term.type("j")
        term.wait_for("Joined segments 2 and 3")
        assert _targets(projects)[1:] == [("Maktabda 500 o'quvchi o'qiydi. Unda 40 o'qituvchi ishlaydi.",
                                           "Мектепте 500 оқушы оқиды.")]
        term.send(" Онда 40 мұғалім жұмыс істейді." + xterm_bytes("ctrl+s"))  # the editor is on the joined one
        time.sleep(0.5)
        term.press("alt+s")
        term.wait_for("Split or join segment 2")
        term.press("enter")  # the split point offered first: after the full stop
        term.wait_for("Split segment 2 in two")
        assert _targets(projects)[1:] == [("Maktabda 500 o'quvchi o'qiydi.", "Мектепте 500 оқушы оқиды."),
                                          ("Unda 40 o'qituvchi ishlaydi.", "Онда 40 мұғалім жұмыс істейді.")]
        term.press("ctrl+q")


def test_a_confirm_killed_before_the_tm_took_it_loses_nothing(projects: Path) -> None:
    """Enter commits the target with its TM outbox row; the TM gets it in a worker thread. Killed (-9) there,
    before the TM took it: the target is in the database, queued, and the TM gets it when the project opens."""
    env = {"TARJIMON_KILL_AT": "tm.outbox"}
    with Terminal.tarjimon(projects, "open", "p", size=(100, 30), cwd=projects.parent, env=env) as term:
        term.wait_for("segment 1")
        term.send("Жаңа мектеп ашылды.\r")
        deadline = time.monotonic() + 15
        while not term.exited() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert term.exited(), term.screen()
    db = projects / "p" / "project.db"
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT text, status FROM translations WHERE lang = 'kk'").fetchall() == [
            ("Жаңа мектеп ашылды.", "translated")
        ]
        assert conn.execute("SELECT COUNT(*) FROM tm_outbox").fetchone()[0] == 1
    with Workbench.open(projects, "p", glossaries_dir=projects.parent / "g") as project:  # delivers the queue
        assert project.delivery.pending() == 0
        assert project.tm.lookup("Toshkentda yangi maktab ochildi.", "kk")[0].target == "Жаңа мектеп ашылды."
