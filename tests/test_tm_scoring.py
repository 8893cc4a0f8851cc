"""TM scoring: agglutinative near matches, penalties, diffs, cross-script, lookups through the index."""

from __future__ import annotations

from pathlib import Path

import pytest
from rapidfuzz.distance import Levenshtein

from tarjimon.core.store import Store
from tarjimon.core.tm.scoring import Query, base_score, final_score, penalties_for, word_diff
from tarjimon.core.tm.sqlite.backend import SqliteMemory


@pytest.fixture
def tm(tmp_path: Path) -> SqliteMemory:
    return SqliteMemory(Store(tmp_path / "p.db"))


def score(a: str, b: str, lang: str = "uz") -> int:
    q = Query.of(a, lang)
    other = Query.of(b, lang)
    pens = penalties_for(a, b, lang)
    return final_score(base_score(q, other.key), q.key == other.key, a == b, pens)


def test_agglutinative_near_match_is_high_but_not_exact() -> None:
    s = score("Men kitobni o'qidim.", "Men kitoblarni o'qidim.")
    word_level = Levenshtein.normalized_similarity(["men", "kitobni", "oqidim"], ["men", "kitoblarni", "oqidim"])
    assert round(word_level * 100) == 67  # what a word-level score (OmegaT) says
    assert 85 <= s <= 95


def test_unrelated_sentences_with_shared_letters_score_low() -> None:
    assert score("Men kitobni o'qidim.", "Ular bozorga borishdi.") < 50


def test_ranking_follows_what_a_translator_expects() -> None:
    q = "Prezident yangi qonunni imzoladi."
    near = score(q, "Prezident yangi qonunlarni imzoladi.")
    farther = score(q, "Prezident eski farmonni imzoladi.")
    far = score(q, "Bugun havo issiq bo'ladi.")
    assert near > farther > far


@pytest.mark.parametrize(
    ("a", "b", "penalty"),
    [
        ("Narxi 100 so'm.", "Narxi 200 so'm.", "numbers"),
        ("Toshkent shahri.", "toshkent shahri.", "case"),
        ("Toshkent shahri.", "Toshkent shahri!", "punctuation"),
        ("Toshkent shahri.", "Toshkent  shahri.", "whitespace"),
    ],
)
def test_small_differences_cost_small_visible_penalties(a: str, b: str, penalty: str) -> None:
    assert penalties_for(a, b, "uz") == [penalty]
    assert 97 <= score(a, b) <= 99


def test_identical_is_100() -> None:
    assert score("Toshkent shahri.", "Toshkent shahri.") == 100


def test_cyrillic_and_latin_uzbek_match_with_a_script_penalty_only() -> None:
    assert penalties_for("Мен китобни ўқидим.", "Men kitobni oʻqidim.", "uz") == ["script"]
    assert score("Мен китобни ўқидим.", "Men kitobni o'qidim.") == 99
    assert score("Мен китобларни ўқидим.", "Men kitobni o'qidim.") >= 85


def test_word_diff_names_the_changed_words() -> None:
    d = word_diff("Men kitobni o'qidim.", "Men kitoblarni o'qidim.")
    assert ("delete", "kitoblarni") in d and ("insert", "kitobni") in d
    assert [w for op, w in d if op == "equal"] == ["Men", "o'qidim"]


def test_lookup_finds_near_matches_through_the_index(tm: SqliteMemory) -> None:
    tm.add("Men kitoblarni o'qidim.", "Мен кітаптарды оқыдым.", "uz-Latn", "kk")
    tm.add("Ular bozorga borishdi.", "Олар базарға барды.", "uz", "kk")
    m = tm.lookup("Men kitobni o'qidim.", "kk", source_lang="uz")
    assert len(m) == 1 and m[0].target == "Мен кітаптарды оқыдым." and m[0].score >= 85
    assert m[0].diff and m[0].penalties == ()
    assert tm.lookup("Men kitobni o'qidim.", "ru", source_lang="uz") == []
    cyr = tm.lookup("Мен китобларни ўқидим.", "kk", source_lang="uz")
    assert cyr and cyr[0].score == 99 and cyr[0].penalties == ("script",)


def test_duplicates_stored_once_and_101_needs_context(tm: SqliteMemory) -> None:
    a = tm.add("Salom.", "Сәлем.", "uz", "kk", context=("Oldin.", "Keyin."))
    b = tm.add("Salom.", "Сәлем.", "UZ-latn", "KK-kz")
    assert a == b and tm.count() == 1
    assert tm.lookup("Salom.", "kk", source_lang="uz")[0].score == 100
    best = tm.lookup("Salom.", "kk", source_lang="uz", context=("Oldin.", "Keyin."))[0]
    assert best.score == 101 and best.context_match
    assert tm.lookup("Salom.", "kk", source_lang="uz", context=("Boshqa.", "Keyin."))[0].score == 100


