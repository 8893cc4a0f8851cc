"""Paths and helpers the test modules import by name (`from testkit import SEED`).

Not in conftest.py: tests/tm/ has a conftest.py of its own, and `from testkit import ...` picks whichever
conftest was imported last, so a run of some files together (mutmut's, for one) failed to collect.
"""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tarjimon.core.formats.tsv import read_table
from tarjimon.core.glossary.store import LoadedGlossary

REPO = Path(__file__).resolve().parents[1]
# ../shared beside the repository: real files from other tools. Tests that need it skip where it is missing.
SHARED = REPO.parent / "shared"
SEED = SHARED / "seeds" / "kazinform-2026-01-05-uz.txt"
# The newsroom glossary shipped as package data (the language tests' subject).
NEWS_TSV = REPO / "src" / "tarjimon" / "glossaries" / "news.tsv"


def one_line_error(err: str, *needles: object) -> str:
    """Assert stderr is exactly one line, `tarjimon: ...`, holding each of `needles`; return it."""
    lines = err.splitlines()
    assert len(lines) == 1 and err.endswith("\n"), err
    assert lines[0].startswith("tarjimon: "), err
    for needle in needles:
        assert str(needle) in lines[0], (needle, err)
    return lines[0]


def hit_english(glossary, text: str, lang: str, kind: str = "") -> list[str]:
    """The English terms of a glossary's hits in `text`: of one kind, or of every kind that counts (all but
    "possible", a general word shown without its sense)."""
    by_id = {c.id: c for c in glossary.concepts}
    return [
        by_id[h.concept].terms["en"][0]
        for h in glossary.find(text, lang)
        if (h.kind == kind if kind else h.kind != "possible")
    ]


def news_glossary() -> LoadedGlossary:
    """The shipped newsroom glossary, loaded for recognition (a fresh one on each call)."""
    return LoadedGlossary(read_table(NEWS_TSV, "news"))


def seed_workbench(tmp_path: Path, targets: tuple[str, ...] = ("kk", "ru")):
    """A project "seed" (uz -> kk, ru, or the targets given) holding the seed article, with its own glossaries folder; skips where
    ../shared is missing. The TUI tests add their TM units, terms and targets to it."""
    import pytest

    from tarjimon.core.workbench import Workbench

    if not SEED.is_file():
        pytest.skip("the seed article in ../shared is not here")
    proj = Workbench.create(tmp_path / "projects", "seed", "uz", list(targets), glossaries_dir=tmp_path / "g")
    proj.import_file(SEED)
    return proj


def bench_align():
    """bench/align.py loaded as the module `bench_align` (its articles, damage and scoring), for the aligner's
    tests."""
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location("bench_align", REPO / "bench" / "align.py")
    bench = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules["bench_align"] = bench  # dataclasses look their module up
    spec.loader.exec_module(bench)  # type: ignore[union-attr]
    return bench


def free_port() -> int:
    """A TCP port free on 127.0.0.1 now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for_port(port: int, wait: float = 30.0) -> None:
    """Until 127.0.0.1:`port` takes connections (at most `wait` seconds; the caller's next step says if not)."""
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)


@contextmanager
def serving(args: list[str], env: dict[str, str], cwd: Path | None = None,
            wait: float = 30.0) -> Iterator[tuple[int, str, str]]:
    """`tarjimon serve ARGS --port P` in a subprocess: yields (port, the URL it printed, its token) once the port
    takes connections, and stops it after."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "tarjimon", "serve", *args, "--port", str(port)], env=env,
                            cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    try:
        line = proc.stderr.readline() if proc.stderr else ""
        m = re.search(r"(http://\S+/\?token=(\S+))", line)
        assert m, line
        wait_for_port(port, wait)
        yield port, m.group(1), m.group(2)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


async def until(pilot, test, what: str, bound: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    """(Pilot tests.) Pause until `test()` holds, up to `bound` seconds (a loaded machine is slow, not wrong);
    past it the test fails naming `what`."""
    end = time.monotonic() + bound
    while not test():
        if time.monotonic() > end:
            raise AssertionError(f"never: {what}")
        await pilot.pause(0.05)
