"""Concept ids of a plain glossary file, kept beside its row cache: `glossary edit NAME ID` and `remove` find
the row without working out every row's id.

An id is a hash of a row's first term and domain (`Concept.with_id`); finding one meant hashing all 100,000
rows (0.17-0.21 s, most of what `edit` and `remove` cost above the interpreter's start). Here the ids of one
version of the file are stored with each row's byte offset (glossaries/.cache/NAME.tsv.ids, keyed by the
file's size, mtime and CRC-32); a lookup reads them, goes to the row and checks that row's own id, so a stale
or damaged file only costs the full pass again. After a change tarjimon makes (its splices are known), the
ids are updated, not worked out again.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import re
import zlib
from array import array
from bisect import bisect_left
from collections.abc import Callable, Sequence
from pathlib import Path

from tarjimon.core.errors import TarjimonError
from tarjimon.core.files import atomic_write, cache_folder
from tarjimon.core.glossary import filediff

VERSION = 1
#: The folder beside a glossary where its caches live (the row cache's too: rowcache takes it from here, so
#: that `glossary edit`/`remove`/`show` do not import the index and the morphology only to name it).
CACHE_DIR = ".cache"
# a first cell that is not its row's first term as written: empty, blank, or with spaces the reader normalises
_ODD_FIRST = re.compile(r"^[^\S\n]*$|[^\S \n]|  |^ | $", re.M)

#: How many rows the last `build` worked out an id for (tests count it: a lookup in a kept file works out 1).
stats = {"hashed": 0}


def ids_file(path: Path, cache_dir: Path | None = None) -> Path:
    return (cache_dir or path.parent / CACHE_DIR) / (path.name + ".ids")


def file_key(path: Path, data: bytes) -> tuple[int, int, int]:
    return (len(data), os.stat(path).st_mtime_ns, zlib.crc32(data))


class RowIds:
    """The concept id and the byte offset of each row of one version of a plain glossary file, in file order."""

    def __init__(self, ids: list[str], offsets: array) -> None:
        self.ids = ids
        self.offsets = offsets  # array("q"): the first byte of each row's line
        self.doubtful = False  # a lookup found them wrong (a damaged file): worked out again, not followed

    @classmethod
    def build(cls, data: bytes, start: int, header: str, parse: Callable[[str], object | None]) -> RowIds:
        """Every row's id, worked out from its cells as `Concept.with_id` does (`parse`: the reader's own
        answer for a row whose first cell is not plainly its first term; returns a Concept or None)."""
        text = data[start:].decode("utf-8", errors="replace")
        lines = text.split("\n")[:-1]
        cols = header.split("\t")
        dom = cols.index("domain") if "domain" in cols else None
        firsts = "\n".join(line.partition("\t")[0] for line in lines)
        blake = hashlib.blake2b
        ids: list[str] = []
        if "id" not in cols and "|" not in firsts and not _ODD_FIRST.search(firsts):  # the usual file
            domains: Sequence[str] = (
                [" ".join(c[dom].split()) if dom < len(c) else "" for c in (ln.split("\t") for ln in lines)]
                if dom is not None
                else [""] * len(lines)
            )
            ids = [
                "c" + blake(f"{first}\t{domain}".encode(), digest_size=5).hexdigest()
                for first, domain in zip(firsts.casefold().split("\n") if lines else [], domains, strict=True)
            ]
        else:
            for line in lines:
                concept = parse(line)
                ids.append(getattr(concept, "id", "") if concept is not None else "")
        stats["hashed"] = len(ids)
        offsets = array("q")
        at = start
        for line in lines:  # (the offsets from the lines' lengths in bytes)
            offsets.append(at)
            at += len(line.encode("utf-8")) + 1
        return cls(ids, offsets)

    def offset(self, concept_id: str) -> int | None:
        try:
            return self.offsets[self.ids.index(concept_id)]
        except ValueError:
            return None

    def follow(self, step: filediff.Splice, new_id: str | None) -> None:
        """Follow one step of a change tarjimon made: the rows in bytes [start, old_end) went and, when
        `new_id` is given, one row came in their place (the step's new bytes are its line)."""
        start, old_end, new_end = step
        offsets = self.offsets
        i, j = bisect_left(offsets, start), bisect_left(offsets, old_end)
        delta = new_end - old_end
        tail = array("q", [o + delta for o in offsets[j:]])
        self.offsets = offsets[:i] + (array("q", [start]) if new_id is not None else array("q")) + tail
        self.ids[i:j] = [new_id] if new_id is not None else []


def load(path: Path, data: bytes, cache_dir: Path | None = None) -> RowIds | None:
    """The ids stored for exactly these bytes of the file at `path`, or None."""
    try:
        found = marshal.loads(ids_file(path, cache_dir).read_bytes())
        version, key, ids_text, offsets = found
        if version != VERSION or tuple(key) != file_key(path, data):
            return None
        ids = ids_text.split("\n") if ids_text else []
        offs = array("q")
        offs.frombytes(offsets)
        return RowIds(ids, offs) if len(ids) == len(offs) else None
    except (OSError, EOFError, ValueError, TypeError):
        return None


def save(path: Path, data: bytes, row_ids: RowIds, cache_dir: Path | None = None) -> None:
    """Store the ids for the file's bytes `data` as now on disk (skipped when the folder cannot be written)."""
    target = ids_file(path, cache_dir)
    try:
        cache_folder(target.parent)
        payload = (VERSION, file_key(path, data), "\n".join(row_ids.ids), row_ids.offsets.tobytes())
        atomic_write(target, marshal.dumps(payload), durable=False)  # (checked on load: no fsync for a cache)
    except (OSError, ValueError, TarjimonError):  # (TarjimonError: a symlink planted there, refused)
        pass
