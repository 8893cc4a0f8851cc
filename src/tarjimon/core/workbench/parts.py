"""An open project's parts, below the workbench's verbs (facade.py): its folder and project.toml, its database
and repository, its edit lock, how it is created, opened and closed, and the services opened on first use (the
TM, or a team TM; glossaries; the TUI's lookups; review; the shared story; TM units corrected by hand)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

from tarjimon.core import langs
from tarjimon.core.config import DB_NAME, ProjectConfig, check_name
from tarjimon.core.errors import TarjimonError
from tarjimon.core.models import SegmentRow
from tarjimon.core.project import EditLock, ProjectRepository
from tarjimon.core.store import Store, now
from tarjimon.core.workbench import folders
from tarjimon.core.workbench.confirm import TMDelivery

if TYPE_CHECKING:
    from tarjimon.core.glossary.store import GlossarySet
    from tarjimon.core.tm.api import TranslationMemory
    from tarjimon.core.workbench.lookups import Lookups
    from tarjimon.core.workbench.review import Review
    from tarjimon.core.workbench.sharing import SharedStory
    from tarjimon.core.workbench.tm_units import TMUnits


class OpenProject:
    """An open project's parts: its folder, its project.toml, its database and edit lock, and what is opened on
    first use (its TM, glossaries, lookups, review, shared story, TM units). `Workbench` adds the verbs."""

    def __init__(self, folder: Path, config: ProjectConfig, *, glossaries_dir: Path | None = None) -> None:
        self.folder = folder
        self.config = config
        self.glossaries_dir = glossaries_dir
        self.store = Store(folder / DB_NAME)
        self.repo = ProjectRepository(self.store)
        self._lock = EditLock(folder, config.name)
        self._tm: TranslationMemory | None = None
        self._lookups: Lookups | None = None
        self._sharing: SharedStory | None = None
        self._tm_units: TMUnits | None = None
        self._review: Review | None = None
        self.delivery = TMDelivery(self.repo, lambda: self.tm, config.name, config.source)

    # ---- opening and creating -------------------------------------------------------------------
    @classmethod
    def create(cls, projects_dir: Path, name: str, source: str, targets: list[str], *,
               glossaries_dir: Path | None = None) -> Self:
        """Create a project folder with project.toml and an empty database."""
        check_name(name)
        src = langs.normalize(source)
        tgts = [langs.normalize(t) for t in targets]
        if not tgts:
            raise TarjimonError("a project needs at least one target language")
        if src in tgts:
            raise TarjimonError(f"the source language {src} cannot also be a target")
        folder, made = folders.claim(Path(projects_dir), name)
        config = ProjectConfig(name=name, source=src, targets=tgts, created=now())
        try:
            workbench = cls(folder, config, glossaries_dir=glossaries_dir)
            config.save(folder)
        except BaseException:
            folders.unclaim(folder, made)
            raise
        return workbench

    @classmethod
    def open(cls, projects_dir: Path, name: str, *, glossaries_dir: Path | None = None,
             missing_db: bool = False) -> Self:
        """Open an existing project by name; confirmed targets a TM did not take yet are delivered now. A
        project whose database is gone is refused (it must not look like an empty project, nor be recreated
        empty) unless `missing_db` (a restore puts one back)."""
        folder = folders.existing(Path(projects_dir), name, missing_db=missing_db)
        workbench = cls(folder, ProjectConfig.load(folder / "project.toml"), glossaries_dir=glossaries_dir)
        workbench.delivery.retry()
        if workbench.sharing is not None:  # a shared story: what colleagues confirmed, and what waits to go
            try:
                workbench.sharing.pull()
                workbench.sharing.send()
            except TarjimonError as exc:
                workbench.sharing.offline(exc)
        return workbench

    def close(self) -> None:
        """Release the edit lock and close every database connection (a TM delivery under way ends first)."""
        self.delivery.close()
        self.unlock()
        if self._tm is not None:
            self._tm.close()
        if self._sharing is not None:
            self._sharing.close()
        self.store.close()

    def __enter__(self) -> Self:
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

    def rows(self, document_id: int | None = None) -> list[SegmentRow]:
        """Segments with their targets in every target language (empty ones included). Here, not among the
        verbs: the team TM and the shared story opened below read them."""
        return self.repo.rows(self.target_langs, document_id)

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

        folder = Path(glossaries_dir or self.glossaries_dir or default_glossaries_dir())
        return open_set(folder, self.config.glossaries, [("project", self.folder / "glossary.tsv")])

    @property
    def tm(self) -> TranslationMemory:
        """The project's translation memory, opened on first use."""
        if self._tm is None:
            from tarjimon.core.workbench.backends import open_tm  # SQLite, or a team TM (tm connect)

            self._tm = open_tm(self)
        return self._tm

    def tm_for_import(self) -> TranslationMemory:
        """The TM for `tarjimon tm import`: in a project that has none yet, its tables are made by the first
        import that adds units, in that import's transaction (a refused file changes nothing). Until then
        that TM only imports and counts."""
        if self._tm is None:
            from tarjimon.core.workbench.backends import open_tm

            self._tm = open_tm(self, lazy_schema=True)
        return self._tm

    def reopen_tm(self) -> None:
        """Forget the open TM, so the next use opens the one project.toml names now (tm connect/disconnect)."""
        if self._tm is not None:
            self._tm.close()
        self._tm = None
        self._lookups = None

    @property
    def tm_units(self) -> TMUnits:
        """Browsing and correcting the TM by hand: edit, delete, undo the last delete (workbench/tm_units.py)."""
        if self._tm_units is None:
            from tarjimon.core.workbench.tm_units import TMUnits

            self._tm_units = TMUnits(self)
        return self._tm_units

    @property
    def sharing(self) -> SharedStory | None:
        """The project's link to its shared story on a server (tarjimon share/join), or None."""
        url = self.config.settings.get("shared_url")
        if not url:
            return None  # (never linked, or left: tarjimon leave)
        if self._sharing is None:
            from tarjimon.core.workbench.sharing import SharedStory

            self._sharing = SharedStory(self, str(url), str(self.config.settings.get("shared_name") or self.name))
        return self._sharing

    @property
    def lookups(self) -> Lookups:
        """TM matches, glossary hits, QA and concordance for the workbench's worker threads."""
        if self._lookups is None:
            from tarjimon.core.workbench.lookups import Lookups

            self._lookups = Lookups(self)
        return self._lookups

    @property
    def review(self) -> Review:
        """Versions of a target compared and restored, reviewers' comments, repetitions (workbench/review.py)."""
        if self._review is None:
            from tarjimon.core.workbench.review import Review

            self._review = Review(self)
        return self._review

    # ---- the edit lock: one workbench at a time -------------------------------------------------
    def lock(self) -> None:
        """Take the project's edit lock; raise ProjectLocked if another process holds it."""
        self._lock.acquire()

    def unlock(self) -> None:
        self._lock.release()
