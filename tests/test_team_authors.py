"""A newsroom of two on one server: the Kazakh desk (aigerim) shares the story and uses the team TM, the Russian
desk (dmitry) joins it. A target dmitry confirms reaches aigerim's project, which hands it to the team TM: the
unit and its history name dmitry, not the desk that passed it on (before, the team TM said aigerim wrote and
replaced everything her desk received)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest

from tarjimon.core.workbench import Workbench
from tarjimon.core.workbench.backends import connect
from tarjimon.core.workbench.sharing import SharedConflict, share

ARTICLE = "Prezident Toshkentga tashrif buyurdi. Mamlakatda yangi maktablar qurilmoqda.\n"


@pytest.fixture
def newsroom(tmp_path: Path, cli: Callable, pg_url: str,
             monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Workbench, Workbench]]:
    art = tmp_path / "story.txt"
    art.write_text(ARTICLE, "utf-8")
    monkeypatch.setenv("TARJIMON_USER", "aigerim")
    kk = Workbench.create(tmp_path / "projects", "story", "uz", ["kk", "ru"])
    kk.import_file(art)
    connect(kk, pg_url)
    share(kk, pg_url)
    monkeypatch.setenv("TARJIMON_USER", "dmitry")
    assert cli("join", pg_url, "story", "--projects-dir", str(tmp_path / "ru-desk")).code == 0
    ru = Workbench.open(tmp_path / "ru-desk", "story")
    yield kk, ru
    kk.close()
    ru.close()


def _as(monkeypatch: pytest.MonkeyPatch, who: str) -> None:
    monkeypatch.setenv("TARJIMON_USER", who)


def _received(kk: Workbench) -> None:
    """The Kazakh desk takes what colleagues confirmed (its listener's work) and hands it to the TM."""
    assert kk.sharing is not None and kk.sharing.pull()
    kk.delivery.drain()
    assert kk.delivery.pending() == 0


def test_the_team_tm_names_who_wrote_a_target_a_desk_received(newsroom: tuple[Workbench, Workbench], pg_url: str,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    kk, ru = newsroom
    seg_kk, seg_ru = kk.segments()[0], ru.segments()[0]
    _as(monkeypatch, "dmitry")
    ru.save_target(seg_ru.id, "ru", "Президент посетил Ташкент.")
    _as(monkeypatch, "aigerim")
    _received(kk)
    kk.save_target(seg_kk.id, "kk", "Президент Ташкентке барды.")  # her own target: hers
    with psycopg.connect(pg_url) as conn:
        units = {r[0]: r[1:] for r in conn.execute("SELECT target_lang, creationid, changeid FROM tm_units")}
    assert units == {"ru": ("dmitry", "dmitry"), "kk": ("aigerim", "aigerim")}

    kk.save_target(seg_kk.id, "ru", "Президент побывал в Ташкенте.")  # she corrects his Russian
    _as(monkeypatch, "dmitry")
    with pytest.raises(SharedConflict):
        ru.save_target(seg_ru.id, "ru", "Президент посетил столицу.")
    ru.save_target(seg_ru.id, "ru", "Президент посетил столицу.")  # he insists: confirmed again
    _as(monkeypatch, "aigerim")
    _received(kk)
    with psycopg.connect(pg_url) as conn:
        unit = conn.execute("SELECT id, target, creationid, changeid FROM tm_units WHERE target_lang = 'ru'"
                            ).fetchone()
        history = conn.execute("SELECT target, changeid, replaced_by FROM tm_unit_history WHERE unit_id = %s"
                               " ORDER BY id", (unit[0],)).fetchall()
    assert unit[1:] == ("Президент посетил столицу.", "dmitry", "dmitry")
    assert history == [("Президент посетил Ташкент.", "dmitry", "aigerim"),
                       ("Президент побывал в Ташкенте.", "aigerim", "dmitry")]
