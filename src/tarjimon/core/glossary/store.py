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
from tarjimon.core.errors import BadInput, NotFound, TarjimonError
from tarjimon.core.glossary import adding, editing, filediff, recognize, rowcache
from tarjimon.core.glossary.loaded import LoadedGlossary, load_glossary
from tarjimon.core.glossary.merging import merge_into
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
from tarjimon.core.models.glossary import Concept, TermHit
from tarjimon.core.textio import read_bytes

CACHE_DIR = rowcache.CACHE_DIR
SUFFIX = ".tsv"


@dataclass(frozen=True)
class GlossaryInfo:
    """What `glossary list` shows."""

    name: str
    path: str
    concepts: int
    langs: tuple[str, ...]
    problem: str = ""  # why the file could not be read (its one-line error, file and line), else ""


def glossary_info(path: Path, name: str | None = None) -> GlossaryInfo:
    """One glossary's line of `glossary list`: a file that cannot be read (a merge left unresolved, bad bytes) is
    listed with its problem and 0 concepts, so the others are still listed."""
    try:
        concepts, langs = load_glossary(path, name).counts() if path.is_file() else (0, ())
    except TarjimonError as e:
        return GlossaryInfo(name or path.stem, str(path), 0, (), str(e))
    return GlossaryInfo(name or path.stem, str(path), concepts, langs)


def list_glossaries(folder: Path) -> list[GlossaryInfo]:
    """The shared glossaries in a folder, by name."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    return [glossary_info(p) for p in sorted(folder.glob("*" + SUFFIX))]


class GlossarySet:
    """The glossaries a project uses, searched together. Safe to call from worker threads."""

    def __init__(self, glossaries: Iterable[LoadedGlossary], paths: Mapping[str, Path] | None = None) -> None:
        self.glossaries = list(glossaries)
        self._paths = dict(paths or {})
        for g in self.glossaries:
            if g.path is not None:
                self._paths.setdefault(g.name, g.path)
        self._lock = threading.Lock()
        # name -> its file's stat as last seen (follow_files): a change by another program is noticed
        self._stamps = {g.name: _stamp(g.path) for g in self.glossaries if g.path is not None}

    def follow_files(self) -> list[str]:
        """The glossaries whose file another program changed since the set last looked (its size, mtime or
        inode moved: `tarjimon glossary add`, a `git pull`, an editor), each brought up to its file (patched
        with the rows that changed, LoadedGlossary.refresh). A file that cannot be read now (a git conflict,
        a bad row) keeps its glossary as it was, and the first such error is raised once the others are done
        (once per change of the file: it is not read again until it changes again). One stat a glossary
        when nothing changed."""
        moved: list[str] = []
        failed: TarjimonError | None = None
        with self._lock:
            for i, loaded in enumerate(self.glossaries):
                if loaded.path is None:
                    continue
                stamp = _stamp(loaded.path)
                if stamp == self._stamps.get(loaded.name):
                    continue
                self._stamps[loaded.name] = stamp
                if stamp is None:  # (gone: what was read stays, as for a glossary that fails to load)
                    continue
                try:
                    self.glossaries[i] = loaded.refresh()
                except TarjimonError as exc:
                    failed = failed or exc
                    continue
                moved.append(loaded.name)
        if failed is not None:
            raise failed
        return moved

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

    def find_target(self, text: str, term: str | Sequence[str], lang: str) -> list[tuple[int, int]]:
        """Where `term` (or any of several: a concept's synonyms) occurs in `text` in some form (target-side
        QA); an empty list when it does not."""
        # a derived adjective counts (мемлекеттік for мемлекет): QA raises no false alarm for it
        terms = [term] if isinstance(term, str) else list(term)
        hits = recognize.find_in_text(text, terms, langtags.primary(lang), derived=True)
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
                    if loaded.refresh(data, ("staged", next(_STAGED)), splice, keep_garbage=True) is not loaded:
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
        loaded.drop_garbage()  # (here, in the writer's thread, not the UI thread that staged the change)
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
            self._stamps[staged.glossary] = _stamp(path)  # (this process's own change: nothing to follow)
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
        self._stamps[glossary_name] = _stamp(path)


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


def _stamp(path: Path) -> tuple[int, int, int] | None:
    """A file's (size, mtime, inode): what follow_files compares (None: no such file)."""
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns, st.st_ino


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
