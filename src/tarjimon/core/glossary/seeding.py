"""A glossary row's seeds: each term of one language with the keys it is indexed under (see index.TermIndex),
one row at a time (`seed_row`) or a whole column at once (`seed_cells`, a cold build)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from typing import cast

from tarjimon.core.errors import BadInput
from tarjimon.core.glossary import match_rules
from tarjimon.core.glossary.morphology import Morphology
from tarjimon.core.text.words import TERM_WORD_RE as WORD_RE  # a word, as recognition cuts text

#: (term, number of words, head keys it is indexed under, surname key of a name term or "")
Seed = tuple[str, int, tuple[str, ...], str]
#: (the concept's match rules or None, the seeds of its terms in one language)
RowSeed = tuple["match_rules.Rules | None", list[Seed]]


def seed_row(morph: Morphology, terms: Sequence[str], match_value: str = "") -> RowSeed | None:
    """The seeds of one concept's terms in `morph`'s language (None when it has none). Raises BadInput
    for a bad `match` cell."""
    if not terms:
        return None
    rules = None
    if match_value.strip():
        try:
            rules = match_rules.parse_match(
                match_value, lambda w: morph.index_key(morph.key(w)), getattr(morph, "lang", "")
            )
        except ValueError as exc:
            raise BadInput(f"concept {terms[0]!r}: {exc}") from exc
    seeds: list[Seed] = []
    key, index_key, findall = morph.key, morph.index_key, WORD_RE.findall
    for term in terms:
        words = findall(term)
        if not words:
            continue
        plain = key(words[0])
        head = index_key(plain)
        heads = (head,) if morph.suffixing or plain == head else (head, plain)
        name = ""
        if len(words) > 1 and words[0][:1].isupper() and all(w[:1].isupper() for w in words):
            last = index_key(key(words[-1]))
            name = last if len(last) >= 4 else ""  # a person's name: Шавкат Мирзиёев
        seeds.append((term, len(words), heads, name))
    return (rules, seeds)


def seed_cells(morph: Morphology, cells: Sequence[str | None], joined: str | None = None) -> list[RowSeed | None]:
    """`seed_row` for many rows at once, each with one term (a cell without synonyms, already normalised as
    the TSV reader normalises it) and no match rules; a None cell has no term. The same seeds, computed in
    one loop (a cold build of 100,000 rows spends its time here). `joined`: the cells that are not None or
    empty, one a line, when the caller has them."""
    key, index_key, findall, suffixing = morph.key, morph.index_key, WORD_RE.findall, morph.suffixing
    if joined is None:
        joined = "\n".join(c for c in cells if c)
    # Cells of letters, digits and single spaces only (checked once over them all) are cut by str.split, which
    # gives the same words as the word pattern at a tenth of its cost; any other cell makes every cell go
    # through the pattern.
    plain = alnum_lines(joined) or _ODD_TERM_CHAR.search(joined) is None
    parsed: list[list[str] | None]
    if all(cells) and type(morph).index_key is Morphology.index_key:
        terms = cast(list[str], cells)
        cut: list[list[str]] = (
            list(map(str.split, terms, itertools.repeat(" ", len(terms)))) if plain else list(map(findall, terms))
        )
        if all(cut):
            # The usual cold build (every row a term with a word, a language keyed without stemming):
            # comprehensions, and the few capitalised terms of several words (names) seeded again one by one.
            heads = morph.keys([words[0] for words in cut])
            found: list[RowSeed | None] = [
                (None, [(term, len(words), (head,), "")]) for term, words, head in zip(terms, cut, heads, strict=True)
            ]
            for i, words in enumerate(() if joined.islower() else cut):  # (no capital letter: no name)
                if len(words) > 1 and words[0][:1].isupper() and all(w[:1].isupper() for w in words):
                    last = key(words[-1])
                    found[i] = (None, [(terms[i], len(words), (heads[i],), last if len(last) >= 4 else "")])
            return found
        parsed = list(cut)
    else:
        parsed = [(term.split(" ") if plain else findall(term)) if term else None for term in cells]
    out: list[RowSeed | None] = []
    append = out.append
    first_keys = iter(morph.keys([words[0] for words in parsed if words]))
    for term, row_words in zip(cells, parsed, strict=True):
        if not term:
            append(None)
            continue
        if not row_words:
            append((None, []))
            continue
        words = row_words
        plain_key = next(first_keys)
        head = index_key(plain_key)
        name = ""
        if len(words) > 1 and words[0][:1].isupper() and all(w[:1].isupper() for w in words):
            last = index_key(key(words[-1]))
            name = last if len(last) >= 4 else ""
        append((None, [(term, len(words), (head,) if suffixing or plain_key == head else (head, plain_key), name)]))
    return out


def alnum_lines(joined: str) -> bool:
    """Whether `joined` holds letters and digits only (no `_`), and spaces and line breaks: what the word
    pattern calls word characters (str.isalnum, as `re`'s \\w), in one C scan (~6x quicker than a
    character class over 1 MB of Cyrillic)."""
    return "_" not in joined and joined.replace(" ", "").replace("\n", "").isalnum()


_ODD_TERM_CHAR = re.compile(r"[^\w \n]|_")  # not a letter, digit, space or line break
