"""The `tarjimon` command line: argparse, one module per command group, errors as one line, exit 0/1/2."""

from __future__ import annotations

import argparse
import importlib
import sqlite3
import sys
from collections.abc import Sequence

from tarjimon import __version__
from tarjimon.cli.common import add_dirs
from tarjimon.core.errors import TarjimonError

# Each module has register(subparsers); a command sets `func(args) -> int` with set_defaults.
COMMAND_MODULES = [
    "tarjimon.cli.glossary_cmds",
    "tarjimon.cli.project_cmds",
    "tarjimon.cli.qa_cmds",
    "tarjimon.cli.analysis_cmds",
    "tarjimon.cli.text_cmds",
    "tarjimon.cli.tm_cmds",
    "tarjimon.cli.team_cmds",  # after tm_cmds: adds tm connect|disconnect|status|push to its group
    "tarjimon.cli.tm_unit_cmds",  # after tm_cmds: adds tm list|edit|delete to its group
    "tarjimon.cli.document_cmds",
    "tarjimon.cli.tui_cmds",
    "tarjimon.cli.demo_cmds",
    "tarjimon.cli.maint_cmds",
    "tarjimon.cli.edit_cmds",
    "tarjimon.cli.review_cmds",
    "tarjimon.cli.align_cmds",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tarjimon",
        description="Tarjimon: a translation and glossary workbench for Uzbek, Kazakh, Russian and English.",
    )
    parser.add_argument("--version", action="version", version=f"tarjimon {__version__}")
    add_dirs(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.func(args) or 0)
    except TarjimonError as exc:
        sys.stderr.write("tarjimon: " + " ".join(str(exc).splitlines()) + "\n")  # always one line
        return exc.exit_code
    except sqlite3.OperationalError as exc:
        # a write outside Store.transaction that met another writer's lock or a full disk: one line, no trace
        sys.stderr.write(f"tarjimon: {_sqlite_message(exc, getattr(args, 'name', None))}\n")
        return 2
    except MemoryError:
        sys.stderr.write("tarjimon: out of memory (is the input file far larger than it should be?)\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("tarjimon: interrupted\n")
        return 130
    except BrokenPipeError:
        return 0


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
