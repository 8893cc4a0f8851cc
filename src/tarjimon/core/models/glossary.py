"""Glossary domain objects: concepts with their terms per language, and term occurrences (hits)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

STATUSES = ("preferred", "admitted", "forbidden")
#: Columns a glossary file may have besides its language columns, in the order they are written.
META_COLUMNS = ("note", "domain", "status", "pos", "id")
#: Synonyms share one cell, separated by " | "; a bar that is part of a term (a TBX term "A|B") is written \|.
SYNONYM_SEPARATOR = " | "
_BAR = re.compile(r"(?<!\\)\|")  # a bar not escaped: between two synonyms


def split_synonyms(cell: str) -> tuple[str, ...]:
    """The terms of a glossary cell: split at each bar not written "\\|", each term's whitespace collapsed."""
    if "|" not in cell:
        term = " ".join(cell.split())
        return (term,) if term else ()
    return tuple(t for t in (" ".join(p.replace("\\|", "|").split()) for p in _BAR.split(cell)) if t)


def synonym_cell(terms: Iterable[str]) -> str:
    """`terms` as one glossary cell (split_synonyms reads it back): a bar inside a term escaped."""
    return SYNONYM_SEPARATOR.join(" ".join(t.split()).replace("|", "\\|") for t in terms)


@dataclass(frozen=True)
class Concept:
    """One glossary row: the same meaning in several languages.

    `terms` maps a primary language code to its terms, preferred first (synonyms after).
    `extra` keeps other columns of the file (name, value) in their order, so nothing is lost.
    """

    terms: dict[str, tuple[str, ...]]
    note: str = ""
    domain: str = ""
    status: str = ""
    pos: str = ""
    id: str = ""
    extra: tuple[tuple[str, str], ...] = ()

    def term(self, lang: str) -> str:
        """The preferred term in `lang`, or ""."""
        found = self.terms.get(lang)
        return found[0] if found else ""

    def languages(self) -> list[str]:
        return [lang for lang, terms in self.terms.items() if terms]

    def with_id(self) -> Concept:
        """This concept with a stable id derived from its first term and domain when it has none."""
        if self.id:
            return self
        first = next((terms[0] for terms in self.terms.values() if terms), "")
        digest = hashlib.blake2b(f"{first.casefold()}\t{self.domain}".encode(), digest_size=5).hexdigest()
        return replace(self, id="c" + digest)


@dataclass(frozen=True)
class TermHit:
    """A glossary term found in a text. Offsets are character offsets into the text given.

    kind: "exact" (same form, case aside), "cross-script" (same word in the other Uzbek script),
    "inflected" (a suffixed or stem-equal form), "fuzzy" (a typo; score 85 or less).
    """

    start: int
    end: int
    text: str
    term: str
    score: int
    kind: str
    lang: str
    targets: dict[str, str] = field(default_factory=dict)
    glossary: str = ""
    concept: str = ""
    status: str = ""
    note: str = ""
    synonyms: dict[str, tuple[str, ...]] = field(default_factory=dict)  # every term per other language, preferred first

    def to_json(self) -> dict[str, object]:
        """The `glossary find --json` shape (term, start, end, text, score, targets, ...)."""
        return {
            "term": self.term,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "score": self.score,
            "targets": dict(self.targets),
            "kind": self.kind,
            "lang": self.lang,
            "glossary": self.glossary,
            "concept": self.concept,
            "status": self.status,
            "note": self.note,
        }


@dataclass
class Glossary:
    """A glossary in memory: its name, its language columns in file order, its other columns, its concepts."""

    name: str
    langs: list[str] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)  # non-language columns in file order
    concepts: list[Concept] = field(default_factory=list)
    understood: list[str] = field(default_factory=list)  # how a read file's columns were read (--dry-run)
    tbx_frame: str = ""  # a TBX file's header and back matter (formats/tbx_extras.py), kept beside the file

    def all_langs(self) -> list[str]:
        """Language columns, plus any language a concept uses that no column names yet."""
        out = list(self.langs)
        for concept in self.concepts:
            for lang in concept.languages():
                if lang not in out:
                    out.append(lang)
        return out


def concept_key(concept: Concept, langs: list[str]) -> tuple[str, str]:
    """What makes two concepts duplicates: the same first term in the first language that has one, same domain."""
    for lang in langs + sorted(concept.terms):
        terms = concept.terms.get(lang)
        if terms:
            return (f"{lang}:{' '.join(terms[0].casefold().split())}", concept.domain.casefold())
    return ("", concept.domain.casefold())


def merge_concepts(old: Concept, new: Concept) -> Concept:
    """One concept from two: synonyms united (old first), empty fields filled from `new`."""
    terms = {lang: tuple(ts) for lang, ts in old.terms.items()}
    for lang, ts in new.terms.items():
        have = list(terms.get(lang, ()))
        have += [t for t in ts if t not in have]
        terms[lang] = tuple(have)
    extra = dict(old.extra)
    for k, v in new.extra:
        extra.setdefault(k, v)
    return replace(
        old,
        terms=terms,
        note=old.note or new.note,
        domain=old.domain or new.domain,
        status=old.status or new.status,
        pos=old.pos or new.pos,
        extra=tuple(extra.items()),
    )
