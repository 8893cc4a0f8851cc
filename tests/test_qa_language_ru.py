"""The wrong-language check on Russian (lang12): a Russian text in the Kazakh or Uzbek column is told by its
inflections when it has none of Russian's own letters (ы, щ) and few of its listed words; printf placeholders
(%u, %lu, %08x), hexadecimal numbers, code identifiers and command-line options say nothing of a language; a
Latin-heavy text of code with the column's own words is not "not Russian". Measured on the message catalogs of
the system (bench/qa_language_more.py, docs/benchmarks.md "lang12"). The sentences are written for these tests."""

from __future__ import annotations

import pytest

from tarjimon.core.qa.language import judge, profile

RUSSIAN = [
    "Эффективно работает полноценная экосистема поддержки стартапов",
    "Специалисты называют такие данные новым золотом будущей эпохи",
    "Создается тестовая зона для цифровых активов",
    "Запущены два суперкомпьютера, создана независимая платформа",
]


@pytest.mark.parametrize("text", RUSSIAN)
@pytest.mark.parametrize("column", ["kk", "uz"])
def test_russian_told_by_its_endings(text: str, column: str) -> None:
    why = judge(text, column)
    assert why is not None and why.startswith("looks Russian"), why
    assert judge(text, "ru") is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [  # the column's own language, with words a Russian ending would catch if letters were not looked at
        ("Жаңа ғылыми-зерттеу орталығы ашылып, жұмысын бастады", "kk"),
        ("Мамандар мұндай деректерді болашақ дәуірдің жаңа алтыны деп санайды", "kk"),
        ("Ҳукумат иқтисодий ислоҳотлар бўйича миллий дастурни тасдиқлади", "uz"),
        ("Хитой ва Россия вакиллари вилоят ҳокими билан учрашди", "uz"),
        ("Ўзбекистон ва Қозоғистон ўртасидаги савдо ҳажми кенгая бошлади", "uz"),
    ],
)
def test_own_language_not_flagged(text: str, lang: str) -> None:
    assert judge(text, lang) is None


@pytest.mark.parametrize(
    "text",
    [
        "ширина: %u, высота: %u, глубина: %u, цвет: %u",  # %u read as the Uzbek word "u"
        "rsync --delete --archive source-dir target-dir не совместимы",
        "nginx reload --graceful worker-processes timeout или restart",
        "смещение 0x%08x, размер %lu, флаги %#x, выравнивание %zu байт",
    ],
)
def test_placeholders_and_code_in_russian(text: str) -> None:
    assert judge(text, "ru") is None


def test_a_percent_sign_before_a_word_is_no_placeholder() -> None:
    # "25 % dan ortiq": the Uzbek word dan stays a word (not %d and an English "an")
    text = "Narxlar 25 % dan ortiq oshdi, bu haqda vazirlik xabar berdi"
    assert "dan" in profile(text).words and "an" not in profile(text).words
    assert judge(text, "en").startswith("looks Uzbek")


def test_other_languages_in_russian_still_found() -> None:
    assert judge("Ҳукумат иқтисодий ислоҳотлар бўйича миллий дастурни тасдиқлади", "ru").startswith("looks Uzbek")
    kazakh = "Мамандар мұндай деректерді болашақ дәуірдің жаңа алтыны деп санайды"
    assert judge(kazakh, "ru").startswith("looks Kazakh")
    assert judge("This program is free software: you can redistribute it and modify it", "ru").startswith(
        "looks English"
    )
