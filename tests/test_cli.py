"""The command line as a user drives it: exit codes, one-line errors, JSON, nothing changed on bad input."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from testkit import one_line_error

ARTICLE = " date 2026-03-01 Янги кўприк\nNUKUS. Kazinform – Янги кўприк қурилди. Унинг узунлиги 1.5 км.\n"


def _content(db: Path) -> list[tuple]:  # type: ignore[type-arg]
    conn = sqlite3.connect(db)
    rows = [
        (table, *row)
        for table in ("documents", "paragraphs", "segments", "translations", "translation_history")
        for row in conn.execute(f"SELECT * FROM {table}")
    ]
    conn.close()
    return rows


def _new(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("new", "demo1", "--source", "uz", "--targets", "kk,ru,en").code == 0


def test_new_list_import_stats(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _new(cli)
    listed = json.loads(cli("list", "--json").out)
    assert listed == [{"name": "demo1", "source": "uz", "targets": ["kk", "ru", "en"], "glossaries": []}]
    f = tmp_path / "bridge.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    r = cli("import", "demo1", f)
    assert r.code == 0 and "imported 3 segments" in r.err
    stats = json.loads(cli("stats", "demo1", "--json").out)
    assert stats["segments"] == 3
    assert stats["languages"]["kk"] == {**stats["languages"]["kk"], "empty": 3, "translated": 0, "draft": 0}
    assert isinstance(stats["tm_units"], int) and stats["words"] == 11


def test_projects_dir_option_beats_environment(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    other = tmp_path / "elsewhere"
    assert cli("new", "p", "--source", "uz", "--targets", "kk", "--projects-dir", other).code == 0
    assert (other / "p" / "project.toml").is_file()
    assert cli("--projects-dir", str(other), "list", "--json").out.count('"p"') == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x00\x01\x02\x03binary\xff\xfe junk", "binary"),
        (b"", "no text"),
        (b"Caf\xe9 cr\xe8me br\xfbl\xe9e, na\xefve fa\xe7ade.", "not UTF-8"),
    ],
)
def test_bad_article_is_refused_and_changes_nothing(cli, tmp_path: Path, content: bytes, message: str) -> None:  # type: ignore[no-untyped-def]
    _new(cli)
    db = tmp_path / "projects" / "demo1" / "project.db"
    before = _content(db)
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    r = cli("import", "demo1", f)
    assert r.code == 2
    one_line_error(r.err, "bad.txt", message)
    assert json.loads(cli("stats", "demo1", "--json").out)["segments"] == 0
    assert _content(db) == before


def test_missing_file_and_project(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _new(cli)
    r = cli("import", "demo1", tmp_path / "nope.txt")
    assert r.code == 2
    one_line_error(r.err, "nope.txt", "no such file")
    r = cli("stats", "ghost")
    assert r.code == 2
    one_line_error(r.err, "no project named 'ghost'")


def test_one_bad_file_in_a_batch_imports_nothing(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _new(cli)
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x00")
    r = cli("import", "demo1", good, bad)
    assert r.code == 2
    one_line_error(r.err, "bad.txt")
    assert json.loads(cli("stats", "demo1", "--json").out)["documents"] == 0


def test_windows_1251_is_read_and_said(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _new(cli)
    f = tmp_path / "cp.txt"
    f.write_bytes("Ташкентте открылась новая школа. В ней будут учиться 1200 учеников.".encode("cp1251"))
    r = cli("import", "demo1", f)
    assert r.code == 0 and "windows-1251" in r.err
    assert json.loads(cli("stats", "demo1", "--json").out)["segments"] == 2


def test_utf16_and_bom(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _new(cli)
    (tmp_path / "a.txt").write_bytes(ARTICLE.encode("utf-16"))
    (tmp_path / "b.txt").write_bytes(b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"))
    assert cli("import", "demo1", tmp_path / "a.txt", tmp_path / "b.txt").code == 0
    stats = json.loads(cli("stats", "demo1", "--json").out)
    assert stats["segments"] == 6


def test_unknown_language_is_usage_error(cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("new", "x", "--source", "uz", "--targets", "kk,qq")
    assert r.code == 2
    one_line_error(r.err, "unknown language")


def test_export_po_passes_msgfmt(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _new(cli)
    f = tmp_path / "bridge.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    cli("import", "demo1", f)
    from tarjimon.core.workbench import Workbench

    with Workbench.open(tmp_path / "projects", "demo1") as p:
        segs = p.segments()
        p.save_target(segs[1].id, "kk", "NUKUS. Kazinform – Жаңа көпір салынды.")
        p.save_target(segs[2].id, "kk", "Оның ұзындығы 1,5 км.", status="draft")
    assert cli("export", "demo1", "--format", "po", "--target", "kk", "-o", tmp_path / "out").code == 0
    po = tmp_path / "out" / "bridge.kk.po"
    text = po.read_text(encoding="utf-8")
    assert 'msgstr "NUKUS. Kazinform – Жаңа көпір салынды."' in text
    assert "#, fuzzy" in text and '"Language: kk\\n"' in text and "Plural-Forms" in text
    import polib

    entries = polib.pofile(str(po))
    assert len(entries) == 3 and len({e.msgctxt for e in entries}) == 3
    assert entries[0].msgstr == ""
    # a txt file is the translation alone: the draft and the untranslated title are refused unless asked for
    assert cli("export", "demo1", "--format", "txt", "--target", "kk", "-o", tmp_path / "out").code == 2
    r = cli("export", "demo1", "--format", "txt", "--target", "kk", "-o", tmp_path / "out", "--include-drafts",
            "--fill-source")
    assert r.code == 0 and "segment 1" in r.out
    txt = (tmp_path / "out" / "bridge.kk.txt").read_text(encoding="utf-8")
    assert txt.splitlines()[1] == "NUKUS. Kazinform – Жаңа көпір салынды. Оның ұзындығы 1,5 км."
    if not shutil.which("msgfmt"):
        pytest.skip("everything else passed; the msgfmt -c check needs msgfmt (Debian package gettext)")
    done = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(po)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_segment_and_translit_commands(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "t.txt"
    f.write_text("Бу биринчи гап. Бу иккинчи гап.\nУчинчи гап.\n", encoding="utf-8")
    r = cli("segment", f, "--lang", "uz", "--json")
    assert json.loads(r.out) == ["Бу биринчи гап.", "Бу иккинчи гап.", "Учинчи гап."]
    assert cli("translit", "Қозоғистон", "--to", "latin").out.strip() == "Qozogʻiston"
    assert cli("translit", "-", "--to", "cyrillic", stdin="shahar\n").out.strip() == "шаҳар"


def test_help_for_every_command() -> None:
    from tarjimon.cli.main import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    listed = parser.format_help()
    assert len(sub.choices) >= 14  # type: ignore[arg-type]
    for name, p in sub.choices.items():  # type: ignore[union-attr]
        text = p.format_help()
        # its own usage line, a description, every option it takes, and a line in the main help
        assert text.startswith(f"usage: tarjimon {name}"), name
        assert p.description and " ".join(p.description.split()[:3]) in " ".join(text.split()), name
        for action in p._actions:
            for flag in action.option_strings:
                assert flag in text, (name, flag)
        assert f"    {name} " in listed or f"    {name}\n" in listed, name


def test_an_argument_that_is_not_utf8_is_one_line_and_changes_nothing(cli, tmp_path: Path) -> None:
    """Before: `glossary add g --uz $'sa\\xfflom' --kk x` or `comment add p 1 1 $'x\\xffy'` (bytes that are not
    UTF-8 on the command line: Python keeps them as lone surrogates) ended in a traceback
    (UnicodeEncodeError, exit 1) where the text was written."""
    (tmp_path / "a.txt").write_text("Salom dunyo.\n", encoding="utf-8")
    assert cli("new", "p", "--source", "uz", "--target", "kk").code == 0
    assert cli("import", "p", "a.txt").code == 0
    assert cli("glossary", "add", "g", "--uz", "saylov", "--kk", "сайлау").code == 0
    glossary = (tmp_path / "glossaries" / "g.tsv").read_bytes()
    for args in (["glossary", "add", "g", "--uz", "sa\udcfflom", "--kk", "x"],
                 ["comment", "add", "p", "1", "1", "x\udcffy"], ["glossary", "add", "g", "--uz", "a\ud800b"]):
        r = cli(*args)
        assert r.code == 2, (args, r.err)
        assert r.err.count("\n") == 1 and "not UTF-8" in r.err and "Traceback" not in r.err, r.err
    assert (tmp_path / "glossaries" / "g.tsv").read_bytes() == glossary
    assert "no open comments" in cli("comment", "list", "p").err + cli("comment", "list", "p").out


def test_doc_is_the_number_documents_shows_for_every_command(cli, tmp_path: Path) -> None:
    """Before: `history` and `comment` read DOC's number as the database id (after a document was removed,
    another document than the one `documents` numbers so: a comment landed on the wrong story), and
    `segments` did not read numbers at all ("no document '1'")."""
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.txt").write_text(f"Birinchi gap {name}. Ikkinchi gap {name}.\n", encoding="utf-8")
    assert cli("new", "p", "--source", "uz", "--target", "kk").code == 0
    assert cli("import", "p", "a.txt", "b.txt", "c.txt").code == 0
    assert cli("remove", "p", "a.txt", "--yes").code == 0
    assert cli("documents", "p").out.splitlines()[0].split("\t")[:2] == ["1", "b.txt"]
    r = cli("comment", "add", "p", "2", "1", "the second document listed", "--json")
    assert r.code == 0, r.err
    assert json.loads(r.out)["document"] == "c.txt"
    r = cli("segments", "list", "p", "1", "--json")
    assert r.code == 0, r.err
    assert {row["document"] for row in json.loads(r.out)} == {"b.txt"}
    r = cli("history", "p", "1", "2", "--target", "kk", "--json")
    assert r.code == 0 and json.loads(r.out)["source"] == "Ikkinchi gap b.", r.err
    r = cli("segments", "list", "p", "3")
    assert r.code == 2 and "no document '3'" in r.err and "documents: b.txt, c.txt" in r.err


def test_ids_limits_and_ports_out_of_range_are_usage_errors(cli, tmp_path: Path) -> None:
    """Before: `comment resolve p 10**23`, `tm edit p 10**23`, `tm delete p 10**23` (OverflowError from SQLite),
    `tm search p TEXT --limit 0` (IndexError in the ranking) and `serve --port 10**23` or `--port -1` ended
    in tracebacks (exit 1)."""
    (tmp_path / "a.txt").write_text("Akmolinsk 1862 yil shahar maqomini oldi.\n", encoding="utf-8")
    assert cli("new", "p", "--source", "uz", "--target", "kk").code == 0
    assert cli("import", "p", "a.txt").code == 0
    from tarjimon.core.workbench import Workbench

    with Workbench.open(tmp_path / "projects", "p") as wb:
        wb.confirm(wb.segments()[0].id, "kk", "Ақмолинск 1862 жылы қала мәртебесін алды.")
    big = str(10**23)
    for args in (["comment", "resolve", "p", big], ["tm", "edit", "p", big, "--target", "x"],
                 ["tm", "delete", "p", big], ["tm", "list", "p", "--before", big],
                 ["tm", "search", "p", "Akmolinsk 1862 yil shahar maqomini oldi.", "--target", "kk", "--limit", "0"],
                 ["tm", "concordance", "p", "shahar", "--limit", "-1"], ["serve", "p", "--port", big],
                 ["serve", "p", "--port", "-1"]):  # fmt: skip
        try:
            cli(*args)
        except SystemExit as exc:  # argparse's usage error
            assert exc.code == 2, args
        else:
            raise AssertionError(f"accepted: {args}")


def test_standard_input_is_read_only_up_to_the_input_limit() -> None:
    """Before: `tarjimon translit - --to latin < /dev/zero` (or `segment -`) read standard input whole, until the
    machine's memory ran out (or, under a memory limit, 'out of memory'); now it stops at the limit a file has."""
    import os
    import resource
    import sys

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1] / "src"))
    for args in (["translit", "-", "--to", "latin"], ["segment", "-", "--lang", "uz"],
                 ["tm", "search", "p", "--queries", "-", "--target", "kk", "--projects-dir", "/nonexistent"]):
        with open("/dev/zero", "rb") as zero:
            done = subprocess.run([sys.executable, "-m", "tarjimon", *args], stdin=zero, env=env, capture_output=True,
                                  text=True, timeout=60, preexec_fn=limit)  # fmt: skip
        assert done.returncode == 2, done.stderr
        one_line_error(done.stderr, "<stdin>", "more than")
