"""Uzbek Cyrillic <-> Latin: hand-checked words, parallel texts, the seed article, API details."""

from __future__ import annotations

import subprocess
import sys
from difflib import SequenceMatcher
from pathlib import Path

import pytest

from tarjimon.core.translit import (
    default_lexicon,
    detect_script,
    fold,
    normalize_apostrophes,
    to_cyrillic,
    to_latin,
)

DATA = Path(__file__).parent / "data"
SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seeds" / "kazinform-2026-01-05-uz.txt"


def _word_pairs() -> list[tuple[str, str, str]]:
    rows = []
    for line in (DATA / "translit_words.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            cyr, lat, direction = line.split("\t")
            rows.append((cyr, lat, direction))
    return rows


WORDS = _word_pairs()


def word_agreement(got: str, want: str) -> float:
    """Share of the reference's whitespace-separated words reproduced exactly (aligned by difflib)."""
    a, b = got.split(), want.split()
    matched = sum(block.size for block in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks())
    return matched / max(len(b), 1)


def test_word_list_is_big_enough() -> None:
    assert len(WORDS) >= 50


@pytest.mark.parametrize(("cyr", "lat", "direction"), WORDS, ids=[w[0] for w in WORDS])
def test_hand_checked_words(cyr: str, lat: str, direction: str) -> None:
    assert to_latin(cyr) == lat
    if direction == "both":
        assert to_cyrillic(lat) == cyr


@pytest.mark.parametrize("n", [1, 2, 3])
def test_parallel_texts(n: int) -> None:
    cyr = (DATA / f"translit_text{n}.cyr.txt").read_text(encoding="utf-8")
    lat = (DATA / f"translit_text{n}.lat.txt").read_text(encoding="utf-8")
    assert word_agreement(to_latin(cyr), lat) == 1.0
    assert word_agreement(to_cyrillic(lat), cyr) == 1.0
    assert to_latin(cyr) == lat  # these texts are written to the rules: expect them exactly
    assert to_cyrillic(lat) == cyr


@pytest.mark.skipif(not SEED.exists(), reason="shared seed article not present")
def test_seed_article_round_trip() -> None:
    cyr = SEED.read_text(encoding="utf-8")
    lat = to_latin(cyr)
    for kept in ("Kazinform", "Astana Hub", "Alem.Cloud", "IT-startaplarini", "CryptoCity", "Al-Farabium"):
        assert kept in lat
    assert "Toqayev" in lat and "superkompyuter" in lat and "maʼlumot" in lat
    # Pinned at today's figure, 0.9901 (the rest are Latin names in the source: ASTANA, Al-Farabium, Al-Sana);
    # re-measure and pin anew after a deliberate change, saying why in the commit. (0.9778 before lang12 kept
    # Astana Hub and Alatau city whole, 0.9852 before lang13 kept the quoted foreign spelling «Turkistan».)
    assert word_agreement(to_cyrillic(lat), cyr) >= 0.9901
    latin_words = {w for w in cyr.split() if detect_script(w) == "latin"}
    keep = {part for w in latin_words for part in w.strip('«»“”".,').split("-")}
    # Keeping the source's Latin words leaves one difference: "Astana" is kept Latin everywhere, but the
    # source has it Cyrillic in "Астана ҳокимлиги".
    assert word_agreement(to_cyrillic(lat, keep=keep), cyr) >= 0.995


@pytest.mark.parametrize("mark", ["'", "`", "\u2018", "\u2019", "\u02bb", "\u02bc"])
def test_every_apostrophe_variant(mark: str) -> None:
    assert (
        to_cyrillic(f"o{mark}zbek g{mark}alaba ma{mark}lumot san{mark}at") == "ўзбек ғалаба маълумот санъат"
    )
    assert normalize_apostrophes(f"O{mark}zbekiston ta{mark}lim tog{mark}") == "Oʻzbekiston taʼlim togʻ"
    assert fold(f"Qozog{mark}iston") == "qozogiston"


def test_normalize_apostrophes_leaves_quotes() -> None:
    assert normalize_apostrophes("'salom' dedi") == "'salom' dedi"
    assert normalize_apostrophes("obro' va obroʻ") == "obroʻ va obroʻ"


def test_to_latin_keeps_everything_that_is_not_cyrillic() -> None:
    text = "ASTANA. Kazinform – «Turkistan» IT-стартаплар, 2025 йил: Alem.Cloud (2,5%)!"
    assert to_latin(text) == "ASTANA. Kazinform – «Turkistan» IT-startaplar, 2025 yil: Alem.Cloud (2,5%)!"


def test_non_uzbek_cyrillic_words_are_left_alone() -> None:
    # Kazakh words with letters Uzbek lacks stay whole instead of coming out half converted.
    assert to_latin("ішкі өнім өсті, шаҳар") == "ішкі өнім өсті, shahar"
    assert detect_script("ішкі жалпы өнім") == "cyrillic"


def test_digraph_case() -> None:
    assert to_latin("ШАҲАР Шаҳар ЧОРСУ Чорсу Ёмон ЁМОН Юрт ЎЗБЕК Ўзбек") == (
        "SHAHAR Shahar CHORSU Chorsu Yomon YOMON Yurt OʻZBEK Oʻzbek"
    )
    assert to_latin("АҚШнинг") == "AQShning"
    assert to_cyrillic("AQShning AQSHning") == "АҚШнинг АҚШнинг"


def test_to_cyrillic_protects_non_uzbek_tokens() -> None:
    text = "IT va AI https://kun.uz/news/2025 info@kun.uz @kunuz #yangilik Alem.Cloud CryptoCity Windows"
    out = to_cyrillic(text)
    assert (
        out
        == "IT ва AI https://kun.uz/news/2025 info@kun.uz @kunuz #yangilik Alem.Cloud CryptoCity Windows"
    )
    assert to_cyrillic("BMT va MDH") == "БМТ ва МДҲ"
    assert to_cyrillic("OʻzRning YaIMga BMTning AQShda MChJlar") == "ЎзРнинг ЯИМга БМТнинг АҚШда МЧЖлар"
    assert to_cyrillic("Alatau city") == "Alatau city"  # a name of several words kept whole (brands.phrases)
    assert to_cyrillic("Kazinform xabar berdi", keep={"Kazinform"}) == "Kazinform хабар берди"


def test_capitals_headline_is_converted() -> None:
    assert to_cyrillic("OʻZBEKISTON VA QOZOGʻISTON HAMKORLIGI") == "ЎЗБЕКИСТОН ВА ҚОЗОҒИСТОН ҲАМКОРЛИГИ"
    assert to_cyrillic("SHAHAR") == "ШАҲАР"


def test_y_before_o_with_a_mark() -> None:
    assert to_cyrillic("yogʻ yoʻl yoʻq yogʻoch yodgorlik") == "ёғ йўл йўқ ёғоч ёдгорлик"


def test_exceptions_take_suffixes() -> None:
    assert to_cyrillic("konsertlarda sementni militsiyaga kompyuterlar") == (
        "концертларда цементни милицияга компьютерлар"
    )
    assert to_cyrillic("yodda tuting") == "ёдда тутинг"  # only bare "yod" is йод
    assert to_cyrillic("meros") == "мерос"  # the stem мэр does not swallow other words


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("Қозоғистон рақамли давлат", "cyrillic"),
        ("Qozogʻiston raqamli davlat", "latin"),
        ("Қозоғистон Qozogʻiston", "mixed"),
        ("2025 — 12:00", "none"),
        ("", "none"),
    ],
)
def test_detect_script(text: str, script: str) -> None:
    assert detect_script(text) == script


