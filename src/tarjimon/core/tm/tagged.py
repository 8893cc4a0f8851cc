"""Inline tags written in a TM text, scored as tags (docs/tm-scoring.md, "Tags").

Tags reach the TM two ways. TMX's own inline elements (bpt/ept/it/ph) are kept apart from the text (a unit's
`source_markup`): the key never saw them, and the `tags` penalty says the unit carries some. But other tags are
written in the text itself: the ⟨1⟩…⟨/1⟩ and ⟨2/⟩ of a project's DOCX, ODT or XLIFF segments (a confirmed target
goes into the TM as the segment is), a PO string's placeholders ({0}, {name}, %s, %(name)s) and HTML (<b>, <br/>).
Scored as words, "<b>Toshkent</b> shahri" against "Toshkent shahri" was an 82-89 with the tags in the diff as
"b b" or "1 1". Here such a text is compared without its tags: a sentence and a unit differing only in their
tags score 100 less the `tags` penalty (99), a fuzzy match scores as its words do, and the diff shows each tag
whole (`-<b>`, `+⟨1⟩`). Texts without tags on either side are scored exactly as before (nothing here runs).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from tarjimon.core.text.tags import WRITTEN_TAG_RE, has_written_tags, without_written_tags
from tarjimon.core.tm.scoring import base_scores_moved
from tarjimon.core.tm.text import key_of
from tarjimon.core.tm.worddiff import _diff, _norms, _surface

TAG_RE = WRITTEN_TAG_RE
has_tags = has_written_tags
#: (cached: a lookup asks again for the units it read; core/text/tags.py)
untag = lru_cache(maxsize=4096)(without_written_tags)


def tags_of(text: str) -> list[str]:
    """The tags of `text` as written, in order."""
    return TAG_RE.findall(text) if has_tags(text) else []


def _tokens(text: str, lang: str) -> tuple[list[str], list[str]]:
    """The surface words and whole tags of `text` in order, and their matching forms (a tag matches only
    itself)."""
    shown: list[str] = []
    norms: list[str] = []
    at = 0
    for m in TAG_RE.finditer(text):
        words = _surface(text[at : m.start()])
        shown += words
        norms += _norms(words, lang)
        shown.append(m.group())
        norms.append("\x00" + m.group())
        at = m.end()
    words = _surface(text[at:])
    return shown + words, norms + _norms(words, lang)


def diff(query: str, source: str, lang: str) -> list[tuple[str, str]]:
    """word_diff of a sentence and a unit's source with their tags as tokens of their own ("delete": only in
    the unit, "insert": only in the sentence)."""
    a, na = _tokens(source, lang)
    b, nb = _tokens(query, lang)
    return _diff(a, na, b, nb)


def either(plain: list[float], written: list[float]) -> list[float]:
    """The better of a tagged sentence's two base scores for each unit (without its tags, as written): what
    picks the units a lookup reads (a unit keyed with the same tags scores 100 as written); rescore() gives
    those read their base again."""
    return [max(a, b) for a, b in zip(plain, written, strict=True)]


def rescore(q: Any, scored: list[tuple[float, int, Any]], moved: list[bool],
            every: bool = False) -> tuple[list[tuple[float, int, Any]], dict[int, str]]:  # fmt: skip
    """The (base, index, candidate) of a lookup with the base of each unit whose source has tags written in it
    scored again on its key without them (its word-order flag in `moved` too), and those keys by index; with
    `every` (a sentence with tags: its bases were either()'s), every unit's base again."""
    keys: dict[int, str] = {}
    if not every and not any(has_tags(c.source) for _, _, c in scored):
        return scored, keys  # (most lookups: ~2 us)
    out = []
    for base, i, c in scored:
        if has_tags(c.source) and untag(c.source) != c.source:
            keys[i] = key_of(untag(c.source), q.lang)
            (base,), (moved[i],) = base_scores_moved(q, [keys[i]])
        elif every:
            (base,), (moved[i],) = base_scores_moved(q, [c.skey])
        out.append((base, i, c))
    return out, keys


def score(differences: Any, text: str, c: Any, base: float, same_key: bool,
          moved: bool | None) -> tuple[list[str], int]:  # fmt: skip
    """The penalties and score of a unit when the sentence `text` or the unit's source has tags written in it:
    compared without them (`differences` holds the sentence without its tags), the `tags` penalty when the two
    carry different tags (a unit's TMX markup counts as the tags it shows)."""
    from tarjimon.core.formats import tmx
    from tarjimon.core.tm.scoring import final_score

    shown = tmx.display(c.source_markup, c.source) if c.source_markup else c.source
    pens = differences.penalties(untag(c.source), tags=tags_of(shown) != tags_of(text), fuzzy=c.fuzzy, moved=moved)
    return pens, final_score(base, same_key, text in (c.source, shown), pens)
