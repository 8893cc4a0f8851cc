"""A concept of a glossary file found by any of its terms, changed or removed as one row.

A team keeps its glossary in git, so an edit must change that row's bytes and nothing else: in a file
tarjimon wrote (adding.plain_header), the concept's line is cut out and its new row spliced into its sorted
place (found by binary search, as adding.py does for a new concept), giving exactly the bytes the full
rewrite would give; any other file (a BOM, CRLF, comments, an `id` column) is read whole and written again
the way tarjimon writes glossaries. Either way the file is replaced atomically (the old file or the new one),
never through a symlink, and not at all when it changed since it was read (adding.unchanged: git or an editor
wrote it without the glossary's lock).

Concepts are named by their id (`Concept.id`: the file's `id` cell, else derived from the first term and the
domain, so an edit of the first term gives the concept a new id: the edit answers it).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import repeat
from pathlib import Path

from tarjimon.core import langs as langtags
from tarjimon.core.config import current_user
from tarjimon.core.errors import BadInput, NotFound, TarjimonError
from tarjimon.core.files import atomic_writer
from tarjimon.core.formats import tbx_history
from tarjimon.core.formats.tsv import (
    concept_cells,
    read_tsv,
    read_tsv_text,
    refuse_conflict,
    row_order,
    tsv_text,
)
from tarjimon.core.glossary import adding, filediff, ids
from tarjimon.core.models.glossary import STATUSES, Concept, concept_key, split_synonyms
from tarjimon.core.textio import read_bytes

_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
_ID = re.compile(r"c[0-9a-f]{10}")  # a derived concept id (Concept.with_id)
# a first cell that is not its row's first term as written: empty, blank, or with spaces the reader normalises
_ODD_FIRST = re.compile(r"^[^\S\n]*$|[^\S \n]|  |^ | $", re.M)


@dataclass(frozen=True)
class RowChange:
    """What an edit or a removal did: the concept before, after (None: removed), and the file's new bytes
    when only its row changed (a loaded glossary patches its index from them; None after a full rewrite)."""

    old: Concept
    new: Concept | None
    data: bytes | None
    # the steps from the old bytes to `data` (the row cut out, then its new row spliced in), each as the file's
    # bytes after it and where they changed: what a loaded glossary patches its index from, step by step
    steps: tuple[tuple[bytes, filediff.Splice], ...] = ()


def edited(
    old: Concept,
    terms: Mapping[str, Sequence[str]] | None = None,
    *,
    note: str | None = None,
    domain: str | None = None,
    status: str | None = None,
    pos: str | None = None,
    definition: str | None = None,
) -> Concept:
    """`old` with the languages of `terms` set (an empty list clears one; " | " in a value separates
    synonyms) and the fields given changed (`definition`: the definition column, "" clears it). Raises BadInput for a tab or a line break in a value, an unknown
    status, or no term left."""
    check_values(terms, note, domain, status, pos, definition)
    new_terms = dict(old.terms)
    for tag, values in (terms or {}).items():
        lang = langtags.normalize(tag)
        found = tuple(t for v in values for t in split_synonyms(v))
        if found:
            new_terms[lang] = tuple(dict.fromkeys(found))
        else:
            new_terms.pop(lang, None)
    if not any(new_terms.values()):
        raise BadInput("a concept needs at least one term (to delete it, remove it)")
    fields = {
        k: " ".join(v.split()) if k != "status" else v.strip().lower()
        for k, v in (("note", note), ("domain", domain), ("status", status), ("pos", pos))
        if v is not None
    }
    if fields.get("status") and fields["status"] not in STATUSES:
        raise BadInput(f"unknown status {fields['status']!r} (use {', '.join(STATUSES)})")
    extra = old.extra
    if definition is not None:  # (a column of its own, as a TBX's definition is read)
        value = " ".join(definition.split())
        extra = tuple((k, v) for k, v in old.extra if k != "definition") + ((("definition", value),) if value else ())
    new = replace(old, terms=new_terms, extra=extra, **fields)  # type: ignore[arg-type]
    # a concept read from TBX keeps what the file said about a renamed term, and the edit is recorded as a
    # transaction (who, when) that a TBX export writes
    return tbx_history.after_edit(old, new, by=current_user())


def check_values(terms: Mapping[str, Sequence[str]] | None, *fields: str | None) -> None:
    """Raise BadInput for a value a TSV cell cannot hold (a tab, a line break) or an unknown language."""
    for value in [*(t for ts in (terms or {}).values() for t in ts), *fields]:
        if value is not None and any(ch in value for ch in "\t\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"):
            raise BadInput(f"a glossary value cannot hold a tab or a line break: {value!r}")
        if value is not None and _CONTROL.search(value):  # the file would no longer read as text at all
            raise BadInput(f"a glossary value cannot hold a control character: {value!r}")
    for tag in terms or {}:
        langtags.normalize(tag)


def find_concepts(path: Path, name: str, query: str, limit: int = 50) -> list[Concept]:
    """Concepts with a term containing `query` (case-folded; an Uzbek query in either script), or the
    concept whose id is `query`; terms equal to the query first, then file order."""
    data = read_bytes(path)
    refuse_conflict(data, path)
    if _ID.fullmatch(query.strip()):  # an id: its row straight from the kept ids (no row worked out)
        row_ids = kept_ids(path, data)
        at = row_ids.offset(query.strip()) if row_ids is not None else None
        if at is not None and 0 < at < len(data) and data[at - 1 : at] == b"\n":
            header = data[: data.index(b"\n")].decode("utf-8")
            concept = _parse(header, data[at : data.index(b"\n", at)].decode("utf-8", errors="replace"), path)
            if concept is not None and concept.id == query.strip():
                return [concept]
    glossary_text = data.decode("utf-8", errors="replace")
    header = glossary_text.partition("\n")[0]
    q = " ".join(query.split()).casefold()
    if not q:
        raise BadInput("give a term to look for (or a concept id)")
    from tarjimon.core.translit import to_cyrillic, to_latin  # (its lexicons: ~10 ms, for show TERM only)

    probes = {q, to_cyrillic(q).casefold(), to_latin(q).casefold()}
    hits: list[tuple[int, int, Concept]] = []
    for i, line in _lines_with(glossary_text, len(header) + 1, probes):
        concept = _parse(header, line, path)
        if concept is None:
            continue
        terms = [t.casefold() for ts in concept.terms.values() for t in ts]
        if concept.id == query.strip():
            hits.append((0, i, concept))
        elif any(t in probes for t in terms):
            hits.append((1, i, concept))
        elif any(p in t for t in terms for p in probes):
            hits.append((2, i, concept))
    if not hits and query.strip().startswith("c"):  # an id not written in the file: derived from its terms
        plain = adding.plain_header(data, path)
        if plain is not None:
            found = _locate_by_id(data, len(header.encode("utf-8")) + 1, header, path, query.strip(), len(plain[1]))
            hits += [(0, 0, found[2])] if found is not None else []
        else:
            hits += [(0, 0, c) for c in read_tsv(path, name).concepts if c.id == query.strip()]
    return [c for _rank, _i, c in sorted(hits, key=lambda h: (h[0], h[1]))[:limit]]


def _lines_with(text: str, start: int, probes: set[str]) -> list[tuple[int, str]]:
    """(index, line) of the lines of `text` from `start` on (line 0 starts there) whose case-folded text
    contains one of `probes`, in file order. The folded text is searched with str.find, so only the lines
    holding a probe are visited in Python (a loop over 100,000 lines took ~90 ms of `glossary show TERM`)."""
    low = text.casefold()  # (casefold keeps the line breaks, and keeps offsets when it keeps the length)
    starts: set[int] = set()
    for probe in probes:
        at = low.find(probe, start)
        while at >= 0:
            starts.add(low.rfind("\n", start - 1, at) + 1)
            end = low.find("\n", at)
            at = low.find(probe, end + 1) if end >= 0 else -1  # (the next line on: a line is taken once)
    found, i, last = [], 0, start
    lines = text[start:].split("\n") if len(low) != len(text) else None  # a fold that changed a length: ß, ﬁ
    for first in sorted(starts):
        i += low.count("\n", last, first)
        last = first
        if lines is None:
            end = low.find("\n", first)
            found.append((i, text[first : end if end >= 0 else len(text)]))
        else:
            found.append((i, lines[i]))
    return found


def _parse(header: str, line: str, path: Path) -> Concept | None:
    if not line.strip() or line.lstrip("\ufeff").startswith("#"):
        return None
    try:
        found = read_tsv_text(header + "\n" + line + "\n", path, "").concepts
    except TarjimonError:
        return None
    return found[0] if found else None


def _locate_by_id(data: bytes, start: int, header: str, path: Path, concept_id: str,
                  langs_n: int) -> tuple[int, int, Concept] | None:  # fmt: skip
    """(the row's first byte, the byte after its newline, its concept) of the row with this concept id in a
    plain file whose first `langs_n` columns are its languages. Each row's id is worked out from its cells
    (a hash of its first term and domain, as Concept.with_id) and only a row with the id is parsed."""
    cols = header.split("\t")
    dom = cols.index("domain") if "domain" in cols else None
    has_ids = "id" in cols
    at = start
    text = data[start:].decode("utf-8", errors="replace")
    lines = text.split("\n")
    firsts = "\n".join(line.partition("\t")[0] for line in lines[:-1])
    if not has_ids and "|" not in firsts and not _ODD_FIRST.search(firsts):
        # The usual file: every row's first cell is its first term, as written: ids from the cells at once.
        domains = (
            [" ".join(c[dom].split()) if dom < len(c) else "" for c in (ln.split("\t") for ln in lines[:-1])]
            if dom is not None
            else repeat("")
        )
        blake = hashlib.blake2b
        for i, (first, domain) in enumerate(zip(firsts.casefold().split("\n"), domains, strict=False)):
            if "c" + blake(f"{first}\t{domain}".encode(), digest_size=5).hexdigest() == concept_id:
                concept = _parse(header, lines[i], path)
                if concept is not None and concept.id == concept_id:
                    at = start + len("\n".join(lines[:i]).encode("utf-8")) + (1 if i else 0)
                    return at, at + len(lines[i].encode("utf-8")) + 1, concept
        return None
    want = concept_id.encode()
    for line in lines:
        end = at + len(line.encode("utf-8")) + 1
        cells = line.split("\t")
        if has_ids or "|" in line or line.startswith(("#", "\ufeff")) or not line.strip():
            concept = _parse(header, line, path)  # the reader's own answer for an unusual row
            if concept is not None and concept.id == concept_id:
                return at, end, concept
        else:
            first = next((c for c in cells[:langs_n] if c.strip()), "")
            domain = " ".join(cells[dom].split()) if dom is not None and dom < len(cells) else ""
            key = f"{' '.join(first.split()).casefold()}\t{domain}".encode()
            if b"c" + hashlib.blake2b(key, digest_size=5).hexdigest().encode() == want:
                concept = _parse(header, line, path)
                if concept is not None and concept.id == concept_id:
                    return at, end, concept
        at = end
    return None


def _refuse_twin_rows(data: bytes, start: int, s: int, e: int, header: str, path: Path, concept_id: str) -> None:
    """BadInput when the row at bytes [s, e) has a twin next to it: another row of the same concept (its first
    term and domain), as a git merge of two desks' versions of one row leaves them (sorted, twins are
    neighbours). Changing or removing one of them would leave the other, silently: the reader merges them."""
    before = data.rfind(b"\n", start, s - 1) + 1 if s > start else -1
    for a, b in ((before, s - 1), (e, data.find(b"\n", e))):
        if start <= a < b:
            twin = _parse(header, data[a:b].decode("utf-8", errors="replace"), path)
            if twin is not None and twin.id == concept_id:
                first, second = sorted((data.count(b"\n", 0, s) + 1, data.count(b"\n", 0, a) + 1))
                raise BadInput(f"the concept {concept_id} is on two rows, lines {first} and {second} (the same first "
                               "term and domain: two versions of one row, as a git merge leaves them): keep one row "
                               "(its synonyms merged into it), then run again; nothing written", path=path, line=first)


def change_concept(
    path: Path, name: str, concept_id: str, update: Callable[[Concept], Concept | None], *, row: str | None = None
) -> RowChange:
    """Change (or, when `update` answers None, remove) the concept `concept_id` of the glossary file at
    `path`. `row`: the concept's line as the caller last saw it; if the file's differs, nothing is written
    (someone changed the concept meanwhile). The caller holds the glossary's lock (store.locked)."""
    if not path.is_file():
        raise NotFound(f"no glossary named {name!r}", path=path)
    data = read_bytes(path)
    refuse_conflict(data, path)
    row_ids = kept_ids(path, data) if row is None else None
    change = changed(data, path, name, concept_id, update, row=row, row_ids=row_ids)
    if change is None:
        return _change_whole(path, name, data, concept_id, update, row)
    if change.data is not data:  # (an edit that changes nothing writes nothing)
        with atomic_writer(path, before_replace=adding.unchanged(path, data)) as handle:
            handle.write(change.data)  # type: ignore[arg-type]
        if row_ids is not None and row_ids.doubtful:
            kept_ids(path, change.data, fresh=True)  # type: ignore[arg-type]
        elif row_ids is not None:  # the ids follow the change, for the next edit
            for (_bytes, step), new_id in zip(change.steps, [None, change.new.id if change.new else None],
                                              strict=False):  # fmt: skip
                row_ids.follow(step, new_id)
            ids.save(path, change.data, row_ids)  # type: ignore[arg-type]
    return change


