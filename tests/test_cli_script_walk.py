"""The command line walked as a newsroom script uses it (../shared/docs/cli.md, command by command): --json on
every command, one JSON document on stdout and nothing else there, a backup that is one file."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tarjimon.cli.main import build_parser

SRC = Path(__file__).resolve().parents[1] / "src"
INTERACTIVE = {"open", "serve"}  # (a terminal's or a browser's: nothing to print as JSON)


def _commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs:
        return [(path, parser)]
    return [found for a in subs for name, sub in a.choices.items() for found in _commands(sub, (*path, name))]


def test_every_command_takes_json() -> None:
    # glossary export and attach, translit, tm disconnect, demo, backup and restore had no --json: a script
    # had to read their human sentences on stderr
    lacking = [" ".join(path) for path, p in _commands(build_parser())
               if path[0] not in INTERACTIVE and "--json" not in p._option_string_actions]  # fmt: skip
    assert lacking == []


def _one_json(done) -> dict:  # type: ignore[no-untyped-def, type-arg]
    assert done.code == 0, done.err
    return json.loads(done.out)  # (one document: json.loads refuses anything after it)


def test_the_new_json_answers(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    demo = _one_json(cli("demo", "--json"))
    assert demo["name"] == "demo" and demo["segments"] > 0 and Path(demo["path"]).is_dir()
    out = tmp_path / "copies" / "demo copy ёз.db"  # (a path with a space and Cyrillic)
    out.parent.mkdir()
    assert _one_json(cli("backup", "demo", "-o", out, "--json")) == {"project": "demo", "file": str(out)}
    restored = _one_json(cli("restore", "again", out, "--json"))
    assert restored == {"project": "again", "file": str(out), "safety_copy": None, "replaced_kept_in": None}
    assert _one_json(cli("translit", "--to", "latin", "--json", "Салом")) == {"to": "latin", "text": "Salom"}
    assert cli("glossary", "add", "g", "--uz", "davlat", "--kk", "мемлекет").code == 0
    assert _one_json(cli("glossary", "attach", "demo", "g", "--json"))["glossaries"][-1] == "g"
    exported = _one_json(cli("glossary", "export", "g", "-o", tmp_path / "g.tsv", "--json"))
    assert exported == {"glossary": "g", "file": str(tmp_path / "g.tsv"), "concepts": 1, "not_written": ""}
    done = cli("tm", "disconnect", "demo", "--json")  # (not connected: the usual one-line error, exit 2)
    assert done.code == 2 and done.out == "" and "not connected" in done.err


def test_a_backup_stays_one_file_when_restored(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # the copy kept the project's WAL mode: restore, opening it read-only, left FILE-wal and FILE-shm beside it
    assert cli("demo").code == 0
    folder = tmp_path / "backups"
    folder.mkdir()
    assert cli("backup", "demo", "-o", folder / "demo.db").code == 0
    assert cli("restore", "copy", folder / "demo.db").code == 0
    assert sorted(p.name for p in folder.iterdir()) == ["demo.db"]
    assert json.loads(cli("stats", "copy", "--json").out)["segments"] == json.loads(
        cli("stats", "demo", "--json").out)["segments"]


@pytest.mark.parametrize("args", [("list",), ("glossary", "list"), ("stats", "demo"), ("documents", "demo")])
def test_json_is_stdout_alone(cli, args: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    assert cli("demo").code == 0
    done = cli(*args, "--json")
    assert done.code == 0 and done.err == "" and json.loads(done.out) is not None


def _run(tmp_path: Path, *args: object, env: dict[str, str] | None = None, cwd: Path | None = None,
         stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:  # fmt: skip
    """A real `python -m tarjimon` process (stdout a pipe, as in a script)."""
    base = dict(os.environ, PYTHONPATH=str(SRC), HOME=str(tmp_path / "home"),
                TARJIMON_PROJECTS=str(tmp_path / "projects"), TARJIMON_GLOSSARIES=str(tmp_path / "glossaries"))
    return subprocess.run([sys.executable, "-m", "tarjimon", *(a if isinstance(a, bytes) else str(a) for a in args)], input=stdin, capture_output=True,
                          env={**base, **(env or {})}, cwd=cwd or tmp_path, timeout=120)  # fmt: skip


def test_dash_output_writes_the_file_to_stdout(tmp_path: Path) -> None:
    # `export -o -` made a folder named "-" and wrote the document into it; tm and glossary export refused "-"
    story = tmp_path / "story.txt"
    story.write_text("Narx oshdi. Yangi koʻprik qurildi.\n", encoding="utf-8")
    assert _run(tmp_path, "new", "story", "--source", "uz", "--targets", "kk").returncode == 0
    assert _run(tmp_path, "import", "story", story).returncode == 0
    done = _run(tmp_path, "export", "story", "--format", "po", "--target", "kk", "-o", "-")
    assert done.returncode == 0, done.stderr
    assert b'msgid "Narx oshdi."' in done.stdout and not (tmp_path / "-").exists()
    assert b"segments have no kk target" in done.stderr  # (the report: on stderr, the file alone on stdout)
    done = _run(tmp_path, "tm", "export", "story", "-o", "-")
    assert done.returncode == 0 and done.stdout.startswith(b"<?xml") and b"<tmx" in done.stdout, done.stderr
    assert _run(tmp_path, "glossary", "add", "g", "--uz", "narx", "--kk", "баға").returncode == 0
    done = _run(tmp_path, "glossary", "export", "g", "-o", "-")
    assert done.returncode == 0 and done.stdout.decode("utf-8").splitlines() == ["uz\tkk", "narx\tбаға"]
    done = _run(tmp_path, "glossary", "export", "g", "-o", "-", "--format", "tbx")
    assert done.returncode == 0 and b"<tbx" in done.stdout
    done = _run(tmp_path, "export", "story", "--format", "po", "--target", "kk", "-o", "-", "--json")
    assert done.returncode == 2 and done.stdout == b"" and b"--json" in done.stderr
    assert not (tmp_path / "-").exists()


def test_utf8_names_in_arguments_under_a_locale_that_is_not_utf8(tmp_path: Path) -> None:
    # cron's LC_ALL=C, Python's UTF-8 mode off: Python read the arguments as ASCII, so a UTF-8 file name came in
    # as surrogates and `import` refused it as "not UTF-8 text" (exit 2); the project folder's name was printed
    # as \udcd0\udcbf...
    c_locale = {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}
    folder = tmp_path / "папка с пробелом"
    folder.mkdir()
    (folder / "статья 1.txt").write_text("Narx oshdi. Yangi koʻprik qurildi.\n", encoding="utf-8")
    done = _run(tmp_path, "--projects-dir", "./проекты", "new", "loyiha", "--source", "uz", "--targets", "kk",
                env=c_locale, cwd=folder)  # fmt: skip
    assert done.returncode == 0 and "проекты" in done.stderr.decode("utf-8"), done.stderr
    done = _run(tmp_path, "--projects-dir", "./проекты", "import", "loyiha", "статья 1.txt", env=c_locale, cwd=folder)
    assert done.returncode == 0, done.stderr
    done = _run(tmp_path, "--projects-dir", "./проекты", "documents", "loyiha", "--json", env=c_locale, cwd=folder)
    assert [d["name"] for d in json.loads(done.stdout.decode("utf-8"))] == ["статья 1.txt"]
    (folder / os.fsdecode(b"bad\xff.txt")).write_text("Bir.\n", encoding="utf-8")
    done = _run(tmp_path, "--projects-dir", "./проекты", "import", "loyiha", b"bad\xff.txt", env=c_locale, cwd=folder)
    assert done.returncode == 2 and b"not UTF-8" in done.stderr  # (bytes that are not UTF-8: refused, as before)


def test_a_usage_error_is_one_line(tmp_path: Path) -> None:
    # argparse printed its usage lines first: three or four lines on stderr, not the contract's one
    for args in (("stats",), ("stats", "demo", "extra"), ("nosuch",), ("tm", "search", "demo", "x", "--limit", "0")):
        done = _run(tmp_path, *args)
        err = done.stderr.decode("utf-8")
        assert done.returncode == 2 and err.count("\n") == 1 and "error:" in err and "--help" in err, (args, err)
    assert _run(tmp_path, "stats", "--help").stdout.startswith(b"usage: tarjimon stats")  # (help keeps its usage)


def test_glossary_find_reads_the_text_from_stdin(cli) -> None:  # type: ignore[no-untyped-def]
    # `--text-file -` was "-: no such file", where `tm search --queries -` and `segment -` read stdin
    assert cli("glossary", "add", "g", "--uz", "davlat", "--kk", "мемлекет").code == 0
    done = cli("glossary", "find", "g", "--lang", "uz", "--text-file", "-", "--json", stdin="Yangi davlat\n")
    assert done.code == 0, done.err
    assert [(h["term"], h["start"]) for h in json.loads(done.out)] == [("davlat", 6)]
