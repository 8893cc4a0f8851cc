"""The quick paths of a cold index build and of a find give what the word-by-word paths give: the seeds of many
cells at once (index.seed_cells) against one row at a time (seed_row), the keys of many Uzbek words at once
(text.fold.uz_keys: Cyrillic through a charmap, Latin in one loop) against uz_key, and a find that keeps each
word's typo pick (TermIndex.typo_memo) against one that works it out again; the pick is forgotten by a patch."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from testkit import SHARED

from tarjimon.core.glossary import recognize
from tarjimon.core.glossary.index import alnum_lines, seed_cells, seed_row
from tarjimon.core.glossary.morphology import morphology
from tarjimon.core.glossary.store import load_glossary
from tarjimon.core.text import fold

CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшъыьэюяўқғҳ"
LATIN = "abcdefghijklmnopqrstuvwxyzʻ'"
SOURCES = SHARED / "data" / "glossary-sources"


def _words(rnd: random.Random, letters: str, n: int) -> list[str]:
    return ["".join(rnd.choice(letters) for _ in range(rnd.randint(1, 12))) for _ in range(n)]


def _cells() -> list[list[str | None]]:
    """Lists of cells as a glossary column gives them: all plain lower-case words (the quick path), and lists
    with names, capitals, hyphens, digits, apostrophes, empty and missing cells (the other paths)."""
    rnd = random.Random(12)
    plain = [" ".join(_words(rnd, CYRILLIC, rnd.randint(1, 3))) for _ in range(3000)]
    latin = [" ".join(_words(rnd, LATIN, rnd.randint(1, 3))).strip("ʻ'") or "a" for _ in range(3000)]
    odd = [
        "Шавкат Мирзиёев", "Abu-Dabi", "Qozogʻiston Respublikasi", "ЎзА", "BMT", "IT", "2-son", "Ali Valiyev",
        "Тошкент шаҳри", "Facebook", "tsex", "kontsert", "O'zbekiston", "Nur Sulton", "x", "Ёқуб Ёқубов", "",
        "кўп-кўп", "ВМ ва ИИ", "Toshkent", "A B C D",
    ]  # fmt: skip
    mixed = plain[:500] + latin[:500] + odd + [w.capitalize() for w in plain[500:900]]
    rnd.shuffle(mixed)
    return [plain, latin, [c.upper() for c in plain[:300]], mixed, [*mixed[:50], None, *mixed[50:80]], odd]


@pytest.mark.parametrize("lang", ["uz", "kk", "ru", "en"])
def test_seeds_of_many_cells_are_each_cells_seeds(lang: str) -> None:
    morph = morphology(lang)
    for cells in _cells():
        rows = [None if c is None else seed_row(morph, [c]) if c else None for c in cells]
        assert seed_cells(morph, cells) == rows


def test_letters_and_digits_one_a_line_are_what_the_word_pattern_calls_words() -> None:
    rnd = random.Random(3)
    chars = CYRILLIC + "abc019_-ʻ' \t\u00a0ⅣⅫ²½·"
    for _ in range(3000):
        text = "\n".join(_words(rnd, chars, rnd.randint(1, 4)))
        assert alnum_lines(text) == (re.search(r"[^\w \n]|_", text) is None and text.replace(" ", "").replace("\n", "") != "")


def test_key_letters_through_the_charmap_equal_the_translation_table() -> None:
    rnd = random.Random(4)
    letters = "".join(fold._KEY_LETTERS) + "yets\n'"
    for n in (0, 1, 5, 50, 5000):
        text = "".join(rnd.choice(letters) for _ in range(n))
        assert fold._key_letters(text) == text.translate(fold._KEY_TABLE)
    odd = "чой\x03а\x07"  # the bytes standing for ch, ô... already in the text: the table's way
    assert fold._key_letters(odd) == odd.translate(fold._KEY_TABLE)


def _dictionary_words() -> list[str]:
    if not SOURCES.is_dir():
        pytest.skip("../shared/data/glossary-sources is not here")
    words: set[str] = set()
    for path in sorted(SOURCES.glob("*.dix")):
        for side in re.findall(r"<[lr]>(.*?)</[lr]>", path.read_text(encoding="utf-8", errors="replace")):
            text = re.sub(r"<[^>]*>", " ", side)
            words.update(w for w in re.findall(r"\w+(?:[-'ʻʼ’‘`]\w+)*", text))
    return sorted(words)


def test_keys_of_dictionary_words_at_once_are_uz_key_of_each() -> None:
    words = _dictionary_words()
    assert len(words) > 50_000
    words += [w.capitalize() for w in words[::7]] + [w.upper() for w in words[::13]]
    words += ["Boeing", "Facebook", "ABBA", "AiDS", "kontsert", "tilendiev", "aksept", "ma'lumot", "O'zbekiston"]
    fold.uz_key.cache_clear()
    assert fold.uz_keys(words) == [fold.uz_key(w) for w in words]


def _glossary(tmp_path: Path, extra: str = "") -> Path:
    path = tmp_path / "g.tsv"
    path.write_text("uz\ten\nинвестиция\tinvestment\nҳокимлик\tadministration\n" + extra, encoding="utf-8")
    return path


def test_a_find_that_keeps_each_words_typo_pick_finds_what_a_fresh_one_finds(tmp_path: Path) -> None:
    g = load_glossary(_glossary(tmp_path), index_langs=("uz",))
    text = "Инвестицяларни ва ҳокимлиги, ҳакимлик ва инвестицияни. Инвестицяларни."
    first = [(h.start, h.end, h.term, h.kind) for h in g.find(text, "uz")]
    assert ("fuzzy" in {k for *_x, k in first}) and g.index("uz").typo_memo
    assert [(h.start, h.end, h.term, h.kind) for h in g.find(text, "uz")] == first
    g.index("uz").typo_memo.clear()
    assert [(h.start, h.end, h.term, h.kind) for h in g.find(text, "uz")] == first


def test_an_added_term_is_a_typo_target_at_once(tmp_path: Path) -> None:
    path = tmp_path / "g.tsv"
    path.write_text("uz\ten\nҳокимлик\tadministration\n", encoding="utf-8")
    g = load_glossary(path, index_langs=("uz",))
    text = "Инвестицяларни ва ҳокимлиги."  # Инвестицяларни: a typo of инвестиция (+лар+ни)
    assert not [h for h in g.find(text, "uz") if h.kind == "fuzzy"]  # the word's pick kept: none
    path.write_text(path.read_text(encoding="utf-8") + "инвестиция\tinvestment\n", encoding="utf-8")
    g = g.refresh()
    index = g.index("uz")
    assert [(h.term, h.kind) for h in g.find(text, "uz") if h.kind == "fuzzy"] == [("инвестиция", "fuzzy")]
    assert recognize.match(index, text) == recognize.match(load_glossary(path, index_langs=("uz",)).index("uz"), text)
    path.write_text("uz\ten\nҳокимлик\tadministration\n", encoding="utf-8")  # and deleted again
    g = g.refresh()
    assert not [h for h in g.find(text, "uz") if h.kind == "fuzzy"]
