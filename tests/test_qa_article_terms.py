"""Glossary warnings on a correct translation of the real article (../shared/seeds/kazinform-2026-01-05-uz.txt,
translated into kk and ru by hand for these tests): none; and the wrong or missing term still found.

The causes mended in the shipped news.tsv: Uzbek light-verb phrases (фаолият юритмоқда / олиб бормоқда /
кўрсатмоқда "operates", таълим олди "studied") are verbs, not the nouns фаолият "activity" and таълим
"education" (`not_before` rules); a Kazakh synonym (бәсеке for рақобат "competition"); a multi-word concept
(ривожланган давлатлар "developed countries": дамыған елдер, развитые страны) that blocks the one-word давлат
"state"."""

from __future__ import annotations

import pytest
from testkit import news_glossary

from tarjimon.core.glossary.store import GlossarySet
from tarjimon.core.qa.checks import check_segment


@pytest.fixture(scope="module")
def news() -> GlossarySet:
    return GlossarySet([news_glossary()])


def term_warnings(news: GlossarySet, source: str, target: str, lang: str) -> list[str]:
    found = check_segment(source, target, lang, source_lang="uz", glossary=news)
    return [f.message for f in found if f.check in ("glossary-term", "forbidden-term")]


CORRECT = [
    (  # фаолият юритмоқда "operates": a verb phrase, rendered as a verb
        "Бундан ташқари, фуқароларимизнинг турмуш тарзини сезиларли даражада ўзгартирган таниқли финтех "
        "компаниялари Қозоғистонда муваффақиятли фаолият юритмоқда”, – деди Давлат раҳбари.",
        "Сонымен қатар азаматтарымыздың тұрмыс салтын айтарлықтай өзгерткен танымал финтех компаниялары "
        "Қазақстанда табысты жұмыс істеп жатыр», – деді Мемлекет басшысы.",
        "Кроме того, в Казахстане успешно работают известные финтех-компании, заметно изменившие образ жизни "
        "наших граждан», – сказал Глава государства.",
    ),
    (
        "IT-стартапларини қўллаб-қувватловчи тўлақонли экотизим самарали фаолият юритмоқда.",
        "IT-стартаптарды қолдайтын толыққанды экожүйе тиімді жұмыс істеп тұр.",
        "Эффективно работает полноценная экосистема поддержки IT-стартапов.",
    ),
    (
        "Тошкентда мингдан ортиқ IT-компания фаолият олиб бормоқда.",
        "Ташкентте мыңнан астам IT-компания жұмыс істейді.",
        "В Ташкенте работают более тысячи IT-компаний.",
    ),
    (  # таълим олди "studied"
        "Масалан, 650 мингдан ортиқ талаба Al-Sana дастури доирасида таълим олди.",
        "Мысалы, 650 мыңнан астам студент Al-Sana бағдарламасы аясында білім алды.",
        "Например, более 650 тысяч студентов прошли обучение в рамках программы Al-Sana.",
    ),
    (  # рақобат: бәсеке is a Kazakh synonym of бәсекелестік, found inflected too
        "Президент технология соҳасидаги ҳақиқий глобал гигантлар – АҚШ ва Хитой ўртасидаги рақобат "
        "кучайганини таъкидлади.",
        "Президент технология саласындағы нағыз жаһандық алпауыттар – АҚШ пен Қытай арасындағы бәсеке "
        "күшейгенін атап өтті.",
        "Президент отметил, что обострилась конкуренция между настоящими глобальными гигантами в сфере "
        "технологий – США и Китаем.",
    ),
    (
        "Рақобат кучаймоқда.",
        "Бәсекеге қабілетті компаниялар көбейіп келеді.",
        "Конкуренции становится больше.",
    ),
    (  # ривожланган давлатлар "developed countries", not давлат "state"
        "Бошқа ривожланган давлатлар ҳам эътибордан четда қолмаган”, – деди Қасим-Жомарт Тоқаев.",
        "Басқа дамыған елдер де қарап отырған жоқ», – деді Қасым-Жомарт Тоқаев.",
        "Другие развитые страны тоже не остаются в стороне», – сказал Касым-Жомарт Токаев.",
    ),
]


