"""A long import holding the write lock: other writers wait, then fail with one line (issue 9, item 8)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

HOLD = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")  # what a long TMX import does for its whole run
conn.execute("INSERT INTO schema_migrations VALUES ('x-hold', 1, 'now')")
print("holding", flush=True)
time.sleep(float(sys.argv[2]))
conn.execute("ROLLBACK")
"""


def _env(tmp_path: Path, timeout: str) -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=str(REPO / "src"), TARJIMON_PROJECTS=str(tmp_path / "projects"),
                TARJIMON_GLOSSARIES=str(tmp_path / "g"), TARJIMON_BUSY_TIMEOUT=timeout)  # fmt: skip


def _run(tmp_path: Path, timeout: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tarjimon", *args], env=_env(tmp_path, timeout), cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)  # fmt: skip


def _hold(db: Path, seconds: float) -> subprocess.Popen[str]:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(db), str(seconds)], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
    return holder


def test_cli_writer_waits_then_fails_with_one_line(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Salom dunyo. Yangi kun.\n", encoding="utf-8")
    assert _run(tmp_path, "1", "new", "p", "--source", "uz", "--target", "kk").returncode == 0
    assert _run(tmp_path, "1", "stats", "p").returncode == 0  # the TM's tables exist, as during any import
    db = tmp_path / "projects" / "p" / "project.db"
    holder = _hold(db, 8)
    try:
        started = time.monotonic()
        r = _run(tmp_path, "1", "import", "p", str(article))
        waited = time.monotonic() - started
        assert r.returncode == 2, r.stderr
        assert r.stderr.strip() == "tarjimon: project p is busy (an import is running); try again"
        assert waited >= 1.0
        # reading is not blocked by the writer
        assert _run(tmp_path, "1", "stats", "p").returncode == 0
    finally:
        holder.kill()
        holder.wait()
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 0


def test_cli_writer_waits_for_the_lock_to_free(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Salom dunyo. Yangi kun.\n", encoding="utf-8")
    assert _run(tmp_path, "1", "new", "p", "--source", "uz", "--target", "kk").returncode == 0
    holder = _hold(tmp_path / "projects" / "p" / "project.db", 1.5)
    r = _run(tmp_path, "20", "import", "p", str(article))
    holder.wait()
    assert r.returncode == 0, r.stderr
    assert "imported 2 segments" in r.stderr


def test_workbench_waits_shows_it_and_confirms_when_the_lock_frees(tmp_path: Path) -> None:
    import asyncio

    from tarjimon.core.workbench import Workbench
    from tarjimon.tui.app import TarjimonApp
    from tarjimon.tui.workbench import WorkbenchScreen

    article = tmp_path / "a.txt"
    article.write_text("Salom dunyo. Yangi kun boshlandi.\n", encoding="utf-8")
    project = Workbench.create(tmp_path / "projects", "p", "uz", ["kk"], glossaries_dir=tmp_path / "g")
    project.import_file(article)
    project.tm.count()
    project.lock()
    first = project.segments()[0].id

    async def run() -> None:
        app = TarjimonApp(project)
        async with app.run_test(size=(140, 40)) as pilot:
            await pilot.pause()
            holder = _hold(project.store.path, 30)
            try:
                await pilot.press(*"Сәлем әлем", "enter")
                await pilot.pause()
                wb = app.screen
                assert isinstance(wb, WorkbenchScreen)
                assert wb.sub_title.startswith("waiting: project p is busy")
                assert wb.pending
                assert project.translation(first, "kk").status == "empty"
            finally:
                holder.kill()
                holder.wait()
            for _ in range(40):
                await pilot.pause(0.1)
                if not wb.pending:
                    break
            assert not wb.pending and wb.sub_title == ""
            saved = project.translation(first, "kk")
            assert (saved.text, saved.status) == ("Сәлем әлем", "translated")

    try:
        asyncio.run(run())
    finally:
        project.close()
