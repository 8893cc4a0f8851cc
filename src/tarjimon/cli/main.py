"""The `tarjimon` command line: argparse, one module per command group, errors as one line, exit 0/1/2."""

from __future__ import annotations

import argparse
import importlib
import os
import sqlite3
import sys
from collections.abc import Sequence
from typing import NoReturn

from tarjimon import __version__
from tarjimon.cli import common
from tarjimon.cli.common import add_dirs, stub
from tarjimon.core.errors import TarjimonError

# Each module has register(subparsers); a command sets `func(args) -> int` with set_defaults.
# The commands in the order `tarjimon --help` lists them: (name, its one-line help, the module that registers
# it). `tarjimon COMMAND ...` imports COMMAND's module only, and builds only its parser in full; the others
# are listed by name and help (tests/test_cli_lazy.py checks this table against the modules' own parsers).
COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("glossary", "shared glossaries", "glossary_cmds"),
    ("new", "create a project", "project_cmds"),
    ("list", "list projects", "project_cmds"),
    ("import", "add documents to a project", "project_cmds"),
    ("export", "export translations", "project_cmds"),
    ("stats", "project statistics", "project_cmds"),
    ("qa", "check the targets (numbers, terms, names, spelling, across targets...)", "qa_cmds"),
    ("analyse", "match analysis against the TM (repetitions, 101%%, 100%%, fuzzy bands, no match)",
     "analysis_cmds"),
    ("segment", "split a text file into sentences", "text_cmds"),
    ("translit", "convert Uzbek between Cyrillic and Latin", "text_cmds"),
    ("tm", "translation memory", "tm_cmds"),  # tm_cmds adds team_cmds' and tm_unit_cmds' tm commands
    ("pretranslate", "fill empty targets from the TM", "tm_cmds"),
    ("share", "put a project's story on a team server", "team_cmds"),
    ("join", "open a shared story from a team server", "team_cmds"),
    ("leave", "stop sharing a project's story on this desk", "team_cmds"),
    ("documents", "list a project's documents", "document_cmds"),
    ("remove", "remove a document from a project", "document_cmds"),
    ("open", "the translation workbench (TUI)", "tui_cmds"),
    ("serve", "serve the workbench in a browser", "tui_cmds"),
    ("demo", "create the demo project", "demo_cmds"),
    ("backup", "a consistent copy of a project", "maint_cmds"),
    ("restore", "restore a project from a backup", "maint_cmds"),
    ("check", "check a project's database", "maint_cmds"),
    ("segments", "list, join or split a document's segments", "edit_cmds"),
    ("replace", "find and replace in targets (preview, apply, undo)", "edit_cmds"),
    ("history", "versions of a target, compared word by word", "review_cmds"),
    ("comment", "reviewers' comments on segments", "review_cmds"),
    ("config", "show or change a project's settings", "review_cmds"),
    ("align", "align published versions of a story (uz with kk, ru, en) into TM units", "align_cmds"),
)
#: Every command module, in the order the full parser registers them.
COMMAND_MODULES = [f"tarjimon.cli.{m}" for m in dict.fromkeys(m for _n, _h, m in COMMANDS)]
#: The top-level options that take a value (argv is scanned for the command's name past them).
_VALUED = ("--projects-dir", "--glossaries-dir")


class _Only:
    """What a module's register() is given when one command is built: add_parser makes that command's real
    parser and a throwaway one for the module's other commands (they are listed by their help alone).
    `subcommand`: the word after the command in argv (a group builds that one in full, see common.building)."""

    def __init__(self, sub: argparse._SubParsersAction, name: str, subcommand: str | None) -> None:  # type: ignore[type-arg]
        self.sub, self.name, self.only, self.subcommand = sub, name, name, subcommand

    def add_parser(self, name: str, **kwargs: object) -> argparse.ArgumentParser:
        if name == self.name:
            return self.sub.add_parser(name, **kwargs)  # type: ignore[arg-type]
        kwargs.pop("help", None)
        return argparse.ArgumentParser(prog=name, **kwargs)  # type: ignore[arg-type]


