"""The faults the second held-out news run left (docs/benchmarks.md, "Held-out published news"): amounts
with -лик/-лық (100 долларлик is the dollar), х written for ҳ in short Uzbek words (ахоли), one concept for
халық by its context, and a modifier that makes "Хавфсизлик кенгаши" another body. Sentences written for
these tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from testkit import news_glossary

from tarjimon.core.glossary import recognize
from tarjimon.core.glossary.index import TermIndex
from tarjimon.core.glossary.store import LoadedGlossary
from tarjimon.core.models.glossary import Concept


@pytest.fixture(scope="module")
def news() -> LoadedGlossary:
    return news_glossary()


def hits(glossary: LoadedGlossary, text: str, lang: str) -> list[tuple[str, str, str]]:
    """(surface, English term of the hit's concept, kind) per hit, in text order."""
    by_id = {c.id: c for c in glossary.concepts}
    return [(h.text, by_id[h.concept].terms["en"][0], h.kind) for h in glossary.find(text, lang)]


def english(glossary: LoadedGlossary, text: str, lang: str) -> list[str]:
    return [en for _s, en, _k in hits(glossary, text, lang)]


# --- amounts: a number, then a unit with -лик/-lik/-лық, is the unit ("worth 100 dollars") -------------


@pytest.mark.parametrize(
    ("text", "lang", "surface", "term"),
    [
        ("Ҳар бир оилага 100 долларлик совға тарқатилди.", "uz", "долларлик", "dollar"),
        ("Дўкондан 5 минг сўмлик нон сотиб олди.", "uz", "сўмлик", "sum"),
        ("Bozorda 20 ming so‘mlik to‘plam sotilmoqda.", "uz", "so‘mlik", "sum"),
        ("Loyiha 1,5 mlrd dollarlik investitsiyani o‘z ichiga oladi.", "uz", "dollarlik", "dollar"),
        ("Ауылға 500 мың теңгелік көмек бөлінді.", "kk", "теңгелік", "tenge"),
        ("Биыл 300 миллион долларлық келісім жасалды.", "kk", "долларлық", "dollar"),
    ],
)
def test_an_amount_with_lik_is_the_unit(
    news: LoadedGlossary, text: str, lang: str, surface: str, term: str
) -> None:
    found = hits(news, text, lang)
    assert (surface, term, "inflected") in found or (surface, term, "cross-script") in found, found


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Долларлик депозитлар бўйича фоиз ошди.", "uz"),  # "dollar deposits": an adjective, no number
        ("Банк сўмлик омонатлар ставкасини пасайтирди.", "uz"),
        ("Теңгелік депозиттер үлесі өсті.", "kk"),
    ],
)
def test_lik_without_a_number_stays_a_derivation(news: LoadedGlossary, text: str, lang: str) -> None:
    assert not {"dollar", "sum", "tenge"} & set(english(news, text, lang))


# --- х written for ҳ in words shorter than the typo rule's six letters -----------------------------


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Вилоят ахолиси сони 3 миллиондан ошди.", "ахолиси"),
        ("Туман ахолисига янги поликлиника қурилди.", "ахолисига"),
        ("Viloyat axolisi uchun yangi yo‘l qurildi.", "axolisi"),
    ],
)
def test_x_for_h_in_a_short_word(news: LoadedGlossary, text: str, surface: str) -> None:
    assert (surface, "population", "fuzzy") in hits(news, text, "uz")


def test_x_for_h_finds_a_multi_word_term(news: LoadedGlossary) -> None:
    assert ("ахоли пунктларида", "settlement", "fuzzy") in hits(
        news, "Барча ахоли пунктларида газ бор.", "uz"
    )


def test_x_fold_adds_no_hit_to_words_written_right(news: LoadedGlossary) -> None:
    # х is right in these words (Хитой, хабар, ахборот, халқ): each keeps its own reading, nothing else
    text = "Хитой ахборот агентлиги хабар берди: халқ хурсанд."
    assert [(s, k) for s, _e, k in hits(news, text, "uz")] == [
        ("Хитой", "exact"), ("ахборот агентлиги", "exact"), ("халқ", "exact")
    ]  # fmt: skip


def test_x_fold_is_a_typo_rule_and_goes_with_fuzzy(news: LoadedGlossary) -> None:
    index = TermIndex("uz", [Concept({"uz": ("аҳоли",)})])
    assert recognize.match(index, "Ахоли сони ошди.", fuzzy=True)
    assert not recognize.match(index, "Ахоли сони ошди.", fuzzy=False)


# --- халық: one span, one concept, by context -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("«Халық қатысатын бюджет» жобасы бойынша 40 ұсыныс түсті.", "people"),
        ("Қазақстан халқы Тәуелсіздік күнін атап өтті.", "people"),
        ("Қала халқының саны 2 миллионнан асты.", "population"),
        ("Елдегі халық санағы қазан айында басталады.", "population"),
    ],
)
def test_halyq_is_people_unless_the_text_speaks_of_numbers(
    news: LoadedGlossary, text: str, term: str
) -> None:
    found = [(s, en) for s, en, _k in hits(news, text, "kk") if s.lower().startswith("халқ")]
    found += [(s, en) for s, en, _k in hits(news, text, "kk") if s.lower().startswith("халық")]
    assert len(found) == 1 and found[0][1] == term, found


