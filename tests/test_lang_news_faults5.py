"""Word senses the fourth held-out news round left (docs/benchmarks.md, "Held-out published news, fourth
round"), fixed as classes: a general word that is a term in one sense only (Kazakh қызмет "activity", кеңес
"council", Uzbek мажлис "Mazhilis", суҳбат "interview") is a "possible" hit without its sense words in the
sentence; a noun term is not a typo of its own verb (мәлімдеген "had announced" is not мәлімдеме); a body's
name of coordinated modifiers sharing one head (Матбуот ва ахборот агентлиги) is not the body named by the
last modifier and the head; a phrase before the term can rule it out (бейбітшілік пен келісім "peace and
accord"). Sentences written for these tests."""

from __future__ import annotations

import pytest
from testkit import hit_english, news_glossary

from tarjimon.core.glossary import match_rules
from tarjimon.core.glossary.morphology import morphology
from tarjimon.core.glossary.recognize import _verb_of
from tarjimon.core.glossary.store import LoadedGlossary
from tarjimon.core.qa.checks import _check_glossary


@pytest.fixture(scope="module")
def news() -> LoadedGlossary:
    return news_glossary()


english = hit_english


# --- a general word, a term in one sense only: "possible" without its sense words ---------------------------


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("Аудандық ауруханада ақылы медициналық қызметтердің тізімі жаңартылды.", "activity"),
        ("Ол облыстық денсаулық сақтау басқармасы басшысы қызметіне тағайындалды.", "activity"),
        ("Қазақстанның Ұлттық геологиялық қызметі жаңа кен орындарын іздеуді бастады.", "activity"),
        ("Тамыздық педагогикалық кеңесте облыс әкімі мұғалімдерді құттықтады.", "council"),
        ("Кеңестен кейін журналистерге брифинг берілді.", "council"),
        ("Суҳбат давомида икки вазир савдо ҳажмини ошириш масалаларини муҳокама қилди.", "interview"),
        ("Телефон арқылы өткен сұхбат барысында екі министр ынтымақтастықты талқылады.", "interview"),
        ("Tuman hokimligida bo‘lib o‘tgan majlisda yo‘l qurilishi masalalari ko‘rib chiqildi.", "Mazhilis"),
        ("Мажлисда ҳоким ўринбосарлари ҳисобот берди.", "Mazhilis"),
    ],
)
def test_a_general_word_without_its_sense_is_only_possible(
    news: LoadedGlossary, text: str, term: str
) -> None:
    lang = "uz" if any(w in text for w in ("ў", "o‘", "ҳ")) else "kk"
    assert term not in english(news, text, lang)
    assert term in english(news, text, lang, "possible")  # shown to the translator, not sure


@pytest.mark.parametrize(
    ("text", "lang", "term"),
    [
        ("Үкіметтің қызметі халықтың әл-ауқатын арттыруға бағытталған.", "kk", "activity"),
        ("Компания қызметін тоқтату туралы шешім қабылданды.", "kk", "activity"),
        ("Кәсіпкерлік қызметпен айналысатын азаматтар саны өсті.", "kk", "activity"),
        ("Жоғары мемлекетаралық кеңестің отырысы Астанада өтеді.", "kk", "council"),
        ("Кеңес төрағасы жаңа мүшелерді таныстырды.", "kk", "council"),
        ("Qozog‘iston Parlamenti Majlisi deputatlari qonun loyihasini ma’qulladi.", "uz", "Mazhilis"),
        ("Қозоғистон Мажлиси спикери Тошкентга келди.", "uz", "Mazhilis"),
        ("Вазир “Дунё” ахборот агентлиги мухбирига суҳбат берди.", "uz", "interview"),
        ("Ўзбекистон фаолияти ҳақида маълумот берилди.", "uz", "activity"),  # фаолият has one sense
    ],
)
def test_the_sense_words_make_it_a_hit(news: LoadedGlossary, text: str, lang: str, term: str) -> None:
    assert term in english(news, text, lang)


