"""Spelling, dismissed findings, the check registry and the match analysis, through the workbench and the CLI."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from qa_helpers import need_dictionaries

from tarjimon.core.qa import REGISTRY, check_segment
from tarjimon.core.qa.spelling import Speller
from tarjimon.core.workbench import Workbench

REPO = Path(__file__).resolve().parents[1]
SEED = REPO.parent / "shared" / "seeds" / "kazinform-2026-01-05-uz.txt"
SOURCE = "Шунингдек, марказда сунъий интеллект бўйича лаборатория ташкил этилди."


# ---- spelling ---------------------------------------------------------------------------------------
def test_a_kazakh_typo_is_a_spelling_finding_and_an_inflected_glossary_term_is_not() -> None:
    need_dictionaries(("kk",))
    speller = Speller(glossary_words=["жасанды", "интеллект", "зертхана"])
    typo = "Сондай-ақ орталықта жасанды интеллект бойынша зертхна құрылды."
    found = [f for f in check_segment(SOURCE, typo, "kk", source_lang="uz", speller=speller) if f.check == "spelling"]
    assert [(f.severity, "зертхна" in f.message) for f in found] == [("info", True)]
    inflected = "Сондай-ақ орталықта жасанды интеллектіге арналған зертхана құрылды."
    assert "spelling" not in [f.check for f in check_segment(SOURCE, inflected, "kk", source_lang="uz",
                                                              speller=speller)]


def test_the_spelling_check_knows_the_project_word_list(tmp_path: Path) -> None:
    need_dictionaries(("ru",))
    assert Speller().misspelt("Это хайпового запуска.", "ru")
    assert not Speller(known=["хайпового"]).misspelt("Это хайпового запуска.", "ru")


def test_no_spelling_false_alarm_on_the_demo_projects_targets(tmp_path: Path) -> None:
    need_dictionaries()
    from tarjimon.demo import build_demo

    with build_demo(tmp_path / "projects", glossaries_dir=REPO / "glossaries") as project:
        spelling = [f for f in project.qa() if f.check == "spelling"]
        done = sum(bool(t.text) for row in project.rows() for t in row.targets.values())
    assert done >= 10 and spelling == []


# ---- the registry and the docs ------------------------------------------------------------------------
def test_every_check_of_the_registry_is_documented_and_listed_by_the_cli(cli) -> None:  # type: ignore[no-untyped-def]
    doc = (REPO / "docs" / "qa.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([a-z-]+)` \|", doc, re.MULTILINE))
    assert documented == set(REGISTRY)
    listed = json.loads(cli("qa", "--checks", "--json").out)
    assert {c["id"] for c in listed} == set(REGISTRY)
    assert all(c["severity"] in ("error", "warning", "info") and c["function"] for c in listed)


# ---- dismissed findings --------------------------------------------------------------------------------
ARTICLE = "Марказда 500 нафар талаба дастурлашни ўрганади.\nЛойиҳа давлат дастури доирасида амалга оширилди.\n"


def test_a_dismissed_finding_stays_dismissed_until_the_text_changes(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a-uz.txt").write_text(ARTICLE, encoding="utf-8")
    assert cli("new", "p", "--source", "uz", "--targets", "kk,ru,en").code == 0
    assert cli("import", "p", tmp_path / "a-uz.txt").code == 0
    with Workbench.open(tmp_path / "projects", "p") as project:
        seg = project.segments()[0].id
        project.save_target(seg, "ru", "В центре программированию будут учиться 50 студентов.")
    checks = [(f["segment"], f["lang"], f["check"]) for f in json.loads(cli("qa", "p", "--json").out)]
    assert (seg, "ru", "number") in checks
    assert cli("qa", "ignore", "p", seg, "ru", "number").code == 2  # a reason is required
    assert cli("qa", "ignore", "p", seg, "ru", "nonsense", "--reason", "x").code == 2
    assert cli("qa", "ignore", "p", 999, "ru", "number", "--reason", "x").code == 2
    done = cli("qa", "ignore", "p", seg, "ru", "number", "--reason", "the editor cut the figure")
    assert done.code == 0, done.err
    after = cli("qa", "p", "--json")
    assert after.code == 0 and json.loads(after.out) == []
    listed = json.loads(cli("qa", "ignored", "p", "--json").out)
    assert [(i["segment"], i["check"], i["reason"]) for i in listed] == [(seg, "number", "the editor cut the figure")]
    with Workbench.open(tmp_path / "projects", "p") as project:  # the text changes: the finding is back
        project.save_target(seg, "ru", "В центре программированию учатся 50 студентов.")
    back = [(f["segment"], f["lang"], f["check"]) for f in json.loads(cli("qa", "p", "--json").out)]
    assert (seg, "ru", "number") in back


# ---- analysis ------------------------------------------------------------------------------------------
def _independent_bands(project: Workbench, lang: str) -> dict[str, int]:
    """Words per band counted here without the analysis module: a plain word regex and the TM's best score."""
    words = re.compile(r"\d+(?:[.,]\d+)*|\w+(?:[-ʻʼ'’‘`]\w+)*")
    seen: set[str] = set()
    out: dict[str, int] = {}
    for seg in project.segments():
        key = " ".join(seg.source.casefold().split())
        if key in seen:
            band = "repetitions"
        else:
            seen.add(key)
            best = project.tm.lookup(seg.source, lang, limit=1, min_score=50, context=project.neighbours(seg))
            score = best[0].score if best else 0
            band = ("101%" if score >= 101 else "100%" if score == 100 else "95-99%" if score >= 95 else
                    "85-94%" if score >= 85 else "75-84%" if score >= 75 else "50-74%" if score >= 50 else "no match")
        out[band] = out.get(band, 0) + len(words.findall(seg.source))
    return out


