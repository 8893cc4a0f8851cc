"""The workbench's lookups (TM matches, glossary hits, QA) answered in a child process.

A lookup is mostly Python (scoring candidates, matching terms, checking a target): in the editor's process it
holds the GIL while the UI thread waits to draw a frame, so a key press echoed while the worker scores took
4-5x Textual's own echo. In a child process it runs on the other core and the UI thread only waits in a read.

`LookupProcess` is the parent's end, used by one thread (the TUI's lookup worker): `start()` spawns
`python -m tarjimon.core.workbench.lookup_process`, which opens the project itself (its own SQLite
connection, no edit lock, no delivery of the TM outbox: it only reads) and says when it is ready; `ask()`
sends one request and waits for its answer. Requests carry a generation: when the TM or a glossary changed in
the editor's process (`forget_lookups`), the next request has a newer one and the child brings its glossaries
up to their files before answering (the TM's own caches follow its database's generation).

The child reads its requests from a pipe: when the editor's process ends, even by kill -9, the pipe closes and
the child exits (no orphan). When the child dies or stops answering, `ask()` raises `LookupProcessGone` and the
caller answers in its own process from then on (the TUI logs it).

The TUI uses it only with TARJIMON_LOOKUP_PROCESS=1: measured on a 2-core machine shared with other work, the
child's answers landing in the middle of the next move (and its own start and dictionary loads) made moves and
key echoes slower than the in-process worker (docs/benchmarks.md, "Issue 11 goal 2: fifth session").
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import time
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

ANSWER_WITHIN = 20.0  # seconds: a child silent this long is taken for dead (a lookup takes milliseconds)
_MODULE = "tarjimon.core.workbench.lookup_process"


class LookupProcessGone(Exception):
    """The child process died, closed its pipe or stopped answering."""


class LookupProcess:
    """The parent's end of the lookup child. Not thread-safe: one thread asks (the TUI's lookup worker)."""

    def __init__(self, folder: Path, glossaries_dir: Path | None) -> None:
        self.folder = Path(folder)
        self.glossaries_dir = glossaries_dir
        self.proc: subprocess.Popen[bytes] | None = None
        self._send: Connection | None = None
        self._recv: Connection | None = None
        self.ready = False
        self.answered = 0  # requests the child answered (tests and benchmarks look at it)

    @property
    def pid(self) -> int | None:
        return self.proc.pid if self.proc is not None else None

    def start(self) -> None:
        """Spawn the child (it imports, opens the project and loads the glossaries on its own; `poll_ready`
        says when it is done)."""
        to_child_r, to_child_w = os.pipe()
        from_child_r, from_child_w = os.pipe()
        package_root = str(Path(__file__).resolve().parents[3])  # the tarjimon the parent runs, never another
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH", "")) if p)
        try:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", _MODULE, str(to_child_r), str(from_child_w), str(self.folder),
                 str(self.glossaries_dir) if self.glossaries_dir is not None else "-"],
                pass_fds=(to_child_r, from_child_w), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL, env=env, close_fds=True,
            )  # fmt: skip
        finally:
            os.close(to_child_r)  # the child's ends: only the child holds them now
            os.close(from_child_w)
        os.set_inheritable(to_child_w, False)
        os.set_inheritable(from_child_r, False)
        self._send = Connection(to_child_w, readable=False)
        self._recv = Connection(from_child_r, writable=False)

    def poll_ready(self, timeout: float = 0.0) -> bool:
        """True once the child has opened the project and can answer; raises LookupProcessGone if it died."""
        if self.ready:
            return True
        if self._recv is None:
            raise LookupProcessGone("not started")
        try:
            if not self._recv.poll(timeout):
                if self.proc is not None and self.proc.poll() is not None:
                    raise LookupProcessGone(f"exited with status {self.proc.returncode} before it was ready")
                return False
            message = self._recv.recv()
        except (EOFError, OSError) as exc:
            raise LookupProcessGone(f"ended before it was ready ({exc or type(exc).__name__})") from exc
        if not (isinstance(message, tuple) and message[:1] == ("ready",)):
            raise LookupProcessGone(f"could not open the project: {message}")
        self.ready = True
        return True

    def ask(self, kind: str, request: Any, generation: int, cancelled: Any = None) -> Any:
        """The answer to `request` (`kind` "lookup" or "check"), computed in the child. `generation` moves on
        when the TM or a glossary changed; `cancelled()` stops the wait (the app is closing)."""
        if not self.ready or self._send is None or self._recv is None:
            raise LookupProcessGone("not ready")
        try:
            self._send.send((generation, kind, request))
            limit = time.monotonic() + ANSWER_WITHIN
            while not self._recv.poll(0.2):
                if cancelled is not None and cancelled():
                    raise LookupProcessGone("cancelled")
                if time.monotonic() > limit or (self.proc is not None and self.proc.poll() is not None):
                    raise LookupProcessGone("stopped answering")
            answer = self._recv.recv()
        except (EOFError, OSError) as exc:
            raise LookupProcessGone(f"ended ({exc or type(exc).__name__})") from exc
        self.answered += 1
        return answer

    def close(self) -> None:
        """Close the pipes (the child exits on the closed pipe) and reap the child."""
        for conn in (self._send, self._recv):
            if conn is not None:
                try:
                    conn.close()
                except OSError:
                    pass
        self._send = self._recv = None
        self.ready = False
        if self.proc is not None:
            try:
                self.proc.wait(timeout=1.0)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


# ---- the child ------------------------------------------------------------------------------------
class _Answerer:
    """The child's side: the project opened for reading and its Lookups, kept up to date by generation."""

    def __init__(self, folder: Path, glossaries_dir: Path | None) -> None:
        self.folder, self.glossaries_dir = folder, glossaries_dir
        self.generation = 0
        self._open()

    def _open(self) -> None:
        from tarjimon.core.config import ProjectConfig
        from tarjimon.core.workbench.facade import Workbench

        config_path = self.folder / "project.toml"
        self.config_stamp = _stamp(config_path)
        # The facade's constructor, not Workbench.open: no edit lock, no outbox delivery, no shared-story sync:
        # the editor's process does all writing; this one only reads.
        self.workbench = Workbench(self.folder, ProjectConfig.load(config_path), glossaries_dir=self.glossaries_dir)
        self.lookups = self.workbench.lookups
        self.lookups.tm  # noqa: B018 (opened now, not on the first request)
        self.lookups.glossaries  # noqa: B018

    def refresh(self) -> None:
        """The TM or a glossary changed in the editor's process: bring the glossaries up to their files (patched
        in place when a few rows changed), or open everything again when project.toml changed."""
        if _stamp(self.folder / "project.toml") != self.config_stamp:
            self.workbench.close()
            self._open()
            return
        self.lookups.refresh()

    def answer(self, generation: int, kind: str, request: Any) -> Any:
        if generation != self.generation:
            self.generation = generation
            self.refresh()
        if kind == "check":
            return self.lookups.check(request)
        return self.lookups.lookup(request)


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


def main(argv: list[str]) -> int:
    """The child: answer requests from the pipe until it closes."""
    recv = Connection(int(argv[0]), writable=False)
    send = Connection(int(argv[1]), readable=False)
    try:
        answerer = _Answerer(Path(argv[2]), None if argv[3] == "-" else Path(argv[3]))
    except Exception as exc:
        try:
            send.send(("failed", f"{type(exc).__name__}: {exc}"))
        except OSError:
            pass
        return 1
    try:
        send.send(("ready", os.getpid()))
        while True:
            try:
                generation, kind, request = recv.recv()
            except EOFError:
                return 0  # the editor closed (or was killed): nothing more to answer
            send.send(answerer.answer(generation, kind, request))
    except OSError:
        return 0  # the editor's end of the pipe is gone
    finally:
        answerer.workbench.close()


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
