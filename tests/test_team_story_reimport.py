"""A shared story re-imported on one desk while the other works (walked as a newsroom of two, thirteenth
session): the editor added a sentence at the top and corrected one, the Kazakh desk re-imported the article.
Before, every segment after the inserted sentence was sent to the next sentence's place: the Russian desk
never saw the Kazakh desk's targets again, each desk's confirms overwrote the other's target of a different
sentence on the server, and a colleague's different sentence was reported as a conflict. Now the unchanged
sentences keep their places in the story (aligned), the changed ones keep their targets on their desk, and
`import` and `tm status` say so."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest

from tarjimon.core.workbench import Workbench

SENTENCES = ["Prezident Toshkentga tashrif buyurdi.", "Mamlakatda yangi maktablar qurilmoqda.",
             "Samarqandda IT-markaz ochildi.", "Bozorda narxlar barqaror."]


@pytest.fixture
def desks(tmp_path: Path, cli: Callable, pg_url: str) -> Iterator[tuple[Workbench, Workbench, Callable]]:
    art = tmp_path / "story.txt"
    art.write_text(" ".join(SENTENCES) + "\n", "utf-8")
    with Workbench.create(tmp_path / "projects", "story", "uz", ["kk", "ru"]) as kk:
        kk.import_file(art)
    assert cli("share", "story", pg_url).code == 0
    assert cli("join", pg_url, "story", "--projects-dir", str(tmp_path / "ru-desk")).code == 0
    edited = ["Yangilangan xabar.", SENTENCES[0], "Mamlakatda yangi maktablar qurildi.", *SENTENCES[2:]]
    art.write_text(" ".join(edited) + "\n", "utf-8")
    done = cli("import", "story", art)  # the Kazakh desk takes the editor's version
    assert done.code == 0, done.err
    assert "2 segments of this desk differ from the shared story 'story'" in done.err  # (the new and the changed)
    kk = Workbench.open(tmp_path / "projects", "story")
    ru = Workbench.open(tmp_path / "ru-desk", "story")
    yield kk, ru, cli
    kk.close()
    ru.close()


def _seg(wb: Workbench, source: str) -> int:
    return next(s.id for s in wb.segments() if s.source == source)


def test_the_unchanged_sentences_stay_shared_and_the_changed_stay_on_their_desk(
        desks: tuple[Workbench, Workbench, Callable], pg_url: str) -> None:
    kk, ru, cli = desks
    kk.save_target(_seg(kk, SENTENCES[2]), "kk", "Самарқандта IT-орталық ашылды.")  # third before, fourth now
    ru.sharing.pull()  # type: ignore[union-attr]
    assert ru.translation(_seg(ru, SENTENCES[2]), "kk").text == "Самарқандта IT-орталық ашылды."
    ru.save_target(_seg(ru, SENTENCES[3]), "ru", "Цены на рынке стабильны.")
    kk.sharing.pull()  # type: ignore[union-attr]
    assert kk.translation(_seg(kk, SENTENCES[3]), "ru").text == "Цены на рынке стабильны."

    kk.save_target(_seg(kk, "Mamlakatda yangi maktablar qurildi."), "kk", "Елде жаңа мектептер салынды.")
    ru.save_target(_seg(ru, SENTENCES[1]), "kk", "Елде жаңа мектептер салынуда.")  # no conflict: another sentence
    kk.sharing.pull()  # type: ignore[union-attr]
    assert kk.translation(_seg(kk, "Mamlakatda yangi maktablar qurildi."), "kk").text == "Елде жаңа мектептер салынды."
    with psycopg.connect(pg_url) as conn:
        rows = conn.execute("SELECT position, lang, source, text FROM shared_targets ORDER BY position, lang").fetchall()
        replaced = conn.execute("SELECT count(*) FROM shared_target_history").fetchone()[0]
    assert rows == [(1, "kk", SENTENCES[1], "Елде жаңа мектептер салынуда."),
                    (2, "kk", SENTENCES[2], "Самарқандта IT-орталық ашылды."),
                    (3, "ru", SENTENCES[3], "Цены на рынке стабильны.")]
    assert replaced == 0  # nobody's target was overwritten
    kk.close()
    status = json.loads(cli("tm", "status", "story", "--json").out)
    assert (status["shared_online"], status["shared_outside"]) == (True, 2)
