"""Issue 15, segmentation: wire datelines of every agency format, abbreviations inside brackets and references.

Every dateline joins the first sentence (one rule for all formats: ``[datelines]`` in rules/common.toml).
"""

from __future__ import annotations

import pytest

from tarjimon.core.errors import TarjimonError
from tarjimon.core.segment import clear_cache, load_rules, split


@pytest.mark.parametrize(
    ("lang", "text", "first"),
    [
        (
            "uz",
            "ТОШКЕНТ, 3 фев — Sputnik. Президент Шавкат Мирзиёев Сенат аъзоларини қабул қилди. "
            "Учрашувда иқтисодий ислоҳотлар муҳокама қилинди.",
            "ТОШКЕНТ, 3 фев — Sputnik. Президент Шавкат Мирзиёев Сенат аъзоларини қабул қилди.",
        ),
        (
            "en",
            "MOSCOW, March 2. /TASS/. Russian President Vladimir Putin met the governor of the Kursk region. "
            "They discussed roads and schools.",
            "MOSCOW, March 2. /TASS/. Russian President Vladimir Putin met the governor of the Kursk region.",
        ),
        (
            "ru",
            "МОСКВА, 2 марта. /ТАСС/. Президент провёл совещание с членами правительства. Обсуждали бюджет.",
            "МОСКВА, 2 марта. /ТАСС/. Президент провёл совещание с членами правительства.",
        ),
        (
            "en",
            "Astana. May 5. KazTAG - The Senate passed the law on media. It takes effect in July.",
            "Astana. May 5. KazTAG - The Senate passed the law on media.",
        ),
        (
            "kk",
            "Astana. May 5. KazTAG - Сенат бұқаралық ақпарат құралдары туралы заңды қабылдады. Ол шілдеде "
            "күшіне енеді.",
            "Astana. May 5. KazTAG - Сенат бұқаралық ақпарат құралдары туралы заңды қабылдады.",
        ),
        (
            "en",
            "ALMATY, Kazakhstan, June 1 (Reuters) - Kazakhstan's central bank raised its base rate by 50 basis "
            "points. The tenge firmed.",
            "ALMATY, Kazakhstan, June 1 (Reuters) - Kazakhstan's central bank raised its base rate by 50 basis "
            "points.",
        ),
        (
            "ru",
            "БИШКЕК, 12 апр – Kabar. Президент Кыргызстана подписал закон о языке. Документ опубликован.",
            "БИШКЕК, 12 апр – Kabar. Президент Кыргызстана подписал закон о языке.",
        ),
        (
            "kk",
            "ASTANA. Kazinform – Мемлекет басшысы Қасым-Жомарт Тоқаев Үкімет отырысын өткізді. Бұл маңызды.",
            "ASTANA. Kazinform – Мемлекет басшысы Қасым-Жомарт Тоқаев Үкімет отырысын өткізді.",
        ),
        (
            "uz-Latn",
            "Toshkent, 5-yanvar. “Dunyo” AA – Prezident xalqaro forumda nutq soʻzladi. Unda 500 kishi bor edi.",
            "Toshkent, 5-yanvar. “Dunyo” AA – Prezident xalqaro forumda nutq soʻzladi.",
        ),
        (
            "ru",
            "НУР-СУЛТАН, 5 января 2022 – Kazinform. Глава государства выступил с обращением. Оно длилось час.",
            "НУР-СУЛТАН, 5 января 2022 – Kazinform. Глава государства выступил с обращением.",
        ),
        (  # the year first, the agency described, a spaced period (held-out news, third round)
            "kk",
            "Бішкек, 2026 жылғы 16 ақпан – Karavan Info ақпараттық агенттігі . Министр Бішкекке ресми сапармен "
            "келді. Екі тарап сауданы талқылады.",
            "Бішкек, 2026 жылғы 16 ақпан – Karavan Info ақпараттық агенттігі . Министр Бішкекке ресми сапармен "
            "келді.",
        ),
        (
            "uz-Latn",
            "Samarqand, 2026 yil 3 mart – Dunyo axborot agentligi. Forum ochildi. Unda 40 davlat qatnashdi.",
            "Samarqand, 2026 yil 3 mart – Dunyo axborot agentligi. Forum ochildi.",
        ),
    ],
)
def test_every_wire_dateline_joins_the_first_sentence(lang: str, text: str, first: str) -> None:
    sentences = split(text, lang)
    assert sentences[0] == first
    assert len(sentences) == 2


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ru", "Иванов, 5 лет. Он пришёл в школу."),  # a name and an age, not a dateline: no agency, no dash
        ("uz-Latn", "Toshkent. Bu shahar katta."),  # a capitalised word only is not a caps dateline
        ("en", "Smith, March 2. The meeting was short."),
        ("ru", "Москва, 5 мая – Reuters сообщает. Цены на нефть выросли."),  # no word for "agency": a sentence
    ],
)
def test_lookalikes_of_datelines_still_split(lang: str, text: str) -> None:
    assert len(split(text, lang)) == 2


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "ru",
            "Иван Петров (рус. Иван Петров; род. 5 мая 1950) — советский физик. Он работал в Новосибирске.",
            2,
        ),
        ("ru", "Шавкат Мирзиёев (узб. Shavkat Mirziyoyev) провёл встречу. Стороны обсудили торговлю.", 2),
        ("ru", "Бишкек (англ. Bishkek) — столица Кыргызстана. Город основан в 1825 году.", 2),
        ("ru", "Об этом писал историк [3. С. 45]. Позже он уточнил дату.", 2),
        ("uz", "Бу ҳақда манбада батафсил ёзилган [2, 14-15 б.]. Олимлар бу фикрга қўшилади.", 2),
        ("uz", "Самарқанд (рус. Самарканд; ингл. Samarkand) қадимий шаҳар. У Зарафшон бўйида.", 2),
        ("uz-Latn", "Samarqand (rus. Самарканд; ingl. Samarkand) qadimiy shahar. U Zarafshon bo‘yida.", 2),
        ("kk", "Абай Құнанбайұлы (орыс. Абай Кунанбаев) – ақын, ағартушы. Ол Семей өңірінде туған.", 2),
        ("en", "The method is described in the annex (pp. 12-14). It works on long texts.", 2),
        ("en", "Tashkent (Uzbek: Toshkent; Russ. Ташкент) is the capital. It has three million people.", 2),
        # outside brackets the same abbreviations still do not end a sentence before a name
        ("ru", "Фамилия писателя по-английски (см. ниже) пишется иначе, англ. Aitmatov. Он из Таласа.", 2),
    ],
)
def test_abbreviations_inside_brackets_and_references(lang: str, text: str, expected: int) -> None:
    assert len(split(text, lang)) == expected, split(text, lang)


def test_a_bracket_that_never_closes_does_not_swallow_sentences() -> None:
    text = "Натижа 5 фоиз (тахминан. Кейинги йил ўсиш кутилмоқда. Бу яхши."
    assert len(split(text, "uz")) == 3


def test_user_dateline_formats_extend_the_packaged_ones(tmp_path) -> None:
    (tmp_path / "common.toml").write_text(
        "[[datelines.formats]]\nname = 'uza-star'\npattern = '{place}\\s*\\*\\s*UzA\\.'\n", encoding="utf-8"
    )
    clear_cache()
    text = "Termiz * UzA. Viloyatda yangi maktab ochildi. U 600 o‘rinli."
    assert split(text, "uz", rules_dirs=[tmp_path])[0] == "Termiz * UzA. Viloyatda yangi maktab ochildi."
    assert split(text, "uz")[0] == "Termiz * UzA."


def test_bad_dateline_format_is_a_one_line_error(tmp_path) -> None:
    (tmp_path / "uz.toml").write_text("[[datelines.formats]]\nname = 'x'\npattern = '(['\n", encoding="utf-8")
    clear_cache()
    with pytest.raises(TarjimonError, match="dateline format 'x'"):
        load_rules("uz", [tmp_path])
