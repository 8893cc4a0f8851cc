"""The team TM's units stored before the twelfth session, keyed and indexed with the tags written in their
source, are keyed and indexed again without them by `tarjimon tm optimize` on a connected project (as a
project's own TM is: tests/test_tm_tag_keys.py), safely while colleagues write; a server that does not answer
changes nothing. On a real PostgreSQL server (tests/pg.py)."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pytest

from tarjimon.core.models.tm import NewUnit
from tarjimon.core.tm.postgres import backend
from tarjimon.core.tm.postgres.backend import PgMemory
from tarjimon.core.tm.text import key_and_tokens, key_of, unit_key_and_tokens

TAGGED = ["<b>%{target_username}</b> is now an administrator.", "Saved {0} files in the folder",
          "Touch Retry to ⟨1/⟩resume the procedure.", "%s was removed from the group %s"]
PLAIN = ["is now an administrator.", "Saved files in the folder", "Touch Retry to resume the procedure.",
         "was removed from the group"]


def _filler(i: int) -> str:
    return f"The council and the river {i % 7} of the market town {['east', 'west', 'north'][i % 3]}"


def _units() -> list[NewUnit]:
    return [NewUnit("en", "ru", "en", "ru", s, f"Перевод {i}") for i, s in enumerate(TAGGED[:2] + [_filler(i)
            for i in range(30)])]


def _write_as_before(team: PgMemory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Units written as the code before the twelfth session wrote them: keyed on the source as written (a bulk
    import, an added unit, a confirmed target)."""
    with monkeypatch.context() as m:
        m.setattr(backend, "unit_key_and_tokens", key_and_tokens)
        team.import_units(_units())
        team.add(TAGGED[2], "Перевод 2", "en", "ru")
        team.confirm(NewUnit("en", "ru", "en", "ru", TAGGED[3], "Перевод 3", segment_id=7))


def _listed(team: PgMemory) -> dict[int, dict[str, int]]:
    """unit id -> {stem: the size recorded with it} over every posting row (a unit listed twice is counted)."""
    out: dict[int, dict[str, int]] = defaultdict(dict)
    seen: Counter[tuple[int, str]] = Counter()
    with team.db.using() as conn:
        for tok, ids, lens in conn.execute("SELECT token, ids, lens FROM tm_postings"):
            stem = tok.split(":", 1)[1]
            for uid, n in zip(np.frombuffer(bytes(ids), "<u4").tolist(), bytes(lens), strict=True):
                out[uid][stem] = n
                seen[(uid, stem)] += 1
    assert max(seen.values()) == 1, "a unit listed twice under one stem"
    return out


def _consistent(team: PgMemory) -> dict[str, tuple[int, str]]:
    """Every unit keyed and listed without its tags, under its stems only, with its size; source -> (id, key)."""
    listed = _listed(team)
    with team.db.using() as conn:
        rows = conn.execute("SELECT id, source, source_lang, skey, ntok FROM tm_units").fetchall()
    for uid, source, sl, skey, ntok in rows:
        key, toks = unit_key_and_tokens(source, sl)
        assert (skey, ntok) == (key, len(toks)), source
        assert listed.get(uid) == dict.fromkeys(toks, len(toks)), source
    assert set(listed) <= {r[0] for r in rows}, "a deleted unit left in the index"
    return {r[1]: (r[0], r[3]) for r in rows}


def _shown(team: PgMemory) -> list[list[tuple[str, int]]]:
    return [[(team.unit(m.unit_id).source, m.score) for m in team.lookup(q, "ru", source_lang="en", min_score=30)]
            for q in PLAIN + TAGGED + [_filler(3)]]


