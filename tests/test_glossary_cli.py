"""`tarjimon glossary ...` end to end, as a user would run it."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from testkit import one_line_error

from tarjimon.cli.main import main

DATA = Path(__file__).parent / "data" / "glossary"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture()
def dirs(tmp_path: Path) -> list[str]:
    return ["--glossaries-dir", str(tmp_path / "glossaries"), "--projects-dir", str(tmp_path / "projects")]


def test_import_list_find_export(tmp_path: Path, dirs: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run(capsys, "glossary", "import", "seed", str(DATA / "seed_terms.tsv"), *dirs)
    assert code == 0
    code, out, _ = run(capsys, "glossary", "list", "--json", *dirs)
    (info,) = json.loads(out)
    assert info["name"] == "seed" and info["concepts"] == 59
    code, out, _ = run(capsys, "glossary", "find", "seed", "--text", "Давлат раҳбарининг сўзларига кўра",
                       "--lang", "uz", "--json", *dirs)  # fmt: skip
    hits = json.loads(out)
    assert hits[0]["term"] == "Давлат раҳбари" and hits[0]["text"] == "Давлат раҳбарининг"
    assert (hits[0]["start"], hits[0]["end"]) == (0, 18) and hits[0]["targets"]["kk"] == "Мемлекет басшысы"
    for ext in ("tsv", "csv", "tbx"):
        out_file = tmp_path / f"out.{ext}"
        assert run(capsys, "glossary", "export", "seed", "-o", str(out_file), *dirs)[0] == 0
        assert run(capsys, "glossary", "import", f"back{ext}", str(out_file), *dirs)[0] == 0
    exported = (tmp_path / "glossaries" / "backtsv.tsv").read_text(encoding="utf-8")
    assert exported == (tmp_path / "glossaries" / "seed.tsv").read_text(encoding="utf-8")


def test_add_and_attach(tmp_path: Path, dirs: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "glossary", "add", "news", "--uz", "сунъий интеллект", "--kk", "жасанды интеллект",
                       "--ru", "искусственный интеллект", "--en", "artificial intelligence", "--en", "AI",
                       "--note", "ИИ", "--status", "preferred", *dirs)  # fmt: skip
    assert code == 0, err
    text = (tmp_path / "glossaries" / "news.tsv").read_text(encoding="utf-8")
    assert text == ("uz\tkk\tru\ten\tnote\tstatus\nсунъий интеллект\tжасанды интеллект\tискусственный интеллект"
                    "\tartificial intelligence | AI\tИИ\tpreferred\n")  # fmt: skip
    assert (
        run(capsys, "glossary", "add", "news", "--tr", "yapay zeka", "--uz", "сунъий интеллект", *dirs)[0]
        == 0
    )
    assert "yapay zeka" in (tmp_path / "glossaries" / "news.tsv").read_text(encoding="utf-8")
    assert run(capsys, "new", "demo1", "--source", "uz", "--targets", "kk,ru,en", *dirs)[0] == 0
    assert run(capsys, "glossary", "attach", "demo1", "news", *dirs)[0] == 0
    cfg = tomllib.loads((tmp_path / "projects" / "demo1" / "project.toml").read_text(encoding="utf-8"))
    assert cfg["glossaries"] == ["news"]
    code, _, err = run(capsys, "glossary", "attach", "demo1", "nosuch", *dirs)
    assert code == 2
    one_line_error(err, "no glossary named 'nosuch'")


def test_project_glossaries_api(tmp_path: Path, dirs: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    from tarjimon.core.workbench import Workbench

    run(capsys, "glossary", "import", "seed", str(DATA / "seed_terms.tsv"), *dirs)
    project = Workbench.create(tmp_path / "projects", "p1", "uz", ["kk", "ru", "en"])
    project.config.glossaries.append("seed")
    project.save_config()
    gset = project.glossaries(tmp_path / "glossaries")
    concept = gset.add_concept("project", {"uz": "Alatau city", "kk": "Alatau city", "en": "Alatau City"})
    assert concept.id and (project.folder / "glossary.tsv").is_file()
    hits = gset.find("Тез ривожланаётган Alatau city қурилиши. Хитойда сунъий интеллект.", "uz")
    assert [h.glossary for h in hits] == ["project", "seed", "seed"]
    assert gset.find_target("жасанды интеллектпен", "жасанды интеллект", "kk") == [(0, 20)]
    assert gset.find_target("в Китае", "Китай", "ru") and not gset.find_target("в Японии", "Китай", "ru")
    project.close()


@pytest.mark.parametrize(
    ("content", "suffix", "line"),
    [
        ("uz\tkk\nдавлат\tмемлекет\tx\n", ".tsv", 2),
        ("uz\tqq\nдавлат\tмемлекет\n", ".tsv", 1),
        ("uz,kk,status\nдавлат,мемлекет\nдавлат,ел,wrong\n", ".csv", 3),  # (a repeated term is a synonym)
        ('<?xml version="1.0"?>\n<tbx><text><body><conceptEntry></body></text></tbx>\n', ".tbx", None),
        ('<?xml version="1.0"?>\n<!DOCTYPE tbx [<!ENTITY a "aaaa">]>\n<tbx>&a;</tbx>\n', ".tbx", None),
    ],
)
def test_bad_import_is_one_line_exit_2_and_leaves_glossary(
    tmp_path: Path,
    dirs: list[str],
    capsys: pytest.CaptureFixture[str],
    content: str,
    suffix: str,
    line: int | None,
) -> None:
    run(capsys, "glossary", "add", "g", "--uz", "қонун", "--kk", "заң", *dirs)
    before = (tmp_path / "glossaries" / "g.tsv").read_bytes()
    bad = tmp_path / f"bad{suffix}"
    bad.write_text(content, encoding="utf-8")
    code, out, err = run(capsys, "glossary", "import", "g", str(bad), *dirs)
    assert code == 2 and out == "" and err.count("\n") == 1 and err.startswith(f"tarjimon: {bad}")
    if line:
        assert err.startswith(f"tarjimon: {bad}:{line}: ")
    assert (tmp_path / "glossaries" / "g.tsv").read_bytes() == before


def test_a_shared_glossary_named_project_is_not_attached(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Before: `glossary attach p project` attached a shared glossary under the name the workbench gives the
    project's own glossary: in the workbench both answered to 'project', a term added there went to the
    project's glossary.tsv and Ctrl+F7 on a hit of the shared one looked for it in the wrong file."""
    assert cli("new", "p", "--source", "uz", "--target", "kk").code == 0
    # (`glossary add project` no longer makes a shared "project": it asks for --project, test_glossary_project_own;
    # a file of that name put in the folder by hand is still not attached)
    (tmp_path / "glossaries").mkdir()
    (tmp_path / "glossaries" / "project.tsv").write_text("uz\tkk\nkitob\tкітап\n", encoding="utf-8")
    r = cli("glossary", "attach", "p", "project")
    assert r.code == 2 and r.err.count("\n") == 1 and "own glossary" in r.err, r.err
    toml = tomllib.loads((tmp_path / "projects" / "p" / "project.toml").read_text(encoding="utf-8"))
    assert toml["glossaries"] == []


