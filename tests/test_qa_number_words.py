"""QA's number check and numbers written in words: the seed article writes "беш мингга яқин компания", "икки
минг компания", "бир миллиард доллар", and an English or Russian desk writes them in digits ("nearly 5,000
companies", "$1 billion", "1 млрд"). That is right, not a number error; a wrong figure still is one."""

from __future__ import annotations

import pytest

from tarjimon.core.qa import check_segment
from tarjimon.core.qa.across import check_numbers_across
from tarjimon.core.qa.number_words import word_numbers

CHINA = "Хитойда сунъий интеллект билан ишлайдиган беш мингга яқин компания фаолият юритмоқда."
HUB = "Шунингдек, икки минг компанияни бирлаштирган Astana Hub инновацион кластери ҳам мавжуд."
EXPORT = "2025 йилда IT-хизматларининг умумий экспорти бир миллиард долларга яқинлашади."
STAFF = "Марказда 3 нафар мутахассис ишлайди."


def number_findings(source: str, target: str, lang: str, **kw: object) -> list[str]:
    found = check_segment(source, target, lang, source_lang="uz", **kw)  # type: ignore[arg-type]
    return [f.message for f in found if f.check in ("number", "across-number")]


@pytest.mark.parametrize(
    ("source", "target", "lang"),
    [
        (CHINA, "Nearly 5,000 companies working with artificial intelligence operate in China.", "en"),
        (CHINA, "В Китае работают около 5 тысяч компаний, занимающихся искусственным интеллектом.", "ru"),
        (HUB, "There is also the Astana Hub innovation cluster, which unites 2,000 companies.", "en"),
        (EXPORT, "In 2025, total exports of IT services will approach $1 billion.", "en"),
        (EXPORT, "В 2025 году общий экспорт IT-услуг приблизится к 1 млрд долларов.", "ru"),
        ("Xitoyda besh mingga yaqin kompaniya faoliyat yuritmoqda.", "Nearly 5,000 companies operate in China.", "en"),
        ("Иккита суперкомпьютер ишга туширилди.", "2 supercomputers were launched.", "en"),
        ("Лойиҳага икки юз эллик минг доллар ажратилди.", "$250,000 was allocated to the project.", "en"),
        # digits in the source, words in the target
        (STAFF, "Three specialists work at the centre.", "en"),
        (STAFF, "В центре работают три специалиста.", "ru"),
        (STAFF, "Орталықта үш маман жұмыс істейді.", "kk"),
        ("Лойиҳага 250 минг доллар ажратилди.", "Two hundred and fifty thousand dollars were allocated.", "en"),
        ("Лойиҳага 250 минг доллар ажратилди.", "На проект выделено двести пятьдесят тысяч долларов.", "ru"),
    ],
)
def test_a_number_in_words_on_one_side_and_in_digits_on_the_other_is_no_error(source: str, target: str,
                                                                               lang: str) -> None:  # fmt: skip
    assert number_findings(source, target, lang) == []


@pytest.mark.parametrize(
    ("source", "target", "lang", "wrong"),
    [
        (CHINA, "Nearly 6,000 companies operate in China.", "en", "6,000"),
        (CHINA, "Nearly 5,000 companies operate in 2 cities.", "en", "2"),
        ("Иккита суперкомпьютер ишга туширилди.", "3 supercomputers were launched.", "en", "3"),
        (STAFF, "Орталықта төрт маман жұмыс істейді.", "kk", "3"),
        (EXPORT, "In 2025, total exports of IT services will approach $2 billion.", "en", "2"),
    ],
)
def test_a_wrong_figure_is_still_an_error(source: str, target: str, lang: str, wrong: str) -> None:
    found = number_findings(source, target, lang)
    assert found and wrong in " ".join(found)


def test_words_are_read_with_their_endings_in_both_uzbek_scripts() -> None:
    assert word_numbers("беш мингга яқин", "uz") == [("беш мингга", {"5000"})]
    assert word_numbers("ўн бешинчи", "uz") == [("ўн бешинчи", {"15"})]
    assert word_numbers("oʻn beshinchi", "uz") == [("oʻn beshinchi", {"15"})]
    assert word_numbers("o'n besh", "uz") == [("o'n besh", {"15"})]
    assert word_numbers("екі жүз елу мыңнан", "kk") == [("екі жүз елу мыңнан", {"250000"})]
    assert word_numbers("сорок две тысячи", "ru") == [("сорок две тысячи", {"42000"})]
    assert word_numbers("twenty-five thousand", "en") == [("twenty-five thousand", {"25000"})]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Шунинг учун мен эълон қилдим.", "uz"),  # учун "for" is not уч "three" + a suffix
        ("Мутахассислар маълумотларни янги олтини деб билишади.", "uz"),  # олтин "gold", not олти "six"
        ("Биз бирга ишлаймиз, бироқ вақт йўқ.", "uz"),
        ("Мен оны көрдім, онда біз бірге болдық.", "kk"),
        ("Kazakhstan and China", "en"),
        ("Проект реализован в рамках программы.", "ru"),
        ("Президент технология соҳасидаги рақобат кучайганини таъкидлади.", "fr"),  # no number words: none
    ],
)
def test_words_that_only_look_like_numbers_are_none(text: str, lang: str) -> None:
    assert word_numbers(text, lang) == []


def test_across_targets_a_number_in_words_is_carried_but_never_asked_for() -> None:
    source = HUB
    targets = {
        "kk": "Сондай-ақ екі мың компанияны біріктірген Astana Hub инновациялық кластері де бар.",
        "ru": "Также есть инновационный кластер Astana Hub, объединяющий 2 тысячи компаний.",
        "en": "There is also the Astana Hub innovation cluster, which unites 2,000 companies.",
    }
    for lang, target in targets.items():
        others = {o: t for o, t in targets.items() if o != lang}
        assert number_findings(source, target, lang, other_targets=others) == []
    # kk with another figure in digits: found on kk, against ru and en
    wrong = "Сондай-ақ 3 мың компанияны біріктірген Astana Hub инновациялық кластері де бар."
    found = check_numbers_across({**targets, "kk": wrong})
    assert list(found) == ["kk"] and "it has 3 мың" in found["kk"][0][1]
    # "бір" (also "a") in two targets does not ask the third for a 1
    texts = {"kk": "Бұл бір маңызды қадам.", "ru": "Это один важный шаг.", "en": "This is an important step."}
    assert number_findings("Бу бир муҳим қадам.", texts["en"], "en",
                           other_targets={"kk": texts["kk"], "ru": texts["ru"]}) == []  # fmt: skip
