"""Term recognition on the seed article and per inflection rule, with real words."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tarjimon.core.formats.tsv import read_table
from tarjimon.core.glossary.recognize import contains_term, find_in_text
from tarjimon.core.glossary.store import LoadedGlossary
from tarjimon.core.models.glossary import Concept, Glossary

DATA = Path(__file__).parent / "data" / "glossary"
SEED = Path(__file__).resolve().parents[1] / ".." / "shared" / "seeds" / "kazinform-2026-01-05-uz.txt"
needs_seed = pytest.mark.skipif(not SEED.is_file(), reason="../shared/seeds not present")


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def gold() -> dict[str, int]:
    out = {}
    for line in (DATA / "seed_gold.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            term, count = line.split("\t")
            out[term] = int(count)
    return out


def scores(found: Counter[str], want: dict[str, int]) -> tuple[float, float]:
    tp = sum(min(found[t], n) for t, n in want.items())
    return tp / max(1, sum(found.values())), tp / sum(want.values())


@needs_seed
def test_seed_recall_and_precision() -> None:
    loaded = LoadedGlossary(read_table(DATA / "seed_terms.tsv", "seed"))
    hits = loaded.find(seed_text(), "uz")
    precision, recall = scores(Counter(h.term for h in hits), gold())
    # Pinned at today's measured figure (issue 16: a floor far below it let a dozen errors pass). If a
    # deliberate change moves it, re-measure and pin the new figure, saying why in the commit.
    assert (precision, recall) == (1.0, 1.0)


@needs_seed
def test_seed_decoys_not_hit() -> None:
    glossary = read_table(DATA / "seed_terms.tsv", "seed")
    decoys = {c.term("uz") for c in glossary.concepts if c.note == "decoy"}
    assert "интеллектуал" in decoys and "технопарк" in decoys
    hits = LoadedGlossary(glossary).find(seed_text(), "uz")
    assert not [h for h in hits if h.term in decoys]


@needs_seed
def test_seed_offsets_are_character_offsets() -> None:
    text = seed_text()
    for h in LoadedGlossary(read_table(DATA / "seed_terms.tsv", "seed")).find(text, "uz"):
        assert text[h.start : h.end] == h.text


@needs_seed
def test_latin_terms_find_cyrillic_occurrences() -> None:
    from tarjimon.core.translit import to_latin

    glossary = read_table(DATA / "seed_terms.tsv", "seed")
    latin = Glossary(
        "latin", ["uz"], [], [Concept({"uz": (to_latin(c.term("uz")),)}) for c in glossary.concepts]
    )
    by_latin = {to_latin(k): v for k, v in gold().items()}
    hits = LoadedGlossary(latin).find(seed_text(), "uz")
    assert all(h.kind in ("cross-script", "inflected", "exact") for h in hits)
    precision, recall = scores(Counter(h.term for h in hits), by_latin)
    # Pinned at today's measured figure (issue 16: a floor far below it let a dozen errors pass). If a
    # deliberate change moves it, re-measure and pin the new figure, saying why in the commit.
    assert (precision, recall) == (1.0, 1.0)


def test_cyrillic_term_finds_latin_text() -> None:
    hits = find_in_text(
        "Qozogʻistonda sun'iy intellektni rivojlantirish", ["Қозоғистон", "сунъий интеллект"], "uz"
    )
    assert [(h.text, h.kind) for h in hits] == [
        ("Qozogʻistonda", "inflected"),
        ("sun'iy intellektni", "inflected"),
    ]
    assert hits[0].score < 100


# ---- Uzbek rules, one real word each ----------------------------------------------------------------
UZ_FORMS = [
    ("Қозоғистон", "Қозоғистонда", "locative -да"),
    ("Қозоғистон", "Қозоғистонни", "accusative -ни"),
    ("Қозоғистон", "Қозоғистондан", "ablative -дан"),
    ("давлат", "давлатга", "dative -га"),
    ("давлат", "давлатлар", "plural -лар"),
    ("мамлакат", "мамлакатнинг", "genitive -нинг"),
    ("мамлакат", "мамлакатимиздан", "1pl possessive -имиз + ablative"),
    ("фуқаро", "фуқароларимизнинг", "plural + possessive + genitive"),
    ("газета", "газетасига", "3rd possessive -си after a vowel + dative"),
    ("суҳбат", "суҳбатида", "3rd possessive -и after a consonant + locative"),
    ("ҳокимлик", "ҳокимлиги", "к -> г before a vowel"),
    ("тилак", "тилаги", "к -> г before a vowel"),
    ("қишлоқ", "қишлоғи", "қ -> ғ before a vowel"),
    ("соҳа", "соҳасидаги", "-даги"),
    ("компания", "компанияларингиз", "2nd plural possessive -ингиз"),
    ("АҚШ", "АҚШнинг", "genitive on an abbreviation"),
    ("Давлат раҳбари", "Давлат раҳбарининг", "izafet head + genitive"),
    ("таълим дастури", "таълим дастурлари", "izafet head takes the plural before its possessive"),
    ("сунъий интеллект", "сунъий интеллектни", "multi-word: only the last word inflects"),
    ("Qishloq", "қишлоғида", "Latin entry, Cyrillic inflected text"),
    ("шаҳар", "шаҳрида", "vowel loss: шаҳар -> шаҳр- before -и"),
    ("шаҳар", "shahridagi", "vowel loss in Latin text + -даги"),
    ("ўғил", "ўғли", "vowel loss: ўғил -> ўғли"),
    ("ўрин", "ўрнида", "vowel loss: ўрин -> ўрни + locative"),
    ("бурун", "бурни", "vowel loss with u: бурун -> бурни"),
    ("иш ўрни", "иш ўринлари", "izafet head with vowel loss takes the plural: ўрни -> ўринлари"),
    ("вилоят ҳокимлиги", "вилоят ҳокимликлари", "izafet head with к/г alternation takes the plural"),
    ("ҳокимлик", "ҳокимликка", "dative -ка after к"),
    ("қишлоқ", "қишлоққа", "dative -қа after қ"),
    (
        "Олий таълим, фан ва инновациялар вазирлиги",
        "Oliy ta'lim, fan va innovatsiyalar vazirligi",
        "the term's own comma between its words",
    ),
]


@pytest.mark.parametrize(("term", "form", "rule"), UZ_FORMS)
def test_uzbek_inflection(term: str, form: str, rule: str) -> None:
    hits = find_in_text(f"Бу {form} ҳақида.", [term], "uz")
    assert [h.text for h in hits] == [form], rule


KK_FORMS = [
    ("Қазақстан", "Қазақстанның", "genitive -ның (back)"),
    ("мемлекет", "мемлекеттің", "genitive -тің (front, after т)"),
    ("мемлекет", "мемлекеттер", "plural -тер"),
    ("мектеп", "мектептерде", "plural + locative -де"),
    ("бала", "балалар", "plural -лар"),
    ("Қазақстан", "Қазақстанға", "dative -ға"),
    ("мемлекет", "мемлекетке", "dative -ке"),
    ("Мемлекет басшысы", "Мемлекет басшысының", "izafet head + genitive"),
    ("Мемлекет басшысы", "Мемлекет басшысына", "izafet head + dative -на"),
    ("жасанды интеллект", "жасанды интеллектпен", "instrumental -пен"),
    ("білім беру бағдарламасы", "білім беру бағдарламалары", "izafet head: plural + possessive"),
    ("кітап", "кітабы", "п -> б before a vowel"),
    ("бөлік", "бөлігі", "к -> г before a vowel"),
    ("Қытай", "Қытайдан", "ablative -дан"),
    ("Астана", "Астанадағы", "-дағы"),
    ("орын", "орнына", "vowel loss: орын -> орн- + poss3 + dative"),
    ("халық", "халқы", "vowel loss: халық -> халқы"),
    ("ауыз", "аузы", "vowel loss: ауыз -> аузы"),
    ("жұмыс орны", "жұмыс орындарының", "izafet head with vowel loss takes the plural"),
    ("пікір", "пікірінше", "equative -нше after poss3"),
    ("мәлімет", "мәліметінше", "equative -нше after poss3"),
    ("мектеп", "Мектебі", "п -> б, sentence-initial capital"),
    ("ел", "елімізде", "1pl possessive + locative on a two-letter stem"),
    ("даму", "дамуы", "у ends a stem like a consonant: poss3 -ы, not -сы"),
    ("басқару", "басқаруын", "у + poss3 + accusative -н"),
]


@pytest.mark.parametrize(("term", "form", "rule"), KK_FORMS)
def test_kazakh_inflection(term: str, form: str, rule: str) -> None:
    assert contains_term(f"Бұл {form} туралы.", term, "kk"), rule


@pytest.mark.parametrize(
    ("term", "text", "lang"),
    [
        ("Китай", "в Китае", "ru"),
        ("искусственный интеллект", "развитие искусственного интеллекта", "ru"),
        ("Глава государства", "заявил Глава государства", "ru"),
        ("export", "IT exports grew", "en"),
        ("Head of State", "the Head of State's interview", "en"),
        ("жасанды интеллект", "жасанды интеллектпен", "kk"),
        ("Министерство цифрового развития", "сообщили в Министерстве цифрового развития", "ru"),
        ("Глава государства", "встреча с Главой государства", "ru"),
        ("Кабинет Министров", "постановление Кабинета Министров", "ru"),
        ("рабочее место", "создано 12 тысяч рабочих мест", "ru"),
        ("населённый пункт", "в отдалённых населенных пунктах", "ru"),
        (
            "Министерство высшего образования, науки и инноваций",
            "Министерством высшего образования, науки и инноваций",
            "ru",
        ),
        # Snowball stems these dictionary forms shorter than their oblique forms: both are indexed.
        ("Казахстан", "в Казахстане", "ru"),
        ("Узбекистан", "из Узбекистана", "ru"),
        ("Касым-Жомарт Токаев", "интервью Касыма-Жомарта Токаева", "ru"),
        ("хокимият", "хокимиятом области", "ru"),
        ("Head of State", "Heads of State met", "en"),
        ("Cabinet of Ministers", "the Cabinet of Ministers' decision", "en"),
        ("United Arab Emirates", "the United Arab Emirates’ company", "en"),
        ("company", "two companies", "en"),
        ("Мемлекет басшысы", "Мемлекет басшысымен кездесті", "kk"),
        ("жұмыс орны", "жаңа жұмыс орындары ашылды", "kk"),
        ("Министрлер Кабинеті", "Министрлер Кабинетінің қаулысы", "kk"),
        ("кәсіпорын", "кәсіпорны", "kk"),
    ],
)
def test_target_side_forms(term: str, text: str, lang: str) -> None:
    assert contains_term(text, term, lang)


@pytest.mark.parametrize(
    ("term", "text", "lang"),
    [
        ("компьютер", "иккита суперкомпьютер ишга туширилди", "uz"),
        ("интеллект", "интеллектуал салоҳият", "uz"),
        ("технопарк", "технология соҳасидаги", "uz"),
        ("давлат", "давлатчилик анъаналари", "uz"),
        ("form", "the format", "en"),
        ("state", "a statement", "en"),
        ("city", "every citizen", "en"),
        ("закон", "законодательство", "ru"),
        ("министр", "министерство", "ru"),
        ("Китай", "китаист", "ru"),
        ("мемлекет", "мемлекеттілік", "kk"),
        ("мемлекет", "мемлекеттік басқару", "kk"),
        ("ел", "елшісі елордадағы", "kk"),
        ("ай", "айтуынша", "kk"),
        ("министр", "министрлігі министрліктің", "kk"),
        ("Президент", "Президентлик сайлови", "uz"),
        ("ҳоким", "вилоят ҳокимлиги", "uz"),
        ("ер", "Ерталаб ерли ишлаб чиқарувчилар", "uz"),
        ("ой", "ойлик маоши", "uz"),
        ("ош", "экспорт ошди ва ошади, oshirish", "uz"),
        ("интеллект", "intellektual salohiyat", "uz"),
        ("маълумотнома", "маълумотлар", "uz"),
        ("вазир", "вазирлиги вазирликнинг", "uz"),
        ("давлат хизмати", "давлат, хизмати", "uz"),
        ("бош", "Бошқа давлатлар", "uz"),  # dative -қа only after қ
        ("иш", "ишчи гуруҳи", "uz"),  # -чи is the agent suffix here
        ("иқтисод", "иқтисодчи олимлар", "uz"),
        ("пах", "пахта", "uz"),  # no locative -та in literary Uzbek
        ("даму", "дамусы", "kk"),
    ],
)
def test_no_hits_inside_other_words(term: str, text: str, lang: str) -> None:
    assert not find_in_text(text, [term], lang, fuzzy=True)


def test_longest_match_first() -> None:
    hits = find_in_text("Давлат раҳбарининг сўзларига кўра", ["давлат", "Давлат раҳбари"], "uz")
    assert [(h.term, h.text) for h in hits] == [("Давлат раҳбари", "Давлат раҳбарининг")]


def test_fuzzy_typo_has_lower_visible_score() -> None:
    hits = find_in_text("Қозогистонда янги қонун", ["Қозоғистон"], "uz", fuzzy=True)
    assert len(hits) == 1 and hits[0].kind == "fuzzy" and hits[0].score <= 85
    assert not find_in_text("Қозогистонда", ["Қозоғистон"], "uz", fuzzy=False)


@pytest.mark.parametrize(
    ("text", "term", "lang"),
    [
        ("Ozbekistonda", "Ўзбекистон", "uz"),  # a missing apostrophe, even in the first two letters
        ("Qozogistonning", "Қозоғистон", "uz"),
        ("Казақстанда", "Қазақстан", "kk"),  # a missing Kazakh diacritic
        ("Самарқандда", "Самарканд", "uz"),  # к for қ
        ("Қозоғистнда", "Қозоғистон", "uz"),  # a dropped letter inside a long word
    ],
)
def test_fuzzy_confusable_letters(text: str, term: str, lang: str) -> None:
    assert find_in_text(text, [term], lang, fuzzy=True)


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("эксперт", "экспорт"),
        ("экспертлари", "экспорт"),
        ("талаби", "талаба"),
        ("маданиятли", "маданият"),  # -ли makes an adjective: not a typo at the word's end
        ("инвестиций", "инвестиция"),  # a Russian ending
    ],
)
def test_fuzzy_needs_a_confusable_letter_in_short_words(text: str, term: str) -> None:
    assert not find_in_text(text, [term], "uz", fuzzy=True)


def test_acronyms_only_in_capitals() -> None:
    assert [h.text for h in find_in_text("IT sohasi, it hurdi", ["IT"], "uz")] == ["IT"]
    assert [h.text for h in find_in_text("АҚШнинг ва AQShning", ["АҚШ"], "uz")] == ["АҚШнинг", "AQShning"]


def test_case_and_apostrophe_variants() -> None:
    for text in ("QOZOG'ISTONDA", "qozog‘istonda", "Qozogʻistonda", "ҚОЗОҒИСТОНДА"):
        assert contains_term(text, "Qozogʻiston", "uz"), text
    assert contains_term("ta'lim dasturlari", "taʼlim dasturi", "uz")


def test_hit_targets_and_json_shape() -> None:
    glossary = Glossary("news", ["uz", "kk", "ru", "en"], [], [
        Concept({"uz": ("Давлат раҳбари",), "kk": ("Мемлекет басшысы",), "ru": ("Глава государства",),
                 "en": ("Head of State",)}).with_id(),
    ])  # fmt: skip
    (hit,) = LoadedGlossary(glossary).find("деди Давлат раҳбари.", "uz")
    data = hit.to_json()
    assert data["term"] == "Давлат раҳбари" and (data["start"], data["end"]) == (5, 19)
    assert data["targets"] == {"kk": "Мемлекет басшысы", "ru": "Глава государства", "en": "Head of State"}
    assert data["score"] == 100 and data["kind"] == "exact" and data["glossary"] == "news"
