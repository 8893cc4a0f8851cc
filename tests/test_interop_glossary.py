"""Every real glossary file of other tools (../shared/data/interop/real/tsv and tbx) imports with the concept
count counted here independently (the csv module and lxml, not Tarjimon's readers)."""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

REAL = Path(__file__).resolve().parents[2] / "shared" / "data" / "interop" / "real"

pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason=f"real interop files missing: {REAL}")
TABLES = sorted(p.name for p in (REAL / "tsv").iterdir()) if REAL.is_dir() else []
TBXS = sorted(p.name for p in (REAL / "tbx").iterdir()) if REAL.is_dir() else []
_LANG = re.compile(r"^[A-Za-z]{2}(-[A-Za-z]{2,4})?$")


def _text(path: Path) -> str:
    raw = path.read_bytes()
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if raw.startswith(bom):
            return raw.decode(enc).lstrip("\ufeff")
    return raw.decode("utf-8")


def count_table(path: Path) -> int:
    """Concepts: distinct (first language column with a term, its term case-folded) over the data rows."""
    text = _text(path)
    if path.suffix == ".csv":
        rows = [r for r in csv.reader(io.StringIO(text)) if any(c.strip() for c in r)]
    else:
        rows = [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]
    if not rows:
        return 0
    langs = [i for i, c in enumerate(rows[0]) if _LANG.match(c.strip()) or c.strip().lower() == "term"]
    if len(langs) >= 2:
        rows = rows[1:]
    else:
        langs = [0, 1]
    first: dict[tuple[int, str], list[str]] = {}
    count = 0
    for r in rows:
        for i in langs:
            if i < len(r) and r[i].strip():
                key = (i, " ".join(r[i].split()).casefold())
                was = first.setdefault(key, r)
                other = [j for j in range(min(len(r), len(was))) if j not in langs and r[j].strip() and was[j].strip()]
                # a repeated term is a synonym, unless the two rows differ in another column both fill (IATI's
                # "download", a verb and a noun, each with its definition): then it is a concept of its own
                count += was is r or any(" ".join(r[j].split()) != " ".join(was[j].split()) for j in other)
                break
    return count


def count_tbx(path: Path) -> int:
    root = etree.parse(str(path)).getroot()
    local = etree.QName
    return sum(1 for el in root.iter() if isinstance(el.tag, str)
               and local(el).localname in ("termEntry", "conceptEntry", "entry")
               and any(isinstance(t.tag, str) and local(t).localname == "term" and "".join(t.itertext()).strip()
                       for t in el.iter()))  # fmt: skip


def tarjimon(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tarjimon", *args, "--glossaries-dir", str(tmp_path / "gl")],
                          capture_output=True, text=True)  # fmt: skip


@pytest.mark.parametrize("name", TABLES)
def test_every_real_table_glossary_imports_with_its_concept_count(tmp_path: Path, name: str) -> None:
    path = REAL / "tsv" / name
    expected = count_table(path)
    run = tarjimon(tmp_path, "glossary", "import", "g", str(path), "--langs", "en,fr", "--json")
    if expected == 0:  # omegat_glossary_magiccomment-bom.tab: a comment line only
        assert run.returncode == 2 and "no concepts" in run.stderr and "Traceback" not in run.stderr
        return
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout) == {"glossary": "g", "added": expected, "merged": 0}


@pytest.mark.parametrize("name", TBXS)
def test_every_real_tbx_imports_one_concept_per_entry(tmp_path: Path, name: str) -> None:
    path = REAL / "tbx" / name
    expected = count_tbx(path)
    run = tarjimon(tmp_path, "glossary", "import", "g", str(path), "--json")
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout) == {"glossary": "g", "added": expected, "merged": 0}
    again = tarjimon(tmp_path, "glossary", "import", "g", str(path), "--json")  # the entry ids: an update
    assert json.loads(again.stdout) == {"glossary": "g", "added": 0, "merged": expected}


def test_okapi_sdl_keeps_223_entries_even_where_first_terms_repeat(tmp_path: Path) -> None:
    assert count_tbx(REAL / "tbx" / "okapi_sdl_tbx.tbx") == 223
    run = tarjimon(tmp_path, "glossary", "import", "g", str(REAL / "tbx" / "okapi_sdl_tbx.tbx"), "--json")
    assert json.loads(run.stdout)["added"] == 223
    listed = tarjimon(tmp_path, "glossary", "list", "--json")
    assert json.loads(listed.stdout)[0]["concepts"] == 223


def test_dry_run_shows_the_columns_understood_and_writes_nothing(tmp_path: Path) -> None:
    run = tarjimon(tmp_path, "glossary", "import", "g", str(REAL / "tsv" / "matecat_glossary_V-lingue+campi.csv"),
                   "--dry-run")  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert "column 1 'en-GB': terms in English (en)" in run.stdout
    assert "column 5 'Notes': kept as a note (note (es))" in run.stdout
    assert "column 3 'Example of use': kept as a note (example of use)" in run.stdout
    assert not (tmp_path / "gl").exists() or not list((tmp_path / "gl").glob("*.tsv"))


def test_headerless_omegat_glossary_needs_its_languages(tmp_path: Path) -> None:
    run = tarjimon(tmp_path, "glossary", "import", "g", str(REAL / "tsv" / "omegat_glossary_test.tab"))
    assert run.returncode == 2 and "--langs" in run.stderr and run.stderr.count("\n") == 1
    ok = tarjimon(tmp_path, "glossary", "import", "g", str(REAL / "tsv" / "omegat_glossary_test.tab"),
                  "--langs", "ja,fr", "--dry-run")  # fmt: skip
    assert "column 3 'comment': note" in ok.stdout


def test_per_term_status_and_term_notes_survive_import_and_tbx_export(tmp_path: Path) -> None:
    src = REAL / "tbx" / "byutrg_v3min_DCT_DualConcept.tbx"
    assert tarjimon(tmp_path, "glossary", "import", "g", str(REAL / "tbx" / "byutrg_TBX-basic-sample.tbx")).returncode == 0
    assert tarjimon(tmp_path, "glossary", "import", "g", str(src)).returncode == 0
    for fmt, out in (("tbx", tmp_path / "g3.tbx"), ("tbx2", tmp_path / "g2.tbx")):
        run = tarjimon(tmp_path, "glossary", "export", "g", "-o", str(out), "--format", fmt)
        assert run.returncode == 0, run.stderr
        root = etree.parse(str(out)).getroot()

        def notes(term: str, kind: str, root: etree._Element = root) -> list[str]:
            sec = next(t.getparent() for t in root.iter() if isinstance(t.tag, str)
                       and etree.QName(t).localname == "term" and t.text == term)  # fmt: skip
            return [n.text for n in sec if etree.QName(n).localname == kind
                    and (kind == "note" or n.get("type") == "administrativeStatus")]  # fmt: skip

        assert notes("PAL", "termNote") == ["deprecatedTerm-admn-sts"]
        assert notes("graduated lens", "termNote") == ["supersededTerm-admn-sts"]
        assert notes("progressive addition lens", "termNote") == ["admittedTerm-admn-sts"]
        assert notes("Bargeld", "note") == ["refers to physical currency"]