def _top_parser() -> tuple[argparse.ArgumentParser, argparse._SubParsersAction]:  # type: ignore[type-arg]
    parser = common.Parser(
        prog="tarjimon",
        description="Tarjimon: a translation and glossary workbench for Uzbek, Kazakh, Russian and English.",
    )
    parser.add_argument("--version", action="version", version=f"tarjimon {__version__}")
    add_dirs(parser)
    return parser, parser.add_subparsers(dest="command", metavar="COMMAND")


def build_parser(command: str | None = None, *, full: bool = True, subcommand: str | None = None
                 ) -> argparse.ArgumentParser:  # fmt: skip
    """The whole command line (every module imported), or with `full=False` only `command`'s parser in full
    (its module imported; None: no module) beside every other command's name and help; of a group, only
    `subcommand` in full (None: all of them)."""
    parser, sub = _top_parser()
    if full:
        for name in COMMAND_MODULES:
            importlib.import_module(name).register(sub)
        return parser
    for name, help_text, module in COMMANDS:
        if name == command:
            importlib.import_module(f"tarjimon.cli.{module}").register(_Only(sub, name, subcommand))
        else:
            stub(sub, name, help_text)
    return parser


def command_of(argv: Sequence[str]) -> str | None:
    """The command argv names: its first word that is not an option or a top-level option's value."""
    return _word(argv)[0]


def _word(argv: Sequence[str]) -> tuple[str | None, int]:
    """(argv's first word that is not an option or an option's value, its index); None when there is none,
    or when -h/--help comes first (the help then lists every choice with its own help text)."""
    at = 0
    while at < len(argv):
        word = argv[at]
        if word == "--":
            return (argv[at + 1], at + 1) if at + 1 < len(argv) else (None, at)
        if word == "-h" or (word.startswith("--h") and "--help".startswith(word)):
            return None, at
        if word.startswith("-"):
            if "=" not in word and len(word) > 2 and any(o.startswith(word) for o in _VALUED):
                at += 1  # --projects-dir DIR (argparse takes a unique prefix too)
            at += 1
            continue
        return word, at
    return None, at


def _utf8_streams() -> list[str]:
    """sys.argv's arguments, with stdout and stderr written in UTF-8 whatever the locale: under one that is
    not UTF-8 (LC_ALL=C with Python's UTF-8 mode off, a Latin-1 locale) Cyrillic output was refused as
    "not UTF-8 text" (exit 2) instead of printed."""
    argv = sys.argv[1:]
    # a stream the caller closed (`>&-`, `<&-`: Python makes it None) reads as at its end and writes to nowhere,
    # instead of an AttributeError traceback
    if sys.stdin is None:
        sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115 (for the process's life)
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="backslashreplace" if stream is sys.stderr else "strict")
    return argv


