"""The planted-fault project: six segments, each with kk, ru and en targets; eight targets carry one planted
fault each (of different kinds), ten are right, with glossary terms inflected in kk, ru and en. QA must find
8 of 8 and say nothing on the 10 (spelling included: the dictionaries are needed, see test_qa_spelling)."""

from __future__ import annotations

from pathlib import Path

import pytest
from qa_helpers import need_dictionaries

from tarjimon.core.workbench import Workbench

GLOSSARY = """uz\tkk\tru\ten
сунъий интеллект\tжасанды интеллект\tискусственный интеллект\tartificial intelligence
давлат дастури\tмемлекеттік бағдарлама\tгосударственная программа\tstate programme
талаба\tстудент\tстудент\tstudent
лаборатория\tзертхана\tлаборатория\tlaboratory
"""

ARTICLE = """Рақамли активлар учун CryptoCity синов зонаси яратилмоқда.
Марказ қурилишига 12 млрд. сўм сарфланди.
Шунингдек, марказда сунъий интеллект бўйича лаборатория ташкил этилди.
Лойиҳа давлат дастури доирасида амалга оширилди.
Марказда 500 нафар талаба дастурлашни ўрганади.
Сунъий интеллект технологиялари Тошкентда ҳам жадал ривожланмоқда.
"""

CORRECT = {
    (1, "kk"): "Цифрлық активтер үшін CryptoCity сынақ аймағы құрылуда.",
    (1, "ru"): "Для цифровых активов создаётся тестовая зона CryptoCity.",
    (2, "kk"): "Орталықтың құрылысына 12 млрд сом жұмсалды.",
    (2, "ru"): "На строительство центра потрачено 12 млрд сумов.",
    (3, "ru"): "Кроме того, в центре создана лаборатория по искусственному интеллекту.",
    (4, "kk"): "Жоба мемлекеттік бағдарламаның аясында жүзеге асырылды.",
    (4, "en"): "The project was carried out under the state programme.",
    (5, "kk"): "Орталықта 500 студент бағдарламалауды үйренеді.",
    (5, "en"): "500 students will learn programming at the centre.",
    (6, "kk"): "Жасанды интеллектінің технологиялары Ташкентте де қарқынды дамып келеді.",
}
# (segment, lang) -> (target, the check that must find it)
FAULTS = {
    (1, "en"): ("A test zone for digital assets is being created.", "kept-token"),
    (2, "en"): ("12 million soums were spent on building the centre.", "across-number"),
    (3, "kk"): ("Сондай-ақ орталықта жасанды интеллект бойынша зертхна құрылды.", "spelling"),
    (3, "en"): ("The centre also opened a laboratory for machine learning.", "glossary-term"),
    (4, "ru"): ("Проект реализован в рамках государственной прогр\u0061ммы.", "script-mix"),  # a Latin a
    (5, "ru"): ("В центре программированию будут учиться 50 студентов.", "number"),
    (6, "ru"): ("Жасанды интеллектінің технологиялары Ташкентте де қарқынды дамып келеді.", "same-as-other-target"),
    (6, "en"): ("Artificial intelligence technologies.", "length-ratio"),
}


@pytest.fixture
def planted(tmp_path: Path) -> Workbench:
    need_dictionaries()
    article = tmp_path / "planted-uz.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    project = Workbench.create(tmp_path / "projects", "planted", "uz", ["kk", "ru", "en"],
                               glossaries_dir=tmp_path / "glossaries")
    (project.folder / "glossary.tsv").write_text(GLOSSARY, encoding="utf-8")
    project.import_file(article)
    segments = project.segments()
    assert len(segments) == 6
    for (n, lang), text in {**CORRECT, **{k: t for k, (t, _) in FAULTS.items()}}.items():
        project.save_target(segments[n - 1].id, lang, text)
    yield project
    project.close()


def test_eight_of_eight_faults_found_and_nothing_on_ten_correct_targets(planted: Workbench) -> None:
    ids = {seg.id: n for n, seg in enumerate(planted.segments(), 1)}
    findings = planted.qa()
    by_target: dict[tuple[int, str], set[str]] = {}
    for f in findings:
        by_target.setdefault((ids[f.segment], f.lang), set()).add(f.check)
    on_correct = {k: v for k, v in by_target.items() if k in CORRECT}
    assert on_correct == {}, [f for f in findings if (ids[f.segment], f.lang) in CORRECT]
    found = {k for k, (_, check) in FAULTS.items() if check in by_target.get(k, set())}
    assert found == set(FAULTS), {k: by_target.get(k) for k in FAULTS if k not in found}
    assert len(CORRECT) == 10 and len(FAULTS) == 8
    assert len({check for _, check in FAULTS.values()}) == 8  # eight different kinds


def test_twelve_billion_against_twelve_million_is_one_finding_on_en(planted: Workbench) -> None:
    seg = planted.segments()[1]
    across = [f for f in planted.qa() if f.segment == seg.id and f.check.startswith("across")]
    assert [(f.lang, f.check) for f in across] == [("en", "across-number")]
    assert "12 млрд" in across[0].message and "12 million" in across[0].message


def test_the_duplicate_is_reported_on_the_pasted_target_only(planted: Workbench) -> None:
    seg = planted.segments()[5]
    dup = [f.lang for f in planted.qa() if f.segment == seg.id and f.check == "same-as-other-target"]
    assert dup == ["ru"]
