"""Glossaries on disk: the glossaries/ folder, a cached index per file, and the glossaries a project uses.

Writing them (import, export, add, change, remove, the lock) is writing.py's, offered here too. A glossary NAME is
the file glossaries/NAME.tsv. Loading reads its rows and seeds the recognition index of
a language on first use, keeping rows and seeds under glossaries/.cache/ keyed by the file's size, mtime
and hash (see rowcache): an unchanged file loads from there, a changed one (an add, an edit, a git pull)
re-seeds only the rows that changed.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tarjimon.core import files
from tarjimon.core import langs as langtags
from tarjimon.core.config import install_starter_glossary
from tarjimon.core.errors import BadInput, NotFound
from tarjimon.core.formats.tsv import read_tsv
from tarjimon.core.glossary import adding, editing, filediff, recognize, rowcache
from tarjimon.core.glossary.index import seed_row
from tarjimon.core.glossary.merging import merge_into
from tarjimon.core.glossary.slots import SlotConcepts
from tarjimon.core.glossary.writing import (  # noqa: F401 (offered here too: store is the glossaries' door)
    _add_concept,
    _read_existing,
    add_concept,
    change_concept,
    export_glossary,
    glossary_path,
    import_file,
    locked,
    make_concept,
    read_any,
    read_import,
    save_glossary,
    write_any,
)
from tarjimon.core.models.glossary import Concept, Glossary, TermHit
from tarjimon.core.textio import read_bytes

CACHE_DIR = rowcache.CACHE_DIR
SUFFIX = ".tsv"


class LoadedGlossary:
    """A glossary with its recognition indexes (built per language on first use, thread-safe).

    Loaded from a file, it keeps the file's rows (rowcache.Rows): `refresh` then patches the indexes with
    the rows that changed instead of rebuilding them."""

    def __init__(self, glossary: Glossary | None, path: Path | None = None, *, name: str = "",
                 rows: rowcache.Rows | None = None, cache_dir: Path | None = None) -> None:  # fmt: skip
        self._glossary = glossary
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
                for slot in removed:
                    index.remove_row(slot)
                for slot in added:
                    seed = current[slot]
                    if seed is not None:
                        index.add_row(slot, seed)
            self._indexes[lang] = index
            if fresh and lang in rows.langs:  # newly seeded: cached for the next process
                payload = rows.payload()
        if payload is not None:
            rowcache.save(rows, self._cache_dir, payload)
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

    def refresh(self, data: bytes | None = None, key: tuple | None = None,
                splice: filediff.Splice | None = None) -> LoadedGlossary:  # fmt: skip
        """This glossary brought up to its file: itself with its indexes patched by the rows that changed
        (an added, edited or deleted concept), or a freshly loaded one when the change is too large.
        `data`: the file's bytes as this process just wrote them (not read again); `key`: their cache key,
        when known (GlossarySet.stage: bytes not written yet, a key no file has); `splice`: where they differ
        from the bytes last seen, when the caller made the change."""
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
                seeds = self._rows.seeds[lang]  # type: ignore[union-attr]
                for slot in removed:
                    index.remove_row(slot)
                for slot in added:
                    seed = seeds[slot]
                    if seed is not None:
                        index.add_row(slot, seed)
            # The cache is not rewritten here (marshalling 100,000 rows would hold the GIL for a frame or
            # more): the next process to load the file patches the cached rows the same way and saves them.
            self._glossary = None
            return self

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
    loaded = _load(p, name, data, key, cache_dir, rowcache.load_cached(p, cache_dir))
    for lang in index_langs:
        loaded.index(lang)
    return loaded


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
            rowcache.save(cached, cache_dir)
        return LoadedGlossary(None, p, name=name, rows=cached, cache_dir=cache_dir)
    rows = rowcache.Rows.read(p, data, key)
    if rows is None:  # a file the fast reader leaves to the full one (which also reports its errors)
        return LoadedGlossary(read_tsv(p, name), p)
    return LoadedGlossary(None, p, name=name, rows=rows, cache_dir=cache_dir)


@dataclass(frozen=True)
class GlossaryInfo:
    """What `glossary list` shows."""

    name: str
    path: str
    concepts: int
    langs: tuple[str, ...]


def list_glossaries(folder: Path) -> list[GlossaryInfo]:
    """The shared glossaries in a folder, by name."""
    out: list[GlossaryInfo] = []
    folder = Path(folder)
    if not folder.is_dir():
        return out
    for p in sorted(folder.glob("*" + SUFFIX)):
        g = load_glossary(p).glossary
        out.append(GlossaryInfo(p.stem, str(p), len(g.concepts), tuple(g.all_langs())))
    return out


class GlossarySet:
    """The glossaries a project uses, searched together. Safe to call from worker threads."""

    def __init__(self, glossaries: Iterable[LoadedGlossary], paths: Mapping[str, Path] | None = None) -> None:
        self.glossaries = list(glossaries)
        self._paths = dict(paths or {})
        for g in self.glossaries:
            if g.path is not None:
                self._paths.setdefault(g.name, g.path)
        self._lock = threading.Lock()

    @property
    def names(self) -> list[str]:
        return [g.name for g in self.glossaries]

    def find(self, text: str, lang: str, *, fuzzy: bool = True) -> list[TermHit]:
        """Term occurrences of every glossary in `text` (source side), longest match first, in text order."""
        hits: list[TermHit] = []
        for g in self.glossaries:
            hits.extend(g.find(text, lang, fuzzy=fuzzy))
        if len(self.glossaries) > 1:
            hits = _drop_overlaps(hits)
        return sorted(hits, key=lambda h: (h.start, -h.end))

    def find_now(self, text: str, lang: str) -> list[TermHit] | None:
        """`find` for a UI thread (right after a staged change): None at once when a glossary would make it
        wait (an index not built yet, a change being patched in)."""
        hits: list[TermHit] = []
        for g in self.glossaries:
            found = g.find_now(text, lang)
            if found is None:
                return None
            hits.extend(found)
        if len(self.glossaries) > 1:
            hits = _drop_overlaps(hits)
        return sorted(hits, key=lambda h: (h.start, -h.end))

    def find_target(self, text: str, term: str, lang: str) -> list[tuple[int, int]]:
        """Where `term` occurs in `text` in some form (target-side QA); an empty list when it does not."""
        # a derived adjective counts (мемлекеттік for мемлекет): QA raises no false alarm for it
        hits = recognize.find_in_text(text, [term], langtags.primary(lang), derived=True)
        return [(h.start, h.end) for h in hits]

    def add_concept(self, glossary_name: str, terms: Mapping[str, str | Iterable[str]], note: str = "",
                    domain: str = "", status: str = "") -> Concept:  # fmt: skip
        """Add a concept to one of the set's glossaries (one row spliced into its file), and patch that
        glossary's indexes."""
        path = self._path(glossary_name)
        with self._lock:
            stored, _, data = _add_concept(path, glossary_name, make_concept(terms, note, domain, status))
            self._refreshed(glossary_name, path, data)
        return stored

    def change_concept(self, glossary_name: str, concept_id: str, update: Callable[[Concept], Concept | None],
                       *, row: str | None = None) -> editing.RowChange:  # fmt: skip
        """Change or remove (`update` answers None) a concept of one of the set's glossaries; that glossary's
        indexes are patched with its row. `row`: the concept's line as last shown (see concept_row)."""
        path = self._path(glossary_name)
        with self._lock:
            change = change_concept(path, glossary_name, concept_id, update, row=row)
            self._refreshed(glossary_name, path, change.data)
        return change

    def stage(self, glossary_name: str, make: Callable[[bytes, Path], Made | None]) -> Staged | None:
        """Patch a glossary's indexes at once with its file's bytes as `make` makes them from the bytes last
        read (nothing written yet: `commit` writes them). `make` answers the new bytes, or the steps to them
        with where each changed the bytes (then nothing is compared: adding.spliced_at, editing.changed).
        None when it cannot: a file read whole, a change `make` leaves to the full path, or the glossary busy
        (a change being patched in, a write under way: the caller, a UI thread, must not wait for them; the
        ordinary path in its worker does). An index being built does not make it wait (see index)."""
        loaded = next((g for g in self.glossaries if g.name == glossary_name), None)
        rows = loaded._rows if loaded is not None else None
        if loaded is None or rows is None or rows.data is None or loaded.path is None:
            return None
        if not self._lock.acquire(blocking=False):
            return None
        try:
            if not loaded._lock.acquire(blocking=False):
                return None
            try:
                base = rows.data
                made = make(base, loaded.path)
                if made is None:
                    return None
                steps = [(made, None)] if isinstance(made, bytes) else list(made)
                for data, splice in steps:  # (a key no file has: the bytes are not written yet)
                    if loaded.refresh(data, ("staged", next(_STAGED)), splice) is not loaded:
                        return None
                new = steps[-1][0]
            finally:
                loaded._lock.release()
        finally:
            self._lock.release()
        return Staged(glossary_name, loaded, base, new)

    def commit(self, staged: Staged) -> bool:
        """Write a staged change durably. False (nothing written, the staged patch undone) when the file is
        no longer the one it was made from: the caller then makes the change the ordinary way. A failed
        write undoes the patch and raises."""
        loaded, path = staged.loaded, staged.loaded.path
        assert path is not None
        with self._lock, locked(path):
            current = read_bytes(path) if path.is_file() else b""
            if current != staged.base:
                self._refreshed(staged.glossary, path, None)
                return False
            try:
                with files.atomic_writer(path, before_replace=adding.unchanged(path, current)) as out:
                    out.write(staged.new)
            except BaseException:
                self._refreshed(staged.glossary, path, None)
                raise
            loaded.refresh(staged.new)  # the key of the file as written
        return True

    def concept_row(self, glossary_name: str, concept_id: str, lang: str, term: str) -> tuple[Concept, str | None]:
        """The concept of a hit (its glossary, id, language and term), with its row (LoadedGlossary.concept_row)."""
        loaded = next((g for g in self.glossaries if g.name == glossary_name), None)
        found = loaded.concept_row(concept_id, lang, term) if loaded is not None else None
        if found is None:
            raise NotFound(f"no concept {concept_id!r} in glossary {glossary_name!r} (changed meanwhile?)")
        return found

    def _path(self, glossary_name: str) -> Path:
        path = self._paths.get(glossary_name)
        if path is None:
            raise NotFound(
                f"glossary {glossary_name!r} is not in this set ({', '.join(self._paths) or 'none'})"
            )
        return path

    def _refreshed(self, glossary_name: str, path: Path, data: bytes | None) -> None:
        """The loaded glossary patched with the rows that changed (no rebuild of its indexes); `data`: the
        file's bytes as just written, when known."""
        old = next((g for g in self.glossaries if g.name == glossary_name), None)
        if old is not None and old.path == path:
            fresh = old.refresh(data)
        else:
            fresh = load_glossary(path, glossary_name)
        self.glossaries = [fresh if g.name == glossary_name else g for g in self.glossaries]
        if glossary_name not in self.names:
            self.glossaries.append(fresh)


