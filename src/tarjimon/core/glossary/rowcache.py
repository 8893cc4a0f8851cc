"""A TSV glossary's rows as its term indexes see them: read fast, cached beside the file, patched on change.

A cold index build used to parse every row into a Concept and run the morphology (transliteration, suffix
analysis, stemming) on every word of every term in four languages. Here a row is only cut into its term
cells, and only the language asked for is seeded (`index.seed_row`: the key of each term's first word); the
seeds are cached in glossaries/.cache/NAME.tsv.idx with the rows, keyed by the file's size, mtime and hash.
When the file changes (`glossary add`, the workbench, an editor, a git pull) the cached rows are compared
with the new ones: the unchanged rows before and after the change keep their seeds, and only the rows in
between are seeded and (in a running app) patched into the index. A file the fast reader does not handle
exactly as the full reader would (no header, a bad row, a repeated source term merged into one concept)
returns None, and the caller takes the full path (formats.tsv), which also reports the errors.
"""

from __future__ import annotations

import gc
import re
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tarjimon.core.errors import TarjimonError
from tarjimon.core.formats import table_header
from tarjimon.core.glossary import filediff
from tarjimon.core.glossary.ids import CACHE_DIR  # noqa: F401 (rowfile and store name it from here)
from tarjimon.core.glossary.index import RowSeed, alnum_lines, seed_cells, seed_row
from tarjimon.core.glossary.match_rules import MATCH_COLUMN
from tarjimon.core.glossary.morphology import morphology, rules_fingerprint
from tarjimon.core.glossary.rowdiff import ChangedRows, kept_slots, table_lines
from tarjimon.core.models.glossary import STATUSES, split_synonyms
from tarjimon.core.textio import read_bytes

CACHE_VERSION = 7  # 3: Uzbek Latin keys through the transliteration lexicon; 4: rows and seeds; 5: bytes;
# 6: a plain file's rows not stored beside its bytes; 7: the seeds marshalled in chunks (see Rows.dump)
#: A patch replacing more rows than this rebuilds instead (as fast, and simpler).
MAX_PATCH_ROWS = 5000
#: A load whose patch compared more rows than this rewrites the cache (~0.2 s at 100,000 rows); below, the
#: next load patches again (decoding and comparing 20,000 rows takes ~10 ms).
SAVE_AFTER_ROWS = 20_000
#: Builds of at least this many rows freeze what they made out of the garbage collector's reach (see no_gc).
FREEZE_ROWS = 20_000


@contextmanager
def no_gc(rows: int = 0) -> Iterator[list[int]]:
    """The cyclic garbage collector paused while building 100,000s of containers that hold no cycles (it
    would scan them again and again: half the time of a build). After a build of `rows` >= FREEZE_ROWS rows
    the objects alive are frozen (gc.freeze): the first collections after the build would otherwise scan
    them all once more (~0.1 s at 100,000 rows, in the TUI a pause at some later keystroke). They are freed
    by reference counting as before; what froze cannot be collected as a cycle later (small and rare here).
    The block may set the count later: `with no_gc() as size: ...; size[0] = n`."""
    was = gc.isenabled()
    gc.disable()
    size = [rows]
    try:
        yield size
    finally:
        if size[0] >= FREEZE_ROWS:
            gc.freeze()
        if was:
            gc.enable()


class _Slow(Exception):
    """A row the fast reader leaves to the full one."""


def file_key(data: bytes, path: Path) -> tuple:
    """What a cache is valid for: the rules, the file's size, mtime and a checksum of its bytes (CRC-32:
    3 ms for 13 MB where blake2b took 14; two versions of one size written in one clock tick still differ)."""
    st = path.stat()
    return (CACHE_VERSION, rules_fingerprint(), st.st_size, st.st_mtime_ns, zlib.crc32(data), len(data))