@pytest.mark.skipif(not SEED.exists(), reason="shared seed article not present")
def test_detect_script_on_seed_with_latin_names() -> None:
    assert detect_script(SEED.read_text(encoding="utf-8")) == "cyrillic"


@pytest.mark.parametrize(
    "variants",
    [
        ("Қозоғистон", "Qozogʻiston", "QOZOG'ISTON", "qozog‘iston"),
        ("концерт", "konsert", "kontsert"),
        ("милиция", "militsiya", "milisiya"),
        ("Европа", "Yevropa", "Evropa"),
        ("маълумот", "maʼlumot", "ma'lumot", "malumot"),
        ("поэт", "poet"),
    ],
)
def test_fold_matches_across_scripts(variants: tuple[str, ...]) -> None:
    keys = {fold(v) for v in variants}
    assert len(keys) == 1, keys


def test_lexicon_loads_from_package_data() -> None:
    lexicon = default_lexicon()
    assert len(lexicon.lat_stems) > 1000
    assert lexicon.match_latin("konsertlar") == (7, "концерт")


def test_core_translit_imports_no_ui_library() -> None:
    code = (
        "import sys, tarjimon.core.translit as t; t.to_latin('шаҳар'); "
        "assert not {'textual', 'rich'} & set(sys.modules), sorted(sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
