"""A text whose one "word" runs for thousands of letters (a paste that lost its spaces, a string of х's typed
by a stuck key, a hostile article) is recognised in work proportional to its length: before, `glossary find`
on 2,000 х's took 58 s (every cut of the word tried as a suffix chain, for each of its 2,000 ҳ-for-х
variants) and 100,000 х's took 111 s and 9.9 GB; the workbench's glossary panel and `qa` use the same code.
Counted in calls, not timed: each count below was in the thousands before the fix."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tarjimon.core.glossary import recognize
from tarjimon.core.glossary.morphology import SuffixMorphology, morphology
from tarjimon.core.glossary.recognize import find_in_text

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "kazinform-2026-01-05-uz.txt"


def test_a_long_word_is_cut_only_as_far_as_a_suffix_chain_reaches(monkeypatch: pytest.MonkeyPatch) -> None:
    morph = morphology("uz")
    assert isinstance(morph, SuffixMorphology)
    calls = []
    real = morph.parse_chain
    monkeypatch.setattr(morph, "parse_chain", lambda rest, prev: calls.append(rest) or real(rest, prev))
    morph.analyses(morph.key("х" * 2000))
    assert calls and len(calls) <= 2 * (morph.max_chain + 1)


@pytest.mark.parametrize("lang", ["uz", "kk"])
def test_the_cut_off_changes_no_analysis_of_a_real_word(lang: str) -> None:
    """What the cut-off leaves out can never be a suffix chain: every word of the seed article (and long
    inflected words) is analysed as without it."""
    capped, full = morphology(lang), morphology(lang)
    assert isinstance(capped, SuffixMorphology) and isinstance(full, SuffixMorphology)
    full.max_chain = 10**6
    words = {"давлатларимиздагиларнинг", "аҳолисига", "мамлекеттеріміздегілердің", "журналистлар", "шаҳрида"}
    if SEED.is_file():
        words |= set(re.findall(r"\w+", SEED.read_text(encoding="utf-8")))
    for word in sorted(words):
        key = capped.key(word)
        assert capped.analyses(key) == full.analyses(key), word


def test_a_long_run_of_swappable_letters_is_not_tried_letter_by_letter(monkeypatch: pytest.MonkeyPatch) -> None:
    tried = []
    real = recognize._match_at
    monkeypatch.setattr(recognize, "_match_at", lambda *a: tried.append(a[4]) or real(*a))
    text = "Вилоят ахолиси. " + "х" * 1000 + " аҳоли"
    hits = find_in_text(text, ["аҳоли"], "uz", fuzzy=True)
    assert [h.text for h in hits] == ["ахолиси", "аҳоли"]  # the typo is still found in a real word
    assert len(tried) < 20  # one try per word, a few swaps of ахолиси: 1,000 swaps of the long one before


def test_glossary_find_on_a_20_000_letter_word_answers(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert cli("glossary", "add", "g", "--uz", "аҳоли", "--kk", "халық").code == 0
    text = tmp_path / "long.txt"
    text.write_text("Аҳоли " + "х" * 20_000 + " ахолиси.\n", encoding="utf-8")
    result = cli("glossary", "find", "g", "--text-file", str(text), "--lang", "uz", "--json")
    assert result.code == 0, result.err
    assert '"аҳоли"' in result.out or "\\u0430\\u04b3" in result.out
