"""What every command shares: global options, opening projects, printing JSON and errors."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING:  # the core is imported by the commands that use it (tarjimon --version imports none)
    from tarjimon.core.models import Document
    from tarjimon.core.workbench import Workbench


def whole_number(low: int, high: int = (1 << 63) - 1) -> Callable[[str], int]:
    """An argparse type: a whole number from `low` to `high` (the largest SQLite integer by default), so an
    id of 10**23 or a --limit of 0 is a usage error, not a traceback from SQLite or the TM's ranking."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
        if not low <= value <= high:
            wanted = f"from {low} to {high}" if high < 1 << 32 else f"{low} or more" if value < low else "too large"
            raise argparse.ArgumentTypeError(f"{value}: {wanted}")
        return value

    parse.__name__ = "whole number"  # (argparse names the type in its message)
    return parse


class Parser(argparse.ArgumentParser):
    """argparse's parser, with POSIX's `--` wherever the options stand: `tm search NAME --target kk -- -5%`
    failed (argparse matched NAME and an empty TEXT before the options, then had no place for the words after
    `--`). A command's own parser (one without subcommands) reads its options first when `--` is given, so the
    words before `--` and after it are its positionals in order. The subparsers a Parser makes are Parsers."""

    def parse_known_args(self, args: Sequence[str] | None = None,  # type: ignore[override]
                         namespace: argparse.Namespace | None = None) -> tuple[argparse.Namespace, list[str]]:  # fmt: skip
        if args is not None and "--" in args and not any(
                isinstance(a, argparse._SubParsersAction) for a in self._actions):  # fmt: skip
            args = self._options_first(list(args))
        return super().parse_known_args(args, namespace)

    def error(self, message: str) -> NoReturn:  # type: ignore[override]
        """A usage error as the contract's one line on stderr, exit 2 (argparse printed its usage lines before
        it: a script reading stderr got three or four lines); `--help` still shows the usage."""
        self.exit(2, f"{self.prog}: error: {' '.join(message.split())} (see {self.prog} --help)\n")

    def _options_first(self, args: list[str]) -> list[str]:
        """args with the options before `--` (and their values) moved ahead of the words among them."""
        cut = args.index("--")
        options: list[str] = []
        words: list[str] = []
        head = args[:cut]
        at = 0
        while at < len(head):
            word = head[at]
            at += 1
            found = self._parse_optional(word)  # (None: a positional, e.g. "-" or "-5" as argparse reads them)
            if found is None:
                words.append(word)
                continue
            options.append(word)
            if isinstance(found, list):  # (Python 3.12.7+: every option the word could be)
                found = found[0] if len(found) == 1 else (None, word, None)
            action, explicit = found[0], found[-1]
            if action is None or explicit is not None:  # unknown (argparse's own error later), or --opt=value
                continue
            takes = action.nargs
            count = 1 if takes is None else takes if isinstance(takes, int) else len(head)
            while count and at < len(head) and self._parse_optional(head[at]) is None:
                options.append(head[at])
                at += 1
                count -= 1
                if takes == "?":
                    break
        return options + words + args[cut:]


def add_dirs(parser: argparse.ArgumentParser) -> None:
    """--projects-dir and --glossaries-dir, accepted after any subcommand too."""
    parser.add_argument("--projects-dir", metavar="DIR", default=argparse.SUPPRESS, help="where projects live")
    parser.add_argument(
        "--glossaries-dir", metavar="DIR", default=argparse.SUPPRESS, help="where shared glossaries live"
    )


def building(sub: object, name: str, names: Sequence[str] = ()) -> bool:
    """Whether a module's register() builds command `name` in full. cli.main builds only the command argv
    names (`sub.only`) and, of a group whose subcommands are `names`, only the one after it (`sub.subcommand`);
    the others are listed by name. Always True for the full parser."""
    only = getattr(sub, "only", None)
    if not names:
        return only is None or only == name
    wanted = getattr(sub, "subcommand", None)
    return wanted is None or wanted not in names or wanted == name


class _Stub:
    """A command's parser before it is built: what parsing it answers tells cli.main to build the whole
    parser and parse again (`_stub` in the namespace; the arguments left for argparse's own error if not)."""

    def parse_known_args(self, args: Sequence[str] | None = None,
                         namespace: argparse.Namespace | None = None) -> tuple[argparse.Namespace, list[str]]:  # fmt: skip
        found = namespace if namespace is not None else argparse.Namespace()
        found._stub = True
        return found, list(args or [])