def test_a_preferred_term_beats_the_same_word_as_a_synonym() -> None:
    # тұрғындар | халық (population) and халық (people): the word is people's own term, a synonym of the other
    concepts = [
        Concept({"kk": ("тұрғындар", "халық"), "en": ("population",)}),
        Concept({"kk": ("халық",), "en": ("people",)}),
    ]
    index = TermIndex("kk", concepts)
    found = recognize.match(index, "Халық мерекені тойлады.")
    assert [index.entries[h.entry][0] for h in found] == [1]
    assert [index.entries[h.entry][0] for h in recognize.match(index, "Ауыл тұрғындары жиналды.")] == [0]


# --- a modifier before "Хавфсизлик кенгаши" makes another body -----------------------------------------


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Biologik xavfsizlik kengashi yig‘ilishida yangi qoidalar muhokama qilindi.", "uz"),
        ("Миллий хавфсизлик кенгаши котиби баёнот берди.", "uz"),
        ("Биологиялық қауіпсіздік кеңесінің отырысы өтті.", "kk"),
        ("The National Security Council met on Monday.", "en"),
    ],
)
def test_a_modifier_makes_another_council(news: LoadedGlossary, text: str, lang: str) -> None:
    found = english(news, text, lang)
    assert "Security Council" not in found
    if lang != "en":
        assert {"security", "council"} <= set(found), found  # its words keep their own terms


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("BMT Xavfsizlik kengashi favqulodda yig‘ilish o‘tkazdi.", "uz"),
        ("Президент ҳузуридаги Хавфсизлик кенгаши мажлиси бўлди.", "uz"),
        ("Qozog‘iston Xavfsizlik kengashining kotibi tayinlandi.", "uz"),
        ("Қауіпсіздік кеңесінің отырысында Мемлекет басшысы сөз сөйледі.", "kk"),
        ("БҰҰ Қауіпсіздік кеңесі қарар қабылдады.", "kk"),
    ],
)
def test_the_security_council_is_still_found(news: LoadedGlossary, text: str, lang: str) -> None:
    assert "Security Council" in english(news, text, lang)


def test_state_visit_after_an_adjective_stays_a_state_visit(news: LoadedGlossary) -> None:
    # the negative context is the council's own: other multi-word terms after an adjective are unchanged
    assert "state visit" in english(news, "Prezident rasmiy davlat tashrifi bilan keldi.", "uz")


# --- faults the third held-out round found (fixed after it was scored) --------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Журналистердің кәсіби мерекесі маусымда аталады.",
        "Әкім журналистерге сұхбат берді.",
        "Бұл туралы журналистің өзі жазды.",
    ],
)
def test_kazakh_st_loanword_drops_the_t_of_a_suffix(news: LoadedGlossary, text: str) -> None:
    assert "journalist" in english(news, text, "kk")


def test_kazakh_rate_is_not_price_with_two_possessives(news: LoadedGlossary) -> None:
    # бағам "exchange rate" + ы, not баға "price" + м + ы (one possessive per word)
    assert "price" not in english(news, "Теңгенің айырбастау бағамы өзгерді.", "kk")
    assert "price" in english(news, "Нанның бағасы өсті.", "kk")


@pytest.mark.parametrize(
    "text", ["Qasim-Jomart Toqaev Xivaga keldi.", "Urganchda Qasim-Jomart Toqaevni kutib oldi."]
)
def test_tokayev_romanised_without_y(news: LoadedGlossary, text: str) -> None:
    assert "Kassym-Jomart Tokayev" in english(news, text, "uz")


def test_uzbek_predicate_ending(news: LoadedGlossary) -> None:
    assert "people" in english(news, "Биз битта халқмиз, деди Президент.", "uz")


def test_news_agency_in_its_adjectival_spelling(news: LoadedGlossary) -> None:
    assert "news agency" in english(news, "Karavan Info ақпараттық агенттігі хабарлады.", "kk")


def test_civil_society_is_not_citizenship(news: LoadedGlossary) -> None:
    found = english(news, "Азаматтық қоғам өкілдері жиналды.", "kk")
    assert "civil society" in found and "citizenship" not in found
    assert "civil society" in english(news, "Fuqarolik jamiyati institutlari kuchaytiriladi.", "uz")


@pytest.mark.parametrize(
    "text",
    [
        "Азаматтарға көрсетілетін қызметтердің сапасы артты.",  # services rendered to citizens
        "Орталық халыққа қызмет көрсетеді.",
        "Банктер онлайн қызмет көрсетуді кеңейтті.",
    ],
)
def test_kazakh_services_rendered_are_not_activity(news: LoadedGlossary, text: str) -> None:
    assert "activity" not in english(news, text, "kk")


def test_kazakh_activity_is_still_found(news: LoadedGlossary) -> None:
    assert "activity" in english(news, "Компанияның қызметі тексерілді.", "kk")


@pytest.mark.parametrize("name", ["kk", "uz-latn", "uz-cyrl"])
def test_third_round_gold_names_concepts_of_the_shipped_glossary(news: LoadedGlossary, name: str) -> None:
    # the gold of the held-out run is scored by concept: each term must be a concept's first term
    gold = Path(__file__).resolve().parent / "data" / "heldout" / "news3" / f"{name}.tsv"
    rows = [
        r.split("\t") for r in gold.read_text(encoding="utf-8").splitlines() if r and not r.startswith("#")
    ]
    assert len({int(r[1]) for r in rows}) >= 90  # >= 100 sentences, a few without any term
    lang = rows[0][0]
    firsts = {c.terms[lang][0] for c in news.concepts if c.terms.get(lang)}
    for _lang, line, term, surface, count in rows:
        assert term in firsts, (line, term)
        assert surface and int(count) >= 1
