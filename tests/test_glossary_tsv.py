"""Glossary TSV/CSV files: stable order, round trips (property tests) and bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tarjimon.core.errors import BadInput
from tarjimon.core.formats.tsv import csv_text, read_csv_text, read_tsv_text, tsv_text
from tarjimon.core.models.glossary import Concept, Glossary

LANGS = ["uz", "kk", "ru", "en"]
word = (
    st.text(alphabet=st.sampled_from(list("абвгқғўҳжасандыintelkəіңөүұ'ʻ-")), min_size=1, max_size=12)
    .map(lambda s: s.strip("-' "))
    .filter(lambda s: bool(s))
)
term = st.lists(word, min_size=1, max_size=3).map(" ".join)
terms = st.lists(term, min_size=1, max_size=3, unique=True).map(tuple)
concept = st.builds(
    lambda ts, note, status: Concept(ts, note, "", status).with_id(),
    st.dictionaries(st.sampled_from(LANGS), terms, min_size=1),
    st.sampled_from(["", "a note", "ko'p so'z"]),
    st.sampled_from(["", "preferred", "admitted", "forbidden"]),
)


def unique_first(concepts: list[Concept]) -> list[Concept]:
    from tarjimon.core.models.glossary import concept_key

    seen, out = set(), []
    for c in concepts:
        k = concept_key(c, LANGS)
        if k not in seen:
            seen.add(k)
            out.append(c)
    return out


def same(a: Glossary, b: Glossary) -> bool:
    def norm(g: Glossary) -> set[tuple]:
        return {(tuple(sorted(c.terms.items())), c.note, c.status) for c in g.concepts}

    return norm(a) == norm(b)


@settings(max_examples=60, deadline=None)
@given(st.lists(concept, max_size=8).map(unique_first))
def test_tsv_round_trip(concepts: list[Concept]) -> None:
    g = Glossary("t", list(LANGS), [], concepts)
    text = tsv_text(g)
    back = read_tsv_text(text, "t.tsv", "t")
    assert same(g, back)
    assert tsv_text(back) == text  # a second write changes nothing
    assert all(line == line.rstrip(" ") for line in text.split("\n"))
    assert "\r" not in text


@settings(max_examples=60, deadline=None)
@given(st.lists(concept, max_size=8).map(unique_first))
def test_csv_round_trip(concepts: list[Concept]) -> None:
    g = Glossary("t", list(LANGS), [], concepts)
    assert same(g, read_csv_text(csv_text(g), "t.csv", "t"))


@settings(max_examples=40, deadline=None)
@given(st.lists(concept, min_size=2, max_size=8).map(unique_first), st.randoms())
def test_written_order_is_independent_of_insertion_order(concepts: list[Concept], rnd) -> None:
    shuffled = list(concepts)
    rnd.shuffle(shuffled)
    assert tsv_text(Glossary("t", list(LANGS), [], concepts)) == tsv_text(
        Glossary("t", list(LANGS), [], shuffled)
    )


def test_two_translators_touch_different_lines() -> None:
    base = read_tsv_text("uz\tkk\nдавлат\tмемлекет\nқонун\tзаң\n", "g.tsv", "g")
    a = Glossary("g", ["uz", "kk"], [], [*base.concepts, Concept({"uz": ("ахборот",), "kk": ("ақпарат",)})])
    b = Glossary("g", ["uz", "kk"], [], [*base.concepts, Concept({"uz": ("шаҳар",), "kk": ("қала",)})])
    old, la, lb = tsv_text(base).split("\n"), tsv_text(a).split("\n"), tsv_text(b).split("\n")
    assert set(la) - set(old) == {"ахборот\tақпарат"} and set(lb) - set(old) == {"шаҳар\tқала"}


def test_synonyms_and_meta_columns() -> None:
    g = read_tsv_text(
        "uz\tru\tnote\tstatus\nАҚШ | Америка Қўшма Штатлари\tСША\tabbr\tpreferred\n", "g.tsv", "g"
    )
    (c,) = g.concepts
    assert c.terms["uz"] == ("АҚШ", "Америка Қўшма Штатлари") and c.note == "abbr" and c.status == "preferred"
    assert "АҚШ | Америка Қўшма Штатлари\tСША\tabbr\tpreferred" in tsv_text(g)


def test_region_and_script_tags_count_as_language() -> None:
    g = read_tsv_text("uz-Cyrl\tru-RU\tEN\nдавлат\tгосударство\tstate\n", "g.tsv", "g")
    assert g.langs == ["uz", "ru", "en"]


def test_a_repeated_term_with_another_translation_is_a_synonym() -> None:
    g = read_tsv_text("uz\tkk\nдавлат\tмемлекет\nқонун\tзаң\nДавлат\tел\n", "g.tsv", "g")
    assert [c.terms["kk"] for c in g.concepts] == [("мемлекет", "ел"), ("заң",)]


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("uz\tkk\nдавлат\tмемлекет\tортиқча\n", 2, "ragged"),
        ("uz\txx\nдавлат\tмемлекет\n", 1, "unknown language"),
        ("uz\tstatus\nдавлат\tbest\n", 2, "status"),
    ],
)
def test_bad_input_names_file_and_line(text: str, line: int, words: str) -> None:
    with pytest.raises(BadInput) as err:
        read_tsv_text(text, "bad.tsv", "bad")
    assert err.value.line == line and err.value.path == "bad.tsv" and words in err.value.message
    assert str(err.value).startswith(f"bad.tsv:{line}: ")


def test_news_glossary_is_valid_and_big_enough() -> None:
    path = Path(__file__).resolve().parents[1] / "src" / "tarjimon" / "glossaries" / "news.tsv"
    if not path.is_file():
        pytest.skip("glossaries/news.tsv not written yet")
    text = path.read_text(encoding="utf-8")
    g = read_tsv_text(text, path, "news")
    assert len(g.concepts) >= 150
    assert {"uz", "kk", "ru", "en"} <= set(g.langs)
    assert all(all(c.terms.get(lang) for lang in ("uz", "kk", "ru", "en")) for c in g.concepts)
    assert tsv_text(g) == text, "news.tsv is not in the stable written order"


def test_a_first_term_starting_with_hash_is_refused_not_lost_as_a_comment(cli, tmp_path: Path) -> None:
    """Before: `glossary add h --uz '#izoh' --kk ...` said 'concept added', but the row it wrote began with '#',
    which TSV (OmegaT's) reads as a comment: the glossary held 0 concepts. A CSV importing '#hashtag' lost it
    the same way. Now one line, exit 2, nothing written; a '#' inside a row (a kk term) is fine."""
    assert cli("glossary", "add", "h", "--uz", "saylov", "--kk", "сайлау").code == 0
    path = tmp_path / "glossaries" / "h.tsv"
    before = path.read_bytes()
    r = cli("glossary", "add", "h", "--uz", "#izoh", "--kk", "түсініктеме")
    assert r.code == 2 and r.err.count("\n") == 1 and "cannot start with '#'" in r.err, r.err
    csv = tmp_path / "terms.csv"
    csv.write_text("uz,kk\n#hashtag,хэштег\nkitob,кітап\n", encoding="utf-8")
    r = cli("glossary", "import", "h", csv)
    assert r.code == 2 and "'#hashtag'" in r.err, r.err
    assert path.read_bytes() == before
    assert cli("glossary", "add", "h", "--uz", "izoh", "--kk", "#түсініктеме").code == 0
    concepts = read_tsv_text(path.read_text(encoding="utf-8"), path, "h").concepts
    assert sorted(c.terms["uz"][0] for c in concepts) == ["izoh", "saylov"]


def test_a_spreadsheets_csv_with_trailing_empty_columns_reads_back_clean(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """LibreOffice/Excel's CSV: a BOM, `;`, CRLF, quoted cells (a line break, doubled quotes) and the empty
    columns a spreadsheet keeps at the right. Before, each came back as a "column 6" header and empty cells
    (trailing tabs) on every row of the glossary kept in git."""
    sheet = tmp_path / "sheet.csv"
    sheet.write_bytes(
        "\ufeffuz;kk;ru;en;note;;\r\nДавлат раҳбари;Мемлекет басшысы;Глава государства;Head of State;"
        '"line one\r\nline two";;\r\n"банк";"банк";"банк";"bank";"a ""quoted"" note";;\r\n;;;;;;\r\n'
        "солиқ;салық;налог;tax;;;x\r\n".encode()
    )
    assert cli("glossary", "import", "sheet", sheet).code == 0
    written = (tmp_path / "glossaries" / "sheet.tsv").read_text(encoding="utf-8")
    assert written == (
        "uz\tkk\tru\ten\tnote\tcolumn 7\n"
        "банк\tбанк\tбанк\tbank\ta \"quoted\" note\t\n"
        "Давлат раҳбари\tМемлекет басшысы\tГлава государства\tHead of State\tline one line two\t\n"
        "солиқ\tсалық\tналог\ttax\t\tx\n"
    )  # (a column without a header is kept where a row fills it: the last row's "x")
    sheet.write_bytes(sheet.read_bytes().replace(b";;x\r\n", b";;\r\n"))
    assert cli("glossary", "import", "sheet2", sheet).code == 0
    header = (tmp_path / "glossaries" / "sheet2.tsv").read_text(encoding="utf-8").split("\n", 1)[0]
    assert header == "uz\tkk\tru\ten\tnote"
