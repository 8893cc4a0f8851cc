"""Issue 15, TM word order: the same words reordered score as a near match (with a visible "word-order"
penalty), and a penalty is listed only when that kind of difference is really there."""

from __future__ import annotations

from pathlib import Path

import pytest

from tarjimon.core.store import Store
from tarjimon.core.tm.scoring import Query, base_score, final_score, penalties_for
from tarjimon.core.tm.sqlite.backend import SqliteMemory


def scored(a: str, b: str, lang: str) -> tuple[int, list[str]]:
    q, other = Query.of(a, lang), Query.of(b, lang)
    pens = penalties_for(a, b, lang)
    return final_score(base_score(q, other.key), q.key == other.key, a == b, pens), pens


REORDERED = [
    ("uz", "Prezident yangi qonunni imzoladi.", "Yangi qonunni Prezident imzoladi."),
    ("uz", "Президент янги қонунни имзолади.", "Янги қонунни Президент имзолади."),
    ("kk", "Мемлекет басшысы жаңа заңға қол қойды.", "Жаңа заңға Мемлекет басшысы қол қойды."),
    ("ru", "Глава государства подписал новый закон.", "Новый закон подписал глава государства."),
    ("en", "The president signed the new law on Monday.", "On Monday the president signed the new law."),
]


@pytest.mark.parametrize(("lang", "a", "b"), REORDERED)
def test_the_same_words_reordered_are_a_near_match(lang: str, a: str, b: str) -> None:
    score, pens = scored(a, b, lang)
    assert pens == ["word-order"]
    assert 90 <= score <= 95


def test_reordered_and_changed_ranks_below_reordered_only() -> None:
    q = "The president signed the new law on Monday."
    only_moved, _ = scored(q, "On Monday the president signed the new law.", "en")
    moved_and_changed, pens = scored(q, "On Monday the president signed a new decree.", "en")
    unrelated, _ = scored(q, "Heavy rain is expected in the mountains.", "en")
    assert only_moved > moved_and_changed > unrelated
    assert "word-order" in pens


@pytest.mark.parametrize(
    ("lang", "a", "b"),
    [
        ("uz", "Toshkent shahri.", "Toshkent katta shahri."),  # an added word
        ("uz", "Toshkent katta shahri.", "Toshkent shahri."),  # a dropped word
        ("kk", "Астанада форум өтті.", "Астанада халықаралық форум өтті."),
        ("ru", "В Ташкенте прошёл форум.", "В Ташкенте вчера прошёл форум."),
        ("en", "Prices rose.", "Prices rose sharply."),
    ],
)
def test_an_added_or_dropped_word_is_no_whitespace_or_order_difference(lang: str, a: str, b: str) -> None:
    assert penalties_for(a, b, lang) == []


def test_real_whitespace_differences_are_still_listed() -> None:
    assert penalties_for("Toshkent shahri.", "Toshkent  shahri.", "uz") == ["whitespace"]
    assert penalties_for("Toshkent shahri.", "Toshkent\u00a0shahri.", "uz") == ["whitespace"]
    assert penalties_for("Toshkent shahri.", " Toshkent shahri.", "uz") == ["whitespace"]
    assert penalties_for("Toshkent katta shahri.", "Toshkent  shahri.", "uz") == ["whitespace"]


def test_no_reordering_leaves_the_score_as_before() -> None:
    # the score of an in-order near match is unchanged by the bag-of-words part (88 as in docs/tm-scoring.md)
    assert scored("Men kitobni o'qidim.", "Men kitoblarni o'qidim.", "uz") == (88, [])


def test_lookup_offers_a_reordered_unit(tmp_path: Path) -> None:
    tm = SqliteMemory(Store(tmp_path / "p.db"))
    tm.add("Yangi qonunni Prezident imzoladi.", "Жаңа заңға Президент қол қойды.", "uz-Latn", "kk")
    tm.add("Bugun havo issiq boʻladi.", "Бүгін ауа райы ыстық болады.", "uz-Latn", "kk")
    found = tm.lookup("Президент янги қонунни имзолади.", "kk", source_lang="uz")
    assert [m.target for m in found] == ["Жаңа заңға Президент қол қойды."]
    assert found[0].penalties == ("script", "word-order") and 85 <= found[0].score <= 94
