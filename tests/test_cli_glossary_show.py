"""`tarjimon glossary show NAME TERM`: the lines holding the term are found by searching the case-folded file
(editing._lines_with), not by a loop over every line. The same lines, in the same order, as testing each
line's case-folded text, on random files, with case changes and folds that change a length (ß -> ss)."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from tarjimon.cli.main import main
from tarjimon.core.glossary import editing

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
