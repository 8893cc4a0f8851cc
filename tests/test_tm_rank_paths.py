"""The ranking's byte paths (issue 11 goal 4, tenth session) give what the plain computations give:

- `_without_t_y` (the case check's filter) is the fold of a text's letters less every t and y whenever it
  answers, for plain Uzbek Cyrillic letters too (no fold of the unit's letters then: ~24 us a unit);
- `_marks`/`_profile` of a text whose characters past ASCII are letters (UTF-8 bytes: digits, whitespace and
  punctuation are ASCII there) = the regexes, on texts of every kind (NBSP, dashes, quotes, other digits, lone
  surrogates, Cyrillic, the oʻ marks).
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from tarjimon.core.text.words import APOSTROPHES
from tarjimon.core.tm.penalties import _fold_letters, _marks, _profile, _without_t_y
from tarjimon.core.translit import fold, to_cyrillic

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "parallel" / "apertium-kaz-uzb"
CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяўқғҳ"


def _less_t_y(letters: str) -> bytes:
    return fold(letters).replace("t", "").replace("y", "").encode("utf-8")


def test_without_t_y_is_the_fold_less_t_and_y() -> None:
    rng = random.Random(41)
    alphabet = CYRILLIC + CYRILLIC.upper() + "abcghostyeOGTYS" + APOSTROPHES + "әіңöİßK"
    answered = cyrillic = 0
    for _ in range(40000):
        letters = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        got = _without_t_y(letters)
        if got is not None:
            assert got == _less_t_y(letters), letters
            answered += 1
            cyrillic += bool(re.search("[\u0400-\u04ff]", letters))
    assert answered > 10000 and cyrillic > 5000
    # the context rules (е -> ye, ц -> ts, ь -> y, ъ); a run an exception-lexicon stem starts (цирк) has no
    # answer, a run it is only inside of has one (a sentence's letters are one run: the fold keys it whole)
    assert _without_t_y("Шаҳарда") == b"shaharda" == _without_t_y("SHAHARDA")
    assert _without_t_y("циркда") is None
    assert _without_t_y("ёзувчиелкаобьёмциркда") == _less_t_y("ёзувчиелкаобьёмциркда") == b"ozuvchielkaobomsirkda"
    assert _without_t_y("Қозоғистон") == _without_t_y("Qozogʻiston") == b"qozogison"


def test_without_t_y_tells_apart_only_letters_that_fold_apart() -> None:
    """The case check's use: two letters told apart here never fold alike (so the penalty is never left out)."""
    rng = random.Random(42)
    words = "шаҳар шахар ёз ез йўл юз цех сех объект обект мўъжиза тошкент ташкент".split()
    apart = 0
    for _ in range(5000):
        a = "".join(rng.choice(words) for _ in range(rng.randint(1, 4)))
        b = "".join(rng.choice(words) for _ in range(rng.randint(1, 4)))
        b = b.upper() if rng.random() < 0.3 else b
        ra, rb = _without_t_y(a), _without_t_y(b)
        if ra is not None and rb is not None and ra != rb:
            apart += 1
            assert _fold_letters(a, "uz") != _fold_letters(b, "uz"), (a, b)
        if _fold_letters(a, "uz") == _fold_letters(b, "uz"):
            assert ra is None or rb is None or ra == rb, (a, b)
    assert apart > 1000


def test_without_t_y_of_real_sentences() -> None:
    if not (SHARED / "uzb-big.txt").is_file():
        pytest.skip(f"{SHARED} not found (the shared data folder)")
    lines = [x.split("\t", 1)[-1] for x in (SHARED / "uzb-big.txt").read_text("utf-8").splitlines()][:300]
    answered = 0
    for line in lines:
        for text in (line, to_cyrillic(line), to_cyrillic(line).upper()):
            letters = _profile.__wrapped__(text, "uz")[1]
            got = _without_t_y(letters)
            if got is not None:
                assert got == _less_t_y(letters), text
                answered += 1
    assert answered > 600


