"""Names and symlinks: nothing outside the projects/glossaries folders is read or written (items 5 and 6)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tarjimon.core.config import check_name
from tarjimon.core.errors import TarjimonError


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(
    "name", ["nl\n", "../../outside/evil", "/abs/path", "a/b", "..", "a..b", ".hidden", "", "x" * 65]
)
def test_bad_names_refused(name: str) -> None:
    with pytest.raises(TarjimonError, match="invalid name"):
        check_name(name)


def test_every_command_checks_the_name_before_touching_the_disk(cli, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    (outside / "evil").mkdir(parents=True)
    article = tmp_path / "f.txt"
    article.write_text("Salom dunyo.\n", encoding="utf-8")
    assert cli("new", "real", "--source", "uz", "--target", "kk").code == 0
    before = _tree(tmp_path)
    for args in (
        ["new", "nl\n", "--source", "uz", "--target", "kk"],
        ["import", "../../outside/evil", article],
        ["import", "../outside/evil", article],
        ["stats", str(tmp_path / "projects" / "real")],
        ["stats", "/etc"],
        ["tm", "import", "../outside/evil", article],
        ["glossary", "attach", "../outside/evil", "news"],
        ["glossary", "add", "../outside/evil", "--uz", "a", "--kk", "b"],
        ["demo", "--name", "../outside/evil", "--reset"],
    ):
        r = cli(*args)
        assert r.code == 2, (args, r.err)
        assert "invalid name" in r.err, (args, r.err)
        assert "Traceback" not in r.err
    assert _tree(tmp_path) == before
    assert (outside / "evil").is_dir()
    assert not (tmp_path / "projects" / "nl\n").exists()


def test_symlinks_in_a_project_folder_never_redirect_writes(cli, tmp_path: Path) -> None:
    assert cli("new", "p", "--source", "uz", "--target", "kk").code == 0
    assert cli("glossary", "add", "news", "--uz", "saylov", "--kk", "сайлау").code == 0
    folder = tmp_path / "projects" / "p"
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    for planted in (".edit.lock", "project.toml.tmp"):
        link = folder / planted
        if link.exists():
            link.unlink()
        link.symlink_to(victim)
    from tarjimon.core.workbench import Workbench

    with Workbench.open(tmp_path / "projects", "p") as project:
        with pytest.raises(TarjimonError, match="symbolic link"):
            project.lock()
    r = cli("glossary", "attach", "p", "news")
    assert r.code == 0, r.err
    assert victim.read_text(encoding="utf-8") == "precious\n"
    assert not (folder / "project.toml").is_symlink()
    # a link AT project.toml or the project's glossary is refused, not written through
    (folder / ".edit.lock").unlink()
    (folder / "glossary.tsv").symlink_to(victim)
    r = cli("stats", "p")
    assert r.code == 2 and "symbolic link" in r.err
    assert victim.read_text(encoding="utf-8") == "precious\n"
    os.unlink(folder / "glossary.tsv")


def test_a_cache_folder_planted_as_a_link_is_never_written_through(cli, tmp_path: Path) -> None:
    """Before: with glossaries/.cache (or a project's .cache) a symbolic link, `glossary add`, `glossary find`
    and any command loading the glossaries wrote the index caches (NAME.tsv.idx, .ids, .LANG.keys) into the
    folder the link named; a link planted at NAME.tsv.ids (a cache) made `glossary edit` fail: 'refusing to
    write through a symbolic link', exit 2."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (tmp_path / "glossaries").mkdir()
    (tmp_path / "glossaries" / ".cache").symlink_to(outside)
    assert cli("new", "p", "--source", "uz", "--target", "kk").code == 0
    (tmp_path / "projects" / "p" / ".cache").symlink_to(outside)
    article = tmp_path / "a.txt"
    article.write_text("Saylov boʻldi. Kitob oʻqidim.\n", encoding="utf-8")
    for args in (["glossary", "add", "g", "--uz", "saylov", "--kk", "сайлау"],
                 ["glossary", "find", "g", "--text", "saylov boʻldi", "--lang", "uz"],
                 ["glossary", "attach", "p", "g"], ["import", "p", article], ["qa", "p"],
                 ["glossary", "add", "g", "--uz", "kitob", "--kk", "кітап"]):  # fmt: skip
        r = cli(*args)
        assert r.code in (0, 1), (args, r.err)
    assert sorted(outside.iterdir()) == []
    # a link at a cache file's own name: the cache is skipped, the command works
    (tmp_path / "glossaries" / ".cache").unlink()
    (tmp_path / "glossaries" / ".cache").mkdir()
    victim = outside / "victim"
    victim.write_text("precious\n", encoding="utf-8")
    (tmp_path / "glossaries" / ".cache" / "g.tsv.ids").symlink_to(victim)
    concept = cli("glossary", "show", "g", "kitob").out.split()[0]
    r = cli("glossary", "edit", "g", concept, "--kk", "китап")
    assert r.code == 0, r.err
    assert victim.read_text(encoding="utf-8") == "precious\n"
    assert "китап" in (tmp_path / "glossaries" / "g.tsv").read_text(encoding="utf-8")
