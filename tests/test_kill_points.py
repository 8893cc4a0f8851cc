"""kill -9 at named points of every write path (core/faults.py), then check the database.

Each test runs the real `tarjimon` in a subprocess with TARJIMON_KILL_AT naming one checkpoint, asserts it
died there (SIGKILL, not a normal exit: a checkpoint that is no longer reached would make the test hollow),
and then checks that the project is exactly as before: no half document, no half TM import, no target
without its TM unit, the old glossary whole, and the project readable by a fresh `tarjimon`.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tarjimon.core import faults
from tarjimon.core.workbench import Workbench

ARTICLE = "Бу биринчи гап. Бу иккинчи гап.\n\nУчинчи гап шу ерда.\n"
NEW_ARTICLE = "Янги мақола боши. Унда икки гап бор.\n\nЯна бир хатбоши.\n"


def tarjimon(
    tmp_path: Path, *args: str, kill_at: str | None = None, prelude: str = ""
) -> subprocess.CompletedProcess[str]:
    """Run `tarjimon ARGS` in a fresh interpreter (projects and glossaries under tmp_path)."""
    env = dict(os.environ)
    env.pop("TARJIMON_KILL_AT", None)
    if kill_at:
        env["TARJIMON_KILL_AT"] = kill_at
    env["TARJIMON_PROJECTS"] = str(tmp_path / "projects")
    env["TARJIMON_GLOSSARIES"] = str(tmp_path / "glossaries")
    code = prelude + "import sys\nfrom tarjimon.cli.main import main\nsys.exit(main(sys.argv[1:]))\n"
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=tmp_path,
    )


def killed(done: subprocess.CompletedProcess[str]) -> bool:
    return done.returncode == -signal.SIGKILL


def snapshot(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of the tables a write touches, to compare before and after."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        tables = [
            "tm_outbox",
            "documents",
            "paragraphs",
            "segments",
            "translations",
            "translation_history",
            "tm_units",
            "tm_meta",
        ]
        return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables}
    finally:
        conn.close()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """Workbench `p` (uz -> kk, ru) with one imported article; returns its database."""
    art = tmp_path / "first.txt"
    art.write_text(ARTICLE, encoding="utf-8")
    with Workbench.create(tmp_path / "projects", "p", "uz", ["kk", "ru"]) as p:
        p.import_file(art)
        seg = p.segments()[0]
        p.save_target(seg.id, "kk", "Бұл бірінші сөйлем.")
    return tmp_path / "projects" / "p" / "project.db"


def readable(tmp_path: Path) -> dict[str, object]:
    """A fresh `tarjimon stats` opens the project after the kill."""
    done = tarjimon(tmp_path, "stats", "p", "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_every_checkpoint_is_named_in_the_code() -> None:
    src = Path(faults.__file__).parent
    text = "\n".join(p.read_text(encoding="utf-8") for p in src.rglob("*.py") if p.name != "faults.py")
    for point in faults.POINTS:
        assert f'checkpoint("{point}")' in text, point


def test_checkpoint_does_nothing_without_the_variable() -> None:
    faults.checkpoint("article.document")  # the test process is alive afterwards


@pytest.mark.parametrize("point", ["article.document", "article.paragraphs", "article.segments"])
def test_article_import_killed_leaves_no_half_document(tmp_path: Path, project: Path, point: str) -> None:
    before = snapshot(project)
    new = tmp_path / "second.txt"
    new.write_text(NEW_ARTICLE, encoding="utf-8")
    done = tarjimon(tmp_path, "import", "p", str(new), kill_at=point)
    assert killed(done), (done.returncode, done.stderr)
    assert snapshot(project) == before
    assert readable(tmp_path)["documents"] == 1
    # and the import works once nobody kills it
    assert tarjimon(tmp_path, "import", "p", str(new)).returncode == 0
    with Workbench.open(tmp_path / "projects", "p") as p:
        assert [d.name for d in p.documents()] == ["first.txt", "second.txt"]
        assert [len(p.segments(d.id)) for d in p.documents()] == [3, 3]


def test_batch_import_killed_after_its_first_file_imports_nothing(tmp_path: Path, project: Path) -> None:
    before = snapshot(project)
    one, two = tmp_path / "one.txt", tmp_path / "two.txt"
    one.write_text(NEW_ARTICLE, encoding="utf-8")
    two.write_text("Иккинчи мақола. У ҳам қисқа.\n", encoding="utf-8")
    done = tarjimon(tmp_path, "import", "p", str(one), str(two), kill_at="article.file")
    assert killed(done), (done.returncode, done.stderr)
    assert snapshot(project) == before
    assert readable(tmp_path)["documents"] == 1


@pytest.mark.parametrize("point", ["article.paragraphs", "article.segments"])
def test_reimport_killed_keeps_the_old_segments_and_targets(
    tmp_path: Path, project: Path, point: str
) -> None:
    before = snapshot(project)
    changed = tmp_path / "first.txt"
    changed.write_text("Бу биринчи гап. Бу янги гап.\n", encoding="utf-8")
    done = tarjimon(tmp_path, "import", "p", str(changed), kill_at=point)
    assert killed(done), (done.returncode, done.stderr)
    assert snapshot(project) == before
    with Workbench.open(tmp_path / "projects", "p") as p:
        assert len(p.segments()) == 3
        assert p.translation(p.segments()[0].id, "kk").text == "Бұл бірінші сөйлем."


def _tmx(path: Path, units: int, *, cut: bool = False) -> Path:
    with open(path, "w", encoding="utf-8") as f:
        f.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="uz"'
            ' datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="t"'
            ' creationtoolversion="1"/><body>\n'
        )
        for i in range(units):
            f.write(
                f'<tu><tuv xml:lang="uz"><seg>Бу {i}-рақамли гап экан</seg></tuv>'
                f'<tuv xml:lang="kk"><seg>Бұл {i}-нөмірлі сөйлем</seg></tuv></tu>\n'
            )
        if not cut:
            f.write("</body></tmx>\n")
    if cut:  # cut off in the middle of the last tu
        data = path.read_bytes()
        path.write_bytes(data[: len(data) - 40])
    return path


@pytest.mark.parametrize("point", ["tm.batch", "tm.commit"])
def test_tm_import_killed_leaves_the_tm_as_before(tmp_path: Path, project: Path, point: str) -> None:
    before = snapshot(project)
    assert before["tm_units"]  # the confirmed target
    done = tarjimon(tmp_path, "tm", "import", "p", str(_tmx(tmp_path / "big.tmx", 5000)), kill_at=point)
    assert killed(done), (done.returncode, done.stderr)
    assert snapshot(project) == before
    assert readable(tmp_path)["tm_units"] == 1


PARALLEL = (
    "from tarjimon.core.tm.sqlite import parallel\nparallel.MIN_SIZE = 0\nparallel.workers = lambda: 2\n"
)


@pytest.mark.parametrize("point", ["tm.part", "tm.commit"])
def test_parallel_tmx_import_killed_leaves_the_tm_as_before(
    tmp_path: Path, project: Path, point: str
) -> None:
    before = snapshot(project)
    big = _tmx(tmp_path / "big.tmx", 5000)
    done = tarjimon(tmp_path, "tm", "import", "p", str(big), kill_at=point, prelude=PARALLEL)
    assert killed(done), (done.returncode, done.stderr)
    assert snapshot(project) == before
    assert readable(tmp_path)["tm_units"] == 1
    done = tarjimon(tmp_path, "tm", "import", "p", str(big), prelude=PARALLEL)
    assert done.returncode == 0, done.stderr
    assert readable(tmp_path)["tm_units"] == 5001


@pytest.mark.parametrize("point", ["tm.part", "tm.commit"])
def test_parallel_tmx_import_killed_in_its_rollback_journal_is_rolled_back(
    tmp_path: Path, project: Path, point: str
) -> None:
    """Alone on the database, the parallel import writes through a rollback journal (Store.bulk_journal):
    the new pages go straight into the database file. Killed there, the file has grown and a hot journal
    lies beside it; the next open rolls it back (the file as it was) and the database is in WAL mode again."""
    before, size = snapshot(project), project.stat().st_size
    big = _tmx(tmp_path / "big.tmx", 5000)
    small_cache = PARALLEL + "parallel.COPY_CACHE_KB = 64\n"  # the copy spills its pages into the file
    done = tarjimon(tmp_path, "tm", "import", "p", str(big), kill_at=point, prelude=small_cache)
    assert killed(done), (done.returncode, done.stderr)
    journal = project.with_name(project.name + "-journal")
    assert journal.exists() and journal.stat().st_size > 0
    assert project.stat().st_size > size  # new pages written into the database file itself
    assert not project.with_name(project.name + "-wal").exists()  # no WAL while it ran
    assert snapshot(project) == before  # the first open rolls the hot journal back
    assert not journal.exists() and project.stat().st_size == size
    assert readable(tmp_path)["tm_units"] == 1
    conn = sqlite3.connect(project)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        conn.close()


SAVE = """
import sys
from pathlib import Path
from tarjimon.core.workbench import Workbench
with Workbench.open(Path(sys.argv[1]), "p") as w:
    seg = w.segments()[2]
    w.save_target(seg.id, "ru", "Третье предложение здесь.")
