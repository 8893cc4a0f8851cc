"""Article import: read, parse and segment every file of a batch, then store them all in one transaction (the
project repository keeps the translations of the sentences a re-import did not change)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tarjimon.core import faults, langs
from tarjimon.core.errors import BadInput
from tarjimon.core.formats import registry
from tarjimon.core.formats.registry import Format
from tarjimon.core.models import ImportReport
from tarjimon.core.models.article import Article
from tarjimon.core.project import ProjectRepository
from tarjimon.core.project.edits import apply_edits
from tarjimon.core.project.lock import EditLock
from tarjimon.core.text import tags as inline


def article_format(path: Path) -> Format:
    """The registry's document format for `path`; BadInput naming the file and the supported formats."""
    return registry.for_path(path, kind="document", purpose="read")


def split_article(article: Article, lang: str) -> list[tuple[int, str, str]]:
    """(paragraph index, kind, sentence) for every segment of an article, in order. A paragraph with inline
    tags (docx, odt) is cut where its text without tags is, each tag kept in the sentence it belongs to."""
    from tarjimon.core.segment import segment_spans, split

    out: list[tuple[int, str, str]] = []
    for idx, para in enumerate(article.paragraphs):
        if para.kind in ("title", "heading"):
            out.append((idx, "title" if para.kind == "title" else "heading", para.text))
            continue
        if inline.TAG_RE.search(para.text):
            sentences = inline.split_tagged(para.text, lambda plain: segment_spans(plain, lang))
        else:
            sentences = split(para.text, lang)
        for sentence in sentences:
            out.append((idx, "body", sentence))
    return out


@dataclass(frozen=True)
class ParsedArticle:
    """An article read and segmented, not yet stored."""

    path: Path
    fmt: str
    encoding: str
    article: Article
    pieces: list[tuple[int, str, str]]
    bilingual: Any = None  # an XLIFF or PO file's segments and targets (workbench/xliff_docs.py)


def parse_article(path: Path, lang: str, targets: list[str] | None = None) -> ParsedArticle:
    """Read, parse and segment one article file (nothing is written)."""
    found = article_format(path)
    if found.name in ("xliff", "po"):  # a bilingual file: its own segments and its targets
        from tarjimon.core.workbench import xliff_docs

        bi = xliff_docs.read(path, lang, targets or [], found.name)
        return ParsedArticle(path, found.name, "utf-8", bi.article, bi.pieces, bi)
    article, encoding = found.reader("document")(path)
    fmt = found.name
    pieces = split_article(article, lang)
    if not pieces:
        raise BadInput("the file holds no text to translate", path=path)
    return ParsedArticle(path, fmt, encoding, article, pieces)


BILINGUAL = ("xliff", "po")  # formats whose file is written back by `export` (a document keeps it)


def document_name(repo: ProjectRepository, path: Path) -> str:
    """The document a file imports into: the one of its name; or, for a bilingual file that `export` wrote and
    a translator sent back (STEM.LANG.EXT: story.kk.xlf, sushi_kk.kk.po), the document STEM.EXT it came from,
    when the project has one imported from that format and none named like the file."""
    name = path.name
    stem, dot, ext = name.rpartition(".")
    base, _, lang = stem.rpartition(".")
    if not (dot and base and langs.is_known(lang)):
        return name
    documents = {d.name: d for d in repo.documents()}
    if name in documents:
        return name
    found = documents.get(f"{base}.{ext}")
    return found.name if found is not None and repo.original(found.id)[0] in BILINGUAL else name


def import_articles(repo: ProjectRepository, source_lang: str, paths: list[Path],
                    target_langs: list[str] | None = None) -> list[ImportReport]:
    """Import or re-import article files, all or nothing: every file is read and segmented first (a bad one
    stops the batch before anything is written), then all are stored in one transaction. A bilingual file's
    targets (XLIFF) go to `target_langs`."""
    parsed = [parse_article(path, source_lang, target_langs) for path in paths]
    names = [document_name(repo, p.path) if p.bilingual is not None else p.path.name for p in parsed]
    if len(set(names)) != len(names):
        dup = next(n for n in names if names.count(n) > 1)
        raise BadInput(f"two files of the batch are named {dup}: a project's documents need distinct names",
                       path=dup)
    reports = []
    known = {d.name for d in repo.documents()}
    with repo.transaction():
        for name, p in zip(names, parsed, strict=True):
            if p.bilingual is not None and p.bilingual.origin and p.bilingual.origin in known:
                reports.append(_merge_back(repo, p))  # our own export, sent back: into its document
                continue
            # the translator's joins and splits made again, so the re-import keeps their segments and targets
            # (not in an XLIFF file: its segments are the file's, and it refuses joins and splits)
            pieces = p.pieces if p.bilingual is not None else apply_edits(p.pieces, repo.segment_edits(name))
            reimport, unchanged, removed = repo.store_document(
                name, p.fmt, p.encoding, p.article.meta, p.article.paragraphs, pieces, p.article.original)
            written, kept = (0, 0)
            if p.bilingual is not None:
                from tarjimon.core.workbench import xliff_docs

                written, kept = xliff_docs.store_targets(repo, name, p.bilingual, p.path.name)
            reports.append(ImportReport(document=name, segments=len(pieces), unchanged=unchanged,
                                        changed=len(pieces) - unchanged, removed=removed, encoding=p.encoding,
                                        reimport=reimport, targets=written, targets_kept=kept))
            faults.checkpoint("article.file")
    return reports


def _merge_back(repo: ProjectRepository, p: ParsedArticle) -> ImportReport:
    from tarjimon.core.workbench import xliff_docs

    matched, written, kept = xliff_docs.merge_back(repo, p.bilingual, p.path)
    pieces = len(p.pieces)
    return ImportReport(document=p.bilingual.origin, segments=pieces, unchanged=matched, changed=pieces - matched,
                        removed=0, encoding=p.encoding, reimport=True, targets=written, targets_kept=kept)


@contextmanager
def reimport_lock(lock: EditLock, repo: ProjectRepository, paths: Sequence[Path]) -> Iterator[None]:
    """Hold the edit lock while files re-import documents the project has (their segments change or go): a
    workbench open on the project elsewhere would go on showing the old segments and fail on the first one
    it confirms that is gone, losing what was typed. Raises ProjectLocked then; new articles need no lock."""
    names = {p.name for p in paths} | {document_name(repo, p) for p in paths}
    if lock.held or not any(d.name in names for d in repo.documents()):
        yield
        return
    lock.acquire()
    try:
        yield
    finally:
        lock.release()