@pytest.fixture
def old_team(pg_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[PgMemory]:
    team = PgMemory(pg_url, "en", ["ru"], project="desk-kk")
    _write_as_before(team, monkeypatch)
    with team.db.using() as conn:
        keys = dict(conn.execute("SELECT source, skey FROM tm_units").fetchall())
    assert [keys[s] for s in TAGGED] == [key_of(s, "en") for s in TAGGED]  # the planted old keys
    assert {"b", "targe", "usern"} <= set(_listed(team)[team.lookup(TAGGED[0], "ru", source_lang="en")[0].unit_id])
    yield team
    team.close()


def test_optimize_keys_and_indexes_the_servers_old_units_again(old_team: PgMemory, pg_server: str) -> None:
    import pg

    assert old_team.rekey_tagged() == 4
    keys = _consistent(old_team)
    assert [keys[s][1] for s in TAGGED] == [key_of(p, "en") for p in PLAIN]
    fresh = PgMemory(pg.schema_url(), "en", ["ru"], project="desk-kk")  # the same units written by this version
    fresh.import_units(_units())
    fresh.add(TAGGED[2], "Перевод 2", "en", "ru")
    fresh.confirm(NewUnit("en", "ru", "en", "ru", TAGGED[3], "Перевод 3", segment_id=7))
    assert _shown(old_team) == _shown(fresh)
    for plain, source in zip(PLAIN, TAGGED, strict=True):  # a sentence without the tags: the unit first, 99
        assert _shown(old_team)[PLAIN.index(plain)][0] == (source, 99)
    assert old_team.rekey_tagged() == 0  # once
    fresh.close()


def test_a_colleague_editing_a_unit_meanwhile_is_waited_for_and_kept(old_team: PgMemory, pg_url: str) -> None:
    """The unit a colleague is editing (its row locked) is re-keyed after that edit commits, from what it wrote."""
    colleague = PgMemory(pg_url, "en", ["ru"], project="desk-ru", user="dmitry")
    uid = {u.source: u.id for u in old_team.units()}[TAGGED[1]]
    result: list[int] = []
    with colleague.db.using() as conn, conn.transaction():
        conn.execute("SELECT 1 FROM tm_units WHERE id = %s FOR UPDATE", (uid,))
        worker = threading.Thread(target=lambda: result.append(old_team.rekey_tagged()))
        worker.start()
        time.sleep(1.0)
        assert worker.is_alive()  # waits for the colleague's transaction
        conn.execute("UPDATE tm_units SET target = 'Сохранено файлов' WHERE id = %s", (uid,))
    worker.join(30)
    assert result == [4]
    assert old_team.unit(uid).target == "Сохранено файлов"
    _consistent(old_team)
    colleague.close()


def test_units_deleted_or_reworded_by_a_colleague_before_are_skipped(old_team: PgMemory, pg_url: str) -> None:
    ids = {u.source: u.id for u in old_team.units()}
    colleague = PgMemory(pg_url, "en", ["ru"], project="desk-ru", user="dmitry")
    colleague.delete(ids[TAGGED[0]])
    colleague.edit(ids[TAGGED[1]], source="Saved the files")
    assert old_team.rekey_tagged() == 2
    assert TAGGED[0] not in _consistent(old_team)
    colleague.close()


def _connected(cli: Callable, tmp_path: Path, url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A project whose own TM holds a unit keyed with its tags (as before), connected to the team TM."""
    from tarjimon.core.tm.sqlite import bulk

    assert cli("new", "p", "--source", "en", "--targets", "ru").code == 0
    (tmp_path / "f.tmx").write_text(
        '<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="en" datatype="plaintext" segtype="sentence"'
        ' adminlang="en" o-tmf="t" creationtool="t" creationtoolversion="1"/><body><tu><tuv xml:lang="en">'
        '<seg>Saved {0} files</seg></tuv><tuv xml:lang="ru"><seg>Сохранено {0} файлов</seg></tuv></tu>'
        '</body></tmx>\n', "utf-8")
    with monkeypatch.context() as m:
        m.setattr(bulk, "unit_key_and_tokens", key_and_tokens)
        assert cli("tm", "import", "p", tmp_path / "f.tmx").code == 0
    r = cli("tm", "connect", "p", url)
    assert r.code == 0, r.err


def _local_key(tmp_path: Path) -> str:
    with sqlite3.connect(tmp_path / "projects" / "p" / "project.db") as conn:
        return str(conn.execute("SELECT skey FROM tm_units").fetchone()[0])


def test_tm_optimize_on_a_connected_project(cli: Callable, tmp_path: Path, old_team: PgMemory, pg_url: str,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    _connected(cli, tmp_path, pg_url, monkeypatch)
    got = cli("tm", "optimize", "p")
    assert got.code == 0, got
    assert "1 unit with tags in their source indexed again without them; team TM: 4 units indexed again" in got.err
    _consistent(old_team)
    assert _local_key(tmp_path) == "saved files"
    assert json.loads(cli("tm", "optimize", "p", "--json").out) == {"lists_merged": 0, "units_rekeyed": 0,
                                                                      "team_units_rekeyed": 0}


def test_tm_optimize_with_the_server_down_changes_nothing(cli: Callable, tmp_path: Path, old_team: PgMemory,
                                                          pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import pg

    _connected(cli, tmp_path, pg_url, monkeypatch)
    toml = tmp_path / "projects" / "p" / "project.toml"
    port = pg_url.split("@127.0.0.1:", 1)[1].split("/", 1)[0]
    toml.write_text(toml.read_text("utf-8").replace(f"127.0.0.1:{port}", f"127.0.0.1:{pg.free_port()}"), "utf-8")
    got = cli("tm", "optimize", "p")
    assert got.code == 2 and "unreachable" in got.err and len(got.err.strip().splitlines()) == 1, got
    assert "Traceback" not in got.err
    assert _local_key(tmp_path) == "saved 0 files"  # the project's own TM untouched too
    with old_team.db.using() as conn:
        assert conn.execute("SELECT skey FROM tm_units WHERE source = %s", (TAGGED[0],)).fetchone()[0] == \
            key_of(TAGGED[0], "en")
