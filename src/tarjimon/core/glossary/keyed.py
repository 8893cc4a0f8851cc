"""A glossary's term index read from its keyed index file (keyfile.py) one key at a time: recognition of a
text reads the entries of the text's words only, not the whole index.

`KeyedIndex` is a TermIndex whose maps (single, multi, names, fuzzy), entries, ranks and first terms are
filled from the file on first look-up of a key, so recognize.match and senses run on it unchanged. When the
glossary's file is no longer the version the index was written for (an add, an edit, a delete since), the
two versions' bytes are compared (filediff) and the index is patched in memory as LoadedGlossary.refresh
patches one: the removed rows' entries dropped (TermIndex.remove_row), the new rows seeded and added
(TermIndex.add_row); only those rows are seeded. Anything this path does not handle exactly as the full one
(a new header, a file that is not plain, a repeated source term, more than MAX_CHANGED_ROWS changed rows, a
`match` column, a damaged file) answers None: the caller loads the glossary the ordinary way and writes the
file again (loaded.load_for).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tarjimon.core import langs as langtags
from tarjimon.core.errors import TarjimonError
from tarjimon.core.glossary import filediff, keyfile, recognize
from tarjimon.core.glossary.index import TermIndex
from tarjimon.core.glossary.match_rules import MATCH_COLUMN
from tarjimon.core.glossary.rowcache import Rows, _Slow
from tarjimon.core.glossary.rowdiff import kept_slots
from tarjimon.core.glossary.slots import SlotConcepts
from tarjimon.core.models.glossary import TermHit

#: A version with more rows changed since the index was written is loaded the ordinary way (and the index
#: written again): seeding and patching 1,000 rows costs about what reading the whole index would.
MAX_CHANGED_ROWS = 1000
_NONE: Any = object()


class _Table(dict):  # type: ignore[type-arg]
    """One of an index's maps, each key read from the file on its first look-up (`load` answers None for a
    key the file does not have); keys deleted by a patch stay deleted."""

    def __init__(self, load: Callable[[Any], Any], nonempty: bool) -> None:
        super().__init__()
        self._load, self._nonempty = load, nonempty
        self._absent: set[Any] = set()

    def get(self, key: Any, default: Any = None) -> Any:
        found = dict.get(self, key, _NONE)
        if found is _NONE:
            if key in self._absent:
                return default
            found = self._load(key)
            if found is None:
                self._absent.add(key)
                return default
            dict.__setitem__(self, key, found)
        return found

    def __getitem__(self, key: Any) -> Any:
        found = self.get(key, _NONE)
        if found is _NONE:
            raise KeyError(key)
        return found

    def __contains__(self, key: object) -> bool:
        return self.get(key, _NONE) is not _NONE

    def setdefault(self, key: Any, default: Any = None) -> Any:
        found = self.get(key, _NONE)
        if found is _NONE:
            self[key] = found = default
        return found

    def __setitem__(self, key: Any, value: Any) -> None:
        self._absent.discard(key)
        dict.__setitem__(self, key, value)

    def __delitem__(self, key: Any) -> None:
        dict.__delitem__(self, key)
        self._absent.add(key)

    def pop(self, key: Any, *default: Any) -> Any:
        self.get(key)
        self._absent.add(key)
        return dict.pop(self, key, *default)

    def __bool__(self) -> bool:  # (whether the file has any key: `if index.names` skips a pass when not)
        return self._nonempty or dict.__len__(self) > 0


class _Entries:
    """An index's entries by id: those of the file as their keys are read, those a patch appends after."""

    def __init__(self, count: int) -> None:
        self.known: dict[int, Any] = {}
        self.count = count

    def __getitem__(self, eid: int) -> Any:
        return self.known[eid]

    def __setitem__(self, eid: int, entry: Any) -> None:
        self.known[eid] = entry

    def __len__(self) -> int:
        return self.count

    def append(self, entry: Any) -> None:
        self.known[self.count] = entry
        self.count += 1


class _Ranks:
    """A row's rank: its position in the base version, or the rank a patch gave a new row."""

    def __init__(self) -> None:
        self.new: dict[int, float] = {}

    def __getitem__(self, slot: int) -> float:
        found = self.new.get(slot)
        return float(slot) if found is None else found


