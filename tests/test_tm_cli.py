"""The tm commands and pretranslate as a user runs them; bad input leaves the TM unchanged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from testkit import one_line_error

DATA = Path(__file__).parent / "data" / "tm"

BAD = [
    ("bad-billion-laughs.tmx", "entity declarations"),
    ("bad-xxe.tmx", "entity declarations"),
    ("bad-undeclared-entity.tmx", "entity reference"),
    ("bad-truncated.tmx", "malformed XML"),
    ("bad-malformed.tmx", "malformed XML"),
    ("bad-not-tmx.tmx", "not a TMX file"),
    ("bad-control-char.tmx", "malformed XML"),
    ("bad-encoding.tmx", "ncoding"),
    ("bad-syntax.po", "PO syntax error"),
    ("bad-charset.po", "unknown encoding"),
]


@pytest.fixture
def project(cli):  # type: ignore[no-untyped-def]
    assert cli("new", "p", "--source", "en", "--targets", "ru,fr").code == 0
    assert cli("tm", "import", "p", DATA / "inline-tags.tmx").code == 0
    return "p"


def _units(cli) -> int:  # type: ignore[no-untyped-def]
    return json.loads(cli("stats", "p", "--json").out)["tm_units"]


@pytest.mark.parametrize(("name", "message"), BAD)
def test_bad_input_is_one_line_exit_2_and_tm_unchanged(cli, project, name: str, message: str) -> None:  # type: ignore[no-untyped-def]
    before = _units(cli)
    r = cli("tm", "import", "p", DATA / name)
    assert r.code == 2
    line = one_line_error(r.err, f"tarjimon: {DATA / name}:", message)
    assert line.split(":")[2].strip().isdigit()  # the line number
    assert _units(cli) == before
    # in a batch, the files before the bad one are committed (each file is all or nothing); the bad one
    # left nothing, and its error is the only error line
    r = cli("tm", "import", "p", DATA / "utf16-tu-srclang.tmx", DATA / name)
    assert r.code == 2 and "Traceback" not in r.err
    assert [ln for ln in r.err.splitlines() if ln.startswith("tarjimon:")] == [line]
    assert _units(cli) == before + 2
    assert "root:" not in cli("tm", "search", "p", "x", "--target", "ru", "--json").out


def test_etc_passwd_never_read(cli, project) -> None:  # type: ignore[no-untyped-def]
    cli("tm", "import", "p", DATA / "bad-xxe.tmx")
    out = cli("tm", "concordance", "p", "root", "--json").out
    assert json.loads(out) == []


def test_search_one_and_many(cli, project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("tm", "search", "p", "Open the file", "--target", "ru", "--json")
    (line,) = r.out.splitlines()
    obj = json.loads(line)
    assert obj["query"] == "Open the file"
    best = obj["matches"][0]
    assert best["target"] == "Откройте файл" and best["score"] == 99 and best["penalties"] == ["tags"]
    queries = tmp_path / "q.txt"
    queries.write_text("Open the file\nnothing like this at all, really\nPress Save to keep your changes.\n", "utf-8")
    r = cli("tm", "search", "p", "--queries", queries, "--target", "ru", "--json")
    lines = [json.loads(x) for x in r.out.splitlines()]
    assert [x["query"] for x in lines] == queries.read_text("utf-8").splitlines()
    assert lines[1]["matches"] == []
    assert lines[2]["matches"][0]["score"] >= 95
    human = cli("tm", "search", "p", "Open the file", "--target", "ru")
    assert human.code == 0 and "99%" in human.out and "Откройте" in human.out


def test_concordance_finds_inflected_forms_with_highlights(cli, project) -> None:  # type: ignore[no-untyped-def]
    hits = json.loads(cli("tm", "concordance", "p", "изменение", "--json").out)
    assert len(hits) == 1
    s, e = hits[0]["target_spans"][0]
    assert hits[0]["target"][s:e] == "изменения"
    hits = json.loads(cli("tm", "concordance", "p", "leading and", "--json").out)
    s, e = hits[0]["source_spans"][0]
    assert hits[0]["source"][s:e] == "Leading and"
    assert "[Save]" in cli("tm", "concordance", "p", "save").out


def test_export_and_reimport_count(cli, project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "all.tmx"
    r = cli("tm", "export", "p", "-o", out, "--json")
    assert json.loads(r.out)["units"] == 4
    assert cli("new", "q", "--source", "en", "--targets", "ru").code == 0
    r = cli("tm", "import", "q", out, "--json")
    assert json.loads(r.out)["tm_units"] == 4


def test_pretranslate_cli(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    art = tmp_path / "a.txt"
    art.write_text("Open the file. Something new here.\n", "utf-8")
    cli("new", "p", "--source", "en", "--targets", "ru")
    cli("import", "p", art)
    tmx = tmp_path / "t.tmx"
    tmx.write_text(
        '<tmx version="1.4"><header srclang="en" creationtool="x" creationtoolversion="1" segtype="sentence" '
        'o-tmf="x" adminlang="en" datatype="plaintext"/><body>'
        '<tu><tuv xml:lang="en"><seg>Open the file.</seg></tuv><tuv xml:lang="ru"><seg>Откройте файл.</seg></tuv></tu>'
        '<tu><tuv xml:lang="en"><seg>Something new there.</seg></tuv><tuv xml:lang="ru"><seg>Что-то новое там.</seg></tuv></tu>'
        "</body></tmx>", "utf-8")
    assert cli("tm", "import", "p", tmx).code == 0
    r = cli("pretranslate", "p", "--json")
    assert json.loads(r.out) == {"ru": {"translated": 1, "draft": 0, "empty": 1}}
    r = cli("pretranslate", "p", "--target", "ru", "--min", "70", "--json")
    assert json.loads(r.out) == {"ru": {"translated": 0, "draft": 1, "empty": 0}}
    st = json.loads(cli("stats", "p", "--json").out)
    assert st["languages"]["ru"]["translated"] == 1 and st["languages"]["ru"]["draft"] == 1


@pytest.mark.parametrize("cmd", [["tm", "import"], ["tm", "export"], ["tm", "search"], ["tm", "concordance"],
                                 ["pretranslate"], ["tm"]])
def test_help(cli, cmd: list[str]) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as exc:
        cli(*cmd, "--help")
    assert exc.value.code == 0


def test_unknown_project_and_missing_file(cli, project) -> None:  # type: ignore[no-untyped-def]
    r = cli("tm", "search", "nope", "x", "--target", "ru")
    assert r.code == 2
    one_line_error(r.err, "no project named 'nope'")
    r = cli("tm", "import", "p", "missing.tmx")
    assert r.code == 2
    one_line_error(r.err, "missing.tmx: no such file")


def test_kill_9_mid_import_leaves_the_tm_as_it_was(tmp_path: Path) -> None:
    import subprocess
    import sys

    big = tmp_path / "big.tmx"
    with open(big, "w", encoding="utf-8") as f:
        f.write('<tmx version="1.4"><header srclang="en"/><body>\n')
        for i in range(30_000):
            f.write(f'<tu><tuv xml:lang="en"><seg>Sentence number {i} of many</seg></tuv>'
                    f'<tuv xml:lang="ru"><seg>Предложение {i}</seg></tuv></tu>\n')
        f.write("</body></tmx>\n")
    script = f"""
import os, signal
from tarjimon.core.store import Store
from tarjimon.core.tm.sqlite.backend import SqliteMemory
tm = SqliteMemory(Store({str(tmp_path / 'p.db')!r}))
tm.add("Kept", "Сохранено", "en", "ru")
def die(n):
    if n >= 20000:
        os.kill(os.getpid(), signal.SIGKILL)
tm.import_file({str(big)!r}, progress=die)
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True)
    assert done.returncode == -9
    from tarjimon.core.store import Store
    from tarjimon.core.tm.sqlite.backend import SqliteMemory

    tm = SqliteMemory(Store(tmp_path / "p.db"))
    assert tm.count() == 1 and [u.source for u in tm.units()] == ["Kept"]
    assert tm.lookup("Sentence number 5 of many", "ru") == []
    assert tm.import_file(big).added == 30_000
