"""A glossary's term index of one language kept on disk by key: glossaries/.cache/NAME.tsv.LANG.keys.

A command that recognises terms once and exits (`tarjimon glossary find`) used to load the row cache (23 MB at
100,000 concepts) and build the whole index of the language from its seeds (~0.25 s of CPU) to look up the few
hundred words of a text. This file holds that index as an SQLite table by key (the head key of a term's first
word -> its entries), so a text's words are looked up one by one and only their entries are read (keyed.py).

It is written from an index built the ordinary way (loaded.py) on the rows of one version of a plain file,
the *base*, and holds with it: the base's bytes (a later version is compared with them, filediff, and only the
rows that changed are seeded: keyed.py), each row's byte offset (its concept is parsed from the file's bytes
when a hit needs it), each row's first entry (its preferred term), each row's concept key (a new row that
repeats one makes the full path take over) and the fuzzy buckets. Slots are the rows' positions in the base;
entries are numbered in file order, as TermIndex.from_seeds numbers them. Written atomically (files.
atomic_write, a symlink refused, without fsync: a cache checked when read); any file that does not read back
as this version's is ignored and written again.
"""

from __future__ import annotations

import marshal
import sqlite3
import zlib
from array import array
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from tarjimon.core.errors import TarjimonError
from tarjimon.core.files import atomic_write, cache_folder
from tarjimon.core.glossary.ids import CACHE_DIR

VERSION = 2  # 2: 4-byte offsets and first entries
KINDS = ("single", "multi", "names")  # the index's tables, numbered 0, 1, 2 in the file

_SCHEMA = """
CREATE TABLE meta(k TEXT PRIMARY KEY, v) WITHOUT ROWID;
CREATE TABLE heads(key TEXT, kind INTEGER, entries BLOB, PRIMARY KEY(key, kind)) WITHOUT ROWID;
CREATE TABLE fuzzy(fkey TEXT PRIMARY KEY, heads TEXT) WITHOUT ROWID;
CREATE TABLE base(n INTEGER PRIMARY KEY, crc INTEGER, bytes BLOB);
"""
#: The base's bytes are kept in chunks of this size, each with its CRC-32: a later version is compared chunk by
#: chunk and only the chunks that differ are read (usually one: an add changes one line).
CHUNK = 1 << 16


def key_file(path: Path, lang: str, cache_dir: Path | None = None) -> Path:
    """Where the keyed index of glossary file `path` in `lang` lives."""
    return (cache_dir or path.parent / CACHE_DIR) / f"{path.name}.{lang}.keys"


def line_starts(data: bytes) -> array:
    """The byte offset of every line of a plain file after its header, and the end (len(data)) last."""
    out = array("I")  # (4 bytes an offset: write refuses a file of 4 GB or more)
    at = data.index(b"\n") + 1
    find, end = data.find, len(data)
    while at < end:
        out.append(at)
        at = find(b"\n", at) + 1
    out.append(end)
    return out


def write(target: Path, index: Any, *, key: tuple, data: bytes, order: Sequence[int], dups: Sequence[str]) -> None:
    """Write the keyed index of `index` (a TermIndex of the rows of `data`, a plain file, whose slots in file
    order are `order`; `dups[slot]`: a row's concept key) for the file version `key`. Slots are written as
    positions; entry ids and the order of every list stay the index's. Skipped when the folder cannot be
    written (a read-only folder only costs speed)."""
    if len(data) >= 1 << 32:
        raise ValueError("a glossary file of 4 GB or more")
    starts = line_starts(data)
    n_slots = len(starts) - 1
    if len(order) != n_slots:
        raise ValueError("the rows are not the file's lines")
    entries, seeds_of = index.entries, index._seeds
    at = {slot: pos for pos, slot in enumerate(order)}
    firsts = array("i", [-1]) * n_slots
    for slot, (_seeds, first) in seeds_of.items():
        firsts[at[slot]] = first

    def packed(kind: int, eids: list[int]) -> bytes:
        # (a single-word entry with its head key; a multi-word one's keys are worked out when a text reaches it)
        return marshal.dumps([(e, at[entries[e][0]], entries[e][1], entries[e][2][0] if kind == 0 else None)
                              for e in eids])  # fmt: skip

    heads = sorted((k, kind) for kind, name in enumerate(KINDS) for k in getattr(index, name))
    tables = [getattr(index, name) for name in KINDS]
    view = memoryview(data)
    conn = sqlite3.connect(":memory:")
    try:
        conn.executescript(_SCHEMA)
        # (rows inserted in key order: appended to the B-trees, not inserted all over them)
        conn.executemany("INSERT INTO heads VALUES (?, ?, ?)", ((k, kind, packed(kind, tables[kind][k])) for k, kind in heads))
        conn.executemany("INSERT INTO fuzzy VALUES (?, ?)", sorted((k, "\n".join(v)) for k, v in index.fuzzy.items()))
        conn.executemany("INSERT INTO base VALUES (?, ?, ?)", (
            (n, zlib.crc32(view[i : i + CHUNK]), view[i : i + CHUNK]) for n, i in enumerate(range(0, len(data), CHUNK))
        ))  # fmt: skip
        meta = {
            "version": VERSION, "key": marshal.dumps(tuple(key)), "lang": index.lang, "entries": len(entries),
            "slots": n_slots, "names": len(index.names), "fuzzy": len(index.fuzzy), "starts": starts.tobytes(),
            "firsts": firsts.tobytes(), "base": len(data),
            "dups": "\n".join([dups[slot] for slot in order]),  # (a row's concept key has no line break)
        }  # fmt: skip
        conn.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        conn.commit()
        payload = conn.serialize()
    finally:
        conn.close()
    try:
        cache_folder(target.parent)
        atomic_write(target, payload, durable=False)
    except (OSError, TarjimonError):  # (TarjimonError: a symlink planted there, refused)
        pass


