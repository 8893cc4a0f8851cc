"""Term recognition: find a glossary's terms in a text, in their inflected forms, in either Uzbek script.

The index maps the key of a term's first word (its stem for stemmed languages) to the terms starting with
it. Recognition walks the text's words once and looks each word's possible stems up in that map, so the
cost grows with the text, not with the glossary. Multi-word terms match longest first; only their last
word inflects in Uzbek and Kazakh (сунъий интеллект -> сунъий интеллектни), every word in Russian and
English (искусственный интеллект -> искусственного интеллекта). A 3rd person possessive head of an
izafet compound may take a plural first (таълим дастури -> таълим дастурлари), and its first word may
carry a possessive or case suffix (давлатимиз раҳбари -> давлат раҳбари). A name term also matches as
initials + surname (Ш.Мирзиёев, Q.Toqayev). Which concept a span means, and where no term may be found
(inside Газета.uz), is decided in `senses`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from tarjimon.core.glossary import senses
from tarjimon.core.glossary.index import (  # noqa: F401 (TermIndex, Token, tokenize: the public names)
    FUZZY_ANY_EDIT_LEN,
    FUZZY_MIN_LEN,
    SCORE_FUZZY,
    RawHit,
    TermIndex,
    Token,
    _fuzzy_key,
    _hit,
    tokenize,
)
from tarjimon.core.glossary.morphology import Morphology, morphology
from tarjimon.core.glossary.typos import _verb_of, fuzzy_hits  # noqa: F401 (_verb_of: tests name it here)
from tarjimon.core.models.glossary import Concept, TermHit
from tarjimon.core.text.words import TERM_WORD_RE as WORD_RE  # a word, as recognition cuts text

# What may separate the words of a multi-word term in a text: spaces, a hyphen, a line break.
_GAP_RE = re.compile(r"\s*-?\s*")
#: the longest word whose typed-letter swaps (short folds) are tried
MAX_FOLD_WORD = 64


def match(index: TermIndex, text: str, *, fuzzy: bool = True, derived: bool = False) -> list[RawHit]:
    """All non-overlapping term occurrences in `text`, longest first, in text order.

    `derived`: also report words derived from a single-word term (мемлекеттік for мемлекет, kind "derived",
    score 80), for QA of targets; recognition of a source leaves them out.
    """
    morph = morphology(index.lang)
    tokens = tokenize(text, morph)
    found: list[RawHit] = []
    for i in range(len(tokens)):
        _match_at(index, morph, tokens, text, i, found)
    if fuzzy and morph.short_folds:
        found.extend(_short_folds(index, morph, tokens, text, found))
    found = senses.filter_hits(index, morph, tokens, text, found)
    chosen = senses.one_concept_per_span(index, morph, tokens, _longest_first(found))
    covered = {t for h in chosen for t in range(h.first, h.last + 1)}
    if morph.number_words:
        amounts = senses.amounts(index, morph, tokens, text, covered)
        chosen.extend(amounts)
        covered.update(h.first for h in amounts)
    if fuzzy and index.fuzzy:
        chosen.extend(fuzzy_hits(index, morph, tokens, covered))
    if derived:
        chosen.extend(senses.derived(index, morph, tokens, covered))
    chosen.sort(key=lambda h: (h.start, -h.end))
    return chosen


def _match_at(
    index: TermIndex, morph: Morphology, tokens: list[Token], text: str, i: int, found: list[RawHit]
) -> None:
    """The terms that start at token i, as written or inflected, appended to `found`."""
    tok = tokens[i]
    key = tok.key
    analyses = morph.analyses(key)
    single, multi, entries, suffixing = index.single, index.multi, index.entries, morph.suffixing
    for stem, inflected, _poss3 in analyses:
        eids = single.get(stem)
        if not eids:
            continue
        for eid in eids:
            term = entries[eid][1]
            if len(term) <= 5 and _is_acronym(term) and not tok.text[:2].isupper():
                continue  # IT is not Uzbek it (dog), БМТ not бмт
            if suffixing:
                infl = inflected or key != stem
            else:
                infl = key != _plain_key(index.full(eid), 0, morph)
            found.append(_hit(index, tokens, text, i, i, eid, infl))
    # The first word of a multi-word term as written, or (Uzbek, Kazakh) with a possessive or case
    # suffix: давлатимиз раҳбари, мамлакатимиз президенти.
    firsts = [(key, False)] if suffixing else [(analyses[0][0], False)]
    if suffixing and len(analyses) > 1:
        firsts += [(stem, True) for stem, infl, _p in analyses if infl and multi.get(stem)]
    for first_key, first_inflected in firsts:
        for eid in multi.get(first_key, ()):
            last = _match_multi(index, morph, tokens, text, i, index.full(eid))
            if last is not None:
                found.append(_hit(index, tokens, text, i, last[0], eid, last[1] or first_inflected))
    if index.names and len(tok.text) <= 2 and tok.text[0].isupper():
        found.extend(senses.initials(index, morph, tokens, text, i))


def _short_folds(
    index: TermIndex, morph: Morphology, tokens: list[Token], text: str, found: list[RawHit]
) -> list[RawHit]:
    """Terms of words no rule matched once a letter typists swap is put back (Uzbek х for ҳ: ахолиси ->
    аҳолиси), whatever the word's length: the typo rule needs six letters, and аҳоли has five. A typo,
    scored as one."""
    written = {w for w, _m in morph.short_folds}
    # (a word longer than any term is no typo of one: 100,000 х's in a row made 100,000 variants of 100,000
    # letters each, 10 GB)
    candidates = [i for i, tok in enumerate(tokens)
                  if len(tok.key) <= MAX_FOLD_WORD and not written.isdisjoint(tok.key)]  # fmt: skip
    if not candidates:
        return []
    taken = {t for h in found for t in range(h.first, h.last + 1)}
    out: list[RawHit] = []
    swapped = list(tokens)  # one copy, each candidate swapped in and put back (a copy each was quadratic)
    for i in candidates:
        tok = tokens[i]
        if i in taken:
            continue
        for fkey in morph.short_fold_keys(tok.key):
            local: list[RawHit] = []
            swapped[i] = Token(tok.start, tok.end, tok.text, fkey)
            _match_at(index, morph, swapped, text, i, local)
            swapped[i] = tok
            if local:
                out.extend(h._replace(score=SCORE_FUZZY, kind="fuzzy") for h in local)  # (a NamedTuple)
                break
    return out


def _match_multi(
    index: TermIndex, morph: Morphology, tokens: list[Token], text: str, i: int, entry: tuple
) -> tuple[int, bool] | None:
    keys, alt_last = entry[2], entry[3]
    n = len(keys)
    if i + n > len(tokens):
        return None
    inflected = False
    for j in range(1, n):
        prev, tok = tokens[i + j - 1], tokens[i + j]
        if not _GAP_RE.fullmatch(text, prev.end, tok.start) and not _same_punctuation(
            entry, j, text[prev.end : tok.start]
        ):
            return None
        want = keys[j]
        if j < n - 1 or not morph.suffixing:
            have = tok.key if morph.suffixing else morph.analyses(tok.key)[0][0]
            if have != want and (morph.suffixing or have != _plain_key(entry, j, morph)):
                return None
            inflected = inflected or (
                not morph.suffixing and morph.key(tok.text) != _plain_key(entry, j, morph)
            )
            continue
        ok = False
        for stem, infl, poss3 in morph.analyses(tok.key):
            if stem == want or (poss3 and stem in alt_last):
                ok, inflected = True, infl
                break
        if not ok:
            return None
    if not morph.suffixing:
        inflected = inflected or morph.key(tokens[i].text) != _plain_key(entry, 0, morph)
    return (i + n - 1, inflected)


def _is_acronym(term: str) -> bool:
    """АҚШ, IT, БМТ: short all-capital terms, matched only where the text writes them in capitals too."""
    return len(term) <= 5 and term.isupper() and term.isalpha()


def _same_punctuation(entry: tuple, j: int, gap: str) -> bool:
    """Whether a text gap holds the punctuation the term itself has before its word j.

    "Олий таълим, фан ва инновациялар вазирлиги" keeps its comma in the text; a comma the term lacks
    still ends the match (no term runs across "давлат, хизмати").
    """
    words = list(WORD_RE.finditer(entry[1]))
    if j >= len(words):
        return False
    want = "".join(entry[1][words[j - 1].end() : words[j].start()].split())
    return bool(want) and want == "".join(gap.split())


def _plain_key(entry: tuple, j: int, morph: Morphology) -> str:
    words = [m.group() for m in WORD_RE.finditer(entry[1])]
    return morph.key(words[j]) if j < len(words) else ""


def _longest_first(found: list[RawHit]) -> list[RawHit]:
    best: dict[tuple[int, int, int], RawHit] = {}
    for h in found:  # the same entry at the same place by two analyses: keep the better score
        k = (h.start, h.end, h.entry)
        kept = best.get(k)
        if kept is None or kept.score < h.score:
            best[k] = h
    order = sorted(best.values(), key=_longest_key)
    chosen: list[RawHit] = []
    owner: dict[int, tuple[int, int]] = {}  # token -> span of the hit that took it
    get = owner.get
    for h in order:
        span = (h.start, h.end)
        first, last = h.first, h.last
        if first == last:  # (most hits: one word)
            if get(first, span) != span:
                continue
            owner[first] = span
        elif not any(get(t, span) != span for t in range(first, last + 1)):
            for t in range(first, last + 1):
                owner[t] = span
        else:
            continue
        chosen.append(h)
    return chosen


def _longest_key(h: RawHit) -> tuple[int, int, int]:
    return (h.start - h.end, -h.score, h.start)


def to_hits(
    index: TermIndex, concepts: Sequence[Concept], raw: Iterable[RawHit], text: str, glossary: str = ""
) -> list[TermHit]:
    """Dress raw matches as TermHits with their concept's targets (preferred term per other language) and
    synonyms (every term per other language: QA accepts any of them in a target)."""
    out = []
    made: dict[int, tuple[Concept, dict[str, str], dict[str, tuple[str, ...]]]] = {}  # slot -> concept, targets, synonyms
    for h in raw:
        entry = index.entries[h.entry]
        found = made.get(entry[0])
        if found is None:
            concept = concepts[entry[0]]
            found = made[entry[0]] = (
                concept,
                {lang: terms[0] for lang, terms in concept.terms.items() if terms and lang != index.lang},
                {lang: tuple(terms) for lang, terms in concept.terms.items() if len(terms) > 1 and lang != index.lang},
            )
        concept, targets, synonyms = found[0], dict(found[1]), dict(found[2])  # (dicts of its own per hit, as before)
        out.append(
            TermHit(
                h.start, h.end, text[h.start : h.end], entry[1], h.score, h.kind, index.lang, targets,
                glossary, concept.id, concept.status, concept.note, synonyms,
            )
        )  # fmt: skip
    return out


def find_in_text(
    text: str, terms: Iterable[str], lang: str, *, fuzzy: bool = False, derived: bool = False
) -> list[TermHit]:
    """Occurrences of any of `terms` (in language `lang`) in `text`, in any inflected form.

    For QA of targets as well as sources: find_in_text("жасанды интеллектпен", ["жасанды интеллект"], "kk").
    `derived`: a derived adjective counts too, with a lower score (мемлекеттік for мемлекет).
    """
    concepts = [Concept({lang: (t,)}) for t in terms]
    index = TermIndex(lang, concepts)
    return to_hits(index, concepts, match(index, text, fuzzy=fuzzy, derived=derived), text)


def contains_term(text: str, term: str, lang: str) -> bool:
    """Whether `text` contains `term` in some form (в Китае contains Китай; exports contains export)."""
    return bool(find_in_text(text, [term], lang))
