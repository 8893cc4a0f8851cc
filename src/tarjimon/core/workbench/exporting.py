"""Document export: each document's paragraphs, segments and targets handed to the format's exporter, under
one export policy for the formats that write the target text alone.

The policy (`ExportPolicy`, the one place it is decided; txt, md, docx and odt follow it): a file that is
the translated article must not pass off a draft or the untranslated source as the translation without a
word. So:
- confirmed targets (translated, reviewed) are exported;
- drafts are refused (the count and the first segment numbers in the message) unless `include_drafts`;
- untranslated segments are refused unless `fill_source`, which writes their source text in their place;
- the report (`ExportReport`) says exactly which segments were drafts and which were filled from the source.
Bilingual formats (PO, XLIFF, TMX) carry each target's status with it (fuzzy, state, empty msgstr), so
they export everything as it is and report the same counts.
Segment numbers are the workbench's: 1-based in reading order across the project (Ctrl+G goes to them).

Which documents, in which format: every document, or those named (`documents`); `fmt` "original" writes each in
the format it was imported from (docx stays docx, odt odt, md md, txt txt, po po, XLIFF its version). In a
mixed project a format that rebuilds an imported file (docx, odt) writes the documents imported from such a
file, and each other document in its own format, saying so (`ExportReport.documents`: each document's format,
file and, where it is not the one asked for, why).
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tarjimon.core import files
from tarjimon.core.errors import NotFound, TarjimonError
from tarjimon.core.formats import registry
from tarjimon.core.formats.base import DocumentView
from tarjimon.core.models import Document
from tarjimon.core.project import ProjectRepository
from tarjimon.core.segment_places import Place
from tarjimon.core.workbench.review import comment_note

ORIGINAL = "original"  # `export --format original`: each document in the format it was imported from
TARGET_TEXT_FORMATS = ("txt", "md", "docx", "odt")  # formats whose file is the target text alone: the policy
SHOWN = 8  # segment numbers named in a refusal
LISTED = 50  # segment numbers named in a report line (a 30,000-message PO left 10,000 on one line)


@dataclass(frozen=True)
class ExportPolicy:
    """What may stand in a target-text export besides confirmed targets."""

    include_drafts: bool = False
    fill_source: bool = False


@dataclass
class ExportReport:
    """What an export wrote: the files, and which segments were drafts or filled from their source."""

    format: str
    target: str
    files: list[Path] = field(default_factory=list)
    segments: int = 0
    confirmed: int = 0
    drafts: list[int] = field(default_factory=list)  # segment numbers whose draft was written
    filled_from_source: list[int] = field(default_factory=list)  # segment numbers written as their source
    untranslated: list[int] = field(default_factory=list)  # left empty (bilingual formats)
    placeholders: dict[int, str] = field(default_factory=dict)  # PO: segment number -> why it went out fuzzy
    documents: list[dict[str, str]] = field(default_factory=list)  # {"document", "format", "file", "why"}
    names: dict[int, str] = field(default_factory=dict)  # segment number -> "b.txt #3" (several documents)
    where: dict[int, Place] = field(default_factory=dict)  # segment number -> its document and index in it

    def as_json(self) -> dict[str, Any]:
        return {"files": [str(p) for p in self.files], "format": self.format, "target": self.target,
                "segments": self.segments, "confirmed": self.confirmed,
                "drafts": self._listed(self.drafts), "filled_from_source": self._listed(self.filled_from_source),
                "untranslated": self._listed(self.untranslated),
                "placeholders": {**self._listed(list(self.placeholders)), "why": list(self.placeholders.values())},
                "documents": self.documents}

    def _listed(self, found: list[int]) -> dict[str, Any]:
        """A list of segments in --json: how many, their numbers and (several documents) their names."""
        out: dict[str, Any] = {"count": len(found), "segments": found}
        if self.names:
            out["named"] = [self.names.get(n, str(n)) for n in found]
        out["places"] = [self.where[n].to_json() for n in found if n in self.where]  # (as every --json names one)
        return out

    def lines(self) -> list[str]:
        """The report in words, one line each (nothing when every segment was a confirmed target)."""
        out = [f"{d['document']}: written as {d['format']}, not {self.format}: {d['why']}" for d in self.documents
               if d.get("why")]  # fmt: skip
        one = {True: ("target", "it is", "segment", "has"), False: ("targets", "they are", "segments", "have")}
        if self.drafts:
            target, is_, seg, _ = one[len(self.drafts) == 1]
            out.append(f"{len(self.drafts)} draft {target} exported as {is_}: {seg} "
                       f"{numbers(self.drafts, LISTED, self.names)}")
        if self.filled_from_source:
            _, _, seg, _ = one[len(self.filled_from_source) == 1]
            out.append(f"{len(self.filled_from_source)} untranslated {seg} filled with {'its' if seg == 'segment' else 'their'} source text: "
                       f"{seg} {numbers(self.filled_from_source, LISTED, self.names)}")
        if self.placeholders:
            single = len(self.placeholders) == 1
            out.append(f"{len(self.placeholders)} {self.target} target{'' if single else 's'} written fuzzy: "
                       f"{'its' if single else 'their'} placeholders differ from the source's (msgfmt -c would refuse "
                       f"{'it' if single else 'them'}, the program could crash): segment{'' if single else 's'} "
                       f"{numbers(list(self.placeholders), LISTED, self.names)}"
                       + (f" ({next(iter(self.placeholders.values()))})" if single else ""))
        if self.untranslated:  # (all of them in --json)
            _, _, seg, has = one[len(self.untranslated) == 1]
            out.append(f"{len(self.untranslated)} {seg} {has} no {self.target} target (left empty): "
                       f"{seg} {numbers(self.untranslated, LISTED, self.names)}")
        return out


def numbers(found: list[int], limit: int = SHOWN, names: dict[int, str] | None = None) -> str:
    """'3, 7, 9' or '3, 7, 9, … (12 in all)'; with `names`, each as it is named, its document said once for
    a run of its segments ('a.txt #3, #7, b.txt #1')."""
    shown, last = [], ""
    for n in found:
        doc, _, index = (names or {}).get(n, "").rpartition(" #")
        shown.append(str(n) if not doc else f"#{index}" if doc == last else f"{doc} #{index}")
        last = doc
    if limit and len(found) > limit:
        return ", ".join(shown[:limit]) + f", … ({len(found)} in all)"
    return ", ".join(shown)


def document_view(repo: ProjectRepository, project_name: str, source_lang: str, document: Document,
                  lang: str) -> DocumentView:
    """Collect a document's paragraphs, segments and `lang` targets, and the reviewers' open comments on them
    (exported as notes where the format has them: XLIFF, PO)."""
    pairs = [(s, repo.translation(s.id, lang)) for s in repo.segments(document.id)]
    ids = {s.id for s, _ in pairs}
    notes: dict[int, list[str]] = {}
    for c in repo.comments():
        if c.segment_id in ids and c.lang in ("", lang):
            notes.setdefault(c.segment_id, []).append(comment_note(c))
    fmt, original = repo.original(document.id)
    hints = {}
    if fmt == "po":  # each plural form's kind in `lang` ("plural form: few"), a note in an XLIFF export
        from tarjimon.core.workbench.plurals import plural_kinds

        hints = {seg: f"plural form: {kinds[lang]}" for seg, kinds in plural_kinds(repo, [lang], document.id).items()}
    return DocumentView(project_name, source_lang, lang, document, repo.paragraphs(document.id), pairs,
                        original, fmt, notes, hints)


UNUSED_FORM = "plural form: unused"  # the hint of a PO plural form the target language has not


def apply_policy(views: list[DocumentView], numbering: dict[int, int], fmt: str, lang: str,
                 policy: ExportPolicy, names: dict[int, str] | None = None) -> tuple[list[DocumentView], ExportReport]:
    """Check the views against the policy (TarjimonError, before anything is written) and return the views to
    write (untranslated segments filled from the source when allowed) with the report."""
    report = ExportReport(fmt, lang, names=names or {})
    empty: list[int] = []
    for view in views:
        for seg, tr in view.pairs:
            if view.hints.get(seg.id) == UNUSED_FORM and not tr.text:  # a plural form `lang` has not: no work
                continue
            report.segments += 1
            n = numbering[seg.id]
            if tr.status in ("translated", "reviewed"):
                report.confirmed += 1
            elif tr.status == "draft" and tr.text:
                report.drafts.append(n)
            else:
                empty.append(n)
    if fmt not in TARGET_TEXT_FORMATS:
        report.untranslated = empty
        if fmt == "po":
            views = [_hold_placeholders(view, numbering, report) for view in views]
        return views, report
    problems = []
    if report.drafts and not policy.include_drafts:
        one = len(report.drafts) == 1
        problems.append(f"{len(report.drafts)} {lang} {'target is a draft' if one else 'targets are drafts'} "
                        f"(segment{'' if one else 's'} {numbers(report.drafts, names=names)}): confirm "
                        f"{'it' if one else 'them'}, or export with --include-drafts")
    if empty and not policy.fill_source:
        one = len(empty) == 1
        problems.append(f"{len(empty)} segment{'' if one else 's'} {'has' if one else 'have'} no {lang} target "
                        f"(segment{'' if one else 's'} {numbers(empty, names=names)}): translate {'it' if one else 'them'}, "
                        "or export with --fill-source to write the source text instead")
    if problems:
        raise TarjimonError(f"{fmt} export not written: " + "; ".join(problems))
    report.filled_from_source = empty
    filled = [dataclasses.replace(view, pairs=[
        (seg, tr if tr.status in ("translated", "reviewed") or (tr.status == "draft" and tr.text)
         else dataclasses.replace(tr, text=seg.source)) for seg, tr in view.pairs]) for view in views]
    return filled, report


def _hold_placeholders(view: DocumentView, numbering: dict[int, int], report: ExportReport) -> DocumentView:
    """`view` with each confirmed target whose placeholders differ from its source's (a message of the PO file
    it was imported from flagged c-format, python-format...) made a draft, so that it is written `#, fuzzy`
    (as Poedit does: msgfmt -c refuses it, a program given it may crash); counted in the report."""
    from tarjimon.core.formats import po_document

    skeleton = po_document.unpack(view.original, view.original_format)
    wrong = po_document.placeholder_mismatches(skeleton, view) if skeleton is not None else {}
    if not wrong:
        return view
    for seg_id, why in wrong.items():
        report.placeholders[numbering[seg_id]] = why
    return dataclasses.replace(view, pairs=[(seg, dataclasses.replace(tr, status="draft") if seg.id in wrong else tr)
                                            for seg, tr in view.pairs])  # fmt: skip


def own_format(view: DocumentView) -> str:
    """The format `view`'s document was imported from, as an export format (an XLIFF by its version)."""
    fmt = view.original_format
    if fmt == "xliff":
        from tarjimon.core.formats import xliff_document

        skeleton = xliff_document.unpack(view.original, fmt)
        return "xliff2" if skeleton and skeleton.get("version") == "2.0" else "xliff"
    found = registry.get(fmt)
    return fmt if found is not None and found.write_document else "txt"


