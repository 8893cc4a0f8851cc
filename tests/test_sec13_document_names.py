"""A document's name is a file's name. One that holds a folder (`../../x.txt`: a story shared on the team
server by anyone, a restored backup) sent `export` outside the folder it was given: with a second document
of the same stem, `export -o out` wrote `out/../../x.txt.kk.txt`. Now every exported file lands in the
output folder itself or the export is refused in one line, and no document of such a name is stored."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tarjimon.core.errors import BadInput
from tarjimon.core.models.article import Paragraph
from tarjimon.core.project.repository import ProjectRepository
from tarjimon.core.store import Store


def test_export_never_writes_outside_its_folder(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert cli("new", "s", "--source", "uz", "--targets", "kk").code == 0
    (tmp_path / "a.txt").write_text("Бир.\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "story.txt").write_text("Икки.\n", encoding="utf-8")
    assert cli("import", "s", str(tmp_path / "a.txt"), str(tmp_path / "sub" / "story.txt")).code == 0
    with sqlite3.connect(tmp_path / "projects" / "s" / "project.db") as conn:  # as a hostile story brings it
        conn.execute("UPDATE documents SET name = '../../story.txt' WHERE name = 'a.txt'")
    out = tmp_path / "deep" / "er" / "out"
    before = {p for p in tmp_path.rglob("*") if "projects" not in p.parts}
    result = cli("export", "s", "--format", "txt", "--target", "kk", "--fill-source", "-o", str(out))
    assert result.code == 2 and len(result.err.strip().splitlines()) == 1
    assert {p for p in tmp_path.rglob("*") if "projects" not in p.parts} == before  # nothing written anywhere
    # alone, the document is written inside the folder under its file's name
    result = cli("export", "s", "--format", "txt", "--target", "kk", "--fill-source", "-o", str(out),
                 "--document", "../../story.txt")  # fmt: skip
    assert result.code == 0, result.err
    assert [p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.kk.txt")] == ["deep/er/out/story.kk.txt"]


@pytest.mark.parametrize("name", ["../../x.txt", "a/b.txt", "/etc/x.txt", "..", ".", "", "a\0b.txt"])
def test_no_document_is_stored_under_a_path(tmp_path: Path, name: str) -> None:
    """What `join` stores a shared story's documents through."""
    repo = ProjectRepository(Store(tmp_path / "project.db"))
    with pytest.raises(BadInput, match="not a file's name"):
        repo.store_document(name, "txt", "utf-8", {}, [Paragraph("", "Бир.", 0, "body")], [(0, "body", "Бир.")])
    assert repo.documents() == []
    repo.store.close()
