"""Glossary files written: the lock every writer holds, import, export, adding a concept, changing or
removing one (the rows themselves: adding.py, editing.py). store.py offers these beside the loaded glossaries."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from tarjimon.core import files
from tarjimon.core import langs as langtags
from tarjimon.core.config import check_name, current_user
from tarjimon.core.errors import BadInput, NotFound, TarjimonError
from tarjimon.core.files import atomic_write_text
from tarjimon.core.formats import gzipped, registry, tbx_history
from tarjimon.core.formats.registry import Format
from tarjimon.core.formats.tsv import read_tsv, read_tsv_text, tsv_text
from tarjimon.core.glossary import adding, editing
from tarjimon.core.glossary.merging import merge_into
from tarjimon.core.models.glossary import STATUSES, Concept, Glossary, concept_key, split_synonyms

SUFFIX = ".tsv"
FRAME_SUFFIX = ".tbx-header.xml"


def glossary_path(folder: Path, name: str) -> Path:
    return Path(folder) / (check_name(name) + SUFFIX)


def frame_path(path: Path) -> Path:
    """Beside glossary NAME.tsv: NAME.tbx-header.xml, the header and back matter of the TBX it was imported
    from (formats/tbx_extras.py), which its TBX exports write again."""
    return path.with_name(path.name[: -len(SUFFIX)] + FRAME_SUFFIX)


def read_frame(path: Path) -> str:
    """The kept TBX header of glossary file `path`, "" when there is none (or it is not a plain file)."""
    frame = frame_path(path)
    if frame.is_symlink() or not frame.is_file():
        return ""
    return frame.read_bytes().decode("utf-8", "replace")


def read_any(path: str | Path, name: str) -> Glossary:
    """Read a glossary file in whichever format the registry finds it to be (TSV, CSV, TBX, XLSX)."""
    return registry.for_path(path, kind="concepts", purpose="read").reader("concepts")(path, name)


def write_any(glossary: Glossary, path: str | Path, fmt: str | None = None) -> str:
    """Write a glossary file, atomically, in format `fmt` (a registry name: "tbx2") or else the one its
    extension names (.tsv, .csv, .tbx); the writer's line on what the file could not hold ("" for none)."""
    return _writer_format(path, fmt).writer("concepts")(glossary, path) or ""


def _writer_format(path: str | Path, fmt: str | None) -> Format:
    if fmt:
        return registry.by_name(fmt, kind="concepts", purpose="write")
    return registry.for_path(path, kind="concepts", purpose="write")


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold glossary `path`'s lock file (.NAME.tsv.lock beside it) while re-reading and rewriting it.

    Every writer (add, import, the workbench) goes through here, so concurrent writers queue instead of
    each rewriting the file from a stale copy and losing the others' rows.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = files.open_for_lock(path.with_name("." + path.name + ".lock"))
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        files.sweep_temps(path)  # what a killed writer left (every writer holds this lock)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _read_existing(path: Path, name: str) -> Glossary:
    if path.exists():
        return read_tsv(path, name)
    return Glossary(name)


def save_glossary(glossary: Glossary, path: Path) -> None:
    """Write a glossary TSV atomically, checking first that it reads back (so a bad save never lands)."""
    text = tsv_text(glossary)
    read_tsv_text(text, path, glossary.name)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(path, text)


def read_import(source: str | Path, name: str, langs: tuple[str, str] | None = None) -> Glossary:
    """Read a file to import; `langs` (source, target) name the term columns of a table without header. A
    gzip-compressed one (terms.tbx.gz) is the file inside (formats/gzipped.py)."""
    found = registry.for_path(source, kind="concepts", purpose="read")
    reader = found.reader("concepts")
    with gzipped.plain(source, files.MAX_INPUT_BYTES) as plain:
        incoming = reader(plain, name, langs) if langs and found.name in ("tsv", "csv", "xlsx") else reader(plain, name)
    if not incoming.concepts:
        raise BadInput("no concepts in this file (an empty glossary is not imported)", path=source)
    return incoming


def import_file(folder: Path, name: str, source: str | Path,
                langs: tuple[str, str] | None = None, *, path: Path | None = None) -> tuple[int, int]:
    """Import a TSV, CSV or TBX file into glossary NAME (created if new; `path`: its file when it is not
    FOLDER/NAME.tsv, a project's own glossary.tsv). All or nothing.

    Returns (concepts added, concepts merged into existing ones).
    """
    path = path or glossary_path(folder, name)
    incoming = read_import(source, name, langs)
    with locked(path):
        base = _read_existing(path, name)
        result = merge_into(base, incoming)
        if incoming.tbx_frame:  # the TBX's header (the latest imported file's), for the TBX exports
            atomic_write_text(frame_path(path), incoming.tbx_frame + "\n")
        if any(c.id for c in incoming.concepts) and "id" not in base.columns and len(
                {concept_key(c, base.langs) for c in base.concepts}) < len(base.concepts):  # fmt: skip
            base.columns.append("id")  # two concepts share a first term: their ids tell them apart
        save_glossary(base, path)
    return result


