"""TBX in and out: other tools' files, our own fixtures, round trips, hostile XML."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

from tarjimon.core.errors import BadInput
from tarjimon.core.formats.tbx import read_tbx, read_tbx_bytes, tbx_bytes
from tarjimon.core.formats.tsv import read_table
from tarjimon.core.glossary.store import LoadedGlossary

DATA = Path(__file__).parent / "data" / "glossary"
SHARED_TBX = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "interop" / "tbx"
SEED = Path(__file__).resolve().parents[1] / ".." / "shared" / "seeds" / "kazinform-2026-01-05-uz.txt"
OTHER_TOOLS = sorted(SHARED_TBX.glob("*.tbx")) if SHARED_TBX.is_dir() else []


def entries_with_terms(path: Path) -> int:
    root = etree.parse(
        str(path), etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    ).getroot()
    count = 0
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.rsplit("}", 1)[-1] in ("conceptEntry", "termEntry"):
            if any(isinstance(t.tag, str) and t.tag.rsplit("}", 1)[-1] == "term" for t in el.iter()):
                count += 1
    return count


@pytest.mark.skipif(not OTHER_TOOLS, reason="../shared/data/interop/tbx not present")
@pytest.mark.parametrize("path", OTHER_TOOLS, ids=lambda p: p.name)
def test_other_tools_files_import_with_all_entries(path: Path) -> None:
    g = read_tbx(path, "x")
    assert len(g.concepts) == entries_with_terms(path) > 0
    total_terms = sum(
        1 for el in etree.parse(str(path)).iter() if isinstance(el.tag, str) and el.tag.endswith("term")
    )
    assert sum(len(ts) for c in g.concepts for ts in c.terms.values()) == total_terms
    back = read_tbx_bytes(tbx_bytes(g), "back.tbx", "x")
    assert [c.terms for c in back.concepts] == [c.terms for c in g.concepts]


def test_astonomy_content_dca_and_dct_agree() -> None:
    if not OTHER_TOOLS:
        pytest.skip("../shared/data/interop/tbx not present")
    dca = read_tbx(SHARED_TBX / "LTAC_TBX-Basic_Example_Astronomy_DCA_VALID.tbx", "a")
    dct = read_tbx(SHARED_TBX / "LTAC_TBX-Basic_Example_Astronomy_DCT_VALID.tbx", "a")
    assert [c.terms for c in dca.concepts] == [c.terms for c in dct.concepts]
    assert dca.concepts[0].terms["en"] == ("open cluster", "galactic cluster")


def test_v2_martif_in_windows_1254() -> None:
    g = read_tbx(DATA / "martif_v2_windows1254.tbx", "t")
    assert g.langs == ["tr", "en", "kk", "ru"]
    first = g.concepts[0]
    assert first.terms == {"tr": ("ihracat", "dış satım"), "en": ("export",), "kk": ("экспорт",)}
    assert first.domain == "ekonomi" and first.pos == "noun" and first.id == "t1"
    assert g.concepts[2].terms["tr"] == ("Çin",) and g.concepts[1].terms["tr"] == ("yapay zekâ",)


def test_v3_dct_status_and_domain() -> None:
    g = read_tbx(DATA / "tbx_v3_basic_dct.tbx", "t")
    ai = g.concepts[0]
    assert ai.domain == "AI" and ai.pos == "noun" and ai.status == "preferred"
    assert ai.terms["kk"] == ("жасанды интеллект",)


def test_export_is_tbx_v3_basic_and_reads_back() -> None:
    g = read_table(DATA / "seed_terms.tsv", "seed")
    data = tbx_bytes(g)
    root = etree.fromstring(data)
    assert root.tag == "{urn:iso:std:iso:30042:ed-2}tbx" and root.get("type") == "TBX-Basic"
    assert root.get("style") == "dca"
    ids = [e.get("id") for e in root.iter("{urn:iso:std:iso:30042:ed-2}conceptEntry")]
    assert len(ids) == len(set(ids)) == len(g.concepts)
    back = read_tbx_bytes(data, "seed.tbx", "seed")
    assert {tuple(sorted(c.terms.items())) for c in back.concepts} == {
        tuple(sorted(c.terms.items())) for c in g.concepts
    }
    assert [c.note for c in back.concepts] == [c.note for c in g.concepts]


@pytest.mark.skipif(not SEED.is_file(), reason="../shared/seeds not present")
def test_tbx_round_trip_finds_the_same_occurrences() -> None:
    text = SEED.read_text(encoding="utf-8")
    g = read_table(DATA / "seed_terms.tsv", "seed")
    back = read_tbx_bytes(tbx_bytes(g), "seed.tbx", "seed")
    for lang in ("uz",):
        before = [(h.start, h.end, h.term) for h in LoadedGlossary(g).find(text, lang)]
        after = [(h.start, h.end, h.term) for h in LoadedGlossary(back).find(text, lang)]
        assert before == after and Counter(before)


@pytest.mark.parametrize("name", ["billion_laughs.tbx", "external_entity.tbx"])
def test_entity_declarations_refused(name: str) -> None:
    with pytest.raises(BadInput) as err:
        read_tbx(DATA / name, "x")
    assert "entity" in err.value.message.lower() and err.value.line in (2, 3)


def test_malformed_tbx_names_line() -> None:
    with pytest.raises(BadInput) as err:
        read_tbx_bytes(b'<?xml version="1.0"?>\n<tbx>\n<text><body>\n</tbx>\n', "bad.tbx", "x")
    assert err.value.line == 4 and "malformed" in err.value.message


def test_unknown_language_in_tbx() -> None:
    data = b'<tbx><text><body><conceptEntry id="a">\n<langSec xml:lang="qq"><termSec><term>x</term></termSec></langSec></conceptEntry></body></text></tbx>'
    with pytest.raises(BadInput) as err:
        read_tbx_bytes(data, "bad.tbx", "x")
    assert err.value.line == 2
