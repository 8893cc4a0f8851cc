"""An XLIFF (or PO) file imported as a document: its languages checked against the project's, and its targets stored.

The file's segments are its own (formats/xliff_document.py), never re-segmented. Its targets go to the
project's target of the file's target language (uz-Cyrl, uz@cyrillic: uz), with their statuses. On a
re-import the rule of every article import holds (unchanged sentences keep their rows and translations), and a
target from the file replaces the project's only when the project's is empty or less advanced (empty < draft <
translated < reviewed): a translator's work is never overwritten by an older file; the history keeps what a
file replaced.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from tarjimon.core import langs
from tarjimon.core.errors import BadInput
from tarjimon.core.formats.xliff_document import RANK, Bilingual, Target, read_bilingual
from tarjimon.core.models import Segment
from tarjimon.core.project import ProjectRepository
from tarjimon.core.text import tags
from tarjimon.core.workbench.review import IMPORT_ORIGIN


def read(path: Path, source_lang: str, target_langs: list[str], fmt: str = "xliff") -> Bilingual:
    """Read an XLIFF (or, `fmt` "po", a PO) file as a document; BadInput when its languages are not the
    project's."""
    if fmt == "po":
        from tarjimon.core.formats.po_document import read_bilingual as read_po

        found = read_po(path, target_langs)
    else:
        found = read_bilingual(path)
    for tag in sorted(found.source_tags):
        if langs.primary(tag) != source_lang:
            raise BadInput(f"the file's source language is {tag}, the project's is {source_lang}", path=path)
    for target in found.targets:
        if target is not None and langs.primary(target.lang_tag) not in target_langs:
            raise BadInput(f"the file's targets are in {target.lang_tag}, not a target language of the project "
                           f"({', '.join(target_langs)}): add it (or import the file into another project)",
                           path=path)  # fmt: skip
    return found


def store_targets(repo: ProjectRepository, name: str, found: Bilingual, file_name: str = "") -> tuple[int, int]:
    """Store the file's targets into document `name` (joining the caller's transaction); return (targets
    written, targets of the file not taken because the project's differ and are as advanced). Each target's
    origin names the file (`file_name`, else the document): the history says "import: story.kk.xlf"."""
    segments = repo.segments(repo.document(name).id)
    return _store(repo, list(zip(segments, found.targets, strict=True)), IMPORT_ORIGIN + (file_name or name))


def merge_back(repo: ProjectRepository, found: Bilingual, path: Path) -> tuple[int, int, int]:
    """The targets of a file Tarjimon exported from document `found.origin` (and a translator filled) stored
    into that document's segments, each found by its position and checked by its source text (joining the
    caller's transaction); return (segments matched, targets written, targets not taken). A segment whose
    source is not the document's any more (re-imported, joined, split since) is left out: not matched."""
    by_position = {s.position + 1: s for s in repo.segments(repo.document(found.origin).id)}
    pairs = []
    for position, (_para, _kind, text), target in zip(found.positions, found.pieces, found.targets, strict=True):
        segment = by_position.get(position)
        if segment is None:
            continue
        # the file numbers a segment's codes from 1, the document (a Word paragraph's tags) may not
        mapping = tags.numbering(" ".join(text.split()), " ".join(segment.source.split()))
        if mapping is not None:
            pairs.append((segment, target if target is None else replace(target, text=tags.renumber(target.text,
                                                                                                   mapping))))
    if not pairs:
        raise BadInput(f"the file was exported from document {found.origin}, whose segments have all changed "
                       "since: none of its segments is the document's any more", path=path)  # fmt: skip
    return (len(pairs), *_store(repo, pairs, IMPORT_ORIGIN + path.name))


def _store(repo: ProjectRepository, pairs: list[tuple[Segment, Target | None]], origin: str) -> tuple[int, int]:
    written = kept = 0
    for segment, target in pairs:
        if target is None:
            continue
        lang = langs.primary(target.lang_tag)
        current = repo.translation(segment.id, lang)
        if current.text == target.text and RANK[current.status] >= RANK[target.status]:
            continue
        if current.status == "empty" or RANK[target.status] > RANK[current.status]:
            repo.save_translation(segment, lang, target.text, target.status, origin=origin)
            written += 1
        else:
            kept += 1
    return written, kept
