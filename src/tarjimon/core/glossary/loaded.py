"""A glossary loaded for recognition: its rows (rowcache), its term index per language built on first use, found
in and patched when the file changes (store.py offers it beside the glossaries folder and the sets of them)."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from pathlib import Path

from tarjimon.core import langs as langtags
from tarjimon.core.errors import BadInput, NotFound
from tarjimon.core.formats.tsv import read_tsv
from tarjimon.core.glossary import filediff, keyfile, recognize, rowcache, rowfile
from tarjimon.core.glossary.index import RowSeed, seed_row
from tarjimon.core.glossary.keyed import KeyedGlossary, open_keyed
from tarjimon.core.glossary.match_rules import MATCH_COLUMN
from tarjimon.core.glossary.slots import SlotConcepts
from tarjimon.core.models.glossary import Concept, Glossary, TermHit


class LoadedGlossary:
    """A glossary with its recognition indexes (built per language on first use, thread-safe).

    Loaded from a file, it keeps the file's rows (rowcache.Rows): `refresh` then patches the indexes with
    the rows that changed instead of rebuilding them."""

    def __init__(self, glossary: Glossary | None, path: Path | None = None, *, name: str = "",
                 rows: rowcache.Rows | None = None, cache_dir: Path | None = None) -> None:  # fmt: skip
        self._glossary = glossary
        self._garbage: list[object] = []  # freed later, not by a UI thread (refresh, drop_garbage)
        self.path = path
        self._name = name or (glossary.name if glossary else "")
        self._rows = rows
        self._cache_dir = cache_dir
        self.from_cache = False  # whether the rows and seeds came from an up-to-date cache
        self.concepts: Sequence[Concept] = (
            SlotConcepts(rows) if rows is not None else glossary.concepts if glossary is not None else []
        )
        self._indexes: dict[str, recognize.TermIndex] = {}
        self._lock = threading.RLock()  # held while the rows or an index change, or an index is read
        self._builders: dict[str, threading.Lock] = {}  # one build per language at a time
        self._builders_lock = threading.Lock()

    @property
    def name(self) -> str:
        return self._name

    @property
    def seeded_rows(self) -> int:
        """How many rows this object has seeded for an index (0 when loaded from an up-to-date cache)."""
        return self._rows.seeded if self._rows is not None else 0

    @property
    def glossary(self) -> Glossary:
        """The whole glossary (parsed from its file on first use when loaded through the row cache)."""
        if self._glossary is None:
            assert self.path is not None
            self._glossary = read_tsv(self.path, self._name)
        return self._glossary

    def counts(self) -> tuple[int, tuple[str, ...]]:
        """(concepts, languages) as `glossary list` shows them. Loaded through the row cache, a row is a concept
        and the languages are the file's language columns: counted without parsing 100,000 concepts (~2 s)."""
        if self._glossary is None and self._rows is not None:
            return sum(row is not None for row in self._rows.by_slot), tuple(self._rows.langs)
        return len(self.glossary.concepts), tuple(self.glossary.all_langs())

    def index(self, lang: str) -> recognize.TermIndex:
        """The term index of `lang`, built on first use. The build (up to a second at 100,000 rows) runs on a
        snapshot of the rows without holding the glossary's lock, so a change staged meanwhile (the
        workbench's UI thread never waits) is patched in at once and replayed into the new index when it is
        done; a second caller for the same language waits for the first's build."""
        lang = langtags.primary(lang)
        found = self._indexes.get(lang)
        if found is None:
            with self._builders_lock:
                building = self._builders.setdefault(lang, threading.Lock())
            with building:
                found = self._indexes.get(lang)
                if found is None:
                    try:
                        found = self._build(lang)
                    except BadInput as exc:  # a bad `match` cell: name the file
                        raise BadInput(exc.message, path=self.path) from exc
        return found

    def _build(self, lang: str) -> recognize.TermIndex:
        rows = self._rows
        if rows is None:
            with self._lock:
                index = self._indexes[lang] = recognize.TermIndex(lang, self.concepts)
            return index
        with self._lock:
            by_slot, order, seeds, mark = rows.snapshot(lang)
        fresh = seeds is None
        payload = None
        try:
            if seeds is None:
                seeds = rows.seed_rows(lang, by_slot)
            with rowcache.no_gc(len(seeds)):
                index = recognize.TermIndex.from_seeds(lang, seeds, rows.rank, rows.fullness, order)
        except BaseException:
            with self._lock:
                rows.caught_up(lang, None, mark)
            raise
        with self._lock:
            patches = rows.caught_up(lang, seeds if fresh else None, mark)
            current = rows.seeds.get(lang, [])
            for removed, added in patches:  # the changes made while it was built
                _patch(index, current, removed, added)
            self._indexes[lang] = index
            if fresh and lang in rows.langs:  # newly seeded: cached for the next process
                payload = rows.payload()
        if payload is not None:
            rowfile.save(rows, self._cache_dir, payload)
        return index

    def find(self, text: str, lang: str, *, fuzzy: bool = True) -> list[TermHit]:
        """Occurrences of this glossary's `lang` terms in `text`."""
        index = self.index(lang)
        with self._lock:  # not while refresh() patches the index
            raw = recognize.match(index, text, fuzzy=fuzzy)
            return recognize.to_hits(index, self.concepts, raw, text, self.name)

    def find_now(self, text: str, lang: str) -> list[TermHit] | None:
        """`find` for a UI thread: None at once, instead of waiting, while the index is not built yet or a
        change is being patched in."""
        index = self._indexes.get(langtags.primary(lang))
        if index is None or not self._lock.acquire(blocking=False):
            return None
        try:
            raw = recognize.match(index, text, fuzzy=True)
            return recognize.to_hits(index, self.concepts, raw, text, self.name)
        finally:
            self._lock.release()

    def refresh(self, data: bytes | None = None, key: tuple | None = None, splice: filediff.Splice | None = None,
                *, keep_garbage: bool = False) -> LoadedGlossary:  # fmt: skip
        """This glossary brought up to its file: itself with its indexes patched by the rows that changed
        (an added, edited or deleted concept), or a freshly loaded one when the change is too large.
        `data`: the file's bytes as this process just wrote them (not read again); `key`: their cache key,
        when known (GlossarySet.stage: bytes not written yet, a key no file has); `splice`: where they differ
        from the bytes last seen, when the caller made the change; `keep_garbage`: a UI thread's call, which
        must not free big objects (drop_garbage does, later)."""
        if self.path is None:
            return self
        with self._lock:
            if data is None:
                data, key = rowcache.read_file(self.path)
            elif key is None:
                key = rowcache.file_key(data, self.path)
            if self._rows is not None and (key == self._rows.key or data is self._rows.data):
                self._rows.key = key  # (the bytes staged before they were written: only the key is new)
                return self
            change = self._rows.patch(data, key, splice) if self._rows is not None else None
            if change is None:
                return _load(self.path, self._name, data, key, self._cache_dir, None)
            removed, added = change
            for lang, index in self._indexes.items():
                _patch(index, self._rows.seeds[lang], removed, added)  # type: ignore[union-attr]
            # The cache is not rewritten here (marshalling 100,000 rows would hold the GIL for a frame or
            # more): the next process to load the file patches the cached rows the same way and saves them.
            if self._glossary is not None and keep_garbage:
                # (the whole glossary, parsed for the QA names table: freeing 100,000 concepts takes ~60 ms, not
                # on a UI thread: `drop_garbage` frees it, from the worker that writes the change)
                self._garbage.append(self._glossary)
            self._glossary = None
            return self

    def drop_garbage(self) -> None:
        """Free what a refresh with `keep_garbage` kept (see refresh)."""
        self._garbage.clear()

    def concept_row(self, concept_id: str, lang: str, term: str) -> tuple[Concept, str | None] | None:
        """The concept `concept_id` that has `term` in `lang` (a hit's), with its row as the file has it
        (None when the glossary was read whole): what an edit of that hit starts from."""
        with self._lock:
            if self._rows is not None:
                index = self._indexes.get(langtags.primary(lang))
                seeded = seed_row(index.morph, [term]) if index is not None else None
                if index is not None and seeded is not None and seeded[1]:
                    _term, nwords, heads, _name = seeded[1][0]
                    table = index.single if nwords == 1 else index.multi
                    eids = {e for h in heads for e in table.get(h, ())}
                    slots: Iterable[int] = sorted(
                        index.entries[e][0] for e in eids if index.entries[e] is not None and index.entries[e][1] == term
                    )
                else:  # not indexed in that language: every row
                    slots = range(len(self._rows.by_slot))
                for slot in slots:
                    row = self._rows.by_slot[slot]
                    if row is not None and self.concepts[slot].id == concept_id:
                        return self.concepts[slot], row
                return None
            found = next((c for c in self.concepts if c.id == concept_id), None)
            return (found, None) if found is not None else None

    def save_keyed(self, lang: str) -> None:
        """Write the keyed index of `lang` (keyfile.py) from this glossary's rows and index, for the next
        process that only looks up a text's words (load_for). Only a plain file's, without match rules."""
        lang = langtags.primary(lang)
        rows, index = self._rows, self.index(lang)
        if (self.path is None or rows is None or rows.data is None or index.rules or MATCH_COLUMN in rows._at
                or lang not in rows.langs):  # fmt: skip
            return
        with self._lock:  # (the lists of the index, copied in the same order: nothing changes them meanwhile)
            try:
                keyfile.write(keyfile.key_file(self.path, lang, self._cache_dir), index, key=rows.key,
                              data=rows.data, order=rows.order, dups=rows.dups)  # fmt: skip
            except ValueError:
                pass


