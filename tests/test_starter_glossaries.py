"""The starter glossaries (src/tarjimon/glossaries/news.tsv) ship with the package and are found wherever
Tarjimon runs: the demo shows its terms and `glossary attach P news` works from an empty folder."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from tmux_driver import HAVE_TMUX, Terminal, kill_server

from tarjimon.core.config import install_starter_glossary, starter_glossaries

REPO = Path(__file__).resolve().parents[1]
PACKAGED = REPO / "src" / "tarjimon" / "glossaries" / "news.tsv"


def test_a_starter_glossary_is_copied_once(tmp_path: Path) -> None:
    assert "news" in starter_glossaries()
    folder = tmp_path / "glossaries"
    path = install_starter_glossary(folder, "news")
    assert path == folder / "news.tsv" and path.read_bytes() == PACKAGED.read_bytes()
    path.write_text("uz\tkk\nтуз\tтұз\n", encoding="utf-8")  # the team's edits are theirs
    assert install_starter_glossary(folder, "news") == path
    assert path.read_text(encoding="utf-8") == "uz\tkk\nтуз\tтұз\n"
    assert install_starter_glossary(folder, "nosuch") is None and not (folder / "nosuch.tsv").exists()


def test_attach_news_and_qa_from_an_empty_folder(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert not (tmp_path / "glossaries").exists()
    assert cli("new", "p", "--source", "uz", "--targets", "kk").code == 0
    done = cli("glossary", "attach", "p", "news")
    assert done.code == 0, done.err
    assert (tmp_path / "glossaries" / "news.tsv").read_bytes() == PACKAGED.read_bytes()
    assert cli("glossary", "attach", "p", "nosuch").code == 2


def test_the_demo_shows_its_glossary_from_an_empty_folder(tmp_path: Path) -> None:
    if not HAVE_TMUX or importlib.util.find_spec("wheel") is None:
        pytest.skip("needs tmux and the wheel package (pip install wheel) to build the package")
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    shutil.copytree(REPO / "src", source / "src", ignore=shutil.ignore_patterns("__pycache__", ".cache"))
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-build-isolation", "--no-deps", "-q",
                            str(source), "-w", str(tmp_path / "dist")], capture_output=True, text=True,
                           timeout=300)  # fmt: skip
    assert built.returncode == 0, built.stderr
    wheel = next((tmp_path / "dist").glob("tarjimon-*.whl"))
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        assert "tarjimon/glossaries/news.tsv" in archive.namelist()
        assert "tarjimon/cli/serve_page.html" in archive.namelist()  # `tarjimon serve`'s page
        archive.extractall(site)
    empty = tmp_path / "empty"
    empty.mkdir()
    term = Terminal([sys.executable, "-m", "tarjimon", "open", "demo"], size=(160, 45), cwd=empty,
                    env={"PYTHONPATH": str(site)})  # fmt: skip
    try:
        screen = term.wait_for("re:Glossary \\(\\d+\\)", timeout=30)
        assert "no glossary named" not in screen
        term.press("ctrl+q")
    finally:
        term.close()
        kill_server()
    assert (empty / "glossaries" / "news.tsv").is_file() and (empty / "projects" / "demo").is_dir()
