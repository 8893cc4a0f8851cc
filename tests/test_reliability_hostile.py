"""The hostile-file corpus (tests/hostile/make_corpus.py, 150+ files over every importer) through the CLI, in a
process limited to 500 MB of address space and 10 s a file: 0 tracebacks, exit 2 with one line naming the file,
the project, its TM and the glossary byte-identical afterwards (issue 9, item 12)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _make(folder: Path) -> list[Path]:
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "make_corpus", REPO / "tests" / "hostile" / "make_corpus.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return list(module.make(folder))


def test_hostile_corpus(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    files = _make(corpus)
    assert len(files) >= 150
    work = tmp_path / "work"
    work.mkdir()
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"), TARJIMON_PROJECTS=str(work / "projects"),
               TARJIMON_GLOSSARIES=str(work / "glossaries"), OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1")  # fmt: skip
    article = tmp_path / "a.txt"
    article.write_text("Salom dunyo. Yangi kun boshlandi.\n", encoding="utf-8")
    tmx = tmp_path / "t.tmx"
    tmx.write_text('<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="uz" creationtool="t" '
                   'creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" datatype="plaintext"/>'
                   '<body><tu><tuv xml:lang="uz"><seg>Salom dunyo.</seg></tuv><tuv xml:lang="kk"><seg>Сәлем әлем.'
                   "</seg></tuv></tu></body></tmx>\n", encoding="utf-8")  # fmt: skip
    for args in (["new", "p", "--source", "uz", "--target", "kk"], ["import", "p", str(article)],
                 ["tm", "import", "p", str(tmx)], ["glossary", "add", "g", "--uz", "saylov", "--kk", "сайлау"],
                 ["stats", "p"]):  # fmt: skip
        done = subprocess.run(
            [sys.executable, "-m", "tarjimon", *args], env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
    run = subprocess.run([sys.executable, str(REPO / "tests" / "hostile" / "run_corpus.py"), str(corpus), str(work)],
                         env=env, capture_output=True, text=True, timeout=1200)  # fmt: skip
    assert run.returncode == 0, run.stderr[-3000:]
    results = [json.loads(line) for line in run.stdout.splitlines()]
    assert len(results) == len(files) + sum(1 for f in files if Path(f).suffix == ".po")  # PO: tm import and import
    bad = []
    for r in results:
        ok_file = r["file"].startswith("ok_")
        lines = r["err"].strip().splitlines()
        if r["crash"]:
            bad.append(f"{r['file']}: {r['crash']}")
        elif ok_file:
            if r["code"] != 0:
                bad.append(f"{r['file']} ({r['command']}): a valid file refused: {r['err'].strip()}")
        elif r["code"] != 2 or len(lines) != 1 or r["file"] not in lines[0] or "Traceback" in r["err"]:
            bad.append(f"{r['file']} ({r['command']}): exit {r['code']}: {r['err'].strip()[:300]}")
        elif r["changed"]:
            bad.append(f"{r['file']} ({r['command']}): refused but changed {r['changed']}")
        if r["seconds"] > 10:
            bad.append(f"{r['file']}: {r['seconds']} s")
    assert bad == [], "\n".join(bad)
