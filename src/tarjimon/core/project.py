"""The project facade: the one object the CLI and the TUI hold.

`Project.create` / `Project.open` build it; its verbs cover documents, segments, targets, import, export
and statistics. Components that react to a confirmed target (the TM, repetition propagation) subscribe with
`on_confirm`, so the facade does not need to know them.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from tarjimon.core import langs
from tarjimon.core.config import DB_NAME, ProjectConfig, check_name
from tarjimon.core.errors import NotFound, ProjectLocked, TarjimonError
from tarjimon.core.files import open_for_lock, refuse_links
from tarjimon.core.models import (
    STATUSES,
    Document,
    HistoryEntry,
    ImportReport,
    Segment,
    SegmentRow,
    Translation,
)
from tarjimon.core.schema import PROJECT_MIGRATIONS
from tarjimon.core.store import Store, now

if TYPE_CHECKING:
    from tarjimon.core.glossary.store import GlossarySet
    from tarjimon.core.tm.sqlite.backend import TranslationMemory

ConfirmListener = Callable[["Project", Segment, Translation], object]


class Project:
    """An open project: its folder, its project.toml and its SQLite database."""

    def __init__(self, folder: Path, config: ProjectConfig) -> None:
        self.folder = folder
        self.config = config
        self.store = Store(folder / DB_NAME)
        self.store.migrate("project", PROJECT_MIGRATIONS)
        self._listeners: list[ConfirmListener] = []
        self._lock_file: IO[str] | None = None
        self._tm: TranslationMemory | None = None
        _install_components(self)

    # ---- opening and creating -------------------------------------------------------------------
    @classmethod
    def create(cls, projects_dir: Path, name: str, source: str, targets: list[str]) -> Project:
        """Create a project folder with project.toml and an empty database."""
        check_name(name)
        src = langs.normalize(source)
        tgts = [langs.normalize(t) for t in targets]
        if not tgts:
            raise TarjimonError("a project needs at least one target language")
        if src in tgts:
            raise TarjimonError(f"the source language {src} cannot also be a target")
        folder = projects_dir / name
        if (folder / "project.toml").exists():
            raise TarjimonError(f"project {name!r} already exists", path=folder)
        folder.mkdir(parents=True, exist_ok=True)
        config = ProjectConfig(name=name, source=src, targets=tgts, created=now())
        try:
            project = cls(folder, config)
            config.save(folder)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        return project

    @classmethod
    def open(cls, projects_dir: Path, name: str) -> Project:
        """Open an existing project by name."""
        folder = projects_dir / check_name(name)
        if not (folder / "project.toml").is_file():
            raise NotFound(f"no project named {name!r} in {projects_dir}")
        refuse_links(folder, ("project.toml", DB_NAME, DB_NAME + "-wal", DB_NAME + "-shm", "glossary.tsv"))
        return cls(folder, ProjectConfig.load(folder / "project.toml"))

    def close(self) -> None:
        """Release the edit lock and close every database connection."""
        self.unlock()
        self.store.close()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- properties -----------------------------------------------------------------------------
    @property
    def name(self) -> str:
        return self.config.name

    @property
    def source_lang(self) -> str:
        return self.config.source

    @property
    def target_langs(self) -> list[str]:
        return list(self.config.targets)

    def target(self, tag: str, *, source: str | None = None) -> str:
        """Normalise a language tag and check it is one of the project's targets (`KK-kz` -> `kk`).

        `source` names where the tag came from (an option, a file) for the error message.
        """
        lang = langs.normalize(tag, source=source)
        if lang not in self.target_langs:
            raise TarjimonError(f"{lang} is not a target language of project {self.name!r}", path=source)
        return lang

    def save_config(self) -> None:
        """Write project.toml after a change to `config` (glossaries, settings)."""
        self.config.save(self.folder)

    def set_setting(self, key: str, value: Any) -> None:
        """Store a setting in project.toml (e.g. the source script a translator prefers)."""
        self.config.settings[key] = value
        self.save_config()

    def glossaries(self, glossaries_dir: Path | None = None) -> GlossarySet:
        """The project's glossaries as a `GlossarySet`: the attached shared ones (project.toml) and the
        project's own glossary.tsv in its folder (named "project")."""
        from tarjimon.core.config import glossaries_dir as default_glossaries_dir
        from tarjimon.core.glossary.store import open_set

        folder = Path(glossaries_dir) if glossaries_dir else default_glossaries_dir()
        return open_set(folder, self.config.glossaries, [("project", self.folder / "glossary.tsv")])

    @property
    def tm(self) -> TranslationMemory:
        """The project's translation memory (a `tarjimon.core.tm.TranslationMemory`), built on first use."""
        if self._tm is None:
            from tarjimon.core.tm import TranslationMemory

            self._tm = TranslationMemory(self.store, self.source_lang, self.target_langs)
        return self._tm

    # ---- the edit lock: one TUI at a time -------------------------------------------------------
    def lock(self) -> None:
        """Take the project's edit lock; raise ProjectLocked if another process holds it.

        An OS file lock, so a killed process never leaves a stale lock behind.
        """
        if self._lock_file is not None:
            return
        # never through a symlink planted at .edit.lock (project folders travel through git and zip)
        handle = os.fdopen(open_for_lock(self.folder / ".edit.lock"), "a+", encoding="utf-8")
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            handle.seek(0)
            holder = handle.read().strip()
            handle.close()
            raise ProjectLocked(
                f"project {self.name!r} is open for editing elsewhere" + (f" ({holder})" if holder else "")
            ) from exc
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}")
        handle.flush()
        self._lock_file = handle

    def unlock(self) -> None:
        if self._lock_file is not None:
            fcntl.flock(self._lock_file.fileno(), fcntl.LOCK_UN)
            self._lock_file.close()
            self._lock_file = None

    # ---- documents and segments -----------------------------------------------------------------
    def documents(self) -> list[Document]:
        """The project's documents in import order."""
        rows = self.store.conn.execute(
            "SELECT d.id, d.name, d.position, d.meta, COUNT(s.id) AS n FROM documents d"
            " LEFT JOIN segments s ON s.document_id = d.id GROUP BY d.id ORDER BY d.position"
        ).fetchall()
        return [Document(r["id"], r["name"], r["position"], json.loads(r["meta"]), r["n"]) for r in rows]

    def document(self, name_or_id: str | int) -> Document:
        for doc in self.documents():
            if doc.id == name_or_id or doc.name == name_or_id:
                return doc
        raise NotFound(f"no document {name_or_id!r} in project {self.name!r}")

    def segments(self, document_id: int | None = None) -> list[Segment]:
        """Segments in reading order, of one document or of all."""
        sql = (
            "SELECT s.* FROM segments s JOIN documents d ON d.id = s.document_id"
            + (" WHERE s.document_id = ?" if document_id is not None else "")
            + " ORDER BY d.position, s.position"
        )
        args = (document_id,) if document_id is not None else ()
        return [_segment(r) for r in self.store.conn.execute(sql, args)]

    def segment(self, segment_id: int) -> Segment:
        row = self.store.conn.execute("SELECT * FROM segments WHERE id = ?", (segment_id,)).fetchone()
        if row is None:
            raise NotFound(f"no segment {segment_id}")
        return _segment(row)

    def rows(self, document_id: int | None = None) -> list[SegmentRow]:
        """Segments with their targets in every target language (empty ones included)."""
        segs = self.segments(document_id)
        found: dict[int, dict[str, Translation]] = {}
        for r in self.store.conn.execute("SELECT * FROM translations"):
            found.setdefault(r["segment_id"], {})[r["lang"]] = _translation(r)
        out = []
        for s in segs:
            have = found.get(s.id, {})
            targets = {lang: have.get(lang) or Translation(s.id, lang, "", "empty") for lang in self.target_langs}
            out.append(SegmentRow(s, targets))
        return out

    def translation(self, segment_id: int, lang: str) -> Translation:
        lang = langs.primary(lang)
        r = self.store.conn.execute(
            "SELECT * FROM translations WHERE segment_id = ? AND lang = ?", (segment_id, lang)
        ).fetchone()
        return _translation(r) if r else Translation(segment_id, lang, "", "empty")

    def history(self, segment_id: int, lang: str) -> list[HistoryEntry]:
        """Earlier versions of a target, oldest first."""
        rows = self.store.conn.execute(
            "SELECT * FROM translation_history WHERE segment_id = ? AND lang = ? ORDER BY id",
            (segment_id, langs.primary(lang)),
        ).fetchall()
        return [HistoryEntry(r["segment_id"], r["lang"], r["text"], r["status"], r["changed_at"], r["origin"]) for r in rows]

    # ---- editing --------------------------------------------------------------------------------
    def on_confirm(self, listener: ConfirmListener) -> None:
        """Call `listener(project, segment, translation)` after a target is confirmed (translated/reviewed)."""
        self._listeners.append(listener)

    def save_target(
        self, segment_id: int, lang: str, text: str, status: str = "translated", origin: str = ""
    ) -> Translation:
        """Save a target and commit at once. The version it replaces goes to the history.

        Empty text makes the target empty whatever `status` says. Confirming (translated/reviewed) notifies
        the listeners (TM, repetitions) inside the same transaction, so a confirmed target and its TM unit
        are committed together.
        """
        lang = self.target(lang)
        if status not in STATUSES:
            raise TarjimonError(f"unknown status {status!r}")
        if not text.strip():
            status, text = "empty", ""
        elif status == "empty":
            status = "draft"
        segment = self.segment(segment_id)
        with self.store.transaction() as tx:
            old = tx.execute(
                "SELECT * FROM translations WHERE segment_id = ? AND lang = ?", (segment_id, lang)
            ).fetchone()
            if old is not None and (old["text"], old["status"]) == (text, status):
                return _translation(old)
            if old is not None and old["text"]:
                tx.execute(
                    "INSERT INTO translation_history (segment_id, lang, source, text, status, changed_at, origin)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (segment_id, lang, segment.source, old["text"], old["status"], old["updated_at"], old["origin"]),
                )
            stamp = now()
            tx.execute(
                "INSERT INTO translations (segment_id, lang, text, status, updated_at, origin)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (segment_id, lang) DO UPDATE SET"
                " text = excluded.text, status = excluded.status, updated_at = excluded.updated_at,"
                " origin = excluded.origin",
                (segment_id, lang, text, status, stamp, origin),
            )
            saved = Translation(segment_id, lang, text, status, stamp, origin)
            if status in ("translated", "reviewed"):
                for listener in self._listeners:
                    listener(self, segment, saved)
        return saved

    def neighbours(self, segment: Segment) -> tuple[str | None, str | None]:
        """The source text of the segments before and after one (its context, for 101% matches)."""
        conn = self.store.conn
        prev = conn.execute(
            "SELECT source FROM segments WHERE document_id = ? AND position < ? ORDER BY position DESC LIMIT 1",
            (segment.document_id, segment.position),
        ).fetchone()
        nxt = conn.execute(
            "SELECT source FROM segments WHERE document_id = ? AND position > ? ORDER BY position LIMIT 1",
            (segment.document_id, segment.position),
        ).fetchone()
        return (prev[0] if prev else None, nxt[0] if nxt else None)

    # ---- import, export, statistics (in their own modules) --------------------------------------
    def import_file(self, path: str | Path) -> ImportReport:
        """Import an article (txt, md); re-importing a document keeps unchanged sentences' translations."""
        from tarjimon.core.importer import import_article

        return import_article(self, Path(path))

    def export(self, fmt: str, lang: str, outdir: str | Path, *, overwrite: bool = False) -> list[Path]:
        """Export every document in `fmt` for target `lang` into `outdir`; return the files written.

        Existing files are replaced only with `overwrite`."""
        from tarjimon.core.formats.registry import export_documents

        return export_documents(self, fmt, langs.normalize(lang), Path(outdir), overwrite=overwrite)

    def stats(self) -> dict[str, Any]:
        """Counts for `tarjimon stats`: segments, words, TM units, and per language each status."""
        from tarjimon.core.stats import project_stats

        return project_stats(self)


def _segment(r: Any) -> Segment:
    return Segment(r["id"], r["document_id"], r["position"], r["paragraph"], r["source"], r["kind"])


def _translation(r: Any) -> Translation:
    return Translation(r["segment_id"], r["lang"], r["text"], r["status"], r["updated_at"], r["origin"])


def _install_components(project: Project) -> None:
    """Subscribe the components that react to confirmed targets."""
    from tarjimon.core.repetitions import propagate_repetitions

    project.on_confirm(propagate_repetitions)
    project.on_confirm(lambda p, segment, saved: p.tm.on_confirm(p, segment, saved))