class KeyFile:
    """A keyed index file opened for reading (ValueError for one that is not this version's)."""

    def __init__(self, path: Path) -> None:
        try:
            # (immutable: no lock taken for each look-up, half their cost; a keyed file is never changed in
            # place, only replaced by a rename, and an open connection keeps reading the file it opened)
            self.conn = sqlite3.connect(f"file:{quote(str(path))}?mode=ro&immutable=1", uri=True)
            rows = dict(self.conn.execute("SELECT k, v FROM meta WHERE k != 'dups'"))
        except sqlite3.Error as exc:
            raise ValueError(f"not a keyed index: {exc}") from exc
        if rows.get("version") != VERSION:
            raise ValueError("a keyed index of another version")
        try:
            self.key: tuple = marshal.loads(rows["key"])
            self.lang: str = rows["lang"]
            self.entries: int = rows["entries"]
            self.slots: int = rows["slots"]
            self.has_names: bool = rows["names"] > 0
            self.has_fuzzy: bool = rows["fuzzy"] > 0
            self.starts = array("I", rows["starts"])
            self.firsts = array("i", rows["firsts"])
            self.base_size: int = rows["base"]
        except (KeyError, TypeError, ValueError, EOFError) as exc:
            raise ValueError("a damaged keyed index") from exc
        if len(self.starts) != self.slots + 1 or len(self.firsts) != self.slots:
            raise ValueError("a damaged keyed index")
        self._heads = "SELECT kind, entries FROM heads WHERE key = ?"
        self.chunks_read = 0  # chunks of the base the last `base` read back (tests)
        self._dups: str | None = None  # the rows' concept keys, one a line between two line breaks (dup_slots)

    def heads(self, key: str) -> dict[int, list[tuple[int, int, str, str | None]]]:
        """The entries (eid, slot, term, single-word head or None) indexed under `key`, by table (KINDS)."""
        return {kind: marshal.loads(entries) for kind, entries in self.conn.execute(self._heads, (key,))}

    def fuzzy(self, fkey: str) -> list[str] | None:
        row = self.conn.execute("SELECT heads FROM fuzzy WHERE fkey = ?", (fkey,)).fetchone()
        return None if row is None else row[0].split("\n")

    def dup_slots(self, dups: Sequence[str]) -> list[int]:
        """The base slots whose concept key is one of `dups`."""
        if self._dups is None:  # (read when first needed: only a changed file's new rows are checked)
            row = self.conn.execute("SELECT v FROM meta WHERE k = 'dups'").fetchone()
            if row is None or not isinstance(row[0], str) or row[0].count("\n") != max(self.slots - 1, 0):
                raise ValueError("a damaged keyed index")
            self._dups = "\n" + row[0] + "\n"
        text, out = self._dups, []
        for dup in dups:
            needle = "\n" + dup + "\n"
            at = text.find(needle)
            while at >= 0:  # (a row's key: the newlines before it count the rows before it)
                out.append(text.count("\n", 0, at))
                at = text.find(needle, at + 1)
        return out

    def base(self, data: bytes) -> bytes:
        """The bytes of the file version this index was built on, given `data`, a later version: the chunks
        of the base found unchanged in `data` (by their CRC-32, from the start, then from the end) are taken
        from `data`, the others read from the file."""
        size, crc32 = self.base_size, zlib.crc32
        crcs = [c for (c,) in self.conn.execute("SELECT crc FROM base ORDER BY n")]
        if len(crcs) != -(-size // CHUNK):
            raise ValueError("a damaged keyed index")
        view = memoryview(data)
        first = 0  # the first chunk that differs from the start
        while first < len(crcs) and crc32(view[first * CHUNK : (first + 1) * CHUNK]) == crcs[first] and (
            first + 1 < len(crcs) or len(data) == size
        ):
            first += 1
        shift = len(data) - size  # a base chunk n after the change is at n * CHUNK + shift in data
        last = len(crcs) - 1  # the last chunk that differs, from the end
        while last >= first and last * CHUNK + shift >= 0:
            end = min((last + 1) * CHUNK, size)
            if crc32(view[last * CHUNK + shift : end + shift]) != crcs[last]:
                break
            last -= 1
        middle = [b for (b,) in self.conn.execute("SELECT bytes FROM base WHERE n BETWEEN ? AND ? ORDER BY n",
                                                  (first, last))]  # fmt: skip
        self.chunks_read = len(middle)
        old = b"".join([view[: first * CHUNK], *middle, view[min((last + 1) * CHUNK, size) + shift :]])
        if len(old) != size or len(middle) != max(last - first + 1, 0):
            raise ValueError("a damaged keyed index")
        return old

    def close(self) -> None:
        self.conn.close()
