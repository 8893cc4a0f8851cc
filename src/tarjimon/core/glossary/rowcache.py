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

import hashlib
import marshal
from pathlib import Path

from tarjimon.core.errors import TarjimonError
from tarjimon.core.files import atomic_write
from tarjimon.core.formats import table_header
from tarjimon.core.glossary.index import RowSeed, seed_row
from tarjimon.core.glossary.match_rules import MATCH_COLUMN
from tarjimon.core.glossary.morphology import morphology, rules_fingerprint
from tarjimon.core.models.glossary import STATUSES
from tarjimon.core.textio import decode_text, read_bytes

CACHE_DIR = ".cache"
CACHE_VERSION = 3
#: A patch replacing more rows than this rebuilds instead (as fast, and simpler).
MAX_PATCH_ROWS = 5000


class _Slow(Exception):
    """A row the fast reader leaves to the full one."""


def file_key(data: bytes, path: Path) -> tuple:
    st = path.stat()
    digest = hashlib.blake2b(data, digest_size=16).hexdigest()
    return (CACHE_VERSION, rules_fingerprint(), st.st_size, st.st_mtime_ns, digest)


def read_file(path: Path) -> tuple[bytes, tuple]:
    """The file's bytes and its cache key (the key of the bytes read, so a concurrent write is noticed)."""
    data = read_bytes(path)
    return data, file_key(data, path)


def _lines(data: bytes, path: Path) -> list[str]:
    text, _enc = decode_text(data, path)
    return [ln for ln in text.split("\n") if ln.strip() and not ln.lstrip("\ufeff").startswith("#")]


