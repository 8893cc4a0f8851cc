"""The shipped newsroom glossary (glossaries/news.tsv) on the errors a held-out run on published news found
(docs/benchmarks.md, "Held-out published news"): one concept per span, the press-service sense of қызмет,
елді мекен "settlement", singular forms of plural terms, bare surnames, solid spellings, Latin `budjet`.
The sentences are written for these tests."""

from __future__ import annotations

import pytest
from testkit import news_glossary

from tarjimon.core.glossary.store import LoadedGlossary
from tarjimon.core.translit import to_cyrillic


@pytest.fixture(scope="module")
def news() -> LoadedGlossary:
    return news_glossary()


def concepts(glossary: LoadedGlossary, text: str, lang: str) -> list[str]:
    """The English term of each hit's concept, in text order."""
    out = []
    for hit in glossary.find(text, lang):
        concept = next(c for c in glossary.concepts if c.id == hit.concept)  # (ел is two concepts' term)
        out.append(concept.terms["en"][0])
    return out


@pytest.mark.parametrize(
    "text",
    [
        "Әкімдіктің баспасөз қызметі жаңа кесте туралы хабарлады.",
        "Бұл туралы министрліктің баспасөз қызметіне сілтеме жасап жазды.",
    ],
)
def test_press_service_is_not_activity(news: LoadedGlossary, text: str) -> None:
    found = concepts(news, text, "kk")
    assert "press service" in found and "activity" not in found


def test_communications_service_is_not_activity(news: LoadedGlossary) -> None:
    text = "Әкім өңірлік коммуникациялар қызметінде брифинг өткізді."
    assert "activity" not in concepts(news, text, "kk")
    # the activity sense is still found
    assert "activity" in concepts(news, "Компанияның қызметі тоқтатылды.", "kk")


def test_settlement_is_not_country(news: LoadedGlossary) -> None:
    found = concepts(news, "Биыл 40 елді мекенге газ жеткізілді.", "kk")
    assert "settlement" in found and "country" not in found
    assert "country" in concepts(news, "Екі ел арасындағы сауда өсті.", "kk")


@pytest.mark.parametrize(
    ("text", "lang", "concept"),
    [
        ("Президенттер келіссөз жүргізеді.", "kk", "talks"),
        ("Vazir Xitoy tomoni bilan muzokara o‘tkazdi.", "uz", "talks"),
        ("Бұл туралы Тоқаев өз сөзінде айтты.", "kk", "Kassym-Jomart Tokayev"),
        ("Мирзиёев янги лойиҳани кўрди.", "uz", "Shavkat Mirziyoyev"),
        ("Жаңа теміржол желісінің құрылысы басталды.", "kk", "railway"),
        ("Shahar budjetidan 5 mlrd soʻm ajratildi.", "uz", "budget"),
    ],
)
def test_forms_found_on_published_news(news: LoadedGlossary, text: str, lang: str, concept: str) -> None:
    assert concept in concepts(news, text, lang)


def test_latin_budjet_is_byudjet() -> None:
    assert to_cyrillic("budjetdan") == to_cyrillic("byudjetdan") == "бюджетдан"
