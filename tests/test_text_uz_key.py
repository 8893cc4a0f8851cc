"""The glossary's quick Uzbek Cyrillic key (text.fold._cyrillic_key) gives exactly the transliterator's key."""

from __future__ import annotations

import itertools
import random
import re
from pathlib import Path

from tarjimon.core.text import fold
from tarjimon.core.translit import to_latin

LETTERS = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяўқғҳ"
SEED = Path(__file__).resolve().parents[1] / ".." / "shared" / "seeds" / "kazinform-2026-01-05-uz.txt"


def _reference(word: str) -> str:
    low = to_latin(word).lower()
    low = fold._OG_RE.sub(lambda m: "ô" if m.group(1) == "o" else "ğ", low)
    return fold._APOS_RE.sub("", low)


def _words() -> list[str]:
    rnd = random.Random(5)
    out = ["".join(p) for n in (1, 2, 3) for p in itertools.product(LETTERS, repeat=n)]
    out += ["".join(rnd.choice(LETTERS) for _ in range(rnd.randint(4, 14))) for _ in range(20000)]
    out += ["".join(rnd.choice("аоуъеёюяьгўғцс") for _ in range(rnd.randint(2, 8))) for _ in range(20000)]
    out += [w.upper() for w in out[:3000]] + [w.capitalize() for w in out[:3000]]
    out += ["концерт", "Венеция", "объект", "мўъжиза", "меъёр", "батальон", "Исҳоқ", "Тошкент", "ҳокимлиги"]
    if SEED.is_file():
        out += re.findall(r"\w+", SEED.read_text(encoding="utf-8"))
    return out


def test_quick_key_equals_the_transliterators_key() -> None:
    quick = 0
    for word in _words():
        found = fold._cyrillic_key(word)
        if found is not None:
            quick += 1
            assert found == _reference(word), word
        assert fold.uz_key(word) == _reference(word), word
    assert quick > 60000  # nearly every plain word takes the quick path


def test_exception_lexicon_words_take_the_full_path() -> None:
    from tarjimon.core.translit._lexicon import default_lexicon

    lex = default_lexicon()
    for cyr in list(lex.cyr_words) + [s + "лар" for s in lex.cyr_stems]:
        assert fold._cyrillic_key(cyr) is None
        assert fold.uz_key(cyr) == _reference(cyr)


LATIN = "abcdefghijklmnopqrstuvwxyz'ʻʼ"
SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"


def _latin_reference(word: str) -> str:
    """uz_key's full path for a Latin word: through Cyrillic (to_cyrillic), then the Cyrillic key."""
    from tarjimon.core.translit import to_cyrillic

    cyr = to_cyrillic(word)
    quick = fold._cyrillic_key(cyr)
    return quick if quick is not None else _reference(cyr)


def _latin_words() -> list[str]:
    rnd = random.Random(9)
    out = ["".join(p) for n in (1, 2, 3) for p in itertools.product(LATIN[:27], repeat=n)]
    out += ["".join(rnd.choice(LATIN) for _ in range(rnd.randint(4, 12))) for _ in range(20000)]
    out += ["".join(rnd.choice("aeiouystchgo'vkpbzʻ") for _ in range(rnd.randint(3, 9))) for _ in range(20000)]
    out += ["ma'lumot", "o'zbek", "yo'l", "g'ye", "kontsert", "obyekt", "tilendiev", "aksiya", "facebook", "toshkent"]
    out += [w.capitalize() for w in out[::5]] + [w.upper() for w in out[::11]]
    for path in sorted(SHARED.rglob("*.txt"))[:60] if SHARED.is_dir() else []:
        out += re.findall(r"[A-Za-z'ʻʼ’‘`]+", path.read_text(encoding="utf-8", errors="replace"))
    return sorted({w for word in out for w in re.findall(r"\w+(?:['ʻʼ’‘`]\w+)*", word)})


def test_quick_latin_key_equals_the_key_through_cyrillic() -> None:
    quick = 0
    for word in _latin_words():
        found = fold._latin_key(word)
        if found is not None:
            quick += 1
            assert found == _latin_reference(word), word
    assert quick > 30000  # most plain words, capitalised ones and English words take the quick path


def test_keys_of_many_words_at_once_are_uz_key_of_each() -> None:
    words = _words()[::3] + _latin_words()[::3] + ["объект", "Ельцин", "ЪЕ", "съезд", "цирк", "a b", "қозоғистон"]
    assert fold.uz_keys(words) == [fold.uz_key(w) for w in words]
    assert fold.uz_keys([]) == []


def test_keys_of_plain_words_only_and_the_line_rules_equal_the_word_rules() -> None:
    import itertools

    plain = [w for w in (x.lower() for x in _words()) if w and fold._KEY_SET.issuperset(w)][:20000]
    assert len(plain) > 1000
    assert fold.uz_keys(plain) == [fold.uz_key(w) for w in plain]  # every word plain: the quick return
    letters = sorted(fold._KEY_LETTERS) + [""]
    triples = ["".join(t) for t in itertools.product(letters, repeat=3) if "".join(t)]
    sub = fold._CONTEXT
    lines = fold._CONTEXT_LINES_RE.sub(lambda m: sub[m.group()], "\n".join(triples)).split("\n")
    assert lines == [fold._CONTEXT_RE.sub(lambda m: sub[m.group()], t) for t in triples]
