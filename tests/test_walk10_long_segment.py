"""A segment of one enormous paragraph (no sentence end) opens at once in the workbench (found walking the
product, ninth session: a document of one 24 MB paragraph took ~70 s before the workbench answered, the grid
wrapping and drawing its 300,000 lines and every keystroke running QA and TM keys over it). Nothing is lost:
the whole source stays in the database, and the confirmed target is committed."""

from __future__ import annotations

from pathlib import Path

from test_tui import pilot_test

from tarjimon.core.workbench import Workbench
from tarjimon.core.workbench.lookups import LOOKUP_SOURCE_MAX, LookupRequest, QARequest
from tarjimon.tui.app import TarjimonApp
from tarjimon.tui.grid import SegmentGrid
from tarjimon.tui.layout import MORE, ROW_LINES_MAX, wrap

WORDS = "Toshkent shahrida yangi maktab ochildi va unda koʻplab oʻquvchilar tahsil oladi".split()


def _long_paragraph(chars: int) -> str:
    out, n, i = [], 0, 0
    while n < chars:
        word = WORDS[i % len(WORDS)]
        out.append(word)
        n += len(word) + 1
        i += 1
    return " ".join(out)


def test_wrap_stops_at_the_row_limit_and_says_so() -> None:
    text = _long_paragraph(400_000)
    lines = wrap(text, 40)
    assert len(lines) == ROW_LINES_MAX and lines[-1].endswith(MORE)
    assert " ".join(lines)[:-1] == text[: len(" ".join(lines)) - 1]  # its first lines, in order
    one_word = "ж" * 3_000_000  # no space at all: cut, never measured whole
    lines = wrap(one_word, 40)
    assert len(lines) == ROW_LINES_MAX and lines[0] == "ж" * 40 and lines[-1].endswith(MORE)
    assert wrap("a bb ccc dddd", 5) == ["a bb", "ccc", "dddd"]  # short texts as before
    assert wrap("abcdefghij k", 4) == ["abcd", "efgh", "ij k"]


def test_lookups_and_qa_skip_a_source_over_the_limit_and_say_why(tmp_path: Path) -> None:
    project = Workbench.create(tmp_path / "projects", "big", "uz", ["kk"], glossaries_dir=tmp_path / "g")
    try:
        source = _long_paragraph(LOOKUP_SOURCE_MAX + 10)
        found = project.lookups.lookup(LookupRequest(1, "kk", source, source))
        assert not found.matches and "not looked up as you type" in found.error
        checked = project.lookups.check(QARequest(1, "kk", source, "Мектеп ашылды 12."))
        assert not checked.findings and "tarjimon qa" in checked.error
        short = project.lookups.check(QARequest(1, "kk", "Maktab 12 ochildi.", "Мектеп ашылды."))
        assert not short.error and any(f.check == "number" for f in short.findings)  # checked as before
    finally:
        project.close()


@pilot_test
async def test_a_document_of_one_huge_paragraph_opens_and_confirms(tmp_path: Path) -> None:
    article = tmp_path / "one-paragraph.txt"
    source = _long_paragraph(1_500_000)
    article.write_text(source + "\n", encoding="utf-8")
    project = Workbench.create(tmp_path / "projects", "big", "uz", ["kk"], glossaries_dir=tmp_path / "g")
    project.import_file(article)
    project.lock()
    try:
        async with TarjimonApp(project).run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            grid = pilot.app.screen.query_one(SegmentGrid)
            span = grid.row_span(0)
            assert span is not None and span[1] == ROW_LINES_MAX  # not ~45,000 lines
            await pilot.press(*"Мектеп")
            await pilot.press("enter")
            await pilot.pause()
        segment = project.segments()[0]
        assert segment.source == source  # the whole paragraph kept
        target = project.translation(segment.id, "kk")
        assert (target.text, target.status) == ("Мектеп", "translated")
    finally:
        project.close()
