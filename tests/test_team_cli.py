"""A project on a team TM: tm connect / disconnect / status / push, and history when two people change a unit."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest

from tarjimon.core.workbench import Workbench
from tarjimon.core.workbench.backends import connect

ARTICLE = "Prezident Toshkentga tashrif buyurdi. Mamlakatda yangi maktablar qurilmoqda. Samarqandda IT-markaz ochildi.\n"


def _project(tmp_path: Path, name: str, targets: list[str] | None = None) -> Workbench:
    art = tmp_path / f"{name}.txt"
    art.write_text(ARTICLE, "utf-8")
    project = Workbench.create(tmp_path / "projects", name, "uz", targets or ["kk", "ru"])
    project.import_file(art)
    return project


def _toml(tmp_path: Path, name: str) -> dict:
    return tomllib.loads((tmp_path / "projects" / name / "project.toml").read_text("utf-8"))


def test_connect_refuses_a_password_and_an_unreachable_server(cli: Callable, tmp_path: Path, pg_url: str) -> None:
    _project(tmp_path, "p").close()
    before = (tmp_path / "projects" / "p" / "project.toml").read_text("utf-8")
    r = cli("tm", "connect", "p", "postgresql://alice:s3cret@127.0.0.1:5432/newsroom")
    assert r.code == 2 and "password" in r.err and "s3cret" not in r.err and "Traceback" not in r.err
    r = cli("tm", "connect", "p", "postgresql://postgres@127.0.0.1:1/newsroom")
    assert r.code == 2 and "unreachable" in r.err and len(r.err.strip().splitlines()) == 1
    r = cli("tm", "connect", "p", "mysql://x@y/z")
    assert r.code == 2 and "not a PostgreSQL URL" in r.err
    assert (tmp_path / "projects" / "p" / "project.toml").read_text("utf-8") == before


def test_connect_push_status_disconnect(cli: Callable, tmp_path: Path, pg_url: str) -> None:
    project = _project(tmp_path, "p")
    seg = project.segments()[0]
    project.save_target(seg.id, "kk", "Президент Ташкентке сапармен барды.")  # in the local TM before connecting
    project.close()
    r = cli("tm", "connect", "p", pg_url)
    assert r.code == 0, r.err
    settings = _toml(tmp_path, "p")["settings"]
    assert settings["team_tm"] == pg_url and settings["team_project"].startswith("p-")
    status = json.loads(cli("tm", "status", "p", "--json").out)
    assert status["backend"] == "postgresql" and status["online"] and status["units"] == 0 and status["queued"] == 0
    r = cli("tm", "push", "p", "--json")
    assert r.code == 0 and json.loads(r.out)["added"] == 1
    assert json.loads(cli("tm", "push", "p", "--json").out) == {"added": 0, "already_there": 1, "units": 1}
    found = json.loads(cli("tm", "search", "p", "Prezident Toshkentga tashrif buyurdi.", "--target", "kk",
                           "--json").out)
    assert found["matches"][0]["score"] == 100
    text = cli("tm", "status", "p").out
    assert "online, 0 queued" in text and "uz>kk" in text
    assert cli("tm", "disconnect", "p").code == 0
    assert "team_tm" not in _toml(tmp_path, "p")["settings"]
    assert json.loads(cli("tm", "status", "p", "--json").out)["backend"] == "sqlite"
    r = cli("tm", "disconnect", "p")
    assert r.code == 2 and "not connected" in r.err


def test_two_people_change_a_unit_and_both_versions_stay(tmp_path: Path, pg_url: str,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TARJIMON_USER", "aigerim")
    project = _project(tmp_path, "p", ["kk"])
    connect(project, pg_url)
    seg = project.segments()[1]
    project.save_target(seg.id, "kk", "Елде жаңа мектептер салынуда.")
    monkeypatch.setenv("TARJIMON_USER", "nurlan")
    project.reopen_tm()  # a colleague's session (the author is read when the TM opens)
    project.save_target(seg.id, "kk", "Елде жаңа мектептер салынып жатыр.")
    remote = project.tm._server()  # type: ignore[attr-defined]
    unit = project.tm.lookup("Mamlakatda yangi maktablar qurilmoqda.", "kk")[0]
    assert unit.target == "Елде жаңа мектептер салынып жатыр." and project.tm.count() == 1
    stored = project.tm.unit(unit.unit_id)
    assert stored.props["creationid"] == "aigerim" and stored.props["changeid"] == "nurlan"
    history = remote.history(unit.unit_id)
    assert [(h["target"], h["changeid"], h["replaced_by"]) for h in history] == [
        ("Елде жаңа мектептер салынуда.", "aigerim", "nurlan")]
    project.close()


def test_a_server_that_refuses_is_one_line_and_the_target_stays_queued(cli: Callable, tmp_path: Path,
                                                                         pg_url: str) -> None:
    import psycopg

    project = _project(tmp_path, "p", ["kk"])
    connect(project, pg_url)
    with psycopg.connect(pg_url, autocommit=True) as conn:  # the server refuses writes to the units from now on
        conn.execute("CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS "
                     "$$ BEGIN RAISE EXCEPTION 'writes are closed for maintenance'; END $$")
        conn.execute("CREATE TRIGGER refuse BEFORE INSERT OR UPDATE ON tm_units FOR EACH ROW EXECUTE FUNCTION refuse()")
    seg = project.segments()[0]
    project.save_target(seg.id, "kk", "Президент Ташкентке сапармен барды.")  # saved; the TM did not take it
    assert project.translation(seg.id, "kk").text == "Президент Ташкентке сапармен барды."
    assert project.delivery.pending() == 1 and "maintenance" in project.delivery.last_error
    project.close()
    r = cli("tm", "push", "p")
    assert r.code == 2 and "maintenance" in r.err.strip().splitlines()[-1] and "Traceback" not in r.err