@pytest.mark.parametrize(("source", "kk", "ru"), CORRECT, ids=[f"correct{i}" for i in range(len(CORRECT))])
def test_no_term_warning_on_a_correct_translation(news: GlossarySet, source: str, kk: str, ru: str) -> None:
    assert term_warnings(news, source, kk, "kk") == []
    assert term_warnings(news, source, ru, "ru") == []


WRONG = [
    # the noun фаолият "activity" is still the term
    ("Компания фаолиятини тўхтатди.", "Компания жұмысын тоқтатты.", "kk", "қызмет"),
    ("Компания фаолиятини тўхтатди.", "Компания прекратила работу.", "ru", "деятельность"),
    # таълим "education" as a noun
    ("Таълим сифати ошди.", "Качество знаний выросло.", "ru", "образование"),
    ("Таълим сифати ошди.", "Оқу сапасы артты.", "kk", "білім беру"),
    # a wrong word for competition
    ("Икки давлат ўртасидаги рақобат кучайди.", "Екі мемлекет арасындағы жарыс күшейді.", "kk", "бәсекелестік"),
    # a missing term; "developed countries" as "developing" ones
    ("Бошқа ривожланган давлатлар ҳам қўшилди.", "Другие страны тоже присоединились.", "ru", "развитая страна"),
    ("Бошқа ривожланган давлатлар ҳам қўшилди.", "Басқа дамушы елдер де қосылды.", "kk", "дамыған ел"),
    ("Давлат раҳбари сўзга чиқди.", "Президент выступил с речью.", "ru", "Глава государства"),
]


@pytest.mark.parametrize(("source", "target", "lang", "wanted"), WRONG, ids=[f"wrong{i}" for i in range(len(WRONG))])
def test_a_wrong_or_missing_term_is_still_found(news: GlossarySet, source: str, target: str, lang: str,
                                                wanted: str) -> None:  # fmt: skip
    found = term_warnings(news, source, target, lang)
    assert any(f"“{wanted}”" in m for m in found), found


# A synonym is looked for itself: ел is мамлакат's first Kazakh term and давлат's second, страна the same in
# Russian, so the span of "елдері" belongs to мамлакат; QA of давлат still accepts it (lang12, on the
# apertium-kaz-uzb uz-kk pairs: 27 glossary warnings on the human translation before, 12 after).
SYNONYMS = [
    ("Ушбу ўйинларда МДҲ давлатлари ёшлари иштирок этди.", "Бұл ойындарға ТМД елдерінің жастары қатысты.", "kk"),
    ("Ушбу ўйинларда МДҲ давлатлари ёшлари иштирок этди.", "В этих играх участвовала молодежь стран СНГ.", "ru"),
    ("Мамлакат раҳбари сўзга чиқди.", "Мемлекеттің басшысы сөз сөйледі.", "kk"),
    ("Пойтахтни кўчириш тўғрисида қарор қабул қилинди.", "Елорданы көшіру туралы шешім қабылданды.", "kk"),
    ("Ҳукумат қарори эълон қилинди.", "Объявлено решение правительства.", "ru"),
    ("Тожикистон вакиллари келди.", "Тажікстан өкілдері келді.", "kk"),
    ("Бу маълумотлар очиқ.", "Бұл мәліметтер ашық.", "kk"),
]


@pytest.mark.parametrize(("source", "target", "lang"), SYNONYMS, ids=[f"synonym{i}" for i in range(len(SYNONYMS))])
def test_a_listed_synonym_is_accepted(news: GlossarySet, source: str, target: str, lang: str) -> None:
    assert term_warnings(news, source, target, lang) == []


