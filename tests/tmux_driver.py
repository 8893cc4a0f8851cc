"""Drive the real `tarjimon` command in a tmux terminal with the raw bytes a terminal sends for each key.

The Pilot hands Textual ready-made key names; a translator's terminal sends bytes (ESC 1 for Alt+1, ESC [ 1 ; 5 B
for Ctrl+Down) that Textual's parser has to read. Only this path shows what a translator gets, so the key tests
go through it: `Terminal.press("alt+1")` writes `\\x1b1` into the pane, `screen()` reads what is drawn.

Each test run uses its own tmux server (`tmux -L tarjimon-test-<pid>`), so nothing touches the user's sessions.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

SERVER = f"tarjimon-test-{os.getpid()}"
HAVE_TMUX = shutil.which("tmux") is not None

_CSI_LETTER = {"up": "A", "down": "B", "right": "C", "left": "D", "home": "H", "end": "F"}
_CSI_TILDE = {"insert": 2, "delete": 3, "pageup": 5, "pagedown": 6}
_SS3_F = {"f1": "P", "f2": "Q", "f3": "R", "f4": "S"}
_F_TILDE = {"f5": 15, "f6": 17, "f7": 18, "f8": 19, "f9": 20, "f10": 21, "f11": 23, "f12": 24}
_PLAIN = {"enter": "\r", "tab": "\t", "escape": "\x1b", "backspace": "\x7f", "space": " "}


def xterm_bytes(key: str) -> str:
    """The bytes an xterm-compatible terminal (tmux, GNOME Terminal, Windows Terminal, xterm.js) sends for a
    key named as Textual names it: "a", "enter", "ctrl+down", "alt+1", "shift+tab", "f5", "ctrl+t"."""
    if len(key) == 1:
        return key
    *mods, name = key.split("+") if key != "+" else ["+"]
    mods_set = set(mods)
    code = 1 + ("shift" in mods_set) + 2 * ("alt" in mods_set) + 4 * ("ctrl" in mods_set)
    if name in _CSI_LETTER:
        return f"\x1b[1;{code}{_CSI_LETTER[name]}" if mods else f"\x1b[{_CSI_LETTER[name]}"
    if name in _CSI_TILDE:
        return f"\x1b[{_CSI_TILDE[name]};{code}~" if mods else f"\x1b[{_CSI_TILDE[name]}~"
    if name in _SS3_F:
        return f"\x1b[1;{code}{_SS3_F[name]}" if mods else f"\x1bO{_SS3_F[name]}"
    if name in _F_TILDE:
        return f"\x1b[{_F_TILDE[name]};{code}~" if mods else f"\x1b[{_F_TILDE[name]}~"
    if key == "shift+tab":
        return "\x1b[Z"
    if mods_set == {"alt"}:
        return "\x1b" + (_PLAIN.get(name) or name)
    if mods_set == {"ctrl"} and len(name) == 1 and name.isalpha():
        return chr(ord(name.lower()) & 0x1F)
    if mods_set == {"ctrl"} and name == "backslash":
        return "\x1c"  # (what every terminal sends for Ctrl+\)
    if not mods and name in _PLAIN:
        return _PLAIN[name]
    raise ValueError(f"no terminal sends {key!r} in a way this table knows")


def tmux(*args: str, check: bool = False) -> str:
    done = subprocess.run(["tmux", "-L", SERVER, *args], capture_output=True, text=True, timeout=20)
    if check and done.returncode:
        raise RuntimeError(f"tmux {' '.join(args)}: {done.stderr.strip()}")
    return done.stdout


class Terminal:
    """One tmux session running one command, at a fixed size."""

    def __init__(self, command: list[str], size: tuple[int, int] = (160, 45), cwd: Path | None = None,
                 env: dict[str, str] | None = None) -> None:  # fmt: skip
        self.session = f"t{uuid.uuid4().hex[:8]}"
        environment = " ".join(f"{k}={shlex.quote(v)}" for k, v in (env or {}).items())
        line = (
            f"cd {shlex.quote(str(cwd or Path.cwd()))} && exec env -u COLUMNS -u LINES TERM=xterm-256color {environment} "
            + (" ".join(shlex.quote(c) for c in command))
        )
        width, height = size
        tmux("new-session", "-d", "-s", self.session, "-x", str(width), "-y", str(height), line, check=True)
        tmux("set-option", "-t", self.session, "remain-on-exit", "on")

    @classmethod
    def tarjimon(
        cls, projects: Path, *args: str, size: tuple[int, int] = (160, 45), **kw: object
    ) -> Terminal:
        src = str(Path(__file__).resolve().parents[1] / "src")
        env = {"PYTHONPATH": src, "TARJIMON_PROJECTS": str(projects)}
        env.update(kw.pop("env", {}) or {})  # type: ignore[arg-type]
        return cls([sys.executable, "-m", "tarjimon", *args], size=size, env=env, **kw)  # type: ignore[arg-type]

    # ---- keys -----------------------------------------------------------------------------------
    def send(self, raw: str) -> None:
        """Write raw bytes into the terminal, as a keyboard would (one write, so a burst stays a burst)."""
        tmux("send-keys", "-t", self.session, "-l", raw, check=True)

    def press(self, *keys: str, pause: float = 0.0) -> None:
        for key in keys:
            self.send(xterm_bytes(key))
            if key == "escape" or pause:
                time.sleep(max(pause, 0.25))  # a lone ESC is told from a sequence by a pause

    def type(self, text: str) -> None:
        self.send(text)

    # ---- screen ---------------------------------------------------------------------------------
    def screen(self) -> str:
        return tmux("capture-pane", "-p", "-t", self.session)

    def wait_for(self, what: str | Callable[[str], bool], timeout: float = 15.0) -> str:
        """Wait until `what` is on screen (a text, a regular expression r"re:...", or a test of the screen)."""
        limit = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < limit:
            screen = self.screen()
            if callable(what):
                if what(screen):
                    return screen
            elif what.startswith("re:"):
                if re.search(what[3:], screen):
                    return screen
            elif what in screen:
                return screen
            time.sleep(0.05)
        raise AssertionError(f"{what!r} never showed; the screen:\n{screen}")

    def wait_gone(self, text: str, timeout: float = 10.0) -> str:
        return self.wait_for(lambda s: text not in s, timeout)

    def exited(self) -> bool:
        return tmux("display-message", "-p", "-t", self.session, "#{pane_dead}").strip() == "1"

    def close(self) -> None:
        tmux("kill-session", "-t", self.session)

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def kill_server() -> None:
    if HAVE_TMUX:
        tmux("kill-server")
