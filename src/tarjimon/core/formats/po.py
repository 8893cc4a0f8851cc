"""gettext PO: documents exported as catalogues, and PO files read as TM units.

Export: one catalogue per document and target language, ready for `msgfmt -c` (a document imported from a PO
file is written back into that file: formats/po_document.py). Each segment is one entry
whose msgctxt (document name and position) makes it unique even when a sentence repeats. Empty targets stay
empty msgstr; drafts are marked fuzzy; reviewed ones are plain translations.

Units: po_units.read_po's pairs as `Unit`s (msgid in `source_lang`, msgstr in the header's Language or
`target_lang`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import polib

from tarjimon import __version__
from tarjimon.core import langs
from tarjimon.core.errors import BadInput, TarjimonError
from tarjimon.core.files import atomic_write
from tarjimon.core.formats.base import DocumentView, target_file_name
from tarjimon.core.formats.po_plurals import PLURAL_FORMS
from tarjimon.core.formats.po_units import read_po
from tarjimon.core.models.tm import Unit

_SOURCE_LANGUAGE = re.compile(rb'^"X-Source-Language: *([A-Za-z0-9_@-]+)', re.MULTILINE)
_ENTRY = re.compile(r"^(msgid|msgctxt)\s+\"", re.MULTILINE)



class PoExporter:
    name = "po"
    extension = ".po"

    def write(self, view: DocumentView, path: Path) -> None:
        from tarjimon.core.formats import po_document

        skeleton = po_document.unpack(view.original, view.original_format)
        if skeleton is not None:  # a document imported from a PO file: that file, with the targets in it
            atomic_write(path, po_document.patch(skeleton, view, PLURAL_FORMS))
            return
        catalogue = polib.POFile(wrapwidth=0)
        stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M+0000")
        catalogue.metadata = {
            "Project-Id-Version": f"{view.project_name} {view.document.name}",
            "Report-Msgid-Bugs-To": "",
            "POT-Creation-Date": stamp,
            "PO-Revision-Date": stamp,
            "Last-Translator": "Tarjimon",
            "Language-Team": view.target_lang,
            "Language": view.target_lang,
            "MIME-Version": "1.0",
            "Content-Type": "text/plain; charset=UTF-8",
            "Content-Transfer-Encoding": "8bit",
            "Plural-Forms": PLURAL_FORMS.get(view.target_lang, "nplurals=2; plural=(n != 1);"),
            "X-Generator": f"Tarjimon {__version__}",
            "X-Source-Language": view.source_lang,
        }
        for seg, tr in view.pairs:
            entry = polib.POEntry(
                msgctxt=f"{view.document.name}:{seg.position + 1}",
                msgid=seg.source,
                msgstr=_match_newlines(seg.source, tr.text),
                occurrences=[(view.document.name, str(seg.position + 1))],
                comment=f"paragraph {seg.paragraph + 1}" + (f", {seg.kind}" if seg.kind != "body" else ""),
                tcomment="\n".join(view.notes.get(seg.id, ())),  # reviewers' open comments: "# " lines
            )
            if tr.status == "draft":
                entry.flags.append("fuzzy")
            catalogue.append(entry)
        atomic_write(path, str(catalogue).encode("utf-8"))

    def file_name(self, view: DocumentView) -> str:
        return target_file_name(view, ".po")


def _match_newlines(msgid: str, msgstr: str) -> str:
    """`msgfmt -c` wants msgstr to begin and end with a newline exactly when msgid does."""
    if not msgstr:
        return msgstr
    body = msgstr.strip("\n")
    if msgid.startswith("\n"):
        body = "\n" + body
    if msgid.endswith("\n"):
        body += "\n"
    return body


def read_units(path: str | Path, *, source_lang: str | None = None, target_lang: str | None = None) -> Iterator[Unit]:
    """A PO file's translated entries as units: msgid in `source_lang` (else the header's X-Source-Language,
    else "und"), msgstr in `target_lang` or else the header's Language (BadInput when neither names it)."""
    header_lang, pairs = read_po(path)
    src_tag = source_lang or _source_language(path) or "und"
    tgt_tag = target_lang or header_lang
    if not tgt_tag:
        raise BadInput("the PO has no Language header; name the target language (--target-lang)", path=path)
    sl, tl = langs.primary(src_tag), langs.primary(tgt_tag)
    for p in pairs:
        if not p.target or p.obsolete:
            continue
        yield Unit(0, p.source, p.target, sl, tl, src_tag, tgt_tag, notes=tuple(p.notes),
                   props={"tu": p.props} if p.props else {}, fuzzy=p.fuzzy)


def write_units(units: Iterable[Unit], path: str | Path, *, srclang: str) -> int:
    """Write units of one target language as a PO catalogue (msgid source, msgstr target), atomically.

    Notes become translator comments, fuzzy units fuzzy entries; a repeated source gets a msgctxt so that
    the catalogue stays valid for msgfmt. Returns how many entries were written.
    """
    catalogue = polib.POFile(wrapwidth=0)
    seen: set[tuple[str | None, str]] = set()
    target: str | None = None
    for u in units:
        if target is None:
            target = u.target_tag or u.target_lang
        elif langs.primary(target) != u.target_lang:
            raise TarjimonError(f"a PO file holds one target language, these units have {target} and "
                                f"{u.target_lang}: export one language (--target)", path=path)
        ctxt = next((v for k, v in u.props.get("tu", []) if k == "x-msgctxt"), None)
        if (ctxt, u.source) in seen:
            ctxt = f"{ctxt or 'tm'}:{len(catalogue) + 1}"
        seen.add((ctxt, u.source))
        entry = polib.POEntry(msgctxt=ctxt, msgid=u.source, msgstr=_match_newlines(u.source, u.target),
                              tcomment="\n".join(u.notes))
        if u.fuzzy:
            entry.flags.append("fuzzy")
        catalogue.append(entry)
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M+0000")
    lang = langs.primary(target) if target else ""
    catalogue.metadata = {  # every field msgfmt -c looks for: a catalogue it passes without a warning
        "Project-Id-Version": "Tarjimon TM",
        "PO-Revision-Date": stamp,
        "Last-Translator": "Tarjimon",
        "Language-Team": target or "",
        "Language": target or "",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": PLURAL_FORMS.get(lang, "nplurals=2; plural=(n != 1);"),
        "X-Generator": f"Tarjimon {__version__}",
        "X-Source-Language": srclang,
    }
    atomic_write(path, str(catalogue).encode("utf-8"))
    return len(catalogue)


def _source_language(path: str | Path) -> str | None:
    """The X-Source-Language header Tarjimon's PO files carry (msgid's language), if any."""
    with open(path, "rb") as f:
        m = _SOURCE_LANGUAGE.search(f.read(8192))
    return m.group(1).decode("ascii") if m else None


def sniff(head: str) -> bool:
    """A PO file: an entry keyword at the start of a line within the first bytes."""
    return bool(_ENTRY.search(head))