def test_a_control_character_in_a_term_is_refused_and_the_glossary_stays_readable(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Before: `glossary add c --uz $'sa\\x07lom' --kk x` said 'concept added' and wrote the BEL into c.tsv;
    from then on every command reading the glossary (find, export, a project that attaches it) failed:
    'c.tsv:2: binary data (control characters) in a text file'. The same through `glossary edit`."""
    assert cli("glossary", "add", "c", "--uz", "saylov", "--kk", "сайлау").code == 0
    for args in (["glossary", "add", "c", "--uz", "sa\x07lom", "--kk", "x"],
                 ["glossary", "add", "c", "--uz", "a", "--kk", "b", "--note", "n\x01"]):
        r = cli(*args)
        assert r.code == 2 and "control character" in r.err, r.err
    concept = cli("glossary", "show", "c", "saylov").out.split()[0]
    r = cli("glossary", "edit", "c", concept, "--kk", "сай\x07лау")
    assert r.code == 2 and "control character" in r.err, r.err
    r = cli("glossary", "find", "c", "--text", "saylov", "--lang", "uz", "--json")
    assert r.code == 0 and json.loads(r.out)[0]["targets"]["kk"] == "сайлау", r.err


def test_add_reads_a_bar_as_synonyms_and_refuses_a_tab_as_edit_does(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Before, `--uz 'кириш|чиқиш'` was added as the one term "кириш чиқиш" and a tab became a space, silently,
    where `glossary edit` and the file itself read ` | ` as synonyms and edit refused a tab."""
    path = tmp_path / "glossaries" / "g.tsv"
    assert cli("glossary", "add", "g", "--uz", "кириш|чиқиш", "--en", "input | output", "--en", "input").code == 0
    assert path.read_text(encoding="utf-8") == "uz\ten\nкириш | чиқиш\tinput | output\n"
    before = path.read_bytes()
    for argv in (("--uz", "таб\tтаб", "--en", "x"), ("--uz", "қатор", "--en", "x", "--note", "a\nb")):
        done = cli("glossary", "add", "g", *argv)
        assert done.code == 2
        one_line_error(done.err, "cannot hold a tab or a line break")
        assert path.read_bytes() == before
