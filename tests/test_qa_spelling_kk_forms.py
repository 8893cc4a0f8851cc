"""Kazakh spelling: verb forms and voiced stems the Hunspell dictionary lacks are right (the walk of the eleventh
session translated the seed article into Kazakh and was told қалмаған, істейтін and заманауи were misspelt),
and the typos of a keyboard without Kazakh letters are still found. Figures: bench/qa_spelling_kk.py."""

from __future__ import annotations

import pytest

from tarjimon.core.qa.spelling import Speller


@pytest.fixture(scope="module")
def speller() -> Speller:
    if not Speller.available("kk"):
        pytest.skip("no Kazakh Hunspell dictionary here (Debian package hunspell-kk)")
    return Speller()


@pytest.mark.parametrize(
    "word",
    [
        "қалмаған",  # қал + ма + ған: "has not stayed" (the seed article's қолмаган)
        "істейтін",  # істе + йтін: "working"
        "білмейді", "сөйлемейтін", "қосылмаса", "білмедім", "жиналатын", "орнатылмаған",
        "оқитын",  # оқы + йтын written with и
        "солтүстігінде", "оңтүстігіне", "бөлшегін",  # солтүстік, бөлшек: к voiced before a vowel
        "заманауи",  # the package's newsroom words
    ],
)
def test_kazakh_forms_the_dictionary_lacks_are_right(speller: Speller, word: str) -> None:
    assert speller.word_ok(word, "kk")


@pytest.mark.parametrize(
    "typo",
    [
        "топтык", "жылдык",  # -тық written with к: the ending's vowel is back, so қ
        "берди", "елдиң",  # і typed as и at the end: no ы/і + й there
        "отетін",  # от + етін: a stem of two letters is not taken (өтетін)
        "кайда", "түрғындар", "олданбалар", "үлттық",
    ],
)
def test_typos_of_kazakh_letters_are_still_found(speller: Speller, typo: str) -> None:
    assert not speller.word_ok(typo, "kk")


def test_the_walks_kazakh_sentences_have_no_spelling_finding(speller: Speller) -> None:
    for target in ("Бұл – заманауи жаңа технологиялар дәуірінде мәдениетті ел болып қалудың жалғыз жолы.",
                   "Қытайда жасанды интеллектпен жұмыс істейтін бес мыңға жуық компания жұмыс істейді.",
                   "Басқа дамыған мемлекеттер де назардан тыс қалмаған», – деді Қасым-Жомарт Тоқаев."):  # fmt: skip
        assert speller.misspelt(target, "kk") == []
