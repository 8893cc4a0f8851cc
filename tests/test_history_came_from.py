"""Where a version came from, in `tarjimon history` and the workbench's versions (Ctrl+A): targets that came
in with a file or from pretranslate showed the author "?" (an import has no user) or the user who ran
pretranslate as if they had typed it. Now: "import: FILE", "pretranslate: TM 100% (user)", the user for typed
ones, "?" only for versions saved before authors were kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import etree

from tarjimon.core.workbench import Workbench
from tarjimon.core.workbench.review import came_from
from tarjimon.tui.screens.history import version_text

TEXT = "Bu yil 3 ta maktab ochildi. Ular shaharda joylashgan.\n"


@pytest.fixture
def work(tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch) -> Path:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TARJIMON_USER", "aigerim")
    (tmp_path / "news-uz.txt").write_text(TEXT, encoding="utf-8")
    assert cli("new", "news", "--source", "uz", "--targets", "kk").code == 0
    assert cli("import", "news", tmp_path / "news-uz.txt").code == 0
    return tmp_path


def test_a_target_imported_with_an_xliff_file_names_the_file(work: Path, cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("export", "news", "--format", "xliff", "--target", "kk", "-o", work / "out").code == 0
    (sent,) = (work / "out").iterdir()
    tree = etree.parse(str(sent))
    unit = next(tree.iter("{*}trans-unit"))
    target = etree.SubElement(unit, unit.tag.replace("trans-unit", "target"), state="translated")
    target.text = "Биыл 3 мектеп ашылды."
    back = work / "back" / "from-the-agency.kk.xlf"
    back.parent.mkdir()
    tree.write(str(back), xml_declaration=True, encoding="utf-8")
    assert cli("import", "news", back).code == 0

    shown = cli("history", "news", "news-uz.txt", "1", "--target", "kk").out.splitlines()
    assert "import: from-the-agency.kk.xlf  translated" in shown[2]
    versions = json.loads(cli("history", "news", "news-uz.txt", "1", "--target", "kk", "--json").out)["versions"]
    assert versions[0]["came_from"] == "import: from-the-agency.kk.xlf"
    with Workbench.open(work / "projects", "news") as project:
        (v,) = project.review.versions(project.segments()[0].id, "kk")
    assert "import: from-the-agency.kk.xlf" in version_text(v).plain  # the workbench's Ctrl+A


def test_pretranslated_targets_say_so_and_typed_ones_name_the_user(work: Path, cli) -> None:  # type: ignore[no-untyped-def]
    with Workbench.open(work / "projects", "news") as project:
        first, second = project.segments()
        project.tm.add(first.source, "Биыл 3 мектеп ашылды.", "uz", "kk")
    assert cli("pretranslate", "news").code == 0
    with Workbench.open(work / "projects", "news") as project:
        project.save_target(second.id, "kk", "Олар қалада орналасқан.")
    assert "pretranslate: TM 100% (aigerim)  translated" in cli(
        "history", "news", "news-uz.txt", "1", "--target", "kk").out
    typed = cli("history", "news", "news-uz.txt", "2", "--target", "kk").out
    assert "  aigerim  translated" in typed


def test_came_from() -> None:
    assert came_from("", "import: a.po") == "import: a.po"
    assert came_from("", "xliff") == "import: an XLIFF file"  # stored before files were named
    assert came_from("bob", "tm:87") == "pretranslate: TM 87% (bob)"
    assert came_from("bob", "restored v2") == "bob"
    assert came_from("", "") == "?"
