"""Round trips of the real files of other tools (../shared/data/interop/real): imported, exported in the same
format, and the two compared with lxml, the csv module and the other side's rules, not with Tarjimon's
readers. Each test here failed on ec6f074 for what it names."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from tarjimon.core.store import Store
from tarjimon.core.tm.sqlite.backend import SqliteMemory

REAL = Path(__file__).resolve().parents[2] / "shared" / "data" / "interop" / "real"
DTD = REAL.parent.parent / "tmx14.dtd"
pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason=f"real files missing: {REAL}")
_SAFE = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def tu_props(path: Path) -> list[tuple[str, str]]:
    """(type, text) of every prop standing on a tu (not on a tuv) of a TMX file."""
    root = etree.parse(str(path), _SAFE).getroot()
    return sorted((p.get("type", ""), "".join(p.itertext())) for tu in root.iter("tu") for p in tu.findall("prop"))


@pytest.mark.parametrize("name", ["tmx/omegat_test-multiple-entries11.tmx", "probes/context_pre.tmx"])
def test_a_tus_context_props_come_back_under_the_names_the_tool_gave_them(tmp_path: Path, name: str) -> None:
    # OmegaT's prev/next mark an alternative translation (a TM exported back to OmegaT without them makes it
    # the default one); memoQ's x-context-pre/-post: both were written back as x-context-prev/-next
    src = REAL / name
    wanted = tu_props(src)
    assert any(kind in ("prev", "x-context-pre") for kind, _ in wanted)
    tm = SqliteMemory(Store(tmp_path / "tm.db"), None, None)
    assert tm.import_file(src).added >= 2
    out = tmp_path / "out.tmx"
    tm.export_tmx(out)
    got = tu_props(out)
    assert set(wanted) <= set(got)  # (besides Tarjimon's x-origin, and MateCat's tuv-level context said on the tu)
    renamed = {("x-context-prev" if kind in ("prev", "x-context-pre") else "x-context-next", text)
               for kind, text in wanted if kind in ("prev", "next", "x-context-pre", "x-context-post")}  # fmt: skip
    assert renamed and not renamed & set(got)
    if DTD.is_file():
        assert etree.DTD(str(DTD)).validate(etree.parse(str(out), _SAFE))


def _table(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    text = raw.decode("utf-16") if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else raw.decode("utf-8-sig")
    head = text.split("\n", 1)[0]
    delimiter = "\t" if path.suffix in (".tsv", ".tab", ".txt") else ";" if head.count(";") > head.count(",") else ","
    return [r for r in csv.reader(io.StringIO(text), delimiter=delimiter) if r and not r[0].startswith("#")]


def _values(rows: list[list[str]]) -> set[str]:
    return {t for r in rows for c in r for t in (" ".join(p.split()) for p in c.split("|")) if t}


@pytest.mark.parametrize("name", sorted(p.name for p in (REAL / "tsv").glob("*") if "magiccomment" not in p.name))
def test_every_value_of_a_real_glossary_table_comes_back_in_its_format(tmp_path: Path, name: str) -> None:
    # Before: IATI's second "download" row (a noun, with its own definition and source) was merged into the
    # first (a verb) as a synonym, its part of speech, definition and source lost
    src = REAL / "tsv" / name
    out = tmp_path / ("out.csv" if src.suffix == ".csv" else "out.tsv")
    gl = ("--glossaries-dir", str(tmp_path / "gl"))
    for args in (("import", "g", str(src), "--langs", "en,fr"), ("export", "g", "-o", str(out))):
        run = subprocess.run([sys.executable, "-m", "tarjimon", "glossary", *args, *gl], capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
    assert _values(_table(src)[1:]) <= _values(_table(out))
