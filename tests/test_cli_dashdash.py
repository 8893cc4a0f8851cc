"""POSIX's `--` on every command taking free text: a query starting with "-" follows `--`, wherever the
options stand (`tm search NAME --target kk --json -- "-5%"` was argparse's "unrecognized arguments")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ARTICLE = "Narx -5% ga tushdi. Yangi koʻprik qurildi.\n"


@pytest.fixture
def story(cli, tmp_path: Path) -> str:  # type: ignore[no-untyped-def]
    assert cli("new", "story", "--source", "uz", "--targets", "kk,ru").code == 0
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    assert cli("import", "story", tmp_path / "a.txt").code == 0
    return "story"


@pytest.mark.parametrize("order", [
    ("story", "--target", "kk", "--json", "--", "-5%"),  # the brief's spelling: options after NAME
    ("story", "--json", "--target", "kk", "--", "-5%"),
    ("--target", "kk", "--json", "story", "--", "-5%"),  # README's spelling
    ("story", "--target=kk", "--limit", "3", "--json", "--", "-5%"),
    ("story", "--tar", "kk", "--json", "--", "-5%"),  # (a unique prefix, as argparse takes one)
])  # fmt: skip
def test_tm_search_takes_a_dash_query_after_double_dash_in_any_order(cli, story: str, order) -> None:  # type: ignore[no-untyped-def]
    done = cli("tm", "search", *order)
    assert done.code == 0, done.err
    assert json.loads(done.out) == {"query": "-5%", "matches": []}


def test_replace_takes_a_dash_find_text_after_the_options(cli, story: str) -> None:  # type: ignore[no-untyped-def]
    done = cli("replace", story, "--target", "kk", "--dry-run", "--json", "--", "-5%", "-6%")
    assert done.code == 0, done.err
    assert json.loads(done.out)["changes"] == []


def test_glossary_find_takes_the_text_as_a_word_after_double_dash(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert cli("glossary", "add", "g", "--uz", "narx", "--kk", "баға").code == 0
    done = cli("glossary", "find", "g", "--lang", "uz", "--json", "--", "-5% narx")
    assert done.code == 0, done.err
    assert [(h["term"], h["start"]) for h in json.loads(done.out)] == [("narx", 4)]
    with pytest.raises(SystemExit):  # the text once: as a word or --text, not both
        cli("glossary", "find", "g", "--lang", "uz", "--text", "narx", "--", "-5%")


def test_concordance_translit_segment_take_a_dash_word_after_the_options(cli, story: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    done = cli("tm", "concordance", story, "--json", "--", "-5%")
    assert (done.code, json.loads(done.out)) == (0, [])
    assert cli("translit", "--to", "cyrillic", "--", "-5% narx").out == "-5% нарх\n"
    (tmp_path / "-dash.txt").write_text(ARTICLE, encoding="utf-8")
    done = cli("segment", "--lang", "uz", "--json", "--", "-dash.txt")
    assert json.loads(done.out) == ["Narx -5% ga tushdi.", "Yangi koʻprik qurildi."]


def test_words_after_double_dash_are_never_options(cli, story: str) -> None:  # type: ignore[no-untyped-def]
    # POSIX: after `--` everything is an operand, so an option there is not read as one
    with pytest.raises(SystemExit):
        cli("tm", "search", story, "--", "-5%", "--target", "kk")
