"""The row cache on disk: glossaries/.cache/NAME.tsv.idx, a glossary's rows and seeds (rowcache.Rows) marshalled.

The seeds are marshalled SEED_CHUNK rows at a time: one marshal.dumps of every seed held the GIL 0.35 s at
100,000 rows in two languages, a frozen workbench when a language's index was first built in its worker;
between two chunks other threads run. They are read back with marshal.loads on memoryview slices (through a
file object, marshal.load costs twice as much).
"""

from __future__ import annotations

import marshal
from pathlib import Path

from tarjimon.core.errors import TarjimonError
from tarjimon.core.files import atomic_writer, cache_folder
from tarjimon.core.glossary.rowcache import CACHE_DIR, Rows, no_gc

#: Seeds marshalled per call (a chunk takes ~5-10 ms).
SEED_CHUNK = 5000


def dump_payload(payload: tuple) -> bytes:
    """A cache's bytes: the seeds, SEED_CHUNK rows per marshalled object (other threads run between two
    chunks), then everything else with the chunks' sizes per language, then that part's size (8 bytes)."""
    return b"".join(dump_parts(payload))


def dump_parts(payload: tuple) -> list[bytes]:
    """`dump_payload`'s bytes in parts, for writing them without joining them (~20 MB at 100,000 rows)."""
    key, header, rows, dups, count, seeds, data = payload
    chunks = {
        lang: [marshal.dumps(ss[at : at + SEED_CHUNK]) for at in range(0, len(ss), SEED_CHUNK)]
        for lang, ss in seeds.items()
    }
    sizes = {lang: [len(c) for c in cs] for lang, cs in chunks.items()}
    head = marshal.dumps(("tarjimon-rows", key, header, rows, dups, count, sizes, data))
    return [*(c for cs in chunks.values() for c in cs), head, len(head).to_bytes(8, "little")]


def load_payload(payload: bytes) -> tuple:
    """The payload `dump_payload` wrote (ValueError for another format)."""
    view = memoryview(payload)
    size = int.from_bytes(view[-8:], "little")
    if not 0 < size <= len(view) - 8:
        raise ValueError("not a row cache of this version")
    head = marshal.loads(view[len(view) - 8 - size : len(view) - 8])
    if not isinstance(head, tuple) or len(head) != 8 or head[0] != "tarjimon-rows":
        raise ValueError("not a row cache of this version")
    _, key, header, rows, dups, count, sizes, data = head
    seeds: dict[str, list] = {}
    at = 0
    for lang, lengths in sizes.items():
        found = seeds[lang] = []
        for length in lengths:
            found.extend(marshal.loads(view[at : at + length]))
            at += length
    if at != len(view) - 8 - size:
        raise ValueError("a damaged cache")
    return key, header, rows, dups, count, seeds, data


def cache_file(path: Path, cache_dir: Path | None = None) -> Path:
    return (cache_dir or path.parent / CACHE_DIR) / (path.name + ".idx")


def load_cached(path: Path, cache_dir: Path | None = None) -> Rows | None:
    try:
        with no_gc() as size:
            rows = rows_from(path, cache_file(path, cache_dir).read_bytes())
            size[0] = len(rows.by_slot)
            return rows
    except (OSError, EOFError, ValueError, TypeError, TarjimonError):
        return None


def save(rows: Rows, cache_dir: Path | None = None, payload: tuple | None = None) -> None:
    """Write the cache (skipped when it cannot be written: a read-only folder only costs speed); `payload`:
    Rows.payload() taken earlier."""
    target = cache_file(rows.path, cache_dir)
    try:
        cache_folder(target.parent)
        parts = dump_parts(rows.payload() if payload is None else payload)
        # Not fsynced (as the keyed index and the kept ids): a cache is checked when read (its key, its
        # sizes, marshal's own checks) and made again when wrong; the fsync of ~20 MB cost 40-80 ms of a cold
        # build's CPU, and more of its wall time.
        with atomic_writer(target, durable=False) as out:
            out.writelines(parts)
    except (OSError, ValueError, TarjimonError):
        pass


def rows_from(path: Path, payload: bytes) -> Rows:
    """The Rows a cache file holds (ValueError for a damaged or older one)."""
    key, header, rows_text, dups_text, count, seeds, data = load_payload(payload)
    if rows_text is None:  # a plain file's: its lines after the header
        rows_text = data[data.index(b"\n") + 1 : -1].decode("utf-8") if count else ""
    rows = rows_text.split("\n") if count else []
    dups = dups_text.split("\n") if count else []
    if len(rows) != count or len(dups) != count:
        raise ValueError("a damaged cache")
    out = Rows.__new__(Rows)
    out._header(path, tuple(key), header)
    out.by_slot = rows
    out.order = list(range(len(rows)))
    out.rank = [float(i) for i in range(len(rows))]
    out.dups = dups
    out._dupmap = None
    out.seeded = 0
    out.seeds = seeds
    out.data = data
    out.changed = 0
    out._builds = 0
    out._log = []
    out.lines_counted = 0
    return out
