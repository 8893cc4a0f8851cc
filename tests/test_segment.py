"""Sentence segmentation: abbreviations, initials, numbers, quotes, datelines, URLs, languages, rules files."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tarjimon.core.errors import TarjimonError
from tarjimon.core.segment import clear_cache, load_rules, normalise_lang, segment_spans, split


def one(text: str, lang: str) -> None:
    """Assert that `text` is a single sentence."""
    assert split(text, lang) == [text]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Иқтисодиёт, таълим ва т.б. соҳалар муҳокама қилинди.", "uz"),
        ("Мактаб, кутубхона ва ҳ.к. Қурилди.", "uz-Cyrl"),  # ҳ.к. before a capital: see test below
        ("Лойиҳага 5 млн. сўм ва 2 млрд. АҚШ доллари ажратилди.", "uz"),
        ("Қонун 2026 й. кучга киради.", "uz"),
        ("Т.е. рост составил 2 млрд. долл. США в год.", "ru"),
        ("Он родился в г. Алматы в 1990 г. и вырос там.", "ru"),
        ("Совещание прошло в здании им. Абая, проф. Иванов выступил первым.", "ru"),
        ("Dr. Smith met Prof. Jones in the U.S. capital.", "en"),
        ("Several regions, e.g. Astana and Almaty, grew.", "en"),
        ("Ғалымдар, инженерлер ж.б. мамандар мен т.с.с. ұйымдар қатысты.", "kk"),
        ("Sh. Mirziyoyev va prof. B. Aliyev uchrashdi.", "uz-Latn"),
    ],
)
def test_abbreviations_do_not_end_sentences(text: str, lang: str) -> None:
    if "Қурилди" in text:
        # a conditional abbreviation before a capitalised word is a sentence end
        assert split(text, lang) == ["Мактаб, кутубхона ва ҳ.к.", "Қурилди."]
    else:
        one(text, lang)


def test_year_abbreviation_is_ambiguous_before_a_capital() -> None:
    # "й." after a year: a lowercase word continues, a capitalised one starts a new sentence.
    assert split("Бу 2026 й. бошланди.", "uz") == ["Бу 2026 й. бошланди."]
    assert split("Лойиҳа 2026 й. Бу ҳақда хабар берилди.", "uz") == [
        "Лойиҳа 2026 й.",
        "Бу ҳақда хабар берилди.",
    ]
    assert split("Қонун 2026 й. 5 январда кучга кирди.", "uz") == ["Қонун 2026 й. 5 январда кучга кирди."]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Мемлекет басшысы Қ.-Ж. Тоқаев сөз сөйледі.", "kk"),
        ("Давлат раҳбари К. Токаев сўзга чиқди.", "uz"),
        ("Президент Ш.М. Мирзиёев қабул қилди.", "uz"),
        ("J. R. R. Tolkien wrote it.", "en"),
        ("Выступил М. В. Ломоносов, затем Дж. Смит.", "ru"),
        ("Kitobni O‘. Hoshimov va G‘. G‘ulom yozgan.", "uz-Latn"),
    ],
)
def test_initials(text: str, lang: str) -> None:
    one(text, lang)


@pytest.mark.parametrize(
    "text",
    [
        "Ўсиш 1.5 фоизни ташкил этди.",
        "Ҳужжат 05.01.2026 санасида имзоланди.",
        "Инфляция 3.14% бўлди.",
        "Маълумот Alem.Cloud, inform.kz ва www.gov.uz сайтларида, press@gov.uz манзилида.",
        "Батафсил: https://www.gov.uz/uz/news/view/12345?lang=uz.",
    ],
)
def test_numbers_dates_urls_are_never_split(text: str) -> None:
    one(text, "uz")


def test_sentence_starting_with_a_number() -> None:
    assert split("Экотизим мавжуд. 2025 йилда экспорт ўсади.", "uz") == [
        "Экотизим мавжуд.",
        "2025 йилда экспорт ўсади.",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Нега?! Билмайман.", ["Нега?!", "Билмайман."]),
        ("Вақт кўрсатади!! Кутамиз.", ["Вақт кўрсатади!!", "Кутамиз."]),
        ("Что дальше?.. Никто не знает.", ["Что дальше?..", "Никто не знает."]),
        ("Жавоб оддий... Иқтисодиёт ўсмоқда.", ["Жавоб оддий...", "Иқтисодиёт ўсмоқда."]),
        ("Жавоб оддий… Иқтисодиёт ўсмоқда.", ["Жавоб оддий…", "Иқтисодиёт ўсмоқда."]),
        ("Бу - замонавий ... йўли.", ["Бу - замонавий ... йўли."]),
        ("Кутдик... ва кутдик.", ["Кутдик... ва кутдик."]),
    ],
)
def test_ellipses_and_repeated_punctuation(text: str, expected: list[str]) -> None:
    assert split(text, "uz") == expected


def test_several_sentences_inside_quotes_with_attribution() -> None:
    text = (
        "“Мамлакат рақамли давлатга айланиши керак. Бу - замонавий ... йўли. "
        "Компаниялар фаолият юритмоқда”, – деди Давлат раҳбари."
    )
    assert split(text, "uz") == [
        "“Мамлакат рақамли давлатга айланиши керак.",
        "Бу - замонавий ... йўли.",
        "Компаниялар фаолият юритмоқда”, – деди Давлат раҳбари.",
    ]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "«Мы не остановимся. Работаем!» — заявил министр.",
            "ru",
            ["«Мы не остановимся.", "Работаем!» — заявил министр."],
        ),
        ("„Wir bleiben. Immer.“ Dann ging er.", "de", ["„Wir bleiben.", "Immer.“", "Dann ging er."]),
        (
            '"We will not stop. We will go on!" he said.',
            "en",
            ['"We will not stop.', 'We will go on!" he said.'],
        ),
        ("Он сказал: «Хватит!» и ушёл.", "ru", ["Он сказал: «Хватит!» и ушёл."]),
        ("“Nega?” deb so‘radi u.", "uz-Latn", ["“Nega?” deb so‘radi u."]),
        (
            "Бу ҳақда хабар берилди. «Turkistan» газетаси суҳбатни чоп этди.",
            "uz",
            ["Бу ҳақда хабар берилди.", "«Turkistan» газетаси суҳбатни чоп этди."],
        ),
    ],
)
def test_quotes(text: str, lang: str, expected: list[str]) -> None:
    assert split(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "first"),
    [
        (
            "ASTANA. Kazinform – Мемлекет басшысы сөйледі. Бұл маңызды.",
            "ASTANA. Kazinform – Мемлекет басшысы сөйледі.",
        ),
        ("ТОШКЕНТ. UzA – Президент ташриф буюрди. Бу муҳим.", "ТОШКЕНТ. UzA – Президент ташриф буюрди."),
        ("NUR-SULTAN. Reuters – Talks began. They ended.", "NUR-SULTAN. Reuters – Talks began."),
        ("1. Биринчи банд. Иккинчи жумла.", "1. Биринчи банд."),
    ],
)
def test_dateline_and_list_number_at_paragraph_start(text: str, first: str) -> None:
    assert split(text, "uz")[0] == first
    assert len(split(text, "uz")) == 2


def test_all_caps_word_inside_a_paragraph_still_ends_a_sentence() -> None:
    assert split("Савдо ўсди. Ҳамкор – АҚШ. Бу муҳим.", "uz") == ["Савдо ўсди.", "Ҳамкор – АҚШ.", "Бу муҳим."]


def test_newlines_are_paragraph_breaks_and_spans_are_offsets() -> None:
    text = "  Биринчи жумла. Иккинчи жумла\nУчинчи жумла.  \r\n\n  ASTANA. Kazinform – Тўртинчи.\n"
    spans = segment_spans(text, "uz")
    assert [text[s:e] for s, e in spans] == [
        "Биринчи жумла.",
        "Иккинчи жумла",
        "Учинчи жумла.",
        "ASTANA. Kazinform – Тўртинчи.",
    ]
    assert split(text, "uz") == [text[s:e] for s, e in spans]
    assert split("", "uz") == [] and split(" \n\t ", "uz") == []


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("uz", "uz"),
        ("uz-Cyrl", "uz"),
        ("UZ_latn", "uz"),
        ("kk-KZ", "kk"),
        ("ru", "ru"),
        ("EN-us", "en"),
        ("", "und"),
        ("../../etc", "und"),
        ("xx", "xx"),
    ],
)
def test_language_tags(tag: str, expected: str) -> None:
    assert normalise_lang(tag) == expected


def test_unknown_language_uses_generic_rules() -> None:
    assert split("Nr. Who? Ja. E.g. this.", "xx-Yyyy") == ["Nr.", "Who?", "Ja.", "E.g. this."]
    # English titles and "U.S." are quoted by news in every language: never an end, whatever the language
    assert split("Dr. Who? Mr. Smith, Prof. Lee, St. Louis, U.S. Steel.", "xx") == [
        "Dr. Who?",
        "Mr. Smith, Prof. Lee, St. Louis, U.S. Steel.",
    ]
    assert split("Gut. Sehr gut.", "") == ["Gut.", "Sehr gut."]


def test_user_rules_dir_extends_abbreviations_and_rules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "Тадбир Навоий мфй. Кенгаш биносида бўлди."
    assert len(split(text, "uz")) == 2
    (tmp_path / "uz.toml").write_text('[abbreviations]\nnever_final = ["мфй."]\n', encoding="utf-8")
    assert split(text, "uz", rules_dirs=[tmp_path]) == [text]
    # the same through the environment variable
    env_dir = tmp_path / "env"
    env_dir.mkdir()
    (env_dir / "common.toml").write_text(
        '[[rules]]\nname = "never-after-x"\nbreak = false\nbefore = "X\\\\."\n'
        '[abbreviations]\nremove = ["т.б."]\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("TARJIMON_RULES_DIR", str(env_dir))
    clear_cache()
    try:
        assert split("Бу X. Бу Y.", "uz") == ["Бу X. Бу Y."]
        assert "т.б." not in load_rules("uz").conditional
    finally:
        monkeypatch.delenv("TARJIMON_RULES_DIR")
        clear_cache()
    assert "т.б." in load_rules("uz").conditional


def test_bad_user_rules_are_reported_not_crashing(tmp_path: Path) -> None:
    (tmp_path / "ru.toml").write_text('[[rules]]\nbreak = false\nbefore = "("\n', encoding="utf-8")
    with pytest.raises(TarjimonError, match="bad segmentation rule"):
        split("Да. Нет.", "ru", rules_dirs=[tmp_path])
    (tmp_path / "ru.toml").write_text("[[rules]\n", encoding="utf-8")
    with pytest.raises(TarjimonError, match="cannot read"):
        split("Да. Нет.", "ru", rules_dirs=[tmp_path])


def test_rules_are_cached() -> None:
    assert load_rules("uz-Cyrl") is load_rules("uz_Latn")


def test_segment_package_imports_no_ui_library() -> None:
    code = (
        "import sys, tarjimon.core.segment, tarjimon.core.segment.gold;"
        "tarjimon.core.segment.split('A. B.', 'uz');"
        "bad = [m for m in ('textual', 'rich') if m in sys.modules];"
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "Алматы қ. Абай даңғылында жиын өтті. XXI ғ. басында ел өсті.",
            "kk",
            ["Алматы қ. Абай даңғылында жиын өтті.", "XXI ғ. басында ел өсті."],
        ),
        (
            "Обсуждали транспорт и т. д. Затем выступил министр. Т. е. всё хорошо.",
            "ru",
            ["Обсуждали транспорт и т. д.", "Затем выступил министр.", "Т. е. всё хорошо."],
        ),
        (
            "Курс составил 92,5 руб. за доллар. Это рекорд.",
            "ru",
            ["Курс составил 92,5 руб. за доллар.", "Это рекорд."],
        ),
        ("— Куда ты? — спросила она. — Домой.", "ru", ["— Куда ты? — спросила она.", "— Домой."]),
        (
            "The meeting is at 5 p.m. Please be on time.",
            "en",
            ["The meeting is at 5 p.m.", "Please be on time."],
        ),
        (
            "She works at Acme Corp. in New York. He does not.",
            "en",
            ["She works at Acme Corp. in New York.", "He does not."],
        ),
        ('He said: "No." Then he left.', "en", ['He said: "No."', "Then he left."]),
        (
            "Visit https://example.com/a.b?c=d. It is free!",
            "en",
            ["Visit https://example.com/a.b?c=d.", "It is free!"],
        ),
        (
            "Toshkent sh. Chilonzor tumanida maktab ochildi. Unga 5 mlrd. so‘m sarflandi.",
            "uz-Latn",
            ["Toshkent sh. Chilonzor tumanida maktab ochildi.", "Unga 5 mlrd. so‘m sarflandi."],
        ),
    ],
)
def test_more_news_cases(text: str, lang: str, expected: list[str]) -> None:
    assert split(text, lang) == expected
