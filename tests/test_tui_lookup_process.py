"""The lookup process: TM, glossary and QA answers computed in a child process (core/workbench/lookup_process.py),
the workbench using it, falling back when it dies, and no child left behind after a quit or a kill -9."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from testkit import seed_workbench

from tarjimon.core.workbench import Workbench
from tarjimon.core.workbench.lookup_process import LookupProcess, LookupProcessGone
from tarjimon.core.workbench.lookups import LookupRequest, QARequest
from tarjimon.tui import workbench_lookups
from tarjimon.tui.app import TarjimonApp
from tarjimon.tui.workbench import WorkbenchScreen

SRC = Path(__file__).resolve().parents[1] / "src"
KK = "Президент: Қазақстан цифрлық мемлекет болуы керек"


@pytest.fixture
def project(tmp_path: Path) -> Workbench:
    proj = seed_workbench(tmp_path)
    first = proj.rows()[0].segment
    proj.tm.add(first.source, KK, "uz", "kk", origin="test")
    proj.glossaries().add_concept("project", {"uz": "президент", "kk": "президент-kk"})
    proj.lock()
    yield proj
    proj.close()


def gone(pid: int) -> bool:
    """The process has exited (a zombie waiting for a parent that never reaps it counts as exited)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return True
    return state in ("Z", "X")


def wait_gone(pid: int, seconds: float = 10.0) -> bool:
    limit = time.monotonic() + seconds
    while time.monotonic() < limit:
        if gone(pid):
            return True
        time.sleep(0.05)
    return gone(pid)


def started(project: Workbench) -> LookupProcess:
    process = LookupProcess(project.folder, project.glossaries_dir)
    process.start()
    assert process.poll_ready(30.0), "the lookup process never said it was ready"
    return process


def request(project: Workbench, index: int = 0) -> LookupRequest:
    seg = project.rows()[index].segment
    return LookupRequest(seg.id, "kk", seg.source, seg.source)


def test_the_child_answers_as_the_editor_would(project: Workbench) -> None:
    process = started(project)
    try:
        asked = request(project)
        there = process.ask("lookup", asked, 0)
        here = project.lookups.lookup(asked)
        assert [m.target for m in there.matches] == [m.target for m in here.matches]
        assert there.matches and there.matches[0].target == KK and there.matches[0].score == 100
        assert [(h.start, h.end, h.targets) for h in there.hits] == [(h.start, h.end, h.targets) for h in here.hits]
        assert any(h.targets.get("kk") == "президент-kk" for h in there.hits)
        check = QARequest(asked.segment_id, "kk", asked.source, KK + " 2026", "translated")
        assert process.ask("check", check, 0).findings == project.lookups.check(check).findings
        assert process.answered == 2
    finally:
        pid = process.pid
        process.close()
    assert pid is not None and wait_gone(pid)


def test_a_new_generation_brings_a_changed_glossary_and_tm(project: Workbench) -> None:
    process = started(project)
    try:
        asked = request(project, 1)
        before = process.ask("lookup", asked, 0)
        word = next(w for w in asked.source.split() if len(w) > 5).strip(".,«»")
        project.lookups.add_term("project", {"uz": word, "kk": "жаңа-термин"})
        project.tm.add(asked.source, "жаңа аударма", "uz", "kk", origin="test")
        assert not any(h.targets.get("kk") == "жаңа-термин" for h in before.hits)
        after = process.ask("lookup", asked, 1)  # the editor forgot its answers: the generation moved on
        assert any(h.targets.get("kk") == "жаңа-термин" for h in after.hits)
        assert any(m.target == "жаңа аударма" for m in after.matches)
    finally:
        process.close()


def test_a_dead_child_is_noticed(project: Workbench) -> None:
    process = started(project)
    assert process.pid is not None
    os.kill(process.pid, signal.SIGKILL)
    with pytest.raises(LookupProcessGone):
        process.ask("lookup", request(project), 0)
    process.close()


def test_a_project_the_child_cannot_open_is_said(tmp_path: Path) -> None:
    process = LookupProcess(tmp_path / "no-such-project", None)
    process.start()
    with pytest.raises(LookupProcessGone, match="could not open the project|ended"):
        limit = time.monotonic() + 30
        while not process.poll_ready(0.2) and time.monotonic() < limit:
            pass
    process.close()


