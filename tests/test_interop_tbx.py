"""Every real TBX file of other tools (../shared/data/interop/tbx and real/tbx), imported and exported again, judged
by the TBX validators in ../shared/data/interop/real/validators (the TBX core RELAX NG schema through lxml; the
core and TBX-Basic DCA Schematron, XSLT 2, through Saxon-HE when Java and Debian's libsaxonhe-java are there),
and counted against the file itself (lxml, not Tarjimon's reader): no term and no context lost."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree
from lxml import isoschematron as iso

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "interop"
VALIDATORS = SHARED / "real" / "validators"
SAXON = Path("/usr/share/java/Saxon-HE.jar")
SVRL = {"svrl": "http://purl.oclc.org/dsdl/svrl"}
SCHEMATRONS = (
    "2020-10-16-TBXcoreGenericSchematron.sch",
    "2023-01-12-TBX-Basic_DCA_modifiedToEnforceTypes.sch",
)
TBXS = (
    sorted([*(SHARED / "tbx").glob("*.tbx"), *(SHARED / "real" / "tbx").glob("*.tbx")])
    if SHARED.is_dir()
    else []
)

SHARED_PATH = {p.name: p for p in TBXS}

pytestmark = pytest.mark.skipif(
    not TBXS or not VALIDATORS.is_dir(), reason=f"real TBX files missing: {SHARED}"
)


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def contexts(path: Path) -> list[str]:
    """The contexts of a TBX file, whitespace collapsed: DCA `descrip type="context"` (v2 also `termNote`),
    DCT `<basic:context>`."""
    root = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
    found = [el for el in root.iter() if _local(el) == "context"
             or (_local(el) in ("descrip", "termNote") and el.get("type") == "context")]  # fmt: skip
    return sorted(t for t in (" ".join("".join(el.itertext()).split()) for el in found) if t)


def export_all(tmp_path: Path, fmt: str) -> dict[str, Path]:
    """Each real TBX imported into a glossary and exported as `fmt` (tbx: v3, tbx2: v2), by the CLI."""
    out = tmp_path / fmt
    out.mkdir()
    written = {}
    for i, path in enumerate(TBXS):
        gl = ("--glossaries-dir", str(tmp_path / "gl"))
        run = subprocess.run([sys.executable, "-m", "tarjimon", "glossary", "import", f"g{i}", str(path), *gl],
                             capture_output=True, text=True)  # fmt: skip
        assert run.returncode == 0, run.stderr
        target = out / f"{i:02d}.tbx"
        run = subprocess.run([sys.executable, "-m", "tarjimon", "glossary", "export", f"g{i}", "-o", str(target),
                              "--format", fmt, *gl], capture_output=True, text=True)  # fmt: skip
        assert run.returncode == 0, run.stderr
        written[path.name] = target
    return written


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    tmp = tmp_path_factory.mktemp("tbx")
    return {fmt: export_all(tmp, fmt) for fmt in ("tbx", "tbx2")}


@pytest.mark.parametrize("fmt", ["tbx", "tbx2"])
def test_every_context_of_a_real_tbx_survives_import_and_export(
    exported: dict[str, dict[str, Path]], fmt: str
) -> None:
    # LTAC's TBX-Basic example holds 104 contexts, IBM's 5, Medtronic's 4: a translator checks a term against them
    lost = {name: len(contexts(SHARED_PATH[name])) - len(contexts(out)) for name, out in exported[fmt].items()
            if contexts(SHARED_PATH[name]) != contexts(out)}  # fmt: skip
    assert sum(len(contexts(p)) for p in TBXS) >= 200
    assert lost == {}


BASIC_TERM_NOTES = {  # TBX-Basic's picklists (its DCA Schematron), geographicalUsage free
    "termType": {"fullForm", "acronym", "abbreviation", "shortForm", "variant", "phrase"},
    "grammaticalGender": {"masculine", "feminine", "neuter", "other"},
    "geographicalUsage": None,
    "termLocation": {"checkBox", "comboBox", "comboBoxElement", "dialogBox", "groupBox", "informativeMessage",
                     "interactiveMessage", "menuItem", "progressBar", "pushButton", "radioButton", "slider", "spinBox",
                     "tab", "tableText", "textBox", "toolTip", "user-definedType"},
}  # fmt: skip


def term_notes(path: Path) -> list[tuple[str, str]]:
    """(type, value) of each termType, grammaticalGender, geographicalUsage, termLocation term note whose value
    TBX-Basic permits: DCA `termNote type=...`, DCT `<basic:termType>`."""
    root = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
    found = []
    for el in root.iter():
        kind = el.get("type", "") if _local(el) == "termNote" else _local(el)
        value = " ".join("".join(el.itertext()).split()) if kind in BASIC_TERM_NOTES else ""
        allowed = BASIC_TERM_NOTES.get(kind)
        if value and (allowed is None or value in allowed):
            found.append((kind, value))
    return sorted(found)


@pytest.mark.parametrize("fmt", ["tbx", "tbx2"])
def test_a_terms_type_gender_usage_and_location_survive(exported: dict[str, dict[str, Path]], fmt: str) -> None:
    # 101 in all: LTAC's 25 termTypes, BYU's and Okapi's genders, usages and locations (values outside
    # TBX-Basic's picklists, such as Okapi's SDL export's termTypes, stay in the glossary but are not written)
    lost = {name: term_notes(SHARED_PATH[name]) for name, out in exported[fmt].items()
            if term_notes(SHARED_PATH[name]) != term_notes(out)}  # fmt: skip
    assert sum(len(term_notes(p)) for p in TBXS) >= 100
    assert lost == {}


def test_every_v3_export_is_valid_against_the_tbx_core_schema(exported: dict[str, dict[str, Path]]) -> None:
    rng = etree.RelaxNG(etree.parse(str(VALIDATORS / "2023-01-12-TBXcoreStructV03.rng")))
    invalid = {}
    for name, out in exported["tbx"].items():
        if not rng.validate(etree.parse(str(out))):
            invalid[name] = str(rng.error_log.last_error)
    assert invalid == {}


def _compiled(sch: Path, into: Path) -> Path:
    """The Schematron as an XSLT stylesheet (lxml's ISO skeleton; Saxon runs it with XPath 2, which the
    schemas' `matches()` and path expressions need)."""
    doc = etree.parse(str(sch))
    doc.getroot().set("queryBinding", "xslt")  # the skeleton refuses "xslt2"; Saxon evaluates XPath 2 anyway
    xsl = iso.iso_svrl_for_xslt1(iso.iso_abstract_expand(iso.iso_dsdl_include(doc)))
    out = into / (sch.stem + ".xsl")
    out.write_bytes(etree.tostring(xsl))
    return out


@pytest.mark.parametrize("schematron", SCHEMATRONS)
def test_every_v3_export_passes_the_tbx_schematron(exported: dict[str, dict[str, Path]], tmp_path: Path,
                                                   schematron: str) -> None:  # fmt: skip
    if not shutil.which("java") or not SAXON.is_file():
        pytest.skip(f"the TBX Schematron is XSLT 2: it needs java and {SAXON} (Debian libsaxonhe-java)")
    folder = next(iter(exported["tbx"].values())).parent
    reports = tmp_path / "svrl"
    reports.mkdir()
    run = subprocess.run(["java", "-cp", str(SAXON), "net.sf.saxon.Transform", f"-s:{folder}", f"-o:{reports}",
                          f"-xsl:{_compiled(VALIDATORS / schematron, tmp_path)}"], capture_output=True, text=True)  # fmt: skip
    assert run.returncode == 0, run.stderr[-500:]
    failed = {}
    for name, out in exported["tbx"].items():
        report = etree.parse(str(reports / (out.name + ".xml")))  # Saxon names each report FILE.xml
        texts = report.xpath("//svrl:failed-assert/svrl:text/text()", namespaces=SVRL)
        if texts:
            failed[name] = sorted({re.sub(r"\s+", " ", t).strip() for t in texts})
    assert len(list(reports.iterdir())) == len(TBXS) and failed == {}


BASIC_INFO = {("admin", "source"), ("admin", "customerSubset"), ("admin", "projectSubset"), ("descrip", "definition"),
              ("descrip", "subjectField"), ("note", "")}  # fmt: skip
_DCT_INFO = {"source": "admin", "customerSubset": "admin", "projectSubset": "admin", "definition": "descrip",
             "subjectField": "descrip"}  # fmt: skip
_LEVELS = {"conceptEntry": "entry", "termEntry": "entry", "entry": "entry", "langSec": "lang", "langSet": "lang",
           "langGroup": "lang", "termSec": "term", "tig": "term", "ntig": "term", "termGroup": "term"}  # fmt: skip


def admin_items(path: Path) -> list[tuple[str, str, str, str]]:
    """(level, element, type, text) of each admin (source, customerSubset, projectSubset), definition,
    subjectField and note of a TBX's entries, whatever the style (DCA `admin type=source`, DCT `basic:source`,
    v2 `termNote type=customerSubset`)."""
    root = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
    found = []
    for el in root.iter():
        name, kind = _local(el), el.get("type", "")
        if name in _DCT_INFO:
            name, kind = _DCT_INFO[name], name
        elif name == "termNote" and ("admin", kind) in BASIC_INFO:
            name = "admin"
        if (name, kind if name != "note" else "") not in BASIC_INFO:
            continue
        up = el.getparent()
        while up is not None and _local(up) not in _LEVELS:
            up = up.getparent()
        text = " ".join("".join(el.itertext()).split())
        if up is not None and text:
            found.append((_LEVELS[_local(up)], name, kind, text))
    return sorted(found)


@pytest.mark.parametrize("fmt", ["tbx", "tbx2"])
def test_admin_fields_definitions_and_notes_survive(exported: dict[str, dict[str, Path]], fmt: str) -> None:
    # Before (5f37c3d): 1,000 of them were dropped: LTAC's 178 sources, 74 language definitions and 63 notes,
    # Glosario's 170 term notes (joined into one), fromSDL's 268 definitions, BYU's customerSubset and
    # projectSubset; every one at the level it stood (a definition of a language section stays there)
    lost = {name: len(admin_items(SHARED_PATH[name])) - len(admin_items(out)) for name, out in exported[fmt].items()
            if admin_items(SHARED_PATH[name]) != admin_items(out)}  # fmt: skip
    assert sum(len(admin_items(p)) for p in TBXS) >= 1500
    assert lost == {}


def _entries(path: Path) -> dict[str, bytes]:
    """Each conceptEntry of a v3 file by its first term, as bytes."""
    root = etree.parse(str(path)).getroot()
    return {"".join(next(e.iter(f"{{{root.nsmap[None]}}}term")).itertext()): etree.tostring(e)
            for e in root.iter(f"{{{root.nsmap[None]}}}conceptEntry")}  # fmt: skip


def _history(entry: bytes) -> dict[str, list[tuple[str, str, str]]]:
    """(type, by, date) of each transaction of an entry, by where it stands: "entry", a language, a term."""
    el = etree.fromstring(entry)
    out: dict[str, list[tuple[str, str, str]]] = {}
    for grp in el.iter("{*}transacGrp"):
        holder = grp.getparent()
        where = ("entry" if _local(holder) == "conceptEntry" else holder.get(XML_LANG, "")
                 if _local(holder) == "langSec" else "".join(next(holder.iter("{*}term")).itertext()))  # fmt: skip
        kind, by, date = (" ".join("".join(x.itertext()).split()) for x in grp)
        out.setdefault(where, []).append((kind, by, date))
    return out


XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def test_an_edited_tbx_keeps_what_it_did_not_change_and_records_the_edit(tmp_path: Path) -> None:
    """Before (5f37c3d): renaming a term dropped its transactions (the history moved nowhere), the edit was
    recorded nowhere, and `glossary edit` could not change a definition. Now: BYU's James termbase imported,
    a term renamed, a definition changed, a term added, and exported: the renamed term keeps its three
    transactions and gets a modification by the editor, the new term an origination, the entry a
    modification; every other entry is the bytes the untouched export gave; the file passes the TBX core
    RELAX NG and both Schematrons."""
    src = SHARED / "real" / "tbx" / "byutrg_v3basic_DCA_James_Termbase.tbx"
    env = {**__import__("os").environ, "TARJIMON_USER": "Dilnoza"}
    gl = ("--glossaries-dir", str(tmp_path / "gl"))

    def tarjimon(*args: str) -> str:
        run = subprocess.run([sys.executable, "-m", "tarjimon", *args, *gl], capture_output=True, text=True, env=env)
        assert run.returncode == 0, run.stderr
        return run.stdout

    tarjimon("glossary", "import", "j", str(src))
    tarjimon("glossary", "export", "j", "-o", str(tmp_path / "before.tbx"))
    import json

    (concept,) = json.loads(tarjimon("glossary", "show", "j", "watermelon", "--json"))
    tarjimon("glossary", "edit", "j", concept["id"], "--en", "water melon", "--es", "sandía",
             "--definition", "a large fruit with green skin and red pulp")  # fmt: skip
    out = tmp_path / "edited" / "after.tbx"
    out.parent.mkdir()
    tarjimon("glossary", "export", "j", "-o", str(out))
    before, after = _entries(tmp_path / "before.tbx"), _entries(out)
    assert {k: v for k, v in before.items() if k != "watermelon"} == {k: v for k, v in after.items() if k != "water melon"}
    was, now = _history(before["watermelon"]), _history(after["water melon"])
    edits = {where: [t for t in ts if t[1] == "Dilnoza"] for where, ts in now.items()}
    assert [t[:2] for t in edits["water melon"]] == [("modification", "Dilnoza")]
    assert now["water melon"][:-1] == was["watermelon"] and len(was["watermelon"]) == 3  # its own history kept
    assert [t[:2] for t in edits["sandía"]] == [("origination", "Dilnoza")]
    assert [t[:2] for t in edits["entry"]] == [("modification", "Dilnoza")]
    assert now["entry"][:-1] == was["entry"] and now["ko"] == was["ko"] and now["수박"] == was["수박"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", edits["entry"][0][2])
    assert b"a large fruit with green skin and red pulp" in after["water melon"]
    assert b"https://www.google.com</admin>" in after["water melon"]  # the entry's admin source stays
    rng = etree.RelaxNG(etree.parse(str(VALIDATORS / "2023-01-12-TBXcoreStructV03.rng")))
    assert rng.validate(etree.parse(str(out))), rng.error_log.last_error
    if not shutil.which("java") or not SAXON.is_file():
        pytest.skip(f"the TBX Schematron is XSLT 2: it needs java and {SAXON} (Debian libsaxonhe-java)")
    for schematron in SCHEMATRONS:
        report = tmp_path / f"{schematron}.svrl"
        run = subprocess.run(["java", "-cp", str(SAXON), "net.sf.saxon.Transform", f"-s:{out}", f"-o:{report}",
                              f"-xsl:{_compiled(VALIDATORS / schematron, tmp_path)}"], capture_output=True, text=True)  # fmt: skip
        assert run.returncode == 0, run.stderr[-500:]
        assert etree.parse(str(report)).xpath("//svrl:failed-assert", namespaces=SVRL) == []


def test_a_synonym_added_to_a_tbx_concept_is_recorded(tmp_path: Path) -> None:
    # `glossary add` merging a term into a concept read from TBX: an origination transaction for the term
    env = {**__import__("os").environ, "TARJIMON_USER": "Dilnoza"}
    gl = ("--glossaries-dir", str(tmp_path / "gl"))
    src = SHARED / "real" / "tbx" / "byutrg_v3basic_DCA_James_Termbase.tbx"
    for args in (("import", "j", str(src)), ("add", "j", "--en", "shoe", "--es", "calzado", "--domain", "clothing"),
                 ("export", "j", "-o", str(tmp_path / "out.tbx"))):  # fmt: skip
        run = subprocess.run([sys.executable, "-m", "tarjimon", "glossary", *args, *gl], capture_output=True,
                             text=True, env=env)  # fmt: skip
        assert run.returncode == 0, run.stderr
    history = _history(_entries(tmp_path / "out.tbx")["shoe"])
    assert [t[:2] for t in history["calzado"]] == [("origination", "Dilnoza")] and "zapato" not in history


def entry_ids(path: Path) -> list[str]:
    root = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
    return sorted(el.get("id", "") for el in root.iter() if _local(el) in ("conceptEntry", "termEntry") and el.get("id"))


@pytest.mark.parametrize("fmt", ["tbx", "tbx2"])
def test_each_entry_keeps_its_id(exported: dict[str, dict[str, Path]], fmt: str) -> None:
    # Before (5f37c3d): an entry's id was replaced by one derived from its first term (c0a1b2...) unless a
    # cross-reference named it, so a termbase synchronised by id (MultiTerm, a TMS) saw every entry as new
    changed = {name: entry_ids(SHARED_PATH[name])[:3] for name, out in exported[fmt].items()
               if entry_ids(SHARED_PATH[name]) and entry_ids(SHARED_PATH[name]) != entry_ids(out)}  # fmt: skip
    assert sum(len(entry_ids(p)) for p in TBXS) >= 500  # (a file without ids, Weblate's, gets ids of its own)
    assert changed == {}