def test_the_warning_names_the_synonyms(news: GlossarySet) -> None:
    found = term_warnings(news, "Ҳукумат қарори эълон қилинди.", "Үкімет хабарламасы жарияланды.", "kk")
    assert found == ["glossary: “қарори” should be “қаулы” (or “шешім”), not found in the target"], found


def test_settlement_is_no_state(news: GlossarySet) -> None:
    hits = news.find("Биыл 40 елді мекенге газ жеткізілді.", "kk")
    assert not [h for h in hits if h.targets.get("en") in ("state", "country")], hits


# lang13, from the published apertium-kaz-uzb pairs (uzb-big.txt lines 97, 132, 283): a Kazakh predicative
# ending after the possessive (маман + ы + мын "I am its specialist"), the diminutive қалашық "small town" for
# шаҳар, and өндіріс, which Kazakh uses for "industry" as well as "production", for саноат.
KAZAKH_FORMS = [
    ("Ўзимни компьютер тизимининг мутахассиси деб таништирмайман.",
     "Өзімді компьютер жүйесінің маманымын деп таныстырмаймын."),
    ("Мен бу соҳа мутахассисиман.", "Мен бұл саланың маманымын."),
    ("Биз мутахассислармиз.", "Біз мамандармыз."),
    ("Кейт Пенсильвания штатидаги Скрантон шаҳрига учиб кетади.",
     "Кейт Пенсильвания штатындағы Скрантон қалашығына ұшып кетеді."),
    ("Янги рақобатбардош саноатни ривожлантириш мақсадида зона очилди.",
     "Жаңа бәсекеге қабілетті өндірісті дамыту мақсатында аймақ ашылды."),
]  # fmt: skip


@pytest.mark.parametrize(("source", "kk"), KAZAKH_FORMS, ids=[f"kk_form{i}" for i in range(len(KAZAKH_FORMS))])
def test_kazakh_forms_of_a_term_are_accepted(news: GlossarySet, source: str, kk: str) -> None:
    assert term_warnings(news, source, kk, "kk") == []


def test_the_privative_is_no_form_of_the_term(news: GlossarySet) -> None:
    # -сыз "without" is left out of the predicate endings: жұмыссыз "unemployed" is no маман
    found = term_warnings(news, "Мутахассис келди.", "Жұмыссыз келді.", "kk")
    assert any("“маман”" in m for m in found), found
    found = term_warnings(news, "Мутахассис келди.", "Мамансыз келді.", "kk")
    assert any("“маман”" in m for m in found), found


# lang13, found on Kazinform's published Russian of an Uzbek story (scored as held out, then mended): the
# newsroom's abbreviations млрд, млн for миллиард, миллион, and the Russian genitive Китая (Snowball reads it as
# an adjective, кит-ая) of Китай.
RUSSIAN_FORMS = [
    ("Ҳисобот даврида ишлаб чиқариш 303 миллиард тенгега етди.", "Производство выросло до 303 млрд тенге.", "ru"),
    ("Ҳисобот даврида 5 миллион доллар жалб этилди.", "За отчетный период привлечено 5 млн долларов.", "ru"),
    ("567 миллиард тенге инвестиция жалб этилди.", "567 млрд теңге инвестиция тартылды.", "kk"),
    ("Эрон ва Хитойдан инвесторлар билан музокаралар олиб борилди.",
     "Проведены переговоры с инвесторами из Ирана и Китая.", "ru"),
]  # fmt: skip


@pytest.mark.parametrize(("source", "target", "lang"), RUSSIAN_FORMS, ids=[f"abbr{i}" for i in range(len(RUSSIAN_FORMS))])
def test_newsroom_abbreviations_and_the_genitive_of_a_noun_in_y_are_accepted(
    news: GlossarySet, source: str, target: str, lang: str
) -> None:
    assert term_warnings(news, source, target, lang) == []
