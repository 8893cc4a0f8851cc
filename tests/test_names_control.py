"""A file name can hold a terminal's escape sequences (found trying it as an attacker with files, eleventh
session): `import` took `c ESC ] 0 ; pwned BEL d.txt` as a document, and `import`, `documents` and every error
naming the file wrote the sequence to the terminal as it was (it retitled the window; OSC 52 writes the
clipboard). Now such a name (or a bidirectional override, which makes `evil<RLO>txt.exe` read as
`evilexe.txt`) is refused with one line that shows it escaped, and nothing is imported."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path

from testkit import one_line_error

from tarjimon.core.errors import visible

TITLE = "c\x1b]0;pwned\x07d.txt"
BIDI = "evil\u202etxt.txt"


def _raw_controls(text: str) -> list[str]:
    return [ch for ch in text if ch != "\n" and (unicodedata.category(ch) == "Cc" or ch == "\u202e")]


def test_a_file_name_with_an_escape_sequence_or_a_bidi_override_is_refused_in_one_escaped_line(
        cli: Callable, tmp_path: Path) -> None:
    assert cli("new", "s", "--source", "uz", "--targets", "kk").code == 0
    for name in (TITLE, BIDI):
        (tmp_path / name).write_text("Birinchi gap.\n", "utf-8")
        done = cli("import", "s", name)
        assert done.code == 2
        line = one_line_error(done.err, "control character", visible(name))
        assert _raw_controls(line + done.out) == []
    assert cli("documents", "s").out.strip() == ""  # nothing imported
    assert cli("import", "s", TITLE.replace("\x1b", "").replace("\x07", "")).code == 2  # (no such file)


def test_an_error_naming_a_file_never_writes_its_control_characters(cli: Callable) -> None:
    assert cli("new", "s", "--source", "uz", "--targets", "kk").code == 0
    done = cli("import", "s", "no\x1b[31mfile.txt")
    assert done.code == 2
    line = one_line_error(done.err, "no\\x1b[31mfile.txt")
    assert _raw_controls(line) == []


def test_visible_escapes_only_what_would_drive_a_terminal() -> None:
    assert visible("Ўзбекистон — «янги» матн.txt") == "Ўзбекистон — «янги» матн.txt"
    assert visible(TITLE) == "c\\x1b]0;pwned\\x07d.txt"
    assert visible(BIDI) == "evil\\u202etxt.txt"
    assert visible("a\x9bb\x7f") == "a\\x9bb\\x7f"  # C1 CSI and DEL
    assert visible("a\tb\x1b") == "a\tb\\x1b"  # a tab drives nothing
