"""A TM unit whose source has tags written in it (`<b>`, `{1}`, `%s`, ⟨1⟩) is keyed and indexed without them, on
every write path (an import, sequential or parallel, an added or confirmed unit, an edit); units indexed with
them by an earlier version are indexed again by `tm optimize`, and deleting or editing one first leaves no entry
behind (tarjimon check stays clean)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tarjimon.core.models.tm import NewUnit
from tarjimon.core.store import Store
from tarjimon.core.tm.sqlite import bulk, parallel
from tarjimon.core.tm.sqlite.backend import SqliteMemory
from tarjimon.core.tm.sqlite.check import check_index, problems
from tarjimon.core.tm.text import key_and_tokens, key_of

HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" creationtoolversion="1"'
        ' segtype="sentence" o-tmf="t" adminlang="en" srclang="en" datatype="plaintext"/><body>\n')
TAGGED = ["<b>%{target_username}</b> is now an administrator.", "Saved {0} files in the folder",
          "Touch Retry to ⟨1/⟩resume the procedure.", "%s was removed from the group %s"]
PLAIN = ["is now an administrator.", "Saved files in the folder", "Touch Retry to resume the procedure.",
         "was removed from the group"]
# the stems only the tags gave: a sentence without them never shares these with the unit
TAG_STEMS = {"b", "targe", "usern", "#0", "#1", "s"}


def _filler(i: int) -> str:
    return f"The council and the river {i % 7} of the market town {['east', 'west', 'north'][i % 3]}"


def _stems_of(tm: SqliteMemory, unit_id: int) -> set[str]:
    out = set()
    for tok, blob in tm.store.conn.execute("SELECT token, ids FROM tm_postings"):
        if unit_id in memoryview(blob).cast("I").tolist():
            out.add(tok.split(":", 1)[1])
    return out


def _tagged_units(tm: SqliteMemory) -> dict[str, tuple[int, str, int]]:
    return {r[1]: (r[0], r[2], r[3]) for r in tm.store.conn.execute(
        "SELECT id, source, skey, ntok FROM tm_units WHERE source IN (?, ?, ?, ?)", TAGGED)}


def _keyed_without_tags(tm: SqliteMemory) -> None:
    units = _tagged_units(tm)
    assert len(units) == len(TAGGED)
    for source, plain in zip(TAGGED, PLAIN, strict=True):
        uid, skey, ntok = units[source]
        assert skey == key_of(plain, "en"), source
        stems = _stems_of(tm, uid)
        assert not stems & TAG_STEMS, (source, stems)
        assert ntok == len(stems)
    assert not problems(check_index(tm.store.conn))


def _units() -> list[NewUnit]:
    return [NewUnit("en", "ru", "en", "ru", s, f"Перевод {i}") for i, s in enumerate(TAGGED + [_filler(i)
            for i in range(30)])]


def test_an_import_keys_and_indexes_a_source_without_its_tags(tmp_path: Path) -> None:
    tm = SqliteMemory(Store(tmp_path / "p.db"))
    tm.import_units(_units())
    _keyed_without_tags(tm)
    for plain, source in zip(PLAIN, TAGGED, strict=True):  # a sentence without the tags: the unit first, 99
        best = tm.lookup(plain, "ru", source_lang="en")[0]
        assert (tm.unit(best.unit_id).source, best.score) == (source, 99)


def test_added_confirmed_and_edited_units_too(tmp_path: Path) -> None:
    tm = SqliteMemory(Store(tmp_path / "p.db"))
    tm.import_units(_units()[len(TAGGED):])
    for i, s in enumerate(TAGGED[:2]):
        tm.add(s, f"Перевод {i}", "en", "ru")
    tm.confirm(NewUnit("en", "ru", "en", "ru", TAGGED[2], "Перевод 2", segment_id=7))
    uid = tm.add("A plain sentence to correct", "Перевод 3", "en", "ru")
    tm.edit(uid, source=TAGGED[3])
    _keyed_without_tags(tm)
    tm.edit(uid, source="A plain sentence again")  # its tags' entries and its words' go, the new words' come
    assert _stems_of(tm, uid) == key_and_tokens("A plain sentence again", "en")[1]
    assert not problems(check_index(tm.store.conn))


def test_a_parallel_import_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    body = "".join(f'<tu><tuv xml:lang="en"><seg>{u.source.replace("<", "&lt;").replace(">", "&gt;")}</seg></tuv>'
                   f'<tuv xml:lang="ru"><seg>{u.target}</seg></tuv></tu>\n' for u in _units() * 1)
    (tmp_path / "f.tmx").write_text(HEAD + body + "</body></tmx>\n", "utf-8")
    monkeypatch.setattr(parallel, "MIN_SIZE", 0)
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    tm = SqliteMemory(Store(tmp_path / "p.db"))
    assert tm.import_file(tmp_path / "f.tmx").added == len(_units())
    assert tm.last_import_stats.get("parts", 1) > 1
    _keyed_without_tags(tm)


def _indexed_as_before(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SqliteMemory:
    """A TM whose tagged units were keyed and indexed with their tags (as before the twelfth session)."""
    with monkeypatch.context() as m:
        m.setattr(bulk, "unit_key_and_tokens", key_and_tokens)
        tm = SqliteMemory(Store(tmp_path / "p.db"))
        tm.import_units(_units())
    uid = _tagged_units(tm)[TAGGED[0]][0]
    assert {"b", "targe"} <= _stems_of(tm, uid)  # the planted old index
    return tm


def test_tm_optimize_indexes_old_tagged_units_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tm = _indexed_as_before(tmp_path, monkeypatch)
    fresh = SqliteMemory(Store(tmp_path / "fresh.db"))
    fresh.import_units(_units())
    tm.optimize()
    _keyed_without_tags(tm)
    for q in PLAIN + TAGGED + [_filler(3)]:
        got = [(m.unit_id, m.score) for m in tm.lookup(q, "ru", source_lang="en", min_score=30)]
        assert got == [(m.unit_id, m.score) for m in fresh.lookup(q, "ru", source_lang="en", min_score=30)], q


def test_old_tagged_units_deleted_or_edited_leave_no_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tm = _indexed_as_before(tmp_path, monkeypatch)
    units = _tagged_units(tm)
    tm.delete(units[TAGGED[0]][0])
    tm.edit(units[TAGGED[1]][0], source="Saved the files")
    assert _stems_of(tm, units[TAGGED[0]][0]) == set()
    assert _stems_of(tm, units[TAGGED[1]][0]) == key_and_tokens("Saved the files", "en")[1]
    assert not problems(check_index(tm.store.conn))


def test_tm_optimize_from_the_cli_says_it(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    assert cli("new", "p", "--source", "en", "--targets", "ru").code == 0
    body = "".join(f'<tu><tuv xml:lang="en"><seg>{u.source.replace("<", "&lt;").replace(">", "&gt;")}</seg></tuv>'
                   f'<tuv xml:lang="ru"><seg>{u.target}</seg></tuv></tu>\n' for u in _units())
    (tmp_path / "f.tmx").write_text(HEAD + body + "</body></tmx>\n", "utf-8")
    with monkeypatch.context() as m:
        m.setattr(bulk, "unit_key_and_tokens", key_and_tokens)  # indexed as before the twelfth session
        assert cli("tm", "import", "p", tmp_path / "f.tmx").code == 0
    got = cli("tm", "optimize", "p")
    assert got.code == 0 and "4 units with tags in their source indexed again without them" in got.err, got
    _keyed_without_tags(SqliteMemory(Store(tmp_path / "projects" / "p" / "project.db")))
    assert json.loads(cli("tm", "optimize", "p", "--json").out) == {"lists_merged": 0, "units_rekeyed": 0}


def test_the_team_tm_keys_them_the_same(pg_url: str) -> None:
    from tarjimon.core.tm.postgres.backend import PgMemory

    team = PgMemory(pg_url, "en", ["ru"])
    team.import_units(_units()[:2])
    uid = team.add(TAGGED[2], "Перевод 2", "en", "ru")
    edited = team.add(TAGGED[3], "Перевод 3", "en", "ru")
    team.edit(edited, source="was removed from the list")
    with team.db.using() as conn:
        keys = dict(conn.execute("SELECT source, skey FROM tm_units").fetchall())
    assert [keys[s] for s in TAGGED[:3]] == [key_of(p, "en") for p in PLAIN[:3]]
    for plain, source in zip(PLAIN[:3], TAGGED[:3], strict=True):
        best = team.lookup(plain, "ru", source_lang="en")[0]
        assert (team.unit(best.unit_id).source, best.score) == (source, 99)
    assert team.lookup(TAGGED[2], "ru", source_lang="en")[0].unit_id == uid
    team.close()


def _entries(tm: SqliteMemory) -> set[tuple[str, int, int]]:
    out = set()
    for tok, blob, lens in tm.store.conn.execute("SELECT token, ids, lens FROM tm_postings"):
        out.update(zip([tok] * len(lens), memoryview(blob).cast("I").tolist(), lens, strict=True))
    return out


def test_tm_optimize_leaves_the_index_a_fresh_import_makes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every (stem, unit, number of stems) entry after the re-key is the one a fresh import writes: the counts of
    the stems a unit keeps are set for many units per list at once (rekey._set_counts)."""
    tm = _indexed_as_before(tmp_path, monkeypatch)
    fresh = SqliteMemory(Store(tmp_path / "fresh.db"))
    fresh.import_units(_units())
    assert _entries(tm) != _entries(fresh)
    tm.optimize()
    assert _entries(tm) == _entries(fresh)