"""


def save_in_a_subprocess(tmp_path: Path, kill_at: str | None) -> subprocess.CompletedProcess[str]:
    """Confirm a ru target of segment 3 the way the workbench does (Workbench.save_target)."""
    env = {k: v for k, v in os.environ.items() if k != "TARJIMON_KILL_AT"}
    if kill_at:
        env["TARJIMON_KILL_AT"] = kill_at
    return subprocess.run(
        [sys.executable, "-c", SAVE, str(tmp_path / "projects")],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )


def _third_ru(tmp_path: Path) -> tuple[str, str]:
    with Workbench.open(tmp_path / "projects", "p") as w:
        got = w.translation(w.segments()[2].id, "ru")
        return got.text, got.status


def _outbox(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute("SELECT COUNT(*) FROM tm_outbox").fetchone()[0])
    finally:
        conn.close()


def test_save_target_killed_before_its_tm_queue_row_keeps_neither(tmp_path: Path, project: Path) -> None:
    """A confirmed target and its row in the TM's queue (tm_outbox) are one transaction."""
    before = snapshot(project)
    done = save_in_a_subprocess(tmp_path, "target.saved")
    assert killed(done), (done.returncode, done.stderr)
    assert snapshot(project) == before and _outbox(project) == 0
    assert _third_ru(tmp_path) == ("", "empty")


