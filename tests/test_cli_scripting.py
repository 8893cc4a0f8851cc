"""The CLI as a newsroom's scripts drive it: a real `python -m tarjimon` process run from a folder that is not
the repository, with pipes, a cron job's locale, no terminal and stdin at EOF."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"


def run(tmp_path: Path, *args: object, env: dict[str, str] | None = None,
        stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    base = dict(os.environ, PYTHONPATH=str(SRC), HOME=str(tmp_path / "home"),
                TARJIMON_PROJECTS=str(tmp_path / "projects"), TARJIMON_GLOSSARIES=str(tmp_path / "glossaries"))
    base.pop("PYTHONUTF8", None)
    return subprocess.run([sys.executable, "-m", "tarjimon", *map(str, args)], input=stdin, capture_output=True,
                          env={**base, **(env or {})}, cwd=tmp_path, timeout=120)


@pytest.fixture
def story(tmp_path: Path) -> str:
    assert run(tmp_path, "new", "story", "--source", "uz", "--targets", "kk,ru").returncode == 0
    return "story"


def test_queries_file_gives_one_line_per_line_blank_ones_included(tmp_path: Path, story: str) -> None:
    # A script pairs output line N with input line N: a blank line in the middle must not shift the rest.
    q = tmp_path / "q.txt"
    q.write_bytes("Қозоғистон\n\n   \nрақамли давлат\r\nlast".encode())
    done = run(tmp_path, "tm", "search", story, "--queries", q, "--target", "KK", "--json")
    assert done.returncode == 0 and done.stderr == b"", done.stderr
    lines = [json.loads(x) for x in done.stdout.decode("utf-8").splitlines()]
    assert [x["query"] for x in lines] == ["Қозоғистон", "", "   ", "рақамли давлат", "last"]
    assert lines[1]["matches"] == [] and lines[2]["matches"] == []
    # a file that is one blank line: one answer; an empty file: none
    q.write_bytes(b"\n")
    out = run(tmp_path, "tm", "search", story, "--queries", q, "--target", "kk", "--json").stdout
    assert [json.loads(x) for x in out.splitlines()] == [{"query": "", "matches": []}]
    q.write_bytes(b"")
    assert run(tmp_path, "tm", "search", story, "--queries", q, "--target", "kk", "--json").stdout == b""


def test_cyrillic_output_under_a_locale_that_is_not_utf8(tmp_path: Path, story: str) -> None:
    # cron's LC_ALL=C with Python's UTF-8 mode off: stdout is ASCII; Cyrillic was refused with exit 2
    article = tmp_path / "a.txt"
    article.write_text("Янги кўприк қурилди. Унинг узунлиги 1.5 км.\n", encoding="utf-8")
    c_locale = {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}
    done = run(tmp_path, "segment", article, "--lang", "uz", "--json", env=c_locale)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.decode("utf-8")) == ["Янги кўприк қурилди.", "Унинг узунлиги 1.5 км."]
    done = run(tmp_path, "translit", "-", "--to", "cyrillic", env=c_locale, stdin=b"Salom dunyo\n")
    assert (done.returncode, done.stdout.decode("utf-8")) == (0, "Салом дунё\n")


def test_new_in_a_projects_folder_that_cannot_be_made_is_one_line(tmp_path: Path) -> None:
    # --projects-dir naming a file (as a read-only or full disk would): a traceback and exit 1 before
    (tmp_path / "notes.txt").write_text("x\n", encoding="utf-8")
    done = run(tmp_path, "--projects-dir", "notes.txt", "new", "p", "--source", "uz", "--targets", "kk")
    err = done.stderr.decode("utf-8")
    assert done.returncode == 2 and err.count("\n") == 1 and err.startswith("tarjimon: "), err
    assert "notes.txt/p" in err and "Traceback" not in err
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "x\n"


def test_glossary_add_takes_language_options_in_any_case_and_variant(tmp_path: Path) -> None:
    # `--KK`, `--ru_RU=…`, `--en-US`, `--uz-Cyrl` were "unrecognized arguments" (exit 2)
    done = run(tmp_path, "glossary", "add", "news", "--uz-Cyrl", "рақамли", "--KK", "цифрлық", "--ru_RU=цифровой",
               "--en-US", "digital", "--note", "n", "--json")
    assert done.returncode == 0, done.stderr
    got = json.loads(done.stdout)
    assert got["terms"] == {"uz": ["рақамли"], "kk": ["цифрлық"], "ru": ["цифровой"], "en": ["digital"]}
    concept = got["concept"]
    done = run(tmp_path, "glossary", "edit", "news", concept, "--KK-kz", "рақамдық", "--json")
    assert done.returncode == 0, done.stderr
    shown = json.loads(run(tmp_path, "glossary", "show", "news", "рақамли", "--json").stdout)
    assert [c["terms"]["kk"] for c in shown] == [["рақамдық"]] and shown[0]["note"] == "n"
    # an unknown language is still refused, and nothing was added
    bad = run(tmp_path, "glossary", "add", "news", "--uz", "газета", "--XX", "газет")
    assert bad.returncode == 2 and b"--XX" in bad.stderr
    assert len(json.loads(run(tmp_path, "glossary", "list", "--json").stdout)) == 1
    assert json.loads(run(tmp_path, "glossary", "list", "--json").stdout)[0]["concepts"] == 1


def test_align_takes_its_language_options_in_any_case_and_variant(tmp_path: Path) -> None:
    assert run(tmp_path, "new", "al", "--source", "uz", "--targets", "kk").returncode == 0
    (tmp_path / "uz.txt").write_text("Янги кўприк қурилди.\nУнинг узунлиги 1.5 км.\n", encoding="utf-8")
    (tmp_path / "kk.txt").write_text("Жаңа көпір салынды.\nОның ұзындығы 1.5 км.\n", encoding="utf-8")
    plain = run(tmp_path, "align", "al", "uz.txt", "--kk", "kk.txt", "--dry-run", "--json")
    for spelt in ("--KK", "--kk-KZ", "--Kk_kz"):
        got = run(tmp_path, "align", "al", "uz.txt", spelt, "kk.txt", "--dry-run", "--json")
        assert (got.returncode, got.stdout, got.stderr) == (plain.returncode, plain.stdout, plain.stderr), spelt
    assert b"unrecognized" not in plain.stderr


def test_open_without_a_terminal_refuses_instead_of_waiting(tmp_path: Path, story: str) -> None:
    # from cron or a pipe (stdin at EOF) the workbench used to start and wait for keys for ever
    done = run(tmp_path, "open", story)
    err = done.stderr.decode("utf-8")
    assert done.returncode == 2 and err == "tarjimon: open needs a terminal (stdin is not one); scripts use the " \
        "other commands\n", err
    assert not (tmp_path / "projects" / story / ".edit.lock").exists()


@pytest.mark.parametrize("score", ["800", "-5", "102"])
def test_tm_search_min_out_of_range_is_a_usage_error(tmp_path: Path, story: str, score: str) -> None:
    # a typo (`--min 800` for 80) printed "no matches" with exit 0; pretranslate already refused it
    done = run(tmp_path, "tm", "search", story, "Қозоғистон", "--target", "kk", "--min", score, "--json")
    assert (done.returncode, done.stdout) == (2, b"")
    assert done.stderr == b"tarjimon: --min must be between 0 and 101\n"


def _closed(tmp_path: Path, fd: int, *args: object) -> subprocess.CompletedProcess[bytes]:
    """`tarjimon ARGS` with file descriptor `fd` closed (the shell's `<&-`, `>&-`, `2>&-`)."""
    env = dict(os.environ, PYTHONPATH=str(SRC), HOME=str(tmp_path / "home"),
               TARJIMON_PROJECTS=str(tmp_path / "projects"), TARJIMON_GLOSSARIES=str(tmp_path / "glossaries"))
    return subprocess.run(["sh", "-c", f'exec "$@" {fd}>&-' if fd else 'exec "$@" <&-', "sh", sys.executable, "-m",
                           "tarjimon", *map(str, args)], capture_output=fd != 1, stdout=None if fd != 1 else
                          subprocess.DEVNULL, env=env, cwd=tmp_path, timeout=120)


def test_closed_streams_are_no_traceback(tmp_path: Path, story: str) -> None:
    # stdin closed reads as empty; stdout closed writes to nowhere; both were an AttributeError traceback, exit 1
    done = _closed(tmp_path, 0, "tm", "search", story, "--queries", "-", "--target", "kk", "--json")
    assert (done.returncode, done.stdout, done.stderr) == (0, b"", b"")
    done = _closed(tmp_path, 0, "translit", "-", "--to", "latin")
    assert (done.returncode, done.stderr) == (0, b"")
    done = _closed(tmp_path, 1, "new", "other", "--source", "uz", "--targets", "kk", "--json")
    assert done.returncode == 0 and (tmp_path / "projects" / "other" / "project.toml").is_file()
    # stderr closed: the error cannot be said, the exit code still says it
    assert _closed(tmp_path, 2, "stats", "ghost").returncode == 2


@pytest.mark.parametrize("name", ["-dash", ".hidden", "a" * 65, "a..b", "my story"])
def test_a_refused_name_says_which_rule(tmp_path: Path, name: str) -> None:
    # '-dash' was refused as not "letters, digits, '.', '-' or '_'": all it holds; the rule broken was unsaid
    done = run(tmp_path, "new", "--source", "uz", "--targets", "kk", "--", name)
    err = done.stderr.decode("utf-8")
    assert done.returncode == 2 and err.count("\n") == 1, err
    assert "starting with a letter or digit, at most 64 characters" in err
    assert not (tmp_path / "projects").exists() or not any((tmp_path / "projects").iterdir())


def test_two_new_at_once_one_creates_the_other_is_told(tmp_path: Path) -> None:
    # cron jobs racing: several `new` of one name each said "created" (exit 0) and the project kept only the
    # last one's languages. Now exactly one creates it, with its languages; the others exit 2.
    env = dict(os.environ, PYTHONPATH=str(SRC), TARJIMON_PROJECTS=str(tmp_path / "projects"))
    for round_ in range(10):
        name = f"race{round_}"
        procs = {t: subprocess.Popen([sys.executable, "-m", "tarjimon", "new", name, "--source", "uz", "--targets",
                                      t], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=tmp_path)
                 for t in ("kk", "ru", "en")}
        codes = {t: (p.wait(timeout=120), p.stderr.read()) for t, p in procs.items()}  # type: ignore[union-attr]
        winners = [t for t, (code, _) in codes.items() if code == 0]
        assert len(winners) == 1, codes
        assert all(b"already exists" in err for t, (code, err) in codes.items() if t not in winners), codes
        listed = json.loads(run(tmp_path, "list", "--json").stdout)
        assert [p["targets"] for p in listed if p["name"] == name] == [winners], (listed, codes)