def export_glossary(folder: Path, name: str, out: str | Path, fmt: str | None = None, *,
                    overwrite: bool = False, path: Path | None = None, said: list[str] | None = None) -> int:  # fmt: skip
    """Write glossary NAME (`path`: its file when it is not FOLDER/NAME.tsv) to `out` (as `fmt`, else by its
    extension: .tsv, .csv or .tbx); return the number of concepts. An existing `out` is replaced only with
    `overwrite`. `said` gets the line saying what the file could not hold (a TBX dialect's limits), if any."""
    _writer_format(out, fmt)  # refuse an unknown format before reading
    path = path or glossary_path(folder, name)
    if not path.is_file():
        raise NotFound(f"no glossary named {name!r} in {path.parent}")
    glossary = read_tsv(path, name)
    glossary.tbx_frame = read_frame(path)
    if not overwrite and (Path(out).exists() or Path(out).is_symlink()):
        raise TarjimonError(f"{out} exists (use --force to replace it)")
    line = write_any(glossary, out, fmt)
    if line and said is not None:
        said.append(line)
    return len(glossary.concepts)


def make_concept(terms: Mapping[str, str | Iterable[str]], note: str = "", domain: str = "",
                 status: str = "", pos: str = "") -> Concept:  # fmt: skip
    """A Concept from {lang: term or terms}; language tags normalised, blanks dropped; " | " in a value separates
    synonyms, as in the file and in `glossary edit` ("\\|": a bar inside a term). BadInput for a tab or a line break in a value (the
    edit's rule: before, a tab became a space and `a|b` the one term "a b", silently)."""
    given = {tag: [value] if isinstance(value, str) else list(value) for tag, value in terms.items()}
    editing.check_values(given, note, domain, pos)
    clean: dict[str, tuple[str, ...]] = {}
    for tag, items in given.items():
        lang = langtags.normalize(tag)
        found = tuple(t for v in items for t in split_synonyms(v))  # "a | b": two synonyms, a\|b one term
        if found:
            clean[lang] = tuple(dict.fromkeys(clean.get(lang, ()) + found))
    if not clean:
        raise TarjimonError("a concept needs at least one term")
    status = status.lower().strip()
    if status and status not in STATUSES:
        raise TarjimonError(f"unknown status {status!r} (use {', '.join(STATUSES)})")
    note, domain, pos = " ".join(note.split()), domain.strip(), pos.strip()
    editing.check_values(clean, note, domain, pos)  # a control character: the file would not read back
    return Concept(clean, note, domain, status, pos).with_id()


def add_concept(path: Path, name: str, concept: Concept) -> tuple[Concept, bool]:
    """Add one concept to the glossary file at `path` (created if new); merge when its first term exists.

    Returns (the concept as stored, merged?).
    """
    stored, merged, _data = _add_concept(path, name, concept)
    return stored, merged


def _add_concept(path: Path, name: str, concept: Concept) -> tuple[Concept, bool, bytes | None]:
    """add_concept, with the file's new bytes when one row was spliced in (else None)."""
    with locked(path):
        data = adding.splice_row(path, name, concept)
        if data is not None:  # one row spliced in: no full rewrite
            return _as_read_back(concept, data, path), False, data
        base = _read_existing(path, name)
        before = list(base.concepts)
        added, _merged = merge_into(base, Glossary(name, list(concept.terms), [], [concept]))
        for i, (old, new) in enumerate(zip(before, base.concepts, strict=False)):
            if new is not old:  # a synonym added to a concept read from TBX: its origination recorded
                base.concepts[i] = tbx_history.after_edit(old, new, by=current_user())
        save_glossary(base, path)
        written = path.read_bytes()
    key = concept_key(concept, base.langs)
    stored = next((c for c in base.concepts if concept_key(c, base.langs) == key), None)
    if stored is None:  # merged by its id into a concept whose first term is another (merging.merge_into)
        stored = next(c for c in base.concepts if c.id == concept.id)
    return (_as_read_back(stored, written, path) if added else stored), not added, None


def _as_read_back(concept: Concept, data: bytes, path: Path) -> Concept:
    """The concept with the id a reader of the file gives it: an id is derived from the first term in the
    file's column order (`Concept.with_id`), which need not be the order the terms were given in (a CLI
    `add --kk ... --uz ...`), and `show`, `edit` and `remove` find a concept by that id."""
    found = adding.plain_header(data, path)
    if found is None or concept.id != replace(concept, id="").with_id().id:
        return concept  # not a derived id, or a file whose columns this cannot tell
    ordered = {lang: concept.terms[lang] for lang in found[1] if lang in concept.terms}
    ordered.update((lang, terms) for lang, terms in concept.terms.items() if lang not in ordered)
    return replace(concept, terms=ordered, id="").with_id()


def change_concept(path: Path, name: str, concept_id: str, update: Callable[[Concept], Concept | None], *,
                   row: str | None = None) -> editing.RowChange:  # fmt: skip
    """Change or remove (`update` answers None) one concept of the glossary file at `path`, under its lock
    (editing.change_concept)."""
    with locked(path):
        return editing.change_concept(path, name, concept_id, update, row=row)
