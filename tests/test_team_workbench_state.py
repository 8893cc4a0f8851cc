"""The workbench says so when its team TM's server does not answer, without waiting for a confirm, and sends
what was queued once a lookup reaches the server again (twelfth session).

Found: a workbench opened while the team TM's server was unreachable fell back on the project's own TM silently
(nothing in the header, no notification until a target was confirmed), and what was queued waited for the next
confirm even after the server answered the lookups again. This test stops and starts a server of its own.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pg
import pytest

from tarjimon.core.workbench import Workbench, backends
from tarjimon.core.workbench.backends import connect

pytest.importorskip("psycopg", reason="the team extra (psycopg) is not installed")


@pytest.fixture
def cluster() -> Iterator[pg.Cluster]:
    yield from pg.own_cluster()


def test_an_unreachable_team_tm_is_said_at_once_and_the_queue_goes_when_a_lookup_reaches_it(
        cluster: pg.Cluster, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import psycopg

    from tarjimon.tui.app import TarjimonApp

    monkeypatch.setattr(backends, "RETRY_AFTER", 0.0)  # every lookup asks the server again
    art = tmp_path / "story.txt"
    art.write_text("Birinchi gap. Ikkinchi gap. Uchinchi gap.\n", "utf-8")
    project = Workbench.create(tmp_path / "projects", "p", "uz", ["kk"])
    project.import_file(art)
    connect(project, cluster.url)
    project.lock()
    cluster.stop()

    async def session() -> tuple[list[str], str, str, list[str], int]:
        app = TarjimonApp(project)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause(1.0)
            for _ in range(50):  # the first lookup's answer (from the project's own TM)
                if app._notifications:
                    break
                await pilot.pause(0.1)
            opened = [n.message for n in app._notifications]
            header = app.screen.sub_title
            await pilot.press(*"Бірінші", "enter")  # queued: the server is down
            await pilot.pause(0.5)
            queued_header = app.screen.sub_title
            cluster.start()
            await pilot.press("down")  # (Enter moved to segment 2) a lookup reaches the server
            for _ in range(100):
                if project.delivery.pending() == 0:
                    break
                await pilot.pause(0.1)
            back = [n.message for n in app._notifications]
            return opened, header, queued_header, back, project.delivery.pending()

    opened, header, queued_header, back, pending = asyncio.run(session())
    assert any(m.startswith("Team TM unreachable") for m in opened), opened
    assert header == "team TM offline, 0 queued"
    assert queued_header == "team TM offline, 1 queued"
    assert "Team TM back" in back
    assert pending == 0  # sent without another confirm
    project.close()
    with psycopg.connect(cluster.url) as conn:
        assert [r[0] for r in conn.execute("SELECT target FROM tm_units")] == ["Бірінші"]