def test_the_child_exits_when_the_editor_is_killed(project: Workbench, tmp_path: Path) -> None:
    """kill -9 of the editor's process: the child's pipe closes and it exits (no orphan)."""
    script = tmp_path / "editor.py"
    script.write_text(
        "import sys, time\n"
        "from pathlib import Path\n"
        "from tarjimon.core.workbench.lookup_process import LookupProcess\n"
        "p = LookupProcess(Path(sys.argv[1]), Path(sys.argv[2]))\n"
        "p.start()\n"
        "assert p.poll_ready(30.0)\n"
        "print(p.pid, flush=True)\n"
        "time.sleep(60)\n",
        encoding="utf-8",
    )
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    editor = subprocess.Popen([sys.executable, str(script), str(project.folder), str(project.glossaries_dir)],
                              stdout=subprocess.PIPE, text=True, env=env)  # fmt: skip
    try:
        child = int(editor.stdout.readline())  # type: ignore[union-attr]
        assert not gone(child)
        editor.kill()
        editor.wait()
        assert wait_gone(child), f"the lookup process {child} outlived the editor killed with -9"
    finally:
        if editor.poll() is None:
            editor.kill()


def run(coro) -> None:  # type: ignore[no-untyped-def]
    asyncio.run(coro)


async def _until(pilot, condition, seconds: float = 30.0) -> bool:  # type: ignore[no-untyped-def]
    limit = time.monotonic() + seconds
    while not condition() and time.monotonic() < limit:
        await pilot.pause(0.05)
    return bool(condition())


def test_the_workbench_asks_the_child_and_falls_back_when_it_dies(
    project: Workbench, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workbench_lookups, "LOOKUP_PROCESS_AFTER", 0.0)
    monkeypatch.setenv("TARJIMON_LOOKUP_PROCESS", "1")
    pids: list[int] = []

    async def go() -> None:
        app = TarjimonApp(project)
        async with app.run_test(size=(160, 45)) as pilot:
            screen = app.screen
            assert isinstance(screen, WorkbenchScreen)
            assert await _until(pilot, lambda: screen.lookup_process is not None and screen.lookup_process.ready)
            process = screen.lookup_process
            assert process is not None and process.pid is not None
            pids.append(process.pid)
            screen.forget_lookups()  # the first answer may have come from this process, before the child
            screen.goto(0, "kk")
            assert await _until(pilot, lambda: process.answered > 0 and any(m.target == KK for m in screen.matches))
            assert KK[:30] in str(screen.query_one("#tm").render())
            os.kill(process.pid, signal.SIGKILL)  # the child dies: lookups go on in the editor's process
            screen.forget_lookups()
            screen.goto(1, "kk")
            await pilot.pause(0.1)
            screen.goto(0, "kk")
            assert await _until(pilot, lambda: screen.lookup_process is None and screen._lookup_process_failed)
            assert await _until(pilot, lambda: any(m.target == KK for m in screen.matches))
            assert KK[:30] in str(screen.query_one("#tm").render())

    run(go())
    assert wait_gone(pids[0])


def test_no_child_is_left_after_quitting(project: Workbench, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workbench_lookups, "LOOKUP_PROCESS_AFTER", 0.0)
    monkeypatch.setenv("TARJIMON_LOOKUP_PROCESS", "1")
    pids: list[int] = []

    async def go() -> None:
        app = TarjimonApp(project)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = app.screen
            assert isinstance(screen, WorkbenchScreen)
            assert await _until(pilot, lambda: screen.lookup_process is not None and screen.lookup_process.ready)
            pids.append(screen.lookup_process.pid)  # type: ignore[union-attr]
            await pilot.press("ctrl+q")

    run(go())
    assert pids and wait_gone(pids[0])


def test_the_lookup_process_is_off_unless_asked(project: Workbench, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workbench_lookups, "LOOKUP_PROCESS_AFTER", 0.0)
    monkeypatch.delenv("TARJIMON_LOOKUP_PROCESS", raising=False)

    async def go() -> None:
        app = TarjimonApp(project)
        async with app.run_test(size=(160, 45)) as pilot:
            screen = app.screen
            assert isinstance(screen, WorkbenchScreen)
            assert await _until(pilot, lambda: any(m.target == KK for m in screen.matches))
            await pilot.pause(0.5)
            assert screen.lookup_process is None

    run(go())