def test_analyse_json_bands_add_up_and_match_an_independent_count(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    if not SEED.is_file():
        pytest.skip(f"the seed article is not here ({SEED})")
    assert cli("new", "seed", "--source", "uz", "--targets", "kk,ru,en").code == 0
    assert cli("import", "seed", SEED).code == 0
    with Workbench.open(tmp_path / "projects", "seed") as project:
        segments = project.segments()
        # a TM: the first ten sentences translated exactly, five more with a word changed (fuzzy matches)
        for seg in segments[:10]:
            project.save_target(seg.id, "ru", f"Перевод {seg.id}.")
        for seg in segments[10:15]:
            project.tm.add(seg.source.replace(" ", " янги ", 1), f"Перевод {seg.id}.", "uz", "ru")
        expected = {lang: _independent_bands(project, lang) for lang in project.target_langs}
        total_words = sum(len(re.findall(r"\d+(?:[.,]\d+)*|\w+(?:[-ʻʼ'’‘`]\w+)*", s.source)) for s in segments)
    result = cli("analyse", "seed", "--json", "--include-own", "--html", tmp_path / "analysis.html")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["bands"] == ["repetitions", "101%", "100%", "95-99%", "85-94%", "75-84%", "50-74%", "no match"]
    for doc in data["documents"]:
        bands = {b: c["words"] for b, c in doc["bands"].items() if c["words"]}
        assert sum(bands.values()) == doc["total"]["words"] == total_words
        assert sum(c["segments"] for c in doc["bands"].values()) == len(segments)
        assert bands == expected[doc["lang"]], doc["lang"]
    ru = next(d for d in data["documents"] if d["lang"] == "ru")["bands"]
    assert ru["101%"]["segments"] + ru["100%"]["segments"] >= 10
    assert sum(ru[b]["segments"] for b in ("95-99%", "85-94%", "75-84%", "50-74%")) >= 1
    html = (tmp_path / "analysis.html").read_text(encoding="utf-8")
    assert "<svg" in html and "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_stats_html_has_progress_charts_and_findings_by_check(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a-uz.txt").write_text(ARTICLE, encoding="utf-8")
    assert cli("new", "p", "--source", "uz", "--targets", "kk,ru,en").code == 0
    assert cli("import", "p", tmp_path / "a-uz.txt").code == 0
    with Workbench.open(tmp_path / "projects", "p") as project:
        project.save_target(project.segments()[0].id, "ru", "В центре программированию будут учиться 50 студентов.")
    assert cli("stats", "p", "--html", tmp_path / "stats.html").code == 0
    html = (tmp_path / "stats.html").read_text(encoding="utf-8")
    assert html.count("<svg") >= 4 and ">number<" in html and "50.0%" in html
    (tmp_path / "link.html").symlink_to(tmp_path / "elsewhere.html")
    refused = cli("stats", "p", "--html", tmp_path / "link.html")
    assert refused.code == 2 and "link.html" in refused.err and not (tmp_path / "elsewhere.html").exists()