def kept_ids(path: Path, data: bytes, *, fresh: bool = False) -> ids.RowIds | None:
    """The concept ids of a plain file's rows: as stored for these bytes, else (or `fresh`) worked out and
    stored; None for a file the row-by-row path does not handle."""
    found = adding.plain_header(data, path)
    if found is None:
        return None
    row_ids = None if fresh else ids.load(path, data)
    if row_ids is None:
        header = found[0]
        row_ids = ids.RowIds.build(data, len(header.encode("utf-8")) + 1, header, lambda ln: _parse(header, ln, path))
        ids.save(path, data, row_ids)
    return row_ids


def changed(data: bytes, path: Path, name: str, concept_id: str, update: Callable[[Concept], Concept | None], *,
            row: str | None = None, row_ids: ids.RowIds | None = None) -> RowChange | None:  # fmt: skip
    """change_concept on a file's bytes, nothing written: the change with the new bytes, or None when the
    whole file must be read and written again (not a plain file, a new column, a possible twin). `row_ids`:
    the rows' ids (kept_ids), to find the concept by its id without working out every row's."""
    found = adding.plain_header(data, path)
    if found is None:
        return None
    header, langs, metas = found
    start = len(header.encode("utf-8")) + 1
    if row is None and row_ids is not None:
        at = row_ids.offset(concept_id)
        if at is not None and 0 < at < len(data) and data[at - 1 : at] == b"\n":
            line = data[at : data.index(b"\n", at)].decode("utf-8", errors="replace")
            concept = _parse(header, line, path)
            if concept is not None and concept.id == concept_id:  # (a stale entry is never trusted)
                row = line
        if row is None:
            row_ids.doubtful = True  # not there, or not where they say: worked out below, and again after
    if row is not None:
        at = _row_at(data, start, row)
        old_row = _parse(header, row, path) if at >= 0 else None
        if old_row is None or old_row.id != concept_id:
            raise TarjimonError(
                f"{path}: the concept {concept_id} changed in the file since it was shown (reload it): nothing written"
            )
        s, e, old = at + 1, at + 2 + len(row.encode("utf-8")), old_row
    else:
        # (not among the kept ids, or not where they say: every row's id is worked out, as without them)
        located = _locate_by_id(data, start, header, path, concept_id, len(langs))
        if located is None:
            raise NotFound(f"no concept {concept_id!r} in glossary {name!r}", path=path)
        s, e, old = located
    _refuse_twin_rows(data, start, s, e, header, path, concept_id)
    new = update(old)
    if new is not None:
        new = replace(new, id="").with_id()
        if new == old:  # nothing to change: nothing written
            return RowChange(old, new, data)
        if not adding.fits(new, langs, metas):  # a language or a field with no column yet
            return None
    rest, cut = filediff.splice(data, s, e)
    steps = [(rest, cut)]
    if new is not None:
        cells = concept_cells(new, langs, metas)
        lines = adding.Lines(rest, start)
        try:
            twin = adding.has_twin(lines, langs, new, path, header)
        except UnicodeDecodeError:
            twin = True
        if twin:  # (or too many rows share its first term to be sure): the whole file decides
            return None
        at = lines.bisect(row_order(cells), right=True)
        steps.append(filediff.splice(rest, at, at, "\t".join(cells).encode("utf-8") + b"\n"))
    return RowChange(old, new, steps[-1][0], tuple(steps))


