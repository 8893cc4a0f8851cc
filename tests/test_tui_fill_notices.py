"""Filling repetitions says so once at a time: the walk of the eleventh session confirmed a story imported twice
(its txt and its docx) segment after segment, and the "Filled 2 repetitions" notices piled up over the glossary
and QA panels. The editor's note says each fill; a new notice comes once the last one is gone."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_tui import make_app, pilot_test

import tarjimon.tui.review_actions as review_actions
from tarjimon.core.workbench import Workbench as Project
from tarjimon.tui.editor import TargetEditor


@pilot_test
async def test_fill_notices_do_not_pile_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    now = [100.0]
    monkeypatch.setattr(review_actions, "_clock", lambda: now[0], raising=False)
    article = tmp_path / "rep-uz.txt"
    article.write_text("Бу гап. Бошқа гап. Учинчи гап.\nБу гап. Бошқа гап. Учинчи гап.\n", encoding="utf-8")
    with Project.create(tmp_path / "projects", "rep", "uz", ["kk"], glossaries_dir=tmp_path / "g") as rep:
        rep.import_file(article)
        app = make_app(rep, tmp_path)
        async with app.run_test(size=(120, 40)) as pilot:

            def told() -> list[str]:
                return [n.message for n in app._notifications if "repetition" in n.message]

            await pilot.press(*"Бұл сөз", "enter")
            await pilot.pause()
            await pilot.press(*"Басқа сөз", "enter")
            await pilot.pause()
            assert len(told()) == 1, told()  # the second fill while the first notice is up: under the editor
            assert app.screen.query_one(TargetEditor).note == "filled 1 repetition"
            now[0] += getattr(review_actions, "FILL_TOLD_FOR", 5.0)
            await pilot.press(*"Үшінші сөз", "enter")
            await pilot.pause()
            assert len(told()) == 2, told()
        assert [rep.translation(s.id, "kk").text for s in rep.segments()][3:] == ["Бұл сөз", "Басқа сөз",
                                                                                  "Үшінші сөз"]  # fmt: skip
