"""The Uzbek lookup's fast paths (issue 11 goal 4, Latin queries against Cyrillic units) give what the plain
computations give:

- `to_latin` splits the text once instead of a regex callback per Cyrillic run: the same text as `WORD_RE.sub`;
- `fold` replaces the ts/ye pairs by two `str.replace` calls: the same key as the regex substitution;
- `_profile` finds "no unusual whitespace" by split and join: the same whitespace runs as the regex;
- `_latin_profile` (a unit in the other script, converted and profiled once) is to_latin then _profile;
- a lookup's matches are the plain formula's (penalties computed by `penalties_for`, scores by `full_score`).
"""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tarjimon.core.store import Store
from tarjimon.core.tm.penalties import (
    _SPACE,
    PENALTIES,
    Differences,
    SequenceMatcher,
    _latin_profile,
    _profile,
    penalties_for,
)
from tarjimon.core.tm.scoring import Query, base_scores_moved, full_score
from tarjimon.core.tm.sqlite.backend import SqliteMemory
from tarjimon.core.tm.text import key_of
from tarjimon.core.translit import (
    _FOLD_MAP,
    _FOLD_PAIRS_RE,
    _MARKS_RE,
    _cyr2lat,
    default_lexicon,
    fold,
    to_latin,
)

# Uzbek Cyrillic and Latin letters, Kazakh ones (not Uzbek: left as written), marks, digits, spaces of every
# kind, punctuation, a combining accent: what the conversions and the profile must agree on
ALPHABET = ("абвгдеёжзийклмнопрстуфхцчшщъыьэюяўқғҳАЕЁЦЪЬЎҚҒҲӘІҢабв"
            "abcdeghiklmnopqrstuvxyzOGSTYE" "'`‘’ʻʼ´ʹ" "0123456789" " \t\n\u00a0\u2009  " ".,;:!?-()«»\u0301")
TEXT = st.text(alphabet=ALPHABET, max_size=60)


def _to_latin_by_sub(text: str) -> str:
    """The conversion as it was: WORD_RE.sub with a callback per run (no cache)."""
    lex = default_lexicon()

    def convert(m: re.Match[str]) -> str:
        word = m.group()
        return _cyr2lat._word_to_latin(word, lex) if _cyr2lat._UZBEK_RUN.fullmatch(word) else word

    return _cyr2lat.WORD_RE.sub(convert, text)


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_to_latin_splits_like_the_callback(text: str) -> None:
    assert to_latin(text) == _to_latin_by_sub(text)


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_fold_pairs_by_replace_like_the_regex(text: str) -> None:
    import unicodedata

    latin = _MARKS_RE.sub("", to_latin(unicodedata.normalize("NFC", text)).casefold())
    assert fold(text) == _FOLD_PAIRS_RE.sub(lambda m: _FOLD_MAP[m.group()], latin)


def test_fold_pairs_at_their_edges() -> None:
    for text in ("tts", "yye", "tsye", "yets", "tye", "yts", "ttss", "yyee", "ts", "ye", "t s", "y e"):
        assert fold(text) == _FOLD_PAIRS_RE.sub(lambda m: _FOLD_MAP[m.group()], text)


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_profile_whitespace_like_the_regex(text: str) -> None:
    for lang in ("uz", "en"):
        got = _profile.__wrapped__(text, lang)[3][0]
        t = text.strip()  # the marks _profile swaps for ' are no whitespace: the runs are the text's
        assert got == tuple(r for r in _SPACE.findall(t) if r != " ")


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_latin_profile_is_to_latin_then_profile(text: str) -> None:
    latin, profile = _latin_profile(text, "uz")
    assert latin == to_latin(text)
    assert profile == _profile.__wrapped__(to_latin(text), "uz")


