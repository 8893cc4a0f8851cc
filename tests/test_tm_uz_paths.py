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
from tarjimon.core.tm.scoring import _SPACE, Query, _latin_profile, _profile, full_score, penalties_for
from tarjimon.core.tm.sqlite.backend import SqliteMemory
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
    latin, profile = _latin_profile.__wrapped__(text, "uz")
    assert latin == to_latin(text)
    assert profile == _profile.__wrapped__(to_latin(text), "uz")


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

