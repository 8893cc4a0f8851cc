"""The team TM's server stops in the middle of a session: the workbench and the CLI keep working on the local
copy and say "offline, N queued"; when the server is back the queued targets arrive, none lost or doubled.

This test stops and restarts a server, so it runs its own throwaway cluster (tests/pg.py), not the shared one.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pg
import pytest

from tarjimon.core.workbench import Workbench, backends
from tarjimon.core.workbench.backends import connect, team_note

ARTICLE = ("Prezident Toshkentga tashrif buyurdi. Mamlakatda yangi maktablar qurilmoqda. "
           "Samarqandda IT-markaz ochildi. Vazirlar Mahkamasi qaror qabul qildi.\n")
TARGETS = ["Президент Ташкентке сапармен барды.", "Елде жаңа мектептер салынуда.", "Самарқанда IT-орталық ашылды.",
           "Министрлер Кабинеті қаулы қабылдады."]


@pytest.fixture
def cluster() -> Iterator[pg.Cluster]:
    pytest.importorskip("psycopg", reason="psycopg is not installed (pip install 'psycopg[binary]')")
    yield from pg.own_cluster()


def _server_units(url: str) -> list[tuple[str, str]]:
    import psycopg

    with psycopg.connect(url) as conn:
        return [(r[0], r[1]) for r in conn.execute("SELECT source, target FROM tm_units ORDER BY source")]


def test_server_stops_mid_session_and_the_queue_arrives_when_it_is_back(
        cluster: pg.Cluster, tmp_path: Path, cli: Callable, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backends, "RETRY_AFTER", 0.0)  # ask the server again at once (the default waits 5 s)
    art = tmp_path / "story.txt"
    art.write_text(ARTICLE, "utf-8")
    project = Workbench.create(tmp_path / "projects", "p", "uz", ["kk"])
    project.import_file(art)
    connect(project, cluster.url)
    segs = project.segments()
    project.save_target(segs[0].id, "kk", TARGETS[0])
    assert project.delivery.pending() == 0 and team_note(project) is None

    cluster.stop()  # mid-session
    for i in (1, 2):
        project.save_target(segs[i].id, "kk", TARGETS[i])  # committed in the project, queued for the server
    assert project.translation(segs[2].id, "kk").text == TARGETS[2]
    assert project.delivery.pending() == 2
    assert team_note(project) == "offline, 2 queued"
    found = project.tm.lookup("Mamlakatda yangi maktablar qurilmoqda.", "kk")  # from the local copy
    assert found and found[0].score == 100 and found[0].target == TARGETS[1]
    status = json.loads(cli("tm", "status", "p", "--json").out)
    assert (status["online"], status["queued"], status["units"]) == (False, 2, 3)
    assert "unreachable" in status["error"]
    r = cli("tm", "search", "p", "Samarqandda IT-markaz ochildi.", "--target", "kk")
    assert r.code == 0 and TARGETS[2] in r.out and "offline, 2 queued" in r.err
    r = cli("tm", "status", "p")
    assert r.code == 0 and "offline, 2 queued" in r.out
    tmx = tmp_path / "more.tmx"
    tmx.write_text('<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header srclang="uz" creationtool="t" '
                   'creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" datatype="plaintext"/><body>'
                   '<tu><tuv xml:lang="uz"><seg>Yangi gap.</seg></tuv><tuv xml:lang="kk"><seg>Жаңа сөйлем.</seg>'
                   '</tuv></tu></body></tmx>', "utf-8")
    r = cli("tm", "import", "p", str(tmx))  # goes to the team TM: refused while it is unreachable
    assert r.code == 2 and "unreachable" in r.err.strip().splitlines()[-1] and "Traceback" not in r.err

    cluster.start()  # back
    project.save_target(segs[3].id, "kk", TARGETS[3])  # this confirm delivers the queue too
    assert project.delivery.pending() == 0 and team_note(project) is None
    project.save_target(segs[1].id, "kk", TARGETS[1])  # confirming again changes nothing on the server
    project.close()
    assert _server_units(cluster.url) == sorted(
        zip(["Mamlakatda yangi maktablar qurilmoqda.", "Prezident Toshkentga tashrif buyurdi.",
             "Samarqandda IT-markaz ochildi.", "Vazirlar Mahkamasi qaror qabul qildi."],
            [TARGETS[1], TARGETS[0], TARGETS[2], TARGETS[3]], strict=True))
    status = json.loads(cli("tm", "status", "p", "--json").out)
    assert (status["online"], status["queued"], status["units"]) == (True, 0, 4)


def test_queued_targets_arrive_when_the_project_opens_again(cluster: pg.Cluster, tmp_path: Path,
                                                            cli: Callable) -> None:
    art = tmp_path / "story.txt"
    art.write_text(ARTICLE, "utf-8")
    with Workbench.create(tmp_path / "projects", "p", "uz", ["kk"]) as project:
        project.import_file(art)
        connect(project, cluster.url)
        cluster.stop()
        segs = project.segments()
        for i in range(4):
            project.save_target(segs[i].id, "kk", TARGETS[i])
        assert project.delivery.pending() == 4
    cluster.start()
    status = json.loads(cli("tm", "status", "p", "--json").out)  # opening the project delivers the queue
    assert (status["online"], status["queued"], status["units"]) == (True, 0, 4)
    assert len(_server_units(cluster.url)) == 4


def test_the_workbench_keeps_working_offline_and_says_so(cluster: pg.Cluster, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    import asyncio

    from tarjimon.tui.app import TarjimonApp

    monkeypatch.setattr(backends, "RETRY_AFTER", 0.0)
    art = tmp_path / "story.txt"
    art.write_text(ARTICLE, "utf-8")
    project = Workbench.create(tmp_path / "projects", "p", "uz", ["kk"])
    project.import_file(art)
    connect(project, cluster.url)
    project.lock()
    cluster.stop()

    async def session() -> list[str]:
        app = TarjimonApp(project)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await pilot.press(*"Бірінші", "enter")
            await pilot.pause(0.2)
            await pilot.press(*"Екінші", "enter")
            await pilot.pause(0.2)
            offline = [n.message for n in app._notifications]
            cluster.start()
            await pilot.press(*"Үшінші", "enter")
            await pilot.pause(0.2)
        return offline

    notes = asyncio.run(session())
    assert "Team TM offline, 1 queued" in notes and "Team TM offline, 2 queued" in notes
    segs = project.segments()
    assert [project.translation(s.id, "kk").text for s in segs[:3]] == ["Бірінші", "Екінші", "Үшінші"]
    assert project.delivery.pending() == 0  # back online: the queue went with the third confirm
    project.close()
    assert sorted(t for _, t in _server_units(cluster.url)) == ["Бірінші", "Екінші", "Үшінші"]


def test_a_shared_story_queues_targets_offline_and_sends_them_once(cluster: pg.Cluster, tmp_path: Path,
                                                                  cli: Callable,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import psycopg

    from tarjimon.core.workbench import sharing

    monkeypatch.setattr(sharing, "RETRY_AFTER", 0.0)  # ask the server again at once (the default waits 5 s)

    art = tmp_path / "story.txt"
    art.write_text(ARTICLE, "utf-8")
    with Workbench.create(tmp_path / "projects", "story", "uz", ["kk"]) as project:
        project.import_file(art)
    assert cli("share", "story", cluster.url).code == 0
    project = Workbench.open(tmp_path / "projects", "story")
    segs = project.segments()
    project.save_target(segs[0].id, "kk", TARGETS[0])
    cluster.stop()  # mid-session
    project.save_target(segs[1].id, "kk", TARGETS[1])
    project.save_target(segs[2].id, "kk", TARGETS[2])
    assert project.sharing is not None and project.sharing.pending() == 2
    status = json.loads(cli("tm", "status", "story", "--json").out)
    assert status["shared_queued"] == 2
    assert not status["shared_online"] and "unreachable" in status["shared_error"]  # (before: not said)
    text = cli("tm", "status", "story").out
    assert "story on" in text and ": offline, 2 queued\n  the TM server" in text, text
    cluster.start()
    project.save_target(segs[3].id, "kk", TARGETS[3])  # sends the queue too
    assert project.sharing.pending() == 0
    project.save_target(segs[3].id, "kk", TARGETS[3])  # unchanged: nothing sent again
    status = json.loads(cli("tm", "status", "story", "--json").out)
    assert (status["shared_online"], status["shared_queued"], "shared_error" in status) == (True, 0, False)
    project.close()
    with psycopg.connect(cluster.url) as conn:
        rows = conn.execute("SELECT position, text, version FROM shared_targets ORDER BY position").fetchall()
    assert rows == [(i, TARGETS[i], 1) for i in range(4)]


def test_the_workbench_of_a_shared_story_says_offline_and_sends_the_queue_when_the_server_is_back(
        cluster: pg.Cluster, tmp_path: Path, cli: Callable) -> None:
    """Found trying it in tmux (tenth session): with the story's server stopped, the workbench of a shared
    story said nothing at all (the team TM's "offline, N queued" is for `tm connect` only); the targets were
    kept and sent later, but the translator could not tell."""
    import asyncio

    import psycopg

    from tarjimon.tui.app import TarjimonApp

    project = _shared_story(cluster, tmp_path, cli)

    async def session() -> tuple[list[str], list[str], str]:
        app = TarjimonApp(project)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            cluster.stop()  # mid-session
            await pilot.press(*"Бірінші", "enter")
            titles = []
            assert await _wait_for(pilot, lambda: "1 queued" in app.screen.sub_title)
            titles.append(app.screen.sub_title)
            told = [n.message for n in app._notifications]  # (a notification goes after a few seconds)
            await pilot.press(*"Екінші", "enter")
            assert await _wait_for(pilot, lambda: "2 queued" in app.screen.sub_title)
            titles.append(app.screen.sub_title)
            cluster.start()  # back: the listener sends the queue without another confirm
            assert await _wait_for(pilot, lambda: not app.screen.sub_title)
            return titles, told + [n.message for n in app._notifications], app.screen.sub_title

    titles, notes, after = asyncio.run(session())
    assert titles == ["story offline, 1 queued",
                      "story offline, 2 queued"]
    assert any(n.startswith("Story server unreachable: keep working") for n in notes)
    assert "Story server back: queued targets sent" in notes and after == ""
    assert project.sharing is not None and project.sharing.pending() == 0
    project.close()
    with psycopg.connect(cluster.url) as conn:
        rows = conn.execute("SELECT position, text, version FROM shared_targets ORDER BY position").fetchall()
    assert rows == [(0, "Бірінші", 1), (1, "Екінші", 1)]  # each once


def test_the_header_says_both_servers_when_the_story_and_the_team_tm_are_offline(
        cluster: pg.Cluster, tmp_path: Path, cli: Callable) -> None:
    """Found walking a newsroom of two (thirteenth session): a project both shared and on the team TM, its server
    stopped: the header said "story offline, 1 queued" only, hiding that the team TM was offline with a queue
    of its own (that title was kept until the story was back, then the team TM's showed)."""
    import asyncio

    from tarjimon.tui.app import TarjimonApp

    project = _shared_story(cluster, tmp_path, cli, ["tm", "connect", "story", cluster.url])

    async def session() -> tuple[str, str]:
        app = TarjimonApp(project)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            cluster.stop()  # mid-session
            await pilot.press(*"Бірінші", "enter")
            both = "story offline, 1 queued · team TM offline, 1 queued"
            await _wait_for(pilot, lambda: app.screen.sub_title == both)
            offline = app.screen.sub_title
            cluster.start()
            await _wait_for(pilot, lambda: not app.screen.sub_title)
            return offline, app.screen.sub_title

    offline, after = asyncio.run(session())
    assert (offline, after) == ("story offline, 1 queued · team TM offline, 1 queued", "")
    assert project.delivery.pending() == 0 and project.sharing is not None and project.sharing.pending() == 0
    project.close()


def test_the_story_listener_says_a_server_that_does_not_answer_in_one_line(cluster: pg.Cluster, tmp_path: Path,
                                                                            cli: Callable) -> None:
    """Found in tmux (thirteenth session): with a wrong password, the workbench's notification quoted libpq's
    lines whole ("connection failed: connection to server at ... FATAL: ... password retrieved from file ...")
    from the listener's own connection, where the rest of Tarjimon says it in one line."""
    import threading
    import time

    with _shared_story(cluster, tmp_path, cli) as project:
        story = project.sharing
        assert story is not None
        cluster.stop()
        stop = threading.Event()
        thread = story.listen(lambda changed: None, stop)
        deadline = time.monotonic() + 60
        while story.online and time.monotonic() < deadline:
            time.sleep(0.1)
        stop.set()
        thread.join(10)
        cluster.start()
        assert not story.online
        assert story.last_error.startswith(f"the TM server {story.db.where} is unreachable (")
        assert "\n" not in story.last_error


def _shared_story(cluster: pg.Cluster, tmp_path: Path, cli: Callable, *more: list[str]) -> Workbench:
    """The story shared on `cluster` (then `more` commands: tm connect...), opened and locked as a workbench."""
    art = tmp_path / "story.txt"
    art.write_text(ARTICLE, "utf-8")
    with Workbench.create(tmp_path / "projects", "story", "uz", ["kk"]) as made:
        made.import_file(art)
    for command in (["share", "story", cluster.url], *more):
        assert cli(*command).code == 0
    project = Workbench.open(tmp_path / "projects", "story")
    project.lock()
    return project


async def _wait_for(pilot, what: Callable[[], bool]) -> bool:  # type: ignore[no-untyped-def]
    """Until `what` holds (generous: the state is checked, not how fast it comes)."""
    import time

    deadline = time.monotonic() + 60
    while not what() and time.monotonic() < deadline:
        await pilot.pause(0.1)
    return what()
