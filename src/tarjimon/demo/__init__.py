"""The demo project: a short Uzbek news story (written for Tarjimon) with kk, ru, en targets partly done."""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from importlib import resources
from pathlib import Path

from tarjimon.core.config import check_name
from tarjimon.core.errors import BadInput, TarjimonError
from tarjimon.core.workbench import Workbench

DEMO_NAME = "demo"
ARTICLE = "samarqand-it-markaz.txt"


def build_demo(projects_dir: Path, name: str = DEMO_NAME, *, replace: bool = False,
               glossaries_dir: Path | None = None) -> Workbench:
    """Create the demo project in `projects_dir` (recreate it with `replace`) and return it open."""
    folder = projects_dir / check_name(name)
    if replace and folder.is_symlink():  # never removed through, nor in place of, a link
        raise BadInput(f"refusing to reset a project folder that is a symbolic link: {folder}")
    if replace and folder.exists():
        _remove_unless_open(projects_dir, name, folder, glossaries_dir)
    project = Workbench.create(projects_dir, name, "uz", ["kk", "ru", "en"], glossaries_dir=glossaries_dir)
    # The newsroom's shared glossary (glossaries/news.tsv) is where the demo's terms come from.
    project.config.glossaries.append("news")
    project.save_config()
    pkg = resources.files(__name__)
    with tempfile.TemporaryDirectory() as tmp:
        article = Path(tmp) / ARTICLE
        article.write_text(pkg.joinpath(ARTICLE).read_text(encoding="utf-8"), encoding="utf-8")
        project.import_file(article)
        # Earlier stories' translations, so the TM panel has fuzzy matches to show (one unit in Latin script).
        memory = Path(tmp) / "earlier-stories.tmx"
        memory.write_bytes(pkg.joinpath("earlier-stories.tmx").read_bytes())
        project.tm.import_file(memory)
    segments = project.segments()
    for line in pkg.joinpath("translations.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        position, lang, status, text = line.split("\t")
        project.save_target(segments[int(position) - 1].id, lang, text, status=status, origin="demo")
    return project


def _remove_unless_open(projects_dir: Path, name: str, folder: Path, glossaries_dir: Path | None) -> None:
    """Remove the old demo under its edit lock: while a workbench has it open, ProjectLocked and nothing
    removed (the workbench would go on writing into a database no longer in any folder, and a second one
    could open the new demo for editing beside it). A demo too broken to open is simply removed."""
    try:
        old = Workbench.open(projects_dir, name, glossaries_dir=glossaries_dir)
    except (TarjimonError, sqlite3.Error, OSError):
        shutil.rmtree(folder)
        return
    try:
        old.lock()
        shutil.rmtree(folder)
    finally:
        old.close()