class _Lines:
    """The rows by slot (Rows.by_slot): a base row decoded from the file's bytes when asked, where it now is;
    rows a patch changed, added or removed (None) from `changed`."""

    def __init__(self, data: bytes, starts: Any, slots: int) -> None:
        self.data, self.starts, self.slots = data, starts, slots
        self.changed: dict[int, str | None] = {}
        self.shift_from, self.shift = slots, 0  # base rows from this slot on moved by `shift` bytes
        self.added = 0

    def __len__(self) -> int:
        return self.slots + self.added

    def __getitem__(self, slot: int) -> str | None:
        found = self.changed.get(slot, _NONE)
        if found is not _NONE:
            return found
        if not 0 <= slot < self.slots:
            raise IndexError(slot)
        at, end = self.starts[slot], self.starts[slot + 1] - 1
        if slot >= self.shift_from:
            at, end = at + self.shift, end + self.shift
        return self.data[at:end].decode("utf-8")


class KeyedIndex(TermIndex):
    """The TermIndex of one language read from a keyed index file (see the module's docstring)."""

    # A process that recognises a text or two does not build deletion neighbourhoods (~45 ms for the seed
    # article at 100,000 dictionary words, a few look-ups each): rapidfuzz over every bucket (~8 ms).
    small_bucket = 1 << 62

    def __init__(self, lang: str, kf: keyfile.KeyFile, fullness: Callable[[int], int]) -> None:
        super().__init__(lang)
        self.file = kf
        self.indexed = 0
        self.fullness_of = fullness
        self.entries = _Entries(kf.entries)  # type: ignore[assignment]
        self.rank = _Ranks()  # type: ignore[assignment]
        self.single = _Table(lambda k: self._read(0, k), True)
        self.multi = _Table(lambda k: self._read(1, k), True)
        self.names = _Table(lambda k: self._read(2, k), kf.has_names)
        self.fuzzy = _Table(kf.fuzzy, kf.has_fuzzy)
        firsts, slots = kf.firsts, kf.slots
        self._seeds = _Table(  # type: ignore[assignment]
            lambda s: (None, firsts[s]) if 0 <= s < slots and firsts[s] >= 0 else None, True
        )

    def _read(self, kind: int, key: str) -> list[int] | None:
        """The entries of `key` in table `kind` (its entries in the other tables are kept from the same read:
        a word is looked up as a single-word term and as a multi-word term's first)."""
        found: list[int] | None = None
        tables = (self.single, self.multi, self.names)
        got = self.file.heads(key)
        for k, table in enumerate(tables):
            eids = self._eids(got[k]) if k in got else None
            if k == kind:
                found = eids
            elif not dict.__contains__(table, key) and key not in table._absent:  # type: ignore[attr-defined]
                if eids is None:
                    table._absent.add(key)  # type: ignore[attr-defined]
                else:
                    dict.__setitem__(table, key, eids)
        return found

    def _eids(self, found: list[tuple[int, int, str, str | None]]) -> list[int]:
        known = self.entries.known  # type: ignore[attr-defined]
        eids = []
        for eid, slot, term, head in found:
            entry = known.get(eid, _NONE)
            if entry is _NONE:
                known[eid] = (slot, term, (head,), ()) if head is not None else (slot, term, None, None)
            elif entry is None:
                continue  # a row a patch removed
            eids.append(eid)
        return eids


class KeyedGlossary:
    """A glossary to find terms of one language in, through its keyed index (LoadedGlossary's `find`).
    `fallback` loads it the ordinary way: used when the file turns out damaged in the middle of a find."""

    def __init__(self, path: Path, name: str, lang: str, index: KeyedIndex, rows: Rows, seeded: int) -> None:
        self.path, self.name, self.lang = path, name, lang
        self.index_of = index
        self.concepts = SlotConcepts(rows)
        self.seeded_rows = seeded  # rows seeded since the index file was written (those changed since)
        self.from_cache = True
        self.fallback: Callable[[], Any] | None = None

    def find(self, text: str, lang: str, *, fuzzy: bool = True) -> list[TermHit]:
        """Occurrences of this glossary's terms in `text` (`lang`: the language it was opened for)."""
        if langtags.primary(lang) != self.lang:
            raise ValueError(f"opened to find {self.lang} terms, not {lang}")
        index = self.index_of
        try:
            raw = recognize.match(index, text, fuzzy=fuzzy)
            self.concepts.prefetch([index.entries[h.entry][0] for h in raw])
            return recognize.to_hits(index, self.concepts, raw, text, self.name)
        except (sqlite3.Error, ValueError, EOFError, TypeError, KeyError, IndexError, UnicodeDecodeError):
            if self.fallback is None:  # (a damaged page of the file, found only when a key on it is read)
                raise
            return self.fallback().find(text, lang, fuzzy=fuzzy)


