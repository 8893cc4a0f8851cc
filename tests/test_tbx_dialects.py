"""TBX data categories outside TBX-Basic (what Okapi's IBM, Medtronic and SDL exports and Weblate's file carry):
kept by a v2 export that declares TBX 2008's default dialect (`martif type="TBX"`, the one those files declare),
and named with their count, in words, by every export that cannot hold them. Before (ec6f074) both exports
dropped them without a word (IBM's concept relations became plain crossReferences): productSubset, sourceIdentifier, businessUnitSubset, transferComment (inside a
v2 ntig's termGrp), abbreviatedFormFor, pronunciation, SDL's termType `synonym`; and of two language sections
of one language in an entry (IBM's), the first one's admin items.

Counted with lxml on the files themselves, not with Tarjimon's reader."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

REAL = Path(__file__).resolve().parents[2] / "shared" / "data" / "interop" / "real" / "tbx"
pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason=f"real TBX files missing: {REAL}")

OUTSIDE_BASIC = {("admin", "productSubset"), ("admin", "sourceIdentifier"), ("admin", "businessUnitSubset"),
                 ("termNote", "transferComment"), ("termNote", "abbreviatedFormFor"), ("termNote", "pronunciation"),
                 ("descrip", "Translation needed"), ("descrip", "Usage note")}  # fmt: skip
_LEVELS = {"termEntry": "entry", "conceptEntry": "entry", "langSet": "lang", "langSec": "lang", "tig": "term",
           "ntig": "term", "termSec": "term"}  # fmt: skip


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def items(path: Path, wanted: set[tuple[str, str]]) -> Counter[tuple[str, str, str, str]]:
    """(level, element, type, text) of each `wanted` category of a TBX file, by lxml."""
    root = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
    found: Counter[tuple[str, str, str, str]] = Counter()
    for el in root.iter():
        key = (_local(el), el.get("type", ""))
        if key not in wanted:
            continue
        up = el.getparent()
        while up is not None and _local(up) not in _LEVELS:
            up = up.getparent()
        found[(_LEVELS[_local(up)] if up is not None else "", *key, " ".join("".join(el.itertext()).split()))] += 1
    return found


def export(tmp_path: Path, name: str, fmt: str) -> tuple[Path, dict[str, object]]:
    gl = ("--glossaries-dir", str(tmp_path / f"gl-{name}"))  # (a glossary of its own: no merge)
    out = tmp_path / f"{name}.{fmt}.tbx"
    for args in (("import", "g", str(REAL / name)), ("export", "g", "-o", str(out), "--format", fmt, "--force", "--json")):
        run = subprocess.run([sys.executable, "-m", "tarjimon", "glossary", *args, *gl], capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
    return out, json.loads(run.stdout)


@pytest.mark.parametrize("name", ["okapi_ibm_tbx.tbx", "okapi_medtronic_TBX.tbx", "okapi_sdl_tbx.tbx"])
def test_a_v2_export_keeps_the_categories_of_tbx_2008s_default_dialect(tmp_path: Path, name: str) -> None:
    wanted = OUTSIDE_BASIC | {("termNote", "termType"), ("descrip", "relatedConcept"), ("descrip", "relatedConceptBroader")}
    source = items(REAL / name, wanted)
    assert sum(source.values()) >= 16
    out, report = export(tmp_path, name, "tbx2")
    assert items(out, wanted) == source  # each at its level, with its text, as often as it was there
    assert etree.parse(str(out)).getroot().get("type") == "TBX"  # the dialect that has them, declared
    assert report["not_written"] == ""


@pytest.mark.parametrize(("name", "said"), [
    ("okapi_ibm_tbx.tbx", "9 admin productSubset, 7 admin sourceIdentifier, 5 termNote partOfSpeech (nom)"),
    ("okapi_medtronic_TBX.tbx", "28 termNote transferComment, 3 admin businessUnitSubset, 3 admin productSubset"),
    ("okapi_sdl_tbx.tbx", "67 termNote termType (synonym), 3 termNote abbreviatedFormFor, 1 termNote pronunciation"),
    ("weblate_fr-extended-metadata.tbx", "2 descrip Translation needed, 1 descrip Usage note"),
])  # fmt: skip
def test_what_a_tbx_basic_export_cannot_hold_is_said_with_its_count(tmp_path: Path, name: str, said: str) -> None:
    out, report = export(tmp_path, name, "tbx")
    line = str(report["not_written"])
    assert line.startswith("not written, kept in the glossary (TBX-Basic has no place for them)") and line.endswith(said)
    counted = Counter()  # the line's counts are what lxml finds in the file and not in the export
    for (_level, el, kind, _text), n in (items(REAL / name, OUTSIDE_BASIC) - items(out, OUTSIDE_BASIC)).items():
        counted[f"{el} {kind}"] += n
    assert all(f"{n} {what}" in said for what, n in counted.items())
    assert ("--format tbx2" in line) == name.startswith("okapi")  # (Weblate's own types are in no dialect)


@pytest.mark.parametrize("fmt", ["tbx", "tbx2"])
def test_a_part_of_speech_goes_back_to_the_terms_that_had_it(tmp_path: Path, fmt: str) -> None:
    # Before: Medtronic's 6 were written on all 62 terms (the entry's first, on every language's terms), and
    # IBM's French "nom" became "noun"; TBX-Basic's picklist has no "nom": the v3 export says so instead
    pos = {("termNote", "partOfSpeech")}
    for name in ("okapi_medtronic_TBX.tbx", "okapi_ibm_tbx.tbx", "byutrg_v3basic_DCA_James_Termbase.tbx"):
        out, _report = export(tmp_path, name, fmt)
        kept = items(REAL / name, pos) if fmt == "tbx2" else +Counter(
            {k: n for k, n in items(REAL / name, pos).items() if k[3] != "nom"})  # fmt: skip
        assert items(out, pos) == kept, name


def test_the_v2_export_of_a_tbx_basic_glossary_stays_tbx_basic(tmp_path: Path) -> None:
    out, report = export(tmp_path, "byutrg_v3basic_DCA_James_Termbase.tbx", "tbx2")
    assert etree.parse(str(out)).getroot().get("type") == "TBX-Basic" and report["not_written"] == ""


def test_a_custom_dialects_categories_are_kept_where_a_dialect_has_them_and_said_where_none_has(tmp_path: Path) -> None:
    # a newsroom's own v3 dialect: ISO 12620 categories (productSubset, register, usageNote) and its own (x-desk)
    (tmp_path / "custom.tbx").write_text("""<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Newsroom" style="dca" xml:lang="uz" xmlns="urn:iso:std:iso:30042:ed-2">
