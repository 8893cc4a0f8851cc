"""QA of a segment holding a long run of letters, digits, dots and dashes ("1.1.1.1...", a pasted hash or
version list): the e-mail pattern of the kept-token check was tried from every letter of the run and scanned
it to its end each time, so `qa` on 200,000 such characters ran for minutes (quadratic). Now each run is tried
once. Run under a CPU limit far above what it needs (the old pattern needs ~500 s of CPU for this text),
and the addresses of ordinary text are still found."""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

from tarjimon.core.qa.tokens import source_tokens

SRC = Path(__file__).resolve().parents[1] / "src"
RUN = """
import sys
from tarjimon.core.qa.tokens import source_tokens
print(len(source_tokens("Жадвал: " + "1." * 200_000 + " ва " + "ab-c." * 40_000 + "x@y")))
"""


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_CPU, (30, 30))


def test_a_long_run_is_scanned_once() -> None:
    done = subprocess.run([sys.executable, "-c", RUN], capture_output=True, text=True, timeout=300,
                          env={"PYTHONPATH": str(SRC)}, preexec_fn=_limit)  # fmt: skip
    assert done.returncode == 0, f"killed by the CPU limit or failed: {done.returncode} {done.stderr[-300:]}"


def test_addresses_in_ordinary_text_are_still_found() -> None:
    found = {(t.text, t.kind) for t in source_tokens(
        "Ёзинг: -john.doe+x@mail.example.com ёки info@kun.uz (a.b-c@d-e.f.uz). Сайт: https://kun.uz/a")}  # fmt: skip
    assert {("john.doe+x@mail.example.com", "email"), ("info@kun.uz", "email"),
            ("a.b-c@d-e.f.uz", "email"), ("https://kun.uz/a", "url")} <= found  # fmt: skip
