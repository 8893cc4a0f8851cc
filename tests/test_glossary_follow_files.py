"""A glossary file changed by another program while the workbench is open (a terminologist's `tarjimon glossary
add`, a `git pull`, an editor): the workbench notices within a few seconds, reads only what changed, and the
glossary panel shows the new term without reopening (before, it showed the glossary as it was when the
project opened until the workbench was closed). A file that cannot be read now (git conflict markers) keeps
the glossary as it was and says why, once; mended, it is read again."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

import pytest

from tarjimon.core.workbench import Workbench
from tarjimon.tui.app import TarjimonApp
from tarjimon.tui.workbench import WorkbenchScreen

ARTICLE = "Қозоғистон рақамли давлатга айланиши керак, деди давлат раҳбари.\n"
SRC = Path(__file__).resolve().parents[1] / "src"


def tarjimon(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`tarjimon ARGS` in its own process, as the terminologist beside the translator runs it."""
    env = {"PYTHONPATH": str(SRC), "TARJIMON_PROJECTS": str(tmp_path / "projects"),
           "TARJIMON_GLOSSARIES": str(tmp_path / "gl"), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}  # fmt: skip
    return subprocess.run([sys.executable, "-m", "tarjimon", *args], capture_output=True, text=True, env=env,
                          cwd=tmp_path, check=False)  # fmt: skip


@pytest.fixture
def project(tmp_path: Path) -> Workbench:
    article = tmp_path / "article-uz.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    proj = Workbench.create(tmp_path / "projects", "terms", "uz", ["kk", "ru"], glossaries_dir=tmp_path / "gl")
    proj.import_file(article)
    proj.glossaries().add_concept("project", {"uz": "рақамли давлат", "kk": "цифрлық мемлекет"})
    proj.lock()
    yield proj
    proj.close()


async def _until(pilot, condition, what: str, seconds: float = 8.0) -> None:  # type: ignore[no-untyped-def]
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"never: {what}")


def _panel(app: TarjimonApp) -> str:
    return str(app.screen.query_one("#glossary").render())


def test_a_term_added_by_another_process_shows_in_the_open_workbench(project: Workbench, tmp_path: Path) -> None:
    path = project.folder / "glossary.tsv"
    told: list[str] = []

    async def run() -> None:
        app = TarjimonApp(project)
        async with app.run_test(size=(160, 45)) as pilot:
            screen = app.screen
            assert isinstance(screen, WorkbenchScreen)
            screen.notify = lambda message, **kw: told.append(str(message))  # type: ignore[method-assign]
            await _until(pilot, lambda: "цифрлық мемлекет" in _panel(app), "the project's term in the panel")
            loaded = next(g for g in screen.lookups.glossaries.glossaries if g.name == "project")
            seeded = loaded.seeded_rows
            added = tarjimon(tmp_path, "glossary", "add", "project", "--project", "terms", "--uz", "раҳбар",
                             "--kk", "басшы")  # fmt: skip
            assert added.returncode == 0, added.stderr
            await _until(pilot, lambda: "басшы" in _panel(app), "the other process's term in the panel")
            assert any("changed on disk" in t for t in told), told
            again = next(g for g in screen.lookups.glossaries.glossaries if g.name == "project")
            assert again is loaded and again.seeded_rows == seeded + 1  # patched with its row, not rebuilt

            # git leaves a conflict in it: the glossary as it was stays, the translator is told which line
            good = path.read_text(encoding="utf-8")
            lines = good.splitlines()
            path.write_text("\n".join([lines[0], "<<<<<<< HEAD", *lines[1:], "=======", ">>>>>>> desk", ""]),
                            encoding="utf-8")  # fmt: skip
            await _until(pilot, lambda: any("conflict marker" in t for t in told), "the conflict told")
            assert any("glossary.tsv:2:" in t for t in told), told
            assert "басшы" in _panel(app) and "цифрлық мемлекет" in _panel(app)
            # mended (the other side kept), it is read again
            path.write_text(good.replace("басшы", "раҳбар-басшы"), encoding="utf-8")
            await _until(pilot, lambda: "раҳбар-басшы" in _panel(app), "the mended file read again")
            assert not screen.lookups.stale_glossary

            # the translator's own Ctrl+T after that keeps the other's rows (nothing lost)
            screen.lookups.add_term("project", {"uz": "айланиш", "kk": "айналу"})
            text = path.read_text(encoding="utf-8")
            assert "раҳбар-басшы" in text and "айналу" in text and "цифрлық мемлекет" in text

    asyncio.run(run())


def test_follow_files_is_one_stat_when_nothing_changed(tmp_path: Path) -> None:
    from tarjimon.core.glossary.store import open_set

    path = tmp_path / "g.tsv"
    path.write_text("uz\tkk\nбанк\tбанк\n", encoding="utf-8")
    glossaries = open_set(tmp_path, [], [("g", path)])
    loaded = glossaries.glossaries[0]
    assert glossaries.follow_files() == []
    assert glossaries.glossaries[0] is loaded
    glossaries.add_concept("g", {"uz": "газ", "kk": "газ"})  # this process's own change: nothing to follow
    assert glossaries.follow_files() == []
    path.write_text(path.read_text(encoding="utf-8") + "газета\tгазет\n", encoding="utf-8")
    assert glossaries.follow_files() == ["g"]
    assert [h.term for h in glossaries.find("газета чиқди", "uz")] == ["газета"]
