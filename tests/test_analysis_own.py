"""`tarjimon analyse` and `stats --analysis` count a document against the TM as it was when it was imported: a
translated article is not 101% matches of itself, while what the TM held before (a TMX's unit, the previous
version of a re-imported article) and the other documents' work still count; `--include-own` counts the TM as
it is, and every report says which."""

from __future__ import annotations

import json
import time
from pathlib import Path

from tarjimon.core.workbench import Workbench

SOURCES = [
    "Президент Қозоғистон рақамли давлатга айланиши керак деди.",
    "Бу ҳақда Давлат раҳбари газетага берган интервьюсида айтди.",
    "Рақамлаштириш ютуқлари давлат хизматларида кўринади.",
    "Сунъий интеллект соҳасида янги марказ очилди.",
]
RU = ["Президент сказал, что Казахстан должен стать цифровым.", "Об этом Глава государства сказал в интервью газете.",
      "Успехи цифровизации видны в госуслугах.", "Открыт новый центр в сфере искусственного интеллекта."]


def _project(tmp_path: Path, cli, name: str = "a-uz.txt", sources: list[str] = SOURCES) -> Path:  # type: ignore[no-untyped-def]
    article = tmp_path / name
    article.write_text("\n\n".join(sources) + "\n", encoding="utf-8")
    if not (tmp_path / "projects" / "p").exists():
        assert cli("new", "p", "--source", "uz", "--targets", "kk,ru").code == 0
    assert cli("import", "p", article).code == 0
    return article


def _translate(tmp_path: Path, texts: list[str], document: str = "a-uz.txt") -> None:
    with Workbench.open(tmp_path / "projects", "p") as project:
        segments = project.segments(project.document(document).id)
        for seg, text in zip(segments, texts, strict=True):
            project.confirm(seg.id, "ru", text)


def _bands(data: dict, document: str, lang: str) -> dict[str, int]:  # type: ignore[type-arg]
    doc = next(d for d in data["documents"] if d["document"] == document and d["lang"] == lang)
    return {b: c["segments"] for b, c in doc["bands"].items() if c["segments"]}


def test_a_translated_document_is_not_counted_as_matches_of_itself(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    _project(tmp_path, cli)
    with Workbench.open(tmp_path / "projects", "p") as project:  # a unit the TM held before the work
        project.tm.add(SOURCES[0], RU[0], "uz", "ru", origin="agency.tmx")
    _translate(tmp_path, RU)  # the first one as the TM had it (the unit is reused), the others new
    result = cli("analyse", "p", "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["own_units"] == "left out" and "as it was when each document was imported" in data["against"]
    ru = _bands(data, "a-uz.txt", "ru")
    assert ru.get("101%", 0) + ru.get("100%", 0) == 1, ru  # the TMX's unit: in the TM before
    assert ru.get("no match", 0) + sum(ru.get(b, 0) for b in ("95-99%", "85-94%", "75-84%", "50-74%")) == 3, ru
    doc = next(d for d in data["documents"] if d["lang"] == "ru")
    assert doc["own_left_out"] >= 3
    assert _bands(data, "a-uz.txt", "kk") == {"no match": 4}  # nothing in kk: nothing changes
    # --include-own: the TM as it is, every segment its own 101%
    whole = json.loads(cli("analyse", "p", "--json", "--include-own").out)
    assert whole["own_units"] == "included"
    assert _bands(whole, "a-uz.txt", "ru") == {"101%": 4}
    # the text report and the billing grid say what they counted against
    text = cli("analyse", "p")
    assert text.out.startswith("counted against the TM as it was when each document was imported")
    assert "its own match left out on 3 segments" in text.out
    bill = cli("stats", "p", "--analysis")
    assert "counted against the TM as it was" in bill.out
    bill_json = json.loads(cli("stats", "p", "--analysis", "--json").out)["analysis"]
    assert bill_json["languages"]["ru"]["bands"]["no match"]["segments"] >= 1
    assert "as it was" in bill_json["against"]
    assert cli("stats", "p", "--include-own").code == 2  # (it goes with --analysis)
    cli("analyse", "p", "--html", tmp_path / "a.html")
    assert "as it was when each document was imported" in (tmp_path / "a.html").read_text(encoding="utf-8")


def test_another_documents_work_and_a_re_imported_versions_units_still_count(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    article = _project(tmp_path, cli)
    _translate(tmp_path, RU)
    # a second article repeating two sentences of the first (one word changed in one): the first's work counts
    _project(tmp_path, cli, "b-uz.txt", [SOURCES[2].replace("давлат", "барча давлат"), SOURCES[3]])
    data = json.loads(cli("analyse", "p", "--json").out)
    b = _bands(data, "b-uz.txt", "ru")
    assert b.get("repetitions") == 1 and b.get("no match", 0) == 0, b  # the second: a repetition; the first fuzzy
    time.sleep(1.1)  # (timestamps are to the second: the re-import comes after the units)
    article.write_text("\n\n".join([*SOURCES[:3], "Сунъий интеллект соҳасида иккинчи марказ очилди."]) + "\n",
                       encoding="utf-8")
    assert cli("import", "p", article).code == 0
    data = json.loads(cli("analyse", "p", "--json").out)
    a = _bands(data, "a-uz.txt", "ru")
    # the unchanged sentences: the previous version's units, in the TM when the new version came; the changed one
    # a fuzzy match of its old self
    assert a.get("101%", 0) + a.get("100%", 0) == 3 and a.get("no match", 0) == 0, a


def test_a_project_copied_under_another_name_still_knows_its_own_work(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    """The units' origin names the project they were made in ("p/a-uz.txt"): in a copy named q they are still
    the document's own work, known by their confirmed (source, target) pairs."""
    import shutil

    _project(tmp_path, cli)
    _translate(tmp_path, RU)
    projects = tmp_path / "projects"
    shutil.copytree(projects / "p", projects / "q")
    toml = projects / "q" / "project.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('name = "p"', 'name = "q"'), encoding="utf-8")
    data = json.loads(cli("analyse", "q", "--json").out)
    assert _bands(data, "a-uz.txt", "ru") == {"no match": 4}