def read_file(path: Path) -> tuple[bytes, tuple]:
    """The file's bytes and its cache key (the key of the bytes read, so a concurrent write is noticed)."""
    data = read_bytes(path)
    return data, file_key(data, path)


_ODD_SPACE = re.compile(r"[^\S ]|  |^ | $")  # a cell the TSV reader would normalise
_ODD_SPACE_LINES = re.compile(r"[^\S \n]|  |^ | $", re.M)  # the same, cells one a line
_ODD_WHITESPACE = re.compile(r"[^\S \n]")


def _odd_spaces(lines: str, alnum: bool = False) -> bool:
    """Whether a cell of `lines` (cells one a line) is one the TSV reader would normalise:
    `_ODD_SPACE_LINES.search(lines)`, in a fraction of its time (substring scans, then a character class
    unless `alnum`: index.alnum_lines(lines), no whitespace but spaces and line breaks)."""
    return (
        "  " in lines
        or "\n " in lines
        or " \n" in lines
        or lines.startswith(" ")
        or lines.endswith(" ")
        or (not alnum and _ODD_WHITESPACE.search(lines) is not None)
    )


def _terms(cell: str) -> tuple[str, ...]:
    """The terms of a language cell, as formats.tsv reads them (synonyms separated by |)."""
    return split_synonyms(cell)


