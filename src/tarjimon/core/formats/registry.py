"""The format registry: which format a file is (by content, then extension) and what Tarjimon can do with it.

Every caller that reads or writes a file of articles, TM units or glossary concepts asks here:

    fmt = registry.for_path(path, kind="units", purpose="read")   # a Format, or a one-line BadInput
    units = fmt.reader("units")(path, source_lang="uz")

A format is one `Format` line in FORMATS naming its module's functions ("module:function", imported only
when used, so the registry itself is cheap to import). Formats Tarjimon recognises but cannot read or
write yet (SDLTM, PDF...) have a line without capabilities, so that a user hears "DOCX is not a TM format
Tarjimon reads (TMX, PO, XLIFF)" rather than "malformed XML".
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tarjimon.core.errors import BadInput, TarjimonError
from tarjimon.core.files import check_input_file
from tarjimon.core.formats import gzipped, sniffing
from tarjimon.core.formats.base import KINDS, Kind, Purpose

_NOUNS = {"document": "document format", "units": "TM format", "concepts": "glossary format"}


@dataclass(frozen=True)
class Format:
    """One file format: how to recognise it and what it can do.

    Capabilities are "module:attribute" strings: a module of core/formats/ by its short name ("po:read_units"),
    any other by its full name ("tarjimon_plugin.fmt:read_units").
    """

    name: str  # the --format value, and what a document records as its format
    label: str  # what messages call it
    extensions: tuple[str, ...]
    xml_roots: tuple[str, ...] = ()  # root element local names that identify it (decisive)
    magic: tuple[bytes, ...] = ()  # leading bytes that identify it (decisive)
    zip_member: str = ""  # a zip member ("word/document.xml", or "mimetype=application/...") (decisive)
    sniff: str = ""  # sniff(head text) -> bool: used only when neither content nor extension decides
    read_document: str = ""
    write_document: str = ""
    read_units: str = ""
    write_units: str = ""
    read_concepts: str = ""
    write_concepts: str = ""

    def can(self, kind: Kind, purpose: Purpose) -> bool:
        """Whether this format can `purpose` ("read"/"write") `kind` ("document"/"units"/"concepts")."""
        return bool(self._spec(kind, purpose))

    def reader(self, kind: Kind) -> Any:
        """The function reading `kind` from a file (see formats/base.py for the signatures)."""
        return _resolve(self._spec(kind, "read") or self._missing(kind, "read"))

    def writer(self, kind: Kind) -> Any:
        """The function (units, concepts) or exporter instance (document) writing `kind`."""
        found = _resolve(self._spec(kind, "write") or self._missing(kind, "write"))
        return found() if kind == "document" else found

    def _spec(self, kind: Kind, purpose: Purpose) -> str:
        return str(getattr(self, f"{purpose}_{kind}"))

    def _missing(self, kind: Kind, purpose: Purpose) -> str:
        raise TarjimonError(refusal(self.label, kind, purpose))


# One line per format. Order matters only where extensions overlap (.xml): the first that can do the job.
FORMATS: tuple[Format, ...] = (
    Format("txt", "TXT", (".txt", ".text"), read_document="txt:read_article", write_document="txt:TextExporter"),
    Format("md", "MD", (".md", ".markdown"), read_document="md:read_article", write_document="md:MarkdownExporter"),
    Format("tmx", "TMX", (".tmx", ".xml"), xml_roots=("tmx",), read_units="tmx_units:read_units",
           write_units="tmx_units:write_units", write_document="tmx_document:TmxDocumentExporter"),
    Format("po", "PO", (".po", ".pot"), sniff="po:sniff", read_units="po:read_units", write_units="po:write_units",
           read_document="po_document:read_article", write_document="po:PoExporter"),
    Format("tsv", "TSV", (".tsv", ".tab"), sniff="tsv:sniff_tsv", read_concepts="tsv:read_tsv",
           write_concepts="tsv:write_tsv"),
    Format("csv", "CSV", (".csv",), sniff="tsv:sniff_csv", read_concepts="tsv:read_csv", write_concepts="tsv:write_csv"),
    Format("tbx", "TBX", (".tbx", ".xml"), xml_roots=("martif", "tbx", "TBX"), read_concepts="tbx:read_concepts",
           write_concepts="tbx:write_concepts"),
    Format("tbx2", "TBX v2", (".tbx",), write_concepts="tbx:write_concepts_v2"),  # by name: --format tbx2
    Format("xlsx", "XLSX", (".xlsx",), zip_member="xl/workbook.xml", read_concepts="xlsx:read_xlsx"),
    Format("xliff", "XLIFF", (".xlf", ".xliff", ".sdlxliff", ".mqxliff", ".xml"), xml_roots=("xliff",),
           read_units="xliff:read_units", read_document="xliff_document:read_article",
           write_document="xliff_export:XliffExporter"),
    Format("xliff2", "XLIFF 2", (".xlf",), write_document="xliff_export:Xliff2Exporter"),  # by name: --format xliff2
    Format("docx", "DOCX", (".docx",), zip_member="word/document.xml", read_document="docx:read_article",
           write_document="docx_write:DocxExporter"),
    Format("odt", "ODT", (".odt",), zip_member="mimetype=application/vnd.oasis.opendocument.text",
           read_document="odt:read_article", write_document="odt:OdtExporter"),
    # Recognised, not read or written yet.
    Format("sdltm", "SDLTM", (".sdltm",), magic=(b"SQLite format 3\x00",)),
    Format("pdf", "PDF", (".pdf",), magic=(b"%PDF-",)),
)  # fmt: skip


@functools.cache
def _resolve(spec: str) -> Any:
    module, _, attr = spec.partition(":")
    if "." not in module and importlib.util.find_spec(f"tarjimon.core.formats.{module}") is not None:
        module = f"tarjimon.core.formats.{module}"
    return getattr(importlib.import_module(module), attr)


def get(name: str) -> Format | None:
    """The format called `name`, whatever it can do."""
    return next((f for f in FORMATS if f.name == name), None)


def supported(kind: Kind, purpose: Purpose) -> list[Format]:
    """The formats that can `purpose` `kind`, in registry order."""
    return [f for f in FORMATS if f.can(kind, purpose)]


def refusal(what: str, kind: Kind, purpose: Purpose, *, names: bool = False) -> str:
    """'CSV is not a TM format Tarjimon reads (TMX, PO)'."""
    known = ", ".join(f.name if names else f.label for f in supported(kind, purpose))
    verb = "reads" if purpose == "read" else "writes"
    return f"{what} is not a {_NOUNS[kind]} Tarjimon {verb} ({known})"


def identify(path: str | Path, purpose: Purpose = "read") -> tuple[list[Format], bool]:
    """The formats `path` may be, and whether its content decided: the one format its content proves
    (an existing file being read), else those its extension names. A gzip-compressed file being read is
    the file inside it (formats/gzipped.py): its content, and its name without .gz."""
    path = Path(path)
    if purpose == "read":
        inner = _gzip_head(path)
        found = sniffing.decisive(path, FORMATS, inner)
        if found is not None:
            return [found], True
        if inner is not None:
            path = Path(gzipped.inner_name(path))
    suffix = path.suffix.lower()
    return [f for f in FORMATS if suffix and suffix in f.extensions], False


def for_path(path: str | Path, *, kind: Kind, purpose: Purpose) -> Format:
    """The format to `purpose` `path` as `kind`; BadInput naming the file and what is supported otherwise."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    path = Path(path)
    if purpose == "read" and not path.is_file():
        check_input_file(path)  # NotFound, or BadInput for a folder, FIFO, socket or device
    if purpose == "read":
        check_gzip(path, kind)
    candidates, decided = identify(path, purpose)
    for f in candidates:
        if f.can(kind, purpose):
            return f
    if purpose == "read" and not decided:
        inner = _gzip_head(path)
        head = sniffing.head_text(path) if inner is None else sniffing.decoded(inner)
        for f in supported(kind, purpose):
            if f.sniff and _resolve(f.sniff)(head):
                return f
    what = candidates[0].label if candidates else (path.suffix or "a file without an extension")
    raise BadInput(refusal(what, kind, purpose), path=path)


def _gzip_head(path: Path) -> bytes | None:
    """The first bytes of the file inside `path` when it is gzip-compressed, else None."""
    return gzipped.head(path, sniffing.HEAD_BYTES) if gzipped.is_gzip(sniffing.head_bytes(path, 3)) else None


def check_gzip(path: str | Path, kind: Kind) -> None:
    """Refuse a gzip-compressed file where the caller reads the file as it is (documents): one line naming
    it and what it is (`tm import` and `glossary import` read the file inside)."""
    if kind == "document" and gzipped.is_gzip(sniffing.head_bytes(path, 3)):
        raise BadInput("a gzip-compressed file: unpack it first (gunzip); `tm import` and `glossary import` "
                       "read .gz files themselves", path=path)  # fmt: skip


def by_name(name: str, *, kind: Kind, purpose: Purpose) -> Format:
    """The format called `name` (`export --format po`), if it can `purpose` `kind`; TarjimonError otherwise."""
    wanted = name.strip().lower()
    for f in FORMATS:
        if f.name == wanted and f.can(kind, purpose):
            return f
    known = get(wanted)
    label = known.label if known else repr(name)
    raise TarjimonError(refusal(label, kind, purpose, names=True))
