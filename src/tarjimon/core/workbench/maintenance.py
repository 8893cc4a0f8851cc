"""Backups, restores and checks of a project database: `tarjimon backup|restore|check`.

A backup is one SQLite file made with SQLite's backup API (a consistent snapshot even while a workbench or an
import is writing), carrying the project's project.toml in a `tarjimon_backup` table, so it restores alone.
A restore copies it into the project's database with the same API, under the edit lock and after a safety
copy of what it replaces (`backups/before-restore-YYYYMMDDTHHMMSSZ.db`, never pruned, never overwritten: a
second restore in the same second gets `...Z-2.db`). A check runs SQLite's integrity check and looks for rows
that lost their owner and for a TM index out of step with the units; `repair` fixes those two (never a damaged
file: that is what a backup is for), after a safety copy (`before-repair-...`).
"""

from __future__ import annotations

import functools
import os
import shutil
import sqlite3
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tarjimon.core import files
from tarjimon.core.config import CONFIG_NAME, DB_NAME, ProjectConfig, check_name
from tarjimon.core.errors import BadInput, TarjimonError
from tarjimon.core.project import check as project_check
from tarjimon.core.store import Store, db_error, now
from tarjimon.core.tm.sqlite import check as tm_check
from tarjimon.core.tm.sqlite import compact, parallel
from tarjimon.core.workbench.facade import Workbench

META = "tarjimon_backup"


def backup(workbench: Workbench, out: str | Path, *, overwrite: bool = False) -> Path:
    """Write a consistent snapshot of the project to `out` (refused if it exists, unless `overwrite`)."""
    out = Path(out)
    if out.is_symlink() or (out.exists() and not overwrite):
        files.atomic_write(out, b"", overwrite=overwrite)  # raises the usual one-line refusal
    scratch = Path(tempfile.mkdtemp(prefix=".tarjimon-backup-", dir=out.parent if out.parent.exists() else None))
    try:
        snap = scratch / "snapshot.db"
        dest = sqlite3.connect(snap)
        try:
            workbench.store.conn.backup(dest)  # one step: a snapshot of one moment, writers or not
            dest.execute(f"CREATE TABLE {META} (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            dest.executemany(f"INSERT INTO {META} VALUES (?, ?)", [
                ("project", workbench.name), ("created", now()),
                (CONFIG_NAME, (workbench.folder / CONFIG_NAME).read_text(encoding="utf-8")),
            ])  # fmt: skip
            dest.commit()
            # a rollback journal, not the project's WAL: the copy stays one file when read (`restore` opening a
            # WAL file read-only left FILE-wal and FILE-shm beside it, in a script's backups folder)
            dest.execute("PRAGMA journal_mode=DELETE")
        except sqlite3.OperationalError as exc:
            raise db_error(exc, workbench.store) from exc
        finally:
            dest.close()
        with open(snap, "rb") as src, files.atomic_writer(out, overwrite=overwrite) as f:
            shutil.copyfileobj(src, f, 1 << 20)
    except OSError as exc:
        raise files.disk_error(exc, out) from exc
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return out


def safety_copy(store: Store, why: str) -> Path | None:
    """A copy of the project's database (SQLite backup API) in its backups/ folder, taken before `why`
    (restore, repair) replaces or changes it: `before-WHY-20261130T214500Z.db`, `...Z-2.db` for a second one in
    the same second. The name is taken with O_EXCL: an earlier copy, or a link planted at the name, is never
    written through. None when no copy can be made (backups/ a link, the disk)."""
    folder = store.path.parent / "backups"
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = None
    try:
        if folder.is_symlink():  # a link planted as backups/ would carry the project's data out of its folder
            return None
        folder.mkdir(exist_ok=True)
        for n in range(1, 1000):
            target = folder / f"before-{why}-{stamp}{f'-{n}' if n > 1 else ''}.db"
            try:
                os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600))
                break
            except FileExistsError:
                target = None
        if target is None:
            return None
        dest = sqlite3.connect(target)
        try:
            store.connection().backup(dest)
            dest.execute("PRAGMA journal_mode=DELETE")  # one file, as a backup is (no -wal/-shm beside it)
        finally:
            dest.close()
        return target
    except (OSError, sqlite3.Error):
        if target is not None:
            target.unlink(missing_ok=True)
        return None


