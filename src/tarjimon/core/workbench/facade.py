"""The workbench facade: the one object the CLI, the TUI and the tests hold for an open project.

`Workbench.create` / `Workbench.open` (or `open_workbench`) build it. It composes the layers below it: the
project's repository (documents, segments, targets: tarjimon.core.project), its translation memory (a
`tarjimon.core.tm.TranslationMemory` backend), its glossaries, QA and the file formats. Its verbs: documents,
segments, targets, import, export, statistics, pretranslation, and the lookups the workbench asks while a
translator types (`lookups`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tarjimon.core import faults, langs
from tarjimon.core.config import DB_NAME, ProjectConfig, check_name
from tarjimon.core.errors import NotFound, TarjimonError
from tarjimon.core.models import Document, HistoryEntry, ImportReport, Segment, SegmentRow, Translation
from tarjimon.core.models.editing import Replacement, ReplaceReport
from tarjimon.core.models.qa import Finding, Ignored
from tarjimon.core.project import EditLock, ProjectRepository
from tarjimon.core.store import Store, now
from tarjimon.core.workbench import editing, folders
from tarjimon.core.workbench.confirm import Confirmed, TMDelivery
from tarjimon.core.workbench.editing import SegmentsEdited

if TYPE_CHECKING:
    from tarjimon.core.glossary.store import GlossarySet
    from tarjimon.core.qa.analysis import Analysis
    from tarjimon.core.tm.api import TranslationMemory
    from tarjimon.core.workbench.documents import RemovedDocument
    from tarjimon.core.workbench.exporting import ExportPolicy, ExportReport
    from tarjimon.core.workbench.lookups import Lookups
    from tarjimon.core.workbench.pretranslate import PretranslateReport
    from tarjimon.core.workbench.review import Review
    from tarjimon.core.workbench.sharing import SharedStory
    from tarjimon.core.workbench.tm_units import TMUnits


class Workbench:
    """An open project: its folder, its project.toml, its database, its TM and glossaries."""

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
               glossaries_dir: Path | None = None) -> Workbench:
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
             missing_db: bool = False) -> Workbench:
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

    def __enter__(self) -> Workbench:
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
        if self._sharing is None and url:
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

    # ---- documents and segments -----------------------------------------------------------------
    def documents(self) -> list[Document]:
        """The project's documents in import order."""
        return self.repo.documents()

    def document(self, name_or_id: str | int) -> Document:
        try:
            return self.repo.document(name_or_id)
        except NotFound:
            raise NotFound(f"no document {name_or_id!r} in project {self.name!r}") from None

    def remove_document(self, name_or_id: str | int) -> RemovedDocument:
        """Remove a document; its targets stay in the history and its units in the TM (workbench/documents.py)."""
        from tarjimon.core.workbench.documents import remove_document

        return remove_document(self, name_or_id)

    def segments(self, document_id: int | None = None) -> list[Segment]:
        """Segments in reading order, of one document or of all."""
        return self.repo.segments(document_id)

    def segment(self, segment_id: int) -> Segment:
        return self.repo.segment(segment_id)

    def plural_kinds(self, document_id: int | None = None) -> dict[int, dict[str, str]]:
        """{segment id: {target: "one"|"few"|"many"|...}} for the forms of PO plural messages (workbench/plurals)."""
        from tarjimon.core.workbench.plurals import plural_kinds

        return plural_kinds(self.repo, self.target_langs, document_id)

    def rows(self, document_id: int | None = None) -> list[SegmentRow]:
        """Segments with their targets in every target language (empty ones included)."""
        return self.repo.rows(self.target_langs, document_id)

    def translation(self, segment_id: int, lang: str) -> Translation:
        return self.repo.translation(segment_id, langs.primary(lang))

    def history(self, segment_id: int, lang: str) -> list[HistoryEntry]:
        """Earlier versions of a target, oldest first."""
        return self.repo.history(segment_id, langs.primary(lang))

    def neighbours(self, segment: Segment) -> tuple[str | None, str | None]:
        """The source text of the segments before and after one (its context, for 101% matches)."""
        return self.repo.neighbours(segment)

    # ---- editing --------------------------------------------------------------------------------
    def save_target(self, segment_id: int, lang: str, text: str, status: str = "translated",
                    origin: str = "") -> Translation:
        """Save a target and commit at once (the version it replaces goes to the history); see `confirm`."""
        return self.confirm(segment_id, lang, text, status, origin).saved

    def confirm(self, segment_id: int, lang: str, text: str, status: str = "translated",
                origin: str = "", *, repetitions: str | None = None, deliver: bool = True) -> Confirmed:
        """Save a target and commit at once. A confirmed one (translated/reviewed) fills the same sentence's
        empty targets elsewhere in the same transaction (`repetitions`, default the project's setting: "fill";
        "ask" only lists them in `Confirmed.repeats`; "never"), is queued for the TM there too, and handed to it
        after the commit (without `deliver`: by `deliver_queued`, in the workbench's worker; nothing is lost)."""
        lang = self.target(lang)
        segment = self.repo.segment(segment_id)
        if self.sharing is not None and status in ("translated", "reviewed") and text.strip():
            self.sharing.check(segment, lang, text)  # a colleague's newer version is reported, not overwritten
        mode = repetitions or self.review.repetition_mode
        filled: list[Translation] = []
        repeats: list[int] = []
        with self.repo.transaction():
            saved, changed = self.repo.save_translation(segment, lang, text, status, origin, self.review.user)
            if changed and saved.status in ("translated", "reviewed"):
                if mode == "fill":
                    filled = self.repo.fill_repetitions(segment, saved, author=self.review.user)
                elif mode == "ask":
                    repeats = self.repo.repetitions(segment, lang)
        if changed and saved.status in ("translated", "reviewed"):
            faults.checkpoint("target.committed")
            if deliver:
                self.delivery.deliver(segment, saved)
            if self.sharing is not None:
                self.sharing.publish(segment, saved)
        return Confirmed(saved, filled, repeats)

    # ---- joining and splitting segments, find and replace (workbench/editing.py) ---------------
    def join_segments(self, segment_id: int) -> SegmentsEdited:
        """Join a segment with the next one of its paragraph: a new segment, targets joined per language."""
        return editing.join(self, segment_id, self.review.user)

    def split_segment(self, segment_id: int, at: int) -> SegmentsEdited:
        """Split a segment at source character `at` into two new ones (targets cut or kept whole as drafts)."""
        return editing.split(self, segment_id, at, self.review.user)

    def plan_replace(self, find: str, replace: str, langs: Sequence[str] | None = None,
                     **options: bool) -> list[Replacement]:
        """The preview of a find and replace in targets (regex, whole_word, case): nothing is written."""
        return editing.plan(self, find, replace, langs, **options)

    def replace(self, find: str, replace: str, changes: Sequence[Replacement], *, deliver: bool = True,
                **options: object) -> ReplaceReport:
        """Apply a previewed replace in one transaction; `undo_replace` puts it back. Without `deliver`, the
        confirmed targets changed wait in the TM outbox for `deliver_queued` (a worker thread's job)."""
        return editing.apply(self, find, replace, changes, options, deliver, self.review.user)

    def undo_replace(self, *, deliver: bool = True) -> ReplaceReport:
        """Undo the latest replace (targets edited since are skipped, and named)."""
        return editing.undo(self, deliver, self.review.user)

    def deliver_queued(self) -> int:
        """Hand the TM every confirmed target waiting for it (until it stops taking them); how many it took."""
        return editing.deliver_queued(self)

    # ---- import, export, statistics, pretranslation ---------------------------------------------
    def import_file(self, path: str | Path) -> ImportReport:
        """Import an article (txt, md, a bilingual XLIFF with its targets); re-importing a document keeps unchanged sentences' translations."""
        return self.import_files([path])[0]

    def import_files(self, paths: Sequence[str | Path]) -> list[ImportReport]:
        """Import several articles all or nothing: every file is read and segmented before anything is
        written, and all are stored in one transaction. A re-import takes the edit lock (ProjectLocked while
        a workbench elsewhere has the project open)."""
        from tarjimon.core.workbench.importing import import_articles, reimport_lock

        with reimport_lock(self._lock, self.repo, [Path(p) for p in paths]):
            reports = import_articles(self.repo, self.source_lang, [Path(p) for p in paths], self.target_langs)
        if any(r.targets for r in reports):  # a bilingual file's confirmed targets: into the TM now, as a confirm
            self.deliver_queued()
        return reports

    def export(self, fmt: str, lang: str, outdir: str | Path, *, overwrite: bool = False,
               policy: ExportPolicy | None = None) -> list[Path]:
        """Export every document in `fmt` for target `lang` into `outdir`; return the files written (see
        `export_report`)."""
        return self.export_report(fmt, lang, outdir, overwrite=overwrite, policy=policy).files

    def export_report(self, fmt: str, lang: str, outdir: str | Path, *, overwrite: bool = False,
                      policy: ExportPolicy | None = None, documents: list[str] | None = None) -> ExportReport:
        """Export every document in `fmt` for target `lang` into `outdir` under the export policy (drafts and
        untranslated segments refused in a target-text file unless the policy allows them; see
        workbench/exporting.py); return what was written and which segments were drafts or filled.

        Existing files are replaced only with `overwrite` (refused before anything is written). `documents`:
        only these (by name); `fmt` "original": each document in the format it was imported from."""
        from tarjimon.core.workbench.exporting import export_documents

        lang = self.target(lang)  # an unknown format or language is refused before any folder is made
        return export_documents(self.repo, self.name, self.source_lang, fmt, lang, Path(outdir), overwrite=overwrite,
                                policy=policy, documents=documents)

    def stats(self) -> dict[str, Any]:
        """Counts for `tarjimon stats`: segments, words, TM units, and per language each status."""
        from tarjimon.core.project.stats import project_stats

        unused = None
        if self.repo.store.conn.execute("SELECT 1 FROM documents WHERE format = 'po' LIMIT 1").fetchone():
            # (polib: only for a project with PO files) the plural forms a target has not: no work there
            from tarjimon.core.workbench.plurals import unused_forms

            unused = unused_forms(self.repo, self.target_langs)
        counts = project_stats(self.repo, self.target_langs, unused)
        return {"project": self.name, "source": self.source_lang, "targets": self.target_langs,
                "documents": counts["documents"], "segments": counts["segments"], "words": counts["words"],
                "tm_units": self.tm.count(), "languages": counts["languages"],
                "repetitions": self.review.repetition_mode,
                "open_comments": sum(self.review.open_counts().values())}

    def qa(self, targets: list[str] | None = None, *, spelling: bool = True,
           with_ignored: bool = False) -> list[Finding]:  # fmt: skip
        """The QA findings of every non-empty target (of `targets`, default all), with the project's glossaries,
        names table and word list; findings dismissed for the same text are left out (workbench/quality.py)."""
        from tarjimon.core.workbench.quality import run_qa

        return run_qa(self, targets, spelling=spelling, with_ignored=with_ignored)

    def ignore_finding(self, segment_id: int, lang: str, check: str, reason: str) -> Ignored:
        """Dismiss a QA finding of a target's current text, with a reason; it comes back if the text changes."""
        from tarjimon.core.workbench.quality import ignore

        return ignore(self, segment_id, lang, check, reason)

    def ignored_findings(self) -> list[Ignored]:
        """The QA findings dismissed so far, with their reasons."""
        return self.repo.ignored_findings()

    def analysis_html(self, analysis: Analysis) -> str:
        """The match analysis as an HTML page."""
        from tarjimon.core.workbench.quality import analysis_html

        return analysis_html(analysis)

    def stats_html(self) -> str:
        """`stats --html`: progress per language with charts and QA findings by check, as one HTML page."""
        from tarjimon.core.workbench.quality import stats_html

        return stats_html(self)

    def analyse(self) -> Analysis:
        """Match analysis of every document and target language against the TM (core/qa/analysis.py)."""
        from tarjimon.core.qa.analysis import analyse

        return analyse(self.repo, self.tm, self.target_langs, self.documents(), self.name)

    def pretranslate(self, targets: list[str] | None = None, min_score: int = 100,
                     progress: Callable[[int, int], None] | None = None) -> PretranslateReport:
        """Fill empty targets from the TM (see workbench/pretranslate.py)."""
        from tarjimon.core.workbench.pretranslate import pretranslate

        return pretranslate(self, targets, min_score, progress)


def open_workbench(projects_dir: Path, name: str, *, glossaries_dir: Path | None = None,
                   lock: bool = False) -> Workbench:
    """The one factory the faces use: open project `name`, and take its edit lock when asked."""
    workbench = Workbench.open(projects_dir, name, glossaries_dir=glossaries_dir)
    if lock:
        try:
            workbench.lock()
        except BaseException:
            workbench.close()
            raise
    return workbench
