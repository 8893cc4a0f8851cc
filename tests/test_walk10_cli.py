"""Refusals the walk of the ninth session found missing (each was accepted silently before): a target
language given twice, a project folder whose database vanished (recreated empty, so the project looked empty),
an empty glossary term. One line, exit 2, nothing written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from testkit import one_line_error

SRC = str(Path(__file__).resolve().parents[1] / "src")


def tarjimon(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": SRC, "TARJIMON_PROJECTS": str(tmp_path / "projects"),
           "TARJIMON_GLOSSARIES": str(tmp_path / "glossaries")}
    return subprocess.run([sys.executable, "-m", "tarjimon", *args], capture_output=True, text=True, env=env,
                          cwd=tmp_path, timeout=120)


def test_a_target_language_given_twice_is_refused(tmp_path: Path) -> None:
    for targets, said in (("kk,kk", "kk is given twice"), ("kk,ru,kk-KZ", "kk-KZ is kk again")):
        done = tarjimon(tmp_path, "new", "story", "--source", "uz", "--targets", targets)
        assert done.returncode == 2
        one_line_error(done.stderr, said, targets)
        assert not (tmp_path / "projects" / "story").exists()
    done = tarjimon(tmp_path, "new", "story", "--source", "uz", "--targets", "kk,ru")
    assert done.returncode == 0, done.stderr


def test_a_project_whose_database_vanished_is_refused_and_restore_brings_it_back(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Birinchi gap. Ikkinchi gap.\n", encoding="utf-8")
    assert tarjimon(tmp_path, "new", "story", "--source", "uz", "--targets", "kk").returncode == 0
    assert tarjimon(tmp_path, "import", "story", "a.txt").returncode == 0
    assert tarjimon(tmp_path, "backup", "story", "-o", "story.bak").returncode == 0
    db = tmp_path / "projects" / "story" / "project.db"
    db.unlink()
    for command in (["stats", "story"], ["import", "story", "a.txt"], ["check", "story"], ["qa", "story"],
                    ["tm", "search", "story", "gap", "--target", "kk"]):
        done = tarjimon(tmp_path, *command)
        assert done.returncode == 2, (command, done.stdout, done.stderr)
        one_line_error(done.stderr, "project.db", "lost its database", "tarjimon restore story")
        assert not db.exists()  # never recreated empty
    done = tarjimon(tmp_path, "restore", "story", "story.bak", "--force")
    assert done.returncode == 0, done.stderr
    done = tarjimon(tmp_path, "stats", "story", "--json")
    assert done.returncode == 0 and '"segments": 2' in done.stdout


def test_an_empty_glossary_term_is_refused(tmp_path: Path) -> None:
    for terms in (["--uz", "", "--kk", "мектеп"], ["--uz", "maktab", "--uz", "  ", "--kk", "мектеп"]):
        done = tarjimon(tmp_path, "glossary", "add", "news2", *terms)
        assert done.returncode == 2
        one_line_error(done.stderr, "--uz", "empty term")
        assert not (tmp_path / "glossaries" / "news2.tsv").exists()
    done = tarjimon(tmp_path, "glossary", "add", "news2", "--uz", "maktab", "--kk", "мектеп")
    assert done.returncode == 0, done.stderr
