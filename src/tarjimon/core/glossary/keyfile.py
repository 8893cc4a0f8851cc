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
from array import array
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import quote

from tarjimon.core.errors import TarjimonError
from tarjimon.core.files import atomic_write
from tarjimon.core.glossary.ids import CACHE_DIR

VERSION = 1
KINDS = ("single", "multi", "names")  # the index's tables, numbered 0, 1, 2 in the file

_SCHEMA = """
CREATE TABLE meta(k TEXT PRIMARY KEY, v) WITHOUT ROWID;
CREATE TABLE heads(key TEXT, kind INTEGER, entries BLOB, PRIMARY KEY(key, kind)) WITHOUT ROWID;
CREATE TABLE fuzzy(fkey TEXT PRIMARY KEY, heads TEXT) WITHOUT ROWID;
CREATE TABLE dups(dup TEXT PRIMARY KEY, slot INTEGER) WITHOUT ROWID;
"""


def key_file(path: Path, lang: str, cache_dir: Path | None = None) -> Path:
    """Where the keyed index of glossary file `path` in `lang` lives."""
    return (cache_dir or path.parent / CACHE_DIR) / f"{path.name}.{lang}.keys"


def line_starts(data: bytes) -> array:
    """The byte offset of every line of a plain file after its header, and the end (len(data)) last."""
    out = array("q")
    at = data.index(b"\n") + 1
    find, end = data.find, len(data)
    while at < end:
        out.append(at)
        at = find(b"\n", at) + 1
    out.append(end)
    return out


def write(target: Path, index: object, *, key: tuple, data: bytes, dups: Sequence[str]) -> None:
    """Write the keyed index of `index` (a TermIndex built in file order on the rows of `data`, a plain file,
    slot = a row's position, entries numbered in file order) for the file version `key`. Skipped when the
    folder cannot be written (a read-only folder only costs speed)."""
    starts = line_starts(data)
    n_slots = len(starts) - 1
    entries = index.entries  # type: ignore[attr-defined]
    firsts = array("q", [-1]) * n_slots
    for slot, (_seeds, first) in index._seeds.items():  # type: ignore[attr-defined]
        firsts[slot] = first

    def packed(kind: int, eids: list[int]) -> bytes:
        # (a single-word entry with its head key; a multi-word one's keys are worked out when a text reaches it)
        return marshal.dumps([(e, entries[e][0], entries[e][1], entries[e][2][0] if kind == 0 else None)
                              for e in eids])  # fmt: skip

    conn = sqlite3.connect(":memory:")
    try:
        conn.executescript(_SCHEMA)
        for kind, name in enumerate(KINDS):
            table = getattr(index, name)
            conn.executemany(
                "INSERT INTO heads VALUES (?, ?, ?)", ((k, kind, packed(kind, eids)) for k, eids in table.items())
            )
        conn.executemany("INSERT INTO fuzzy VALUES (?, ?)", ((k, "\n".join(v)) for k, v in index.fuzzy.items()))  # type: ignore[attr-defined]
        conn.executemany("INSERT INTO dups VALUES (?, ?)", ((d, s) for s, d in enumerate(dups)))
        meta = {
            "version": VERSION, "key": marshal.dumps(tuple(key)), "lang": index.lang,  # type: ignore[attr-defined]
            "entries": len(entries), "slots": n_slots, "names": len(index.names),  # type: ignore[attr-defined]
            "fuzzy": len(index.fuzzy), "starts": starts.tobytes(), "firsts": firsts.tobytes(), "base": data,  # type: ignore[attr-defined]
        }  # fmt: skip
        conn.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        conn.commit()
        payload = conn.serialize()
    finally:
        conn.close()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
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
            rows = dict(self.conn.execute("SELECT k, v FROM meta WHERE k != 'base'"))
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
            self.starts = array("q", rows["starts"])
            self.firsts = array("q", rows["firsts"])
        except (KeyError, TypeError, ValueError, EOFError) as exc:
            raise ValueError("a damaged keyed index") from exc
        if len(self.starts) != self.slots + 1 or len(self.firsts) != self.slots:
            raise ValueError("a damaged keyed index")
        self._heads = "SELECT kind, entries FROM heads WHERE key = ?"

    def heads(self, key: str) -> dict[int, list[tuple[int, int, str, str | None]]]:
        """The entries (eid, slot, term, single-word head or None) indexed under `key`, by table (KINDS)."""
        return {kind: marshal.loads(entries) for kind, entries in self.conn.execute(self._heads, (key,))}

    def fuzzy(self, fkey: str) -> list[str] | None:
        row = self.conn.execute("SELECT heads FROM fuzzy WHERE fkey = ?", (fkey,)).fetchone()
        return None if row is None else row[0].split("\n")

    def dup_slots(self, dups: Sequence[str]) -> list[int]:
        """The base slots whose concept key is one of `dups`."""
        return [s for d in dups for (s,) in self.conn.execute("SELECT slot FROM dups WHERE dup = ?", (d,))]

    def base(self) -> bytes:
        """The bytes of the file version this index was built on."""
        row = self.conn.execute("SELECT v FROM meta WHERE k = 'base'").fetchone()
        if row is None or not isinstance(row[0], bytes):
            raise ValueError("a damaged keyed index")
        return row[0]

    def close(self) -> None:
        self.conn.close()