def load_glossary(path: str | Path, name: str | None = None, *, cache_dir: Path | None = None,
                  index_langs: Iterable[str] = ()) -> LoadedGlossary:  # fmt: skip
    """Load a TSV glossary through its row cache (read, patched or rebuilt as the file requires).

    Indexes are built per language on first use (`index_langs`: now). `cache_dir` defaults to .cache/ next
    to the file; a cache that cannot be written is simply skipped.
    """
    p = Path(path)
    name = name or p.stem
    if not p.is_file():
        raise NotFound(f"no glossary named {name!r}", path=p)
    data, key = rowcache.read_file(p)
    loaded = _load(p, name, data, key, cache_dir, rowfile.load_cached(p, cache_dir))
    for lang in index_langs:
        loaded.index(lang)
    return loaded


def load_for(path: Path, name: str, lang: str, *, cache_dir: Path | None = None) -> LoadedGlossary | KeyedGlossary:
    """A glossary to find `lang` terms in, for a process that recognises a few texts and exits (`tarjimon
    glossary find`): through its keyed index when there is one for a recent version of the file (only the
    text's words are read, keyed.py), else loaded the ordinary way, its index built, and the keyed index
    written for the next process."""
    lang = langtags.primary(lang)
    if not path.is_file():
        raise NotFound(f"no glossary named {name!r}", path=path)
    data, key = rowcache.read_file(path)

    def ordinary() -> LoadedGlossary:
        loaded = _load(path, name, data, key, cache_dir, rowfile.load_cached(path, cache_dir))
        loaded.save_keyed(lang)
        return loaded

    found = open_keyed(path, name, lang, data, key, cache_dir)
    if found is None:
        return ordinary()
    found.fallback = ordinary  # (a file damaged past its first pages: found out only when a key there is read)
    return found