def test_save_target_killed_before_the_tm_took_it_loses_nothing(tmp_path: Path, project: Path) -> None:
    """Killed after the commit and before the TM took the unit: the target is there, queued, and the TM gets
    it the next time the project opens."""
    before = snapshot(project)
    done = save_in_a_subprocess(tmp_path, "target.committed")
    assert killed(done), (done.returncode, done.stderr)
    after = snapshot(project)
    assert after["tm_units"] == before["tm_units"] and _outbox(project) == 1
    assert _third_ru(tmp_path) == ("Третье предложение здесь.", "translated")
    stats = readable(tmp_path)  # opening the project delivers what is queued
    assert stats["tm_units"] == 2 and _outbox(project) == 0
    with Workbench.open(tmp_path / "projects", "p") as w:
        match = w.tm.lookup("Учинчи гап шу ерда.", "ru")[0]
        assert (match.score, match.target) == (100, "Третье предложение здесь.")


def test_glossary_write_killed_before_the_rename_keeps_the_old_file(tmp_path: Path) -> None:
    assert (
        tarjimon(tmp_path, "glossary", "add", "news", "--uz", "президент", "--kk", "президент").returncode
        == 0
    )
    path = tmp_path / "glossaries" / "news.tsv"
    old = path.read_bytes()
    done = tarjimon(
        tmp_path, "glossary", "add", "news", "--uz", "давлат", "--kk", "мемлекет", kill_at="file.replace"
    )
    assert killed(done), (done.returncode, done.stderr)
    assert path.read_bytes() == old
    listed = tarjimon(tmp_path, "glossary", "list")
    assert listed.returncode == 0 and "news" in listed.stdout
    assert tarjimon(tmp_path, "glossary", "add", "news", "--uz", "давлат", "--kk", "мемлекет").returncode == 0
    assert "мемлекет" in path.read_text(encoding="utf-8")


def test_document_removal_killed_before_its_commit_removes_nothing(tmp_path: Path, project: Path) -> None:
    before = snapshot(project)
    done = tarjimon(tmp_path, "remove", "p", "first.txt", "--yes", kill_at="document.removed")
    assert killed(done), (done.returncode, done.stderr)
    assert snapshot(project) == before
    assert readable(tmp_path)["documents"] == 1
    assert tarjimon(tmp_path, "remove", "p", "first.txt", "--yes").returncode == 0
    after = readable(tmp_path)
    assert after["documents"] == 0 and after["tm_units"] == 1  # the confirmed target's unit stays
