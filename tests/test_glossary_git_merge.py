"""Three desks change the shipped news glossary on three git branches (a synonym, a renamed term, a deleted
row) and merge them with real git: the changes to different rows merge cleanly and are read back; the two
changes to one row conflict, and a file with git's conflict markers is refused by every glossary command,
one line naming the marker's line, exit 2, nothing written (before, the marker lines were read as concepts
"<<<<<<< HEAD" and both sides kept, silently)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from testkit import one_line_error

from tarjimon.core.errors import BadInput
from tarjimon.core.glossary.store import load_glossary

NEWS_TSV = Path(__file__).resolve().parents[1] / "src" / "tarjimon" / "glossaries" / "news.tsv"
HEAD_OF_STATE = "Давлат раҳбари"
PRIME_MINISTER = "Бош вазир"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {"GIT_AUTHOR_NAME": "desk", "GIT_AUTHOR_EMAIL": "d@example.org", "GIT_COMMITTER_NAME": "desk",
           "GIT_COMMITTER_EMAIL": "d@example.org", "HOME": str(repo), "PATH": "/usr/bin:/bin"}  # fmt: skip
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=check, env=env)


def concept_id(cli, term: str) -> str:  # type: ignore[no-untyped-def]
    found = cli("glossary", "show", "news", term, "--json")
    assert found.code == 0, found.err
    return next(c["id"] for c in json.loads(found.out) if c["terms"]["uz"][0] == term)


@pytest.fixture()
def desks(cli, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    """The repository after desk A (a synonym) and desk C (a deleted row) merged into master, desk B (the
    same row's term renamed) waiting on its branch."""
    repo = tmp_path
    (repo / "glossaries").mkdir()
    shutil.copyfile(NEWS_TSV, repo / "glossaries" / "news.tsv")
    (repo / ".gitignore").write_text("glossaries/.cache/\nglossaries/*.ids\nglossaries/.*.lock\nprojects/\n")
    git(repo, "init", "-q", "-b", "master")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "the starter glossary")
    head, premier = concept_id(cli, HEAD_OF_STATE), concept_id(cli, PRIME_MINISTER)
    for branch, argv in (
        ("deskA", ("edit", "news", head, "--en", "Head of State", "--en", "head of state")),
        ("deskB", ("edit", "news", head, "--uz", "Давлат бошлиғи", "--uz", HEAD_OF_STATE)),
        ("deskC", ("remove", "news", premier)),
    ):
        git(repo, "checkout", "-q", "-b", branch, "master")
        done = cli("glossary", *argv)
        assert done.code == 0, done.err
        git(repo, "commit", "-qam", branch)
    git(repo, "checkout", "-q", "master")
    for branch in ("deskA", "deskC"):
        assert git(repo, "merge", "-q", "--no-edit", branch).returncode == 0
    return repo


def test_changes_to_different_rows_merge_cleanly_and_are_read(cli, desks: Path) -> None:  # type: ignore[no-untyped-def]
    shown = cli("glossary", "show", "news", HEAD_OF_STATE, "--json")
    assert shown.code == 0, shown.err
    (concept,) = [c for c in json.loads(shown.out) if c["terms"]["uz"] == [HEAD_OF_STATE]]
    assert concept["terms"]["en"] == ["Head of State", "head of state"]  # desk A's synonym
    assert cli("glossary", "show", "news", PRIME_MINISTER, "--json").out.strip() in ("[]", "")  # desk C's delete
    # the merged file is the one tarjimon writes: importing it again changes no byte
    path = desks / "glossaries" / "news.tsv"
    before = path.read_bytes()
    assert cli("glossary", "import", "news", path).code == 0
    assert path.read_bytes() == before


def test_a_conflicted_glossary_is_refused_naming_the_marker_line(cli, desks: Path) -> None:  # type: ignore[no-untyped-def]
    path = desks / "glossaries" / "news.tsv"
    assert cli("glossary", "find", "news", "--lang", "uz", "--text", "Давлат раҳбари келди").code == 0  # cached
    assert git(desks, "merge", "deskB", check=False).returncode != 0
    text = path.read_text(encoding="utf-8")
    marker = text.split("\n").index("<<<<<<< HEAD") + 1
    conflicted = path.read_bytes()
    for argv in (
        ("list",),
        ("list", "--json"),
        ("show", "news", "Давлат"),
        ("find", "news", "--lang", "uz", "--text", "Давлат раҳбари келди"),
        ("find", "news", "--lang", "uz", "--json", "--text", "Давлат раҳбари келди"),
        ("export", "news", "-o", str(desks / "out.tsv")),
        ("add", "news", "--uz", "янги атама", "--en", "new term"),
        ("edit", "news", "c2014136128", "--note", "x"),
        ("remove", "news", "c2014136128"),
        ("import", "copy", str(path)),
    ):
        done = cli("glossary", *argv)
        assert done.code == 2, (argv, done.out, done.err)
        one_line_error(done.err, f"news.tsv:{marker}:", "conflict marker", "<<<<<<< HEAD")
        assert path.read_bytes() == conflicted, argv
    assert not (desks / "out.tsv").exists() and not (desks / "glossaries" / "copy.tsv").exists()


