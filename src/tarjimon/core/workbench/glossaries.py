"""The shared glossaries folder as the faces use it: `tarjimon glossary list|import|export|add|show|edit|remove|find`.

The team's glossaries are files in one folder (glossaries/NAME.tsv), used by many projects; this is the one
door the CLI and the TUI go through to them (a project's own view of its glossaries is
`Workbench.glossaries()`).
"""

from __future__ import annotations

import builtins
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tarjimon.core.errors import NotFound
from tarjimon.core.models.glossary import Concept, TermHit

if TYPE_CHECKING:
    from tarjimon.core.glossary import editing, store
    from tarjimon.core.glossary.keyed import KeyedGlossary

# Each method imports the part of core/glossary it uses: writing.py (add, edit, remove, import, export: the format
# registry, the TSV writer), editing.py (show, edit), `store` (loading, the index, recognition, ~25 ms of
# imports: rapidfuzz, the morphology: `catalogue`, `load`) or loaded.py (`finder`, through the keyed index), so
# `tarjimon glossary add|edit|remove|show` start without recognition and `find` without the writing side.


#: The name a project's own glossary (glossary.tsv in its folder: the workbench's Ctrl+T terms) goes by.
OWN = "project"


class SharedGlossaries:
    """The glossaries in one folder; with `own`, a project's own glossary file too, named OWN (`tarjimon
    glossary ... --project P`: every glossary P uses, by the name the workbench gives it)."""

    def __init__(self, folder: Path, own: Path | None = None) -> None:
        self.folder = Path(folder)
        self.own = own

    def catalogue(self, names: Sequence[str] | None = None) -> list[store.GlossaryInfo]:
        """Every glossary in the folder (or those `names`, a project's own among them): name, number of
        concepts, languages, path (a glossary without its file yet: 0 concepts)."""
        from tarjimon.core.glossary import store

        if names is None:
            return store.list_glossaries(self.folder)
        return [store.glossary_info(self.path(name), name) for name in names]

    def path(self, name: str) -> Path:
        """The file of glossary `name` (the name is checked: it never leaves the folder)."""
        from tarjimon.core.config import check_name

        if self.own is not None and name == OWN:
            return self.own
        return self.folder / (check_name(name) + ".tsv")  # (writing.glossary_path, without importing writing)

    def exists(self, name: str) -> bool:
        return self.path(name).is_file()

    def import_file(self, name: str, source: str | Path, langs: tuple[str, str] | None = None) -> tuple[int, int]:
        """Merge a TSV/CSV/TBX file into glossary `name` (created if new); (concepts added, merged).
        `langs` (source, target) name the term columns of a table without header (OmegaT's glossaries)."""
        from tarjimon.core.glossary import writing

        return writing.import_file(self.folder, name, source, langs, path=self.path(name))

    def preview(self, source: str | Path, langs: tuple[str, str] | None = None) -> tuple[list[str], int]:
        """What importing `source` would read: (its columns as understood, concepts), nothing written."""
        from tarjimon.core.glossary import writing

        found = writing.read_import(source, "preview", langs)
        return found.understood or [f"terms in {lang}" for lang in found.langs], len(found.concepts)

    def export(self, name: str, out: str | Path, fmt: str | None = None, *, overwrite: bool = False,
               said: builtins.list[str] | None = None) -> int:  # fmt: skip
        """Write glossary `name` to `out` (as `fmt`, else the format its extension names); the number of
        concepts. An existing `out` is replaced only with `overwrite`; `said` gets the line on what the file
        could not hold (a TBX dialect's limits)."""
        from tarjimon.core.glossary import writing

        return writing.export_glossary(self.folder, name, out, fmt, overwrite=overwrite, path=self.path(name),
                                       said=said)  # fmt: skip

    def add(self, name: str, terms: Mapping[str, str | Iterable[str]], note: str = "", domain: str = "",
            status: str = "", pos: str = "") -> tuple[Concept, bool]:
        """Add one concept (language -> term) to glossary `name`; (the concept stored, whether it merged)."""
        from tarjimon.core.glossary import writing

        concept = writing.make_concept(terms, note, domain, status, pos)
        return writing.add_concept(self.path(name), name, concept)

    def show(self, name: str, query: str, limit: int = 50) -> builtins.list[Concept]:
        """The concepts of glossary `name` with a term containing `query` (either Uzbek script), or with the id
        `query`; exact terms first."""
        from tarjimon.core.glossary import editing

        return editing.find_concepts(self._existing(name), name, query, limit)

    def edit(self, name: str, concept_id: str, terms: Mapping[str, Sequence[str]] | None = None, *,
             note: str | None = None, domain: str | None = None, status: str | None = None,
             pos: str | None = None, definition: str | None = None) -> editing.RowChange:  # fmt: skip
        """Change concept `concept_id` of glossary `name`: the languages of `terms` set (an empty list clears
        one), the fields given set. Only its row of the file changes."""
        from tarjimon.core.glossary import editing, writing

        editing.check_values(terms, note, domain, status, pos, definition)  # before the file is even looked at
        path = self._existing(name)
        return writing.change_concept(
            path, name, concept_id,
            lambda old: editing.edited(old, terms, note=note, domain=domain, status=status, pos=pos,
                                       definition=definition),
        )  # fmt: skip

    def remove(self, name: str, concept_id: str) -> Concept:
        """Remove concept `concept_id` from glossary `name` (its line of the file); the concept removed."""
        from tarjimon.core.glossary import writing

        return writing.change_concept(self._existing(name), name, concept_id, lambda _old: None).old

    def _existing(self, name: str) -> Path:
        path = self.path(name)
        if not path.is_file():
            if path == self.own:
                raise NotFound("the project's own glossary has no concepts yet (add one: glossary add project "
                               "--project P --uz TERM --kk TERM, or Ctrl+T in the workbench)", path=path)
            raise NotFound(f"no glossary named {name!r} in {self.folder}")
        return path

    def find(self, name: str, text: str, lang: str, *, fuzzy: bool = True) -> builtins.list[TermHit]:
        """The terms of glossary `name` recognised in `text` (inflected forms, both Uzbek scripts)."""
        return list(self.finder(name, lang).find(text, lang, fuzzy=fuzzy))

    def finder(self, name: str, lang: str) -> store.LoadedGlossary | KeyedGlossary:
        """Glossary `name` opened to find `lang` terms in a text or two and exit (`tarjimon glossary find`):
        through its keyed index on disk, only the text's words read (see glossary/keyed.py)."""
        from tarjimon.core.glossary.loaded import load_for

        return load_for(self.path(name), name, lang)

    def load(self, name: str) -> store.LoadedGlossary:
        """Glossary `name` loaded for recognition (through its row cache; an index per language on first use)."""
        from tarjimon.core.glossary import store

        return store.load_glossary(self.path(name), name)


def term_history(concept: Concept) -> list[dict[str, str]]:
    """Who made or changed a concept and its terms, when: the transactions of the TBX entry it was imported
    from (formats/tbx_history.transactions: "level", "lang", "term", "type", "by", "date"); [] for none."""
    from tarjimon.core.formats import tbx_history

    return tbx_history.transactions(concept.extra)


def term_history_lines(concept: Concept) -> list[str]:
    """term_history as lines: `en "unscheduled operation": origination 2007-07-22 by Jane`."""
    from tarjimon.core.formats import tbx_history

    return tbx_history.history_lines(concept.extra)


def __getattr__(name: str) -> str:
    """HISTORY_COLUMN, the column of a concept's TBX history (shown as history, not as is): formats.tbx_history's,
    imported when first asked for (it imports json; `glossary find` never asks)."""
    if name == "HISTORY_COLUMN":
        from tarjimon.core.formats.tbx_history import COLUMN

        return COLUMN
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