def _load(p: Path, name: str, data: bytes, key: tuple, cache_dir: Path | None,
          cached: rowcache.Rows | None) -> LoadedGlossary:  # fmt: skip
    if cached is not None and cached.key == key:
        loaded = LoadedGlossary(None, p, name=name, rows=cached, cache_dir=cache_dir)
        loaded.from_cache = True
        return loaded
    if cached is not None and cached.key[:2] == key[:2] and cached.patch(data, key) is not None:
        # Only the changed rows were read and seeded. After a small change (an add) the cache stays as it
        # is: the next load patches it again in a few ms, where rewriting it would take ~0.2 s at 100,000
        # rows; a larger one is saved.
        if cached.changed > rowcache.SAVE_AFTER_ROWS:
            rowfile.save(cached, cache_dir)
        return LoadedGlossary(None, p, name=name, rows=cached, cache_dir=cache_dir)
    rows = rowcache.Rows.read(p, data, key)
    if rows is None:  # a file the fast reader leaves to the full one (which also reports its errors)
        return LoadedGlossary(read_tsv(p, name), p)
    return LoadedGlossary(None, p, name=name, rows=rows, cache_dir=cache_dir)


def _patch(index: recognize.TermIndex, seeds: Sequence[RowSeed | None], removed: Iterable[int],
           added: Iterable[int]) -> None:  # fmt: skip
    """Take the `removed` rows out of a term index and put the `added` ones in, from their seeds."""
    for slot in removed:
        index.remove_row(slot)
    for slot in added:
        seed = seeds[slot]
        if seed is not None:
            index.add_row(slot, seed)