def choose_formats(views: list[DocumentView], fmt: str) -> list[tuple[str, str]]:
    """(format, why) for each view: `fmt`, or the document's own format where `fmt` is "original" or rebuilds
    an imported file this document was not imported from (why: the exporter's refusal)."""
    if fmt == ORIGINAL:
        return [(own_format(view), "") for view in views]
    writer = registry.by_name(fmt, kind="document", purpose="write").writer("document")
    out = []
    for view in views:  # an exporter that cannot take a document (docx of a .txt) says why
        try:
            getattr(writer, "check", lambda _view: None)(view)
        except TarjimonError as exc:
            own = own_format(view)
            out.append((own, f"{fmt} rebuilds an imported {fmt} file; this document is {view.original_format}"
                        if own != fmt else exc.message))  # fmt: skip
            continue
        out.append((fmt, ""))
    return out


def export_documents(repo: ProjectRepository, project_name: str, source_lang: str, fmt: str, lang: str,
                     outdir: Path, *, overwrite: bool = False, policy: ExportPolicy | None = None,
                     documents: list[str] | None = None) -> ExportReport:  # fmt: skip
    """Write every document (or those named in `documents`) in format `fmt` ("original": each in its own) for
    target `lang` into `outdir` under the export policy; return the report (the paths written, each
    document's format, the drafts and the segments filled from the source).

    Without `overwrite`, an existing file among them is refused before anything is written; so is a target
    text the policy does not allow."""
    fmt = fmt.lower()
    if fmt != ORIGINAL:
        registry.by_name(fmt, kind="document", purpose="write")  # an unknown format: refused first
    views = [document_view(repo, project_name, source_lang, doc, lang) for doc in _chosen(repo, documents)]
    numbering, names, places = _numbering(repo)
    chosen = choose_formats(views, fmt)
    report = ExportReport(fmt, lang, names=names, where=places)
    writers: list[Any] = []
    for name in dict.fromkeys(f for f, _why in chosen):  # the policy, format by format
        group = [i for i, (f, _why) in enumerate(chosen) if f == name]
        done, part = apply_policy([views[i] for i in group], numbering, name, lang, policy or ExportPolicy(), names)
        for i, view in zip(group, done, strict=True):
            views[i] = view
        report.segments += part.segments
        report.confirmed += part.confirmed
        report.drafts += part.drafts
        report.filled_from_source += part.filled_from_source
        report.untranslated += part.untranslated
        report.placeholders.update(part.placeholders)
    for name, _why in chosen:
        writers.append(registry.by_name(name, kind="document", purpose="write").writer("document"))
    paths = distinct_paths(outdir, [(view.document.name, w.file_name(view)) for view, w in zip(views, writers,
                                                                                                 strict=True)])
    for view, writer in zip(views, writers, strict=True):  # (a document its own exporter refuses: said now)
        getattr(writer, "check", lambda _view: None)(view)
    if not overwrite:
        for path in paths:
            if path.exists() or path.is_symlink():
                raise TarjimonError(f"{path} exists (use --force to replace it)")
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise files.disk_error(exc, outdir) from exc
    for view, writer, path in zip(views, writers, paths, strict=True):
        writer.write(view, path)
    report.files = paths
    report.documents = [{"document": view.document.name, "format": name, "file": str(path),
                         **({"why": why} if why else {})}
                        for view, (name, why), path in zip(views, chosen, paths, strict=True)]  # fmt: skip
    return report