def test_a_sense_rule_is_kept_for_its_languages_only() -> None:
    def key(w: str) -> str:
        return w.lower()

    rules = match_rules.parse_match("not_after: бейбітшілік пен; sense kk: отырыс, төраға", key, "kk")
    assert rules == (("бейбітшілік пен",), (), (), ("отырыс", "төраға"), ())
    assert match_rules.parse_match("sense kk: отырыс", key, "uz") is None
    with pytest.raises(ValueError):
        match_rules.parse_match("sence kk: отырыс", key, "kk")


def test_qa_does_not_ask_for_a_possible_term() -> None:
    """A possible hit in the source (кеңес "a meeting") does not make QA ask for "council" in the target."""
    news = news_glossary()
    source = "Тамыздық педагогикалық кеңесте облыс әкімі мұғалімдерді құттықтады."
    target = "At the August teachers' meeting the regional governor congratulated the teachers."
    assert [h.kind for h in news.find(source, "kk") if h.targets.get("en") == "council"] == ["possible"]
    assert not [i for i in _check_glossary(source, target, "en", "kk", news, None) if "council" in i[1]]


# --- a noun term is not a typo of its own verb ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "term"),
    [
        ("Бұған дейін министр жаңа бағдарлама іске қосылатынын мәлімдеген болатын.", "kk", "statement"),
        ("Әкім бұл туралы кеше мәлімдеді.", "kk", "statement"),
        ("Вице-министр жоба биыл аяқталатынын мәлімдеп өтті.", "kk", "statement"),
    ],
)
def test_a_verb_is_not_a_typo_of_its_noun(news: LoadedGlossary, text: str, lang: str, term: str) -> None:
    assert term not in english(news, text, lang) + english(news, text, lang, "possible")


def test_the_noun_and_its_typo_are_still_found(news: LoadedGlossary) -> None:
    assert "statement" in english(news, "СІМ ресми мәлімдеме жасады.", "kk")
    assert "statement" in english(news, "Министрлік мәлімдемесінде бұл айтылды.", "kk")
    assert "statement" in english(news, "Министрлік мәлімдемесіде бұл айтылды.", "kk")  # a typo, fuzzy


def test_the_verb_rule_in_uzbek() -> None:
    """uchrashgan "who met" is the verb of uchrashuv "meeting" (the stem uchrash + -gan), tekshirib "having
    checked" that of tekshiruv; a slip inside the noun (uchrasuv) is not a verb form."""
    uz = morphology("uz")
    assert _verb_of(uz, uz.key("uchrashgan"), uz.key("uchrashuv"))
    assert _verb_of(uz, uz.key("текшириб"), uz.key("tekshiruv"))
    assert not _verb_of(uz, uz.key("uchrasuv"), uz.key("uchrashuv"))
    assert not _verb_of(uz, uz.key("uchrashuvn"), uz.key("uchrashuv"))


# --- one body of coordinated modifiers sharing a head ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Ўзбекистон Матбуот ва ахборот агентлиги янги нашрларни рўйхатга олди.", "uz"),
        ("O‘zbekiston Matbuot va axborot agentligi yangi nashrlarni ro‘yxatga oldi.", "uz"),
        ("Баспасөз және ақпарат агенттігі жаңа басылымдарды тіркеді.", "kk"),
    ],
)
def test_one_body_of_two_fields_is_not_the_news_agency(news: LoadedGlossary, text: str, lang: str) -> None:
    assert "news agency" not in english(news, text, lang)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Президент матбуот хизмати ва ахборот агентлиги вакиллари учрашди.", "uz"),  # two bodies
        ("Ўзбекистон ва Қозоғистон ахборот агентликлари ҳамкорлик меморандумини имзолади.", "uz"),  # plural
        ("Ahborot agentligi va axborot agentligi", "uz"),  # a conjunct is not a modifier here
        ("Ақпарат агенттігі хабарлады.", "kk"),
    ],
)
def test_the_news_agency_is_still_found(news: LoadedGlossary, text: str, lang: str) -> None:
    assert "news agency" in english(news, text, lang)


