"""The wrong-language check: a target in another language than its column's (pasted, left, typed without its
letters), on sentences of the real article and of ../shared's parallel texts; short targets and names spared."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from testkit import REPO, SHARED

from tarjimon.core.qa import check_segment
from tarjimon.core.qa.language import judge

SOURCE = "Қозоғистон рақамли давлатга айланиши керак, деди Давлат раҳбари Қасим-Жомарт Тоқаев «Turkistan» газетасига."
KK = "Қазақстан цифрлық мемлекетке айналуы керек, деді Мемлекет басшысы Қасым-Жомарт Тоқаев «Turkistan» газетіне."
RU = "Казахстан должен стать цифровым государством, заявил Глава государства Касым-Жомарт Токаев в интервью газете."
EN = "Kazakhstan must become a digital state, the Head of State Kassym-Jomart Tokayev told the «Turkistan» newspaper."
UZ_LATIN = "Qozogʻiston raqamli davlatga aylanishi kerak, dedi Davlat rahbari Qasim-Jomart Toqayev gazetaga bergan suhbatida."


def checks_of(target: str, lang: str, source: str = SOURCE) -> list[str]:
    return [f.check for f in check_segment(source, target, lang, source_lang="uz")]


def test_each_target_in_its_own_column_passes() -> None:
    for target, lang in ((KK, "kk"), (RU, "ru"), (EN, "en"), (UZ_LATIN, "uz"), (SOURCE, "uz")):
        assert judge(target, lang) is None, (lang, judge(target, lang))


@pytest.mark.parametrize(("target", "column", "looks"), [
    (RU, "kk", "looks Russian, not Kazakh"),  # the Russian version pasted into the Kazakh column
    (KK, "ru", "looks Kazakh, not Russian"),
    (UZ_LATIN, "en", "looks Uzbek, not English"),  # the Uzbek source (in Latin) left in the English column
    (SOURCE, "kk", "looks Uzbek, not Kazakh"),  # Uzbek Cyrillic shares қ ғ with Kazakh: ў ҳ and its words tell
    (EN, "ru", "looks English, not Russian"),
    (KK, "uz", "looks Kazakh, not Uzbek"),
])
def test_a_target_in_another_language_is_found_and_the_message_says_why(target: str, column: str,
                                                                         looks: str) -> None:
    source = UZ_LATIN if target == SOURCE else SOURCE  # (the source itself is `untranslated`'s)
    found = [f for f in check_segment(source, target, column, source_lang="uz") if f.check == "wrong-language"]
    assert len(found) == 1 and found[0].severity == "warning"
    assert found[0].message.startswith(looks), found[0].message
    assert "function word" in found[0].message or "letter" in found[0].message


def test_the_russian_message_counts_the_kazakh_letters_and_names_the_russian_words() -> None:
    why = judge(RU, "kk") or ""
    assert "no Kazakh letter in 10 words" in why and "Russian function word (в)" in why, why
    why = judge("Он сказал, что это было не так, и мы с ним согласились.", "kk") or ""
    assert why.startswith("looks Russian, not Kazakh: 0 words with Kazakh letters, 0 Kazakh function words; "
                          "1 word with Russian letters or endings, 9 Russian function words (он, что, это, было, не, "
                          "так, и, мы)"), why  # согласились: a Russian ending (lang12)


def test_kazakh_typed_without_its_letters_is_found() -> None:
    bare = "Бул жоба бойынша жане казир барлык мектептерде жана сабактар откизиледи деп хабарлады."
    why = judge(bare, "kk") or ""
    assert why.startswith("Kazakh typed without its letters?"), why
    assert "жане" in why
    # the same sentence with its letters is Kazakh
    assert judge("Бұл жоба бойынша және қазір барлық мектептерде жаңа сабақтар өткізіледі деп хабарлады.", "kk") is None


@pytest.mark.parametrize("target", [
    "Тоқаев",  # a name
    "Президент «Янги Ўзбекистон» газетасига.",  # short
    "ASTANA. Kazinform",  # a dateline
    "https://kun.uz/news?a=1&b=2 {0} ⟨1⟩ %s",  # a URL and tags
    "12.01.2026 — 650 000 / 12 млрд",  # numbers
    "Kazinform, Turkistan, CryptoCity, Astana Hub, UNESCO, NATO",  # names and acronyms
])
def test_short_targets_names_numbers_urls_and_tags_are_not_judged(target: str) -> None:
    for column in ("kk", "ru", "en", "uz"):
        if column == "en" and target.startswith("Президент"):
            continue  # a short Cyrillic sentence in the English column is found since lang13 (below)
        assert judge(target, column) is None, (column, target)


# lang13: English typed in the Kazakh column passed QA when short (fewer than MIN_WORDS judged words): the
# script alone tells, when the column's script is nowhere in the text and a lower-case common word is there.
@pytest.mark.parametrize(("target", "column"), [
    ("Thank you", "kk"),
    ("Save changes?", "kk"),
    ("Open the file", "ru"),
    ("Kazakhstan must become digital.", "kk"),
    ("The interview was published", "kk"),
    ("Error reading file: %s", "ru"),  # a placeholder put aside, the words judged
    ("Сәлем әлем", "en"),
    ("Президент «Янги Ўзбекистон» газетасига.", "en"),
])
def test_a_short_target_in_the_other_script_is_found(target: str, column: str) -> None:
    why = judge(target, column) or ""
    assert why.startswith(("not ", "looks English")), (target, column, why)
    found = [f for f in check_segment(SOURCE, target, column, source_lang="uz") if f.check == "wrong-language"]
    assert len(found) == 1, found


@pytest.mark.parametrize("target", [
    "Astana Hub",  # a name
    "Logitech Cordless Desktop",  # names only, no common word in lower case
    "Logitech diNovo",
    "Copyright (C) 2018 Free Software Foundation, Inc.",
    "A4x3",  # a paper size
    "prc 16k",
    "default:mm",
    "git branch [<options>]",  # code
    "majorid: %u, minorid: %u",  # a debug line's fields
    "Sálem álem",  # Kazakh in its Latin alphabet
    "Wi-Fi",
])
def test_short_latin_names_and_code_in_a_cyrillic_column_are_spared(target: str) -> None:
    assert judge(target, "kk") is None and judge(target, "ru") is None, target


@pytest.mark.parametrize(("target", "column", "looks"), [
    ("Сохранить изменения?", "kk", "looks Russian, not Kazakh"),  # two Russian endings, no Kazakh letter
    ("Открыть новый файл", "kk", "looks Russian, not Kazakh"),
    ("Жаңа файл", "ru", "looks Kazakh, not Russian"),  # a letter of Kazakh's own, no Russian ending or word
    ("Файлды сақтау мүмкін емес", "ru", "looks Kazakh, not Russian"),
])
def test_short_russian_in_the_kazakh_column_and_kazakh_in_the_russian_one(target: str, column: str, looks: str) -> None:
    assert (judge(target, column) or "").startswith(looks), judge(target, column)


@pytest.mark.parametrize(("target", "column"), [
    ("Бас бет", "kk"), ("Бас бет", "ru"),  # Kazakh without a letter of its own: nothing to tell it by
    ("Файлды ашу", "kk"), ("Жаңа жоба", "kk"), ("Открыть файл", "ru"), ("Новый проект", "kk"),  # one ending: too little
    ("Ақорда сообщила", "ru"),  # қ is Uzbek's too, and a name
])
def test_short_cyrillic_targets_without_enough_evidence_are_spared(target: str, column: str) -> None:
    assert judge(target, column) is None, (target, column, judge(target, column))


def test_a_short_kazakh_target_with_a_latin_name_stays_kazakh_and_english_with_a_cyrillic_name_english() -> None:
    assert judge("Astana Hub резиденттері", "kk") is None
    assert judge("«Turkistan» газеті", "kk") is None
    assert judge("Welcome to Қазақстан", "en") is None


def test_a_short_quotation_is_put_aside_but_the_sentence_around_it_is_judged() -> None:
    # a Russian newspaper's name quoted in a Kazakh sentence: the Kazakh sentence stands
    assert judge("Бұл туралы «Российская газета» басылымына берген сұхбатында айтты.", "kk") is None


def test_the_source_copied_is_reported_once_as_untranslated() -> None:
    found = checks_of(SOURCE, "kk")
    assert "untranslated" in found and "wrong-language" not in found


def test_kazakh_in_its_latin_alphabet_is_kazakh() -> None:
    assert judge("Izdeý nátıjelerin júkteý qatesi boldy, qaıtadan kórińiz, biz bul jumysty jalǵastyramyz.", "kk") is None


def test_the_real_article_in_the_uzbek_column_passes_and_in_the_others_is_found() -> None:
    if not SHARED.exists():
        pytest.skip("../shared is missing")
    lines = [t for t in (SHARED / "seeds/kazinform-2026-01-05-uz.txt").read_text(encoding="utf-8").splitlines()[1:]
             if t.strip()]  # fmt: skip
    assert all(judge(t, "uz") is None for t in lines)
    long = [t for t in lines if len(t.split()) >= 8]
    assert long and all(judge(t, "en") for t in long)
    assert all(judge(t, "kk") for t in long)


def test_the_parallel_kazakh_and_uzbek_lines_pass_in_their_columns() -> None:
    par = SHARED / "data/parallel/apertium-kaz-uzb"
    if not par.exists():
        pytest.skip("../shared is missing")
    kk = [line.split("\t", 1)[-1] for line in (par / "kaz-big.txt").read_text(encoding="utf-8").splitlines()][:80]
    uz = [line.split("\t", 1)[-1] for line in (par / "uzb-big.txt").read_text(encoding="utf-8").splitlines()][:80]
    assert [t for t in kk if judge(t, "kk")] == []
    assert [t for t in uz if judge(t, "uz")] == []
    # and swapped, most long ones are found (recall is measured in bench/qa_language.py)
    assert sum(bool(judge(t, "kk")) for t in uz if len(t.split()) >= 8) >= 0.9 * sum(len(t.split()) >= 8 for t in uz)


def test_the_cli_reports_it_in_text_and_json(tmp_path) -> None:  # type: ignore[no-untyped-def]
    env = {"PYTHONPATH": str(REPO / "src"), "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    base = [sys.executable, "-m", "tarjimon", "--projects-dir", str(tmp_path)]

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*base, *args], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)

    source = tmp_path / "a.txt"
    source.write_text(SOURCE + "\n", encoding="utf-8")
    assert run("new", "p", "--source", "uz", "--targets", "kk,ru,en").returncode == 0
    assert run("import", "p", str(source)).returncode == 0
    from tarjimon.core.workbench import Workbench

    wb = Workbench.open(tmp_path, "p")
    try:
        wb.save_target(wb.segments()[0].id, "kk", RU, status="draft")
    finally:
        wb.close()
    text = run("qa", "p", "--no-spelling")
    assert text.returncode == 1 and "wrong-language" in text.stdout and "looks Russian" in text.stdout
    out = json.loads(run("qa", "p", "--no-spelling", "--json").stdout)
    assert [(f["lang"], f["check"]) for f in out if f["check"] == "wrong-language"] == [("kk", "wrong-language")]
