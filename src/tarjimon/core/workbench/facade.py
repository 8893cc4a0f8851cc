"""The workbench facade: the one object the CLI, the TUI and the tests hold for an open project.

`Workbench.create` / `Workbench.open` (or `open_workbench`) build it. Its parts (the folder, project.toml, the
database, the edit lock, the TM and the services opened on first use) and how a project is created, opened and
closed are parts.py's `OpenProject`; this module holds the verbs: documents, segments, targets, editing,
import, export, statistics, QA, pretranslation. It composes the layers below it: the project's repository
(tarjimon.core.project), its translation memory (a `tarjimon.core.tm.TranslationMemory` backend), its
glossaries, QA and the file formats.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tarjimon.core import faults, langs
from tarjimon.core.errors import NotFound
from tarjimon.core.models import Document, HistoryEntry, ImportReport, Segment, Translation
from tarjimon.core.models.editing import Replacement, ReplaceReport
from tarjimon.core.models.qa import Finding, Ignored
from tarjimon.core.workbench import editing
from tarjimon.core.workbench.confirm import Confirmed
from tarjimon.core.workbench.editing import SegmentsEdited
from tarjimon.core.workbench.parts import OpenProject

if TYPE_CHECKING:
    from tarjimon.core.qa.analysis import Analysis
    from tarjimon.core.qa.billing import LanguageBill
    from tarjimon.core.workbench.documents import RemovedDocument
    from tarjimon.core.workbench.exporting import ExportPolicy, ExportReport
    from tarjimon.core.workbench.pretranslate import PretranslateReport

PO = "po"  # formats/po_document.FORMAT, named here so that a project without PO documents never imports that module

class Workbench(OpenProject):
    """An open project and its verbs: its folder, its project.toml, its database, its TM and glossaries."""

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
        # (a project without a PO document, most of them: no PO stack imported, polib, lxml, as a workbench opens)
        if self.repo.store.conn.execute("SELECT 1 FROM documents WHERE format = ? LIMIT 1", (PO,)).fetchone() is None:
            return {}
        from tarjimon.core.workbench.plurals import plural_kinds

        return plural_kinds(self.repo, self.target_langs, document_id)

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
        with self.repo.transaction(durable=True):  # confirmed work survives a power cut, not only a kill
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
        if self.repo.store.conn.execute("SELECT 1 FROM documents WHERE format = ? LIMIT 1", (PO,)).fetchone():
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

    def analyse(self, *, own: bool = False) -> Analysis:
        """Match analysis of every document and target language against the TM as it was when the document was
        imported (`own`: as it is, the document's own confirmed targets included; core/qa/analysis.py)."""
        from tarjimon.core.qa.analysis import analyse

        return analyse(self.repo, self.tm, self.target_langs, self.documents(), self.name, own=own)

    def billing(self, weights: str | None = None, *, own: bool = False) -> list[LanguageBill]:
        """`stats --analysis`: the match analysis of the whole job per target language, its words weighted by a
        pay grid: `weights` ("rep=20,100=30,new=100"), else the project's setting, else the default grid
        (core/qa/billing.py)."""
        from tarjimon.core.qa.billing import bill, parse_weights

        if weights is None:
            grid = parse_weights(str(self.config.settings.get("weights", "")), source="project.toml, weights")
        else:
            grid = parse_weights(weights)
        return bill(self.analyse(own=own), self.target_langs, grid)

    def set_weights(self, text: str) -> str:
        """Keep a pay grid for `stats --analysis` in project.toml (refused, naming the band, unless it reads);
        return it as kept, every band spelled out."""
        from tarjimon.core.qa.billing import grid_text, parse_weights

        grid = grid_text(parse_weights(text, source="weights"))
        self.set_setting("weights", grid)
        return grid

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