def test_exact_match_found_among_many_sharing_its_words(tm: SqliteMemory) -> None:
    for i in range(400):
        tm.add(f"Open the file number {i} now", f"t{i}", "en", "ru")
    tm.add("Open the file", "Открыть файл", "en", "ru")
    best = tm.lookup("Open the file", "ru", source_lang="en")[0]
    assert best.score == 100 and best.target == "Открыть файл"


def test_concordance_across_scripts_and_inflections(tm: SqliteMemory) -> None:
    tm.add("Men kitoblarni o'qidim.", "Мен кітаптарды оқыдым.", "uz", "kk")
    tm.add("Ular bozorga borishdi.", "Олар базарға барды.", "uz", "kk")
    hits = tm.concordance("китоб", source_lang="uz")  # Cyrillic query, Latin unit, inflected form
    assert len(hits) == 1
    s, e = hits[0].source_spans[0]
    assert hits[0].source[s:e] == "kitoblarni"
    hits = tm.concordance("кітап", source_lang="uz", target_lang="kk")  # Kazakh target side
    assert len(hits) == 1 and hits[0].target[slice(*hits[0].target_spans[0])] == "кітаптарды"
    assert tm.concordance("yo'q", source_lang="uz") == []


def test_units_of_other_pairs_never_leak(tm: SqliteMemory) -> None:
    tm.add("Hello world", "Привет, мир", "en", "ru")
    tm.add("Hello world", "Сәлем әлем", "en", "kk")
    assert [m.target for m in tm.lookup("Hello world", "kk", source_lang="en")] == ["Сәлем әлем"]
    assert tm.lookup("Hello world", "en", source_lang="ru") == []


def test_lookup_from_another_thread(tm: SqliteMemory) -> None:
    import threading

    tm.add("Open the file", "Откройте файл", "en", "ru")
    got: list[int] = []
    t = threading.Thread(target=lambda: got.extend(m.score for m in tm.lookup("Open the file", "ru")))
    t.start()
    t.join()
    assert got == [100]


def test_same_results_without_numpy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """numpy is optional: the pure-Python paths give the same matches and hits."""
    from tarjimon.core.tm import postings
    from tarjimon.core.tm.sqlite import concordance, index

    data = Path(__file__).parent / "data" / "tm"
    queries = ["Press Save to keep your changes", "Open the file", "The weather is nice today!", "Leading spaces"]

    def run(folder: Path) -> tuple[list[list[tuple[str, int]]], list[int]]:
        folder.mkdir()
        tm = SqliteMemory(Store(folder / "p.db"), "en", ["ru", "fr"])
        tm.import_file(data / "inline-tags.tmx")
        tm.import_file(data / "utf16-tu-srclang.tmx")
        for i in range(50):
            tm.add(f"Open the file number {i}", f"Откройте файл {i}", "en", "ru")
        found = [[(m.target, m.score) for m in tm.lookup(q, "ru")] for q in queries]
        return found, [h.unit_id for h in tm.concordance("file")]

    with_np = run(tmp_path / "np")
    monkeypatch.setattr(index, "np", None)
    monkeypatch.setattr(postings, "np", None)  # the ranking shared by the backends
    monkeypatch.setattr(concordance, "np", None)
    assert run(tmp_path / "plain") == with_np


def test_exact_found_when_every_word_is_common(tm: SqliteMemory, monkeypatch: pytest.MonkeyPatch) -> None:
    import itertools
    import random

    from tarjimon.core.tm.sqlite import index

    words = ["invalid", "command", "line", "argument", "unknown", "option", "value", "file"]
    combos = [" ".join(c) for c in itertools.permutations(words, 4)][:600]
    for c in combos:
        tm.add(c, c.upper(), "en", "ru")
    monkeypatch.setattr(index, "READ_BUDGET", 200)  # every stem is "common" at this budget
    for q in random.Random(1).sample(combos, 25):
        best = tm.lookup(q, "ru")[0]
        assert best.score == 100 and best.target == q.upper()


def test_word_diff_across_scripts_shows_only_real_changes() -> None:
    d = word_diff("Мен китобни ўқидим.", "Men kitoblarni oʻqidim.", "uz")
    assert d == [("equal", "Мен"), ("delete", "kitoblarni"), ("insert", "китобни"), ("equal", "ўқидим")]
