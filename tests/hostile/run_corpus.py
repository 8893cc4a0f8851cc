"""Run every hostile file through the CLI inside one process limited to 500 MB of address space and 10 s a file.

Usage: python tests/hostile/run_corpus.py CORPUS_DIR WORK_DIR  -> one JSON line per file on stdout.
The work dir holds a project `p` (with TM units) and a glossary `g`; after a refused file they must be
byte-identical, and no file may appear in the projects or glossaries folders.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import resource
import signal
import sys
import time
import traceback
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

LIMIT_AS = 500 * 1024 * 1024
SECONDS = 10
IMPORTER = {".txt": ["import", "p"], ".md": ["import", "p"], ".po": ["tm", "import", "p"],
            ".tmx": ["tm", "import", "p"], ".tsv": ["glossary", "import", "g"],
            ".csv": ["glossary", "import", "g"], ".tbx": ["glossary", "import", "g"]}  # fmt: skip
ALSO = {".po": ["import", "p"]}  # a PO file is a document too: each hostile one goes through both importers


def state(work: Path) -> dict[str, str]:
    """Every file under projects/ and glossaries/ with its hash (the lock file's content is a pid: skipped)."""
    out = {}
    for sub in ("projects", "glossaries"):
        for p in sorted((work / sub).rglob("*")):
            if p.is_file() and not p.name.endswith(".lock") and ".cache" not in p.parts:
                out[str(p.relative_to(work))] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


class Timeout(BaseException):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise Timeout()


def main() -> None:
    corpus, work = Path(sys.argv[1]), Path(sys.argv[2])
    os.environ.update(TARJIMON_PROJECTS=str(work / "projects"), TARJIMON_GLOSSARIES=str(work / "glossaries"),
                      TARJIMON_BUSY_TIMEOUT="2")  # fmt: skip
    from tarjimon.cli.main import main as cli

    resource.setrlimit(resource.RLIMIT_AS, (LIMIT_AS, LIMIT_AS))
    signal.signal(signal.SIGALRM, _alarm)
    runs = [(path, IMPORTER[path.suffix]) for path in sorted(corpus.iterdir())]
    runs += [(path, ALSO[path.suffix]) for path in sorted(corpus.iterdir()) if path.suffix in ALSO]
    for path, command in runs:
        before = state(work)
        err, out = io.StringIO(), io.StringIO()
        started = time.monotonic()
        code, crash = None, ""
        signal.alarm(SECONDS)
        try:
            with redirect_stderr(err), redirect_stdout(out):
                code = cli([*command, str(path)])
        except Timeout:
            crash = "timeout"
        except BaseException:  # noqa: BLE001 - anything escaping main() is a traceback a user would see
            crash = traceback.format_exc(limit=-3)
        finally:
            signal.alarm(0)
        after = state(work)
        changed = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
        print(
            json.dumps(
                {
                    "file": path.name,
                    "command": " ".join(command),
                    "code": code,
                    "err": err.getvalue(),
                    "crash": crash,
                    "seconds": round(time.monotonic() - started, 2),
                    "changed": changed,
                }
            ),
            flush=True,
        )


if __name__ == "__main__":
    main()
