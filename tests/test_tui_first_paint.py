"""What the workbench does before its first frame (issue 11 goal 2: first paint <= 0.3 s for the seed project,
bench/tui_first_paint.py): it imports and runs only what that frame needs. The alignment stack (core/align, the
review screen) is imported when a pending alignment is looked for; the PO stack (polib, the XLIFF reader, lxml)
only for a project holding a PO document; the lookup worker (the TM's and glossaries' indexes, rapidfuzz, numpy)
starts once the first frame is out. Run in a fresh interpreter, as `tarjimon open` is."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from testkit import seed_workbench

SRC = Path(__file__).resolve().parents[1] / "src"

CHILD = r"""
import asyncio, json, sys
from pathlib import Path
from tarjimon.core.workbench import open_workbench
from tarjimon.tui.app import TarjimonApp
from tarjimon.tui.grid import SegmentGrid
from tarjimon.tui.workbench import WorkbenchScreen

app = TarjimonApp(open_workbench(Path(sys.argv[1]), "seed", lock=True))
seen = {}
display = app._display
def first_frame(*args, **kwargs):
    display(*args, **kwargs)
    screen = app.screen
    if not seen and isinstance(screen, WorkbenchScreen) and screen.query_one(SegmentGrid).rows:
        seen["modules"] = sorted(m for m in sys.modules if m.startswith("tarjimon") or m in ("polib", "lxml"))
        seen["lookups started"] = bool(screen.workers)
app._display = first_frame
async def main():
    async with app.run_test(size=(160, 45)) as pilot:
        while not seen:
            await pilot.pause(0.01)
        for _ in range(200):  # and the lookups still come, after it
            if screen_matches():
                break
            await pilot.pause(0.05)
        seen["matches after"] = screen_matches()
        print(json.dumps(seen))
def screen_matches():
    return "no matches" not in app.screen.query_one("#tm").text and "looking up" not in app.screen.query_one("#tm").text
asyncio.run(main())
"""


def test_the_first_frame_imports_no_alignment_nor_po_stack_and_runs_no_lookup(tmp_path: Path) -> None:
    project = seed_workbench(tmp_path, ("kk", "ru", "en"))
    project.tm.add(project.segments()[0].source, "Президент: Қазақстан цифрлық мемлекет болуы керек", "uz", "kk")
    project.close()
    env = dict(os.environ, PYTHONPATH=str(SRC), TARJIMON_EDITOR_SPELLING="0")
    out = subprocess.run([sys.executable, "-c", CHILD, str(tmp_path / "projects")], env=env, capture_output=True,
                         text=True, timeout=120, check=False)  # fmt: skip
    assert out.returncode == 0, out.stderr[-3000:]
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    modules = set(seen["modules"])
    assert not {m for m in modules if m.startswith(("tarjimon.core.align", "tarjimon.tui.align_review"))}, modules
    assert not modules & {"tarjimon.core.formats.po_document", "tarjimon.core.workbench.plurals", "polib"}, modules
    assert not seen["lookups started"]
    assert seen["matches after"]  # the first segment's TM match is shown once the worker has started
