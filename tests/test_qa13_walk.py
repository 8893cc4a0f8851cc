"""A reviewer's walk over the seed article translated into Kazakh and Russian (tests/data/lang12): the correct
translation raises nothing but one dismissable glossary warning; each planted error (a changed number, a term
replaced, a full stop dropped, a placeholder added, the source left, the Russian pasted into the kk column,
Russian typed in the kk column, a quotation mark dropped, a name dropped, a double space, a Latin letter) is
found once, by the right check, on the right segment and language, with a message naming what is wrong."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tarjimon.core.workbench import Workbench

REPO = Path(__file__).resolve().parents[1]
SEED = REPO.parent / "shared" / "seeds" / "kazinform-2026-01-05-uz.txt"
TRANSLATION = REPO / "tests" / "data" / "lang12" / "article_kk_ru.tsv"

# segment number (from 1), language -> (what is replaced, by what; None: the whole target), check, words of the message
PLANTED = {
    (18, "kk"): (("2025 жылы", "2024 жылы"), "number", "2025 of the source is not in the target, which has 2024"),
    (26, "ru"): (("искусственного интеллекта", "машинного разума"), "glossary-term", "should be “Министерство"),
    (33, "ru"): (("работа.", "работа"), "end-punctuation", "the target with no end punctuation"),
    (20, "kk"): (("басталды.", "басталды {0}."), "tags", "extra {0}"),
    (21, "kk"): ("source", "untranslated", "the same as the source"),
    (22, "kk"): ("ru", "same-as-other-target", "the same as the ru target"),
    (10, "kk"): ((None, "Китай тоже не собирается отступать и видит в этом вопрос национального престижа."),
                 "wrong-language", "looks Russian, not Kazakh"),
    (28, "ru"): (("«В школах", "В школах"), "quotes", "the source opens or closes a quotation here"),
    (19, "ru"): (("тестовая зона CryptoCity", "тестовая зона"), "kept-token", "“CryptoCity”"),
    (30, "kk"): (("жасанды интеллект", "жасанды  интеллект"), "whitespace", "double space"),
    (31, "ru"): (("корабль", "кoрабль"), "script-mix", "“кoрабль” (Latin o)"),
}


@pytest.fixture
def walk(tmp_path: Path, cli):  # type: ignore[no-untyped-def]
    if not SEED.is_file():
        pytest.skip(f"the seed article is not here ({SEED})")
    assert cli("new", "walk", "--source", "uz", "--targets", "kk,ru").code == 0
    assert cli("import", "walk", SEED).code == 0
    assert cli("glossary", "attach", "walk", "news").code == 0
    rows = [line.split("\t") for line in TRANSLATION.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]  # fmt: skip
    with Workbench.open(tmp_path / "projects", "walk") as project:
        segments = project.segments()
        assert len(segments) == len(rows) == 35
        for number, kk, ru in rows:
            project.confirm(segments[int(number)].id, "kk", kk)
            project.confirm(segments[int(number)].id, "ru", ru)
    return cli


def _qa(cli) -> list[dict]:  # type: ignore[no-untyped-def,type-arg]
    result = cli("qa", "walk", "--no-spelling", "--json")
    assert result.code in (0, 1) and result.err == "", result.err
    return json.loads(result.out)  # type: ignore[no-any-return]


def test_the_correct_translation_raises_one_dismissable_warning(walk) -> None:  # type: ignore[no-untyped-def]
    found = _qa(walk)
    # мамлакатимиздан (from our country) as отечественные (home-grown): right, and not the glossary's страна
    assert [(f["index"], f["lang"], f["check"]) for f in found] == [(24, "ru", "glossary-term")]
    assert walk("qa", "ignore", "walk", "segment 24", "ru", "glossary-term", "--reason", "отечественные: right").code == 0
    result = walk("qa", "walk", "--no-spelling")
    assert (result.code, result.out, result.err) == (0, "no findings\n", "")


def test_every_planted_error_is_found_once_on_its_segment(walk, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with Workbench.open(tmp_path / "projects", "walk") as project:
        rows = project.rows()
        for (number, lang), (how, _check, _words) in PLANTED.items():
            row = rows[number - 1]
            text = row.targets[lang].text
            if how == "source":
                text = row.segment.source
            elif how == "ru":
                text = row.targets["ru"].text
            elif how[0] is None:
                text = how[1]
            else:
                assert how[0] in text, (number, lang, how)
                text = text.replace(*how)
            project.confirm(row.segment.id, lang, text)
    found = [f for f in _qa(walk) if (f["index"], f["lang"], f["check"]) != (24, "ru", "glossary-term")]
    got = sorted((f["index"], f["lang"], f["check"]) for f in found)
    assert got == sorted((n, lang, check) for (n, lang), (_how, check, _words) in PLANTED.items())
    for f in found:
        assert PLANTED[(f["index"], f["lang"])][2] in f["message"], f
        assert f["place"] == f"segment {f['index']}" and f["document"] == SEED.name
    text = walk("qa", "walk", "--no-spelling").out
    assert "segment 18: 2025 йилда" in text and text.rstrip().endswith("2 errors, 10 warnings")  # (24 ru among them)
