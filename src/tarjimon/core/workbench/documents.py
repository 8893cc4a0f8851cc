"""A project's documents: the list (`tarjimon documents`), and removing one (`tarjimon remove`, the TUI's
document picker).

Removing a document deletes its paragraphs, segments and targets in one transaction, but nothing a translator
did disappears: every non-empty target goes to the history first (the history table has no foreign key, so
it keeps them with their source), and the units its confirmed targets became stay in the TM. Confirmed
targets still queued for the TM (a team server that was unreachable) are delivered first; if the TM still
cannot take them the removal is refused, since their units would never reach it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tarjimon.core.errors import TarjimonError
from tarjimon.core.models import STATUSES, Document

Workbench = Any  # the facade (facade.py imports this module: no import back)


@dataclass(frozen=True)
class DocumentInfo:
    """A document with its size and, per target language, how many targets have each status (and
    `unused_forms`: empty plural forms the language has not, when there are some: no work there)."""

    document: Document
    segments: int
    languages: dict[str, dict[str, int]] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {"name": self.document.name, "id": self.document.id, "position": self.document.position,
                "segments": self.segments, "languages": self.languages}


@dataclass(frozen=True)
class RemovedDocument:
    """What removing a document did."""

    name: str
    segments: int
    targets_in_history: int  # non-empty targets moved to the history
    tm_units: int  # the TM's size afterwards (unchanged by the removal)

    def as_json(self) -> dict[str, Any]:
        return {"removed": self.name, "segments": self.segments, "targets_kept_in_history": self.targets_in_history,
                "tm_units": self.tm_units}


def document_infos(workbench: Workbench) -> list[DocumentInfo]:
    """Every document in import order, with its segments and the status counts of each target language."""
    out = []
    statuses = {lang: dict(workbench.repo.statuses(lang)) for lang in workbench.target_langs}
    po_docs = {r[0] for r in workbench.repo.store.conn.execute("SELECT id FROM documents WHERE format = 'po'")}
    for doc in workbench.documents():
        ids = [s.id for s in workbench.segments(doc.id)]
        unused: dict[str, set[int]] = {}
        if doc.id in po_docs:  # an empty plural form a language has not is no work there (workbench/plurals)
            from tarjimon.core.workbench.plurals import unused_forms

            unused = unused_forms(workbench.repo, workbench.target_langs, doc.id)
        languages = {}
        for lang in workbench.target_langs:
            counts = dict.fromkeys(STATUSES, 0)
            for sid in ids:
                status = statuses[lang].get(sid, "empty")
                if status == "empty" and sid in unused.get(lang, ()):
                    counts["unused_forms"] = counts.get("unused_forms", 0) + 1
                else:
                    counts[status] += 1
            languages[lang] = counts
        out.append(DocumentInfo(doc, len(ids), languages))
    return out


def remove_document(workbench: Workbench, name_or_id: str | int) -> RemovedDocument:
    """Remove one document (see the module's docstring); TarjimonError when there is no such document or its
    confirmed targets cannot reach the TM now."""
    doc = workbench.document(name_or_id)
    repo = workbench.repo
    if repo.pending_of_document(doc.id):
        workbench.delivery.retry()
        waiting = repo.pending_of_document(doc.id)
        if waiting:
            why = f" ({workbench.delivery.last_error})" if workbench.delivery.last_error else ""
            raise TarjimonError(f"{waiting} confirmed targets of {doc.name} have not reached the TM yet{why}; "
                                "remove it when the TM can take them")
    segments, kept = repo.remove_document(doc.id, f"removed with document {doc.name}")
    return RemovedDocument(doc.name, segments, kept, workbench.tm.count())


__all__ = ["DocumentInfo", "RemovedDocument", "document_infos", "remove_document"]