#: What a staged change's maker answers: the file's new bytes, or the steps to them (bytes, where they changed).
Made = bytes | Sequence[tuple[bytes, filediff.Splice]]
_STAGED = itertools.count()


@dataclass(frozen=True)
class Staged:
    """A change shown in a glossary's indexes before its file is written (GlossarySet.stage, commit)."""

    glossary: str
    loaded: LoadedGlossary = field(repr=False)
    # (not in the repr: Textual's @work describes a worker by the repr of its arguments, and these are 13 MB)
    base: bytes = field(repr=False)  # the file's bytes it was made from
    new: bytes = field(repr=False)  # the file's bytes with the change


def _drop_overlaps(hits: list[TermHit]) -> list[TermHit]:
    order = sorted(hits, key=lambda h: (-(h.end - h.start), -h.score, h.start))
    kept: list[TermHit] = []
    for h in order:
        if any(h.start < k.end and k.start < h.end and (k.start, k.end) != (h.start, h.end) for k in kept):
            continue
        if any(
            (k.start, k.end, k.concept, k.glossary) == (h.start, h.end, h.concept, h.glossary) for k in kept
        ):
            continue
        kept.append(h)
    return kept


def open_set(folder: Path, names: Iterable[str], extra: Iterable[tuple[str, Path]] = ()) -> GlossarySet:
    """A GlossarySet of shared glossaries by name from `folder`, plus (name, path) files that may not exist yet."""
    loaded: list[LoadedGlossary] = []
    paths: dict[str, Path] = {}
    for name in names:
        path = glossary_path(folder, name)
        if not path.is_file() and install_starter_glossary(folder, name) is None:
            raise NotFound(f"no glossary named {name!r} in {folder}")
        loaded.append(load_glossary(path, name))
    for name, path in extra:
        paths[name] = path
        if path.is_file():
            loaded.append(load_glossary(path, name, cache_dir=path.parent / CACHE_DIR))
    return GlossarySet(loaded, paths)


__all__ = [
    "BadInput", "GlossaryInfo", "GlossarySet", "LoadedGlossary", "add_concept", "change_concept", "export_glossary",
    "glossary_path", "import_file", "locked", "list_glossaries", "load_glossary", "make_concept", "merge_into",
    "open_set", "read_any", "write_any",
]  # fmt: skip
