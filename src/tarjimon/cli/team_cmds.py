"""Team commands: tm connect|disconnect|status|push (a project's TM on a PostgreSQL server), and share / join
(a project's story on the server, worked on by several desks)."""

from __future__ import annotations

import argparse
import shutil
from typing import TYPE_CHECKING, Any

from tarjimon.cli.common import (
    add_dirs,
    add_json,
    glossaries_folder,
    open_project,
    print_json,
    projects_folder,
    say,
)
from tarjimon.core.config import check_name
from tarjimon.core.errors import TarjimonError
from tarjimon.core.text.counts import counted
from tarjimon.core.text.visible import visible

if TYPE_CHECKING:  # (the team modules are imported by the commands that use them: a server's client, formats)
    from tarjimon.core.workbench import Workbench


def register_tm(tsub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """tm connect|disconnect|status|push: tm_cmds calls this with its group's subparsers."""
    p = tsub.add_parser("connect", help="use a team TM on a PostgreSQL server",
                        description="Connect project NAME to a team TM on a PostgreSQL server: lookups come from "
                        "the server, confirmed targets go to it, the project's own TM stays as the offline copy. "
                        "URL: postgresql://USER@HOST[:PORT]/DATABASE, without a password (give it in "
                        "$PGPASSWORD or ~/.pgpass).")
    p.add_argument("name")
    p.add_argument("url")
    add_dirs(p)
    add_json(p)
    p.set_defaults(func=cmd_connect)

    p = tsub.add_parser("disconnect", help="use the project's own TM again",
                        description="Disconnect project NAME from its team TM (the server keeps its units).")
    p.add_argument("name")
    add_dirs(p)
    add_json(p)
    p.set_defaults(func=cmd_disconnect)

    p = tsub.add_parser("status", help="where the TM is, online or offline, how many queued",
                        description="The project's TM: backend, server, units, language pairs; for a team TM "
                        "whether the server answers and how many confirmed targets wait for it.")
    p.add_argument("name")
    add_dirs(p)
    add_json(p)
    p.set_defaults(func=cmd_status)

    p = tsub.add_parser("push", help="upload the local TM to the team TM",
                        description="Upload every unit of the project's own (local) TM to its team TM; units "
                        "the server has already are counted, not doubled.")
    p.add_argument("name")
    add_dirs(p)
    add_json(p)
    p.set_defaults(func=cmd_push)


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("share", help="put a project's story on a team server",
                       description="Put project NAME's documents, segments and confirmed targets on a PostgreSQL "
                       "server, so other desks can join it (tarjimon join URL NAME) and see each other's targets "
                       "live. URL without a password ($PGPASSWORD or ~/.pgpass).")
    p.add_argument("name")
    p.add_argument("url")
    add_dirs(p)
    add_json(p)
    p.set_defaults(func=cmd_share)

    p = sub.add_parser("join", help="open a shared story from a team server",
                       description="Create project NAME from the shared story NAME on the server at URL: its "
                       "documents, segments and targets; from then on targets confirmed on any desk reach the "
                       "others.")
    p.add_argument("url")
    p.add_argument("name")
    add_dirs(p)
    add_json(p)
    p.set_defaults(func=cmd_join)

    p = sub.add_parser("leave", help="stop sharing a project's story on this desk",
                       description="Unlink project NAME from its shared story on this desk: it keeps its documents "
                       "and targets, and no longer sends or receives targets; the server keeps the story for the "
                       "other desks. Refused while confirmed targets wait to be sent (the story's server did not "
                       "answer) unless --force: they stay in the project either way.")
    p.add_argument("name")
    p.add_argument("--force", action="store_true", help="leave even though targets wait to be sent")
    add_dirs(p)
    add_json(p)
    p.set_defaults(func=cmd_leave)


def cmd_leave(args: argparse.Namespace) -> int:
    from tarjimon.core.workbench.sharing import leave

    with open_project(args) as project:
        story = project.sharing
        if story is None:
            raise TarjimonError(f"project {project.name!r} is not part of a shared story")
        if story.pending() and not args.force:
            story.send()  # (the server may answer now)
            if story.pending():
                raise TarjimonError(f"{project.name!r}: {counted(story.pending(), 'confirmed target')} not sent to "
                                    "the story yet (its server does not answer), kept in this project either way: "
                                    "leave anyway with --force")
        name, unsent = leave(project, story)
    if args.json:
        print_json({"project": args.name, "story": name, "unsent": unsent})
    else:
        say(f"{args.name}: left the shared story {name!r} (the project keeps its targets"
            + (f"; {counted(unsent, 'target')} not sent)" if unsent else ")"))
    return 0


def offline_warning(project: Workbench) -> None:
    """On stderr: the team TM did not answer and the answers come from the local copy."""
    from tarjimon.core.workbench.backends import team_note

    note = team_note(project)
    if note:
        say(f"tarjimon: the team TM server is unreachable; using the local copy ({visible(note)})")


def cmd_connect(args: argparse.Namespace) -> int:
    from tarjimon.core.workbench.backends import connect

    with open_project(args) as project:
        status = connect(project, args.url)
        if args.json:
            print_json({"project": project.name, "server": status.location, "units": status.units})
        else:
            say(f"{project.name}: team TM at {visible(status.location)} ({status.units:,} units); the project's own TM "
                f"is its offline copy. Upload it with: tarjimon tm push {project.name}")
    return 0


def cmd_disconnect(args: argparse.Namespace) -> int:
    from tarjimon.core.workbench.backends import disconnect

    with open_project(args) as project:
        if not disconnect(project):
            raise TarjimonError(f"project {project.name!r} is not connected to a team TM")
        if args.json:
            print_json({"project": project.name, "tm": "own"})
        else:
            say(f"{project.name}: uses its own TM again")
    return 0


def _status(project: Workbench) -> dict[str, Any]:
    st = project.tm.status()
    pending = project.delivery.pending()
    shared: dict[str, Any] = {}
    if project.sharing is not None:
        story = project.sharing
        # (asked when the project opened: what colleagues confirmed was pulled, or why not)
        shared = {"shared_story": story.name, "shared_server": story.db.where, "shared_online": story.online,
                  "shared_queued": story.pending(), **({} if story.online else {"shared_error": story.last_error})}
        if story.online:
            try:
                shared["shared_outside"] = story.outside()  # (a re-import, a join or a split here)
            except TarjimonError as exc:
                story.offline(exc)
                shared.update(shared_online=False, shared_error=story.last_error)
    return {**shared, "project": project.name, "backend": st.backend, "location": st.location, "online": st.online,
            "units": st.units, "queued": pending, "pairs": [f"{s}>{t}" for s, t in st.pairs],
            **{k: v for k, v in st.detail.items() if k in ("offline_copy", "error", "user", "schema_version", "warning")}}


def cmd_status(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        data = _status(project)
        if args.json:
            print_json(data)
            return 0
        state = ("online" if data["online"] else "offline") + f", {data['queued']} queued"
        print(f"{data['backend']}: {visible(data['location'])}")
        print(f"  {state}; {data['units']:,} units" + ("" if data["online"] else " in the local copy"))
        if data["pairs"]:
            print(f"  pairs: {', '.join(data['pairs'])}")
        if data.get("offline_copy"):
            print(f"  offline copy: {visible(data['offline_copy'])}")
        for note in ("error", "warning"):
            if data.get(note):
                print(f"  {visible(data[note])}")
        if data.get("shared_story"):
            state = "online" if data["shared_online"] else "offline"
            print(f"shared story {visible(data['shared_story'])} on {visible(data['shared_server'])}: {state}, "
                  f"{data['shared_queued']} queued")
            if data.get("shared_error"):
                print(f"  {visible(data['shared_error'])}")
            if data.get("shared_outside"):
                print(f"  {counted(data['shared_outside'], 'segment')} of this desk differ from the story's (re-imported,"
                      " joined or split here): their targets stay on this desk")
    return 0


def cmd_push(args: argparse.Namespace) -> int:
    from tarjimon.core.workbench.backends import TeamMemory

    with open_project(args) as project:
        tm = project.tm
        if not isinstance(tm, TeamMemory):
            raise TarjimonError(f"project {project.name!r} is not connected to a team TM (tarjimon tm connect)")
        added, there = tm.push()
        if args.json:
            print_json({"added": added, "already_there": there, "units": tm.count()})
        else:
            say(f"{added:,} units uploaded, {there:,} already on the server ({tm.count():,} units there now)")
    return 0


def cmd_share(args: argparse.Namespace) -> int:
    from tarjimon.core.workbench.sharing import share

    with open_project(args) as project:
        if project.sharing is not None:
            raise TarjimonError(f"project {project.name!r} is already shared ({project.sharing.db.where})")
        sent = share(project, args.url)
        if args.json:
            print_json({"project": project.name, "targets": sent})
        else:
            say(f"{project.name}: shared with {sent} confirmed targets; other desks: tarjimon join URL {project.name}")
    return 0


def cmd_join(args: argparse.Namespace) -> int:
    from tarjimon.core.workbench import Workbench
    from tarjimon.core.workbench.sharing import join_story, story_of

    check_name(args.name)
    story = story_of(args.url, args.name)  # read before anything is created: a wrong URL or name changes nothing
    project = Workbench.create(projects_folder(args), args.name, story["source"], story["targets"],
                               glossaries_dir=glossaries_folder(args))
    with project:
        try:
            applied = join_story(project, args.url, args.name, story)
        except BaseException:
            project.close()
            shutil.rmtree(project.folder, ignore_errors=True)  # nothing half-joined is left behind
            raise
        if args.json:
            print_json({"project": project.name, "documents": len(story["documents"]), "targets": len(applied)})
        else:
            say(f"{project.name}: joined ({counted(len(story['documents']), 'document')}, {counted(len(applied), 'target')})")
    return 0
