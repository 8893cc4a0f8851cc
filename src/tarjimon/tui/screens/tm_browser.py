"""The TM browser (Ctrl+B, or the palette): the project's TM page by page, newest first.

Search by text in the source or target (any case, Uzbek in either script), filter by target language and
origin; Enter (or E) edits the unit under the cursor, Delete (or D) deletes it after a question, Ctrl+Z (or U)
brings back the last one deleted. Units come a page at a time from a worker as the cursor nears the end, so
a TM of 100,000 units opens and scrolls like a small one. Opened from the workbench with the current
segment's TM matches, it shows those first: Ctrl+B then D deletes a wrong match.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Static

from tarjimon.core.errors import TarjimonError
from tarjimon.core.workbench.tm_units import BrowsedUnit, TMUnits, UnitQuery
from tarjimon.tui.plain import cell
from tarjimon.tui.screens.confirm import ConfirmScreen
from tarjimon.tui.screens.tm_unit_edit import TMUnitEditScreen

PAGE = 100


def _cut(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


class TMBrowserScreen(ModalScreen[bool]):
    """Answers whether the TM changed (the workbench then looks its matches up again)."""

    BINDINGS = [
        Binding("escape", "close", "Close", id="close-tm-browser"),
        Binding("delete,d", "delete_unit", "Delete", id="tm-browser-delete"),
        Binding("e", "edit_unit", "Edit", id="tm-browser-edit"),
        Binding("ctrl+z,u", "undo_delete", "Undo delete", id="tm-browser-undo"),
    ]

    class Page(Message):
        def __init__(self, serial: int, units: list[BrowsedUnit], first: bool) -> None:
            super().__init__()
            self.serial = serial
            self.units = units
            self.first = first

    def __init__(self, tm_units: TMUnits, *, lang: str | None = None, matches: list[Any] | None = None,
                 edit_first: bool = False, read_only: bool = False) -> None:
        super().__init__()
        self.read_only = read_only
        self.tm_units = tm_units
        self.lang = lang
        self.match_ids = [m.unit_id for m in matches or []]
        self.edit_first = edit_first
        self.units: list[BrowsedUnit] = []
        self.query_now = UnitQuery()
        self.more = False
        self.fetching = False
        self.serial = 0
        self.changed = False

    def compose(self) -> ComposeResult:
        with Vertical(id="tm-browser-box", classes="dialog") as box:
            box.border_title = "TM browser" + (" (read-only)" if self.read_only else "")
            box.border_subtitle = "Enter/E edits · Del/D deletes · Ctrl+Z/U undoes a delete · Esc closes"
            with Horizontal(id="tm-browser-search"):
                yield Input(placeholder="text in the source or target (Enter searches; empty: the whole TM)",
                            id="tmb-text")
                yield Input(self.lang or "", placeholder="target", id="tmb-lang")
                yield Input(placeholder="origin", id="tmb-origin")
            yield Static("", id="tmb-status")
            table: DataTable[Any] = DataTable(id="tmb-table", cursor_type="row", zebra_stripes=True)
            yield table
            yield Static("", id="tmb-detail")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("#", "pair", "source", "target", "origin", "changed", "used")
        if self.match_ids:
            self.show_matches()
        else:
            self.search()
        table.focus()

    # ---- loading --------------------------------------------------------------------------------
    def show_matches(self) -> None:
        found = []
        for uid in self.match_ids:
            try:
                unit = self.tm_units.unit(uid)
            except TarjimonError:
                continue
            found.append(BrowsedUnit(unit, self.tm_units.workbench.repo.target_uses(unit.source, unit.target_lang,
                                                                                     unit.target)))
        self.units = []
        self.query_one(DataTable).clear()
        self.more = False
        self._add(found)
        self._status(f"the current segment's {len(found)} TM matches · Enter in the search box: the whole TM")
        if self.edit_first and found:
            self.action_edit_unit()

    def search(self) -> None:
        lang = self.query_one("#tmb-lang", Input).value.strip() or None
        self.query_now = UnitQuery(self.query_one("#tmb-text", Input).value, None, lang,
                                   self.query_one("#tmb-origin", Input).value.strip())
        self.serial += 1
        self.units = []
        self.query_one(DataTable).clear()
        self.more = True
        self._status("looking…")
        self.load(self.serial, self.query_now, None)

    @work(thread=True, exclusive=True, group="tm-browser")
    def load(self, serial: int, query: UnitQuery, before: int | None) -> None:
        self.fetching = True
        try:
            units = self.tm_units.page(query, before=before, limit=PAGE)
        except Exception as exc:  # shown, not raised
            self.app.call_from_thread(self.notify, f"TM browser: {exc}", severity="error")
            units = []
        self.post_message(self.Page(serial, units, before is None))

    def on_tmbrowser_screen_page(self, message: Page) -> None:
        self.fetching = False
        if message.serial != self.serial:
            return
        self.more = len(message.units) == PAGE
        self._add(message.units)
        total = self.tm_units.workbench.tm.count()
        what = "units" if not (self.query_now.text or self.query_now.origin or self.query_now.target_lang) else \
            "units found"
        self._status(f"{len(self.units)}{'+' if self.more else ''} {what} shown · {total} in the TM")

    def _add(self, units: list[BrowsedUnit]) -> None:
        table = self.query_one(DataTable)
        for b in units:
            u = b.unit
            table.add_row(str(u.id), f"{u.source_lang}>{u.target_lang}", cell(_cut(u.source, 40)), cell(_cut(u.target, 40)),
                          cell(_cut(u.origin or "tm", 22)), u.changed_at[:10], str(b.uses), key=str(u.id))
            self.units.append(b)
        self._detail()

    def _status(self, text: str) -> None:
        self.query_one("#tmb-status", Static).update(Text(text, style="dim"))

    def current(self) -> BrowsedUnit | None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        return self.units[row] if 0 <= row < len(self.units) else None

    def _detail(self) -> None:
        b = self.current()
        detail = self.query_one("#tmb-detail", Static)
        if b is None:
            detail.update(Text("no units", style="dim italic"))
            return
        u = b.unit
        out = Text()
        out.append(f"#{u.id} {u.source_lang} ", style="dim")
        out.append(u.source)
        out.append(f"\n{' ' * (len(str(u.id)) + 2)}{u.target_lang} ", style="dim")
        out.append(u.target, style="bold")
        out.append(f"\nfrom {u.origin or 'tm'} · created {u.created_at[:16].replace('T', ' ')} · changed "
                   f"{u.changed_at[:16].replace('T', ' ')} · {_used_by(b.uses)}", style="dim")
        detail.update(out)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._detail()
        if self.more and not self.fetching and event.cursor_row >= len(self.units) - 10 and self.units:
            self.fetching = True
            self.load(self.serial, self.query_now, self.units[-1].unit.id)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_edit_unit()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.match_ids = []
        self.search()
        self.query_one(DataTable).focus()

    # ---- changing ----------------------------------------------------------------------------------
    def _refuse(self) -> bool:
        if self.read_only:
            self.notify("Read-only: correct the TM where the project is open for editing", severity="warning",
                        timeout=3)
        return self.read_only

    def action_edit_unit(self) -> None:
        b = self.current()
        if b is None or self._refuse():
            return
        index = self.query_one(DataTable).cursor_row

        def done(texts: tuple[str, str] | None) -> None:
            if texts is None:
                return
            source, target = texts
            try:
                unit = self.tm_units.edit(b.unit.id, source=source, target=target)
            except TarjimonError as exc:
                self.notify(str(exc), severity="error")
                return
            self.changed = True
            self._replace(index, BrowsedUnit(unit, b.uses), merged=unit.id != b.unit.id)
            self.notify(f"TM unit #{unit.id} saved", timeout=3)

        self.app.push_screen(TMUnitEditScreen(b.unit), done)

    def action_delete_unit(self) -> None:
        if self.focused is not None and isinstance(self.focused, Input):
            return
        b = self.current()
        if b is None or self._refuse():
            return
        index = self.query_one(DataTable).cursor_row

        def done(yes: bool | None) -> None:
            if not yes:
                return
            self.tm_units.delete(b.unit.id)
            self.changed = True
            self._replace(index, None)
            self.notify(f"Deleted TM unit #{b.unit.id} (Ctrl+Z brings it back)", timeout=4)

        question = Text()
        question.append(b.unit.source + "\n")
        question.append("→ " + b.unit.target, style="bold")
        question.append(f"\nfrom {b.unit.origin or 'tm'} · {_used_by(b.uses)}", style="dim")
        self.app.push_screen(ConfirmScreen("Delete this TM unit?", question, "Delete"), done)  # type: ignore[arg-type]

    def action_undo_delete(self) -> None:
        if (self.focused is not None and isinstance(self.focused, Input)) or self._refuse():
            return
        try:
            unit = self.tm_units.undo_delete()
        except TarjimonError as exc:
            self.notify(str(exc), severity="warning", timeout=3)
            return
        self.changed = True
        self.units.insert(0, BrowsedUnit(unit, self.tm_units.workbench.repo.target_uses(
            unit.source, unit.target_lang, unit.target)))
        self._rebuild(0)
        self.notify(f"TM unit back: {_cut(unit.target, 60)}", timeout=3)

    def _replace(self, index: int, unit: BrowsedUnit | None, merged: bool = False) -> None:
        if unit is None or merged:
            del self.units[index]
            if unit is not None and all(b.unit.id != unit.unit.id for b in self.units):
                self.units.insert(index, unit)
        else:
            self.units[index] = unit
        self._rebuild(min(index, len(self.units) - 1))

    def _rebuild(self, cursor: int) -> None:
        units, self.units = self.units, []
        table = self.query_one(DataTable)
        table.clear()
        self._add(units)
        if units:
            table.move_cursor(row=max(0, cursor))
        self._detail()

    def action_close(self) -> None:
        self.dismiss(self.changed)


def _used_by(uses: int) -> str:
    return f"used by {uses} confirmed target{'' if uses == 1 else 's'}"
