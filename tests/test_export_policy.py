"""The target-text export policy (workbench/exporting.py): a txt or md file holds confirmed targets; drafts
and untranslated segments are refused, naming them, unless --include-drafts / --fill-source, and the report
says exactly which segments were drafts and which were filled from the source."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from testkit import one_line_error

from tarjimon.core.workbench import Workbench

ARTICLE = "Бу биринчи гап. Бу иккинчи гап.\n\nУчинчи гап шу ерда. Тўртинчи гап.\n"


@pytest.fixture
def project(cli, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    assert cli("new", "p", "--source", "uz", "--targets", "kk,ru").code == 0
    (tmp_path / "a.md").write_text("- " + ARTICLE, encoding="utf-8")
    assert cli("import", "p", tmp_path / "a.md").code == 0
    with Workbench.open(tmp_path / "projects", "p") as wb:
        s = wb.segments()
        wb.confirm(s[0].id, "kk", "Бұл бірінші сөйлем.")
        wb.confirm(s[1].id, "kk", "Бұл екінші сөйлем.", status="reviewed")
        wb.save_target(s[2].id, "kk", "Үшінші сөйлем осында.", status="draft")
    return tmp_path


def test_drafts_and_untranslated_are_refused_naming_them(cli, project: Path) -> None:  # type: ignore[no-untyped-def]
    for fmt in ("txt", "md"):
        r = cli("export", "p", "--format", fmt, "--target", "kk", "-o", project / "out")
        assert r.code == 2
        one_line_error(r.err, "1 kk target is a draft (segment 3)", "--include-drafts",
                       "1 segment has no kk target (segment 4)", "--fill-source")
        assert not (project / "out").exists()
    r = cli("export", "p", "--format", "txt", "--target", "kk", "-o", project / "out", "--include-drafts")
    assert r.code == 2 and "draft" not in r.err and "segment 4" in r.err


def test_the_report_says_what_was_filled_from_the_source(cli, project: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("export", "p", "--format", "md", "--target", "kk", "-o", project / "out", "--include-drafts",
            "--fill-source", "--json")
    assert r.code == 0, r.err
    report = json.loads(r.out)
    assert report["files"] == [str(project / "out" / "a.kk.md")]
    assert (report["segments"], report["confirmed"]) == (4, 2)
    assert report["drafts"] == {"count": 1, "segments": [3], "places": [{"document": "a.md", "index": 3, "place": "segment 3"}]}
    assert report["filled_from_source"] == {"count": 1, "segments": [4], "places": [{"document": "a.md", "index": 4, "place": "segment 4"}]}
    text = (project / "out" / "a.kk.md").read_text(encoding="utf-8")
    assert text == "- Бұл бірінші сөйлем. Бұл екінші сөйлем.\n\nҮшінші сөйлем осында. Тўртинчи гап.\n"
    r = cli("export", "p", "--format", "txt", "--target", "kk", "-o", project / "out2", "--include-drafts",
            "--fill-source")
    assert r.code == 0, r.err
    assert r.out.splitlines() == ["1 draft target exported as it is: segment 3",
                                  "1 untranslated segment filled with its source text: segment 4"]


def test_a_fully_confirmed_language_exports_without_flags(cli, project: Path) -> None:  # type: ignore[no-untyped-def]
    with Workbench.open(project / "projects", "p") as wb:
        s = wb.segments()
        wb.confirm(s[2].id, "kk", "Үшінші сөйлем осында.")
        wb.confirm(s[3].id, "kk", "Төртінші сөйлем.")
    r = cli("export", "p", "--format", "txt", "--target", "kk", "-o", project / "out", "--json")
    assert r.code == 0, r.err
    report = json.loads(r.out)
    assert report["drafts"]["count"] == report["filled_from_source"]["count"] == 0 and report["confirmed"] == 4


def test_bilingual_formats_export_everything_and_count_it(cli, project: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("export", "p", "--format", "po", "--target", "kk", "-o", project / "po", "--json")
    assert r.code == 0, r.err
    report = json.loads(r.out)
    assert report["drafts"] == {"count": 1, "segments": [3], "places": [{"document": "a.md", "index": 3, "place": "segment 3"}]}
    assert report["untranslated"] == {"count": 1, "segments": [4], "places": [{"document": "a.md", "index": 4, "place": "segment 4"}]}
    assert report["filled_from_source"]["count"] == 0


def test_many_untranslated_are_named_by_their_first_numbers(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert cli("new", "q", "--source", "uz", "--targets", "kk").code == 0
    (tmp_path / "b.txt").write_text("\n".join(f"Гап рақами {n}." for n in range(1, 13)) + "\n", encoding="utf-8")
    assert cli("import", "q", tmp_path / "b.txt").code == 0
    r = cli("export", "q", "--format", "txt", "--target", "kk", "-o", tmp_path / "out")
    assert r.code == 2
    one_line_error(r.err, "12 segments have no kk target (segments 1, 2, 3, 4, 5, 6, 7, 8, … (12 in all))")


def test_two_documents_of_one_stem_are_exported_to_two_files(cli, tmp_path: Path) -> None:
    """Before: story.txt and story.md in one project both went to story.kk.po (and story.kk.tmx...): the
    command said `wrote story.kk.po` twice and the second file replaced the first, one document's export lost."""
    (tmp_path / "story.txt").write_text("Birinchi gap.\n", encoding="utf-8")
    (tmp_path / "story.md").write_text("# Sarlavha\n\nIkkinchi gap.\n", encoding="utf-8")
    assert cli("new", "p", "--source", "uz", "--target", "kk").code == 0
    assert cli("import", "p", tmp_path / "story.txt", tmp_path / "story.md").code == 0
    with Workbench.open(tmp_path / "projects", "p") as wb:
        for seg, text in zip(wb.segments(), ["Бірінші сөйлем.", "Тақырып", "Екінші сөйлем."], strict=True):
            wb.confirm(seg.id, "kk", text)
    for fmt in ("po", "tmx"):
        out = tmp_path / f"out-{fmt}"
        r = cli("export", "p", "--format", fmt, "--target", "kk", "-o", out)
        assert r.code == 0, r.err
        written = sorted(p.name for p in out.iterdir())
        assert written == [f"story.md.kk.{fmt}", f"story.txt.kk.{fmt}"], written
        assert "Birinchi gap." in (out / f"story.txt.kk.{fmt}").read_text(encoding="utf-8")
        assert "Ikkinchi gap." in (out / f"story.md.kk.{fmt}").read_text(encoding="utf-8")


def test_a_report_line_names_some_segments_and_the_count_not_thousands() -> None:
    from tarjimon.core.workbench.exporting import ExportReport

    (line,) = ExportReport("po", "kk", untranslated=list(range(1, 10001))).lines()
    assert line.startswith("10000 segments have no kk target") and line.endswith("… (10000 in all)") and len(line) < 400
