"""A version of a target is what a translator calls one (a confirm, a draft left by a move or Ctrl+S, a
replace), not every 3 s autosave of the workbench (found walking the product, ninth session: `tarjimon
history` filled with keystroke-level versions while a long sentence was typed). The autosaved draft is still
in the database at once, for crash safety."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from test_tui import bench, pilot_test

from tarjimon.core.models import AUTOSAVED
from tarjimon.core.workbench import Workbench
from tarjimon.tui.app import TarjimonApp

SRC = str(Path(__file__).resolve().parents[1] / "src")


def _project(tmp_path: Path) -> Workbench:
    article = tmp_path / "story.txt"
    article.write_text("Birinchi gap. Ikkinchi gap.\n", encoding="utf-8")
    project = Workbench.create(tmp_path / "projects", "v", "uz", ["kk"], glossaries_dir=tmp_path / "g")
    project.import_file(article)
    return project


def _history_cli(tmp_path: Path) -> list[dict]:
    env = {**os.environ, "PYTHONPATH": SRC}
    out = subprocess.run([sys.executable, "-m", "tarjimon", "history", "v", "story.txt", "1", "--target", "kk", "--json",
                          "--projects-dir", str(tmp_path / "projects"), "--glossaries-dir", str(tmp_path / "g")],
                         capture_output=True, text=True, env=env, check=True).stdout
    return json.loads(out)["versions"]


def test_an_autosaved_draft_is_kept_but_is_no_version(tmp_path: Path) -> None:
    project = _project(tmp_path)
    try:
        first = project.segments()[0].id
        project.confirm(first, "kk", "Бір", "draft", AUTOSAVED)
        assert project.translation(first, "kk").text == "Бір"  # in the database at once
        project.confirm(first, "kk", "Бірінші", "draft", AUTOSAVED)
        project.confirm(first, "kk", "Бірінші сөйлем.")
        assert [h.text for h in project.history(first, "kk")] == []  # the two snapshots were no versions
        project.confirm(first, "kk", "Бірінші сөйлем!", "draft", AUTOSAVED)
        assert [h.text for h in project.history(first, "kk")] == ["Бірінші сөйлем."]  # a confirm is one
        project.confirm(first, "kk", "Бірінші сөйлем!", "draft")  # the same text left by a move: a version
        assert project.translation(first, "kk").origin == ""
        project.confirm(first, "kk", "Бірінші сөйлем!!")
        assert [h.text for h in project.history(first, "kk")] == ["Бірінші сөйлем.", "Бірінші сөйлем!"]
    finally:
        project.close()


@pilot_test
async def test_typing_with_autosaves_then_a_move_and_a_confirm_make_two_versions(tmp_path: Path) -> None:
    project = _project(tmp_path)
    first = project.segments()[0].id
    project.lock()
    try:
        async with TarjimonApp(project).run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            await pilot.press(*"Бір")
            deadline = time.monotonic() + 30  # the workbench's own timer (every 3 s) saves the draft
            while project.translation(first, "kk").text != "Бір" and time.monotonic() < deadline:
                await pilot.pause(0.2)
            assert (project.translation(first, "kk").text, project.translation(first, "kk").status) == ("Бір", "draft")
            await pilot.press(*"інші")
            bench(pilot.app).autosave()  # (what the timer calls)
            assert project.translation(first, "kk").text == "Бірінші"
            await pilot.press("ctrl+down")  # left as a draft: a version
            await pilot.pause()
            await pilot.press("ctrl+up", *" сөйлем")
            bench(pilot.app).autosave()
            await pilot.press(".", "enter")
            await pilot.pause()
        assert project.translation(first, "kk").text == "Бірінші сөйлем."
        assert [(h.text, h.status) for h in project.history(first, "kk")] == [("Бірінші", "draft")]
    finally:
        project.close()
    versions = _history_cli(tmp_path)
    assert [v["text"] for v in versions] == ["Бірінші", "Бірінші сөйлем."]