def main(argv: Sequence[str] | None = None) -> int:
    argv = _utf8_streams() if argv is None else list(argv)
    common.KEPT.clear()  # (the last call's, in a process that calls main more than once)
    command, at = _word(argv)
    if command == "align" or command == "glossary" and _word(argv[at + 1 :])[0] in ("add", "edit"):
        from tarjimon.cli.glossary_cmds import term_tags

        argv = term_tags(argv)
    parser = build_parser(command, full=False, subcommand=_word(argv[at + 1 :])[0] if command else None)
    args, extra = parser.parse_known_args(argv)
    if getattr(args, "_stub", False):  # a command or subcommand other than the words found: build them all
        parser = build_parser()
        args = parser.parse_args(argv)
    elif extra:
        parser.parse_args(argv)  # argparse's own error for them (exit 2)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.func(args) or 0)
    except TarjimonError as exc:
        # always one line, a name or text quoted in it shown with its control characters made visible
        sys.stderr.write("tarjimon: " + visible(" ".join(str(exc).splitlines())) + "\n")
        return exc.exit_code
    except sqlite3.OperationalError as exc:
        # a write outside Store.transaction that met another writer's lock or a full disk: one line, no trace
        sys.stderr.write(f"tarjimon: {visible(_sqlite_message(exc, getattr(args, 'name', None)))}\n")
        return 2
    except MemoryError:
        sys.stderr.write("tarjimon: out of memory (is the input file far larger than it should be?)\n")
        return 2
    except UnicodeEncodeError as exc:
        # an argument holding bytes that are not UTF-8 (Python keeps them as surrogates): refused where it
        # would be written (SQLite, a glossary file), before anything was
        bad = exc.object[max(exc.start - 10, 0) : exc.end + 10] if isinstance(exc.object, str) else ""
        try:
            raw = bad.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:  # (a lone surrogate no byte gave)
            raw = bad.encode("utf-8", "backslashreplace")
        shown = " ".join(raw.decode("utf-8", "replace").split())
        sys.stderr.write(f"tarjimon: not UTF-8 text: “{shown}” (an argument holds bytes that are not UTF-8)\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("tarjimon: interrupted\n")
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:
        # a disk's refusal no command turned into its own message (read-only, full, permissions): one line
        where = f"{exc.filename}: " if exc.filename else ""
        sys.stderr.write(f"tarjimon: {visible(f'{where}{exc.strerror or exc}')}\n")
        return 2


def visible(text: str) -> str:
    """core.text.visible's: an error line's names and texts with their control characters shown (imported
    only when an error is written: `tarjimon --version` imports no core module)."""
    from tarjimon.core.text.visible import visible as shown

    return shown(text)


def _utf8_mode() -> None:
    """Under a locale that is not UTF-8 (cron's LC_ALL=C with Python's UTF-8 mode off), start again in UTF-8
    mode, the same command line as bytes: Python had read the arguments as ASCII, so a UTF-8 file name or text
    (`import story "статья 1.txt"`) came in as surrogates, refused as "not UTF-8 text" where it was stored and
    printed as \\udcd0... . Once only (TARJIMON_UTF8_MODE marks the second start); POSIX only."""
    if sys.flags.utf8_mode or os.name != "posix" or sys.getfilesystemencoding().lower().replace("-", "") == "utf8":
        return
    if os.environ.get("TARJIMON_UTF8_MODE") or not getattr(sys, "orig_argv", None):
        return
    os.environ["TARJIMON_UTF8_MODE"] = "1"
    os.environ["PYTHONUTF8"] = "1"  # (and the processes it starts: `serve`'s workbench)
    command = [os.fsencode(a) for a in (sys.executable, "-X", "utf8", *sys.orig_argv[1:])]
    try:
        sys.stdout.flush()
        sys.stderr.flush()
        os.execv(command[0], command)
    except OSError:  # (no interpreter at sys.executable: carry on as before, the streams made UTF-8)
        return


def run() -> NoReturn:
    """`tarjimon` (the console script) and `python -m tarjimon`: main, then the exit. After a read-only
    command that kept its big structures (common.keep_until_exit), the process ends without freeing them."""
    _utf8_mode()
    try:
        code = main()
    except OSError:  # the error line itself could not be written (stderr closed with `2>&-`): still exit 2
        code = 2
    if common.KEPT:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except BrokenPipeError:  # (as main: a reader that stopped reading is no error)
            code = 0
        os._exit(code)
    raise SystemExit(code)


def _sqlite_message(exc: sqlite3.OperationalError, name: object) -> str:
    msg = str(exc)
    low = msg.lower()
    project = f"project {name}" if isinstance(name, str) else "the project"
    if "locked" in low or "busy" in low:
        return f"{project} is busy (an import is running); try again"
    if "full" in low:
        return f"disk full writing {project}'s database"
    if "readonly" in low:
        return f"{project}'s database is read-only here"
    return f"database error: {msg}"