def test_a_loaded_glossary_refreshed_onto_a_conflict_raises(desks: Path) -> None:
    """The workbench's path: a glossary loaded (rows cached, index built), then git writes the conflict."""
    path = desks / "glossaries" / "news.tsv"
    loaded = load_glossary(path, "news", index_langs=("uz",))
    assert loaded.find("Давлат раҳбари келди", "uz")
    assert git(desks, "merge", "deskB", check=False).returncode != 0
    with pytest.raises(BadInput, match="conflict marker") as caught:
        loaded.refresh()
    assert caught.value.line == path.read_text(encoding="utf-8").split("\n").index("<<<<<<< HEAD") + 1
    with pytest.raises(BadInput, match="conflict marker"):
        load_glossary(path, "news")  # its cache from before the merge, patched: the same answer


@pytest.mark.parametrize("marker", ["<<<<<<< HEAD", "=======", ">>>>>>> deskB", "||||||| base"])
def test_a_leftover_marker_line_alone_is_refused(tmp_path: Path, marker: str) -> None:
    path = tmp_path / "g.tsv"
    path.write_text(f"uz\ten\nбанк\tbank\n{marker}\nгаз\tgas\n", encoding="utf-8")
    with pytest.raises(BadInput, match="conflict marker") as caught:
        load_glossary(path, "g")
    assert caught.value.line == 3


def test_terms_that_only_look_like_markers_are_read(tmp_path: Path) -> None:
    path = tmp_path / "g.tsv"
    path.write_text("uz\ten\n<<<<<<<<< стрелки\tarrows\n=======x\tbar\nбанк\t>>>>>>> bank\n", encoding="utf-8")
    assert len(load_glossary(path, "g").concepts) == 3


def test_both_sides_kept_leave_twin_rows_that_edit_and_remove_refuse(cli, desks: Path) -> None:  # type: ignore[no-untyped-def]
    """A conflict resolved by keeping both sides (a merge tool's "both") leaves two rows of one concept: the
    reader merges them, so changing or removing one row by the concept's id would leave the other, silently.
    Refused, naming both lines, nothing written."""
    path = desks / "glossaries" / "news.tsv"
    head = concept_id(cli, HEAD_OF_STATE)
    git(desks, "checkout", "-q", "-b", "deskD", "master~2")
    assert cli("glossary", "edit", "news", head, "--kk", "Мемлекет басшысы", "--kk", "Ел басшысы").code == 0
    git(desks, "commit", "-qam", "deskD")
    git(desks, "checkout", "-q", "master")
    assert git(desks, "merge", "deskD", check=False).returncode != 0
    lines = [ln for ln in path.read_text(encoding="utf-8").split("\n") if not ln.startswith(("<<<<<<<", "=======", ">>>>>>>"))]
    path.write_text("\n".join(lines), encoding="utf-8")  # "keep both"
    twins = [n for n, ln in enumerate(lines, 1) if ln.startswith(HEAD_OF_STATE + "\t")]
    assert len(twins) == 2
    kept = path.read_bytes()
    for argv in (("edit", "news", head, "--note", "x"), ("remove", "news", head)):
        done = cli("glossary", *argv)
        assert done.code == 2, (argv, done.err)
        one_line_error(done.err, f"news.tsv:{twins[0]}:", f"lines {twins[0]} and {twins[1]}", "two rows")
        assert path.read_bytes() == kept
    # the other rows are changed as usual
    assert cli("glossary", "edit", "news", concept_id(cli, "банк"), "--note", "a bank").code == 0


def test_list_shows_every_glossary_and_names_the_unreadable_one(tmp_path: Path) -> None:
    """One glossary left with conflict markers does not hide the others from `glossary list`: each readable one
    is listed with its size, the bad one as unreadable, then its one-line error (file and line); exit 2."""
    import sys

    folder = tmp_path / "glossaries"
    folder.mkdir()
    (folder / "a.tsv").write_text("uz\tkk\nmaktab\tмектеп\nshahar\tқала\n", encoding="utf-8")
    (folder / "b.tsv").write_text("uz\tkk\n<<<<<<< HEAD\nx\ty\n=======\nx\tz\n>>>>>>> theirs\n", encoding="utf-8")
    (folder / "c.tsv").write_text("uz\tkk\nkitob\tкітап\n", encoding="utf-8")

    def run(*extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "tarjimon", "glossary", "list", "--glossaries-dir", str(folder),
                               *extra], capture_output=True, text=True)  # fmt: skip

    done = run()
    assert done.returncode == 2, done.stderr
    assert done.stdout.splitlines() == ["a\t2 concepts\tuz,kk", "b\tunreadable (below)\t", "c\t1 concept\tuz,kk"]
    one_line_error(done.stderr, "b.tsv:2:", "conflict marker")
    done = run("--json")
    assert done.returncode == 2
    listed = json.loads(done.stdout)
    assert [(g["name"], g["concepts"], "problem" in g) for g in listed] == [("a", 2, False), ("b", 0, True),
                                                                            ("c", 1, False)]
    assert "b.tsv:2:" in listed[1]["problem"]
    one_line_error(done.stderr, "b.tsv:2:")
