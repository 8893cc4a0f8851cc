"""A TBX glossary's header, back matter, transactions (who made or changed an entry or a term, when) and
cross-references survive `glossary import` and `glossary export` (v3 and v2), where they stood: the header
beside the glossary (NAME.tbx-header.xml), the rest in the entry's `x-tbx` column; `glossary show` and the
workbench's term dialog show the transactions. Glossaries without them are written as before."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from tarjimon.core.formats import tbx
from tarjimon.core.glossary import writing
from tarjimon.core.models.glossary import Concept, Glossary

REAL = Path(__file__).resolve().parents[2] / "shared" / "data" / "interop" / "real"
SAMPLE = REAL / "tbx" / "byutrg_TBX-basic-sample.tbx"  # v3 DCA: header, transactions, ref, xref, back matter
P5 = REAL / "tbx" / "byutrg_p5_basic_sample.tbx"  # the same in v2 (martif)
MEDTRONIC_DCT = REAL / "tbx" / "byutrg_v3basic_DCT_medtronic.tbx"  # DCT: basic:transactionType...
SDL = REAL / "tbx" / "okapi_sdl_tbx.tbx"  # v2, SDL's compact dates (20050422T10:20:30Z)
RNG = REAL / "validators" / "2023-01-12-TBXcoreStructV03.rng"

pytestmark = pytest.mark.skipif(not SAMPLE.is_file(), reason=f"real TBX files missing: {REAL}")


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tarjimon", *args], capture_output=True, text=True)


def _round_trip(tmp_path: Path, source: Path, fmt: str = "tbx") -> etree._Element:
    gl = ("--glossaries-dir", str(tmp_path / "gl"))
    assert _cli("glossary", "import", "g", str(source), *gl).returncode == 0
    out = tmp_path / f"out-{fmt}.tbx"
    run = _cli("glossary", "export", "g", "-o", str(out), "--format", fmt, *gl)
    assert run.returncode == 0, run.stderr
    return etree.parse(str(out)).getroot()


def _transactions(root: etree._Element) -> list[tuple[str, str, str, str]]:
    """(where, type, who, date) of every transacGrp, DCA or DCT, dates as xsd spells them."""
    out = []
    for grp in root.iter():
        if _local(grp) != "transacGrp":
            continue
        got = {_local(el) if _local(el) != "transac" else "transactionType": " ".join("".join(el.itertext()).split())
               for el in grp}  # fmt: skip
        who = got.get("transacNote") or got.get("responsibility", "")
        date = got.get("date", "")
        if len(date) > 8 and date[:8].isdigit():  # 20050422T10:20:30Z
            date = f"{date[:4]}-{date[4:6]}-{date[6:]}"
        where = {"termEntry": "conceptEntry", "tig": "termSec", "ntig": "termSec", "langSet": "langSec"}
        level = _local(grp.getparent())
        out.append((where.get(level, level), got.get("transactionType", ""), who, date))
    return sorted(out)


@pytest.mark.parametrize("fmt", ["tbx", "tbx2"])
def test_header_transactions_refs_and_back_matter_survive(tmp_path: Path, fmt: str) -> None:
    source = etree.parse(str(SAMPLE)).getroot()
    out = _round_trip(tmp_path, SAMPLE, fmt)
    title = [el.text for el in out.iter() if _local(el) == "title"]
    assert title == ["TBX-Basic Sample File"]  # the header, not "Tarjimon glossary g"
    assert _transactions(out) == _transactions(source) and len(_transactions(out)) == 4
    xrefs = sorted((el.get("type"), el.get("target"), el.text) for el in out.iter() if _local(el) == "xref")
    assert xrefs == sorted((el.get("type"), el.get("target"), el.text) for el in source.iter() if _local(el) == "xref")
    ids = {el.get("id") for el in out.iter() if el.get("id")}
    refs = [el for el in out.iter() if _local(el) == "ref"]
    assert [r.text for r in refs] == ["unscheduled operation", "scheduled operation"]
    assert all(r.get("target") in ids for r in refs)  # the entries' new ids, the persons of the back matter
    assert all(el.get("target") in ids for el in out.iter() if _local(el) == "transacNote")
    persons = [el.get("id") for el in out.iter() if _local(el) == "refObject"]
    assert persons == ["US5001", "US5002"]
    if fmt == "tbx":
        rng = etree.RelaxNG(etree.parse(str(RNG)))
        assert rng.validate(out.getroottree()), rng.error_log.last_error


def test_a_v2_files_transactions_go_into_v3_and_dct_ones_into_dca(tmp_path: Path) -> None:
    for source in (P5, MEDTRONIC_DCT):
        out = _round_trip(tmp_path / source.stem, source)
        assert _transactions(out) == _transactions(etree.parse(str(source)).getroot())
        assert etree.RelaxNG(etree.parse(str(RNG))).validate(out.getroottree())
    assert len(_transactions(out)) == 130  # Medtronic's: on the entries and on the terms


def test_sdl_compact_dates_are_written_as_xsd_dates(tmp_path: Path) -> None:
    out = _round_trip(tmp_path, SDL)
    dates = [el.text for el in out.iter() if _local(el) == "date"]
    assert len(dates) == 938 and all(d[4] == "-" for d in dates)
    assert etree.RelaxNG(etree.parse(str(RNG))).validate(out.getroottree())


def test_show_lists_who_made_or_changed_a_term_and_when(tmp_path: Path) -> None:
    gl = ("--glossaries-dir", str(tmp_path / "gl"))
    assert _cli("glossary", "import", "g", str(SAMPLE), *gl).returncode == 0
    shown = _cli("glossary", "show", "g", "unscheduled", *gl).stdout
    assert '\ten "unscheduled operation": origination 2007-07-22 by Jane\n' in shown
    assert '\ten "unscheduled operation": modification 2007-07-23 by John\n' in shown
    found = json.loads(_cli("glossary", "show", "g", "scheduled operation", "--json", *gl).stdout)
    entry = next(c for c in found if c["terms"]["en"] == ["scheduled operation"])
    assert [(t["level"], t["type"], t["by"], t["date"]) for t in entry["transactions"]] == [
        ("entry", "origination", "Jane", "2007-07-22"), ("entry", "modification", "John", "2007-07-23")]


def test_a_glossary_without_them_is_written_as_before(tmp_path: Path) -> None:
    plain = Glossary("news", ["uz", "kk"], [], [Concept({"uz": ("Давлат раҳбари",), "kk": ("Мемлекет басшысы",)})])
    root = etree.fromstring(tbx.tbx_bytes(plain))
    assert [_local(el) for el in root.iter() if _local(el) in ("transacGrp", "ref", "xref", "back")] == []
    assert [el.text for el in root.iter() if _local(el) == "p"] == ["Tarjimon glossary news"]
    # a TBX without transactions or cross-references adds no column to the glossary file
    gl = tmp_path / "gl"
    assert _cli("glossary", "import", "cs", str(REAL / "tbx" / "weblate_cs.tbx"), "--glossaries-dir", str(gl)).returncode == 0
    assert "x-tbx" not in (gl / "cs.tsv").read_text(encoding="utf-8")


def test_a_later_import_without_a_header_keeps_the_kept_one(tmp_path: Path) -> None:
    folder = tmp_path / "gl"
    writing.import_file(folder, "g", SAMPLE)
    table = tmp_path / "more.tsv"
    table.write_text("en\tfr\nlens\tlentille\n", encoding="utf-8")
    writing.import_file(folder, "g", table)
    assert "TBX-Basic Sample File" in writing.read_frame(writing.glossary_path(folder, "g"))


def test_a_hand_edited_x_tbx_cell_of_another_shape_is_ignored() -> None:
    odd = Concept({"en": ("lens",)}, extra=(("x-tbx", '{"entry": "x", "terms": {"en": 3}, "langs": []}'),))
    assert tbx.tbx_bytes(Glossary("g", ["en"], ["x-tbx"], [odd])).count(b"<term>") == 1


def test_the_term_dialog_shows_the_history_not_the_json() -> None:
    import asyncio

    from textual.app import App
    from textual.widgets import Static

    from tarjimon.tui.screens.edit_term import EditTermScreen, TermChoice

    glossary = tbx.read_tbx(SAMPLE, "g")
    concept = next(c for c in glossary.concepts if c.terms.get("en") == ("unscheduled operation",))
    screen = EditTermScreen([TermChoice(1, "g", concept, None, "unscheduled operation")], ["en"])

    async def run() -> str:
        app: App[None] = App()
        async with app.run_test(size=(160, 45)) as pilot:
            app.push_screen(screen)
            await pilot.pause()
            return str(screen.query_one("#edit-term-extra", Static).render())

    shown = asyncio.run(run())
    assert 'history en "unscheduled operation": origination 2007-07-22 by Jane' in shown
    assert '"transactions"' not in shown
