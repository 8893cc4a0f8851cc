"""`tarjimon translit` and `tarjimon segment` on a whole article with the newsroom header line
(` date 2026-01-05 Title`): translit used to write ` дате 2026-01-05 ...` (the Latin article turned Cyrillic
then imported without its date, the header read as a sentence), and segment printed `date 2026-01-05` as part
of the first sentence."""

from __future__ import annotations

from pathlib import Path

LATIN = " date 2026-01-05 Prezident: Qozogʻiston raqamli davlatga aylanishi kerak\nBu haqda Davlat rahbari aytib oʻtdi.\n"


def test_translit_of_an_article_keeps_the_header_keyword(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    done = cli("translit", "-", "--to", "cyrillic", stdin="\n" + LATIN)
    assert done.code == 0
    assert done.out == "\n date 2026-01-05 Президент: Қозоғистон рақамли давлатга айланиши керак\n" \
                       "Бу ҳақда Давлат раҳбари айтиб ўтди.\n"  # fmt: skip
    (tmp_path / "cyr.txt").write_text(done.out, encoding="utf-8")
    assert cli("new", "seed", "--source", "uz", "--targets", "kk").code == 0
    assert cli("import", "seed", tmp_path / "cyr.txt").code == 0
    listed = cli("segments", "list", "seed", "1").out.splitlines()
    assert listed[0].split("\t")[2] == "Президент: Қозоғистон рақамли давлатга айланиши керак"
    back = cli("translit", "-", "--to", "latin", stdin=done.out)
    assert back.out == "\n" + LATIN
    # a "date" anywhere else is a word like any other
    assert cli("translit", "Bugun date", "--to", "cyrillic").out == "Бугун дате\n"


def test_segment_gives_the_headline_without_the_date(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.txt").write_text(LATIN, encoding="utf-8")
    done = cli("segment", tmp_path / "a.txt", "--lang", "uz")
    assert done.out.splitlines() == ["Prezident: Qozogʻiston raqamli davlatga aylanishi kerak",
                                     "Bu haqda Davlat rahbari aytib oʻtdi."]  # fmt: skip
