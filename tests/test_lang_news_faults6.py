"""General words swept before the sixth held-out news round (docs/benchmarks.md, "General-word sweep, then
held-out published news, sixth round"): each one-word Kazakh or Uzbek term that is a common word was read in
every sentence of the non-held-out text it occurs in, and each other sense or set phrase found is fixed as a
class. A personal name that is also a common noun (Азамат), a verb participle one letter from a term
(тұрғандар "those standing" is no typo of тұрғындар), Кеңес "Soviet", a brand (Халық банкі), the
population of a place (облыс халқы), a sports match (финалдық кездесу), an area (жалпы ауданы, егіс
ауданы), fog (қалин туман), a figurative school (өмір мектебі), a bazaar (деҳқон бозори), a physical law, a
post held (қызметін атқарды), шарт "a condition" against the treaty. Sentences written for these tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from testkit import hit_english, news_glossary

from tarjimon.core.glossary.store import LoadedGlossary

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def news() -> LoadedGlossary:
    return news_glossary()


english = hit_english


@pytest.mark.parametrize(
    ("text", "lang", "absent"),
    [
        ("Бүгін Азамат Сәрсенов ауыл мектебіне келді.", "kk", "citizen"),
        ("Кеше кешке Азамат пен Айгүл бақшада ойнады.", "kk", "citizen"),
        ("Азамат соғысы жылдары ауыл қираған.", "kk", "citizen"),
        ("Азаматтық авиация комитеті жаңа ереже қабылдады.", "kk", "citizenship"),
        ("Фуқаролик авиацияси агентлиги янги қоида қабул қилди.", "uz", "citizenship"),
        ("Сырттай бақылап тұрғандар енді ұялмайды.", "kk", "population"),
        ("Ол Кеңес Одағы кезінде әскерде болған, Кеңес өкіметі құлаған соң елге оралды.", "kk", "council"),
        ("Қазақстан Халық банкі шағын бизнеске несие берді.", "kk", "people"),
        ("Қазақстан Халық банкі шағын бизнеске несие берді.", "kk", "population"),
        ("Облыс халқы жаңа жолдың ашылуына қуанды.", "kk", "people"),
        ("Құрама финалдық кездесуде жеңіске жетті.", "kk", "meeting"),
        ("Терма жамоа финал учрашувида ғалаба қозонди.", "uz", "meeting"),
        ("Жоба жоғары жиналыста оң баға алды.", "kk", "price"),
        ("Шаруашылықтың жалпы ауданы 500 гектар, егіс ауданы биыл ұлғайды.", "kk", "district"),
        ("Эрталаб қалин туман тушди, йўлларда кўриниш пасайди.", "uz", "district"),
        ("Ertalab qalin tuman tushdi.", "uz", "district"),
        ("Ол өмір мектебінен өтті, ал отандық ауыр атлетика мектебі әлемге танылды.", "kk", "school"),
        ("U hayot maktabidan o‘tdi.", "uz", "school"),
        ("Деҳқон бозорида нархлар кўтарилди.", "uz", "market"),
        ("Эйнштейн фотоэлектрлі эффект заңын ашқаны үшін сыйлық алды.", "kk", "law"),
        ("Ол бұрын Үкіметте министр қызметін атқарды.", "kk", "activity"),
        ("Бұл жобаның басты шарты – уақтылы қаржыландыру.", "kk", "treaty"),
        ("Мерейтойға арналған салтанатты мәжіліс өтті.", "kk", "Mazhilis"),
        ("Ақмола облысының елді мекендерсіз аумағы 700 шаршы шақырым.", "kk", "country"),
        ("Akmola viloyatining aholi punktlarisiz hududi 700 kvadrat kilometr.", "uz", "population"),
        ("Ол қазақтың бір туар асыл азаматы еді.", "kk", "citizen"),
        ("Екі облыс командалары арасында ақтық кездесулер өтті.", "kk", "meeting"),
        ("Елордалық театрлар астана халқын жаңа қойылымдармен қуантты.", "kk", "people"),
        # the sixth held-out round's faults, fixed after it was scored (not held out)
        ("Президенттің төрағалығымен цифрландыру мәселелері жөнінде кеңес өтті.", "kk", "council"),
        ("Ауылдық округтің халқы шамамен 700 адам.", "kk", "people"),
    ],
)
def test_another_sense_of_a_general_word_is_no_hit(
    news: LoadedGlossary, text: str, lang: str, absent: str
) -> None:
    assert absent not in english(news, text, lang)


@pytest.mark.parametrize(
    ("text", "lang", "present"),
    [
        ("Әр азамат заңды білуі тиіс.", "kk", "citizen"),
        ("Азамат заңды білуі тиіс.", "kk", "citizen"),  # a sentence's first word: the common noun
        ("Ол АҚШ-та қалып, сол елдің азаматтығын алған.", "kk", "citizenship"),
        ("Ауылдағы түрғындар саны өсті.", "kk", "population"),  # a typo of the term still is the term
        ("Жоғарғы Кеңес бұл шешімді 1994 жылы қабылдады.", "kk", "council"),
        ("Қазақ халқы Тәуелсіздік күнін тойлады.", "kk", "people"),
        ("Облыс халқы жаңа жолдың ашылуына қуанды.", "kk", "population"),
        ("Министрлер кездесуде екіжақты ынтымақтастықты талқылады.", "kk", "meeting"),
        ("Бидай бағасы биыл өсті.", "kk", "price"),
        ("Шиелі ауданында жаңа мектеп ашылды.", "kk", "district"),
        ("Чилонзор туманида йўллар таъмирланди.", "uz", "district"),
        ("Ауылдағы мектеп күрделі жөндеуден өтті.", "kk", "school"),
        ("Мутасаддиларга марказларни “Ҳаёт мактаби” сифатида қайта ташкил этиш топширилди.", "uz", "school"),
        ("Бозор иқтисодиёти шароитида нархлар эркин.", "uz", "price"),
        ("Депутаттар заңды үшінші оқылымда қабылдады.", "kk", "law"),
        ("Екі ел шартқа қол қойды.", "kk", "treaty"),
        ("Мәжіліс депутаттары заң жобасын мақұлдады.", "kk", "Mazhilis"),
        ("Елді мекендерге газ жеткізілді, ел экономикасы өсті.", "kk", "country"),
        ("Ауылдық округтің халқы шамамен 700 адам.", "kk", "population"),
        ("Poyezdlar “Toshkent-Janubiy” temiryo‘l vokzalidan jo‘naydi.", "uz", "railway"),
        ('Поезд "Олма-ота-2" вокзалидан ҳар душанба куни қатнайди.', "uz", "Almaty"),
    ],
)
def test_the_term_sense_still_is_a_hit(news: LoadedGlossary, text: str, lang: str, present: str) -> None:
    assert present in english(news, text, lang)


def test_the_scorer_counts_either_reading_once(tmp_path: Path) -> None:
    """A gold occurrence naming two concepts ("халық / тұрғындар") is right with one hit of either; a
    single-reading occurrence still needs its own concept."""
    text = tmp_path / "kk.txt"
    text.write_text(
        "Үкімет халықты және бизнесті қолдау шараларын талқылады.\nҚазақ халқы тойлады.\n", encoding="utf-8"
    )
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "kk.tsv").write_text(
        "# test gold\n"
        "kk\t1\tүкімет\tҮкімет\t1\n"
        "kk\t1\tхалық / тұрғындар\tхалықты\t1\n"
        "kk\t2\tтұрғындар\tхалқы\t1\n",
        encoding="utf-8",
    )
    env = {"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"}
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "heldout_news.py"), "--gold-dir", str(gold), "--text", f"kk={text}"],
        capture_output=True, text=True, env=env, check=True,
    ).stdout  # fmt: skip
    # line 1: both hits right whichever concept халықты took; line 2: қазақ халқы is "people", not the gold's
    assert "| kk | 2 | 3 | 3 | 2 | 0.667 | 0.667 |" in out
