"""The workbench's TM and document maintenance: the TM browser (Ctrl+B), editing or deleting a TM match,
removing a document and exporting the translations, kept apart from the editing actions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work

from tarjimon.core.errors import TarjimonError
from tarjimon.core.text.visible import visible
from tarjimon.tui.grid import SegmentGrid

if TYPE_CHECKING:
    from tarjimon.tui.screens.export import ExportRequest
    from tarjimon.tui.workbench import WorkbenchScreen

    _Base = WorkbenchScreen
else:
    _Base = object


OPTION_BOXES = {"--include-drafts": "drafts as they are", "--fill-source": "untranslated segments as their source",
                "--force": "replace files that exist"}  # (the export dialog's boxes, screens/export.py)


class MaintenanceActions(_Base):
    """Mixed into WorkbenchScreen: the TM browser, TM match edit/delete, the documents dialog."""

    def _tm_changed(self, changed: bool | None) -> None:
        if changed:
            self.forget_lookups()
            self._ask_lookups()

    def action_tm_browser(self, whole: bool = False) -> None:
        """Ctrl+B: the TM browser, the current segment's matches first (the whole TM from the palette)."""
        from tarjimon.tui.screens.tm_browser import TMBrowserScreen

        matches = [] if whole else self.matches
        self.app.push_screen(TMBrowserScreen(self.project.tm_units, matches=matches, read_only=self.read_only),
                             self._tm_changed)

    def action_edit_match(self, number: int) -> None:
        """Palette "Edit TM match N": the TM browser on this segment's matches, editing match N."""
        from tarjimon.tui.screens.tm_browser import TMBrowserScreen

        if not 1 <= number <= len(self.matches) or self.read_only:
            self.notify(f"No TM match {number} to edit", severity="warning", timeout=2)
            return
        ordered = [self.matches[number - 1]] + [m for i, m in enumerate(self.matches) if i != number - 1]
        self.app.push_screen(TMBrowserScreen(self.project.tm_units, matches=ordered, edit_first=True),
                             self._tm_changed)

    def action_delete_match(self, number: int) -> None:
        """Remove a wrong unit from the project's TM (palette: "Delete TM match N"); the panel updates, and
        the TM browser's Ctrl+Z brings it back."""
        if not 1 <= number <= len(self.matches) or self.read_only:
            self.notify(f"No TM match {number} to delete", severity="warning", timeout=2)
            return
        match = self.matches[number - 1]
        self.project.tm_units.delete(match.unit_id)
        self.notify(f"Deleted from the TM: {match.target[:60]} (undo: palette, or Ctrl+B then Ctrl+Z)", timeout=4)
        self._tm_changed(True)

    def action_undo_tm_delete(self) -> None:
        from tarjimon.core.errors import TarjimonError

        try:
            unit = self.project.tm_units.undo_delete()
        except TarjimonError as exc:
            self.notify(str(exc), severity="warning", timeout=3)
            return
        self.notify(f"Back in the TM: {unit.target[:60]}", timeout=3)
        self._tm_changed(True)

    def action_documents(self) -> None:
        """The project's documents; Delete removes one (its targets kept in the history, its units in the TM)."""
        from tarjimon.tui.screens.documents import DocumentsScreen

        self.save_draft()
        self.app.push_screen(DocumentsScreen(self.project, self.read_only), self._documents_changed)

    def _documents_changed(self, removed: bool | None) -> None:
        if not removed:
            return
        current = self.rows[self.row_index].segment.id if self.rows else None
        self.rows = self.project.rows()
        docs = {d.id: d.name for d in self.project.documents()}
        grid = self.query_one(SegmentGrid)
        grid.set_rows(self.rows, docs, plurals=self.project.plural_kinds())
        self.forget_lookups()
        ids = [r.segment.id for r in self.rows]
        self.row_index = ids.index(current) if current in ids else 0
        self.apply_filter(self.filter)
        if self.rows and self.order:
            self.goto(self.row_index if self.row_index in self.order else self.order[0], self.lang, save=False)
        else:
            self.query_one("TargetEditor").load_text("")  # type: ignore[attr-defined]

    # ---- export -----------------------------------------------------------------------------------
    def action_export(self) -> None:
        """The palette's "Export the translations": the dialog (screens/export.py), then a worker writes."""
        from tarjimon.tui.screens.export import ExportScreen

        self.save_draft()  # what is typed is in the project (a draft) before the export reads it
        self.app.push_screen(ExportScreen(self.project.target_langs, self.lang, self.project.folder / "export"),
                             self._export)  # fmt: skip

    @work(thread=True, exclusive=True, group="export")
    def _export(self, request: ExportRequest | None) -> None:
        from tarjimon.core.workbench.exporting import ExportPolicy

        if request is None:
            return
        policy = ExportPolicy(include_drafts=request.include_drafts, fill_source=request.fill_source)
        try:
            report = self.project.export_report(request.fmt, request.lang, request.folder,
                                                overwrite=request.overwrite, policy=policy)  # fmt: skip
        except (TarjimonError, OSError) as exc:
            said = str(exc) if isinstance(exc, TarjimonError) else f"{request.folder}: {exc.strerror or exc}"
            for option, box in OPTION_BOXES.items():  # the core names the CLI's options: here they are boxes
                said = said.replace(f"with {option}", f"with “{box}” ticked").replace(f"use {option}", f"tick “{box}”")
            self.app.call_from_thread(self.notify, f"Not exported: {visible(said)}", severity="error", timeout=12)
            return
        files = report.files
        where = visible(str(files[0].parent)) if files else ""
        named = ", ".join(visible(f.name) for f in files) if len(files) <= 3 else f"{len(files)} files"
        text = f"Exported {request.lang}: {named} in {where}" if files else "Nothing to export: the project has no documents"
        lines = [visible(line) for line in report.lines()]
        self.app.call_from_thread(self.notify, "\n".join([text, *lines]), title="Export", timeout=12)