def _plain_marks(text: str) -> tuple:  # type: ignore[type-arg]
    """_marks (less its UTF-8) by the regexes alone, as first written."""
    from tarjimon.core.text.words import INNER_KEY_APOSTROPHE_RE as inner

    t = inner.sub("'", text)
    odd = tuple(r for r in re.findall(r"\s+", t.strip()) if r != " ")
    bare = re.sub(r"'(?<=\w')(?=\w)", "", t)
    return t, tuple(re.findall(r"\d+", t)), tuple(re.findall(r"[^\w\s]", bare)), (odd, t[:1].isspace(),
                                                                                    t[-1:].isspace())


@pytest.mark.parametrize("seed", [1, 2])
def test_marks_and_profile_by_bytes_equal_the_regexes(seed: int) -> None:
    rng = random.Random(seed)
    alphabet = ("ab1 9_,.-'\u00a0\t\n\x0b\x1c\r" + APOSTROPHES + "қўдЖʻʼ«»—“é٣\u2009\u0301" + "\ud800"
                + CYRILLIC[:12])
    fast = 0
    for _ in range(30000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 16)))
        got = _marks.__wrapped__(text)
        assert got[:4] == _plain_marks(text), repr(text)
        fast += got[4] is not None
        letters = re.sub(r"[\W\d_]+", "", _plain_marks(text)[0])
        assert _profile.__wrapped__(text, "uz")[1] == letters, repr(text)
    assert fast > 3000


def test_latin_by_pieces_is_to_latin() -> None:
    """_latin converts a text's space-separated pieces one by one (kept across lookups): to_latin's text."""
    from tarjimon.core.tm.penalties import _latin
    from tarjimon.core.translit import to_latin

    rng = random.Random(43)
    words = ["шаҳар", "Ёз", "ЦИРК", "объект", "IT-стартап", "қўъ", "ь", "2009", "«", "»", "\u00a0", "\t", "", "е"]
    for _ in range(20000):
        text = "".join(rng.choice(words) + rng.choice(["", " ", "  ", "-", "\n"]) for _ in range(rng.randint(0, 7)))
        assert _latin.__wrapped__(text) == to_latin(text), repr(text)


def test_surface_words_by_pieces_are_the_regexs() -> None:
    """worddiff._surface (whitespace-separated pieces, a piece of letters and digits kept whole) = WORD_RE."""
    from tarjimon.core.text.words import WORD_RE
    from tarjimon.core.tm.worddiff import _surface

    rng = random.Random(44)
    alphabet = "ab1_ -.,\u00a0\t\n" + APOSTROPHES + "қўʻʼ\u0301٣²½Ⅻ" + "\ud800"
    for _ in range(30000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 16)))
        assert _surface.__wrapped__(text) == WORD_RE.findall(text), repr(text)


def test_ranked_matches_are_what_match_makes() -> None:
    """rank_keys's matches are whole Match objects: every field set, equal to (and hashed as) Match(...) of them."""
    import dataclasses

    from tarjimon.core.models.tm import Candidate, Match
    from tarjimon.core.tm.ranking import rank

    cands = [Candidate(i, s, f"t{i}", key, "uz", "kk", source_markup="<b>x</b>" if i == 2 else None,
                       origin="o") for i, (s, key) in enumerate([
                           ("Men kitobni oʻqidim.", "men kitobni oqidim"), ("Мен китобни ўқидим.", "men kitobni oqidim"),
                           ("Men kitoblarni oʻqidim!", "men kitoblarni oqidim"), ("Men 2 kitob oʻqidim.", "men 0 kitob oqidim")],
                           start=1)]
    got = rank("Men kitobni oʻqidim.", "uz", cands, limit=5, min_score=0)
    assert len(got) == 4
    names = [f.name for f in dataclasses.fields(Match)]
    for m in got:
        again = Match(**{n: getattr(m, n) for n in names})
        assert m == again and list(m.__dict__) == list(again.__dict__) == names
        assert hash(m) == hash(again) and repr(m) == repr(again)