@settings(max_examples=300, deadline=None)
@given(TEXT, st.lists(TEXT, min_size=1, max_size=6))
def test_word_order_from_the_base_scores_is_the_keys(query: str, sources: list[str]) -> None:
    """rank_keys takes the word-order penalty from base_scores_moved (the words the base score compared, on
    the stored keys), penalties() alone keys both texts: the same penalty, through numpy's path (4 keys or
    more) and the loop's."""
    for lang in ("uz", "en"):
        q, d = Query.of(query, lang), Differences(query, lang)
        keys = [key_of(s, lang) for s in sources]
        for batch in (keys, keys * 4):
            _, moved = base_scores_moved(q, batch)
            for s, flag in zip(sources * (len(batch) // len(sources)), moved, strict=True):
                assert d.penalties(s, moved=flag) == d.penalties(s)


@settings(max_examples=200, deadline=None)
@given(TEXT, TEXT, st.booleans(), st.booleans())
def test_least_is_the_cheap_penalties(query: str, source: str, tags: bool, fuzzy: bool) -> None:
    """Differences.least (what ranking uses to skip a unit before folding its letters) is exactly the points
    of the penalties other than case and word order, so never more than penalties() takes."""
    for lang in ("uz", "en"):
        d = Differences(query, lang)
        names = d.penalties(source, tags=tags, fuzzy=fuzzy)
        cheap = sum(PENALTIES[n] for n in names if n not in ("case", "word-order"))
        assert d.least(source, tags=tags, fuzzy=fuzzy) == cheap


WORDS = st.lists(st.sampled_from(["a", "b", "c", "d", "e", "f"]), max_size=30)  # few symbols: many equal blocks


@settings(max_examples=500, deadline=None)
@given(WORDS, WORDS)
def test_word_diff_matcher_gives_difflibs_opcodes(a: list[str], b: list[str]) -> None:
    """The matcher the word diffs use (cydifflib when installed) finds the standard difflib's blocks, ties
    included, used as Differences.diff uses it (one matcher holding the sentence, set_seq1 per unit)."""
    import difflib

    sm = SequenceMatcher(b=b, autojunk=False)
    sm.set_seq1(a)
    assert sm.get_opcodes() == difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes()


def test_latin_queries_against_cyrillic_units_score_as_the_formula(tmp_path: Path) -> None:
    tm = SqliteMemory(Store(tmp_path / "p.db"))
    units = ["Президент янги қонунни имзолади.", "Ўзбекистон ва Қозоғистон ҳамкорлиги кенгаймоқда.",
             "Тошкентда 25 та янги мактаб очилди.", "Prezident yangi qonunni imzoladi.",
             "Янги мактаблар  Тошкентда очилди!", "Ёшлар  иттифоқи   йиғилиши бўлди."]
    for n, s in enumerate(units):
        tm.add(s, f"kk {n}", "uz", "kk")
    keys = {r[0]: r[1] for r in tm.store.conn.execute("SELECT source, skey FROM tm_units")}
    for query in ("Prezident yangi qonunni imzoladi", "Toshkentda 26 ta yangi maktab ochildi.",
                  "Oʻzbekiston va Qozogʻiston hamkorligi kengaymoqda!", "Yangi qonunni Prezident imzoladi.",
                  "ЯНГИ МАКТАБЛАР ТОШКЕНТДА ОЧИЛДИ", "Yoshlar ittifoqi yigʻilishi boʻldi."):
        found = tm.lookup(query, "kk", source_lang="uz", limit=10, min_score=0)
        assert found, query
        q = Query.of(query, "uz")
        for m in found:
            score, pens = full_score(query, q, m.source, keys[m.source])
            assert (m.score, list(m.penalties)) == (score, pens), (query, m.source)
            assert list(m.penalties) == penalties_for(query, m.source, "uz")



@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_diff_words_are_the_surface_words(text: str) -> None:
    from tarjimon.core.text.words import surface_words
    from tarjimon.core.tm.scoring import _surface

    assert _surface.__wrapped__(text) == [w for _, _, w in surface_words(text)]


def test_identical_posting_lists_are_summed_once_and_the_choice_goes_on() -> None:
    import numpy as np

    from tarjimon.core.tm import postings

    rng = np.random.default_rng(3)
    clause = np.sort(rng.choice(100_000, 6000, replace=False) + 1).astype("<u4")  # five stems of one clause
    others = {f"o{k}": np.sort(rng.choice(100_000, 7000 + k, replace=False) + 1).astype("<u4") for k in range(4)}
    lists = {f"c{k}": (clause.copy(), np.full(6000, 9, dtype=np.uint8)) for k in range(5)}
    lists |= {t: (ids, np.full(len(ids), 9, dtype=np.uint8)) for t, ids in others.items()}
    present = sorted((len(v[0]), t) for t, v in lists.items())
    idf = postings.idf_of(present, 100_000)
    reads: list[list[str]] = []

    def read(toks: list[str]) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        reads.append(toks)
        return {t: lists[t] for t in toks}

    got = postings.gather(present, idf, 30_000, read)
    # the five identical lists are one, weighted by their five IDFs; four distinct lists in all (MIN_TOKENS)
    assert len(got) == 4 and got[0][0] == sum(idf[f"c{k}"] for k in range(5))
    assert [len(lst[0]) for _, lst in got] == [6000, 7000, 7001, 7002]
    assert len(reads) == 2  # the first choice (as `choose`), then the lists past the merged ones
    # without identical lists: exactly `choose`, read once
    distinct = [p for p in present if not p[1].startswith("c") or p[1] == "c0"]
    reads.clear()
    got = postings.gather(distinct, idf, 30_000, read)
    assert [lst for _, lst in got] == [lists[t] for t in postings.choose(distinct, 30_000)] and len(reads) == 1


def test_identical_lists_rank_alike_with_and_without_numpy(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from array import array

    import numpy as np

    from tarjimon.core.tm import postings

    rng = np.random.default_rng(5)
    sizes = rng.integers(3, 30, 5001).astype(np.uint8)  # each unit's number of stems, the same on every list
    clause = np.sort(rng.choice(5000, 900, replace=False) + 1).astype("<u4")
    lists = {f"c{k}": (clause.copy(), sizes[clause]) for k in range(2)}
    for k in range(3):
        ids = np.sort(rng.choice(5000, 1200 + k, replace=False) + 1).astype("<u4")
        lists[f"o{k}"] = (ids, sizes[ids])
    present = sorted((len(v[0]), t) for t, v in lists.items())
    with_numpy = postings.rank(present, 5000, 2500, 30, lambda toks: {t: lists[t] for t in toks})
    plain = {t: (array("I", v[0].tolist()), bytes(v[1].tolist())) for t, v in lists.items()}
    monkeypatch.setattr(postings, "np", None)
    without = postings.rank(present, 5000, 2500, 30, lambda toks: {t: plain[t] for t in toks})
    assert with_numpy == without


# A text's letters run together, as _profile keeps them: Uzbek Cyrillic (long runs: a sentence's letters are
# one run), Kazakh and Russian letters, Latin letters and the oʻ/tutuq marks, capitals
LETTERS = st.text(alphabet="абвгдеёжзийклмнопрстуфхцчшщъыьэюяўқғҳАБЕЁЦЧШЪЬЎҚҒҲәіңөұүһ" "abcghostyeOGʻʼ", max_size=140)


@settings(max_examples=500, deadline=None)
@given(LETTERS)
def test_folded_letters_as_the_transliterator_folds_them(letters: str) -> None:
    from tarjimon.core.text.fold import fold_uz_letters

    assert fold_uz_letters(letters) == fold(letters)


def test_folded_letters_of_real_sentences() -> None:
    from tarjimon.core.text.fold import fold_uz_letters
    from tarjimon.core.translit import to_cyrillic

    path = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "parallel" / "apertium-kaz-uzb"
    if not (path / "uzb-big.txt").is_file():
        import pytest

        pytest.skip(f"{path} not found (the shared data folder)")
    lines = [x.split("\t", 1)[-1] for x in (path / "uzb-big.txt").read_text("utf-8").splitlines()][:400]
    quick = 0
    for line in lines:
        for text in (line, to_cyrillic(line), to_cyrillic(line).upper()):
            letters = _profile.__wrapped__(text, "uz")[1]
            assert fold_uz_letters(letters) == fold(letters), text
            quick += bool(re.search("[а-яўқғҳ]", letters))
    assert quick > 300  # the Cyrillic lines (lower case) took the quick path