def test_a_conjunct_field_before_another_term_stays(news: LoadedGlossary) -> None:
    """Only a body's name: "көлік және ауыл шаруашылығы саласы" still names agriculture, and "Dasturiy
    mahsulotlar va axborot texnologiyalari texnologik parki" information technology."""
    assert "agriculture" in english(news, "Энергетика, көлік және ауыл шаруашылығы саласы талқыланды.", "kk")
    text = "Dasturiy mahsulotlar va axborot texnologiyalari texnologik parki rezidentlari ko‘paydi."
    assert "information technology" in english(news, text, "uz")


# --- a phrase before the term ----------------------------------------------------------------------------------


def test_peace_and_accord_is_not_an_agreement(news: LoadedGlossary) -> None:
    assert "agreement" not in english(news, "Елімізде бейбітшілік пен келісім орнаған.", "kk")
    assert "agreement" in english(news, "Екі ел бейбітшілік келісіміне қол қойды.", "kk")
    assert "agreement" in english(news, "Тараптар сауда туралы келісімге қол қойды.", "kk")


# --- set phrases with another sense of the word ---------------------------------------------------------------


def test_to_give_a_grade_is_not_a_price(news: LoadedGlossary) -> None:
    """Kazakh "баға берді" is "assessed", not a price; "бағасы өсті" is."""
    assert "price" not in english(news, "Президент жобаның нәтижесіне жоғары баға берді.", "kk")
    assert "price" in english(news, "Жанармай бағасы тағы өсті.", "kk")


def test_a_vehicle_is_not_the_transport_sector(news: LoadedGlossary) -> None:
    assert "transport" not in english(news, "Жеңіл көлік жүргізушісі жарақат алды.", "kk")
    assert "transport" not in english(news, "Көлік құралдарын тексеру күшейтілді.", "kk")
    assert "transport" in english(
        news, "Энергетика, көлік және сауда салаларындағы ынтымақтастық талқыланды.", "kk"
    )


# --- faults the fifth held-out round left (fixed after it was scored, not held out) ----------------------------


def test_a_lower_case_capital_is_not_the_city(news: LoadedGlossary) -> None:
    """Kazakh астана is also the common noun "capital": "Түркия астанасы" is Ankara, not Астана."""
    assert "Astana" not in english(news, "Министр Түркия астанасы Анкарада келіссөз жүргізді.", "kk")
    assert "Astana" in english(news, "Министр Астанада келіссөз жүргізді.", "kk")
    assert "Astana" in english(news, "АСТАНА. KAZINFORM – Министр келіссөз жүргізді.", "kk")


def test_a_microdistrict_and_an_intra_settlement_road(news: LoadedGlossary) -> None:
    text = "Шағын аудандағы елді мекенішілік жолдар жөнделді."
    assert "district" not in english(news, text, "kk")
    assert "country" not in english(news, text, "kk")
    assert "district" in english(news, "Зайсан ауданында жол жөнделді.", "kk")


def test_about_is_not_the_wage(news: LoadedGlossary) -> None:
    """Uzbek ҳақида "about" is a postposition, not ҳақ + и + да: "ишлар ҳақида" is not иш ҳақи."""
    assert "wage" not in english(news, "Ҳоким амалга оширилган ишлар ҳақида гапирди.", "uz")
    assert "wage" not in english(news, "Hokim amalga oshirilgan ishlar haqida gapirdi.", "uz")
    assert "wage" in english(news, "Шифокорларнинг иш ҳақи оширилди.", "uz")


def test_shanghai_with_h(news: LoadedGlossary) -> None:
    text = "Президент Шанҳай ҳамкорлик ташкилоти саммитида иштирок этди."
    assert "Shanghai Cooperation Organisation" in english(news, text, "uz")
    assert "cooperation" not in english(news, text, "uz")


def test_a_body_starting_its_work_is_its_activity(news: LoadedGlossary) -> None:
    text = "Мердігер ұйым өз қызметіне кірісіп, жолдарды тазалады."
    assert "activity" in english(news, text, "kk")