@pytest.mark.parametrize("lang", ["uz", "en", "ru", "kk"])
def test_new_words_in_matching_form_together_as_one_by_one(lang: str) -> None:
    """worddiff._norms_of (the words a lookup's diffs meet for the first time, folded together as the lines of
    one text; Uzbek Cyrillic runs keyed from their letters) = words_of of each word."""
    from tarjimon.core.tm.text import words_of
    from tarjimon.core.tm.worddiff import _norms_of, _surface
    from tarjimon.core.translit import to_latin

    rng = random.Random(45)
    alphabet = "abcTSYEo1_2-" + APOSTROPHES + CYRILLIC + "ЁЦШЪЬЕİıßöé\u0301٣²"
    for n in range(4000):
        text = " ".join("".join(rng.choice(alphabet) for _ in range(rng.randint(1, 7))) for _ in range(4))
        words = _surface.__wrapped__(text)
        if n % 3 == 0:  # some words converted by to_latin already (its cache: the other way of folding them)
            to_latin(" ".join(words[::2]))
        assert _norms_of(words, lang) == ["".join(words_of(w, lang)) for w in words], (words, lang)
    assert _norms_of(["a\nb", "c"], lang) == ["".join(words_of(w, lang)) for w in ["a\nb", "c"]]
    for _ in range(4000):  # ASCII words (the byte path): digit runs, apostrophes and _ inside words
        text = " ".join("".join(rng.choice("abcTSYEo019_'`") for _ in range(rng.randint(1, 6))) for _ in range(4))
        words = _surface.__wrapped__(text)
        assert _norms_of(words, lang) == ["".join(words_of(w, lang)) for w in words], (words, lang)
    if lang == "uz" and (SHARED / "uzb-big.txt").is_file():
        lines = [x.split("\t", 1)[-1] for x in (SHARED / "uzb-big.txt").read_text("utf-8").splitlines()][:200]
        for line in lines:
            for text in (line, to_cyrillic(line), to_cyrillic(line).upper()):
                words = _surface.__wrapped__(text)
                assert _norms_of(words, lang) == ["".join(words_of(w, lang)) for w in words], text


def _rules_by_letter(word: str, start: int = 0) -> str:
    """translit's rules_word as the letter loop alone (no table path)."""
    from tarjimon.core.translit import _cyr2lat

    low = word.lower()
    all_upper = len(word) > 1 and word.isupper()
    out = []
    for i in range(start, len(word)):
        chunk = _cyr2lat._letter(low, i)
        if all_upper:
            out.append(chunk.upper())
            continue
        next_upper = i + 1 < len(word) and word[i + 1].isupper()
        out.append(_cyr2lat._case_chunk(chunk, word[i].isupper(), next_upper))
    return "".join(out)


def test_rules_word_by_table_is_the_letter_loop() -> None:
    """rules_word's table path (a lower- or title-case word without ъ, ь, сҳ) converts as the letter loop: every
    word of one to three letters (each letter's context is its two neighbours) in lower, title and upper case,
    and random longer words in any case, from any start."""
    import itertools

    from tarjimon.core.translit._alphabet import CYR_LETTERS
    from tarjimon.core.translit._cyr2lat import rules_word

    for size in (1, 2, 3):
        for letters in itertools.product(CYR_LETTERS, repeat=size):
            word = "".join(letters)
            for case in (word, word[0].upper() + word[1:], word.upper()):
                assert rules_word(case) == _rules_by_letter(case), case
    rng = random.Random(46)
    for _ in range(20000):
        word = "".join(rng.choice(CYR_LETTERS) for _ in range(rng.randint(1, 12)))
        case = rng.choice([word, word.capitalize(), word.upper(),
                           "".join(c.upper() if rng.random() < 0.2 else c for c in word)])
        start = rng.randint(0, len(case))
        assert rules_word(case) == _rules_by_letter(case), case
        assert rules_word(case, start) == _rules_by_letter(case, start), (case, start)
