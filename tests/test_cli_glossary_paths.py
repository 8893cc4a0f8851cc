"""`tarjimon glossary show NAME TERM` and `glossary list` at 100,000 concepts, without their old detours: the
lines holding a term are found by searching the case-folded file (editing._lines_with), not by a loop over every
line: the same lines, in the same order, as testing each line, on random files, with case changes and folds
that change a length (ß -> ss). `list` counts a glossary's rows instead of parsing every concept
(LoadedGlossary.counts): the same counts and languages as the full reader's, on files of every shape. A load
after many adds looks for a twin of the new rows in one pass over the keys (Rows._any_in_use): a twin still
refuses the patch, a deleted row's key does not."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from tarjimon.cli.main import main
from tarjimon.core.formats.tsv import read_tsv
from tarjimon.core.glossary import editing, rowcache
from tarjimon.core.glossary.store import load_glossary
from tarjimon.core.workbench.glossaries import SharedGlossaries

LETTERS = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяўқғҳАБВГДЎҚҒҲabcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZß "


def _lines_naive(text: str, start: int, probes: set[str]) -> list[tuple[int, str]]:
    """Each line tested in turn (what `glossary show` did before)."""
    lines = text[start:].split("\n")
    return [(i, line) for i, line in enumerate(lines) if any(p in line.casefold() for p in probes)]


@pytest.mark.parametrize("seed", range(12))
def test_the_lines_found_are_the_lines_a_loop_finds(seed: int) -> None:
    rnd = random.Random(seed)
    alphabet = LETTERS if seed % 2 else LETTERS.replace("ß", "")  # (odd seeds: a fold that lengthens)
    lines = ["uz\tkk"] + [
        "\t".join("".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 9))) for _ in range(2))
        for _ in range(rnd.randint(0, 300))
    ]
    text = "\n".join(lines) + rnd.choice(["", "\n"])
    start = len(lines[0]) + 1
    for _ in range(20):
        source = rnd.choice(lines[1:] or ["аб"])
        at = rnd.randrange(len(source) + 1)
        probe = source[at : at + rnd.randint(1, 3)].casefold() or "а"
        probes = {probe, rnd.choice(["ss", "аб", "x", probe.upper().casefold()])}
        assert editing._lines_with(text, start, probes) == _lines_naive(text, start, probes), (seed, probes)


def test_show_finds_a_term_after_lines_whose_fold_is_longer(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "gl"
    folder.mkdir()
    (folder / "g.tsv").write_text(
        "uz\ten\nГРОСС\tStraße ß\nмактаб\tschool\nШАҲАР\tCity\nшаҳар маркази\tcity centre\n", encoding="utf-8"
    )
    args = ["--glossaries-dir", str(folder), "glossary", "show", "g"]
    assert main([*args, "STRASSE", "--json"]) == 0  # ß folds to ss: a line the length-keeping path cannot map
    assert [c["terms"]["en"] for c in json.loads(capsys.readouterr().out)] == [["Straße ß"]]
    assert main([*args, "shahar", "--json"]) == 0  # Latin query, Cyrillic terms; the exact term first
    assert [c["terms"]["uz"] for c in json.loads(capsys.readouterr().out)] == [["ШАҲАР"], ["шаҳар маркази"]]
    assert main([*args, "нет такого"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and "no concept has a term containing" in captured.err


def test_list_counts_what_the_full_reader_reads(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "gl"
    folder.mkdir()
    news = Path(editing.__file__).resolve().parents[2] / "glossaries" / "news.tsv"
    rnd = random.Random(3)
    rows = "".join(f"сўз{i}\tсөз{rnd.randint(0, 99)}\t\tword{i}\n" for i in range(200))
    files = {
        "news": news.read_text(encoding="utf-8"),
        "plain": "uz\tkk\tru\ten\n" + rows,
        "shapes": "\ufeffuz\tkk\tnote\tdomain\tx-source\r\n# a comment\r\nбанк\tбанк\tn\tfin\tsrc\r\n\r\n"
                  "қонун | закон\t\t\t\t\r\nдавлат\tмемлекет\t\t\t\r\n",
        "twins": "uz\tkk\nбанк\tбанк\nБанк\tқаржы\nмактаб\tмектеп\n",
        "empty": "uz\tkk\n",
        "ids": "id\tuz\ten\nc1\tбанк\tbank\nc2\tбанк\tbench\n",
    }  # fmt: skip
    for name, text in files.items():
        (folder / f"{name}.tsv").write_text(text, encoding="utf-8")
    for round_ in range(2):  # (the second time from the row caches the first wrote)
        listed = {i.name: (i.concepts, i.langs) for i in SharedGlossaries(folder).catalogue()}
        for name in files:
            full = read_tsv(folder / f"{name}.tsv", name)
            assert listed[name] == (len(full.concepts), tuple(full.all_langs())), (round_, name)
    for name in ("news", "plain"):  # counted from the rows, no concept parsed
        loaded = load_glossary(folder / f"{name}.tsv")
        assert loaded.counts()[0] > 0 and loaded._glossary is None, name
    assert main(["--glossaries-dir", str(folder), "glossary", "list"]) == 0
    assert "plain\t200 concepts\tuz,kk,ru,en" in capsys.readouterr().out.splitlines()


def test_a_patch_of_many_rows_is_refused_for_a_twin_and_taken_otherwise(tmp_path: Path) -> None:
    path = tmp_path / "g.tsv"
    base = [f"сўз{i:03d}\tсөз{i}" for i in range(60)]
    path.write_text("uz\tkk\n" + "\n".join(base) + "\n", encoding="utf-8")

    def patched(lines: list[str]) -> tuple[list[int], list[int]] | None:
        rows = rowcache.Rows.read(path, *rowcache.read_file(path))
        assert rows is not None
        path.write_text("uz\tkk\n" + "\n".join(sorted(lines)) + "\n", encoding="utf-8")
        try:
            return rows.patch(*rowcache.read_file(path))
        finally:
            path.write_text("uz\tkk\n" + "\n".join(base) + "\n", encoding="utf-8")

    new = [f"янги{i:02d}\tжаңа" for i in range(12)]  # (more than 8: once a 100,000-key map was built)
    found = patched(base + new)
    assert found is not None and len(found[1]) == 12 and not found[0]
    assert patched(base + new + ["СЎЗ007\tбасқа"]) is None  # the same concept as a row still there
    moved = [row for row in base if not row.startswith("сўз007")] + new + ["сўз007\tбасқа"]
    found = patched(moved)  # the row changed: its old line goes, the new one is no twin
    assert found is not None and len(found[0]) == 1 and len(found[1]) == 13
