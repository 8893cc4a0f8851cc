"""Property tests: segmentation never loses or reorders text, whatever the input."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from tarjimon.core.segment import segment_spans, split

LANGS = st.sampled_from(["uz", "uz-Cyrl", "uz-Latn", "kk", "ru", "en", "xx", ""])
# Text rich in the characters the rules care about, plus arbitrary Unicode.
_SPECIAL = "Бу|иш|ASTANA|т.б|й|Dr|U.S|Қ.-Ж|2025|1.5|Alem.Cloud|«|»|“|”|„|\"|'|(|)|–|-|,|.|...|…|?!|?..|!!|J.|R.|млн.|е.g.|Sh."
PIECES = st.sampled_from(_SPECIAL.split("|") + [" ", "  ", "\n", "\r\n", "\t", "\u00a0"])
TEXT = st.one_of(st.text(max_size=200), st.lists(PIECES | st.text(max_size=3), max_size=60).map("".join))


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@settings(max_examples=400, deadline=None)
@given(TEXT, LANGS)
def test_segments_rejoin_to_the_text_modulo_whitespace(text: str, lang: str) -> None:
    assert squash("".join(split(text, lang))) == squash(text)


@settings(max_examples=400, deadline=None)
@given(TEXT, LANGS)
def test_spans_are_ordered_stripped_and_cover_all_but_whitespace(text: str, lang: str) -> None:
    spans = segment_spans(text, lang)
    previous_end = 0
    for start, end in spans:
        assert 0 <= previous_end <= start < end <= len(text)
        assert text[previous_end:start].strip() == ""
        segment = text[start:end]
        assert segment == segment.strip() and segment
        previous_end = end
    assert text[previous_end:].strip() == ""
