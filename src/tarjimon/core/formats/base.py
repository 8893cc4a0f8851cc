"""What the formats share: the capabilities a format can have, their signatures, and the export view.

A format module implements some of these (each a plain function or class named in its registry entry):

- document, read:   `read_article(path) -> (Article, encoding)`           (txt, md)
- document, write:  an exporter class with `name`, `extension`, `write(view, path)`, `file_name(view)`, and
                    optionally `check(view)`, run on every document before any is written (docx, odt: the
                    document must have been imported from that format)
- units, read:      `read_units(path, *, source_lang=None, target_lang=None) -> Iterator[Unit]`   (tmx, po)
- units, write:     `write_units(units, path, *, srclang) -> int`          (tmx)
- concepts, read:   `read_concepts(path, name) -> Glossary`               (tsv, csv, tbx)
- concepts, write:  `write_concepts(glossary, path) -> None`              (tsv, csv, tbx)
- sniffing:         `sniff(head: str) -> bool`, deciding from the first 4 KB of text when the file's
                    extension does not (po, tsv, csv)

Units read from a file are `models.tm.Unit`s with id 0 (source_lang/target_lang the primary subtags,
source_tag/target_tag as written); a format that has no notion of something (PO has no dates) leaves it
at its default.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

from tarjimon.core import langs
from tarjimon.core.errors import TarjimonError

if TYPE_CHECKING:  # (annotations only: the glossary commands need not import the TM's and articles' models)
    from tarjimon.core.models import Document, Segment, Translation
    from tarjimon.core.models.article import Article, Paragraph
    from tarjimon.core.models.glossary import Glossary
    from tarjimon.core.models.tm import Unit

Kind = Literal["document", "units", "concepts"]
Purpose = Literal["read", "write"]
KINDS: tuple[Kind, ...] = ("document", "units", "concepts")


@dataclass(frozen=True)
class DocumentView:
    """Everything an exporter needs about one document in one target language."""

    project_name: str
    source_lang: str
    target_lang: str
    document: Document
    paragraphs: list[Paragraph]
    pairs: list[tuple[Segment, Translation]]
    original: bytes | None = None  # the imported file, kept for formats that rebuild it (docx, odt)
    original_format: str = ""  # the format the document was imported from
    notes: dict[int, list[str]] = field(default_factory=dict)  # segment id -> reviewers' open comments
    hints: dict[int, str] = field(default_factory=dict)  # segment id -> what it is ("plural form: few"): XLIFF notes


def target_file_name(view: DocumentView, extension: str) -> str:
    """The name `export` gives the file of `view`'s document in its target language: STEM.LANG.EXT. A document
    whose name already ends in that language (a website's web.kk.po, GNOME's po/kk.po, a CAT tool's
    story.kk-KZ.xlf) keeps its name (web.kk.po, not web.kk.kk.po): the file goes back as it came."""
    stem = Path(view.document.name).stem
    last = stem.rpartition(".")[2]
    if langs.is_known(last) and langs.primary(last) == view.target_lang:
        return f"{stem}{extension}"
    return f"{stem}.{view.target_lang}{extension}"


def original_file(view: DocumentView, label: str) -> bytes:
    """The document's imported file, for an exporter that rebuilds it (DOCX, ODT); a one-line error when the
    document was imported from another format."""
    if view.original is None or view.original_format != label.lower():
        raise TarjimonError(f"{view.document.name}: {label} export rebuilds the original {label} file; this "
                            f"document was not imported from one (export it as txt, md, xliff...)")  # fmt: skip
    return view.original


class DocumentExporter(Protocol):
    """Writes one document's translation into one file."""

    name: str
    extension: str

    def write(self, view: DocumentView, path: Path) -> None: ...

    def file_name(self, view: DocumentView) -> str: ...


class ReadDocument(Protocol):
    def __call__(self, path: str | Path) -> tuple[Article, str]: ...


class ReadUnits(Protocol):
    def __call__(
        self, path: str | Path, *, source_lang: str | None = None, target_lang: str | None = None
    ) -> Iterator[Unit]: ...


class WriteUnits(Protocol):
    def __call__(self, units: Iterable[Unit], path: str | Path, *, srclang: str) -> int: ...


class ReadConcepts(Protocol):
    def __call__(self, path: str | Path, name: str) -> Glossary: ...


class WriteConcepts(Protocol):  # may return a line saying what the file could not hold (TBX)
    def __call__(self, glossary: Glossary, path: str | Path) -> str | None: ...
