"""Names and texts others choose never act on the translator's terminal: a document name from a shared story
or a file's name, a target typed on another desk, a TM unit's text or origin, a glossary term, a comment: an
ESC sequence (OSC 0 retitles the window, CSI 2J clears the screen), a BEL or a bidi override in them is
printed as its escape (`\\x1b`, `\\x07`, `\\u202e`) by every command's human output, and drawn as a sign by the
workbench. JSON output keeps the text as it is (its own escapes)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tarjimon.core.text.visible import pictured, visible

#: Retitles the window, rings, clears the screen, then shows what follows reversed.
HOSTILE = "\x1b]0;pwned\x07\x1b[2J\u202eevil"
RAW = ("\x1b", "\x07", "\u202e")
DOC = f"news{HOSTILE}.txt"


def test_visible_escapes_what_acts_on_a_terminal_and_nothing_else() -> None:
    assert visible(HOSTILE) == "\\x1b]0;pwned\\x07\\x1b[2J\\u202eevil"
    assert visible("a\tb\nc\rd\x9be\u2066") == "a\\tb\\nc\\rd\\x9be\\u2066"
    plain = "Қозоғистон ўзбек O‘zbekiston «ёзув» — 5%"
    assert visible(plain) is plain
    # one sign for one character (the grid's term spans stay put), line breaks kept
    assert pictured("a\x1bb\tc\nd\u202e") == "a␛b␉c\nd\ufffd"


def test_the_printable_shortcut_misses_nothing() -> None:
    # visible/pictured return a printable text at once: every character they escape must be one Python
    # calls not printable, or it would slip through
    from tarjimon.core.text.visible import _HIDDEN

    assert not [hex(c) for c in range(0x110000) if _HIDDEN.match(chr(c)) and chr(c).isprintable()]


@pytest.fixture
def story(cli, tmp_path: Path) -> str:  # type: ignore[no-untyped-def]
    """A project whose document name, targets, TM unit, comment and glossary hold HOSTILE."""
    from tarjimon.core.workbench import open_workbench

    assert cli("new", "story", "--source", "uz", "--targets", "kk,ru").code == 0
    (tmp_path / DOC).write_text("Narx oshdi. Yangi koʻprik qurildi.\n", encoding="utf-8")
    assert cli("import", "story", tmp_path / DOC).code == 0
    with open_workbench(tmp_path / "projects", "story") as wb:
        wb.lock()
        first = wb.rows()[0].segment
        wb.save_target(first.id, "kk", f"Баға {HOSTILE} 5", "translated")  # (as a shared story delivers it)
        wb.tm.add("Narx oshdi.", f"Баға өсті {HOSTILE}", "uz", "kk", origin=f"desk{HOSTILE}")
    assert cli("comment", "add", "story", "1", "1", f"see {HOSTILE}").code == 0
    (tmp_path / "terms.tsv").write_text("uz\tkk\nnarx\u202e\tбаға\u202e\n", encoding="utf-8")  # (a file holds no ESC)
    assert cli("glossary", "import", "terms", tmp_path / "terms.tsv").code == 0
    return "story"


def _clean(done) -> str:  # type: ignore[no-untyped-def]
    shown = done.out + done.err
    assert not [c for c in RAW if c in shown], shown
    return shown


COMMANDS = [
    ("documents", "story"),
    ("remove", "story", "2"),  # (no --yes and no terminal: the question is refused, naming the document)
    ("segments", "list", "story"),
    ("history", "story", "2", "1", "--target", "kk"),
    ("comment", "list", "story"),
    ("qa", "story"),
    ("tm", "search", "story", "Narx oshdi.", "--target", "kk"),
    ("tm", "concordance", "story", "Narx"),
    ("tm", "list", "story"),
    ("replace", "story", "Баға", "Нарх", "--dry-run"),
    ("export", "story", "--format", "txt", "--target", "kk", "-o", "out", "--fill-source"),
    ("analyse", "story"),
    ("history", "story", HOSTILE, "1", "--target", "kk"),  # an error naming an unknown document, listing them
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_every_command_prints_hostile_text_visibly(cli, story: str, args: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    done = cli(*args)
    shown = _clean(done)
    assert "\\x1b" in shown or "\\u202e" in shown, shown  # (the text is there, escaped: not left out)


def test_glossary_commands_print_hostile_terms_visibly(cli, story: str) -> None:  # type: ignore[no-untyped-def]
    for args in (("glossary", "show", "terms", "narx"), ("glossary", "list"),
                 ("glossary", "find", "terms", "--lang", "uz", "--text", "Narx\u202e oshdi")):  # fmt: skip
        shown = _clean(cli(*args))
        assert "\\u202e" in shown or "kk" in shown, (args, shown)
    concept = json.loads(cli("glossary", "show", "terms", "narx", "--json").out)[0]
    assert concept["terms"]["uz"] == ["narx\u202e"]  # JSON: the text as it is
    shown = _clean(cli("glossary", "remove", "terms", concept["id"]))
    assert "narx\\u202e" in shown


def test_tm_edit_and_delete_print_the_unit_visibly(cli, story: str) -> None:  # type: ignore[no-untyped-def]
    unit = json.loads(cli("tm", "list", "story", "--json").out)[0]
    assert HOSTILE in unit["target"]
    assert "\\x1b]0;pwned" in _clean(cli("tm", "delete", "story", str(unit["id"])))


def test_import_names_a_hostile_file_visibly(cli, story: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    done = cli("import", "story", tmp_path / DOC)  # (a re-import: its report names the file)
    assert done.code == 0 and "news\\x1b]0;pwned" in _clean(done)


def test_json_keeps_the_name_as_it_is(cli, story: str) -> None:  # type: ignore[no-untyped-def]
    docs = json.loads(cli("documents", "story", "--json").out)
    assert [d["name"] for d in docs] == [DOC]
