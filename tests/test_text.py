"""The text module: one apostrophe set, words, folds, stems, and the fast word cutters' agreement with sacremoses.

"Agrees with sacremoses" is defined once, in `moses_pieces`: take MosesTokenizer's tokens of the text (every
apostrophe between two letters first written as ʼ, which Unicode and Moses count as a letter; hyphens split
off), drop the tokens without a letter or digit, and cut each remaining token at the punctuation Moses keeps
inside a token (1,5 12.03.2024 Alem.Cloud): the pieces, with apostrophes at their edges stripped, must be
the fast path's words in order, the same way stripped. For TM keys Moses is given the text folded as the
key folds it, less the apostrophes the key deletes, and each piece has its digit runs written "0".

Two known differences, each shown by a test below: Moses splits superscript digits and vulgar fractions off
a word (км² is one word to Python's regular expressions and to a translator), and the glossary's tokens run on across a
doubled apostrophe after o/g. The real texts are compared with those characters (Unicode category No)
removed; the generated ones do not contain them.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tarjimon.core.glossary.recognize import WORD_RE as GLOSSARY_WORD_RE
from tarjimon.core.text import fold, stems, tokens, words
from tarjimon.core.text.words import APOSTROPHES, KEY_APOSTROPHES
from tarjimon.core.tm import scoring
from tarjimon.core.tm import text as tm_text

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
_PIECE = re.compile(r"[^\W_]+")


# ---- the one apostrophe set -----------------------------------------------------------------------
def test_one_apostrophe_set_with_every_variant() -> None:
    assert set(APOSTROPHES) == set("'`\u2018\u2019\u02bb\u02bc\u00b4\u02b9\u2032")
    assert set(KEY_APOSTROPHES) == set(APOSTROPHES) - {"\u02b9", "\u2032"}
    from tarjimon.core import translit
    from tarjimon.core.translit import _alphabet

    assert _alphabet.APOSTROPHES is APOSTROPHES
    assert translit.normalize_apostrophes is words.normalize_apostrophes
    assert tm_text.surface_words is words.surface_words and tm_text.STEM == stems.STEM == 5


@pytest.mark.parametrize("mark", list(APOSTROPHES))
def test_every_variant_joins_a_word_and_is_folded_away(mark: str) -> None:
    text = f"ta{mark}lim"
    assert words.words(text) == [text]
    assert words.count_words(f"{text} va {text}") == 3
    assert fold.uz_key(text) == "talim" and fold.fold_text(text, "uz") == "talim"
    assert words.strip_apostrophes(text) == "talim" and words.is_apostrophe(mark)


# ---- words and counted words ----------------------------------------------------------------------
def test_words_and_counted_words() -> None:
    text = "Oʻzbekiston IT-parki 2024-yil 1,5 mln togʻ ta’lim l’homme"
    assert words.words(text) == ["Oʻzbekiston", "IT", "parki", "2024", "yil", "1", "5", "mln", "togʻ", "ta’lim",
                                 "l’homme"]  # fmt: skip
    assert [w for _, _, w in words.counted_words(text)] == [
        "Oʻzbekiston", "IT-parki", "2024", "yil", "1,5", "mln", "togʻ", "ta’lim", "l’homme"
    ]  # fmt: skip
    assert words.count_words(text) == 9
    assert words.surface_words("Men tog' oldida") == [(0, 3, "Men"), (4, 7, "tog"), (9, 15, "oldida")]
    assert words.counted_words("Men tog' oldida")[1] == (4, 8, "tog'")
    for s, e, w in words.counted_words(text) + words.surface_words(text):
        assert text[s:e] == w


def test_count_words_is_what_stats_counts() -> None:
    from tarjimon.core.project.stats import count_words

    text = "Ҳукумат 2,5 трлн сўм ажратди: IT-парк, taʼlim va e-mail."
    assert count_words(text) == words.count_words(text) == 9


def test_normalize_apostrophes_canonical_uzbek_marks() -> None:
    assert words.normalize_apostrophes("O'zbekiston ta`lim tog’ 'salom'") == "Oʻzbekiston taʼlim togʻ 'salom'"


# ---- folds ----------------------------------------------------------------------------------------
def test_folds() -> None:
    assert fold.casefold("Straße") == "strasse" and fold.casefold("ABC") == "abc"
    assert fold.fold_text("Қозоғистон", "uz") == fold.fold_text("QOZOG'ISTON", "uz") == "qozogiston"
    assert fold.fold_text("Қазақстан", "kk") == "қазақстан"
    assert fold.uz_key("Қозоғистон") == fold.uz_key("Qozogʻiston") == "qozoğiston"
    assert fold.uz_key("Ўзбекистон") == "ôzbekiston" and fold.has_cyrillic("IT-парк")


# ---- stems ----------------------------------------------------------------------------------------
def test_index_stem_is_the_tm_stem() -> None:
    assert stems.index_stem("kitoblarni") == "kitob" and stems.stems_of(["kitobni", "men"]) == ["kitob", "men"]
    q = scoring.Query.of("Men kitoblarni oʻqidim", "uz")
    assert q.stems == tuple(stems.stems_of(q.words)) == ("men", "kitob", "oqidi")
    assert tm_text.key_and_tokens("Men kitoblarni oʻqidim", "uz")[1] == {"men", "kitob", "oqidi"}


def test_stem_prefix_and_stem_found() -> None:
    assert stems.stem_prefix("государство") == "государс" and stems.stem_prefix("kitob") == "kitob"
    assert stems.shares_stem("государство", "государственной")
    assert not stems.shares_stem("государство", "госдума")
    assert stems.stem_found(["государство"], ["в", "государственной", "думе"])
    assert not stems.stem_found(["дом"], ["дом"])  # short words must be found whole (by the glossary)
    assert not stems.stem_found([], ["дом"])


def test_qa_uses_the_shared_stem_match() -> None:
    from tarjimon.core.qa import _stem_found

    assert _stem_found("Государство", "Это «государственной» важности.")
    assert not _stem_found("Государство", "Это важно.")


# ---- sacremoses -----------------------------------------------------------------------------------
def test_normalize_punctuation() -> None:
    assert tokens.normalize_punctuation("«Салом» – деди у", "uz") == '"Салом" - деди у'
    assert tokens.normalize_punctuation("„x“ ‘y’", "ru") == "\"x\" 'y'"


def test_tokens_keep_uzbek_apostrophe_words_and_their_spans() -> None:
    text = "Ta’lim, oʻzbek va ta'lim: IT-park (1,5 mln)."
    toks = tokens.tokens(text, "uz")
    assert [t for _, _, t in toks] == ["Ta’lim", ",", "oʻzbek", "va", "ta'lim", ":", "IT", "-", "park", "(", "1,5",
                                       "mln", ")", "."]  # fmt: skip
    assert all(text[s:e] == t for s, e, t in toks)
    assert tokens.word_tokens(text, "uz") == ["Ta’lim", "oʻzbek", "va", "ta'lim", "IT", "park", "1,5", "mln"]


def _edges(word: str) -> str:
    return word.strip(APOSTROPHES)


def moses_pieces(text: str, lang: str = "") -> list[str]:
    """Moses word tokens cut at the punctuation inside them, edge apostrophes stripped (see the docstring)."""
    out = []
    for tok in tokens.word_tokens(text, lang):
        for piece in _PIECE.findall(tokens.inner_apostrophes_as_letters(tok)):
            out.append(_edges(piece))
    return [p for p in out if p]


def _ours(found: list[str]) -> list[str]:
    return [w for w in (_edges(tokens.inner_apostrophes_as_letters(x)) for x in found) if w]


def moses_key_words(text: str, lang: str) -> list[str]:
    """The TM key's words by way of Moses: the text folded as the key folds it (for Uzbek: Latin, no
    apostrophes), the apostrophes the key deletes deleted, Moses word tokens cut into pieces, digit runs "0"."""
    bare = re.sub(f"[{re.escape(KEY_APOSTROPHES)}]", "", fold.fold_text(text, lang))
    out = []
    for tok in tokens.word_tokens(bare, lang):
        out += _PIECE.findall(re.sub(r"\d+", "0", tok))  # what is left of the marks: ʹ a letter, ′ a break
    return out


def _assert_agrees(text: str) -> None:
    reference = moses_pieces(text)
    assert _ours(words.words(text)) == reference
    assert _ours([w for _, _, w in tm_text.surface_words(text)]) == reference
    if not re.search(f"[{re.escape(APOSTROPHES)}]{{2}}", text):  # see test_glossary_tokens_differ_on_doubled
        assert _ours(GLOSSARY_WORD_RE.findall(text)) == reference
    for lang in ("uz", "kk", "ru", "en"):
        assert tm_text.words_of(text, lang) == moses_key_words(text, lang), lang


_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHOQXY" "абвгдеёжзийклмнопрстуфхцчшщъыьэюяўқғҳАҚЎҒЯ" "әөүұіңһӘӨҮҰІ"
_ALPHABET = _LETTERS + "0123456789" + APOSTROPHES + "-  .,;:!?()\"«»“”„—–/%№"


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=_ALPHABET, max_size=60))
def test_fast_word_cutters_agree_with_sacremoses(text: str) -> None:
    assume(text.strip())
    _assert_agrees(text)


def _real_lines() -> list[str]:
    files = sorted(SHARED.glob("seeds/*.txt")) + sorted(SHARED.glob("data/parallel/*/*.txt"))
    return [line for f in files for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_fast_word_cutters_agree_with_sacremoses_on_the_shared_texts() -> None:
    lines = _real_lines()
    if not lines:
        pytest.skip("../shared (the seed article, data/parallel) is not here")
    assert len(lines) > 1000
    for line in lines:
        _assert_agrees("".join(ch for ch in line if unicodedata.category(ch) != "No"))
        assert all(line[s:e] == t for s, e, t in tokens.tokens(line))  # every Moses token found in place


def test_glossary_tokens_differ_on_doubled_apostrophes() -> None:
    # The one known difference, kept because glossary hit spans must not move: recognition reads o'' as an
    # o with two marks and runs on into the next word (no real text in ../shared has a doubled apostrophe).
    assert GLOSSARY_WORD_RE.findall("zo''r") == ["zo''r"]
    assert words.words("zo''r") == ["zo", "r"] and moses_pieces("zo''r") == ["zo", "r"]


def test_superscripts_stay_in_the_word_moses_splits_them() -> None:
    assert words.words("797,33 км²") == ["797", "33", "км²"] and words.count_words("797,33 км²") == 2
    assert moses_pieces("797,33 км²") == ["797", "33", "км", "²"]


def test_text_is_the_lowest_layer() -> None:
    """core/text imports only the standard library, third-party libraries and the modules beside it in the
    lowest layer (errors, langs, translit, segment), inside functions and under TYPE_CHECKING too."""
    import ast

    allowed = ("tarjimon.core.text", "tarjimon.core.errors", "tarjimon.core.langs", "tarjimon.core.translit",
               "tarjimon.core.segment")  # fmt: skip
    package = Path(fold.__file__).parent
    seen = []
    for path in sorted(package.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom):
                names = [("." * node.level) + (node.module or "")]
            for name in names:
                seen.append(name)
                assert not name.startswith("."), f"{path.name}: relative import {name}"
                if name.startswith("tarjimon"):
                    assert name.startswith(allowed), f"{path.name} imports {name}"
    assert "tarjimon.core.translit" in seen and "sacremoses" in seen