def open_keyed(path: Path, name: str, lang: str, data: bytes, key: tuple,
               cache_dir: Path | None = None) -> KeyedGlossary | None:  # fmt: skip
    """Glossary file `path` (its bytes `data`, cache key `key`) for finding `lang` terms through its keyed
    index, patched with the rows changed since it was written; None when the ordinary load must do."""
    target = keyfile.key_file(path, lang, cache_dir)
    if target.is_symlink() or not target.is_file():  # (a link planted there is neither read nor written)
        return None
    try:
        kf = keyfile.KeyFile(target)
    except ValueError:
        return None
    try:
        return _open(path, name, lang, data, key, kf)
    except (sqlite3.Error, ValueError, EOFError, IndexError, UnicodeDecodeError, _Slow, TarjimonError):
        kf.close()
        return None


def _open(path: Path, name: str, lang: str, data: bytes, key: tuple, kf: keyfile.KeyFile) -> KeyedGlossary | None:
    same = tuple(kf.key) == tuple(key)
    if kf.lang != lang or tuple(kf.key[:2]) != tuple(key[:2]) or not (same or filediff.looks_plain(data)):
        return None
    rows = Rows.__new__(Rows)
    rows._header(path, key, data[: data.index(b"\n")].decode("utf-8"))
    if not rows.has_header or MATCH_COLUMN in rows._at or lang not in rows._at:
        return None
    lines = _Lines(data, kf.starts, kf.slots)
    rows.by_slot = lines  # type: ignore[assignment]
    rows.seeded = 0
    index = KeyedIndex(lang, kf, rows.fullness)
    if not same and not _patch(rows, lines, index, kf, data):
        return None
    return KeyedGlossary(path, name, lang, index, rows, rows.seeded)


def _patch(rows: Rows, lines: _Lines, index: KeyedIndex, kf: keyfile.KeyFile, data: bytes) -> bool:
    """Patch the index with the rows that changed between the index's base version and `data` (as Rows.patch
    finds them: rows of the changed run that are still there, in the same order, keep their slot)."""
    base = kf.base(data)
    change = filediff.changed_lines(base, data)
    if change.first == 0 or not filediff.plain_lines(change.new):
        return False  # the header, or a line the fast reader leaves to the full one
    mid_new = change.new.decode("utf-8").split("\n")[:-1]
    if not all(ln.strip() and not ln.startswith("\ufeff") for ln in mid_new):
        return False
    lo, end, n = change.first - 1, change.old_end - 1, kf.slots  # base rows [lo, end) were replaced
    starts = kf.starts
    mid_old = {s: base[starts[s] : starts[s + 1] - 1].decode("utf-8") for s in range(lo, end)}
    where, keep, removed, added_rows = kept_slots(list(mid_old.items()), mid_new)
    if len(removed) + len(added_rows) > MAX_CHANGED_ROWS:
        return False
    fresh = [rows._dup(row) for row in added_rows]
    gone = set(removed)
    if len(set(fresh)) < len(fresh) or any(s not in gone for s in kf.dup_slots(fresh)):
        return False  # a repeated source term: the full reader merges the rows into one concept
    lines.shift_from, lines.shift = end, len(data) - len(base)
    for slot in keep:
        lines.changed[slot] = mid_old[slot]
    # New rows get slots after the base's and ranks spread between their neighbours' (as Rows.patch).
    start = float(lo - 1) if lo else -1.0
    stop = float(end) if end < n else float(max(n - 1, 0)) + len(mid_new) + 1.0
    last, run, added = start, [], []  # type: ignore[var-annotated]
    for row in [*mid_new, None]:
        at = where.get(row) if row is not None else None
        if row is not None and at not in keep:
            run.append(row)
            continue
        high = float(at) if at is not None else stop
        step = (high - last) / (len(run) + 1)
        for k, fresh_row in enumerate(run, 1):
            new_slot = n + len(added)
            lines.changed[new_slot] = fresh_row
            index.rank.new[new_slot] = last + k * step  # type: ignore[attr-defined]
            added.append(new_slot)
        run = []
        if at is not None:
            last = float(at)
    lines.added = len(added)
    lang = index.lang
    for slot in removed:
        seeded = rows._seed(lang, slot, mid_old)  # type: ignore[arg-type]
        first = kf.firsts[slot]
        lines.changed[slot] = None
        if seeded is not None and seeded[1] and first >= 0:
            index._seeds[slot] = (seeded[1], first)
            index.remove_row(slot)
    rows.seeded = 0  # (the removed rows were seeded only to find their keys)
    for slot in added:
        seeded = rows._seed(lang, slot)
        if seeded is not None:
            index.add_row(slot, seeded)
    return True
