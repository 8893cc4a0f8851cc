"""A translator's day in a real terminal (tmux, raw key bytes): the defects met on the way, each mended.

Keys are written the way a terminal sends them: a burst in one write (a fast typist, a paste in a terminal
without bracketed paste), a bracketed paste (tmux `paste-buffer -p`)."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from tmux_driver import HAVE_TMUX, Terminal, kill_server, tmux, xterm_bytes

from tarjimon.core.workbench import Workbench

pytestmark = pytest.mark.skipif(not HAVE_TMUX, reason="needs tmux (apt-get install tmux)")
ARTICLE = "Хитойда сунъий интеллект билан ишлайдиган беш мингга яқин компания фаолият юритмоқда.\n"


@pytest.fixture
def projects(tmp_path: Path) -> Path:
    (tmp_path / "news.txt").write_text(ARTICLE, encoding="utf-8")
    projects = tmp_path / "projects"
    with Workbench.create(projects, "p", "uz", ["kk", "ru"], glossaries_dir=tmp_path / "g") as project:
        project.import_file(tmp_path / "news.txt")
    yield projects
    kill_server()


@contextmanager
def busy_loops(count: int) -> Iterator[None]:
    """`count` busy Python loops beside the test (a loaded machine: keys of one burst handled slowly)."""
    loops = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(count)]
    try:
        yield
    finally:
        for loop in loops:
            loop.kill()
            loop.wait()


def _glossary_rows(projects: Path, want: int) -> list[list[str]]:
    path = projects / "p" / "glossary.tsv"
    deadline = time.monotonic() + 10
    rows: list[list[str]] = []
    while time.monotonic() < deadline:
        if path.exists():
            rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()[1:]]
            if len(rows) >= want:
                break
        time.sleep(0.1)
    return rows


def test_a_term_typed_in_one_burst_over_the_picker_keeps_its_spaces_and_tabs(projects: Path) -> None:
    """Ctrl+T, then "сунъий интеллект", Tab, the Kazakh, Tab, the Russian, Enter in one burst over the word
    picker (one write, or two a few milliseconds apart, as the terminal's reads may cut a burst). The picker's keys and the field's were two queues: the space was dropped (`сунъийинтеллект`), and
    under load a letter typed over the picker, handled after the Tab, took the focus back to the Uzbek field
    and the Kazakh term went into it. Now every key of the dialog goes through the dialog's one queue.
    Twelve rounds on a machine loaded by four busy loops: the old race showed in about one run in three
    (test_tui_review's test_add_term_keys_handed_to_the_picker_then_the_field_keep_their_order shows it
    every time, without a terminal)."""
    with busy_loops(4), Terminal.tarjimon(projects, "open", "p", size=(100, 30), cwd=projects.parent) as term:
        term.wait_for("segment 1")
        for round_ in range(1, 13):
            term.press("ctrl+t")
            term.wait_for("Add a term to a glossary")
            # (one burst, which a terminal may hand over in two reads: here cut at a few places, a few
            # milliseconds apart, where the keys of the first read are still on their way through the dialog)
            burst = f"сунъий интеллект {round_}\tжасанды интеллект\tискусственный интеллект\r"
            cut = 0 if round_ % 4 == 0 else 1 + round_ % 4
            term.send(burst[:cut] or burst)
            if cut:
                time.sleep(0.005 * round_)
                term.send(burst[cut:])
            term.wait_gone("Add a term to a glossary")
            rows = _glossary_rows(projects, round_)
            mine = [r[:3] for r in rows if r[0].endswith(f" {round_}")]  # (the file is kept sorted)
            assert mine == [[f"сунъий интеллект {round_}", "жасанды интеллект", "искусственный интеллект"]], rows


def test_a_term_pasted_over_the_picker_is_the_source_term(projects: Path) -> None:
    """A bracketed paste of the term while the word picker has the focus was thrown away."""
    with Terminal.tarjimon(projects, "open", "p", size=(100, 30), cwd=projects.parent) as term:
        term.wait_for("segment 1")
        term.press("ctrl+t")
        term.wait_for("Add a term to a glossary")
        time.sleep(0.5)
        tmux("set-buffer", "сунъий\nинтеллект", check=True)
        tmux("paste-buffer", "-p", "-t", term.session, check=True)
        term.wait_for("uz  сунъий интеллект")
        time.sleep(0.3)
        term.send("\tжасанды интеллект\tискусственный интеллект" + xterm_bytes("enter"))
        term.wait_for("Added to project")
        rows = _glossary_rows(projects, 1)
    assert [r[:3] for r in rows] == [["сунъий интеллект", "жасанды интеллект", "искусственный интеллект"]]


def test_tab_typed_in_a_burst_between_two_term_fields_moves_on_first(projects: Path) -> None:
    """In the add-term dialog's fields, Tab and "жасанды" arriving at once (a fast typist, or keys queued while the
    workbench was busy) typed the Kazakh term into the Uzbek field: the Tab moved the focus after the letters."""
    with Terminal.tarjimon(projects, "open", "p", size=(100, 30), cwd=projects.parent) as term:
        term.wait_for("segment 1")
        term.press("ctrl+t")
        term.wait_for("Add a term to a glossary")
        term.press("tab")  # from the word picker to the Kazakh field (the language being edited)
        time.sleep(0.3)
        term.press("shift+tab")  # back to the Uzbek field, which holds the picked word
        time.sleep(0.5)
        term.send(xterm_bytes("backspace") * len("Хитойда") + "интеллект\tжасанды\tискусственный" + xterm_bytes("shift+tab")
                  + " интеллект" + xterm_bytes("enter"))
        term.wait_for("Added to project")
        rows = _glossary_rows(projects, 1)
    assert [r[:3] for r in rows] == [["интеллект", "жасанды интеллект", "искусственный"]]
