"""Article import: read, parse, segment, and store in one transaction; re-import keeps what did not change."""

from __future__ import annotations

import difflib
import json
from pathlib import Path
from typing import TYPE_CHECKING

from tarjimon.core import articles, faults
from tarjimon.core.errors import BadInput
from tarjimon.core.models import ImportReport
from tarjimon.core.store import now
from tarjimon.core.textio import read_text

if TYPE_CHECKING:
    from tarjimon.core.project import Project

ARTICLE_FORMATS = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md"}


def article_format(path: Path) -> str:
    """The article format of a file by its extension; refuse what we cannot import as an article."""
    fmt = ARTICLE_FORMATS.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(ARTICLE_FORMATS))
        raise BadInput(f"cannot import {path.suffix or 'files without an extension'} as an article ({known})", path=path)
    return fmt


def split_article(article: articles.Article, lang: str) -> list[tuple[int, str, str]]:
    """(paragraph index, kind, sentence) for every segment of an article, in order."""
    from tarjimon.core.segment import split

    out: list[tuple[int, str, str]] = []
    for idx, para in enumerate(article.paragraphs):
        if para.kind in ("title", "heading"):
            out.append((idx, "title" if para.kind == "title" else "heading", para.text))
            continue
        for sentence in split(para.text, lang):
            out.append((idx, "body", sentence))
    return out


def import_article(project: Project, path: Path) -> ImportReport:
    """Import or re-import one article file into `project` as one transaction."""
    fmt = article_format(path)
    text, encoding = read_text(path)
    article = articles.parse(text, fmt)
    pieces = split_article(article, project.source_lang)
    if not pieces:
        raise BadInput("the file holds no text to translate", path=path)
    name = path.name
    stamp = now()
    with project.store.transaction() as tx:
        row = tx.execute("SELECT id FROM documents WHERE name = ?", (name,)).fetchone()
        reimport = row is not None
        if row is None:
            pos = tx.execute("SELECT COALESCE(MAX(position), 0) + 1 FROM documents").fetchone()[0]
            doc_id = int(
                tx.execute(
                    "INSERT INTO documents (name, position, format, encoding, meta, imported_at, updated_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (name, pos, fmt, encoding, json.dumps(article.meta, ensure_ascii=False), stamp, stamp),
                ).lastrowid
                or 0
            )
        else:
            doc_id = int(row[0])
            tx.execute(
                "UPDATE documents SET format = ?, encoding = ?, meta = ?, updated_at = ? WHERE id = ?",
                (fmt, encoding, json.dumps(article.meta, ensure_ascii=False), stamp, doc_id),
            )
        faults.checkpoint("article.document")
        tx.execute("DELETE FROM paragraphs WHERE document_id = ?", (doc_id,))
        tx.executemany(
            "INSERT INTO paragraphs (document_id, idx, prefix, blank_before, kind) VALUES (?, ?, ?, ?, ?)",
            [(doc_id, i, p.prefix, p.blank_before, p.kind) for i, p in enumerate(article.paragraphs)],
        )
        faults.checkpoint("article.paragraphs")
        old = tx.execute(
            "SELECT id, source FROM segments WHERE document_id = ? ORDER BY position", (doc_id,)
        ).fetchall()
        unchanged, removed = _align(tx, doc_id, [(r["id"], r["source"]) for r in old], pieces)
        faults.checkpoint("article.segments")
    return ImportReport(
        document=name,
        segments=len(pieces),
        unchanged=unchanged,
        changed=len(pieces) - unchanged,
        removed=removed,
        encoding=encoding,
        reimport=reimport,
    )


def _align(tx, doc_id: int, old: list[tuple[int, str]], new: list[tuple[int, str, str]]) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """Store `new` segments, reusing the rows (and so the translations) of old segments with the same text.

    Returns (segments kept unchanged, old segments removed). A removed segment's targets go to the history
    first, so no translation disappears without a trace.
    """
    a = [s for _, s in old]
    b = [s for _, _, s in new]
    keep: dict[int, int] = {}  # new index -> old segment id
    # The common head and tail are matched directly: an edit touches a few sentences, and difflib on the
    # whole of a long document full of repeated sentences would be slow.
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        keep[head] = old[head][0]
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        keep[len(b) - 1 - tail] = old[len(a) - 1 - tail][0]
        tail += 1
    matcher = difflib.SequenceMatcher(a=a[head : len(a) - tail], b=b[head : len(b) - tail], autojunk=False)
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            keep[head + block.b + k] = old[head + block.a + k][0]
    kept_ids = set(keep.values())
    gone = [sid for sid, _ in old if sid not in kept_ids]
    stamp = now()
    for sid in gone:
        tx.execute(
            "INSERT INTO translation_history (segment_id, lang, source, text, status, changed_at, origin)"
            " SELECT t.segment_id, t.lang, s.source, t.text, t.status, ?, 'removed by re-import'"
            " FROM translations t JOIN segments s ON s.id = t.segment_id WHERE t.segment_id = ? AND t.text != ''",
            (stamp, sid),
        )
        tx.execute("DELETE FROM segments WHERE id = ?", (sid,))
    # Positions are rewritten in two passes to stay clear of the old numbering.
    tx.execute("UPDATE segments SET position = -position - 1 WHERE document_id = ?", (doc_id,))
    for i, (para, kind, source) in enumerate(new):
        if i in keep:
            tx.execute(
                "UPDATE segments SET position = ?, paragraph = ?, kind = ? WHERE id = ?", (i, para, kind, keep[i])
            )
        else:
            tx.execute(
                "INSERT INTO segments (document_id, position, paragraph, kind, source) VALUES (?, ?, ?, ?, ?)",
                (doc_id, i, para, kind, source),
            )
    return len(keep), len(gone)
