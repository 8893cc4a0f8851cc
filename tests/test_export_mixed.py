"""Exports of a mixed project (workbench/exporting.py): `--format docx|odt` writes the documents imported from
such a file and each other one in its own format, saying which and why (it used to refuse the whole export);
`--format original` writes each document as it came (docx stays docx, md stays md); `--document NAME` exports
only the documents named."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from testkit import one_line_error

from tarjimon.core.workbench import Workbench

PROBES = Path(__file__).resolve().parents[2] / "shared" / "data" / "interop" / "real" / "probes"

pytestmark = pytest.mark.skipif(not (PROBES / "probe.docx").is_file(), reason=f"probe files missing: {PROBES}")


@pytest.fixture
def project(cli, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    assert cli("new", "mix", "--source", "uz", "--targets", "kk").code == 0
    for name in ("probe.docx", "probe.odt"):
        (tmp_path / name).write_bytes((PROBES / name).read_bytes())
    (tmp_path / "story.txt").write_text("Бу биринчи гап. Бу иккинчи гап.\n", encoding="utf-8")
    (tmp_path / "note.md").write_text("# Сарлавҳа\n\nУчинчи гап.\n", encoding="utf-8")
    files = [tmp_path / n for n in ("probe.docx", "probe.odt", "story.txt", "note.md")]
    assert cli("import", "mix", *files).code == 0
    with Workbench.open(tmp_path / "projects", "mix") as wb:
        for n, seg in enumerate(wb.segments()):
            wb.confirm(seg.id, "kk", f"аударма {n}")
    return tmp_path


def test_docx_of_a_mixed_project_writes_each_document_in_the_format_it_can(cli, project: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("export", "mix", "--format", "docx", "--target", "kk", "-o", project / "out", "--json")
    assert r.code == 0, r.err
    report = json.loads(r.out)
    assert [(d["document"], d["format"], Path(d["file"]).name) for d in report["documents"]] == [
        ("probe.docx", "docx", "probe.kk.docx"), ("probe.odt", "odt", "probe.kk.odt"),
        ("story.txt", "txt", "story.kk.txt"), ("note.md", "md", "note.kk.md")]
    assert "why" not in report["documents"][0]
    assert report["documents"][2]["why"] == "docx rebuilds an imported docx file; this document is txt"
    assert "аударма" in zipfile.ZipFile(project / "out" / "probe.kk.docx").read("word/document.xml").decode()
    assert (project / "out" / "note.kk.md").read_text(encoding="utf-8").startswith("# аударма")
    said = cli("export", "mix", "--format", "odt", "--target", "kk", "-o", project / "out2")
    assert "story.txt: written as txt, not odt: odt rebuilds an imported odt file; this document is txt" in said.out


def test_original_keeps_each_documents_format(cli, project: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("export", "mix", "--format", "original", "--target", "kk", "-o", project / "out")
    assert r.code == 0, r.err
    assert sorted(p.name for p in (project / "out").iterdir()) == [
        "note.kk.md", "probe.kk.docx", "probe.kk.odt", "story.kk.txt"]
    assert "written as" not in r.out  # each in its own format: nothing to explain


def test_one_document_is_exported_alone(cli, project: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("export", "mix", "--format", "docx", "--document", "probe.docx", "--target", "kk", "-o", project / "out")
    assert r.code == 0, r.err
    assert [p.name for p in (project / "out").iterdir()] == ["probe.kk.docx"]
    r = cli("export", "mix", "--format", "txt", "--document", "story.txt", "--document", "note.md",
            "--target", "kk", "-o", project / "two")
    assert sorted(p.name for p in (project / "two").iterdir()) == ["note.kk.md", "story.kk.txt"]


def test_an_unknown_document_is_refused_naming_the_documents(cli, project: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("export", "mix", "--format", "txt", "--document", "nope.txt", "--target", "kk", "-o", project / "out")
    assert r.code == 2
    one_line_error(r.err, "no document 'nope.txt'", "note.md, probe.docx, probe.odt, story.txt")
    assert not (project / "out").exists()
