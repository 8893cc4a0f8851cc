"""Names and tokens kept (kept-token) and the checks across the targets of a segment, on real sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from tarjimon.core.glossary.store import GlossarySet, load_glossary
from tarjimon.core.qa import check_segment
from tarjimon.core.qa.tokens import check_tokens, names_table, source_tokens
from tarjimon.core.workbench import Workbench

CRYPTO = "Рақамли активлар учун CryptoCity синов зонаси яратилмоқда."


def kinds(source: str, target: str, lang: str, others: dict[str, str] | None = None, **kw: object) -> list[str]:
    return [f.check for f in check_segment(source, target, lang, source_lang="uz", other_targets=others,
                                           **kw)]  # type: ignore[arg-type]


def test_the_issues_example_a_dropped_latin_name_is_found() -> None:
    found = check_segment(CRYPTO, "A test zone for digital assets is being created.", "en", source_lang="uz")
    assert [(f.check, f.severity) for f in found] == [("kept-token", "warning")]
    assert "CryptoCity" in found[0].message


@pytest.mark.parametrize(("target", "lang"), [
    ("A CryptoCity test zone for digital assets is being created.", "en"),
    ("CryptoCity's test zone for digital assets is being created.", "en"),
    ("Для цифровых активов создаётся тестовая зона CryptoCity.", "ru"),
    ("Для цифровых активов создаётся тестовая зона «КриптоСити».", "ru"),
    ("Цифрлық активтер үшін CryptoCity-де сынақ аймағы құрылуда.", "kk"),
])
def test_a_name_kept_as_written_inflected_or_transliterated_passes(target: str, lang: str) -> None:
    assert "kept-token" not in kinds(CRYPTO, target, lang)


def test_urls_emails_hashtags_and_handles_must_be_kept_as_written() -> None:
    source = "Батафсил: https://uza.uz/oz/posts/123, info@uza.uz, #UzA ва @uza_news."
    assert [t.kind for t in source_tokens(source)] == ["url", "email", "hashtag", "handle"]
    good = "Подробнее: https://uza.uz/oz/posts/123, info@uza.uz, #UzA и @uza_news."
    assert check_tokens(source, good, "ru") == []
    bad = "Подробнее: на сайте агентства, info@uza.uz, #УзА и @uza_news."
    (found,) = check_tokens(source, bad, "ru")
    assert "https://uza.uz/oz/posts/123" in found[1] and "#UzA" in found[1]


def test_acronyms_transliterated_and_from_the_names_table() -> None:
    source = "NATO ва UN вакиллари учрашди."
    assert check_tokens(source, "Встретились представители НАТО и ООН.", "ru") == []
    assert check_tokens(source, "НАТО және БҰҰ өкілдері кездесті.", "kk") == []
    (found,) = check_tokens(source, "Встретились представители НАТО.", "ru")
    assert "“UN”" in found[1] and "NATO" not in found[1]


def test_a_latin_source_only_expects_acronyms_brands_and_words_with_digits() -> None:
    source = "Toshkentda IT Park va iPhone 15 taqdimoti bo'ldi."
    assert [t.text for t in source_tokens(source)] == ["IT", "iPhone"]


def test_the_project_names_table_extends_the_package_one(tmp_path: Path) -> None:
    source = "Apple компанияси Тошкентда офис очди."
    target = "Компания Эппл открыла офис в Ташкенте."
    assert check_tokens(source, target, "ru") != []
    (tmp_path / "names.tsv").write_text("# ours\nru\tApple\tЭппл\n", encoding="utf-8")
    assert check_tokens(source, target, "ru", names_table(tmp_path / "names.tsv")) == []


def test_the_project_names_file_is_used_by_the_workbench(tmp_path: Path) -> None:
    article = tmp_path / "a-uz.txt"
    article.write_text("Apple компанияси Тошкентда янги офис очганини маълум қилди.\n", encoding="utf-8")
    with Workbench.create(tmp_path / "projects", "p", "uz", ["ru"], glossaries_dir=tmp_path / "g") as project:
        project.import_file(article)
        project.save_target(project.segments()[0].id, "ru", "Компания Эппл сообщила, что открыла новый офис в Ташкенте.")
        assert [f.check for f in project.qa(spelling=False)] == ["kept-token"]
        (project.folder / "names.tsv").write_text("ru\tApple\tЭппл\n", encoding="utf-8")
        assert project.qa(spelling=False) == []


# ---- across targets -------------------------------------------------------------------------------------
BILLION = "Марказ қурилишига 12 млрд. сўм сарфланди."
TARGETS = {"kk": "Орталықтың құрылысына 12 млрд сом жұмсалды.",
           "ru": "На строительство центра потрачено 12 млрд сумов.",
           "en": "12 billion soums were spent on building the centre."}


def test_twelve_billion_everywhere_is_clean_and_twelve_million_in_one_is_one_finding() -> None:
    for lang, text in TARGETS.items():
        assert kinds(BILLION, text, lang, TARGETS) == []
    wrong = {**TARGETS, "en": "12 million soums were spent on building the centre."}
    found = {lang: kinds(BILLION, text, lang, wrong) for lang, text in wrong.items()}
    assert found == {"kk": [], "ru": [], "en": ["across-number"]}


def test_a_number_two_targets_add_and_the_third_lacks() -> None:
    source = "Форумда кўплаб мамлакатлар вакиллари иштирок этди."
    targets = {"kk": "Форумға 40 елдің өкілдері қатысты.", "ru": "В форуме приняли участие представители 40 стран.",
               "en": "Representatives of many countries took part in the forum."}
    found = {lang: kinds(source, text, lang, targets) for lang, text in targets.items()}
    assert found["en"] == ["across-number"] and found["kk"] == ["number"] and found["ru"] == ["number"]


@pytest.fixture
def glossary(tmp_path: Path) -> GlossarySet:
    path = tmp_path / "g.tsv"
    path.write_text("uz\tkk\tru\ten\n\tжасанды интеллект\tискусственный интеллект\tartificial intelligence\n",
                    encoding="utf-8")
    return GlossarySet([load_glossary(path, "t", cache_dir=tmp_path / ".cache")])


def test_a_term_two_targets_use_and_the_third_lacks(glossary: GlossarySet) -> None:
    source = "Янги технологиялар ҳақида маъруза бўлди."  # the source has no glossary term
    targets = {"kk": "Жасанды интеллект технологиялары туралы баяндама болды.",
               "ru": "Прозвучал доклад о технологиях искусственного интеллекта.",
               "en": "There was a talk on new technologies."}
    found = {lang: kinds(source, text, lang, targets, glossary=glossary) for lang, text in targets.items()}
    assert found == {"kk": [], "ru": [], "en": ["across-term"]}
    targets["en"] = "There was a talk on artificial intelligence technologies."
    assert kinds(source, targets["en"], "en", targets, glossary=glossary) == []


def test_a_name_two_targets_add_and_the_third_drops() -> None:
    source = "Агентлик хабарига кўра, форум эртага бошланади."
    targets = {"kk": "Kazinform хабарлауынша, форум ертең басталады.",
               "ru": "Как сообщает Kazinform, форум начнётся завтра.",
               "en": "According to the agency, the forum starts tomorrow."}
    found = {lang: kinds(source, text, lang, targets) for lang, text in targets.items()}
    assert found == {"kk": [], "ru": [], "en": ["across-name"]}


def test_a_truncated_target_is_much_shorter_than_its_siblings() -> None:
    source = "Сунъий интеллект технологиялари Тошкентда ҳам жадал ривожланмоқда."
    targets = {"kk": "Жасанды интеллект технологиялары Ташкентте де қарқынды дамып келеді.",
               "ru": "Технологии искусственного интеллекта бурно развиваются и в Ташкенте.",
               "en": "Artificial intelligence technologies are developing rapidly in Tashkent too."}
    assert all(kinds(source, t, lang, targets) == [] for lang, t in targets.items())
    short = {**targets, "en": "AI technologies."}
    assert kinds(source, short["en"], "en", short) == ["length-ratio"]
    assert kinds(source, short["kk"], "kk", short) == []