class Rows(ChangedRows):
    """The concept rows of a TSV glossary, by slot (a row's fixed number in this object), with their seeds.

    `order` lists the slots in file order; `rank[slot]` grows with the file order, and a row inserted by a
    patch gets a rank between its neighbours', so the indexes keep file order without renumbering."""

    def __init__(self, path: Path, key: tuple, header: str, rows: list[str], data: bytes | None = None) -> None:
        self._header(path, key, header)
        self.data = data  # the file's bytes when it is plain (filediff): the next version is diffed on them
        if not self.has_header:
            raise _Slow
        self.by_slot: list[str | None] = list(rows)
        self.order: list[int] = list(range(len(rows)))
        self.rank: list[float] = [float(i) for i in range(len(rows))]
        # slot -> what makes two rows one concept (models.glossary.concept_key), as a string
        self.dups: list[str] = [self._dup(r) for r in rows]
        if len(set(self.dups)) < len(self.dups):
            raise _Slow  # a repeated source term: the full reader merges the rows into one concept
        self._dupmap: dict[str, int] | None = None
        self.seeds: dict[str, list[RowSeed | None]] = {}
        self.seeded = 0  # rows seeded (any language) since this object was made: a patch seeds only its rows
        self.changed = 0  # rows the last patch compared (decoded, between the first and last change)
        self._builds = 0  # index builds running on a snapshot (see snapshot): patches are logged meanwhile
        self.lines_counted = 0  # splices placed by counting newlines (_line_at: a file not sorted by its rows)
        self._log: list[tuple[list[int], list[int]]] = []

    def _header(self, path: Path, key: tuple, header: str) -> None:
        self.path, self.key, self.header = path, key, header
        cols, self.has_header = table_header.understand(header.split("\t"), path, 1)
        self.cols = [(c.kind, c.name) for c in cols]
        self.langs = [name for kind, name in self.cols if kind == "lang"]
        at = {name: i for i, (kind, name) in enumerate(self.cols) if kind != "extra" or name == MATCH_COLUMN}
        self._at = at
        self._first = at[self.langs[0]] if self.langs else 0
        self._fullness: dict[int, int] = {}  # slot -> languages filled, when first asked

    @classmethod
    def read(cls, path: Path, data: bytes, key: tuple) -> Rows | None:
        """The rows of a file, or None when the full reader must handle it."""
        try:
            with no_gc():
                lines, plain = table_lines(data, path)
                return cls(path, key, lines[0], lines[1:], data if plain else None) if lines else None
        except (_Slow, TarjimonError):
            return None

    def _dup(self, line: str) -> str:
        """A row's concept key, checking it as formats.tsv.parse_table would (_Slow for what it rejects)."""
        cells = line.split("\t")
        first = cells[self._first] if self._first < len(cells) else ""
        at = self._at
        if len(cells) > len(self.cols) or "|" in first or not first.strip():
            return self._info(line)[1]
        if "status" in at and at["status"] < len(cells):
            status = " ".join(cells[at["status"]].split()).lower()
            if status and status not in STATUSES:
                raise _Slow
        if "id" in at and at["id"] < len(cells) and cells[at["id"]].strip():
            return "\0id:" + " ".join(cells[at["id"]].split())
        domain = " ".join(cells[at["domain"]].split()) if "domain" in at and at["domain"] < len(cells) else ""
        return f"{self.langs[0]}:{' '.join(first.casefold().split())}\t{domain.casefold()}"

    def _info(self, line: str) -> tuple[dict[str, tuple[str, ...]], str]:
        """What formats.tsv.parse_table makes of a row: (its terms by language, its concept key); _Slow for
        anything it would reject."""
        cells = line.split("\t")
        if len(cells) > len(self.cols) and any(c.strip() for c in cells[len(self.cols) :]):
            raise _Slow
        terms: dict[str, tuple[str, ...]] = {}
        meta: dict[str, str] = {}
        for (kind, name), cell in zip(self.cols, cells, strict=False):
            value = " ".join(cell.split())
            if kind == "lang":
                found = split_synonyms(value)
                if found:
                    terms[name] = found
            elif kind == "meta":
                meta[name] = value
        status = meta.get("status", "").lower()
        if not terms or (status and status not in STATUSES):
            raise _Slow
        if meta.get("id"):
            return terms, "\0id:" + meta["id"]
        lang = next(lang for lang in self.langs if lang in terms)
        return (
            terms,
            f"{lang}:{' '.join(terms[lang][0].casefold().split())}\t{meta.get('domain', '').casefold()}",
        )

    def fullness(self, slot: int) -> int:
        """How many languages a row fills (of two concepts on one span, the fuller one wins)."""
        found = self._fullness.get(slot)
        if found is None:
            row = self.by_slot[slot]
            cells = row.split("\t") if row is not None else []
            found = sum(
                1 for lang in self.langs if self._at[lang] < len(cells) and _terms(cells[self._at[lang]])
            )
            self._fullness[slot] = found
        return found

    def seeds_for(self, lang: str) -> list[RowSeed | None]:
        """The seeds of every slot in `lang` (computed now for a language not seeded yet)."""
        found = self.seeds.get(lang)
        if found is None:
            with no_gc(len(self.by_slot)):
                found = self._seed_all(lang, self.by_slot)
            self.seeds[lang] = found
        return found

    # ---- an index built without holding up the patches (LoadedGlossary.index) ----
    def snapshot(self, lang: str) -> tuple[list[str | None], list[int], list[RowSeed | None] | None, int]:
        """(Under the owner's lock, briefly.) What an index build of `lang` reads, copied, so that it runs
        without the lock while changes are patched in: (the rows by slot, the slots in file order, the
        language's seeds when it has them, a mark). Until `caught_up`, patches are logged."""
        self._builds += 1
        seeds = self.seeds.get(lang)
        return list(self.by_slot), self.order, None if seeds is None else list(seeds), len(self._log)

    def seed_rows(self, lang: str, by_slot: list[str | None]) -> list[RowSeed | None]:
        """The seeds of a snapshot's rows (no lock needed: only the snapshot is read)."""
        with no_gc(len(by_slot)):
            return self._seed_all(lang, by_slot)

    def caught_up(self, lang: str, seeds: list[RowSeed | None] | None,
                  mark: int) -> list[tuple[list[int], list[int]]]:  # fmt: skip
        """(Under the owner's lock.) The patches (slots removed, slots added) made since `snapshot` gave
        `mark`, for the built index to replay; `seeds`, a snapshot's new seeds of `lang`, brought up to date
        with them and kept (None: the language had seeds, which the patches kept up to date)."""
        patches = self._log[mark:]
        self._builds -= 1
        if not self._builds:
            self._log.clear()
        if seeds is not None and lang not in self.seeds:
            for removed, added in patches:
                for slot in removed:
                    seeds[slot] = None
                for slot in added:  # (new slots are numbered on from the snapshot's last, in order)
                    assert slot == len(seeds)
                    seeds.append(self._seed(lang, slot))
            self.seeds[lang] = seeds
        return patches

    def _seed_all(self, lang: str, by_slot: list[str | None]) -> list[RowSeed | None]:
        """The seeds of every slot: the usual cells (one term, normalised, no match rules) in one loop
        (index.seed_cells), the others one by one."""
        at = self._at.get(lang)
        if at is None or MATCH_COLUMN in self._at:
            return [self._seed(lang, i, by_slot) for i in range(len(by_slot))]
        if at == 0:  # the first column (partition: the row cut once, not into a list)
            cells = [row.partition("\t")[0] if row is not None else None for row in by_slot]
        else:
            split = [row.split("\t", at + 1) if row is not None else None for row in by_slot]
            cells = [None if parts is None else parts[at] if len(parts) > at else "" for parts in split]
        joined = "\n".join(c for c in cells if c)  # (one scan of them all: usually no cell is odd)
        alnum = alnum_lines(joined)
        odd = (
            {i for i, c in enumerate(cells) if c and ("|" in c or _ODD_SPACE.search(c))}
            if "|" in joined or _odd_spaces(joined, alnum)
            else set()
        )
        found = (
            seed_cells(morphology(lang), [None if i in odd else c for i, c in enumerate(cells)])
            if odd
            else seed_cells(morphology(lang), cells, joined)
        )
        for i in odd:
            found[i] = self._seed(lang, i, by_slot)
        self.seeded += len(by_slot) - by_slot.count(None) - len(odd)
        return found

    def _seed(self, lang: str, slot: int, by_slot: list[str | None] | None = None) -> RowSeed | None:
        row = (self.by_slot if by_slot is None else by_slot)[slot]
        at = self._at.get(lang)
        if row is None or at is None:
            return None
        m = self._at.get(MATCH_COLUMN)
        self.seeded += 1
        cells = row.split("\t", max(at, -1 if m is None else m) + 1)
        terms = _terms(cells[at]) if at < len(cells) else ()
        if not terms:
            return None
        match = " ".join(cells[m].split()) if m is not None and m < len(cells) else ""
        return seed_row(morphology(lang), terms, match)

    def patch(self, data: bytes, key: tuple,
              splice: filediff.Splice | None = None) -> tuple[list[int], list[int]] | None:  # fmt: skip
        """Bring the rows up to the file's new bytes: (slots removed, slots added), or None when the change
        needs a full rebuild (a new header, many rows, a row the fast reader leaves to the full one).
        `splice`: where the bytes changed, when the caller made the change (not looked for then)."""
        found = self._changed_rows(data, splice)
        if found is None:
            return None
        lo, hi, mid_new, plain = found
        old = self.order
        n_old = len(old)
        mid_old = old[lo : n_old - hi]
        # Rows of the changed middle that are still there, unchanged and in the same order, keep their slot
        # (two adds at two places between loads re-seed two rows, not all the rows between them).
        where, keep, removed, added_rows = kept_slots([(slot, self.by_slot[slot]) for slot in mid_old], mid_new)
        if len(removed) + len(added_rows) > MAX_PATCH_ROWS:
            return None
        try:
            fresh = dict(zip(added_rows, (self._dup(r) for r in added_rows), strict=True))
        except _Slow:
            return None
        gone = {self.dups[s] for s in removed}
        # (a splice comes from adding.py or editing.py, which looked for a row of the same concept in these
        # very bytes first, has_twin: the 100,000 keys need not be scanned again)
        if len(set(fresh.values())) < len(fresh) or (
            splice is None and self._any_in_use({d for d in fresh.values() if d not in gone})
        ):
            return None  # a repeated source term
        # New rows get ranks spread between the ranks of the rows around them.
        start = self.rank[old[lo - 1]] if lo else (self.rank[old[0]] - 1.0 if old else 0.0)
        end = self.rank[old[n_old - hi]] if hi else (self.rank[old[-1]] if old else start) + len(mid_new) + 1.0
        middle: list[int] = []
        added: list[int] = []
        run: list[str] = []
        for row in mid_new + [None]:  # type: ignore[list-item]
            slot = where.get(row) if row is not None else None
            if row is not None and slot not in keep:
                run.append(row)
                continue
            low = self.rank[middle[-1]] if middle else start
            high = self.rank[slot] if slot is not None else end
            step = (high - low) / (len(run) + 1)
            for k, fresh_row in enumerate(run, 1):
                new_slot = len(self.by_slot)
                self.by_slot.append(fresh_row)
                self.dups.append(fresh[fresh_row])
                self.rank.append(low + k * step)
                if not low < self.rank[-1] < high:
                    return None  # the ranks ran out of room between two rows (after ~50 inserts at one place)
                middle.append(new_slot)
                added.append(new_slot)
            run = []
            if slot is not None:
                middle.append(slot)
        for slot in removed:
            self.by_slot[slot] = None
            if self._dupmap is not None:
                self._dupmap.pop(self.dups[slot], None)
        if self._dupmap is not None:
            self._dupmap.update((self.dups[s], s) for s in added)
        for lang, seeds in self.seeds.items():
            for slot in removed:
                seeds[slot] = None
            seeds.extend(self._seed(lang, slot) for slot in added)
        self.order = old[:lo] + middle + old[n_old - hi :]  # (a new list: a snapshot keeps the old one)
        if self._builds:
            self._log.append((removed, added))
        self.key = key
        self.data = data if plain else None
        self.changed = len(mid_new)
        return removed, added

    def _any_in_use(self, dups: set[str]) -> bool:
        """Whether a row still in the file has one of these concept keys. Most often no row has any: one pass
        over the keys in C (~3 ms at 100,000 rows) says so, where the map `_in_use` builds for more than 8
        keys cost 50 ms on every load after nine adds since the cache was written (a CLI find)."""
        if not dups or dups.isdisjoint(self.dups):
            return False
        return any(self._in_use(d, len(dups)) for d in dups)

    def _in_use(self, dup: str, lookups: int) -> bool:
        """Whether a row still in the file has this concept key. A few lookups scan the list (in C: 1 ms
        at 100,000 rows); more build the map once (10-20 ms)."""
        at = -1
        while self._dupmap is None and lookups <= 8:
            try:
                at = self.dups.index(dup, at + 1)
            except ValueError:
                return False
            if self.by_slot[at] is not None:
                return True
        if self._dupmap is None:
            self._dupmap = {d: s for s, d in enumerate(self.dups) if self.by_slot[s] is not None}
        return dup in self._dupmap

    def payload(self) -> tuple:
        """What the cache file holds (rowfile.dump_payload marshals it), taken from the rows as they are now (under the owner's lock: the marshalling,
        the slow part, can then be done without it)."""
        seeds = {lang: [ss[s] for s in self.order] for lang, ss in self.seeds.items()}
        dups = [self.dups[s] for s in self.order]
        # rows and keys as one string each (no newline inside): one object each for marshal, split on load.
        # The rows of a plain file are its lines after the header: not stored twice (decoding them again on
        # load costs what reading them from the cache costs; writing them cost ~30 ms and 13 MB at 100,000).
        rows = None if self.data is not None else "\n".join(self.by_slot[s] or "" for s in self.order)
        return (self.key, self.header, rows, "\n".join(dups), len(dups), seeds, self.data)