<tbxHeader><fileDesc><sourceDesc><p>newsroom</p></sourceDesc></fileDesc></tbxHeader>
<text><body><conceptEntry id="n1"><admin type="productSubset">Kazinform</admin><descrip type="x-desk">economy</descrip>
<langSec xml:lang="uz"><termSec><term>narx</term><termNote type="register">neutralRegister</termNote></termSec></langSec>
<langSec xml:lang="kk"><termSec><term>баға</term><termNote type="usageNote">in headlines too</termNote></termSec></langSec>
</conceptEntry></body></text></tbx>""", encoding="utf-8")
    gl = ("--glossaries-dir", str(tmp_path / "gl"))
    said = {}
    for fmt in ("tbx", "tbx2"):
        args = [("import", "c", str(tmp_path / "custom.tbx")), ("export", "c", "-o", str(tmp_path / f"c.{fmt}"),
                                                               "--format", fmt, "--json")]  # fmt: skip
        for a in args:
            run = subprocess.run([sys.executable, "-m", "tarjimon", "glossary", *a, *gl], capture_output=True, text=True)
            assert run.returncode == 0, run.stderr
        said[fmt] = json.loads(run.stdout)["not_written"]
    assert said["tbx"].endswith("1 admin productSubset, 1 descrip x-desk, 1 termNote register, 1 termNote usageNote")
    assert said["tbx2"] == ("not written, kept in the glossary (TBX 2008's default dialect has no place for them): "
                            "1 descrip x-desk")  # fmt: skip
    kept = {(e.get("type"), "".join(e.itertext())) for e in etree.parse(str(tmp_path / "c.tbx2")).iter("admin", "termNote")}
    assert {("productSubset", "Kazinform"), ("register", "neutralRegister"), ("usageNote", "in headlines too")} <= kept
