"""A new concept added to a big glossary file as one row spliced into its place, without reading the rest.

`glossary add` (and Ctrl+T in the workbench) used to read every row into a Concept, merge, sort and write the
whole glossary again: 6-8 s at 100,000 concepts. A file tarjimon wrote is sorted by its rows (formats.tsv:
`row_order`), so the row of a new concept has one place, found by a binary search over the file's lines;
only the ~20 lines it compares are decoded. The file is still replaced atomically (the old file or the new
one, never half of one; 15 ms for 13 MB), with exactly the bytes the full rewrite would give.

Whether the concept is new is decided the way `merging.merge_into` decides it: no row with the same concept
key (first term and domain) and no row whose concept id (from its first term, `Concept.with_id`) is the new
concept's. In a sorted file the rows whose first term could be one of these terms lie together, so a binary
search finds them. A file this cannot be sure of (not plain, a header tarjimon would not write, an `id`
column, terms in a language or a field without a column) takes the full path (`insert_row` returns None).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from itertools import count
from pathlib import Path

from tarjimon.core.errors import TarjimonError
from tarjimon.core.files import atomic_writer
from tarjimon.core.formats import table_header
from tarjimon.core.formats.tsv import LEAD_LANGS, concept_cells, read_tsv_text, refuse_conflict, row_order
from tarjimon.core.glossary import filediff, ids
from tarjimon.core.models.glossary import META_COLUMNS, Concept, concept_key
from tarjimon.core.textio import read_bytes

#: How many rows sharing a first term with the new concept are looked at before leaving it to the full path.
MAX_NEIGHBOURS = 2000


def insert_row(path: Path, name: str, concept: Concept) -> Concept | None:
    """Write `concept` (a new one) into the glossary file at `path` as one row in its sorted place; return
    it, or None when the full path must decide (a merge, or a file this path does not handle). The caller
    holds the glossary's lock."""
    return concept if splice_row(path, name, concept) is not None else None


def splice_row(path: Path, name: str, concept: Concept) -> bytes | None:
    """`insert_row`, answering the file's new bytes (what a loaded glossary patches its index from without
    reading the file again), or None."""
    if not path.is_file():
        return None
    data = read_bytes(path)
    refuse_conflict(data, path)
    found = spliced_at(data, path, name, concept)
    if found is None:
        return None
    new, step = found
    row_ids = ids.load(path, data)  # the kept concept ids (glossary edit/remove) follow, when there are some
    with atomic_writer(path, before_replace=unchanged(path, data)) as out:
        out.write(new)
    if row_ids is not None:
        header = new[: new.index(b"\n")].decode("utf-8")
        row = new[step[0] : step[2] - 1].decode("utf-8")
        row_ids.follow(step, read_tsv_text(header + "\n" + row + "\n", path, name).concepts[0].id)
        ids.save(path, new, row_ids)
    return new


def spliced(data: bytes, path: Path, name: str, concept: Concept) -> bytes | None:
    """A glossary file's bytes with `concept`'s row spliced into its sorted place (nothing written), or None
    when the full path must decide."""
    found = spliced_at(data, path, name, concept)
    return None if found is None else found[0]


def spliced_at(data: bytes, path: Path, name: str, concept: Concept) -> tuple[bytes, filediff.Splice] | None:
    """`spliced`, with where the row went (the index is patched from it without comparing the versions)."""
    found = plain_header(data, path)
    if found is None or not fits(concept, *found[1:]):
        return None
    header, langs, metas = found
    cells = concept_cells(concept, langs, metas)
    lines = Lines(data, len(header) + 1)
    try:  # (every line looked at must be UTF-8: a Windows-1251 file fails here and takes the full path)
        if has_twin(lines, langs, concept, path, header):
            return None
        at = lines.bisect(row_order(cells), right=True)
    except UnicodeDecodeError:
        return None
    row = "\t".join(cells)
    try:
        (back,) = read_tsv_text(header + "\n" + row + "\n", path, name).concepts
    except (TarjimonError, ValueError):
        return None
    if back.terms != concept.terms:
        return None
    return filediff.splice(data, at, at, row.encode("utf-8") + b"\n")


def unchanged(path: Path, data: bytes) -> Callable[[], None]:
    """A check that the file at `path` still holds `data` (what was read under the glossary's lock): another
    program (git, an editor) may write it without the lock. Its size, mtime and bytes are compared just before
    the new version replaces it; a difference raises and nothing is written. (The bytes themselves are
    compared, not checksums: two CRCs of 13 MB cost more than reading it again and one memcmp.)"""
    st = os.stat(path)
    was = (len(data), st.st_mtime_ns, st.st_ino)

    def check() -> None:
        now = os.stat(path)
        if (now.st_size, now.st_mtime_ns, now.st_ino) != was or read_bytes(path) != data:
            raise TarjimonError(
                f"{path} changed while it was being written (another program wrote it): nothing written, "
                "try again"
            )

    return check