def _open_backup(path: Path) -> tuple[sqlite3.Connection, str | None]:
    files.check_input_file(path, 64 << 30)
    try:
        src = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        bad = project_check.integrity(src)
        tables = {r[0] for r in src.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as exc:
        raise BadInput(f"not a Tarjimon backup ({exc})", path=path) from exc
    if bad:
        src.close()
        raise BadInput(f"the backup is damaged ({bad[0]})", path=path)
    if not {"documents", "segments", "schema_migrations"} <= tables:
        src.close()
        raise BadInput("not a Tarjimon backup (no project tables)", path=path)
    newer = _newer_schemas(src)
    if newer:  # restored, the project would no longer open here (Store.migrate refuses a newer schema)
        src.close()
        raise BadInput(f"the backup was written by a newer Tarjimon ({newer}): update Tarjimon to restore it",
                       path=path)  # fmt: skip
    foreign = project_check.foreign_objects(src, own_triggers())
    if foreign:  # restored, a trigger would go on acting inside every later write to the project
        src.close()
        raise BadInput(f"not restored: the backup holds {project_check.describe_foreign(foreign)}", path=path)
    toml = None
    if META in tables:
        row = src.execute(f"SELECT value FROM {META} WHERE key = ?", (CONFIG_NAME,)).fetchone()
        toml = row[0] if row else None
    return src, toml


@functools.cache
def own_triggers() -> dict[str, str]:
    """Tarjimon's own triggers (a shared story's outbox, sharing_schema), name -> their SQL as sqlite_master
    keeps it: made in a scratch database by the same migrations."""
    from tarjimon.core.workbench.sharing_schema import LOCAL_MIGRATIONS

    conn = sqlite3.connect(":memory:")
    try:
        conn.execute("CREATE TABLE translations (segment_id, lang, text, status, updated_at, origin)")
        for script in LOCAL_MIGRATIONS:
            conn.executescript(script)
        return {r[0]: r[1] for r in conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")}
    finally:
        conn.close()


def _newer_schemas(src: sqlite3.Connection) -> str:
    """The components of the backup whose schema is newer than this Tarjimon's ("project schema 12, this one
    knows 9"), or ""."""
    from tarjimon.core.project.schema import PROJECT_MIGRATIONS
    from tarjimon.core.tm.sqlite.backend import MIGRATIONS as TM_MIGRATIONS
    from tarjimon.core.workbench.sharing import LOCAL_MIGRATIONS

    known = {"project": len(PROJECT_MIGRATIONS), "tm": len(TM_MIGRATIONS), "shared": len(LOCAL_MIGRATIONS)}
    rows = src.execute("SELECT component, MAX(version) FROM schema_migrations GROUP BY component").fetchall()
    return ", ".join(f"{c} schema {v}, this one knows {known[c]}" for c, v in rows
                     if c in known and isinstance(v, int) and v > known[c])  # fmt: skip


def restore(projects_dir: Path, name: str, backup_file: str | Path, *, overwrite: bool = False,
            glossaries_dir: Path | None = None) -> Path | None:
    """Restore project `name` from a backup; an existing project is replaced only with `overwrite`.

    Returns the safety copy taken of what was replaced (safety_copy; None for a new project)."""
    check_name(name)
    path = Path(backup_file)
    src, toml = _open_backup(path)
    try:
        folder = Path(projects_dir) / name
        exists = (folder / CONFIG_NAME).is_file()
        lost = exists and not os.path.lexists(folder / DB_NAME)  # a project whose database is gone: no copy
        if exists and not overwrite:
            raise TarjimonError(f"project {name!r} exists (use --force to replace it with the backup)")
        if not exists:
            if toml is None:
                raise BadInput("the backup carries no project.toml; restore it over an existing project", path=path)
            # read before the folder is made: a backup whose project.toml is refused leaves nothing behind
            config = ProjectConfig.from_text(toml, path, default_name=name)
            folder.mkdir(parents=True, exist_ok=True)
            files.refuse_links(folder, (CONFIG_NAME, DB_NAME))
            config.name = name
            config.save(folder)
        workbench = Workbench.open(Path(projects_dir), name, glossaries_dir=glossaries_dir, missing_db=True)
        try:
            workbench.lock()  # no workbench edits it meanwhile
            saved = safety_copy(workbench.store, "restore") if exists and not lost else None
            if exists and not lost and saved is None:  # the project it replaces must stay somewhere
                raise TarjimonError(f"project {name!r}: no copy of it could be made in {folder / 'backups'} "
                                    "(a symbolic link there, or the disk): nothing restored")  # fmt: skip
            try:
                src.backup(workbench.store.conn)
                with workbench.store.transaction() as tx:
                    tx.execute(f"DROP TABLE IF EXISTS {META}")
            except sqlite3.OperationalError as exc:
                raise db_error(exc, workbench.store) from exc
        finally:
            workbench.close()
        return saved
    finally:
        src.close()


def check(workbench: Workbench, *, repair: bool = False) -> dict[str, Any]:
    """Check the project's database; with `repair`, fix orphans and the TM index (after a safety copy)."""
    conn = workbench.store.conn
    report: dict[str, Any] = {"project": workbench.name, "repaired": False, "backup": None}

    def look() -> list[str]:
        found = project_check.integrity(conn)
        fk = conn.execute("PRAGMA foreign_key_check").fetchall()
        if fk:
            found.append(f"{len(fk)} rows break a foreign key")
        found += [f"{n} {what}" for what, n in project_check.orphans(conn)]
        report["tm"] = tm_check.check_index(conn)
        found += tm_check.problems(report["tm"])
        foreign = project_check.foreign_objects(conn, own_triggers())
        if foreign:
            found.append(project_check.describe_foreign(foreign))
        scratch = [p.name for p in workbench.folder.glob(".tm-import-*")]
        if scratch:
            found.append(f"{len(scratch)} scratch folders left by killed imports")
        return found

    report["problems"] = look()
    if repair and report["problems"]:
        if project_check.integrity(conn):
            raise TarjimonError(f"project {workbench.name!r} is damaged at the file level: restore it from a backup "
                                "(`tarjimon restore NAME FILE --force`)")  # fmt: skip
        saved = safety_copy(workbench.store, "repair")
        report["backup"] = str(saved) if saved else None
        with workbench.store.transaction() as tx:
            report["foreign_dropped"] = project_check.drop_foreign(tx, own_triggers())  # first: it would act on the repair
            report["orphans_removed"] = project_check.repair_orphans(tx)
            report["postings_dropped"] = tm_check.repair_index(tx)
        parallel.sweep(workbench.folder)  # only folders whose import process is gone
        report["repaired"] = True
        report["problems_before"] = report["problems"]
        report["problems"] = look()
    return report


def optimize_tm(workbench: Workbench) -> tuple[int, int]:
    """Key and index again without their tags the units of the project's own TM indexed with the tags written
    in their source (tm/sqlite/rekey.py), then merge each posting list into one row (tm/sqlite/compact.py; after
    big imports and many confirmed units: fewer, longer reads for a lookup, the same matches); (lists merged,
    units keyed again)."""
    from tarjimon.core.tm.sqlite.rekey import rekey_tagged

    with workbench.store.transaction() as tx:
        rekeyed = rekey_tagged(tx)
        return compact.merge_lists(tx), rekeyed


def optimize_team_tm(workbench: Workbench) -> int | None:
    """The same re-keying for the team TM a project is connected to (tm/postgres/rekey.py): how many of the
    server's units; None when the project has no team TM. ServerUnreachable when the server does not answer
    (the caller then changes nothing)."""
    from tarjimon.core.workbench.backends import TeamMemory

    tm = workbench.tm
    return tm.rekey_tagged() if isinstance(tm, TeamMemory) else None


__all__ = ["backup", "check", "optimize_team_tm", "optimize_tm", "restore", "safety_copy"]
