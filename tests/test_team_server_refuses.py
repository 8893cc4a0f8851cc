"""The team server refuses a confirmed target (a full disk, a statement_timeout) or two translators confirm the
same segment's unit at once: the target is committed in the project, stays queued, and reaches the team TM
when the server takes it again; never a unit doubled or lost (twelfth session, item 3, on a real server).

Tried before writing these: each held already (a refusal is a TarjimonError, which leaves the outbox row);
they are kept so that it stays so. A full disk is a trigger raising SQLSTATE 53100 (disk_full), as PostgreSQL
does when it cannot extend a file (a real full tablespace needs a mount this test cannot make).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from tarjimon.core.workbench import Workbench, backends
from tarjimon.core.workbench.backends import connect, team_note

pytest.importorskip("psycopg", reason="the team extra (psycopg) is not installed")

TARGETS = ["Бірінші сөйлем.", "Екінші сөйлем.", "Үшінші сөйлем."]


@pytest.fixture
def desk(tmp_path: Path, pg_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Workbench]:
    monkeypatch.setattr(backends, "RETRY_AFTER", 0.0)  # ask the server again at once
    art = tmp_path / "story.txt"
    art.write_text("Birinchi gap. Ikkinchi gap. Uchinchi gap.\n", "utf-8")
    wb = Workbench.create(tmp_path / "projects", "story", "uz", ["kk"])
    wb.import_file(art)
    connect(wb, pg_url)
    yield wb
    wb.close()


def _server_targets(url: str) -> list[str]:
    import psycopg

    with psycopg.connect(url) as conn:
        return sorted(r[0] for r in conn.execute("SELECT target FROM tm_units"))


def test_a_full_disk_on_the_server_keeps_the_target_queued_until_there_is_room(desk: Workbench, pg_url: str) -> None:
    import psycopg

    segs = desk.segments()
    desk.save_target(segs[0].id, "kk", TARGETS[0])
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("CREATE FUNCTION disk_full() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION"
                     " 'could not extend file: No space left on device' USING ERRCODE = 'disk_full'; END $$")
        conn.execute("CREATE TRIGGER disk_full BEFORE INSERT OR UPDATE ON tm_units FOR EACH ROW"
                     " EXECUTE FUNCTION disk_full()")
    desk.save_target(segs[1].id, "kk", TARGETS[1])
    assert desk.translation(segs[1].id, "kk").status == "translated"  # committed in the project
    assert desk.delivery.pending() == 1 and team_note(desk) == "offline, 1 queued"
    assert "No space left on device" in desk.delivery.last_error
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("DROP TRIGGER disk_full ON tm_units")  # room again
    desk.save_target(segs[2].id, "kk", TARGETS[2])  # the next confirm delivers the queue too
    assert desk.delivery.pending() == 0
    assert _server_targets(pg_url) == sorted(TARGETS)


def test_a_statement_timeout_keeps_the_target_queued(tmp_path: Path, desk: Workbench, pg_url: str) -> None:
    """An administrator's statement_timeout shorter than a confirm (here: a trigger makes it take 2 s)."""
    import psycopg

    segs = desk.segments()
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("CREATE FUNCTION slow() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(2);"
                     " RETURN NEW; END $$")
        conn.execute("CREATE TRIGGER slow BEFORE INSERT ON tm_units FOR EACH ROW EXECUTE FUNCTION slow()")
    desk.config.settings[backends.TEAM_URL] = f"{pg_url}{quote(' -cstatement_timeout=300')}"
    desk.save_config()
    desk.reopen_tm()
    desk.save_target(segs[0].id, "kk", TARGETS[0])
    assert desk.translation(segs[0].id, "kk").status == "translated"
    assert desk.delivery.pending() == 1
    assert "statement timeout" in desk.delivery.last_error
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("DROP TRIGGER slow ON tm_units")
    assert desk.delivery.drain() == 1
    assert _server_targets(pg_url) == [TARGETS[0]]


def test_two_translators_confirming_the_same_segments_unit_at_once_leave_one_unit_and_its_history(
        pg_url: str) -> None:
    """Two processes of one project (a CLI `replace` and the workbench, say) confirm different targets of the
    same segment at the same moment, forty times: one unit for the segment, the other versions in its history."""
    from tarjimon.core.models.tm import NewUnit
    from tarjimon.core.tm.postgres.backend import PgMemory

    PgMemory(pg_url).close()
    start, errors = threading.Barrier(2), []

    def translator(name: str) -> None:
        tm = PgMemory(pg_url, "uz", ["kk"], project="story-1", user=name)
        try:
            for round_ in range(40):
                start.wait(30)
                tm.confirm(NewUnit("uz", "kk", "uz", "kk", "Birinchi gap.", f"{name} {round_}.", segment_id=1))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
            start.abort()
        finally:
            tm.close()

    threads = [threading.Thread(target=translator, args=(who,), daemon=True) for who in ("aigerim", "dmitry")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert errors == [] and not any(t.is_alive() for t in threads)
    import psycopg

    with psycopg.connect(pg_url) as conn:
        units = conn.execute("SELECT id, target FROM tm_units WHERE project = 'story-1' AND segment_id = 1").fetchall()
        history = conn.execute("SELECT count(*) FROM tm_unit_history").fetchone()[0]
        total = conn.execute("SELECT count(*) FROM tm_units").fetchone()[0]
    assert len(units) == 1 and total == 1
    assert units[0][1].endswith(" 39.")  # the last round's, from one of the two
    assert history == 79  # every other version kept
