"""A plural form the target language has not (a Russian PO's msgstr[2] in Kazakh, kind "unused") is no work
in that language: stats and the export's report do not count it as untranslated, and the PO export stays
right (msgfmt -c).

Before (5f37c3d): with every Kazakh target of sushi_ru.po done, `stats` said kk 96.0%, empty 1, and `export
--target kk --format po` listed segment 23 (the third form) among the segments without a kk target, and
`documents` said kk 24/25."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from testkit import SHARED

from tarjimon.core.workbench.facade import open_workbench

SUSHI_RU = SHARED / "data" / "interop" / "real" / "po" / "sushi_ru.po"


@pytest.mark.skipif(not SUSHI_RU.is_file(), reason=f"missing: {SUSHI_RU}")
def test_a_form_kazakh_has_not_is_not_kazakh_work(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert cli("new", "p", "--source", "en", "--targets", "ru,kk").code == 0
    assert cli("import", "p", SUSHI_RU).code == 0
    wb = open_workbench(tmp_path / "projects", "p")
    try:
        kinds = wb.plural_kinds()
        unused = [sid for sid, by in kinds.items() if by.get("kk") == "unused"]
        assert len(unused) == 1 and kinds[unused[0]]["ru"] == "many"
        for s in wb.segments():
            if s.id not in unused:
                wb.confirm(s.id, "kk", f"[{s.source}]")
    finally:
        wb.close()
    stats = json.loads(cli("stats", "p", "--json").out)["languages"]
    assert (stats["kk"]["progress"], stats["kk"]["empty"], stats["kk"]["unused_forms"]) == (100.0, 0, 1)
    assert (stats["ru"]["progress"], stats["ru"]["unused_forms"]) == (100.0, 0)  # the file's own three forms
    assert "(1 plural form kk has not, not counted)" in cli("stats", "p").out
    assert "ru 25/25  kk 24/24" in cli("documents", "p").out  # was "kk 24/25"
    (doc,) = json.loads(cli("documents", "p", "--json").out)
    assert doc["languages"]["kk"]["unused_forms"] == 1 and doc["languages"]["kk"]["empty"] == 0
    r = cli("export", "p", "--format", "po", "--target", "kk", "-o", tmp_path / "out", "--json")
    assert r.code == 0, r.err
    assert json.loads(r.out)["untranslated"]["count"] == 0, r.out
    (exported,) = (tmp_path / "out").iterdir()
    if shutil.which("msgfmt"):
        run = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(exported)], capture_output=True, text=True)
        assert run.returncode == 0, run.stderr


@pytest.mark.skipif(not SUSHI_RU.is_file(), reason=f"missing: {SUSHI_RU}")
def test_next_untranslated_does_not_stop_at_a_form_kazakh_has_not(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # Before: with every other kk target done, the workbench's "next untranslated" (and where it opens) went
    # to the Russian PO's third form, which the kk export leaves out
    from tarjimon.tui.navigation import first_untranslated

    assert cli("new", "p", "--source", "en", "--targets", "ru,kk").code == 0
    assert cli("import", "p", SUSHI_RU).code == 0
    wb = open_workbench(tmp_path / "projects", "p")
    try:
        kinds = wb.plural_kinds()
        for s in wb.segments():
            if kinds.get(s.id, {}).get("kk") != "unused":
                wb.confirm(s.id, "kk", f"[{s.source}]")
        rows = wb.rows()
    finally:
        wb.close()
    order = list(range(len(rows)))
    unused = next(i for i, r in enumerate(rows) if kinds.get(r.segment.id, {}).get("kk") == "unused")
    assert first_untranslated(rows, order, 0, "kk") == (unused, "kk")  # what the plural kinds change
    assert first_untranslated(rows, order, 0, "kk", kinds) is None


@pytest.mark.skipif(not SUSHI_RU.is_file(), reason=f"missing: {SUSHI_RU}")
def test_the_grid_header_counts_only_the_forms_kazakh_has(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # Before: the workbench's column header said "kk  24/25" with every Kazakh target done
    import asyncio

    from tarjimon.tui.app import TarjimonApp
    from tarjimon.tui.grid import SegmentGrid

    assert cli("new", "p", "--source", "en", "--targets", "ru,kk").code == 0
    assert cli("import", "p", SUSHI_RU).code == 0
    wb = open_workbench(tmp_path / "projects", "p")
    try:
        kinds = wb.plural_kinds()
        for s in wb.segments():
            if kinds.get(s.id, {}).get("kk") != "unused":
                wb.confirm(s.id, "kk", f"[{s.source}]")
        wb.lock()

        async def header() -> str:
            app = TarjimonApp(wb)
            async with app.run_test(size=(120, 30)) as pilot:
                await pilot.pause()
                return app.screen.query_one(SegmentGrid).render_line(0).text

        line = asyncio.run(header())
    finally:
        wb.close()
    assert "ru  25/25" in line and "kk  24/24" in line, line
