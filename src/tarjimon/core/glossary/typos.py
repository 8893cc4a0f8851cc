"""Typos of single-word terms: a word no other rule matched, one edit from a term's key (see `fuzzy_hits`).

Candidates come from the index's fuzzy buckets (a key's first two letters, confusables folded, and its
length); a word's pick is a function of the word and those buckets, kept by the index until it changes
(TermIndex.typo_memo)."""

from __future__ import annotations

from collections.abc import Callable

from tarjimon.core.glossary.index import (
    FUZZY_ANY_EDIT_LEN,
    FUZZY_MIN_LEN,
    SCORE_FUZZY,
    RawHit,
    TermIndex,
    Token,
)
from tarjimon.core.glossary.morphology import Morphology


def fuzzy_hits(index: TermIndex, morph: Morphology, tokens: list[Token], covered: set[int]) -> list[RawHit]:
    """One-edit typos of single-word terms, for words no other rule matched.

    Short words only differ from a term by a confusable letter (a missing diacritic or apostrophe:
    Қозогистонда, Ozbekiston, Казакстан); any single edit counts from FUZZY_ANY_EDIT_LEN letters on. So
    эксперт is not a typo of экспорт, nor талаби (demand) of талаба (student).
    """
    out: list[RawHit] = []
    memo = index.typo_memo
    for i, tok in enumerate(tokens):
        if i in covered or len(tok.key) < FUZZY_MIN_LEN:
            continue
        best = memo.get(tok.key, _UNSEEN)
        if best is _UNSEEN:
            best = _typo_of(index, morph, tok.key)
            if len(memo) >= _MEMO_SIZE:
                memo.clear()
            memo[tok.key] = best
        if best is not None:
            for eid in index.single.get(best, ()):  # type: ignore[call-overload]
                out.append(RawHit(i, i, tok.start, tok.end, eid, SCORE_FUZZY, "fuzzy"))
    return out


_UNSEEN = object()
#: Words whose typo pick the index keeps (TermIndex.typo_memo) before it starts again.
_MEMO_SIZE = 50_000


def _typo_of(index: TermIndex, morph: Morphology, key: str) -> str | None:
    """The single-word term key a word (its key) is a typo of, or None: a function of the word and the
    index's fuzzy buckets only, so the index keeps it per word until it changes (a word recurs in a text and
    in the texts after it)."""
    distance = None
    for stem, _infl, _p in morph.analyses(key):
        if len(stem) < FUZZY_MIN_LEN:
            continue
        prefix = morph.typo_fold(stem[:2])  # _fuzzy_key's, once for the three sizes
        deletions: set[str] | None = None
        for size in (len(stem) - 1, len(stem), len(stem) + 1):
            fkey = f"{prefix}{size}"
            bucket = index.fuzzy.get(fkey)
            if not bucket:
                continue
            if len(bucket) < min(index.small_bucket, _PER_KEY):
                if distance is None:
                    distance = levenshtein()
                # (what process.extract below gives: a call per key of a few costs less than its set-up)
                found = [c for c in bucket if distance(stem, c, score_cutoff=1) == 1]
            elif len(bucket) < index.small_bucket:  # rapidfuzz over a few keys is quicker than any index
                from rapidfuzz import process  # (imported when first needed: ~5 ms)

                found = [c for c, dist, _ in process.extract(
                    stem, bucket, scorer=levenshtein(), score_cutoff=1, limit=None) if dist == 1]  # fmt: skip
            else:
                if deletions is None:
                    deletions = {stem[:k] + stem[k + 1 :] for k in range(len(stem))}
                # A key one letter shorter is a deletion of stem; one as long shares a deletion with it;
                # one letter longer has stem among its deletions.
                found = _one_edit(index, fkey, bucket, stem, {stem} if size > len(stem) else deletions)
            # the bucket's keys one edit from stem, in bucket order (rapidfuzz's extract ranks ties so)
            for cand in found:
                if (
                    _plausible_typo(morph, stem, cand)
                    and not _verb_of(morph, key, cand)
                    and not _participle(morph, stem, cand)
                ):
                    return cand
    return None


