"""A project's folder on disk: claiming a new one for `Workbench.create`, checking an existing one for
`Workbench.open`. Kept apart from the facade, which composes an open project's parts."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from tarjimon.core.config import DB_NAME, check_name
from tarjimon.core.errors import NotFound, TarjimonError
from tarjimon.core.files import disk_error, refuse_links


def claim(projects_dir: Path, name: str) -> tuple[Path, bool]:
    """The folder of new project `name`, claimed (and whether this call made the folder). The name is claimed
    by creating project.toml exclusively (empty until the config is saved over it): of two `new` at once, one
    creates the project and the other is told it exists (both said "created" once, and the project had the
    last one's languages)."""
    folder = projects_dir / name
    made = not folder.exists()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(folder / "project.toml", os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
    except FileExistsError as exc:
        cut = (folder / "project.toml").stat().st_size == 0 and not (folder / DB_NAME).exists()
        raise TarjimonError(f"project {name!r} already exists" + (
            " (or its creation was cut short: remove the folder to create it again)" if cut else ""),
            path=folder) from exc
    except OSError as exc:  # a read-only or full projects folder: one line, not a traceback
        raise disk_error(exc, exc.filename or folder) from exc
    os.close(fd)
    return folder, made


def unclaim(folder: Path, made: bool) -> None:
    """Undo `claim` after a create that failed: the folder if the claim made it, else only the claim."""
    if made:
        shutil.rmtree(folder, ignore_errors=True)
    else:
        (folder / "project.toml").unlink(missing_ok=True)


def existing(projects_dir: Path, name: str, *, missing_db: bool = False) -> Path:
    """The folder of existing project `name`, checked: its project.toml is there, its database too (a project
    whose database is gone must not look like an empty one, nor be recreated empty) unless `missing_db` (a
    restore puts one back), and no link planted where the project writes (folders travel through git and zip)."""
    check_name(name)
    folder = projects_dir / name
    if not (folder / "project.toml").is_file():
        raise NotFound(f"no project named {name!r} in {projects_dir}")
    if not missing_db and not os.path.lexists(folder / DB_NAME):
        raise NotFound(missing_db_message(folder, name), path=folder / DB_NAME)
    refuse_links(folder, ("project.toml", DB_NAME, DB_NAME + "-wal", DB_NAME + "-shm", "glossary.tsv"))
    return folder


def missing_db_message(folder: Path, name: str) -> str:
    """What to say of a project folder whose database is gone, naming a backup to restore if one is there."""
    found = sorted((folder / "backups").glob("*.db")) if (folder / "backups").is_dir() else []
    backup = str(found[-1]) if found else "BACKUP.db"
    return (f"project {name!r} has lost its database (nothing was recreated): restore a backup with "
            f"`tarjimon restore {name} {backup} --force`")
