"""Segmentation on the unseen adversarial gold set (written after the rules, to measure robustness)."""

from __future__ import annotations

from pathlib import Path

from tarjimon.core.segment import split
from tarjimon.core.segment.gold import read_gold, score

UNSEEN = Path(__file__).resolve().parent / "data" / "segmentation_unseen.txt"


def test_unseen_set_is_big_and_covers_all_languages() -> None:
    paragraphs = read_gold(UNSEEN)
    assert sum(len(p.sentences) for p in paragraphs) >= 80
    assert {p.lang for p in paragraphs} >= {"uz-Cyrl", "uz-Latn", "kk", "ru", "en"}


def test_unseen_set_boundary_f1() -> None:
    paragraphs = read_gold(UNSEEN)
    result = score(((p.text, p.lang, p.boundaries) for p in paragraphs), split)
    assert result.f1 >= 0.98, (result.precision, result.recall)


def test_emoji_stays_with_its_sentence() -> None:
    assert split("Мактаб очилди! 🎉 Энди болалар шу ерда ўқийди.", "uz") == [
        "Мактаб очилди! 🎉",
        "Энди болалар шу ерда ўқийди.",
    ]
    assert split("Tayyor! 🎉🎉", "uz") == ["Tayyor! 🎉🎉"]


def test_year_after_year_abbreviation() -> None:
    assert split("Корхона 2019 й. 2026 йилда у янги цех очади.", "uz") == [
        "Корхона 2019 й.",
        "2026 йилда у янги цех очади.",
    ]
    assert len(split("Фармон 2026 й. 5 январда имзоланди.", "uz")) == 1


def test_us_breaks_only_before_a_sentence_opener() -> None:
    assert len(split("Prices rose in the U.S. The Fed will respond.", "en")) == 2
    assert len(split("The U.S. Senate voted. U.S. President Carter spoke.", "en")) == 2
