"""A team server that stops answering in the middle of a connection (its process paused with `kill -STOP`, a
frozen machine): found trying it as a translator (eleventh session), Enter froze the workbench until the server
came back (40 s tried), and the target was not committed meanwhile (the colleague check comes first): killing
the frozen workbench lost it. Now the connection is cut after ANSWER_TIMEOUT: the target is committed and
queued, and sent when the server answers again."""

from __future__ import annotations

import os
import queue
import signal
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tarjimon.core.workbench import Workbench

pytest.importorskip("psycopg", reason="the team extra (psycopg) is not installed")


@pytest.fixture
def desk(tmp_path: Path, cli: Callable, pg_url: str) -> Iterator[Workbench]:
    art = tmp_path / "story.txt"
    art.write_text("Birinchi gap. Ikkinchi gap. Uchinchi gap.\n", "utf-8")
    with Workbench.create(tmp_path / "projects", "story", "uz", ["kk"]) as wb:
        wb.import_file(art)
    r = cli("share", "story", pg_url, "--json")
    assert r.code == 0, r.err
    wb = Workbench.open(tmp_path / "projects", "story")
    yield wb
    wb.close()


def test_enter_with_the_server_paused_mid_connection_commits_and_queues_the_target(desk: Workbench) -> None:
    import psycopg

    segs = desk.segments()
    sharing = desk.sharing
    assert sharing is not None
    backend: queue.Queue[int] = queue.Queue()
    paused, confirmed = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def translator() -> None:  # one thread: the connection it made is the one whose server process pauses
        try:
            desk.save_target(segs[0].id, "kk", "Бірінші сөйлем.")
            backend.put(sharing.db.get().execute("SELECT pg_backend_pid()").fetchone()[0])
            paused.wait(60)
            desk.save_target(segs[1].id, "kk", "Екінші сөйлем.")  # Enter, the server paused
            confirmed.set()
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            errors.append(exc)

    thread = threading.Thread(target=translator, daemon=True)
    thread.start()
    pid = backend.get(timeout=60)
    os.kill(pid, signal.SIGSTOP)
    try:
        paused.set()
        returned = confirmed.wait(60)  # (generous: without the cut it waits for as long as the server is paused)
        committed = desk.translation(segs[1].id, "kk")
        state = sharing.state()
    finally:
        os.kill(pid, signal.SIGCONT)
    thread.join(60)
    assert errors == []
    assert returned, "Enter waited for the paused server"
    assert (committed.text, committed.status) == ("Екінші сөйлем.", "translated")
    assert state == "offline, 1 queued"
    assert sharing.send() == 1 and sharing.pending() == 0  # the server answers again: the queue arrives
    with psycopg.connect(sharing.url) as conn:
        got = conn.execute("SELECT text FROM shared_targets WHERE position = %s AND lang = 'kk'", (segs[1].position,))
        assert got.fetchone() == ("Екінші сөйлем.",)


def test_enter_with_the_team_tm_paused_mid_connection_keeps_the_unit_queued(tmp_path: Path, pg_url: str) -> None:
    """The same with a team TM (`tm connect`): Enter froze as long as the server was paused (the target was
    committed first, the TM unit waited); now the unit stays queued and is delivered when the server answers."""
    from tarjimon.core.workbench.backends import TeamMemory, connect

    art = tmp_path / "story.txt"
    art.write_text("Birinchi gap. Ikkinchi gap.\n", "utf-8")
    project = Workbench.create(tmp_path / "projects", "p", "uz", ["kk"])
    project.import_file(art)
    connect(project, pg_url)
    segs = project.segments()
    backend: queue.Queue[int] = queue.Queue()
    paused, confirmed = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def translator() -> None:
        try:
            project.save_target(segs[0].id, "kk", "Бірінші сөйлем.")
            tm = project.tm
            assert isinstance(tm, TeamMemory) and tm._remote is not None
            backend.put(tm._remote.db.get().execute("SELECT pg_backend_pid()").fetchone()[0])
            paused.wait(60)
            project.save_target(segs[1].id, "kk", "Екінші сөйлем.")
            confirmed.set()
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            errors.append(exc)

    thread = threading.Thread(target=translator, daemon=True)
    thread.start()
    try:
        pid = backend.get(timeout=60)
        os.kill(pid, signal.SIGSTOP)
        try:
            paused.set()
            returned = confirmed.wait(60)
            queued = project.delivery.pending()
        finally:
            os.kill(pid, signal.SIGCONT)
        thread.join(60)
        assert errors == []
        assert returned, "Enter waited for the paused TM server"
        assert project.translation(segs[1].id, "kk").status == "translated"
        assert queued == 1
    finally:
        project.close()