def _row_at(data: bytes, start: int, row: str) -> int:
    """Where `row` is in a plain file's bytes: the offset of the newline before it (-1: not there). A file
    tarjimon wrote is sorted by its rows: a binary search reads ~20 lines (a search of 13 MB for the row's
    bytes took 1-2 ms); when the row is not where it should be, the bytes are searched."""
    line = row.encode("utf-8") + b"\n"
    try:
        at = adding.Lines(data, start).bisect(row_order(row.split("\t")), right=False)
    except UnicodeDecodeError:
        at = -1
    if at >= start and data.startswith(line, at):
        return at - 1
    return data.find(b"\n" + line, start - 1)


def _change_whole(path: Path, name: str, data: bytes, concept_id: str,
                  update: Callable[[Concept], Concept | None], row: str | None = None) -> RowChange:  # fmt: skip
    """change_concept for a file read whole and written again (as `glossary add`'s full path does)."""
    glossary = read_tsv(path, name)
    at = next((i for i, c in enumerate(glossary.concepts) if c.id == concept_id), None)
    if at is None:
        raise NotFound(f"no concept {concept_id!r} in glossary {name!r}", path=path)
    old = glossary.concepts[at]
    header = data.split(b"\n", 1)[0].decode("utf-8", errors="replace").lstrip("\ufeff").rstrip("\r")
    if row is not None and _parse(header, row, path) != old:
        raise TarjimonError(
            f"{path}: the concept {concept_id} changed in the file since it was shown (reload it): nothing written"
        )
    new = update(old)
    if new is not None:
        new = new if "id" in glossary.columns else replace(new, id="").with_id()
        key = concept_key(new, glossary.langs)
        for i, other in enumerate(glossary.concepts):
            if i != at and (concept_key(other, glossary.langs) == key or other.id == new.id):
                shown = next((ts[0] for ts in other.terms.values() if ts), "")
                raise BadInput(f"glossary {name!r} already has the concept {shown!r} ({other.id}): "
                               "change that one instead", path=path)  # fmt: skip
        glossary.concepts[at] = new
        for lang in new.terms:
            if lang not in glossary.langs:
                glossary.langs.append(lang)
    else:
        del glossary.concepts[at]
    text = tsv_text(glossary) if glossary.concepts else "\t".join(glossary.langs) + "\n"
    if glossary.concepts:
        read_tsv_text(text, path, name)  # a bad save never lands
    with atomic_writer(path, before_replace=adding.unchanged(path, data)) as handle:
        handle.write(text.encode("utf-8"))
    return RowChange(old, new, None)


__all__ = ["RowChange", "change_concept", "edited", "find_concepts"]
