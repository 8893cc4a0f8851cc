"""Every confirmed target a desk writes reaches the shared story, by whatever path, and none is lost by a kill
(walked as a newsroom of two, thirteenth session). Before, only a confirm queued its own target for the story,
in a transaction after the target's: a kill -9 between the two lost it for the story (the team TM's queue
kept it), and the repetitions a confirm filled, a find and replace, and the "ask" mode's fill never reached the
other desks. Now a trigger queues each in the transaction that writes it (sharing_schema.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest

from tarjimon.core.config import current_user
from tarjimon.core.workbench import Workbench

ARTICLE = "Prezident Toshkentga keldi. Bozorda narxlar barqaror. Prezident Toshkentga keldi. Yangi maktab ochildi.\n"


@pytest.fixture
def desks(tmp_path: Path, cli: Callable, pg_url: str) -> Iterator[tuple[Workbench, Workbench]]:
    art = tmp_path / "story.txt"
    art.write_text(ARTICLE, "utf-8")
    with Workbench.create(tmp_path / "projects", "story", "uz", ["kk", "ru"]) as kk:
        kk.import_file(art)
    assert cli("share", "story", pg_url).code == 0
    assert cli("join", pg_url, "story", "--projects-dir", str(tmp_path / "ru-desk")).code == 0
    kk = Workbench.open(tmp_path / "projects", "story")
    ru = Workbench.open(tmp_path / "ru-desk", "story")
    yield kk, ru
    kk.close()
    ru.close()


def _story(pg_url: str) -> dict[tuple[int, str], tuple[str, str]]:
    with psycopg.connect(pg_url) as conn:
        return {(r[0], r[1]): (r[2], r[3]) for r in conn.execute(
            "SELECT position, lang, text, changeid FROM shared_targets")}


def _texts(wb: Workbench, lang: str) -> list[str]:
    return [wb.translation(s.id, lang).text for s in wb.segments()]


def test_repetitions_and_a_find_and_replace_reach_the_other_desk(desks: tuple[Workbench, Workbench],
                                                                 pg_url: str) -> None:
    kk, ru = desks
    segs = kk.segments()
    kk.save_target(segs[0].id, "kk", "Президент Ташкентке келді.")  # fills segment 3, the same sentence
    kk.save_target(segs[1].id, "kk", "Базарда бағалар тұрақты.")
    ru.sharing.pull()  # type: ignore[union-attr]
    assert _texts(ru, "kk")[:3] == ["Президент Ташкентке келді.", "Базарда бағалар тұрақты.",
                                    "Президент Ташкентке келді."]
    changes = kk.plan_replace("Ташкентке", "Тәшкентке")
    kk.replace("Ташкентке", "Тәшкентке", changes)
    ru.sharing.pull()  # type: ignore[union-attr]
    assert _texts(ru, "kk")[:3] == ["Президент Тәшкентке келді.", "Базарда бағалар тұрақты.",
                                    "Президент Тәшкентке келді."]
    assert ru.sharing.pending() == 0  # (what it received is not sent back as its own)  # type: ignore[union-attr]
    assert {who for _, who in _story(pg_url).values()} == {current_user()}


KILLED = """
import sys
from pathlib import Path
from tarjimon.core.workbench import Workbench
with Workbench.open(Path(sys.argv[1]), "story") as w:
    w.save_target(w.segments()[3].id, "ru", "Открылась новая школа.")
"""


def test_a_desk_killed_right_after_a_confirm_sends_it_to_the_story_when_it_opens(
        desks: tuple[Workbench, Workbench], tmp_path: Path, pg_url: str) -> None:
    kk, ru = desks
    kk.close()
    env = {**os.environ, "TARJIMON_KILL_AT": "target.committed"}
    done = subprocess.run([sys.executable, "-c", KILLED, str(tmp_path / "projects")], capture_output=True,
                          text=True, timeout=120, env=env)
    assert done.returncode == -9, done.stderr
    assert (3, "ru") not in _story(pg_url)
    with Workbench.open(tmp_path / "projects", "story") as again:  # opening sends what is queued
        assert again.sharing is not None and again.sharing.pending() == 0
    assert _story(pg_url)[(3, "ru")][0] == "Открылась новая школа."
    ru.sharing.pull()  # type: ignore[union-attr]
    assert _texts(ru, "ru")[3] == "Открылась новая школа."


def test_a_desk_leaves_the_story_and_keeps_its_targets(desks: tuple[Workbench, Workbench], cli: Callable,
                                                       pg_url: str, tmp_path: Path) -> None:
    """Before there was no way off a story but editing project.toml: a desk whose story's server was gone paid a
    connect timeout on every command, forever, and kept queueing."""
    kk, ru = desks
    ru.save_target(ru.segments()[1].id, "ru", "Цены стабильны.")
    ru.close()
    left = cli("leave", "story", "--projects-dir", str(tmp_path / "ru-desk"), "--json")
    assert left.code == 0, left.err
    assert json.loads(left.out) == {"project": "story", "story": "story", "unsent": 0}
    with Workbench.open(tmp_path / "ru-desk", "story") as again:
        assert again.sharing is None
        assert again.translation(again.segments()[1].id, "ru").text == "Цены стабильны."  # kept
        again.save_target(again.segments()[2].id, "ru", "Только здесь.")  # no longer sent nor queued
        assert again.store.conn.execute("SELECT COUNT(*) FROM shared_outbox").fetchone()[0] == 0
    assert (2, "ru") not in _story(pg_url)
    status = json.loads(cli("tm", "status", "story", "--projects-dir", str(tmp_path / "ru-desk"), "--json").out)
    assert "shared_story" not in status
    again_left = cli("leave", "story", "--projects-dir", str(tmp_path / "ru-desk"))
    assert again_left.code == 2 and "not part of a shared story" in again_left.err


def test_leaving_with_targets_not_sent_needs_force(desks: tuple[Workbench, Workbench], cli: Callable,
                                                   tmp_path: Path) -> None:
    kk, ru = desks
    ru.close()
    toml = tmp_path / "ru-desk" / "story" / "project.toml"
    text = toml.read_text("utf-8")
    port = text.split("@127.0.0.1:", 1)[1].split("/", 1)[0]
    toml.write_text(text.replace(f"127.0.0.1:{port}", "127.0.0.1:1"), "utf-8")  # the story's server gone
    with Workbench.open(tmp_path / "ru-desk", "story") as desk:
        desk.save_target(desk.segments()[0].id, "ru", "Президент приехал в Ташкент.")
    refused = cli("leave", "story", "--projects-dir", str(tmp_path / "ru-desk"))
    assert refused.code == 2 and "'story': 2 confirmed targets not sent to the story yet" in refused.err
    assert "shared_url" in toml.read_text("utf-8")
    forced = cli("leave", "story", "--force", "--projects-dir", str(tmp_path / "ru-desk"))
    assert forced.code == 0 and "2 targets not sent" in forced.err  # (its repetition too), forced
    with Workbench.open(tmp_path / "ru-desk", "story") as desk:
        assert desk.translation(desk.segments()[0].id, "ru").text == "Президент приехал в Ташкент."
