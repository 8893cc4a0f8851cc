"""TM import defects reproduced from other tools' real files (../shared/data/interop/real, SOURCES.md)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from tarjimon.core import langs
from tarjimon.core.store import Store
from tarjimon.core.tm.sqlite.backend import SqliteMemory

REAL = Path(__file__).resolve().parents[2] / "shared" / "data" / "interop" / "real"

pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason=f"real interop files missing: {REAL}")


def tm(tmp_path: Path, source: str, targets: list[str]) -> SqliteMemory:
    return SqliteMemory(Store(tmp_path / "tm.db"), source, targets)


@pytest.mark.parametrize("tag", ["uz@cyrillic", "uz@latin", "uz-Cyrl", "uz_UZ.UTF-8@cyrillic", "UZ-latn"])
def test_uzbek_tags_in_every_spelling(tag: str) -> None:
    assert langs.normalize(tag) == "uz"
    assert langs.parse_list(f"{tag},kk") == ["uz", "kk"]
    assert langs.script_of(tag) in ("cyrl", "latn")


def test_po_translated_into_uzbek_cyrillic_is_kept_reversed(tmp_path: Path) -> None:
    path = REAL / "po" / "sushi_uz@cyrillic.po"
    msgstrs = sum(1 for line in path.read_text("utf-8").splitlines() if line.startswith('msgstr "') and
                  line != 'msgstr ""')  # fmt: skip
    memory = tm(tmp_path, "uz", ["kk", "ru", "en"])
    r = memory.import_file(path)
    assert r.added == 11 and r.added >= msgstrs
    units = list(memory.units())
    assert {(u.source_lang, u.target_lang) for u in units} == {("uz", "en")}
    assert all(u.source_tag == "uz@cyrillic" for u in units)
    assert any("Тасвир" in u.source or any("\u0400" <= c <= "\u04ff" for c in u.source) for u in units)


def test_new_project_accepts_posix_locale_targets(tmp_path: Path) -> None:
    run = subprocess.run([sys.executable, "-m", "tarjimon", "new", "p", "--source", "uz@cyrillic",
                          "--targets", "kk,ru-RU,en@latin", "--projects-dir", str(tmp_path)],
                         capture_output=True, text=True)  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert "uz → kk, ru, en" in run.stdout + run.stderr


@pytest.mark.parametrize(("name", "skipped"), [("tmx/omegat_compkit_ImportTest1J.tmx", 2),
                                              ("probes/uz_scripts.tmx", 1)])  # fmt: skip
def test_same_language_variants_are_counted_with_a_reason(tmp_path: Path, name: str, skipped: int) -> None:
    # even a TM that keeps every pair: uz-Cyrl -> uz-Latn is a transliteration, not a translation pair
    memory = tm(tmp_path, None, None)  # type: ignore[arg-type]
    r = memory.import_file(REAL / name)
    assert r.added == 0 and r.skipped == skipped
    assert any("same language" in why for why in r.reasons)


def test_en_us_en_gb_fr_keeps_the_translation_pairs(tmp_path: Path) -> None:
    memory = tm(tmp_path, "en", None)  # type: ignore[arg-type]
    r = memory.import_file(REAL / "tmx" / "omegat_en-US_en-GB_fr_sr.tmx")
    pairs = {(u.source_lang, u.target_lang) for u in memory.units()}
    assert ("en", "en") not in pairs and pairs  # fr/sr kept, en-GB counted as skipped
    assert r.reasons and r.added + r.skipped >= 3


def test_empty_targets_are_skipped_and_counted(tmp_path: Path) -> None:
    memory = tm(tmp_path, "uz", ["ru"])
    r = memory.import_file(REAL / "probes" / "empty_target.tmx")
    assert (r.added, r.skipped, r.reasons) == (0, 2, {"empty target": 2})
    assert memory.lookup("Иккинчи гап.", "ru") == []


def test_memoq_and_matecat_context_props_give_101(tmp_path: Path) -> None:
    memory = tm(tmp_path, "en", ["fr"])
    assert memory.import_file(REAL / "probes" / "context_pre.tmx").added == 2
    best = memory.lookup("Restart the service", "fr", context=("Open settings", "Close"))[0]
    assert best.score == 101
    best = memory.lookup("cartoon", "fr", context=("anime", "neural filter"))[0]
    assert best.score == 101


@pytest.mark.parametrize("name", ["trados_studio_status.tmx", "matecat_exampleForTestOriginal.tmx"])
def test_tmx_metadata_survives_import_and_export(tmp_path: Path, name: str) -> None:
    keys = ("tuid", "creationid", "changeid", "usagecount")

    def meta(path: Path) -> list[tuple[str | None, ...]]:
        return sorted((tuple(tu.get(k) for k in keys) for tu in etree.parse(str(path)).getroot().iter("tu")
                       if any(tu.get(k) for k in keys)), key=str)  # fmt: skip

    src = REAL / "tmx" / name
    wanted = meta(src)
    assert wanted, f"{name} carries no tu metadata"
    memory = tm(tmp_path, None, None)  # type: ignore[arg-type]
    r = memory.import_file(src)
    assert r.added == len(wanted), r
    out = tmp_path / "out.tmx"
    memory.export_tmx(out)
    assert meta(out) == wanted


def test_po_msgfmt_rejects_is_refused_with_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.po"
    bad.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: kk\\n"\n\n'
                   'msgid "a"\nmsgstr "b\n', encoding="utf-8")  # fmt: skip
    subprocess.run([sys.executable, "-m", "tarjimon", "new", "p", "--source", "uz", "--targets", "kk",
                    "--projects-dir", str(tmp_path)], check=True, capture_output=True)  # fmt: skip
    run = subprocess.run([sys.executable, "-m", "tarjimon", "tm", "import", "p", str(bad), "--projects-dir",
                          str(tmp_path), "--json"], capture_output=True, text=True)  # fmt: skip
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert "bad.po:7:" in run.stderr and "closing quote" in run.stderr


@pytest.mark.parametrize(("name", "fmt"), [("probe_tm.csv", "CSV"), ("probe.docx", "DOCX"), ("probe.sdltm", "SDLTM")])
def test_tm_import_names_an_unsupported_format(tmp_path: Path, name: str, fmt: str) -> None:
    subprocess.run([sys.executable, "-m", "tarjimon", "new", "p", "--source", "uz", "--targets", "kk",
                    "--projects-dir", str(tmp_path)], check=True, capture_output=True)  # fmt: skip
    run = subprocess.run([sys.executable, "-m", "tarjimon", "tm", "import", "p", str(REAL / "probes" / name),
                          "--projects-dir", str(tmp_path)], capture_output=True, text=True)  # fmt: skip
    assert run.returncode == 2 and f"{fmt} is not a TM format" in run.stderr and "malformed" not in run.stderr


def test_omegat_metadata_on_the_target_tuv_survives_import_and_export(tmp_path: Path) -> None:
    # OmegaT (project_save.tmx) writes who and when on the target tuv, not on the tu
    src = REAL / "tmx" / "omegat_test-multiple-entries11.tmx"
    keys = ("creationid", "changeid", "creationdate", "changedate")

    def meta(path: Path) -> list[tuple[str, tuple[str | None, ...]]]:
        out = []
        for tu in etree.parse(str(path)).getroot().iter("tu"):
            target = tu.findall("tuv")[-1]
            seg = "".join(target.find("seg").itertext())
            out.append((seg, tuple(target.get(k) or tu.get(k) for k in keys)))
        return sorted(out)

    wanted = meta(src)
    assert sum(1 for _seg, found in wanted if found[0]) == 3  # counted here with lxml: three tuvs carry creationid
    memory = tm(tmp_path, None, None)  # type: ignore[arg-type]
    assert memory.import_file(src).added == len(wanted)
    out = tmp_path / "out.tmx"
    memory.export_tmx(out)
    got = meta(out)
    assert [(seg, found[:2]) for seg, found in got] == [(seg, found[:2]) for seg, found in wanted]
    for (_seg, found), (_, had) in zip(got, wanted, strict=True):  # a date the file gave comes back as it was
        assert [f for f, h in zip(found[2:], had[2:], strict=True) if h] == [h for h in had[2:] if h]


XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TMXS = sorted([*(REAL / "tmx").glob("*.tmx"), *(REAL.parent / "tmx").glob("*.tmx")]) if REAL.is_dir() else []


def tmx_pairs(path: Path) -> int:
    """The pairs a TMX file offers, counted with lxml: in each tu, its source variant (the tu's srclang, else the
    header's; by tag, else by primary language) with each other variant; a tu without one counts once."""
    root = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)).getroot()
    head = root.find("header")
    header_src = (head.get("srclang") or "") if head is not None else ""

    def primary(tag: str) -> str:
        return tag.lower().replace("_", "-").split("-")[0]

    count = 0
    for tu in root.iter("tu"):
        tags = [(t.get(XML_LANG) or t.get("lang") or "") for t in tu.findall("tuv")]
        src = (tu.get("srclang") or header_src).lower()
        found = [t for t in tags if t.lower() == src] or [t for t in tags if primary(t) == primary(src)]
        count += len(tags) - 1 if found else 1
    return count


@pytest.mark.parametrize("path", TMXS, ids=[p.name for p in TMXS])
def test_every_pair_of_a_real_tmx_is_added_or_counted_with_a_reason(cli, path: Path) -> None:  # type: ignore[no-untyped-def]
    assert cli("new", "p", "--source", "en", "--targets", "fr,de,es,ja").code == 0
    r = cli("tm", "import", "p", str(path), "--json")
    assert r.code == 0, r.err
    (got,) = json.loads(r.out)["files"]
    assert got["added"] + got["duplicates"] + got["skipped"] == tmx_pairs(path)
    assert sum(got["skipped_why"].values()) == got["skipped"]
