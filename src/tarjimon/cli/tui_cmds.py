"""The TUI commands: `open [NAME]` (the workbench, or a project picker) and `serve [NAME]` (in a browser)."""

from __future__ import annotations

import argparse
import os
import shlex
import sys

from tarjimon.cli.common import add_dirs, glossaries_folder, open_project, projects_folder, say, whole_number
from tarjimon.core.errors import ProjectLocked, TarjimonError
from tarjimon.core.text.visible import visible
from tarjimon.core.workbench import Workbench
from tarjimon.demo import DEMO_NAME, build_demo


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "open",
        help="the translation workbench (TUI)",
        description="Open a project in the workbench; without NAME, pick or create one. "
        "Keys: F1 in the app, or docs/tui.md.",
    )
    p.add_argument("name", nargs="?")
    p.add_argument("--read-only", action="store_true", help="look without editing")
    p.add_argument("--theme", help="a Textual theme, e.g. textual-light")
    add_dirs(p)
    p.set_defaults(func=cmd_open)

    p = sub.add_parser(
        "serve",
        help="serve the workbench in a browser",
        description="Serve `tarjimon open NAME` on localhost with textual-serve (pip install 'tarjimon[serve]').",
    )
    p.add_argument("name", nargs="?")
    p.add_argument("--host", default="localhost")
    p.add_argument("--port", type=whole_number(1, 65535), default=8000)
    add_dirs(p)
    p.set_defaults(func=cmd_serve)


def _need_terminal() -> None:
    """The workbench reads keys from stdin and draws on stderr: from cron, a pipe or `< /dev/null` it would
    wait for keys that never come. (Under `serve`, textual-serve names its own driver and gives no TTY.)"""
    if os.environ.get("TEXTUAL_DRIVER"):
        return
    for stream, what in ((sys.stdin, "stdin"), (sys.__stderr__, "stderr")):
        if stream is None or not stream.isatty():
            raise TarjimonError(f"open needs a terminal ({what} is not one); scripts use the other commands")


def cmd_open(args: argparse.Namespace) -> int:
    _need_terminal()
    from tarjimon.tui.app import TarjimonApp

    if not args.name:
        app = TarjimonApp(projects_dir=projects_folder(args), theme=args.theme, glossaries_dir=glossaries_folder(args))
        try:
            app.run()
        finally:
            if app.project is not None:
                app.project.close()
        return 0
    project = _open_or_make_demo(args)
    read_only = bool(args.read_only)
    if not read_only:
        try:
            project.lock()
        except ProjectLocked as exc:
            say(f"tarjimon: {visible(str(exc))}; opening it read-only (close the other workbench to edit)")
            read_only = True
        except BaseException:
            project.close()
            raise
    app = TarjimonApp(project, read_only=read_only, theme=args.theme, glossaries_dir=glossaries_folder(args))
    try:
        app.run()
    finally:
        project.close()
        if app.project is not None and app.project is not project:  # another one, opened from the project list
            app.project.close()
    return 0


def _open_or_make_demo(args: argparse.Namespace) -> Workbench:
    """Open the named project; `demo` is created first where there is none, so a newcomer sees a workbench."""
    folder = projects_folder(args)
    if args.name == DEMO_NAME and not (folder / DEMO_NAME / "project.toml").exists():
        say(f"no demo project in {folder}: creating it")
        return build_demo(folder, glossaries_dir=glossaries_folder(args))
    return open_project(args)


def cmd_serve(args: argparse.Namespace) -> int:
    try:
        from tarjimon.cli.serve import GuardedServer
    except ImportError:
        say("tarjimon: serve needs textual-serve: pip install 'tarjimon[serve]'")
        return 2
    if args.name:
        open_project(args).close()  # an unknown project fails here, with the usual one-line error
    command = [sys.executable, "-m", "tarjimon", "--projects-dir", str(projects_folder(args))]
    command += ["--glossaries-dir", str(glossaries_folder(args)), "open"]
    if args.name:
        command.append(args.name)
    title = f"Tarjimon · {args.name}" if args.name else "Tarjimon"  # the tab's title
    server = GuardedServer(shlex.join(command), host=args.host, port=args.port, title=title)
    # the token is in this URL only: other web sites and other users' browsers cannot guess it
    say(f"serving the workbench on {server.url} (Ctrl+C stops)")
    if args.host not in ("localhost", "127.0.0.1", "::1"):
        say(f"tarjimon: warning: --host {args.host} lets other machines reach this server; its URL (with the token)"
            " travels in clear over HTTP, and whoever has it drives the workbench")
    server.serve()
    return 0