class Rows:
    """The concept rows of a TSV glossary, by slot (a row's fixed number in this object), with their seeds.

    `order` lists the slots in file order; `rank[slot]` grows with the file order, and a row inserted by a
    patch gets a rank between its neighbours', so the indexes keep file order without renumbering."""

    def __init__(self, path: Path, key: tuple, header: str, rows: list[str]) -> None:
        self.path, self.key, self.header = path, key, header
        cols, has_header = table_header.understand(header.split("\t"), path, 1)
        if not has_header:
            raise _Slow
        self.cols = [(c.kind, c.name) for c in cols]
        self.langs = [name for kind, name in self.cols if kind == "lang"]
        self.by_slot: list[str | None] = list(rows)
        self.order: list[int] = list(range(len(rows)))
        self.rank: list[float] = [float(i) for i in range(len(rows))]
        # slot -> (terms by lang, fullness, match cell); computed on first use for a cached file
        self.info: list[tuple | None] = []
        self.dups: list[tuple] = []  # slot -> what makes two rows one concept (models.glossary.concept_key)
        for r in rows:
            info, dup = self._info(r)
            self.info.append(info)
            self.dups.append(dup)
        if len(set(self.dups)) < len(self.dups):
            raise _Slow  # a repeated source term: the full reader merges the rows into one concept
        self._dupmap: dict[tuple, int] | None = None
        self.seeds: dict[str, list[RowSeed | None]] = {}

    @classmethod
    def read(cls, path: Path, data: bytes, key: tuple) -> Rows | None:
        """The rows of a file, or None when the full reader must handle it."""
        try:
            lines = _lines(data, path)
            return cls(path, key, lines[0], lines[1:]) if lines else None
        except (_Slow, TarjimonError):
            return None

    def _info(self, line: str) -> tuple[tuple[dict[str, tuple[str, ...]], int, str], tuple]:
        """What formats.tsv.parse_table makes of a row, for the index; _Slow for anything it would reject."""
        cells = line.split("\t")
        if len(cells) > len(self.cols) and any(c.strip() for c in cells[len(self.cols) :]):
            raise _Slow
        terms: dict[str, tuple[str, ...]] = {}
        meta: dict[str, str] = {}
        match = ""
        for (kind, name), cell in zip(self.cols, cells, strict=False):
            value = " ".join(cell.split())
            if kind == "lang":
                found = tuple(t for t in (" ".join(p.split()) for p in value.split("|")) if t)
                if found:
                    terms[name] = found
            elif kind == "meta":
                meta[name] = value
            elif name == MATCH_COLUMN and value:
                match = value
        status = meta.get("status", "").lower()
        if not terms or (status and status not in STATUSES):
            raise _Slow
        if meta.get("id"):
            dup: tuple = ("id", meta["id"])
        else:
            first = next(terms[lang] for lang in self.langs if lang in terms)
            dup = (f"{next(lang for lang in self.langs if lang in terms)}:{' '.join(first[0].casefold().split())}",
                   meta.get("domain", "").casefold())  # fmt: skip
        return (terms, len(terms), match), dup

    def seeds_for(self, lang: str) -> list[RowSeed | None]:
        """The seeds of every slot in `lang` (computed now for a language not seeded yet)."""
        found = self.seeds.get(lang)
        if found is None:
            morph = morphology(lang)
            found = [self._seed(morph, lang, i) for i in range(len(self.by_slot))]
            self.seeds[lang] = found
        return found

    def _seed(self, morph, lang: str, slot: int) -> RowSeed | None:
        row = self.by_slot[slot]
        if row is None:
            return None
        info = self.info[slot]
        if info is None:
            info = self.info[slot] = self._info(row)[0]
        terms, fullness, match = info
        found = terms.get(lang)
        return seed_row(morph, found, fullness, match) if found else None

    def patch(self, data: bytes, key: tuple) -> tuple[list[int], list[int]] | None:
        """Bring the rows up to the file's new bytes: (slots removed, slots added), or None when the change
        needs a full rebuild (a new header, many rows, a row the fast reader leaves to the full one)."""
        try:
            lines = _lines(data, self.path)
        except TarjimonError:
            return None
        if not lines or lines[0] != self.header:
            return None
        new = lines[1:]
        old = self.order
        n_old, n_new = len(old), len(new)
        lo = 0
        while lo < n_old and lo < n_new and self.by_slot[old[lo]] == new[lo]:
            lo += 1
        hi = 0
        while hi < n_old - lo and hi < n_new - lo and self.by_slot[old[n_old - 1 - hi]] == new[n_new - 1 - hi]:
            hi += 1
        removed = old[lo : n_old - hi]
        added_rows = new[lo : n_new - hi]
        if len(removed) + len(added_rows) > MAX_PATCH_ROWS:
            return None
        try:
            infos = [self._info(r) for r in added_rows]
        except _Slow:
            return None
        if self._dupmap is None:
            self._dupmap = {d: s for s, d in enumerate(self.dups) if self.by_slot[s] is not None}
        gone = {self.dups[s] for s in removed}
        fresh = [d for _i, d in infos]
        if len(set(fresh)) < len(fresh) or any(d in self._dupmap and d not in gone for d in fresh):
            return None  # a repeated source term
        before = self.rank[old[lo - 1]] if lo else self.rank[old[0]] - 1.0 if old else 0.0
        after = self.rank[old[n_old - hi]] if hi else before + len(added_rows) + 1.0
        step = (after - before) / (len(added_rows) + 1)
        added: list[int] = []
        for k, (row, (info, dup)) in enumerate(zip(added_rows, infos, strict=True), 1):
            slot = len(self.by_slot)
            self.by_slot.append(row)
            self.info.append(info)
            self.dups.append(dup)
            self.rank.append(before + k * step)
            added.append(slot)
        if added and (self.rank[added[0]] <= before or self.rank[added[-1]] >= after):
            return None  # the ranks ran out of room between two rows (after ~50 inserts at one place)
        for slot in removed:
            self.by_slot[slot] = None
            self._dupmap.pop(self.dups[slot], None)
        self._dupmap.update((self.dups[s], s) for s in added)
        for lang, seeds in self.seeds.items():
            morph = morphology(lang)
            for slot in removed:
                seeds[slot] = None
            seeds.extend(self._seed(morph, lang, slot) for slot in added)
        self.order = old[:lo] + added + old[n_old - hi :]
        self.key = key
        return removed, added

    # ---- the cache file ----
    def dump(self) -> bytes:
        """The cache payload: rows in file order, with the seeds of the languages seeded so far."""
        rows = [self.by_slot[s] for s in self.order]
        seeds = {lang: [ss[s] for s in self.order] for lang, ss in self.seeds.items()}
        dups = [self.dups[s] for s in self.order]
        return marshal.dumps((self.key, self.header, rows, dups, seeds))

    @classmethod
    def load(cls, path: Path, payload: bytes) -> Rows:
        key, header, rows, dups, seeds = marshal.loads(payload)
        out = cls.__new__(cls)
        out.path, out.key, out.header = path, tuple(key), header
        cols, _has = table_header.understand(header.split("\t"), path, 1)
        out.cols = [(c.kind, c.name) for c in cols]
        out.langs = [name for kind, name in out.cols if kind == "lang"]
        out.by_slot = rows
        out.order = list(range(len(rows)))
        out.rank = [float(i) for i in range(len(rows))]
        out.info = [None] * len(rows)
        out.dups = [tuple(d) for d in dups]
        out._dupmap = None
        out.seeds = seeds
        return out


def cache_file(path: Path, cache_dir: Path | None = None) -> Path:
    return (cache_dir or path.parent / CACHE_DIR) / (path.name + ".idx")


def load_cached(path: Path, cache_dir: Path | None = None) -> Rows | None:
    try:
        return Rows.load(path, cache_file(path, cache_dir).read_bytes())
    except (OSError, EOFError, ValueError, TypeError, TarjimonError):
        return None


def save(rows: Rows, cache_dir: Path | None = None) -> None:
    """Write the cache (skipped when it cannot be written: a read-only folder only costs speed)."""
    target = cache_file(rows.path, cache_dir)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(target, rows.dump())
    except (OSError, ValueError, TarjimonError):
        pass