_LEVENSHTEIN: list = []
#: Fuzzy buckets of fewer keys are compared key by key (a C call each), bigger ones by process.extract.
_PER_KEY = 48


def levenshtein() -> Callable[..., int]:
    """rapidfuzz's Levenshtein distance, imported when first needed (~5 ms: a text without a typo candidate
    never imports it) and then kept (a `from ... import` in the loop cost ~1 us a bucket)."""
    if not _LEVENSHTEIN:
        from rapidfuzz.distance import Levenshtein

        _LEVENSHTEIN.append(Levenshtein.distance)
    return _LEVENSHTEIN[0]  # type: ignore[no-any-return]


def _one_edit(index: TermIndex, fkey: str, bucket: list[str], word: str, variants: set[str]) -> list[str]:
    """The keys of a fuzzy bucket at Levenshtein distance exactly 1 from `word`, in bucket order.

    Through the bucket's deletion neighbourhood (each key and its one-letter deletions -> positions), built
    on first use and dropped when a patch changes the bucket: a look-up per deletion of `word` instead of a
    distance to every key of the bucket (hundreds in a 100,000-term glossary)."""
    dels = index.fuzzy_dels.get(fkey)
    if dels is None:
        dels = {}
        for pos, key in enumerate(bucket):
            for variant in {key} | {key[:i] + key[i + 1 :] for i in range(len(key))}:
                dels.setdefault(variant, []).append(pos)
        index.fuzzy_dels[fkey] = dels
    get = dels.get
    # `word` or its one-letter deletions, as the bucket's key length requires
    found = [pos for variant in variants if (hit := get(variant)) for pos in hit]
    if not found:
        return []
    distance = levenshtein()
    return [bucket[pos] for pos in sorted(set(found)) if distance(word, bucket[pos]) == 1]


def _plausible_typo(morph: Morphology, word: str, term: str) -> bool:
    """Whether `word` (one edit from `term`) looks like a typo of it rather than another word.

    A confusable letter swap always does. Other edits need a long word, and never at its last letter,
    where they would read a derivation or a foreign ending as a typo: маданиятл(и) is not маданият,
    инвестиций not инвестиция, талаби not талаба.
    """
    if len(word) == len(term):
        diff = [(a, b) for a, b in zip(word, term, strict=True) if a != b]
        if len(diff) == 1 and frozenset(diff[0]) in morph.confusable:
            return True
    if min(len(word), len(term)) < FUZZY_ANY_EDIT_LEN:
        return False
    same = 0
    for a, b in zip(word, term, strict=False):
        if a != b:
            break
        same += 1
    return same < max(len(word), len(term)) - 1


def _participle(morph: Morphology, word: str, term: str) -> bool:
    """Whether the letter `word` differs in from `term` lies in a participle ending of `word` (-ған/-ген/-қан/
    -кен, Uzbek -gan) with only inflection after it: тұрғандар "those standing" is a verb form, not a typo of
    тұрғындар "residents"."""
    if len(word) < 4:
        return False
    diff = next(
        (k for k, (a, b) in enumerate(zip(word, term, strict=False)) if a != b), min(len(word), len(term))
    )
    for ending in morph.verb_endings:
        if len(ending) != 3 or ending[0] in getattr(morph, "vowels", ()):
            continue
        k = word.find(ending, max(2, diff - 2))
        if 2 <= k <= diff < k + 3 and morph.parse_chain(word[k + 3 :], ending[-1]):
            return True
    return False


def _verb_of(morph: Morphology, word: str, term: str) -> bool:
    """Whether `word` is a form of the verb the noun `term` is made from: the stem they share, then a verb
    ending (Kazakh мәлімдеген, мәлімдеді "announced" against мәлімдеме "statement"; Uzbek uchrashgan "who
    met" against uchrashuv "meeting"). A noun term is not a typo of its own verb."""
    if not morph.verb_endings:
        return False
    same = 0
    for a, b in zip(word, term, strict=False):
        if a != b:
            break
        same += 1
    if same < 4 or same >= len(term):
        return False
    rest = word[same:]
    return any(rest.startswith(e) and morph.parse_chain(rest[len(e) :], e[-1]) for e in morph.verb_endings)
