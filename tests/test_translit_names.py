"""Latin -> Cyrillic of the names, codes and acronyms a newsroom meets (lang12): a brand of several words kept
whole (Astana Hub, not Астана Ҳуб), its Uzbek suffix after an apostrophe converted; codes glued to digits (5G,
G20) kept while Uzbek counters (5ta, 10dan) are converted; hyphenated foreign names (Wi-Fi) kept whole;
international bodies written in Cyrillic as the Uzbek Cyrillic press writes them (ЮНЕСКО, НАТО); Uzbek decree
codes (ПФ-157); two sentences whose space after the full stop was lost (berdi.Maʼlum) converted, not kept as
a dotted name; a quoted company name with an English business word (Group, Holding) or foreign letters kept
whole."""

from __future__ import annotations

import pytest

from tarjimon.core.translit import to_cyrillic, to_latin


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("Astana Hub innovatsion klasteri", "Astana Hub инновацион кластери"),
        ("Astana Hub’da 2 ming kompaniya bor", "Astana Hub’да 2 минг компания бор"),
        ("Astana Hub va Astana shahri", "Astana Hub ва Астана шаҳри"),  # Astana alone is the city
        ("Tez rivojlanayotgan Alatau city qurilishi", "Тез ривожланаётган Alatau city қурилиши"),
        ("IT Park rezidentlari", "IT Park резидентлари"),
        ("5G tarmogʻi, 4K tasvir, G20 sammiti", "5G тармоғи, 4K тасвир, G20 саммити"),
        ("5ta kitob, 10dan ortiq, 2-may", "5та китоб, 10дан ортиқ, 2-май"),
        ("Wi-Fi va Coca-Cola", "Wi-Fi ва Coca-Cola"),
        ("Qasim-Jomart Toqayev", "Қасим-Жомарт Тоқаев"),
        ("UNESCO va YuNESKO", "ЮНЕСКО ва ЮНЕСКО"),
        ("UNICEF, FIFA, UEFA va OPEC vakillari", "ЮНИСЕФ, ФИФА, УЕФА ва ОПЕК вакиллари"),
        ("NATOning sammiti", "НАТОнинг саммити"),
        ("AI va IT-sohasi", "AI ва IT-соҳаси"),
        ("PF-157 farmoni va PQ-12 qarori", "ПФ-157 фармони ва ПҚ-12 қарори"),  # Uzbek decree codes
        ("Shanghai va Facebook", "Shanghai ва Facebook"),  # gh, ck: not Uzbek spelling
        ("Fathulla", "Фатҳулла"),  # th is (fath), so it is no sign of a foreign word
        # the space after a full stop lost: two sentences, not a dotted name like Alem.Cloud
        ("xabar berdi.Maʼlum qilinishicha", "хабар берди.Маълум қилинишича"),
        ("Alem.Cloud, Kun.uz, inform.kz va Sh.Aliyev", "Alem.Cloud, Kun.uz, inform.kz ва Ш.Алиев"),
    ],
)
def test_names_and_codes(latin: str, cyrillic: str) -> None:
    assert to_cyrillic(latin) == cyrillic


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [  # a quoted company name with an English business word or foreign letters stays Latin whole
        ('"Heyal Holding" kompaniyasi', '"Heyal Holding" компанияси'),
        ("«Aktiv Group» va «Cabani Shoes»", "«Aktiv Group» ва «Cabani Shoes»"),
        # Uzbek names and transliterated words in quotes are converted; a quotation of speech too
        ("«Toshkent Invest» va «Fargʻona yogʻ-moy»", "«Тошкент Инвест» ва «Фарғона ёғ-мой»"),
        ("“Biz Google bilan ishlaymiz”, dedi u", "“Биз Google билан ишлаймиз”, деди у"),
        ("«Seyhan Ambalaj Makina»", "«Сейҳан Амбалаж Макина»"),  # (Turkish: no sign tells it)
    ],
)
def test_quoted_company_names(latin: str, cyrillic: str) -> None:
    assert to_cyrillic(latin) == cyrillic


def test_the_article_keeps_its_brand() -> None:
    source = "Шунингдек, икки минг компанияни бирлаштирган Astana Hub инновацион кластери ҳам мавжуд."
    assert to_cyrillic(to_latin(source)) == source


# lang13: names and words in capitals and mixed case. Oʻz "own" opening a sentence was read as a mixed-case
# abbreviation like OʻzA (-> ЎЗ); short capitals were kept Latin as acronyms in a two-word heading, a quoted
# phrase in capitals or a dateline (XIVA, 5 yanvar), and converted in a headline in capitals even when a foreign
# acronym (IT-PARKLAR -> ИТ-ПАРКЛАР, "dog parks").
@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("Oʻz navbatida, u shunday dedi.", "Ўз навбатида, у шундай деди."),
        ("O‘z fikrini aytdi", "Ўз фикрини айтди"),
        ("OʻzA xabari, YaIMga, TOShKENT", "ЎзА хабари, ЯИМга, ТОШКЕНТ"),  # mixed-case abbreviations still
        ("BOSH SAHIFA", "БОШ САҲИФА"),
        ("«ASTANA VA TOSHKENT» loyihasi", "«АСТАНА ВА ТОШКЕНТ» лойиҳаси"),
        ("XIVA, 5 yanvar. Kun.uz – Shahar", "ХИВА, 5 январь. Kun.uz – Шаҳар"),
        ("OSH. Kun.uz – Shahar", "ОШ. Kun.uz – Шаҳар"),
        ("IT-PARKLAR SONI OSHDI", "IT-ПАРКЛАР СОНИ ОШДИ"),
        ("SUNʼIY INTELLEKT (AI) VA IT", "СУНЪИЙ ИНТЕЛЛЕКТ (AI) ВА IT"),
        ("ASTANA HUB REZIDENTLARI KOʻPAYDI", "ASTANA HUB РЕЗИДЕНТЛАРИ КЎПАЙДИ"),
        ("AI va IT-sohasi, SMS va GPS", "AI ва IT-соҳаси, SMS ва GPS"),  # acronyms in lower-case text: kept
        # a place's foreign spelling alone in quotes is a title's own (the Kazakh newspaper); unquoted converted
        ("«Turkistan» gazetasiga, Turkistan viloyati", "«Turkistan» газетасига, Туркистан вилояти"),
        ("«Turkiston» gazetasi", "«Туркистон» газетаси"),
        ("YOD TANQISLIGI VA YOD", "ЙОД ТАНҚИСЛИГИ ВА ЁД"),  # a homograph in capitals
    ],
)
def test_capitals_and_mixed_case(latin: str, cyrillic: str) -> None:
    assert to_cyrillic(latin) == cyrillic


@pytest.mark.parametrize(
    "cyrillic",
    ["Ўз навбатида, Президент сўзга чиқди.", "ЯНГИ ЙИЛ АРАФАСИДА БОШ САҲИФА", "ХИВА, 5 январь. Шаҳар."],
)
def test_capitals_and_title_case_round_trip(cyrillic: str) -> None:
    assert to_cyrillic(to_latin(cyrillic)) == cyrillic
