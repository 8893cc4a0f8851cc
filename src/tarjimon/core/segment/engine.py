"""The segmentation engine: find candidate breaks, let the rules decide.

A candidate break is a run of terminal punctuation (. ! ? …), optionally followed by closing quotes or
brackets and by emoji, that is followed by whitespace. Dots without a following space (1.5, 05.01.2026,
Alem.Cloud, www.gov.uz, an e-mail address) are never candidates, so such tokens are never split.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable

from tarjimon.core.segment.ruleset import RuleSet, expand_classes, load_rules

# Emoji and pictographs (with variation selectors, joiners, skin tones) right after the punctuation belong
# to the sentence they close: "Мактаб очилди! 🎉 Энди ..." breaks after the emoji.
_EMOJI = "\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\ufe0f\u200d"
_CANDIDATE = re.compile(rf"[.!?…]+[”»\"'’“)\]]*(?:\s*[{_EMOJI}]+)*(?=\s|\Z)")
_PARAGRAPH = re.compile(r"[^\r\n]+")
_OPENERS = "([{«“„\"'‘"
_UPPER_WORD = re.compile(expand_classes(r"[«“„\"'‘(]*\p{Lu}"))
_ACRONYM = re.compile(expand_classes(r"[«“„\"'‘(]*\p{Lu}{2,}"))


def _token_before(text: str, dot: int) -> str:
    """The whitespace-delimited token ending with the period at index `dot`, without leading openers."""
    start = dot
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start : dot + 1].lstrip(_OPENERS)


def _abbreviation_decision(rs: RuleSet, text: str, start: int, end: int, nxt: int) -> bool | None:
    """Decide by the abbreviation lists; None when the token before the period is not listed."""
    if text[start:end] != ".":
        return None
    kind = rs.abbreviation_kind(_token_before(text, start))
    if kind is None:
        return None
    if kind == "never_final":
        return False
    # conditional: a sentence end only before a capitalised word that is not an acronym (млрд. АҚШ доллари)
    if _ACRONYM.match(text, nxt):
        return False
    return _UPPER_WORD.match(text, nxt) is not None


def _is_break(rs: RuleSet, text: str, start: int, end: int, nxt: int) -> bool:
    for rule in rs.early:
        if rule.matches(text, end, nxt):
            return rule.breaks
    decision = _abbreviation_decision(rs, text, start, end, nxt)
    if decision is not None:
        return decision
    for rule in rs.late:
        if rule.matches(text, end, nxt):
            return rule.breaks
    return True


def _paragraph_spans(text: str, offset: int, rs: RuleSet) -> list[tuple[int, int]]:
    """Sentence spans of one paragraph (no newlines inside), shifted by `offset`."""
    spans: list[tuple[int, int]] = []
    seg_start = 0
    dateline_end = rs.dateline_end(text)
    for m in _CANDIDATE.finditer(text):
        end = m.end()
        if end <= dateline_end:  # a wire dateline joins the first sentence
            continue
        nxt = end
        while nxt < len(text) and text[nxt].isspace():
            nxt += 1
        if nxt >= len(text):
            break
        if _is_break(rs, text, m.start(), end, nxt):
            spans.append((seg_start, end))
            seg_start = nxt
            dateline_end = max(dateline_end, rs.dateline_end(text, nxt))  # a dateline after a lead line
    spans.append((seg_start, len(text)))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s + offset, e + offset))
    return out


def segment_spans(
    text: str, lang: str, *, rules_dirs: Iterable[str | os.PathLike[str]] = ()
) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the sentences of `text` in language `lang` (a BCP 47 tag).

    Newlines are hard paragraph breaks. Spans are ordered, do not overlap, are stripped of whitespace,
    and only whitespace lies between and around them. `rules_dirs` adds user rules directories.
    """
    rs = load_rules(lang, tuple(rules_dirs))
    spans: list[tuple[int, int]] = []
    for para in _PARAGRAPH.finditer(text):
        spans.extend(_paragraph_spans(para.group(), para.start(), rs))
    return spans


def split(text: str, lang: str, *, rules_dirs: Iterable[str | os.PathLike[str]] = ()) -> list[str]:
    """Split `text` (one paragraph; newlines count as paragraph breaks) into stripped sentences."""
    return [text[s:e] for s, e in segment_spans(text, lang, rules_dirs=rules_dirs)]
