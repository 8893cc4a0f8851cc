"""The workbench draws others' text with its control characters as signs: a shared story's document name with
an OSC title and a clear-screen in it retitled the terminal window and wiped the grid's top rows (seen in
tmux); a target or a TM unit from another desk would do the same from the grid or a side panel."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.geometry import Region

from tarjimon.core.workbench import Workbench
from tarjimon.tui.app import TarjimonApp
from tarjimon.tui.editor import TargetEditor
from tarjimon.tui.grid import SegmentGrid
from tarjimon.tui.panel import Panel
from tarjimon.tui.workbench import WorkbenchScreen

HOSTILE = "\x1b]0;pwned\x07\x1b[2J\u202eevil"
RAW = ("\x1b", "\x07", "\u202e")


def test_grid_and_panels_draw_hostile_text_as_signs(tmp_path: Path) -> None:
    doc = tmp_path / f"news{HOSTILE}.txt"
    doc.write_text("Narx oshdi. Yangi koʻprik qurildi.\n", encoding="utf-8")
    project = Workbench.create(tmp_path / "projects", "story", "uz", ["kk", "ru"], glossaries_dir=tmp_path / "g")
    project.import_file(doc)
    project.lock()
    first, second = (r.segment for r in project.rows()[:2])
    project.save_target(first.id, "ru", f"Цена {HOSTILE}", "translated")  # the pivot of row 1's kk
    project.save_target(first.id, "kk", f"Нарх {HOSTILE}", "draft")  # in the editor
    project.save_target(second.id, "kk", f"Баға {HOSTILE}", "draft")
    project.tm.add("Narx oshdi.", f"Баға өсті {HOSTILE}", "uz", "kk", origin=f"desk{HOSTILE}")

    async def run() -> tuple[str, str]:
        app = TarjimonApp(project)
        async with app.run_test(size=(160, 45)) as pilot:
            await pilot.pause()
            for _ in range(40):  # the lookup worker answers the first row (the TM panel)
                await pilot.pause(0.05)
                if "100%" in app.screen.query_one("#tm", Panel).text:
                    break
            grid = app.screen.query_one(SegmentGrid)
            drawn = "\n".join(grid.render_line(y).text for y in range(grid.size.height))
            tm = app.screen.query_one("#tm", Panel)
            side = "\n".join(tm.render_line(y).text for y in range(tm.size.height))
            pivots = app.screen.query_one("#pivots", Panel)
            side += "\n" + "\n".join(pivots.render_line(y).text for y in range(pivots.size.height))
            screen = app.screen
            assert isinstance(screen, WorkbenchScreen)
            screen.goto(0, "kk")  # the editor shows row 1's kk target: another desk's ESC sequence in it
            await pilot.pause(0.2)
            editor = screen.query_one(TargetEditor)
            assert HOSTILE in editor.text  # (the text itself unchanged: only drawn with signs)
            lines = editor.render_lines(Region(0, 0, editor.outer_size.width, editor.outer_size.height))
            side += "\n" + "\n".join(line.text for line in lines)
            return drawn, side + "\n" + str(app.title)

    try:
        drawn, side = asyncio.run(run())
    finally:
        project.close()
    assert not [c for c in RAW if c in drawn], drawn
    assert "news\\x1b]0;pwned\\x07" in drawn  # the document's name, escaped
    assert "Баға ␛]0;pwned␇␛[2J\ufffdevil" in drawn  # a target: one sign per character
    assert not [c for c in RAW if c in side], side
    assert "␛]0;pwned" in side and "Цена ␛" in side and "Нарх ␛]0;pwned" in side


def test_concordance_history_and_comments_draw_hostile_text_as_signs() -> None:
    from types import SimpleNamespace

    from tarjimon.core.models import Comment
    from tarjimon.core.workbench.review import Version
    from tarjimon.tui.screens.comments import comment_text
    from tarjimon.tui.screens.concordance import render_hits
    from tarjimon.tui.screens.history import version_text

    hit = SimpleNamespace(source=f"narx {HOSTILE}", target=f"баға {HOSTILE}", source_lang="uz", target_lang="kk",
                          source_spans=((0, 4),), target_spans=((0, 4),), origin="")  # fmt: skip
    version = Version(1, f"баға {HOSTILE}", "translated", f"desk{HOSTILE}", "2026-11-30T10:00", "", True, (), 0)
    comment = Comment(1, 1, "kk", f"see {HOSTILE}", f"aigerim{HOSTILE}", "2026-11-30T10:00")
    for shown in (render_hits([hit], "narx"), version_text(version), comment_text(comment)):
        assert not [c for c in RAW if c in shown.plain], shown.plain
        assert "␛]0;pwned" in shown.plain
    assert render_hits([hit], "narx").spans  # (the search words still highlighted: one sign per character)
