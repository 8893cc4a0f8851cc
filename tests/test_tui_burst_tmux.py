"""Typing never reorders: 500 keys (letters, Home/End, selections, Backspace, Enter) written into a real
terminal in one burst land in order, checked target by target against the database.

A model of the editor (text, cursor, selection) says what each target must hold; the keys are the raw bytes a
terminal sends, all in one write, so Textual's parser and the app see them as fast as a pasted macro would
arrive. Before the fix, `hello world`, Home, `X`, End, `Y` gave `Yhello worldX` (a key bound on the editor ran
after the letters that followed it).
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from tmux_driver import HAVE_TMUX, Terminal, kill_server, xterm_bytes

from tarjimon.core.workbench import Workbench

pytestmark = pytest.mark.skipif(not HAVE_TMUX, reason="needs tmux (apt-get install tmux)")
SENTENCES = [f"{n}-жумла: бу {word} ҳақида." for n, word in enumerate(
    "давлат мактаб шаҳар китоб дарё тоғ бозор ҳаво йўл уй боғ денгиз кема осмон".split(), start=1)]  # fmt: skip
WORDS = "Қазақстан мемлекет цифрлық жаңа орталық ашылды студент бағдарлама hello world X Y".split()


@dataclass
class Model:
    """What the target editor holds: one line of text, a cursor, maybe a selection anchor."""

    text: str = ""
    cursor: int = 0
    anchor: int | None = None
    confirmed: list[str] = field(default_factory=list)

    def _selection(self) -> tuple[int, int] | None:
        if self.anchor is None or self.anchor == self.cursor:
            return None
        return min(self.anchor, self.cursor), max(self.anchor, self.cursor)

    def type(self, chars: str) -> None:
        span = self._selection()
        if span:
            self.text = self.text[: span[0]] + self.text[span[1] :]
            self.cursor = span[0]
        self.anchor = None
        self.text = self.text[: self.cursor] + chars + self.text[self.cursor :]
        self.cursor += len(chars)

    def key(self, name: str) -> None:
        if name in ("home", "end"):
            self.anchor = None
            self.cursor = 0 if name == "home" else len(self.text)
        elif name in ("shift+home", "shift+end"):
            if self.anchor is None:
                self.anchor = self.cursor
            self.cursor = 0 if name == "shift+home" else len(self.text)
        elif name == "backspace":
            span = self._selection()
            if span:
                self.text = self.text[: span[0]] + self.text[span[1] :]
                self.cursor = span[0]
            elif self.cursor:
                self.text = self.text[: self.cursor - 1] + self.text[self.cursor :]
                self.cursor -= 1
            self.anchor = None
        elif name in ("left", "right"):
            assert self._selection() is None
            self.cursor = max(0, self.cursor - 1) if name == "left" else min(len(self.text), self.cursor + 1)
        elif name == "enter":
            self.confirmed.append(self.text)
            self.text, self.cursor, self.anchor = "", 0, None


def script(seed: int, total: int = 500) -> tuple[str, Model, int]:
    """Raw bytes of about `total` keys, the model after them, and how many keys they are."""
    rng = random.Random(seed)
    model = Model()
    raw: list[str] = []
    keys = 0
    # The issue's own case first.
    plan: list[tuple[str, str]] = [("type", "hello world"), ("key", "home"), ("type", "X"), ("key", "end"),
                                   ("type", "Y"), ("key", "enter")]  # fmt: skip
    while keys < total:
        if plan:
            kind, value = plan.pop(0)
        else:
            roll = rng.random()
            if roll < 0.45:
                kind, value = "type", rng.choice(WORDS) + rng.choice([" ", "", ", "])
            elif roll < 0.85:
                options = ["home", "end", "shift+home", "shift+end", "backspace"]
                if model._selection() is None:
                    options += ["left", "right"]
                kind, value = "key", rng.choice(options)
            else:
                kind, value = "key", "enter" if len(model.confirmed) < len(SENTENCES) - 2 else "end"
        if kind == "type":
            model.type(value)
            raw.append(value)
            keys += len(value)
        else:
            model.key(value)
            raw.append(xterm_bytes(value))
            keys += 1
    model.key("enter")  # the last target confirmed too
    raw.append("\r")
    return "".join(raw), model, keys + 1


def test_a_burst_of_500_keys_lands_in_order(tmp_path: Path) -> None:
    article = tmp_path / "burst-uz.txt"
    article.write_text(" ".join(SENTENCES) + "\n", encoding="utf-8")
    projects = tmp_path / "projects"
    with Workbench.create(projects, "burst", "uz", ["kk"]) as project:
        project.import_file(article)
        segments = project.segments()
    assert len(segments) == len(SENTENCES)
    raw, model, keys = script(seed=10)
    assert keys >= 500 and model.confirmed[0] == "Xhello worldY"
    with Terminal.tarjimon(projects, "open", "burst", size=(100, 30), cwd=tmp_path) as term:
        term.wait_for("segment 1")
        time.sleep(0.5)
        term.send(raw)
        last = len(model.confirmed)
        term.wait_for(f"segment {min(last + 1, len(segments))} ", timeout=60)
        time.sleep(0.5)
        term.press("ctrl+q")
    kill_server()
    with Workbench.open(projects, "burst") as project:
        got = [project.translation(s.id, "kk").text for s in project.segments()[:last]]
    expected = [text if text.strip() else "" for text in model.confirmed]
    for n, (want, have) in enumerate(zip(expected, got, strict=True), start=1):
        assert have == want, f"segment {n}: {have!r} != {want!r}"
