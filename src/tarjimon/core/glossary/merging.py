"""Merging an imported glossary into a stored one: by the concept's id where the file gives one, else by its
first term and domain; two concepts of one file never merge (glossary/store.py's import_file)."""

from __future__ import annotations

from dataclasses import replace

from tarjimon.core.models.glossary import Glossary, concept_key, merge_concepts


def merge_into(base: Glossary, incoming: Glossary) -> tuple[int, int]:
    """Merge `incoming` concepts into `base`; returns (added, merged).

    An incoming concept merges (synonyms united) into the base concept with its id when the file gives ids
    (a TBX entry's id: re-importing a file updates its concepts), else into the one with the same first term
    and domain. Two concepts of one file never merge with each other: each file entry is a concept.
    """
    for lang in incoming.langs:
        if lang not in base.langs:
            base.langs.append(lang)
    for col in incoming.columns:
        if col not in base.columns:
            base.columns.append(col)
    keys = base.langs
    by_term = {concept_key(c, keys): i for i, c in enumerate(base.concepts)}
    by_id = {c.id: i for i, c in enumerate(base.concepts) if c.id}
    before = len(base.concepts)
    added = merged = 0
    taken: set[int] = set()
    for concept in incoming.concepts:
        i = by_id.get(concept.id) if concept.id else None
        if i is None or i >= before:
            i = by_term.get(concept_key(concept, keys))
        if i is not None and i < before and i not in taken:
            base.concepts[i] = merge_concepts(base.concepts[i], concept)
            taken.add(i)
            merged += 1
        else:
            if concept.id in by_id:  # an id already used (another file's entry): a new one, from its terms
                concept = replace(concept, id="").with_id()
                if concept.id in by_id:
                    concept = replace(concept, id=f"{concept.id}-{len(base.concepts)}")
            by_id[concept.id] = len(base.concepts)
            base.concepts.append(concept)
            added += 1
    return added, merged


__all__ = ["merge_into"]
