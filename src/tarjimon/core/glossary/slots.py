"""A glossary's concepts by slot, parsed from their rows only when a hit needs them (see rowcache)."""

from __future__ import annotations

from collections.abc import Sequence

from tarjimon.core.formats.tsv import read_tsv_text
from tarjimon.core.glossary.rowcache import Rows
from tarjimon.core.models.glossary import Concept


class SlotConcepts(Sequence[Concept]):
    """A glossary's concepts by slot (see Rows), each parsed from its row when a hit needs it."""

    def __init__(self, rows: Rows) -> None:
        self.rows = rows
        self._done: dict[int, Concept] = {}

    def __len__(self) -> int:
        return len(self.rows.by_slot)

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        found = self._done.get(i)
        if found is None:
            row = self.rows.by_slot[i]
            if row is None:
                raise IndexError(f"concept slot {i} was deleted")
            found = read_tsv_text(self.rows.header + "\n" + row + "\n", self.rows.path, "").concepts[0]
            self._done[i] = found
        return found

    def prefetch(self, slots: list[int]) -> None:
        """Parse the concepts of `slots` at once (one header understood for them all: a text's hits need a
        few hundred, ~0.1 ms each one by one). The rows of a glossary read through Rows are distinct concepts,
        so the parse gives one per row; if not, they are left to be parsed one by one."""
        todo = sorted({i for i in slots if i not in self._done and self.rows.by_slot[i] is not None})
        if len(todo) < 2:
            return
        text = "\n".join([self.rows.header, *(self.rows.by_slot[i] or "" for i in todo)]) + "\n"
        concepts = read_tsv_text(text, self.rows.path, "").concepts
        if len(concepts) == len(todo):
            self._done.update(zip(todo, concepts, strict=True))
