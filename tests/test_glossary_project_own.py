"""Every glossary command reaches every glossary a project uses, by the name the workbench gives it: the
project's own ("project": its glossary.tsv, the terms added with Ctrl+T) and the shared ones it attaches.
`glossary show/edit/remove` looked only in the shared folder, so a term added in the workbench could not be
corrected or removed from a script, and attach's own advice (`glossary export project ...`) failed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


@pytest.fixture
def story(cli, tmp_path: Path) -> str:  # type: ignore[no-untyped-def]
    from tarjimon.core.workbench import open_workbench

    assert cli("new", "story", "--source", "uz", "--targets", "kk,ru").code == 0
    with open_workbench(tmp_path / "projects", "story", glossaries_dir=tmp_path / "glossaries") as wb:
        wb.glossaries().add_concept("project", {"uz": "narx", "kk": "баға"})  # what Ctrl+T does
    return "story"


def test_show_edit_remove_reach_the_projects_own_glossary(cli, story: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    found = cli("glossary", "show", "project", "narx", "--project", story, "--json")
    assert found.code == 0, found.err
    [concept] = json.loads(found.out)
    assert concept["terms"] == {"uz": ["narx"], "kk": ["баға"]}
    done = cli("glossary", "edit", "project", concept["id"], "--ru", "цена", "--project", story, "--json")
    assert done.code == 0, done.err
    assert "цена" in (tmp_path / "projects" / story / "glossary.tsv").read_text(encoding="utf-8")
    assert not (tmp_path / "glossaries" / "project.tsv").exists()  # (nothing written into the shared folder)
    assert cli("glossary", "remove", "project", concept["id"], "--project", story).code == 0
    assert json.loads(cli("glossary", "show", "project", "narx", "--project", story, "--json").out) == []


def test_add_export_import_find_list_reach_it_too(cli, story: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert cli("glossary", "add", "project", "--project", story, "--uz", "koʻprik", "--kk", "көпір").code == 0
    out = tmp_path / "own.tsv"
    assert cli("glossary", "export", "project", "--project", story, "-o", out).code == 0
    assert "көпір" in out.read_text(encoding="utf-8") and "баға" in out.read_text(encoding="utf-8")
    hits = json.loads(cli("glossary", "find", "project", "--project", story, "--lang", "uz", "--json",
                          "--text", "Narx oshdi").out)  # fmt: skip
    assert [h["targets"]["kk"] for h in hits] == ["баға"]
    listed = json.loads(cli("glossary", "list", "--project", story, "--json").out)
    assert [(g["name"], g["concepts"]) for g in listed] == [("project", 2)]
    # an attached shared glossary is reached by its name the same way
    assert cli("glossary", "add", "news2", "--uz", "davlat", "--kk", "мемлекет").code == 0
    assert cli("glossary", "attach", story, "news2").code == 0
    assert json.loads(cli("glossary", "show", "news2", "davlat", "--project", story, "--json").out)
    assert [g["name"] for g in json.loads(cli("glossary", "list", "--project", story, "--json").out)] == [
        "project", "news2"]


def test_ambiguous_or_unused_names_are_clear_errors(cli, story: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # "project" alone: every project has one; the shared folder has none by that name
    done = cli("glossary", "show", "project", "narx")
    assert done.code == 2 and "--project" in done.err and len(done.err.splitlines()) == 1
    done = cli("glossary", "import", "project", tmp_path / "x.tsv")  # (would have made a shared "project")
    assert done.code == 2 and "--project" in done.err
    assert not (tmp_path / "glossaries" / "project.tsv").exists()
    # a shared glossary the project does not use
    assert cli("glossary", "add", "other", "--uz", "a", "--kk", "b").code == 0
    done = cli("glossary", "show", "other", "a", "--project", story)
    assert done.code == 2 and "uses no glossary named 'other'" in done.err and "attach" in done.err
    done = cli("glossary", "show", "project", "narx", "--project", "nope")
    assert done.code == 2 and "no project named 'nope'" in done.err
