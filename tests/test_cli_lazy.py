"""The command line's start-up (issue 11 goal 1, from the CLI): `tarjimon COMMAND` imports COMMAND's module only
and builds only its parser in full; the others are listed by name and help (cli/main.py COMMANDS). Checked here:
the lazily built parsers are the full parser's, option for option and help text for help text; what
`--version`, `--help` and the everyday commands import (counted in sys.modules of a fresh interpreter, not
timed). Speed: bench/glossary_cli.py."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tarjimon.cli import main as cli_main

SRC = Path(cli_main.__file__).resolve().parents[2]


def _subparsers(parser: argparse.ArgumentParser) -> argparse._SubParsersAction | None:  # type: ignore[type-arg]
    return next((a for a in parser._actions if isinstance(a, argparse._SubParsersAction)), None)


def _shape(parser: argparse.ArgumentParser) -> list[object]:
    """Everything a parser shows or does: its help, each action's settings, its defaults, its subparsers'."""
    out: list[object] = [parser.format_help(), sorted((k, getattr(v, "__qualname__", repr(v)))
                                                      for k, v in parser._defaults.items())]  # fmt: skip
    for a in parser._actions:
        out.append((type(a).__name__, a.dest, a.option_strings, a.default, a.nargs, a.required, a.const,
                    a.metavar, a.help, getattr(a.type, "__name__", a.type),
                    sorted(a.choices) if isinstance(a.choices, dict) else a.choices))  # fmt: skip
    sub = _subparsers(parser)
    for name, child in (sub.choices.items() if sub else ()):
        out.append((name, _shape(child)))
    return out


@pytest.fixture(autouse=True)
def _columns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")


def test_the_table_lists_the_commands_the_modules_register_in_their_order() -> None:
    full = _subparsers(cli_main.build_parser())
    assert full is not None
    listed = [(a.dest, a.help) for a in full._choices_actions]
    assert listed == [(name, help_text) for name, help_text, _m in cli_main.COMMANDS]
    for name, _h, module in cli_main.COMMANDS:
        func = full.choices[name]._defaults.get("func")
        assert func is None or func.__module__ == f"tarjimon.cli.{module}", name


def test_each_command_built_alone_is_the_full_parsers_command() -> None:
    full = cli_main.build_parser()
    full_sub = _subparsers(full)
    assert full_sub is not None
    lazy_top = cli_main.build_parser(None, full=False)
    assert lazy_top.format_help() == full.format_help()  # `tarjimon --help`
    for name, _h, _m in cli_main.COMMANDS:
        lazy = cli_main.build_parser(name, full=False)
        assert lazy.format_help() == full.format_help(), name
        lazy_sub = _subparsers(lazy)
        assert lazy_sub is not None and list(lazy_sub.choices) == list(full_sub.choices), name
        assert _shape(lazy_sub.choices[name]) == _shape(full_sub.choices[name]), name
        group = _subparsers(full_sub.choices[name])
        for subcommand in group.choices if group else ():  # `tarjimon glossary add`: add alone, in full
            lazy = cli_main.build_parser(name, full=False, subcommand=subcommand)
            lazy_group = _subparsers(_subparsers(lazy).choices[name])  # type: ignore[union-attr]
            assert lazy_group is not None and list(lazy_group.choices) == list(group.choices), (name, subcommand)
            assert _shape(lazy_group.choices[subcommand]) == _shape(group.choices[subcommand]), (name, subcommand)


@pytest.mark.parametrize(("argv", "command"), [
    ([], None), (["--version"], None), (["-h"], None), (["--he", "list"], None), (["glossary", "add", "g"], "glossary"),
    (["--projects-dir", "list", "stats", "p"], "stats"), (["--projects-dir=x", "qa", "p"], "qa"),
    (["--glo", "tm", "list"], "list"), (["--json", "tm"], "tm"), (["--", "open"], "open"),
])  # fmt: skip
def test_the_command_is_found_past_the_top_level_options(argv: list[str], command: str | None) -> None:
    assert cli_main.command_of(argv) == command


def _exit_code(argv: list[str]) -> object:
    try:
        return cli_main.main(argv)
    except SystemExit as exc:
        return exc.code


def test_errors_and_help_are_those_of_the_full_parser(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["nosuch"], ["glossary", "add"], ["--projects-dir"], ["tm", "search", "p"], ["glossary"],
                 ["glossary", "nosuch"], ["glossary", "--glossaries-dir", "x"]):
        assert _exit_code(argv) == 2, argv
    assert _exit_code(["glossary", "add", "g", "--uz", "x", "--nosuch"]) == 2
    assert "unrecognized arguments: --nosuch" in capsys.readouterr().err
    assert _exit_code(["glossary", "-h", "add"]) == 0
    assert "    add " in capsys.readouterr().out  # the group's help, every subcommand with its help
    assert _exit_code(["nosuch"]) == 2
    assert "invalid choice: 'nosuch' (choose from 'glossary', 'new', 'list'," in capsys.readouterr().err
    assert _exit_code(["--version"]) == 0
    assert capsys.readouterr().out.startswith("tarjimon ")


def _loaded(tmp_path: Path, *argv: str) -> tuple[int, set[str]]:
    """(exit code, modules loaded) of `tarjimon ARGV` in a fresh interpreter."""
    script = ("import sys, json\nfrom tarjimon.cli.main import main\ntry:\n    code = main(sys.argv[1:])\n"
              "except SystemExit as e:\n    code = e.code\nsys.stderr.write(json.dumps([code, sorted(sys.modules)]))\n")  # fmt: skip
    env = dict(os.environ, PYTHONPATH=str(SRC), TARJIMON_PROJECTS=str(tmp_path / "projects"),
               TARJIMON_GLOSSARIES=str(tmp_path / "gl"))  # fmt: skip
    done = subprocess.run([sys.executable, "-c", script, *argv], capture_output=True, text=True, env=env,
                          cwd=tmp_path)  # fmt: skip
    code, modules = json.loads(done.stderr.splitlines()[-1])
    return code, set(modules)


HEAVY = {"numpy", "tarjimon.core.tm", "tarjimon.core.workbench.facade", "tarjimon.core.formats.tmx"}


def test_version_and_help_import_no_core(tmp_path: Path) -> None:
    for argv in (["--version"], ["--help"], []):
        code, modules = _loaded(tmp_path, *argv)
        assert code in (0, 2)
        core = {m for m in modules if m.startswith("tarjimon.core")}
        assert core <= {"tarjimon.core", "tarjimon.core.errors", "tarjimon.core.faults"}, (argv, core)
        assert not any(m.startswith("tarjimon.cli.") and m.endswith("_cmds") for m in modules), argv


def test_the_glossary_commands_import_no_tm_and_no_facade(tmp_path: Path) -> None:
    (tmp_path / "gl").mkdir()
    (tmp_path / "gl" / "g.tsv").write_text("uz\tkk\nмактаб\tмектеп\n", encoding="utf-8")
    code, modules = _loaded(tmp_path, "glossary", "add", "g", "--uz", "шаҳар", "--kk", "қала", "--json")
    assert code == 0 and not modules & HEAVY, modules & HEAVY
    concept = next(c for c in __import__("tarjimon.core.formats.tsv", fromlist=["read_tsv"])
                   .read_tsv(tmp_path / "gl" / "g.tsv", "g").concepts if c.terms["uz"] == ("шаҳар",))  # fmt: skip
    for argv in (["show", "g", "шаҳар"], ["show", "g", concept.id], ["edit", "g", concept.id, "--kk", "шаһар"],
                 ["find", "g", "--text", "мактабда", "--lang", "uz"], ["remove", "g", concept.id], ["list"]):
        code, modules = _loaded(tmp_path, "glossary", *argv)
        assert code == 0 and not modules & HEAVY, (argv, modules & HEAVY)
        assert "tarjimon.cli.project_cmds" not in modules and "tarjimon.cli.tm_cmds" not in modules, argv


def test_project_commands_that_do_not_open_the_tm_import_none_of_it(tmp_path: Path) -> None:
    code, modules = _loaded(tmp_path, "list", "--json")
    assert code == 0 and not modules & HEAVY, modules & HEAVY
    (tmp_path / "a.txt").write_text("Бу биринчи гап. Бу иккинчи гап.\n", encoding="utf-8")
    assert _loaded(tmp_path, "new", "p", "--source", "uz", "--targets", "kk")[0] == 0
    assert _loaded(tmp_path, "import", "p", str(tmp_path / "a.txt"))[0] == 0
    for argv in (["documents", "p"], ["qa", "p", "--json"],
                 ["export", "p", "--format", "txt", "--target", "kk", "-o", str(tmp_path / "out"), "--fill-source"]):
        code, modules = _loaded(tmp_path, *argv)  # (the facade, yes: they open the project)
        tm = {"numpy", "tarjimon.core.tm.base", "tarjimon.core.formats.tmx"}
        assert code == 0 and not modules & tm, (argv, modules & tm)
    code, modules = _loaded(tmp_path, "stats", "p")  # (counts the TM's units: opens it)
    assert code == 0 and "tarjimon.core.tm.base" in modules


def test_a_stub_parsed_is_known_as_one() -> None:
    """cli.main builds the whole parser again when argv's words were not the ones guessed (_stub)."""
    lazy = cli_main.build_parser("glossary", full=False, subcommand="add")
    assert getattr(lazy.parse_known_args(["glossary", "show", "g", "x"])[0], "_stub", False)
    assert not getattr(lazy.parse_args(["glossary", "add", "g", "--uz", "x"]), "_stub", False)
    assert getattr(lazy.parse_known_args(["list", "--json"])[0], "_stub", False)
    assert not hasattr(cli_main.build_parser().parse_args(["glossary", "show", "g", "x"]), "_stub")


def test_a_find_ends_the_process_without_freeing_its_index_and_loses_no_output(tmp_path: Path) -> None:
    """`glossary find` keeps its glossary (common.keep_until_exit) and `python -m tarjimon` ends with
    os._exit after flushing: the output is whole, the exit code the command's."""
    (tmp_path / "gl").mkdir()
    rows = "".join(f"мактаб{i}\tмектеп{i}\n" for i in range(3000))
    (tmp_path / "gl" / "g.tsv").write_text("uz\tkk\nмактаб\tмектеп\n" + rows, encoding="utf-8")
    text = " ".join(f"мактаб{i}да" for i in range(0, 3000, 3))
    env = dict(os.environ, PYTHONPATH=str(SRC), TARJIMON_GLOSSARIES=str(tmp_path / "gl"))
    args = [sys.executable, "-m", "tarjimon", "glossary", "find", "g", "--text", text, "--lang", "uz", "--json"]
    done = subprocess.run(args, capture_output=True, text=True, env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)) == 1000  # (~150 KB through a pipe: all of it flushed)
    bad = subprocess.run([*args[:-3], "--lang", "zz"], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert bad.returncode == 2 and bad.stderr.startswith("tarjimon: ") and len(bad.stderr.splitlines()) == 1