def _chosen(repo: ProjectRepository, names: list[str] | None) -> list[Document]:
    """The project's documents, or those named (each name once, in the project's order); an unknown name is
    refused, naming the documents there are."""
    docs = repo.documents()
    if not names:
        return docs
    known = {d.name for d in docs}
    unknown = [n for n in dict.fromkeys(names) if n not in known]
    if unknown:
        raise NotFound(f"no document {unknown[0]!r} in the project (its documents: {', '.join(sorted(known)) or 'none'})")
    return [d for d in docs if d.name in set(names)]


def distinct_paths(outdir: Path, named: list[tuple[str, str]]) -> list[Path]:
    """The files of (document name, file name the exporter chose): two documents of one stem (story.txt and
    story.md both give story.kk.po) are written under their full names (story.txt.kk.po, story.md.kk.po),
    never one over the other."""
    counts = Counter(file for _doc, file in named)
    out = []
    for doc, file in named:
        if counts[file] > 1:
            base = Path(doc).name  # (a name is a file's name; one from elsewhere may hold a folder: ../../x)
            stem = Path(base).stem
            file = base + file[len(stem):] if file.startswith(stem) else f"{base}.{file}"
        if "\0" in file or Path(file).name != file or file in ("", ".", ".."):
            # every file lands in outdir itself: a document named "../../x.txt" (a shared story, a restored
            # backup) was written two folders up
            raise TarjimonError(f"document {doc!r} cannot be exported: its name is not a file's name")
        out.append(outdir / file)
    if len(set(out)) != len(out):
        twice = next(p for p in out if out.count(p) > 1)
        raise TarjimonError(f"two documents would be exported to the same file {twice}: rename one and re-import")
    return out


def _numbering(repo: ProjectRepository) -> tuple[dict[int, int], dict[int, str], dict[int, Place]]:
    """Segment id -> its number across the project (--json's lists, as before), and that number -> the segment
    as every face names it when the project has several documents ("b.txt #3": core/segment_places.py)."""
    from tarjimon.core.segment_places import places

    where = places(repo.segments(), {d.id: d.name for d in repo.documents()})
    numbering = {sid: n for n, sid in enumerate(where, 1)}
    names = {numbering[sid]: p.label for sid, p in where.items() if p.several}
    return numbering, names, {numbering[sid]: p for sid, p in where.items()}
