"""A bar inside a term (a TBX term "Input|Output", a TSV cell written "Input\\|Output") survives import,
the glossary file, edits and every export exactly: the glossary file separates synonyms with " | ", so a bar
of a term is written escaped there. Before, the TBX reader turned it into "/" and the TSV writer did too."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from lxml import etree

TBX = """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
<tbxHeader><fileDesc><sourceDesc><p>bars</p></sourceDesc></fileDesc></tbxHeader>
<text><body>
<conceptEntry id="c1">
<langSec xml:lang="en"><termSec><term>Input|Output</term><note>in|out</note></termSec><termSec><term>I/O</term></termSec></langSec>
<langSec xml:lang="ru"><termSec><term>ввод|вывод</term></termSec></langSec>
</conceptEntry>
<conceptEntry id="c2">
<langSec xml:lang="en"><termSec><term>a \\| b</term></termSec></langSec>
<langSec xml:lang="ru"><termSec><term>путь\\</term></termSec><termSec><term>||</term></termSec></langSec>
</conceptEntry>
</body></text></tbx>
"""
TERMS = ["Input|Output", "I/O", "ввод|вывод", "a \\| b", "путь\\", "||"]


def tarjimon(tmp_path: Path, *args: str) -> str:
    run = subprocess.run([sys.executable, "-m", "tarjimon", "glossary", *args, "--glossaries-dir", str(tmp_path / "gl")],
                         capture_output=True, text=True)  # fmt: skip
    assert run.returncode == 0, run.stderr
    return run.stdout


def tbx_terms(path: Path) -> list[str]:
    return sorted("".join(el.itertext()) for el in etree.parse(str(path)).iter("{*}term"))


def test_a_bar_in_a_tbx_term_comes_back_in_tbx_tsv_and_csv(tmp_path: Path) -> None:
    (tmp_path / "bars.tbx").write_text(TBX, encoding="utf-8")
    tarjimon(tmp_path, "import", "bars", str(tmp_path / "bars.tbx"))
    for fmt in ("tbx", "tbx2"):
        tarjimon(tmp_path, "export", "bars", "-o", str(tmp_path / f"out.{fmt}.tbx"), "--format", fmt)
        assert tbx_terms(tmp_path / f"out.{fmt}.tbx") == sorted(TERMS)
    shown = json.loads(tarjimon(tmp_path, "show", "bars", "Input|Output", "--json"))
    assert [c["terms"] for c in shown] == [{"en": ["Input|Output", "I/O"], "ru": ["ввод|вывод"]}]
    for fmt in ("tsv", "csv"):  # a table written by Tarjimon, read again: the same terms, the same synonyms
        tarjimon(tmp_path, "export", "bars", "-o", str(tmp_path / f"out.{fmt}"), "--format", fmt)
        tarjimon(tmp_path, "import", f"again_{fmt}", str(tmp_path / f"out.{fmt}"))
        tarjimon(tmp_path, "export", f"again_{fmt}", "-o", str(tmp_path / f"again.{fmt}.tbx"), "--format", "tbx")
        assert tbx_terms(tmp_path / f"again.{fmt}.tbx") == sorted(TERMS)


def test_an_edit_of_a_concept_with_a_bar_keeps_it(tmp_path: Path) -> None:
    (tmp_path / "bars.tbx").write_text(TBX, encoding="utf-8")
    tarjimon(tmp_path, "import", "bars", str(tmp_path / "bars.tbx"))
    (concept,) = json.loads(tarjimon(tmp_path, "show", "bars", "Input|Output", "--json"))
    tarjimon(tmp_path, "edit", "bars", concept["id"], "--note", "edited")  # the row written again
    tarjimon(tmp_path, "add", "bars", "--en", "on\\|off", "--ru", "вкл. | выкл.")  # typed: \| a bar, | synonyms
    tarjimon(tmp_path, "export", "bars", "-o", str(tmp_path / "out.tbx"))
    assert tbx_terms(tmp_path / "out.tbx") == sorted([*TERMS, "on|off", "вкл.", "выкл."])