def plain_header(data: bytes, path: Path) -> tuple[str, list[str], list[str]] | None:
    """(the header line, its language columns, its other columns) of a file whose rows this module may
    splice, change or remove one by one: plain (filediff), with the header tarjimon writes, no `id` column;
    None for any other file (the full path handles it)."""
    if not filediff.looks_plain(data):
        return None
    end = data.index(b"\n")
    try:
        header = data[:end].decode("utf-8")
        cols, has_header = table_header.understand(header.split("\t"), path, 1)
    except (UnicodeDecodeError, TarjimonError):
        return None
    names = [c.name for c in cols]
    langs = [c.name for c in cols if c.kind == "lang"]
    metas = names[len(langs) :]
    if (
        not has_header
        or header != "\t".join(names)  # the header as tarjimon writes it, in the order it writes it
        or names[: len(langs)] != langs
        or langs != [x for x in LEAD_LANGS if x in langs] + sorted(set(langs) - set(LEAD_LANGS))
        or metas != [m for m in META_COLUMNS if m in metas] + sorted(set(metas) - set(META_COLUMNS))
        or "id" in metas
    ):
        return None
    return header, langs, metas


def fits(concept: Concept, langs: list[str], metas: list[str]) -> bool:
    """Whether a concept's row fits the file's columns (no language or field without a column)."""
    return not (
        any(lang not in langs for lang, terms in concept.terms.items() if terms)
        or any(value and field not in metas for field, value in _fields(concept))
        or concept.extra
    )


def _fields(concept: Concept) -> list[tuple[str, str]]:
    return [("note", concept.note), ("domain", concept.domain), ("status", concept.status), ("pos", concept.pos)]


def has_twin(lines: Lines, langs: list[str], concept: Concept, path: Path, header: str) -> bool:
    """Whether a row of the file would merge with `concept` (merging.merge_into): the same concept key, or
    the same concept id. Also True when too many rows share the first term to look at them all."""
    key = concept_key(concept, langs)
    first = next((terms[0] for terms in concept.terms.values() if terms), "")
    probes = {(langs.index(key[0].split(":", 1)[0]), key[0].split(":", 1)[1])} if key[0] else set()
    probes |= {(k, first.casefold()) for k in range(len(langs))}
    for column, term in probes:
        for line in lines.block(column, term):
            if line is None:
                return True  # too many to look at
            try:
                (other,) = read_tsv_text(header + "\n" + line + "\n", path, "").concepts
            except (TarjimonError, ValueError):
                return True
            if concept_key(other, langs) == key or other.id == concept.id:
                return True
    return False


class Lines:
    """The rows of a sorted glossary file's bytes, searched by binary search; a line is decoded when read."""

    def __init__(self, data: bytes, start: int) -> None:
        self.data, self.start = data, start

    def bisect(self, probe: object, *, right: bool, key: Callable[[list[str]], object] = row_order) -> int:
        """The byte offset of the first row whose key is > `probe` (`right`) or >= `probe`."""
        data = self.data
        lo, hi = self.start, len(data)
        while lo < hi:
            mid = (lo + hi) // 2
            s = data.rfind(b"\n", lo, mid) + 1 or lo  # the start of the line holding `mid`
            e = data.index(b"\n", s)
            got = key(data[s:e].decode("utf-8").split("\t"))
            if got < probe or (right and got == probe):  # type: ignore[operator]
                lo = e + 1
            else:
                hi = s
        return lo

    def block(self, column: int, term: str) -> Iterator[str | None]:
        """The rows whose cells before `column` are empty and whose cell `column`, case-folded, is `term`
        or starts with `term` and a space (its first term may be `term`); None after MAX_NEIGHBOURS."""
        if not term:
            return
        probe = [""] * column + [term]
        at = self.bisect(probe, right=False, key=lambda cells: [c.casefold() for c in cells[: column + 1]])
        data = self.data
        for n in count():
            if at >= len(data):
                return
            e = data.index(b"\n", at)
            line = data[at:e].decode("utf-8")
            cells = line.split("\t")
            if len(cells) <= column or any(cells[:column]):
                return
            cell = cells[column].casefold()
            if cell != term and not cell.startswith(term + " "):
                return
            if n >= MAX_NEIGHBOURS:
                yield None
                return
            yield line
            at = e + 1