def stub(group: argparse._SubParsersAction, name: str, help_text: str | None = None) -> None:  # type: ignore[type-arg]
    """List command `name` (with its help) without building its parser. (An ArgumentParser per command
    listed, its -h option and gettext looking for translations of argparse's words, cost ~0.1 ms each: ~4 ms
    for the 36 `glossary add` listed; a stub 0.005 ms.)"""
    if help_text is not None:
        group._choices_actions.append(group._ChoicesPseudoAction(name, (), help_text))  # type: ignore[attr-defined]
    group._name_parser_map[name] = _Stub()  # type: ignore[assignment]


def add_json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print machine-readable JSON on stdout")


def projects_folder(args: argparse.Namespace) -> Path:
    from tarjimon.core.config import projects_dir

    return projects_dir(getattr(args, "projects_dir", None))


def glossaries_folder(args: argparse.Namespace) -> Path:
    from tarjimon.core.config import glossaries_dir

    return glossaries_dir(getattr(args, "glossaries_dir", None))


def open_project(args: argparse.Namespace, name: str | None = None) -> Workbench:
    """Open the project a command names (through the one workbench factory), its name checked first."""
    from tarjimon.core.config import check_name
    from tarjimon.core.workbench import open_workbench  # the facade: imported by the commands that open one

    return open_workbench(projects_folder(args), check_name(name or args.name), glossaries_dir=glossaries_folder(args))


#: What a command keeps alive until the process ends (see keep_until_exit); emptied by each main().
KEPT: list[object] = []


def keep_until_exit(obj: object) -> None:
    """Keep a big read-only structure (a glossary's term index: ~100,000 tuples, lists and dicts) alive until
    the process ends: `python -m tarjimon` then exits without freeing it object by object (~55 ms of CPU at
    100,000 concepts, after the command's answer is printed). Only what nothing has to close or flush."""
    KEPT.append(obj)


def add_own(p: argparse.ArgumentParser) -> None:
    """`analyse` and `stats --analysis`: count against the TM as it is, not as it was before the work."""
    p.add_argument("--include-own", action="store_true", dest="own",
                   help="count against the TM as it is now: a document's own confirmed targets match it (100%%/101%%)")


def print_json(data: Any) -> None:
    import json  # (only --json output needs it)

    sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")


def say(message: str) -> None:
    """Human-facing progress and summaries go to stderr, keeping stdout for results."""
    sys.stderr.write(message + "\n")


def find_document(project: Workbench, wanted: str) -> Document:
    """A project's document named on the command line: its name, or its number in `tarjimon documents` (from
    1, in import order). Every command taking DOC reads it so (the number was the database id for `history`
    and `comment`, another document's once one had been removed, and not read at all by `segments`)."""
    from tarjimon.core.errors import NotFound

    docs = project.documents()
    found = next((d for d in docs if d.name == wanted), None)
    if found is None and wanted.isdigit() and 1 <= int(wanted) <= len(docs):
        found = docs[int(wanted) - 1]
    if found is None:
        names = ", ".join(d.name for d in docs) or "none"
        raise NotFound(f"no document {wanted!r} in project {project.name!r} (documents: {names})")
    return found


def read_stdin() -> str:
    """Standard input as text (`-` for a file): decoded as files are, and read only up to the limit a file
    has, so `< /dev/zero` is one line, not all the machine's memory."""
    from tarjimon.core.errors import BadInput
    from tarjimon.core.files import MAX_INPUT_BYTES
    from tarjimon.core.textio import decode_text

    data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        raise BadInput(f"more than {MAX_INPUT_BYTES} bytes (the limit of an input file)", path="<stdin>")
    return decode_text(data, "<stdin>")[0]


@contextmanager
def stdout_file(output: str, name: str, *, as_json: bool = False) -> Iterator[Path]:
    """Where a command writes its file `output`: `-o -` (POSIX's standard output) gives a path `name` in a
    scratch folder whose bytes go to stdout once the command has written it (`export -o -` had made a folder
    named "-"); any other output is itself. `--json` with `-o -` is refused: both would be stdout."""
    if output != "-":
        yield Path(output)
        return
    import shutil
    import tempfile

    from tarjimon.core.errors import TarjimonError

    if as_json:
        raise TarjimonError("-o - writes the file to stdout: --json cannot go there too (give -o FILE)")
    scratch = Path(tempfile.mkdtemp(prefix=".tarjimon-stdout-"))
    try:
        yield scratch / name
        sys.stdout.flush()
        for written in sorted(scratch.iterdir()):
            with open(written, "rb") as f:
                shutil.copyfileobj(f, sys.stdout.buffer, 1 << 20)
        sys.stdout.buffer.flush()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
