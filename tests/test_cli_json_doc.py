"""docs/cli-json.md is what `--json` prints: each line's command is run, in order, on the demo project, and its
answer must hold the documented keys (a key renamed or removed, or a document out of date, fails here)."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

DOC = Path(__file__).resolve().parents[1] / "docs" / "cli-json.md"
ROW = re.compile(r"^\| `tarjimon (?P<command>[^`]+)` \| `(?P<shape>[^`]+)`")


def _rows() -> list[tuple[list[str], str]]:
    rows = []
    for line in DOC.read_text(encoding="utf-8").splitlines():
        found = ROW.match(line)
        if found:
            rows.append((shlex.split(found["command"]), found["shape"]))
    return rows


def test_the_documented_json_shapes_are_what_the_commands_print(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rows = _rows()
    assert len(rows) > 30
    assert cli("demo").code == 0
    (tmp_path / "a.txt").write_text("Narx oshdi. Yangi koʻprik qurildi.\n", encoding="utf-8")
    for command, shape in rows:
        done = cli(*command, "--json")
        assert done.code in ((0, 1) if command[0] == "qa" else (0,)), (command, done.err)
        text = done.out.splitlines()[0] if command[:2] == ["tm", "search"] else done.out
        answer = json.loads(text)
        keys = re.findall(r'"(\w+)"', shape)
        if shape.startswith("["):
            assert isinstance(answer, list), command
            if answer and keys:
                missing = set(keys) - set(answer[0])
                assert not missing, (command, missing)
            elif shape == "[str]":
                assert all(isinstance(x, str) for x in answer) and answer, command
        else:
            assert isinstance(answer, dict), command
            assert not set(keys) - set(answer), (command, set(keys) - set(answer))
