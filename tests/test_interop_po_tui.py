"""A real PO file translated in the workbench (Textual pilot): translate-toolkit's Afrikaans catalogue, whose
messages hold c-format arguments and a line break inside a msgid, is imported, translated by typing, exported and
judged by `msgfmt -c --check-format`. The English source is shown as written (the workbench's Cyrillic/Latin
switch is for an Uzbek source only: it showed "Pootle Demo" as "Поотле Демо")."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from test_tui import bench, grid_text, pilot_test, settle

from tarjimon.core.workbench import Workbench
from tarjimon.tui.app import TarjimonApp
from tarjimon.tui.editor import TargetEditor

PO = Path(__file__).resolve().parents[2] / "shared" / "data" / "interop" / "real" / "po" / "translate_af-pootle.po"

pytestmark = pytest.mark.skipif(not PO.is_file(), reason=f"real PO file missing: {PO}")


@pytest.fixture
def project(tmp_path: Path) -> Workbench:
    proj = Workbench.create(tmp_path / "projects", "p", "en", ["af"], glossaries_dir=tmp_path / "g")
    proj.import_file(PO)
    proj.lock()
    yield proj
    proj.close()


@pilot_test
async def test_a_po_message_with_a_line_break_is_translated_by_typing(project: Workbench, tmp_path: Path) -> None:
    segments = project.segments()
    index, segment = next((i, s) for i, s in enumerate(segments) if "\n" in s.source)
    assert segment.source == "%d/%d translated\n(%d blank, %d fuzzy)"
    app = TarjimonApp(project)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot, app)
        bench(app).goto(index, "af")
        await pilot.pause()
        editor = app.screen.query_one(TargetEditor)
        editor.text = ""
        await pilot.press(*"%d/%d vertaal (%d leeg, %d wasig)")
        await pilot.press("enter")
        await settle(pilot, app)
        assert "%d/%d translated" in grid_text(app)
        assert "Pootle" in grid_text(app) and "Поотле" not in grid_text(app)  # English is not Uzbek: no script swap
    saved = project.translation(segment.id, "af")
    assert (saved.text, saved.status) == ("%d/%d vertaal (%d leeg, %d wasig)", "translated")
    out = project.export("po", "af", tmp_path / "out")
    (path,) = out
    entry = polib.pofile(str(path)).find(segment.source)
    assert entry is not None and entry.msgstr == "%d/%d vertaal (%d leeg, %d wasig)"
    if shutil.which("msgfmt"):
        done = subprocess.run(["msgfmt", "-c", "--check-format", "-o", os.devnull, str(path)], capture_output=True,
                              text=True)  # fmt: skip
        assert done.returncode == 0, done.stderr
